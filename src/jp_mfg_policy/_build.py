"""
Building the bundled records with their classes' own constructors: no generated code, no cattrs.

The bundled files are checked when the package is built and tested (against the schema,
the strict converter and every whole-dataset rule), so reading them needs no second
check: each record is built as ``cls(**fields)`` (attrs' validators still run), with
each field converted as its declared type says. A test holds this path to the strict
converter's result, file by file.
"""

from __future__ import annotations

import enum
import functools
import os
import types
from collections.abc import Callable, Mapping
from typing import Any, Union, get_args, get_origin

import attrs

from ._dates import PartialDate
from ._fields import json_name
from ._records import Citation
from ._registry import BY_NAME, Collection

Build = Callable[[Any], Any]


def read_bundled(name: str) -> bytes:
    """
    The bytes of a bundled data file, read through the package's own loader (from a folder or a zip alike).

    The loader itself rather than ``importlib.resources`` or ``pkgutil``, which call it in
    the end: importing them would cost a cold start several of its milliseconds.
    """
    spec = __spec__
    get_data: Callable[[str], bytes] | None = getattr(spec.loader, "get_data", None)
    if get_data is None or spec.origin is None:  # a loader that cannot read resources
        msg = f"cannot read the bundled data file {name}"
        raise OSError(msg)
    folder = os.path.dirname(spec.origin)  # noqa: PTH120 - os.path is loaded; pathlib would be imported for this alone
    return get_data(os.path.join(folder, "data", name))  # noqa: PTH118 - as above


def _identity(value: Any) -> Any:
    return value


def _optional(inner: Build) -> Build:
    def build(value: Any) -> Any:
        return None if value is None else inner(value)

    return build


def _tuple(inner: Build) -> Build:
    if inner is _identity:
        return tuple

    def build(values: list[Any]) -> tuple[Any, ...]:
        return tuple(map(inner, values))

    return build


def _for_type(annotation: Any) -> Build:
    """How to build a value of *annotation* from its JSON form."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin in (Union, types.UnionType):
        present = [arg for arg in args if arg is not type(None)]
        inner = _for_type(present[0]) if len(present) == 1 else _identity
        return _optional(inner) if type(None) in args else inner
    if origin is tuple:
        return _tuple(_for_type(args[0]))
    if annotation is PartialDate:
        return PartialDate.parse
    if annotation is float:
        return float
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return annotation
    if annotation is Citation:
        return _citation
    if isinstance(annotation, type) and attrs.has(annotation):
        return record_builder(annotation)
    return _identity


_RECORD_BUILDERS: dict[type, Build] = {}


def record_builder(cls: type) -> Build:
    """
    The function that builds a *cls* from its JSON object.

    Example:
        >>> record_builder(Citation)({"source": "cambridge-actors", "quote": "set up in 2001"}).quote
        'set up in 2001'
    """
    found = _RECORD_BUILDERS.get(cls)
    if found is None:
        found = _RECORD_BUILDERS[cls] = _make_record_builder(cls)
    return found


def _make_record_builder(cls: type) -> Build:
    fields = attrs.fields(cls)
    if any(isinstance(field.type, str) for field in fields):  # annotations written as strings
        fields = attrs.fields(attrs.resolve_types(cls))
    plan = {json_name(field): (field.name, _for_type(field.type)) for field in fields if field.init}

    def build(raw: Mapping[str, Any]) -> Any:
        fields = {}
        for key, value in raw.items():
            name, convert = plan[key]
            fields[name] = convert(value)
        return cls(**fields)

    return build


_build_citation = record_builder(Citation)
_citations: dict[tuple[Any, ...], Citation] = {}


def _citation(raw: Mapping[str, Any]) -> Citation:
    # The data cites the same few passages many times: share the (immutable) citations.
    key = (raw.get("source"), raw.get("quote"), raw.get("note"))
    citation = _citations.get(key)
    if citation is None:
        citation = _citations[key] = _build_citation(raw)
    return citation


@functools.cache
def _builder_of(name: str) -> Build:
    collection: Collection[Any] = BY_NAME[name]
    if not collection.kinds:
        return record_builder(collection.cls)
    builders = {cls.TAG: record_builder(cls) for cls in collection.classes}

    def build(raw: Mapping[str, Any]) -> Any:
        fields = dict(raw)
        return builders[fields.pop("kind")](fields)

    return build


def build_records(collection: str, raw: list[Any]) -> tuple[Any, ...]:
    """
    The records of one collection, built from their trusted JSON objects.

    Example:
        >>> build_records("sources", [{"id": "s", "title": "T", "publisher": "P"}])[0].id
        's'
    """
    return tuple(map(_builder_of(collection), raw))
