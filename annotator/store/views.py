"""SQL views for researchers who query the project file directly (DB Browser, R, pandas).

Plain SQL that SQLite and PostgreSQL both accept. Documented in the README; keep the two in step.
"""

from __future__ import annotations

VIEWS: dict[str, str] = {
    # One row per live annotation, with everything needed to read it without joins.
    "annotation_view": """
        SELECT a.id AS annotation_id, a.uuid AS annotation_uuid,
               d.id AS document_id, d.uuid AS document_uuid, d.title AS document_title,
               c.id AS category_id, c.name AS category, c.name_en AS category_en,
               p.name AS parent_category,
               u.name AS annotator, a.start AS start_offset, a."end" AS end_offset,
               a.text AS passage, a.before AS context_before, a.after AS context_after,
               a.memo AS memo, a.created AS created, a.updated AS updated
        FROM annotation a
        JOIN document d ON d.id = a.document_id
        JOIN category c ON c.id = a.category_id
        LEFT JOIN category p ON p.id = c.parent_id
        JOIN annotator u ON u.id = a.annotator_id
        WHERE a.deleted_at IS NULL AND d.removed_at IS NULL
    """,
    # One row per document with its size and number of live annotations.
    "document_view": """
        SELECT d.id AS document_id, d.uuid AS document_uuid, d.title AS title,
               d.length AS characters, d.source_name AS source_name, d.source_format AS source_format,
               d.meta AS meta, d.imported_at AS imported_at,
               (SELECT COUNT(*) FROM annotation a
                 WHERE a.document_id = d.id AND a.deleted_at IS NULL) AS annotations
        FROM document d
        WHERE d.removed_at IS NULL
    """,
    # Tag counts per category and annotator.
    "category_count_view": """
        SELECT c.id AS category_id, c.name AS category, c.name_en AS category_en,
               u.name AS annotator, COUNT(a.id) AS annotations
        FROM category c
        JOIN annotation a ON a.category_id = c.id AND a.deleted_at IS NULL
        JOIN document d ON d.id = a.document_id AND d.removed_at IS NULL
        JOIN annotator u ON u.id = a.annotator_id
        GROUP BY c.id, c.name, c.name_en, u.name
    """,
}


def create_views(db) -> None:
    for name, sql in VIEWS.items():
        db.execute_sql(f"DROP VIEW IF EXISTS {name}")
        db.execute_sql(f"CREATE VIEW {name} AS {sql}")
