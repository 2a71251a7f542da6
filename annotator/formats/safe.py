"""Reading untrusted archives and XML: no paths outside the archive, a cap on unpacked size, no DTDs,
no entity expansion, no network, UTF-8 only. Every problem is an InputError that names the file."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath

from lxml import etree

from annotator.core.errors import InputError
from annotator.core.inputs import open_input

# A judgment corpus of thousands of documents stays far below this; a zip bomb does not.
MAX_UNPACKED_BYTES = 1 << 30
MAX_RATIO = 200  # compressed text rarely shrinks more than ~10x; bombs shrink 1000x

_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_DECL_ENCODING = re.compile(rb"^\s*<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")


class SafeZip:
    """A zip archive opened for reading members by name, after checking every member."""

    def __init__(self, path: str | Path, *, max_bytes: int | None = None) -> None:
        self.path = str(path)
        limit = MAX_UNPACKED_BYTES if max_bytes is None else max_bytes
        self._fh = open_input(path)  # regular files only (a FIFO or device is refused)
        try:
            self._zip = zipfile.ZipFile(self._fh)
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, EOFError, OSError) as exc:
            self._fh.close()
            raise InputError(f"not a readable zip archive, or truncated ({exc})", path=self.path) from None
        try:
            self._check(infos, limit)
        except BaseException:
            self.close()
            raise

    def _check(self, infos, limit: int) -> None:
        total = 0
        self.names: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            name = info.filename
            parts = PurePosixPath(name.replace("\\", "/")).parts
            if name.startswith(("/", "\\")) or ".." in parts or re.match(r"^[A-Za-z]:", name):
                raise InputError(
                    f"archive member {name!r} points outside the archive; refusing to read it", path=self.path
                )
            total += info.file_size
            if total > limit:
                raise InputError(
                    f"archive unpacks to more than {limit:,} bytes; refusing to read it (a zip bomb?)",
                    path=self.path,
                )
            if (
                info.compress_size
                and info.file_size > 1 << 20
                and info.file_size / info.compress_size > MAX_RATIO
            ):
                raise InputError(
                    f"archive member {name!r} is compressed {info.file_size // info.compress_size}:1; "
                    "refusing to read it (a zip bomb?)",
                    path=self.path,
                )
            self.names[name.replace("\\", "/")] = info

    def read(self, name: str) -> bytes:
        info = self.names.get(name)
        if info is None:
            raise KeyError(name)
        try:
            # Read at most the declared size plus one byte: a member lying about its size is caught.
            with self._zip.open(info) as fh:
                data = fh.read(info.file_size + 1)
        except (zipfile.BadZipFile, EOFError, OSError, RuntimeError) as exc:
            raise InputError(f"archive member {name!r} cannot be read ({exc})", path=self.path) from None
        if len(data) > info.file_size:
            raise InputError(f"archive member {name!r} is larger than it claims", path=self.path)
        return data

    def close(self) -> None:
        self._zip.close()
        self._fh.close()  # ZipFile leaves a file object it was given open

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def parse_xml(data: bytes, *, source: str) -> etree._Element:
    """Parse UTF-8 XML that declares no DTD and no entities."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    declared = _DECL_ENCODING.match(data)
    if declared and declared.group(1).decode("ascii").lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise InputError(
            f"XML is in {declared.group(1).decode('ascii')}; only UTF-8 is accepted", path=source
        )
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"XML is not valid UTF-8 (byte {exc.start})", path=source) from None
    if _DOCTYPE.search(data[:65536]) or _DOCTYPE.search(data):
        raise InputError(
            "XML declares a DTD or entities, which are not accepted "
            "(they can read local files or expand without limit)",
            path=source,
        )
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
    )
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"XML is not well-formed ({exc})", path=source) from None
