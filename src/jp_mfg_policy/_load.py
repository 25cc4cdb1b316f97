"""
The entry point: :func:`load`, and the cache of the bundled system.

Kept light: importing the package reads nothing and imports no serialisation code.
The bundled data, checked when the package is built and tested, is built with plain
constructors (:mod:`._build`); user files go through the strict converter and every
whole-dataset rule, together with the bundled data.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from .exceptions import DataError, Problem

if TYPE_CHECKING:
    from ._document import Document
    from ._system import PolicySystem

#: The largest data file :func:`load` reads by default, in bytes (see the ``max_file_size`` argument).
MAX_FILE_SIZE = 128 * 1024 * 1024

_lock = threading.Lock()
_bundled: PolicySystem | None = None
_files: dict[str, dict[str, Any]] = {}
_built: dict[str, tuple[Any, ...]] = {}
_single: dict[tuple[str, str], Any] = {}


def _bundled_records(collection: str) -> tuple[Any, ...]:
    """One bundled collection, read and built once (its file parsed once for all its collections)."""
    records = _built.get(collection)
    if records is None:
        from ._build import build_records

        built = build_records(collection, _bundled_raw(collection))
        # A record already built alone is kept: the same question gives the same object.
        built = tuple(_single.get((collection, getattr(record, "id", "")), record) for record in built)
        records = _built.setdefault(collection, built)
    return records


def _bundled_record(collection: str, ident: str) -> Any:
    """One bundled record by its id, built alone (and kept) while its collection is not built."""
    built = _built.get(collection)
    if built is not None:  # built whole since: the same object as the collection's
        return next((record for record in built if getattr(record, "id", None) == ident), None)
    key = (collection, ident)
    record = _single.get(key)
    if record is None:
        from ._build import build_records

        raw = _bundled_raw(collection)
        found = [item for item in raw if item.get("id") == ident]
        if not found:
            return None
        record = _single.setdefault(key, build_records(collection, found[:1])[0])
    return record


def _bundled_raw(collection: str) -> list[Any]:
    """One bundled collection's JSON objects (its file parsed once for all its collections)."""
    from ._build import read_bundled
    from ._registry import BY_NAME

    name = BY_NAME[collection].file
    raw = _files.get(name)
    if raw is None:
        raw = _files.setdefault(name, json.loads(read_bundled(name)))
    found: list[Any] = raw.get(collection, [])
    return found


def _bundled_origin(collection: str) -> str:
    from ._registry import BY_NAME

    return f"jp_mfg_policy/data/{BY_NAME[collection].file}"


def _documents() -> tuple[tuple[str, Document], ...]:
    """Every bundled file as a document, with its name."""
    from ._document import Document
    from ._registry import COLLECTIONS, FILES

    return tuple(
        (
            f"jp_mfg_policy/data/{name}",
            Document(records={c.name: _bundled_records(c.name) for c in COLLECTIONS if c.file == name}),
        )
        for name in FILES
    )


def _paths(extra: object) -> list[str]:
    if isinstance(extra, str | bytes | os.PathLike):
        msg = f"extra takes a list of paths, not one path: load(extra=[{extra!r}])"
        raise TypeError(msg)
    if not isinstance(extra, Iterable):
        msg = f"extra takes a list of paths, not {type(extra).__name__}"
        raise TypeError(msg)
    paths = []
    for path in extra:
        if isinstance(path, bytes) or not isinstance(path, str | os.PathLike):
            msg = f"each path in extra must be a str or an os.PathLike, not {type(path).__name__}"
            raise TypeError(msg)
        name = os.fspath(path)
        if not isinstance(name, str):
            msg = f"each path in extra must name a file as text, not {type(name).__name__}"
            raise TypeError(msg)
        paths.append(name)
    return paths


def load(
    *,
    extra: Iterable[str | os.PathLike[str]] = (),
    bundled: bool = True,
    max_file_size: int = MAX_FILE_SIZE,
) -> PolicySystem:
    """
    The policy system: the bundled data, plus any user files in *extra*.

    Without *extra*, every call returns the same object, built on first use (once,
    however many threads ask at the same time). With *extra*, the user files (JSON, or
    TOML for a ``.toml`` name in any case) are read, never written, merged with the
    bundled data and validated as one whole; a new system is returned and the cached
    one is left as it was. With ``bundled=False`` only the files in *extra* are read:
    a system written by :meth:`PolicySystem.export` loads back so.

    Each file is read up to *max_file_size* bytes and no further, and may hold at most
    one JSON value per 16 bytes of that limit; a FIFO, a device or a directory is
    refused before any read. Within these limits a file's load peaks at about 40 bytes
    of memory per byte of file (see the security note).

    Raises:
        DataError: If any file is unreadable or invalid, or the whole is inconsistent;
            it lists every problem with its file and path, and nothing is loaded.
        TypeError: If *extra* is one path rather than a list of them, or holds bytes.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> system = jmp.load()
        >>> system is jmp.load()
        True
        >>> system.get("METI").name_ja, str(system.get("METI").established)
        ('経済産業省', '2001-01-06')
    """
    global _bundled  # noqa: PLW0603 - the module's one cache
    paths = _paths(extra)
    if isinstance(max_file_size, bool) or not isinstance(cast("object", max_file_size), int) or max_file_size < 1:
        msg = f"max_file_size must be a positive number of bytes, not {max_file_size!r}"
        raise ValueError(msg)
    if not paths and bundled:
        if _bundled is None:
            with _lock:
                if _bundled is None:
                    from ._dataset import Dataset
                    from ._system import PolicySystem

                    # Each collection is read the first time a question needs it.
                    _bundled = PolicySystem(Dataset.deferred(_bundled_records, _bundled_origin, _bundled_record))
        return _bundled
    with _lock:
        documents = _documents() if bundled else ()
    return _load_user(documents, paths, max_file_size)


def _read_user(name: str, limit: int) -> tuple[Document | None, list[Problem]]:
    """
    One user file's document, or its problems.

    Its JSON is held no longer than it takes to structure it (a valid file's objects record by
    record, each released once its record is built): the JSON never piles up for the cycle
    collector, which traverses everything alive, and the whole-dataset rules run over the
    records alone.
    """
    from ._read import parse, read_path
    from ._serde import stream_document, structure_document

    if "\0" in name:
        return None, [Problem(repr(name), "$", "the path contains a NUL byte")]
    data, found = read_path(name, limit)
    if data is None:
        return None, found
    # A valid JSON file is read and structured a record at a time; any other is parsed whole, to report on it.
    document = stream_document(data, name, limit=limit)
    if document is not None:
        return document, []
    raw, found = parse(data, name, limit=limit)
    del data
    if raw is None:
        return None, found
    return structure_document(raw, name, consume=True)


def _load_user(bundled: tuple[tuple[str, Document], ...], paths: list[str], limit: int) -> PolicySystem:
    from types import MappingProxyType

    from ._dataset import Dataset
    from ._merge import Located, Origins, apply_overrides, gather
    from ._system import PolicySystem
    from ._validate import check

    problems: list[Problem] = []
    user: list[tuple[str, Document]] = []
    for name in paths:
        document, found = _read_user(name, limit)
        problems += found
        if document is not None:
            user.append((name, document))
    days = {document.as_of for _, document in user}
    if len(days) > 1 or (days and days != {None} and bundled):
        problems.append(
            Problem(
                paths[0],
                "$.as_of",
                "files of one load must all describe the same day, and a snapshot loads alone (bundled=False)",
            )
        )
    # A broken file does not stop the others being checked: every problem, from every file, at once.
    documents = [*bundled, *user]
    tables = gather(documents)
    overrides = [
        Located(override, file, f"$.overrides[{number}]")
        for file, document in documents
        for number, override in enumerate(document.overrides)
    ]
    problems += apply_overrides(tables, overrides)
    problems += check(tables)
    if problems:
        raise DataError(problems)
    records: dict[str, list[Any]] = {}
    files: dict[str, list[str]] = {}
    for name, table in tables.items():
        records[name], places = table.live()
        files[name] = [file for file, _ in places]
    # Read-only, and a proxy, so that the dataset keeps it as it is rather than copy it into a dict.
    origins = MappingProxyType(Origins(records, files))
    as_of = next(iter(days), None) if user else None
    return PolicySystem(Dataset(records, as_of=None if as_of is None else as_of.start(), origins=origins))
