"""`labelstudio-config`: the labelling config for a Label Studio project that is to open the tasks of
the `labelstudio` export: a `<Labels>` tag with one `<Label>` per category (its name and colour) on a
`<Text>` tag reading `$text`. Paste it into the project's Settings → Labeling Interface → Code, then
import the tasks file.

The names (`label`, `text`) are the ones the tasks' results refer to (`from_name`, `to_name`); memos
travel as each region's `meta.text`, which Label Studio shows and edits without a tag of its own."""

from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import quoteattr

from annotator.formats.base import ExportData, ExportOptions, Progress, report
from annotator.formats.labelstudio import FROM_NAME, TO_NAME

NAME = "labelstudio-config"
LABEL = "Label Studio labelling config (XML)"
EXTENSION = ".xml"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def config_xml(data: ExportData) -> str:
    lines = ["<View>", f'  <Labels name="{FROM_NAME}" toName="{TO_NAME}">']
    seen: set[str] = set()
    for c in data.categories:
        name = _NOT_XML.sub("", c.name)
        if name in seen:  # Label Studio needs each value once
            continue
        seen.add(name)
        colour = (
            f" background={quoteattr(c.color)}" if re.fullmatch(r"#[0-9A-Fa-f]{6}", c.color or "") else ""
        )
        hint = f" hint={quoteattr(_NOT_XML.sub('', c.name_en))}" if c.name_en else ""
        lines.append(f"    <Label value={quoteattr(name)}{colour}{hint}/>")
    lines += [
        "  </Labels>",
        f'  <Text name="{TO_NAME}" value="${TO_NAME}" granularity="symbol"/>',
        "</View>",
        "",
    ]
    return "\n".join(lines)


def export(
    data: ExportData, path: str | Path, options: ExportOptions, progress: Progress | None = None
) -> None:
    report(progress, 0, 1)
    Path(path).write_text(config_xml(data), encoding="utf-8")
    report(progress, 1, 1)
