"""The reading pane, shared by the document room and the review room's curation panes: a read-only view of
one document that paints its tags itself (view.py), the painting of highlights, overlaps and find hits
(painting.py), Chinese-aware selection and edge drags (pointer.py), the overview strip (overview.py) and
the look (style.py)."""

from annotator.ui.common.document_view.overview import OverviewStrip
from annotator.ui.common.document_view.style import HIT_COLOR, cjk_font
from annotator.ui.common.document_view.view import DocumentView

__all__ = ["HIT_COLOR", "DocumentView", "OverviewStrip", "cjk_font"]
