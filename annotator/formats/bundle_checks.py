"""Checks every imported bundle passes before it is matched against the project, whatever its format:
text that cannot be stored (lone surrogates) and one uuid used for two different codings."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from itertools import chain
from operator import attrgetter

from annotator.core.errors import InputError


def check_bundle(bundle):
    """Return the `Incoming` (core/intake.py) unchanged, or raise InputError naming the file."""
    if not _all_storable(bundle):
        # Only now walk everything to say where: a damaged file is rare, 100,000 clean tags are not.
        try:
            _check_strings(bundle, bundle.path)
        except RecursionError:
            raise InputError("the file's data is nested too deeply", path=bundle.path) from None
    seen: dict[str, tuple] = {}
    for a in bundle.annotations:
        if not a.uuid:
            continue
        key = (a.document_key, a.start, a.end, a.category_key, a.user_key)
        if a.uuid in seen and seen[a.uuid][0] != key:
            raise InputError(
                f"{a.where}: uuid {a.uuid} is also used by {seen[a.uuid][1]} for a different "
                "coding; a uuid must name one coding",
                path=bundle.path,
            )
        seen.setdefault(a.uuid, (key, a.where))
    return bundle


# Every field of an IncomingTag. Those that are not text (numbers, times, None) turn into ASCII under
# str(), so joining them all changes nothing but spares a Python-level filter over 1,300,000 values.
_TAG_FIELDS = attrgetter(
    "document_key",
    "category_key",
    "where",
    "user_key",
    "uuid",
    "memo",
    "quote",
    "before",
    "after",
    "start",
    "end",
    "created",
    "updated",
)


def _all_storable(bundle) -> bool:
    """Whether every text of the tags encodes as UTF-8, in one encode of their concatenation (a lone
    surrogate stays one after joining, so it still fails), with the rest checked field by field. The
    tags' fields are gathered by C loops (attrgetter, map, str): 100,000 tags in a few tens of ms."""
    try:
        "\n".join(map(str, chain.from_iterable(map(_TAG_FIELDS, bundle.annotations)))).encode("utf-8")
    except (UnicodeEncodeError, RecursionError, ValueError):  # ValueError: an int too long for str()
        return False  # the field-by-field walk says where (or finds nothing wrong)
    rest = [
        bundle.path,
        bundle.format,
        bundle.categories,
        bundle.users,
        bundle.documents,
        bundle.notes,
        bundle.problems,
    ]
    try:
        _check_strings(rest, bundle.path)
    except InputError:
        return False
    except RecursionError:
        raise InputError("the file's data is nested too deeply", path=bundle.path) from None
    return True


def has_lone_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _check_strings(item, path: str, where: str = "") -> None:
    if isinstance(item, str):
        if has_lone_surrogate(item):
            raise InputError(
                f"{where or 'the file'} contains a lone surrogate (\\ud800–\\udfff), which is not "
                "a character; the file is damaged",
                path=path,
            )
    elif isinstance(item, dict):
        for k, v in item.items():
            _check_strings(k, path, where)
            _check_strings(v, path, where)
    elif isinstance(item, (list, tuple)):
        for v in item:
            _check_strings(v, path, where)
    elif is_dataclass(item):
        label = getattr(item, "where", None) or getattr(item, "title", None) or getattr(item, "name", None)
        for f in fields(item):
            _check_strings(getattr(item, f.name), path, label or where)
