"""
Reading data files: bytes -> JSON or TOML -> documents -> a validated system.

Imported on the first load, not with the package: it brings in cattrs and the converter.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tomllib
from collections.abc import Iterable
from importlib.resources import files
from pathlib import Path
from types import MappingProxyType
from typing import Any

import cattrs

from . import _load
from ._merge import apply_overrides
from ._serde import COLLECTIONS, Document, converter, format_problem
from ._system import PolicySystem
from ._validate import ENTITY_COLLECTIONS, Located, Merged, check
from .exceptions import DataError, Problem


def _reject_constant(name: str) -> None:
    msg = f"{name} is not valid JSON"
    raise ValueError(msg)


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        twice = sorted({key for key, _ in pairs if key in seen or seen.add(key)})  # type: ignore[func-returns-value]
        msg = f"duplicate key {', '.join(map(repr, twice))} in one object"
        raise ValueError(msg)
    return result


def _plain(value: object) -> object:
    """TOML's dates and times as ISO text, as JSON files write them."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def parse(data: bytes, file: str) -> tuple[Document | None, list[Problem]]:  # noqa: C901, PLR0911, PLR0912 - one return per fault
    """
    Parse and structure one file's bytes (JSON, or TOML for a ``.toml`` file), or say everything wrong with them.

    Example:
        >>> parse(b'{"organizations": 3}', "x.json")[1][0].message
        'expected an array, got an integer'
    """
    if not data.strip():
        return None, [Problem(file, "$", "the file is empty")]
    if len(data) > _load.MAX_FILE_SIZE:
        return None, [Problem(file, "$", f"the file is {len(data):,} bytes, over the limit of {_load.MAX_FILE_SIZE:,}")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(file, "$", f"not UTF-8: byte {exc.start} is {data[exc.start : exc.start + 1]!r}")]
    try:
        if file.endswith(".toml"):
            raw = _plain(tomllib.loads(text))
        else:
            raw = json.loads(text, object_pairs_hook=_object, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        return None, [Problem(file, "$", f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")]
    except tomllib.TOMLDecodeError as exc:
        return None, [Problem(file, "$", f"malformed TOML: {exc}")]
    except (ValueError, RecursionError) as exc:
        message = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        return None, [Problem(file, "$", message)]
    if not isinstance(raw, dict):
        return None, [Problem(file, "$", "the file must hold a JSON object whose keys name collections")]
    if not any(name in raw for name in (*COLLECTIONS, "overrides")):
        expected = ", ".join((*COLLECTIONS, "overrides"))
        return None, [Problem(file, "$", f"no collection found; expected at least one of: {expected}")]
    try:
        return converter.structure(raw, Document), []
    except (cattrs.BaseValidationError, ValueError, TypeError) as exc:
        if isinstance(exc, cattrs.BaseValidationError):
            messages = cattrs.transform_error(exc, path="$", format_exception=format_problem)
        else:
            messages = [f"{format_problem(exc, None)} @ $"]
        return None, [Problem(file, *_split(message)) for message in messages]


def _split(message: str) -> tuple[str, str]:
    """Turn cattrs' ``"what @ where"`` into ``(where, what)``."""
    what, _, where = message.rpartition(" @ ")
    return (where, what) if what else ("$", message)


def read_bundled() -> tuple[tuple[str, Document], ...]:
    data = files(__package__).joinpath("data")
    documents, problems = [], []
    for name in _load.BUNDLED_FILES:
        document, found = parse(data.joinpath(name).read_bytes(), f"jp_mfg_policy/data/{name}")
        problems += found
        if document is not None:
            documents.append((f"jp_mfg_policy/data/{name}", document))
    if problems:
        raise DataError(problems)
    return tuple(documents)


def read_user(path: str | os.PathLike[str]) -> tuple[Document | None, list[Problem]]:
    name = os.fspath(path)
    try:
        size = Path(name).stat().st_size
        if size > _load.MAX_FILE_SIZE:
            return None, [Problem(name, "$", f"the file is {size:,} bytes, over the limit of {_load.MAX_FILE_SIZE:,}")]
        data = Path(name).read_bytes()
    except OSError as exc:
        return None, [Problem(name, "$", f"cannot read the file: {exc.strerror or exc}")]
    return parse(data, name)


def build(documents: Iterable[tuple[str, Document]]) -> PolicySystem:
    """
    Validate *documents* as one whole and index them.

    Raises:
        DataError: Listing every problem found.
    """
    documents = list(documents)
    merged = Merged.of(documents)
    overrides = [
        Located(override, file, f"$.overrides[{index}]")
        for file, document in documents
        for index, override in enumerate(document.overrides)
    ]
    problems = apply_overrides(merged, overrides)
    keys: dict[str, frozenset[str]] = {}
    problems += check(merged, keys)
    if problems:
        raise DataError(problems)
    collections: dict[str, Any] = {name: tuple(merged.items(name)) for name in COLLECTIONS}
    origins: dict[object, str] = {}
    for name, records in merged.collections.items():
        for located in records:
            # Entities by id, so that a snapshot's renamed copy still finds its file.
            key = located.item.id if name in ENTITY_COLLECTIONS else located.item
            origins[key] = located.file
    return PolicySystem(**collections, origins=MappingProxyType(origins), keys=keys)
