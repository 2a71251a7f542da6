"""Every visible string reaches the .ts files: lupdate only sees literal strings in `tr(…)`,
`translate("Context", …)` and `QT_TRANSLATE_NOOP` calls, so a helper that takes just the text and calls
translate itself hides each string passed to it (ui/versions.py and ui/recovery.py had one)."""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from annotator.ui.common import i18n

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "annotator_zh_CN.ts"


def _wrappers(tree: ast.AST) -> set[str]:
    """Functions that pass one of their parameters to translate()/tr() as the source text."""
    found = set()
    for fn in ast.walk(tree):
        if not isinstance(fn, ast.FunctionDef):
            continue
        params = {a.arg for a in fn.args.args}
        for call in ast.walk(fn):
            if not isinstance(call, ast.Call):
                continue
            name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
            index = 1 if name == "translate" else 0 if name == "tr" else None
            if (
                index is not None
                and len(call.args) > index
                and isinstance(call.args[index], ast.Name)
                and call.args[index].id in params
            ):
                found.add(fn.name)
    return found


def test_no_string_hides_behind_a_translating_helper():
    hidden = []
    for path in sorted((ROOT / "annotator").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        wrappers = _wrappers(tree)
        for call in ast.walk(tree):
            if (
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Name)
                and call.func.id in wrappers
                and call.args
                and isinstance(call.args[0], ast.Constant)
                and isinstance(call.args[0].value, str)
            ):
                hidden.append(
                    f"{path.relative_to(ROOT)}:{call.lineno} {call.func.id}({call.args[0].value!r})"
                )
    assert hidden == [], 'strings lupdate cannot see (call translate("Context", …) directly):\n' + "\n".join(
        hidden
    )


def test_the_corrected_version_and_recovery_strings_are_translated(qapp):
    contexts = {
        c.findtext("name"): {m.findtext("source"): m.findtext("translation") for m in c.iter("message")}
        for c in ET.parse(TS).getroot().iter("context")
    }
    for context, source in (
        ("CorrectedVersion", "Import corrected version"),
        ("CorrectedVersion", "Documents ({patterns})"),
        ("Recovery", "Restored the backup {backup}; the replaced file is kept as {aside}."),
        ("Recovery", "Damaged project"),
    ):
        assert contexts.get(context, {}).get(source), (context, source)
    i18n.load_translations(QApplication.instance(), "zh_CN")
    try:
        assert QCoreApplication.translate("CorrectedVersion", "Import corrected version") == "导入更正版本"
        assert QCoreApplication.translate("Recovery", "Damaged project") == "项目已损坏"
    finally:
        i18n.load_translations(QApplication.instance(), "en")
