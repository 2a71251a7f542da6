"""The import's matcher and writer: what an annotation file's records are in this project (users,
categories, documents, tags placed on our text, with the problems that stop an import), and writing
them in the import's transaction (services/imports.py is the front end that calls both).

Documents are found by uuid, then by the SHA-256 of their text (services/matching.py); a tag whose
document's text in the file differs from ours is placed by its quoted passage and context, never
shifted to fit. New tags go through the intake matcher and the one bulk writer (services/intake.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from annotator import store
from annotator.core.changes import Changes
from annotator.core.codebook import CodebookEntry, name_problem
from annotator.core.context import CONTEXT_CHARS, anchor, reanchor
from annotator.core.errors import InputError
from annotator.core.intake import Incoming, IncomingCategory, IncomingTag
from annotator.core.messages import QT_TRANSLATE_NOOP, Message, joined
from annotator.core.model import Category, new_uuid, new_uuids
from annotator.core.shorten import shorten
from annotator.formats.base import Progress
from annotator.services.intake import CategoryIndex, PlacedTag, match_tags, write_tags
from annotator.services.matching import UUID_OTHER_TEXT, DocumentIndex, DocumentMatch, match_document

# Colours for categories a file names without one (distinct, readable behind black text).
_PALETTE = ("#F4A261", "#8ECAE6", "#B5E48C", "#FFB4A2", "#CDB4DB", "#FFD166", "#A8DADC", "#E9C46A")
MAX_LISTED = 12  # problems listed in one error message; the rest are counted


@dataclass
class ImportPlan:
    """What importing a file would do, for the preview; nothing has been written."""

    path: str
    format: str
    documents_new: list[str] = field(default_factory=list)  # titles
    documents_matched: list[str] = field(default_factory=list)
    categories_new: list[str] = field(default_factory=list)  # defined by the file (its codebook)
    categories_unknown: list[str] = field(default_factory=list)  # only named by the file
    users_new: list[str] = field(default_factory=list)
    annotations_new: int = 0
    annotations_known: int = 0  # already in the project: skipped
    problems: list[str] = field(default_factory=list)  # per coding; stop the import unless skipped
    notes: list[str] = field(default_factory=list)  # reported, not fatal


def problem_text(problems: list[str]) -> Message:
    """The problems, counted and listed (each as the file's reader worded it)."""
    head = joined("; ", problems[:MAX_LISTED])
    if len(problems) > MAX_LISTED:
        return Message(
            QT_TRANSLATE_NOOP("Messages", "{n} problems: {list}; and {more} more"),
            n=len(problems),
            list=head,
            more=len(problems) - MAX_LISTED,
        )
    if len(problems) == 1:
        return Message(QT_TRANSLATE_NOOP("Messages", "1 problem: {list}"), list=head)
    return Message(QT_TRANSLATE_NOOP("Messages", "{n} problems: {list}"), n=len(problems), list=head)


class ImportMatcher:
    """Matches a bundle against the project (reads only) and then writes it (inside a transaction)."""

    def __init__(self, bundle: Incoming, annotator: str | None, add_categories: bool) -> None:
        self.bundle = bundle
        self.add_categories = add_categories
        self.plan = ImportPlan(
            path=bundle.path, format=bundle.format, notes=list(bundle.notes), problems=list(bundle.problems)
        )
        self.default_user = (annotator or "").strip() or None
        self._default: int | str | None = None
        self._match_users()
        self._match_categories()
        self._match_documents()
        self._match_annotations()
        self._check_new_names()

    def _check_new_names(self) -> None:
        """Names of categories this import would create must be usable everywhere (no control characters)."""
        new = self.plan.categories_new + (self.plan.categories_unknown if self.add_categories else [])
        for name in new:
            problem = name_problem(name)
            if problem:
                raise InputError(
                    Message(
                        QT_TRANSLATE_NOOP("Messages", "{problem}; nothing was imported"), problem=problem
                    ),
                    path=self.bundle.path,
                )

    # Users: by uuid, then by name; new ones are created.
    def _match_users(self) -> None:
        self.users: dict[str, int | str] = {}  # key -> annotator id, or the name of one to create
        for u in self.bundle.users:
            found = (
                store.annotators.find_annotator(uuid=u.uuid) if u.uuid else None
            ) or store.annotators.find_annotator(name=u.name)
            if found:
                self.users[u.key] = found.id
            else:
                self.users[u.key] = u.name
                if u.name not in self.plan.users_new:
                    self.plan.users_new.append(u.name)

    # Categories: the file's own (by uuid, then name) and names it only uses.
    def _match_categories(self) -> None:
        self.index = CategoryIndex()
        self.defined: dict[str, IncomingCategory] = {c.key: c for c in self.bundle.categories}
        self.categories: dict[str, int | None] = {}  # key or name -> id (None: to be created)
        for c in self.bundle.categories:
            found = self.index.live_uuid(c.uuid) or self.index.loosely_named(c.name)
            self.categories[c.key] = found.id if found else None
            if not found:
                self.plan.categories_new.append(c.name)

    def _category_for(self, key: str) -> tuple[bool, int | None]:
        """(known, id) for a coding's category key; unknown names are collected for the plan."""
        if key in self.categories:
            return True, self.categories[key]
        found = self.index.loosely_named(key)
        if found:
            self.categories[key] = found.id
            return True, found.id
        if key not in self.plan.categories_unknown:
            self.plan.categories_unknown.append(key)
        return False, None

    # Documents: by uuid, then by the SHA-256 of the text (stored, then as delivered: see
    # services/matching.py); others are created when the file has the text.
    def _match_documents(self) -> None:
        self.documents: dict[str, int | None] = {}
        self.texts: dict[str, str] = {}
        self.matches: dict[str, DocumentMatch] = {}
        self.file_texts: dict[str, str] = {}  # matched by uuid, but the file's text is another one
        index = DocumentIndex()
        for d in self.bundle.documents:
            found = match_document(uuid=d.uuid, text=d.text, index=index)
            if found:
                self.documents[d.key] = found.document_id
                self.texts[d.key] = found.stored
                self.plan.documents_matched.append(found.title)
                if found.how == UUID_OTHER_TEXT:
                    # Same uuid, other text (a sentence added): the file's offsets count in its own
                    # text. Its tags are placed by quote and context, never as numbers.
                    self.file_texts[d.key] = found.file_text
                    self.plan.notes.append(
                        f"document “{found.title}”: the file's text differs from the "
                        "project's; its tags are placed by their quoted passage and context"
                    )
                elif found.map:
                    self.matches[d.key] = found
                    self.plan.notes.append(
                        f"document “{d.title}” matches “{found.title}” by its text as "
                        "delivered; offsets are carried through the recorded "
                        f"{', '.join(found.map.names)} step(s)"
                    )
            elif d.text is not None and d.text.strip():
                self.documents[d.key] = None
                self.texts[d.key] = d.text
                self.plan.documents_new.append(d.title)
            else:
                self.plan.notes.append(
                    f"document “{d.title}” is not in the project and the file does not "
                    "carry its text; its tags are skipped"
                )

    def _match_annotations(self) -> None:
        """Check each coding against its document's text (problems), place it, and let the intake
        matcher tell new codings from those already here (by uuid, then span, category and annotator)."""
        placed: list[PlacedTag] = []
        problems = self.plan.problems
        texts, file_texts, matches, documents = self.texts, self.file_texts, self.matches, self.documents
        for a in self.bundle.annotations:
            text = texts.get(a.document_key)
            if text is None:
                continue
            if a.document_key in file_texts:
                a = self._placed(a, file_texts[a.document_key], text)
                if a is None:
                    continue
            start, end = a.start, a.end
            match = matches.get(a.document_key)
            if match is not None and type(start) is int and type(end) is int:
                # offsets over the file's text: check the quote there, then carry them to ours
                file_len = len(match.file_text or "")
                if not 0 <= start < end <= file_len or not match.quote_ok(start, end, a.quote):
                    problems.append(
                        Message(
                            QT_TRANSLATE_NOOP(
                                "Messages", "{where}: span [{start}, {end}) does not fit the file's own text"
                            ),
                            where=a.where,
                            start=start,
                            end=end,
                        )
                    )
                    continue
                mapped = match.span(start, end)
                if mapped is None:
                    problems.append(
                        Message(
                            QT_TRANSLATE_NOOP(
                                "Messages",
                                "{where}: span [{start}, {end}) covers only characters "
                                "that a recorded normalisation removed",
                            ),
                            where=a.where,
                            start=start,
                            end=end,
                        )
                    )
                    continue
                a = replace(a, start=mapped[0], end=mapped[1], quote=None)
                start, end = a.start, a.end
            if not (isinstance(start, int) and isinstance(end, int)) or not 0 <= start < end <= len(text):
                problems.append(
                    Message(
                        QT_TRANSLATE_NOOP(
                            "Messages",
                            "{where}: span [{start}, {end}) is outside the text (0–{n} characters) or empty",
                        ),
                        where=a.where,
                        start=start,
                        end=end,
                        n=len(text),
                    )
                )
                continue
            if a.quote is not None and text[start:end] != a.quote:
                problems.append(
                    Message(
                        QT_TRANSLATE_NOOP(
                            "Messages",
                            "{where}: offsets {start}–{end} do not match the text "
                            "(file quotes “{quote}”, text has “{found}”)",
                        ),
                        where=a.where,
                        start=start,
                        end=end,
                        quote=shorten(a.quote, 20),
                        found=shorten(text[start:end], 20),
                    )
                )
                continue
            known, cat = self._category_for(a.category_key)
            if not known and not self.add_categories:
                continue
            placed.append(
                PlacedTag(a, documents[a.document_key], start, end, cat, self._user_for(a.user_key))
            )
        # A coding whose uuid is here already is skipped whatever it says (the file cannot tell which
        # side is newer; merging a project or bundle shows such conflicts).
        tag_plan = match_tags(placed)
        self.plan.annotations_known = tag_plan.identical + len(tag_plan.conflicts) + tag_plan.removed_here
        self.accepted = [p.tag for p in tag_plan.add]
        self.plan.annotations_new = len(self.accepted)

    def _placed(self, a: IncomingTag, file_text: str, text: str) -> IncomingTag | None:
        """A tag of a document whose text in the file differs from the project's, moved to where its
        passage is in the project's text (exact quote, decided by context); None (and a problem) when
        it cannot be placed without guessing."""
        if not (isinstance(a.start, int) and isinstance(a.end, int)) or not 0 <= a.start < a.end <= len(
            file_text
        ):
            self.plan.problems.append(
                Message(
                    QT_TRANSLATE_NOOP(
                        "Messages",
                        "{where}: span [{start}, {end}) is outside the file's text (0–{n} characters) or empty",
                    ),
                    where=a.where,
                    start=a.start,
                    end=a.end,
                    n=len(file_text),
                )
            )
            return None
        if a.quote is not None and file_text[a.start : a.end] != a.quote:
            self.plan.problems.append(
                Message(
                    QT_TRANSLATE_NOOP(
                        "Messages", "{where}: offsets {start}–{end} do not match the file's own text"
                    ),
                    where=a.where,
                    start=a.start,
                    end=a.end,
                )
            )
            return None
        where = reanchor(text, anchor(file_text, a.start, a.end), a.start)
        if where is None:
            self.plan.problems.append(
                Message(
                    QT_TRANSLATE_NOOP(
                        "Messages",
                        "{where}: not placed: “{quote}” is not found "
                        "(once, or told apart by its context) in the project's text of this "
                        "document, which differs from the file's",
                    ),
                    where=a.where,
                    quote=shorten(file_text[a.start : a.end], 20),
                )
            )
            return None
        return replace(a, start=where[0], end=where[1], quote=text[where[0] : where[1]])

    def _user_for(self, key: str | None) -> int | str:
        if key is not None and key in self.users:
            return self.users[key]
        if self._default is None:
            name = self.default_user or "imported"
            found = store.annotators.find_annotator(name=name)
            self._default = found.id if found else name
        return self._default

    # Writing ---------------------------------------------------------------------------------------
    def write(self, progress: Progress | None = None) -> Changes:
        users_made: dict[str, int] = {}

        def user_id(value: int | str) -> int:
            if isinstance(value, int):
                return value
            if value not in users_made:
                users_made[value] = (
                    store.annotators.find_annotator(name=value) or store.annotators.insert_annotator(value)
                ).id
            return users_made[value]

        for u in self.bundle.users:
            if not isinstance(self.users[u.key], int) and u.name == self.users[u.key]:
                if store.annotators.find_annotator(name=u.name) is None:
                    users_made[u.name] = store.annotators.insert_annotator(u.name, uuid=u.uuid).id
        categories_added = self._write_categories()
        documents_added = []
        doc_index = {d.key: d for d in self.bundle.documents}
        tagged = {a.document_key for a in self.accepted}
        # Indexed for search after the commit (services/imports.py says why); found by search meanwhile.
        with store.search.deferred_indexing():
            for key, doc_id in list(self.documents.items()):
                if doc_id is None and key in tagged:
                    d = doc_index[key]
                    info = store.documents.insert_document(
                        title=d.title,
                        text=d.text,
                        source_name=d.source_name,
                        source_format=self.bundle.format,
                        meta=d.meta,
                        uuid=d.uuid,
                    )
                    self.documents[key] = info.id
                    documents_added.append(info)
        rows, unusable = self._tag_rows(user_id)
        added = write_tags(rows, progress)
        messages = list(self.plan.notes)
        if unusable:
            messages.append(
                f"tags of {', '.join(sorted(unusable))} skipped: the category was deleted in this project"
            )
        if self.plan.problems:
            messages.append(f"{Path(self.bundle.path).name}: skipped " + problem_text(self.plan.problems))
        if self.plan.annotations_known:
            messages.append(f"{self.plan.annotations_known} tag(s) were already in the project; skipped")
        name = Path(self.bundle.path).name
        return Changes(
            action=Message(
                QT_TRANSLATE_NOOP("Messages", "Import {n} tags from {name}"), n=len(added), name=name
            ),
            annotations_added=tuple(added),
            documents_added=tuple(documents_added),
            categories_added=tuple(categories_added),
            messages=tuple(messages),
        )

    def _tag_rows(self, user_id) -> tuple[list[tuple], set[str]]:
        """The accepted tags as the bulk writer's rows (one per span, category and annotator unless it
        has its own uuid), and the names of categories deleted here whose tags are skipped."""
        rows, made = [], set()
        unusable: set[str] = set()
        # Per tag only what differs: uuids made in one go, each annotator's id looked up once.
        fresh = iter(new_uuids(sum(1 for a in self.accepted if not a.uuid)))
        uid_of: dict[str | None, int] = {}
        texts, categories, documents = self.texts, self.categories, self.documents
        for a in self.accepted:
            text = texts[a.document_key]
            cat = categories[a.category_key]
            if cat is None:  # its uuid belongs to a category deleted in this project
                unusable.add(
                    self.defined[a.category_key].name if a.category_key in self.defined else a.category_key
                )
                continue
            uid = uid_of.get(a.user_key)
            if uid is None:
                uid = uid_of[a.user_key] = user_id(self._user_for(a.user_key))
            key = (documents[a.document_key], a.start, a.end, cat, uid)
            if key in made and not a.uuid:
                continue
            made.add(key)
            start, end = a.start, a.end
            rows.append(
                (
                    a.uuid or next(fresh),
                    key[0],
                    uid,
                    cat,
                    start,
                    end,
                    text[start:end],
                    text[max(0, start - CONTEXT_CHARS) : start],
                    text[end : end + CONTEXT_CHARS],
                    a.memo,
                    a.created,
                )
            )
        return rows, unusable

    def _write_categories(self) -> list[Category]:
        """Create the file's new categories (keeping its hierarchy) and, if allowed, the unknown names."""
        added: list[Category] = []
        entries: dict[str, CodebookEntry] = {}
        colour = iter(_PALETTE * 1000)
        roots: list[tuple[CodebookEntry, int | None]] = []
        for c in self.bundle.categories:
            if self.categories[c.key] is not None:
                continue
            entry = CodebookEntry(
                name=c.name,
                uuid=c.uuid or new_uuid(),
                color=c.color or next(colour),
                description=c.description,
            )
            entries[c.key] = entry
            parent = c.parent_key
            if parent is not None and parent in entries:
                entries[parent].children.append(entry)
            else:
                roots.append((entry, self.categories.get(parent) if parent else None))
        if self.add_categories:
            for name in self.plan.categories_unknown:
                entry = CodebookEntry(name=name, color=next(colour))
                entries[name] = entry
                roots.append((entry, None))
        for entry, parent_id in roots:
            added.extend(store.codebook.insert_codebook([entry], parent_id=parent_id))
        by_uuid = {c.uuid: c.id for c in added}
        for key, entry in entries.items():
            self.categories[key] = by_uuid.get(entry.uuid, self.categories.get(key))
        return added
