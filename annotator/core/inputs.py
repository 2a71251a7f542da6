"""The one way every command reads a file the user named: regular files only, with a size bound.

A FIFO would block `open()` forever, `/dev/zero` or `/dev/urandom` (directly or through a symlink) would
be read until memory runs out, and a folder or socket gives an obscure OSError. Each of them, and a
file that is too large, is refused here with an InputError naming the file, before anything is read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from annotator.core.errors import InputError
from annotator.core.messages import QT_TRANSLATE_NOOP, Message

# Far above any judgment, corpus or exchange file; reading stops here so memory stays bounded.
DEFAULT_LIMIT = 256 * 1024 * 1024


def storable(path: str | Path) -> str:
    """A file name as text that can be stored and printed: bytes that are not UTF-8 (a GBK name from a
    Windows zip file) become escapes such as \\xc5 rather than raising UnicodeEncodeError later."""
    text = os.fspath(path)
    if isinstance(text, bytes):
        text = os.fsdecode(text)
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def display(path: str | Path) -> str:
    """A file name for a one-line message: `storable`, with tabs and line breaks shown, not obeyed."""
    return storable(path).translate(_SHOWN)


_SHOWN = {i: f"\\x{i:02x}" for i in range(32)} | {0x7F: "\\x7f"}


def _kind(mode: int) -> Message:
    if stat.S_ISDIR(mode):
        return Message(QT_TRANSLATE_NOOP("Messages", "this is a folder, not a file"))
    if stat.S_ISFIFO(mode):
        return Message(QT_TRANSLATE_NOOP("Messages", "this is a named pipe (FIFO), not a regular file"))
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return Message(QT_TRANSLATE_NOOP("Messages", "this is a device, not a regular file"))
    if stat.S_ISSOCK(mode):
        return Message(QT_TRANSLATE_NOOP("Messages", "this is a socket, not a regular file"))
    return Message(QT_TRANSLATE_NOOP("Messages", "this is not a regular file"))


def _missing() -> Message:
    return Message(QT_TRANSLATE_NOOP("Messages", "the file does not exist"))


def _denied() -> Message:
    return Message(QT_TRANSLATE_NOOP("Messages", "the file cannot be read (permission denied)"))


def _unreadable(reason: str) -> Message:
    return Message(QT_TRANSLATE_NOOP("Messages", "the file cannot be read ({reason})"), reason=reason)


def check_regular(path: str | Path) -> os.stat_result:
    """The file's stat (following symlinks) when it is a regular file; InputError otherwise."""
    name = display(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError(_missing(), path=name) from None
    except PermissionError:
        raise InputError(_denied(), path=name) from None
    except (OSError, ValueError) as exc:
        raise InputError(_unreadable(getattr(exc, "strerror", None) or str(exc)), path=name) from None
    if not stat.S_ISREG(st.st_mode):
        raise InputError(_kind(st.st_mode), path=name)
    return st


def open_input(path: str | Path, limit: int = DEFAULT_LIMIT) -> BinaryIO:
    """Open a regular file for reading. O_NONBLOCK makes opening a FIFO return at once (it is then
    refused by its type) instead of waiting for a writer; the check is on the opened file itself, so a
    name swapped for a device in between is caught too."""
    name = display(path)
    check_regular(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(_missing(), path=name) from None
    except PermissionError:
        raise InputError(_denied(), path=name) from None
    except OSError as exc:
        raise InputError(_unreadable(exc.strerror or str(exc)), path=name) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(_kind(st.st_mode), path=name)
        if st.st_size > limit:
            raise InputError(
                Message(
                    QT_TRANSLATE_NOOP(
                        "Messages", "the file is too large ({size} MiB; the limit is {limit} MiB)"
                    ),
                    size=st.st_size // (1024 * 1024),
                    limit=limit // (1024 * 1024),
                ),
                path=name,
            )
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_input(path: str | Path, limit: int = DEFAULT_LIMIT) -> bytes:
    """All bytes of a regular file of at most `limit` bytes (a file growing while read is cut off and
    refused, not read without end)."""
    name = display(path)
    with open_input(path, limit) as fh:
        try:
            data = fh.read(limit + 1)
        except OSError as exc:
            raise InputError(_unreadable(exc.strerror or str(exc)), path=name) from None
    if len(data) > limit:
        raise InputError(
            Message(
                QT_TRANSLATE_NOOP("Messages", "the file is too large (the limit is {limit} MiB)"),
                limit=limit // (1024 * 1024),
            ),
            path=name,
        )
    return data


def read_text_input(path: str | Path, limit: int = DEFAULT_LIMIT, encoding: str = "utf-8-sig") -> str:
    data = read_input(path, limit)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            Message(QT_TRANSLATE_NOOP("Messages", "not valid UTF-8 text (byte {byte})"), byte=exc.start),
            path=display(path),
        ) from None


def has_visible_text(text: str) -> bool:
    """False for text that is empty once whitespace and invisible characters are removed: zero-width
    spaces and joiners, BOMs, soft hyphens, control and format characters, private-use and unassigned
    code points. Such a text would replace a document with nothing a reader can tag."""
    import unicodedata

    for ch in text:
        if ch.isspace():
            continue
        if unicodedata.category(ch) in _INVISIBLE:
            continue
        return True
    return False


_INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"})


def clean_title(title: str) -> str:
    """A title or name from a file name or a file: control characters (tab, line breaks, NUL) become
    spaces, so they cannot break one-line listings such as `annotator docs`."""
    out = "".join(" " if (ord(c) < 32 or ord(c) == 0x7F or c in "\u2028\u2029\x85") else c for c in title)
    return " ".join(out.split(" ")).strip()


# Whole numbers from the command line: ids and offsets. Python's int() also takes "٥", "1_0" and
# " 7 ", and SQLite cannot store more than 64 bits (OverflowError deep in a write).
MAX_WHOLE = 2**53


def whole_number(text: str) -> int:
    """A non-negative whole number written with the digits 0-9 only, at most 2**53."""
    import argparse
    import re

    value = str(text).strip()
    if not re.fullmatch(r"[0-9]{1,20}", value):
        raise argparse.ArgumentTypeError(f"{display(text)!r} is not a whole number (digits 0-9)")
    number = int(value)
    if number > MAX_WHOLE:
        raise argparse.ArgumentTypeError(f"{value} is too large (at most {MAX_WHOLE})")
    return number
