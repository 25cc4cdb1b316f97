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
    from ._dataset import Dataset
    from ._document import Document
    from ._system import PolicySystem

#: The largest data file :func:`load` reads by default, in bytes (see the ``max_file_size`` argument).
MAX_FILE_SIZE = 128 * 1024 * 1024

_lock = threading.Lock()
_bundled: PolicySystem | None = None
_files: dict[str, dict[str, Any]] = {}
_built: dict[str, tuple[Any, ...]] = {}
_single: dict[tuple[str, str], Any] = {}
_single_at: dict[tuple[str, int], Any] = {}
_naming: dict[str, dict[str, list[int]]] = {}
_bytes: dict[str, bytes] = {}
_arrays: dict[str, tuple[int, int]] = {}


def _bundled_records(collection: str) -> tuple[Any, ...]:
    """One bundled collection, read and built once (its file parsed once for all its collections)."""
    records = _built.get(collection)
    if records is None:
        from ._build import build_records
        from ._registry import BY_NAME

        built = build_records(collection, _bundled_raw(collection))
        # A record already built alone is kept: the same question gives the same object.
        built = tuple(
            _single.get((collection, getattr(record, "id", ""))) or _single_at.get((collection, position)) or record
            for position, record in enumerate(built)
        )
        records = _built.setdefault(collection, built)
        _naming.pop(collection, None)
        _release(BY_NAME[collection].file)
    return records


def _release(name: str) -> None:
    """Drop a bundled file's JSON once every collection it holds is built: the records are all that is asked."""
    from ._registry import COLLECTIONS

    if all(collection.name in _built for collection in COLLECTIONS if collection.file == name):
        _files.pop(name, None)
        _bytes.pop(name, None)


def _bundled_record(collection: str, ident: str) -> Any:
    """One bundled record by its id, built alone (and kept) while its collection is not built."""
    built = _built.get(collection)
    if built is not None:  # built whole since: the same object as the collection's
        return next((record for record in built if getattr(record, "id", None) == ident), None)
    key = (collection, ident)
    record = _single.get(key)
    if record is None:
        from ._build import build_records

        item = _bundled_item(collection, ident)
        if item is None:
            return None
        record = _single.setdefault(key, build_records(collection, [item])[0])
    return record


def _bundled_item(collection: str, ident: str) -> Any:
    """
    One bundled record's JSON object by its id, or None; its file parsed whole only if the record is not found.

    The bundled files are written in one layout (``json.dumps(..., indent=2)``, which a test
    checks): a record of a collection is an object indented by four spaces, its id by six. A
    page that cites five sources so parses five objects, not the 500 KB of all of them. An id
    (a slug, which JSON writers do not escape) that is nowhere in the file is in no record; one
    that is there but not found so parses the file whole: the answer never depends on the layout.
    """
    from ._build import read_bundled
    from ._registry import BY_NAME

    name = BY_NAME[collection].file
    if name not in _files:
        data = _bytes.get(name)
        if data is None:
            data = _bytes.setdefault(name, read_bundled(name))
        span = _arrays.get(collection)
        if span is None:
            start = data.find(f'\n  "{collection}": [\n'.encode())
            span = _arrays.setdefault(collection, (start, data.find(b"\n  ]", start)))
        start, end = span
        quoted = json.dumps(ident).encode()
        if start >= 0 and quoted not in data:  # an id no JSON writer escapes is nowhere in the file: no record has it
            return None
        at = data.find(b'\n      "id": ' + quoted + b",", start, end)  # a record's id, not a nested one's
        if start >= 0 and at >= 0:
            # The record's own braces: those of the objects inside it are indented further.
            opening, closing = data.rfind(b"\n    {", start, at), data.find(b"\n    }", at, end)
            try:
                item = json.loads(data[opening + 5 : closing + 6])
            except ValueError:  # not the layout after all
                item = None
            if isinstance(item, dict) and item.get("id") == ident:
                return item
    return next((item for item in _bundled_raw(collection) if item.get("id") == ident), None)


def _bundled_raw(collection: str) -> list[Any]:
    """One bundled collection's JSON objects (its file parsed once for all its collections)."""
    from ._build import read_bundled
    from ._registry import BY_NAME

    name = BY_NAME[collection].file
    raw = _files.get(name)
    if raw is None:
        data = _bytes.pop(name, None)  # read already to find single records: not read again, and not kept
        raw = _files.setdefault(name, json.loads(read_bundled(name) if data is None else data))
    found: list[Any] = raw.get(collection, [])
    return found


def _bundled_referring(collection: str, ident: str) -> tuple[Any, ...]:
    """The bundled records of *collection* naming *ident* in a field of ids, in data order, built alone (and kept)."""
    from ._build import build_records
    from ._registry import BY_NAME

    built = _built.get(collection)
    if built is not None:  # built whole since: the collection's own records
        return tuple(record for record in built if BY_NAME[collection].names(record, ident))
    raw = _bundled_raw(collection)
    found = []
    for position in _positions_naming(collection).get(ident, ()):
        key = (collection, position)
        record = _single_at.get(key)
        if record is None:
            record = _single_at.setdefault(key, build_records(collection, [raw[position]])[0])
        found.append(record)
    return tuple(found)


def _positions_naming(collection: str) -> dict[str, list[int]]:
    """Id -> the positions of the bundled records of *collection* that name it: one pass over their JSON."""
    found = _naming.get(collection)
    if found is None:
        from ._fields import json_name
        from ._registry import BY_NAME

        fields = [json_name(field) for field in BY_NAME[collection].references]
        table: dict[str, list[int]] = {}
        for position, item in enumerate(_bundled_raw(collection)):
            for field in fields:
                value = item.get(field)
                for ident in value if type(value) is list else () if value is None else (value,):
                    positions = table.setdefault(ident, [])
                    if not positions or positions[-1] != position:  # named twice by one record: once
                        positions.append(position)
        found = _naming.setdefault(collection, table)
    return found


def _bundled_names(collection: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each bundled record's id and names, from its JSON object: a name looked up builds the one body it names."""
    from ._normalize import stored_names

    return tuple((item["id"], tuple(stored_names(item))) for item in _bundled_raw(collection))


def _bundled_origin(collection: str) -> str:
    from ._registry import BY_NAME

    return f"jp_mfg_policy/data/{BY_NAME[collection].file}"


def bundled_dataset() -> Dataset:
    """
    The bundled data as a deferred dataset: each collection read the first time a question needs it.

    Until then, a record asked for by id, a body by name and the records that name an id
    are read and built alone (and kept, so that every dataset of the bundled data holds
    the same objects).

    Example:
        >>> from jp_mfg_policy._registry import ORGANIZATIONS
        >>> bundled_dataset().find(ORGANIZATIONS, "meti").acronym
        'METI'
    """
    from ._dataset import Dataset

    return Dataset.deferred(_bundled_records, _bundled_origin, _bundled_record, _bundled_names, _bundled_referring)


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
                    from ._system import PolicySystem

                    _bundled = PolicySystem(bundled_dataset())
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
