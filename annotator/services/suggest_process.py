"""Tag suggestions for the window, worked out in a separate process.

Reading the tags (0.4 s on the UI thread at every open of a large project), building document features
and fitting the models take seconds of processor and, at 1M characters with 10,000 tags, up to a GB of
memory; in a thread of the window they also held the GIL, so that a document opened meanwhile read its
rows from SQLite many times slower. Here all of it runs in one helper process, a fresh interpreter
(`python -m annotator.services.suggest_process`: never a fork of a process that runs Qt, and unlike
multiprocessing's "spawn" it does not import the window's main module again), started when the window
first asks for suggestions:

- the window sends a `Request` (which project, whose tags, which document, a generation number) down
  the process's stdin and gets a `Result` back from its stdout on a reader thread; nothing of the
  training touches the window's memory or its GIL;
- the process opens the project read-only for the reading alone and closes it before training, so a
  restore from backup never finds the file held by it; it keeps the document features between runs
  (retraining after one more tag refits the models only);
- a newer request (or `stale()`) makes the running one stale: the process looks at its stdin between
  documents and categories, stops, and goes on with the newest request only;
- `close()` ends the process and the reader thread and waits for both (the window calls it when it
  closes; an exit handler does it for any left), so nothing is left running and nothing is printed at
  exit. A process whose window died reads the end of its stdin and leaves.
"""

from __future__ import annotations

import atexit
import os
import pickle
import struct
import subprocess
import sys
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from annotator.learn.data import Suggestion

JOIN_SECONDS = 3.0  # how long close() lets a run reach its next check before the process is ended
_HEADER = struct.Struct("<Q")


@dataclass(frozen=True)
class Request:
    generation: int
    location: str  # Project.connect_to: the file, or the server URL
    annotator_ids: tuple[int, ...] | None  # whose tags to learn from; None: everyone's
    for_annotator: int  # whose own tags are never suggested again
    document_id: int
    floor: float | None = None  # "learn fastest": every active category shows scores down to this


@dataclass(frozen=True)
class Stale:
    """Whatever runs for an older generation than this is of no use any more."""

    generation: int


@dataclass(frozen=True)
class Result:
    generation: int
    suggestions: list[Suggestion] | None  # None: the run was stale and stopped, nothing to show
    error: str = ""  # what went wrong, when it did (the window shows no suggestions then)
    seconds: float = 0.0  # how long the run took in the process
    timings: dict[str, float] = field(default_factory=dict)  # read, build, suggest (s)


def _send(stream: BinaryIO, message: Any) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _exactly(stream: BinaryIO, size: int) -> bytes:
    parts, left = [], size
    while left:
        chunk = stream.read(left)  # an unbuffered pipe may give less than asked
        if not chunk:
            raise EOFError
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


def _receive(stream: BinaryIO) -> Any:
    """The next message; EOFError at the end of the stream."""
    (size,) = _HEADER.unpack(_exactly(stream, _HEADER.size))
    return pickle.loads(_exactly(stream, size))  # noqa: S301 (our own process, through a pipe only the two ends hold)


class SuggestionProcess:
    """The window's side: one helper process, started on the first `submit`, results handed to
    `on_result` on a reader thread (the caller moves them to its own thread, e.g. with a Qt signal)."""

    def __init__(self, on_result: Callable[[Result], None]) -> None:
        self._on_result = on_result
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._reader: threading.Thread | None = None
        self._last = 0  # the newest generation sent
        self._closing = False
        _open.add(self)

    @property
    def started(self) -> bool:
        return self._process is not None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def submit(self, request: Request) -> None:
        """Ask for suggestions; any run still going is stale from now on."""
        with self._lock:
            self._last = request.generation
            if self._process is not None and self._process.poll() is not None:
                self._stop_locked()  # it died (killed, out of memory): a new one
            if self._process is None:
                self._start()
            try:
                _send(self._process.stdin, request)
            except OSError:  # it died between the check and the send: once more
                self._stop_locked()
                self._start()
                _send(self._process.stdin, request)

    def stale(self, generation: int) -> None:
        """What is running belongs to an older generation: stop it at its next check."""
        with self._lock:
            if self._process is not None:
                try:
                    _send(self._process.stdin, Stale(generation))
                except OSError:
                    pass

    def close(self) -> None:
        """End the process and the reader thread, and wait for both."""
        with self._lock:
            self._stop_locked()

    # ----------------------------------------------------------------------------------------------

    def _start(self) -> None:
        # The same interpreter and import path as this process (a source checkout, a virtualenv).
        boot = (
            f"import sys; sys.path[:0] = {[p for p in sys.path if p]!r}; "
            "from annotator.services.suggest_process import main; main()"
        )
        process = subprocess.Popen(
            [sys.executable, "-c", boot],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            close_fds=True,
            start_new_session=True,
        )
        self._closing = False
        self._process = process
        self._reader = threading.Thread(
            target=self._read, args=(process.stdout,), name="suggestion-results", daemon=True
        )
        self._reader.start()

    def _read(self, stream: BinaryIO) -> None:
        while True:
            try:
                result = _receive(stream)
            except (EOFError, OSError, pickle.UnpicklingError):
                break
            self._on_result(result)
        if not self._closing:  # the process died (killed, out of memory): say so for the newest run
            self._on_result(Result(self._last, [], error="the suggestions process stopped"))

    def _stop_locked(self) -> None:
        process, reader = self._process, self._reader
        if process is None:
            return
        self._closing = True
        try:
            process.stdin.close()  # the process reads the end of its input and leaves
        except OSError:
            pass
        try:
            process.wait(JOIN_SECONDS)
        except subprocess.TimeoutExpired:  # in a stretch without a check (features of a huge document)
            process.kill()
            process.wait()
        if reader is not None:
            reader.join()  # the process's stdout is closed now: the reader has read its end
        process.stdout.close()
        self._process = self._reader = None


_open: weakref.WeakSet[SuggestionProcess] = weakref.WeakSet()


@atexit.register
def _close_all() -> None:
    for worker in list(_open):
        worker.close()


# The helper process ---------------------------------------------------------------------------------


class _Inbox:
    """The process's stdin: the newest request, and whether the one running has gone stale."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.pending: Request | None = None
        self.newest = 0  # the highest generation heard of
        self.closed = False

    def _take(self, message: Any) -> None:
        if isinstance(message, Request):
            self.pending = message
        self.newest = max(self.newest, message.generation)

    def _ready(self) -> bool:
        import select

        return bool(select.select([self.stream], [], [], 0)[0])

    def poll(self) -> None:
        """Read whatever has arrived, without waiting."""
        while not self.closed and self._ready():
            try:
                self._take(_receive(self.stream))
            except EOFError:
                self.closed = True

    def next(self) -> Request | None:
        """The newest request, waiting for one; None when the window has gone."""
        self.poll()
        while self.pending is None and not self.closed:
            try:
                self._take(_receive(self.stream))
            except EOFError:
                self.closed = True
            self.poll()
        request, self.pending = self.pending, None
        return None if self.closed else request

    def stale(self, generation: int) -> bool:
        self.poll()
        return self.closed or self.newest > generation


def main() -> None:
    """The helper process's loop: one request at a time, the newest one first."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C in the terminal is for the window
    # Messages go out on the real stdout; anything a library prints goes to stderr instead.
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    # Unbuffered, so that select() on it sees every message that has arrived (a buffered reader may
    # hold the next one where select() cannot see it).
    inbox = _Inbox(os.fdopen(os.dup(0), "rb", buffering=0))
    caches: dict[str, Any] = {}
    while True:
        request = inbox.next()
        if request is None:
            return
        result = run(request, caches, lambda r=request: inbox.stale(r.generation))
        try:
            _send(out, result)
        except OSError:
            return


def run(request: Request, caches: dict[str, Any], cancelled: Callable[[], bool]) -> Result:
    """One run: read what training needs, close the project, train, suggest in the document."""
    import time

    from annotator.core.errors import AnnotatorError
    from annotator.learn.features import FeatureCache
    from annotator.learn.model import Cancelled

    began = time.perf_counter()
    if cancelled():
        return Result(request.generation, None)
    if request.location not in caches:
        caches.clear()  # another project: the features of the previous one are of no use
        caches[request.location] = FeatureCache()
    try:
        snap = _read(request, caches[request.location])
        read = time.perf_counter()
        doc = snap.data.docs.get(request.document_id)
        if doc is None or not snap.thresholds:
            return Result(request.generation, [], seconds=read - began)
        thresholds = (
            dict.fromkeys(snap.thresholds, request.floor) if request.floor is not None else snap.thresholds
        )
        snap.build(cancelled=cancelled)
        built = time.perf_counter()
        if cancelled():
            return Result(request.generation, None)
        found = snap.suggest(doc, thresholds)
    except Cancelled:
        return Result(request.generation, None)
    except AnnotatorError as exc:  # the document or the project went away meanwhile
        return Result(request.generation, [], error=str(exc))
    except Exception as exc:  # noqa: BLE001 (the window shows no suggestions and says why)
        return Result(request.generation, [], error=f"{type(exc).__name__}: {exc}")
    done = time.perf_counter()
    return Result(
        request.generation,
        found,
        seconds=done - began,
        timings={"read": read - began, "build": built - read, "suggest": done - built},
    )


def _read(request: Request, cache):
    from annotator import store
    from annotator.services.suggestions import SuggestionService
    from annotator.services.words import WordService

    db = store.db.open_for_reading(request.location)
    try:
        WordService(None).apply()  # the project's own words, as the window segments with them
        service = SuggestionService(None)
        service.cache = cache
        return service.snapshot(
            None if request.annotator_ids is None else list(request.annotator_ids),
            for_annotator=request.for_annotator,
            extra_documents=[request.document_id],
        )
    finally:
        db.close()


if __name__ == "__main__":
    main()
