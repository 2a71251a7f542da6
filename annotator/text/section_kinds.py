"""The parts of a judgment the structure detector (`text/judgment/`) marks, with their Chinese labels.
A module of its own so that the window's search and filter panels can list them without importing
the detector and compiling its patterns at start-up."""

# In document order, stored in the project as these English keys.
SECTION_KINDS = ("header", "parties", "procedure", "claims", "facts", "reasoning", "decision", "closing")
SECTION_LABELS = {
    "header": "首部",
    "parties": "当事人",
    "procedure": "审理经过",
    "claims": "诉辩意见",
    "facts": "事实",
    "reasoning": "本院认为",
    "decision": "裁判主文",
    "closing": "尾部",
}
