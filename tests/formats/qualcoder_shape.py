"""A .qdpx written the way QualCoder's REFI-QDA export writes one (qualcoder/refi.py, RefiExport:
project_xml, codebook_xml, sources_xml, text_selection_xml, create_annotation_note_xml), for tests.

What QualCoder does, and this writer copies:
- attributes and text escaped with `html.escape`, so line breaks inside the `name` quote of a
  selection stay raw (an XML parser turns them into spaces);
- dates as `yyyy-mm-ddThh:mm:ssZ` (`convert_timestamp`);
- a coding's memo in the selection's `<Description>`, before `<Coding>`; the Coding has a
  `creatingUser` but no date;
- categories as codes with `isCodable="false"` holding their codes;
- each source as `sources/<guid>.txt` with `plainTextPath` and a `richTextPath` beside it;
- text annotations (memos on a passage, no code) as `<Note>`s holding `<PlainTextContent>` and a
  `<PlainTextSelection>`; only the first one of each file is linked from its source by `<NoteRef>`.
"""

from __future__ import annotations

import html
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class QcCoding:
    code: str
    start: int
    end: int
    owner: str
    date: str  # QualCoder's "yyyy-mm-dd hh:mm:ss"
    memo: str = ""


@dataclass
class QcSource:
    name: str
    text: str
    owner: str
    codings: list[QcCoding] = field(default_factory=list)
    annotations: list[tuple[int, int, str, str]] = field(default_factory=list)  # start, end, memo, owner


def _guid() -> str:
    return str(uuid.uuid4())


def _ts(value: str) -> str:
    return f"{value[0:10]}T{value[11:]}Z"


def write(
    path: Path, sources: list[QcSource], categories: dict[str, list[str]], colours: dict[str, str]
) -> None:
    users = {
        u: _guid() for u in sorted({s.owner for s in sources} | {c.owner for s in sources for c in s.codings})
    }
    codes = {name: _guid() for names in categories.values() for name in names}
    xml = [
        '<?xml version="1.0" encoding="utf-8"?>\n',
        '<Project xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'name="{html.escape("判决研究.qda")}" origin="QualCoder 3.5" creatingUserGUID="{_guid()}" '
        'creationDateTime="2024-03-01T09:00:00Z" xmlns="urn:QDA-XML:project:1.0">\n',
        "<Users>\n",
    ]
    xml += [f'<User guid="{g}" name="{html.escape(u)}" />\n' for u, g in users.items()]
    xml += ["</Users>\n", "<CodeBook>\n<Codes>\n"]
    for cat, names in categories.items():
        xml.append(f'<Code guid="{_guid()}" name="{html.escape(cat)}" isCodable="false">\n')
        for n in names:
            xml.append(
                f'<Code guid="{codes[n]}" name="{html.escape(n)}" isCodable="true" color="{colours[n]}" />\n'
            )
        xml.append("</Code>\n")
    xml += ["</Codes>\n</CodeBook>\n", "<Sources>\n"]
    files: dict[str, str] = {}
    notes: list[str] = []
    for s in sources:
        g, plain = _guid(), _guid() + ".txt"
        files[plain] = s.text
        xml.append(
            f'<TextSource richTextPath="internal://{g}.txt" plainTextPath="internal://{plain}" '
            f'creatingUser="{users[s.owner]}" creationDateTime="2024-03-01T09:00:00Z" guid="{g}" '
            f'name="{html.escape(s.name)}">\n'
        )
        for c in s.codings:
            xml.append(
                f'<PlainTextSelection guid="{_guid()}" startPosition="{c.start}" endPosition="{c.end}" '
                f'name="{html.escape(s.text[c.start : c.end])}" creatingUser="{users[c.owner]}" '
                f'creationDateTime="{_ts(c.date)}">\n'
            )
            if c.memo:
                xml.append(f"<Description>{html.escape(c.memo)}</Description>\n")
            xml.append(
                f'<Coding guid="{_guid()}" creatingUser="{users[c.owner]}" >\n'
                f'<CodeRef targetGUID="{codes[c.code]}" />\n</Coding>\n</PlainTextSelection>\n'
            )
        for i, (start, end, memo, owner) in enumerate(s.annotations):
            note = _guid()
            if i == 0:
                xml.append(f'<NoteRef targetGUID="{note}" />\n')
            notes.append(
                f'<Note guid="{note}" creatingUser="{users[owner]}" creationDateTime="2024-03-02T10:00:00Z" >\n'
                f"<PlainTextContent>{memo}</PlainTextContent>\n"
                f'<PlainTextSelection guid="{_guid()}" startPosition="{start}" endPosition="{end}" />\n'
                "</Note>\n"
            )
        xml.append("</TextSource>\n")
    xml.append("</Sources>\n")
    if notes:
        xml += ["<Notes>\n", *notes, "</Notes>\n"]
    xml += ["<Description></Description>\n", "</Project>"]
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("project.qde", "".join(xml).encode("utf-8"))
        for name, text in files.items():
            z.writestr(f"Sources/{name}", text.encode("utf-8"))
