"""A project: one SQLite file, or one database on a team server (`postgresql://…`), opened once per
process, with its services."""

from __future__ import annotations

from pathlib import Path

from annotator import store
from annotator.core import codebook as codebook_file
from annotator.core import partials
from annotator.core.errors import ProjectError
from annotator.core.model import new_uuid
from annotator.core.paths import resource, user_data_dir

# What a database call can raise that no service has turned into a message, and the message for it:
# the command line's last resort, so that it never needs to import the store.
DATABASE_ERRORS = store.sqlite.DATABASE_ERRORS


def explain_database_error(exc: BaseException, location: str | Path | None = None) -> ProjectError:
    """A message for a database error that says what happened to the user's work in `location`."""
    return store.sqlite.explain(exc, location)


def is_server_location(location: object) -> bool:
    """Whether a project location is a team server's database (`postgresql://…`) rather than a file."""
    return store.server.is_server_location(str(location)) if isinstance(location, str) else False


def _path_for(location: str) -> Path:
    # What names the project in titles and suggested file names; for a server, its database's name.
    return Path(store.server.describe(location)["database"] or "team-project")


class _Service:
    """A service made on first use: a project's services import their modules (export formats, review,
    merging, suggestions, search, …) only when something asks for them, so opening a project — and
    starting the window — pays only for those it uses. Set on the instance afterwards, so later reads
    are plain attribute reads."""

    def __init__(self, module: str, name: str) -> None:
        self.module, self.name = module, name

    def __set_name__(self, owner, attr: str) -> None:
        self.attr = attr

    def __get__(self, project, owner=None):
        if project is None:
            return self
        from importlib import import_module

        service = getattr(import_module(self.module), self.name)(project)
        project.__dict__[self.attr] = service
        return service


class Project:
    """An open project. Only one is open at a time in a process (the store binds one database)."""

    annotators = _Service("annotator.services.annotators", "AnnotatorService")
    codebook = _Service("annotator.services.codebook", "CodebookService")
    documents = _Service("annotator.services.documents", "DocumentService")
    annotations = _Service("annotator.services.annotations", "AnnotationService")
    exports = _Service("annotator.services.exports", "ExportService")
    imports = _Service("annotator.services.imports", "ImportService")
    versions = _Service("annotator.services.versions", "VersionService")
    structure = _Service("annotator.services.structure", "StructureService")
    search = _Service("annotator.services.search", "SearchService")
    segments = _Service("annotator.services.segments", "SegmentService")
    statistics = _Service("annotator.services.statistics", "StatisticsService")
    merge = _Service("annotator.services.merge", "MergeService")
    review = _Service("annotator.services.review", "ReviewService")
    sharing = _Service("annotator.services.sharing", "SharingService")
    team = _Service("annotator.services.team", "TeamService")
    suggestions = _Service("annotator.services.suggestions", "SuggestionService")

    def __init__(self, path: Path, db, location: str | None = None) -> None:
        self.path = path
        # The open project's database behind the one backend interface (a file or a team server).
        self.backend = store.backend.of(db)
        # Where it lives: the file's path, or the server URL without any password.
        self.location = store.server.without_password(location) if location else str(path)
        self.on_server = location is not None
        # What a helper process of ours opens to read the same project (tag suggestions): the file, or
        # the server URL as given, password included (it never leaves this machine's processes).
        self.connect_to = location or str(path)
        from annotator.services.words import WordService

        self.words = WordService(self)
        self.words.apply()  # the project's own dictionary words, for segmentation from now on
        from annotator.services.live import LiveService

        self.live = LiveService(self)

    @classmethod
    def create(cls, path: str | Path, codebook_path: str | Path | None = None) -> Project:
        """Create a new project with a codebook (the bundled default unless another file is given)."""
        # Read the codebook before creating the file, so a bad codebook leaves nothing behind.
        entries = codebook_file.load(codebook_path or resource("codebook.json"))
        if is_server_location(path):
            db = store.db.open_project_db(path, create=True)
            with store.project.transaction():
                store.project.set_info("project_uuid", new_uuid())
                store.codebook.insert_codebook(entries)
            return cls(_path_for(path), db, location=path)
        path = store.db.project_location(path)  # another URL is refused before any folder is made
        if path.exists() or path.is_symlink():
            raise ProjectError("a file with this name already exists", path=str(path))
        path.parent.mkdir(parents=True, exist_ok=True)
        db = store.db.open_project_db(path, create=True)
        with store.project.transaction():
            store.project.set_info("project_uuid", new_uuid())
            store.codebook.insert_codebook(entries)
        return cls(path, db)

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool | None = None) -> Project:
        """Open an existing project; a file this process cannot write opens read-only (`read_only`)."""
        if is_server_location(path):
            return cls(_path_for(path), store.db.open_project_db(path), location=path)
        path = store.db.project_location(path)
        project = cls(path, store.db.open_project_db(path, read_only=read_only))
        if not project.read_only:
            # Temporary files of exports, backups or copies that a kill interrupted (core/partials.py).
            for folder in (
                path.parent,
                path.with_name(f"{path.stem}-backups"),
                user_data_dir() / "backups" / path.stem,
            ):  # where services/backup.py writes
                partials.clear_stale(folder)
        return project

    @property
    def _db(self):
        # The peewee database itself, for the store's own tests; services go through `backend`.
        return self.backend.database

    @property
    def read_only(self) -> bool:
        return self.backend.read_only

    def wal_lost(self) -> bool:
        """The write-ahead log this process holds was deleted or replaced from outside (see the README:
        never delete the -wal/-shm files of an open project)."""
        return self.backend.wal_lost()

    @property
    def uuid(self) -> str:
        return store.project.get_info("project_uuid") or ""

    def data_version(self) -> int:
        """Changes whenever another process commits to this file (the GUI polls it to refresh)."""
        return self.backend.data_version()

    def change_stamp(self) -> tuple[int, int, int] | None:
        """Differs once anything was committed (by any connection) since it was taken; None when that
        cannot be told (a team server)."""
        return self.backend.change_stamp()

    def integrity_problems(self, *, quick: bool = True) -> list[str]:
        return self.backend.integrity_problems(quick=quick)

    def revert(self, changes):
        """Undo any action's `Changes` (tags, documents, codebook); returns the redo's Changes."""
        from annotator.services.undo import revert

        return revert(self, changes)

    def close(self) -> None:
        from annotator.text import segment

        segment.set_project_words({})  # the next project brings its own
        self.backend.close()  # a file's write-ahead log folded back in (store/sqlite.py)

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
