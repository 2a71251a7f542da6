"""Working in the open document: the reading pane (view, painting of highlights, pointer handling, overview
strip), editing tags, the find bar, reading preferences, undoing text steps."""

from annotator.ui.document.overview import OverviewStrip
from annotator.ui.document.style import HIT_COLOR, cjk_font
from annotator.ui.document.view import DocumentView

__all__ = ["HIT_COLOR", "DocumentView", "OverviewStrip", "cjk_font"]
