"""What `detect` finds in a judgment: the parties, the sections and the whole structure, as plain records."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from annotator.text.citations import Citation
from annotator.text.section_kinds import SECTION_LABELS


@dataclass(frozen=True, slots=True)
class Party:
    role: str  # 原告, 上诉人, 被告人, 委托诉讼代理人 …
    name: str
    start: int  # the entry: from its role to the end of its sentence
    end: int
    original_role: str = ""  # 原审被告 in 上诉人（原审被告）
    representative: bool = False  # a lawyer or legal representative rather than a party


@dataclass(frozen=True, slots=True)
class Section:
    kind: str
    start: int
    end: int

    @property
    def label(self) -> str:
        return SECTION_LABELS.get(self.kind, self.kind)


@dataclass
class JudgmentStructure:
    case_number: str = ""
    cited_cases: list[str] = field(default_factory=list)
    court: str = ""
    document_type: str = ""  # 民事判决书, 行政裁定书 …
    case_kind: str = ""  # 民事, 刑事, 刑事附带民事, 行政, 执行, 国家赔偿
    procedure: str = ""  # 一审, 二审, 再审, 再审审查, 执行, 减刑/假释, 非诉审查, …
    date: str = ""  # ISO 8601 (YYYY-MM-DD)
    year: int | None = None
    cause: str = ""  # 案由
    parties: list[Party] = field(default_factory=list)
    judges: list[tuple[str, str]] = field(default_factory=list)  # (role, name)
    clerk: str = ""
    sections: list[Section] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return bool(self.case_number or self.document_type)

    def section_at(self, offset: int) -> str | None:
        for s in self.sections:
            if s.start <= offset < s.end:
                return s.kind
        return None

    def meta(self) -> dict[str, Any]:
        """The facts as JSON-friendly document metadata (the sections go to their own table)."""
        out: dict[str, Any] = {}
        for key in (
            "case_number",
            "court",
            "document_type",
            "case_kind",
            "procedure",
            "date",
            "cause",
            "clerk",
        ):
            value = getattr(self, key)
            if value:
                out[key] = value
        if self.year:
            out["year"] = self.year
        if self.cited_cases:
            out["cited_cases"] = list(self.cited_cases)
        if self.parties:
            out["parties"] = [
                {
                    "role": p.role,
                    "name": p.name,
                    **({"original_role": p.original_role} if p.original_role else {}),
                    **({"representative": True} if p.representative else {}),
                }
                for p in self.parties
            ]
        if self.judges:
            out["judges"] = [{"role": r, "name": n} for r, n in self.judges]
        if self.citations:
            seen: dict[tuple, dict] = {}
            for c in self.citations:
                entry = {"statute": c.statute, "article": c.article, "paragraph": c.paragraph}
                if c.article_suffix:
                    entry["article_suffix"] = c.article_suffix
                seen.setdefault(c.key(), entry)
            out["statutes"] = list(seen.values())
        return out
