"""Messages that the interface can show in its own language.

A `Message` is an English sentence (so the CLI, logs and tests read it as a plain `str`) that also
keeps its template and parameters: the GUI looks the template up in the translations and fills in the
same parameters, instead of guessing the template back from the English sentence.

Templates are written as `QT_TRANSLATE_NOOP("Messages", "…{name}…")` where they are used, so that Qt's
lupdate collects them into the .ts files; here that call only returns its text (no Qt in core/).
"""

from __future__ import annotations

from typing import Any

CONTEXT = "Messages"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate looks for)
    """Marks `text` for translation under `context`; returns it unchanged."""
    return text


class Message(str):
    """An English sentence with the template and parameters it was made from."""

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, **params: Any) -> Message:
        obj = super().__new__(cls, template.format(**params) if params else template)
        obj.template = template
        obj.params = params
        return obj

    def __reduce__(self):  # pickling (worker processes) keeps the structure
        return (_rebuild, (self.template, self.params))

    def render(self, translate) -> str:
        """The sentence with `translate(template)` as its template; parameters that are Messages
        themselves are rendered the same way."""
        params = {k: v.render(translate) if isinstance(v, Message) else v for k, v in self.params.items()}
        text = translate(self.template) or self.template
        try:
            return text.format(**params) if params else text
        except (KeyError, IndexError, ValueError):  # a translation that lost a placeholder
            return self.template.format(**params) if params else self.template


def _rebuild(template: str, params: dict[str, Any]) -> Message:
    return Message(template, **params)


def joined(separator: str, items: list) -> Message:
    """`items` joined by `separator` as one Message, so that the items that are Messages themselves
    still show translated (a plain `separator.join` would keep only their English)."""
    names = [f"p{i}" for i in range(len(items))]
    template = separator.join("{" + n + "}" for n in names)
    return Message(template, **dict(zip(names, items, strict=True)))
