"""Importing annotation files (qdpx, jsonl, brat, ...) into the project: one front end of the intake
pipeline (services/intake.py); merging a colleague's project or bundle is the other.

Reading a file never writes anything. `plan()` matches what was read against the project and tells
what an import would add (the import dialog shows it); `import_file()` does it in one transaction and
returns the `Changes`, so the GUI can show and undo it. Importing the same file twice adds nothing:
annotations are matched by uuid where the format carries one, otherwise by document, span, category
and annotator. Offsets are never shifted to fit: a coding whose offsets do not fit the text is a
problem, and problems stop the import unless the user asks to import the rest. The matching and writing are in
services/import_matcher.py.

New documents are indexed for search after the import has committed (`project.search.index_pending`, in batches; see
store/migrations/m009_search_pending.py): indexing their text is most of a large import's time, and
search finds them meanwhile by reading their text.
"""

from __future__ import annotations

from pathlib import Path

from annotator import store
from annotator.core.changes import Changes
from annotator.core.errors import InputError
from annotator.core.intake import Incoming
from annotator.core.messages import QT_TRANSLATE_NOOP, Message
from annotator.formats import registry
from annotator.formats.base import Progress
from annotator.formats.bundle_checks import check_bundle
from annotator.services.import_matcher import MAX_LISTED, ImportMatcher, ImportPlan, problem_text

__all__ = ["ImportPlan", "ImportService"]


class ImportService:
    def __init__(self, project) -> None:
        self.project = project

    def formats(self) -> list[tuple[str, str, tuple[str, ...]]]:
        """(name, label, file extensions) of every format that can import annotations."""
        return [(m.NAME, m.LABEL, registry.import_extensions(m)) for m in registry.importers()]

    def read(
        self, path: str | Path, format_name: str | None = None, options: dict[str, str] | None = None
    ) -> Incoming:
        """Read a file into a bundle. `options` are the format's own reading options (its
        IMPORT_OPTIONS, e.g. doccano's `text_field`); empty values are left out."""
        module = registry.get(format_name) if format_name else registry.for_import(path)
        if not hasattr(module, "import_"):
            raise InputError(
                Message(
                    QT_TRANSLATE_NOOP("Messages", "the {name} format can only be exported"), name=module.NAME
                ),
                path=str(path),
            )
        given = {k: v for k, v in (options or {}).items() if v}
        unknown = sorted(set(given) - set(getattr(module, "IMPORT_OPTIONS", ())))
        if unknown:
            raise InputError(
                Message(
                    QT_TRANSLATE_NOOP("Messages", "the {name} format has no option {options}"),
                    name=module.NAME,
                    options=", ".join(unknown),
                ),
                path=str(path),
            )
        return check_bundle(module.import_(Path(path), **given))  # lone surrogates, one uuid for two codings

    def import_options(self, path: str | Path, format_name: str | None = None) -> tuple[str, ...]:
        """The reading options the format of this file takes (for the dialog to offer)."""
        try:
            module = registry.get(format_name) if format_name else registry.for_import(path)
        except InputError:
            return ()
        return tuple(getattr(module, "IMPORT_OPTIONS", ()))

    def plan(
        self, bundle: Incoming, *, annotator: str | None = None, add_categories: bool = False
    ) -> ImportPlan:
        return ImportMatcher(bundle, annotator, add_categories).plan

    def import_file(
        self,
        path: str | Path,
        format_name: str | None = None,
        *,
        annotator: str | None = None,
        add_categories: bool = False,
        skip_bad: bool = False,
        progress: Progress | None = None,
        options: dict[str, str] | None = None,
    ) -> Changes:
        """Import one file. `annotator` names whoever made tags the file does not attribute; unknown
        categories are added only with `add_categories`; problems stop the import unless `skip_bad`."""
        return self.apply(
            self.read(path, format_name, options),
            annotator=annotator,
            add_categories=add_categories,
            skip_bad=skip_bad,
            progress=progress,
        )

    def apply(
        self,
        bundle: Incoming,
        *,
        annotator: str | None = None,
        add_categories: bool = False,
        skip_bad: bool = False,
        progress: Progress | None = None,
    ) -> Changes:
        """Write the bundle in one transaction. `progress(done, total)` returning False cancels: the
        transaction rolls back and `Cancelled` is raised, leaving the project as it was."""
        # The large page cache spares the tag table's indexes being re-read page by page (commit included).
        with store.project.bulk_cache(), store.project.transaction():
            matcher = ImportMatcher(bundle, annotator, add_categories)
            plan = matcher.plan
            if plan.categories_unknown and not add_categories:
                unknown = plan.categories_unknown
                raise InputError(
                    Message(
                        QT_TRANSLATE_NOOP(
                            "Messages",
                            "{n} category is not in the codebook: {names} (choose to add "
                            "them, e.g. --add-categories)",
                        )
                        if len(unknown) == 1
                        else QT_TRANSLATE_NOOP(
                            "Messages",
                            "{n} categories are not in the codebook: {names} (choose to add "
                            "them, e.g. --add-categories)",
                        ),
                        n=len(unknown),
                        names=", ".join(unknown[:MAX_LISTED]),
                    ),
                    path=bundle.path,
                )
            if plan.problems and not skip_bad:
                raise InputError(
                    Message(
                        QT_TRANSLATE_NOOP(
                            "Messages",
                            "{problems} (nothing was imported; choose to import the rest, e.g. --skip-bad)",
                        ),
                        problems=problem_text(plan.problems),
                    ),
                    path=bundle.path,
                )
            changes = matcher.write(progress)
        return changes
