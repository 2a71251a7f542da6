"""Numbered schema migrations. Each module has `VERSION` and `apply(db)` and uses frozen model copies,
so that later changes to `store/models.py` never change what an old migration does."""

from annotator.store.migrations import (
    m001_initial,
    m002_search_structure,
    m003_workbench,
    m004_review,
    m005_document_history,
    m006_document_source,
    m007_suggestions,
    m008_tag_columns,
    m009_search_pending,
    m010_token_units,
)

MIGRATIONS = [
    m001_initial,
    m002_search_structure,
    m003_workbench,
    m004_review,
    m005_document_history,
    m006_document_source,
    m007_suggestions,
    m008_tag_columns,
    m009_search_pending,
    m010_token_units,
]
LATEST = MIGRATIONS[-1].VERSION
