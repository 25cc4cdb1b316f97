"""
Tables: every collection as flat records of scalars, and long tables for what records hold as lists.

One row per record and one scalar per cell: text, numbers, booleans, ISO dates or None.
A record's lists become long tables of their own, joined back by id or row key:

- ``names``: every name of every entity (current, short, acronym, alias, former), with its period;
- ``identifiers``: every identifier, bare and as its canonical URL;
- ``references``: every list of ids (an event's other bodies, a publication's publishers ...);
- ``lineage``: each body's predecessors and successors, with the date and the event;
- ``citations``: every citation of every record, with its quote.

Records without an id (relations, events, counts ...) get a ``row`` key: the collection's
name and the record's position, stable within one export.
"""

from __future__ import annotations

import enum
import types
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Union, cast, get_args, get_origin

import attrs

from . import _hierarchy
from ._bodies import Organization
from ._dates import PartialDate
from ._enums import LegalForm
from ._fields import REFERS_TO, json_name
from ._identifiers import IdentifierScheme, identifier_url
from ._index import Index
from ._records import Citation
from ._registry import COLLECTIONS, EVENTS, ORGANIZATIONS, Collection
from ._timeline import NAME_FIELDS

#: The long tables, in export order, with what each holds.
LONG_TABLES: Mapping[str, str] = {
    "names": "every name of every entity, with its language, kind and period",
    "identifiers": "every identifier of every body, bare and as its canonical URL",
    "references": "every list of ids a record holds (an event's other bodies, a publication's publishers ...)",
    "lineage": "each body's predecessors and successors, dated by the event that links them",
    "citations": "every citation of every record, with the passage it relies on",
}
_SCHEMES = tuple(scheme.value for scheme in IdentifierScheme)


def _scalar_type(annotation: Any) -> type | None:
    """The scalar type a field holds (str, int, float, bool, PartialDate, an enum), or None for a list or record."""
    if get_origin(annotation) in (Union, types.UnionType):
        present = [arg for arg in get_args(annotation) if arg is not type(None)]
        return _scalar_type(present[0]) if len(present) == 1 else None
    if annotation in (str, int, float, bool, PartialDate) or (
        isinstance(annotation, type) and issubclass(annotation, enum.Enum)
    ):
        return cast("type", annotation)
    return None


def scalar_fields(cls: type) -> list[tuple[str, type]]:
    """The fields of *cls* that hold one scalar each, with their types, in field order."""
    found = []
    for field in attrs.fields(attrs.resolve_types(cls)):
        scalar = _scalar_type(field.type)
        if scalar is not None:
            found.append((json_name(field), scalar))
    return found


def _cell(value: object) -> object:
    if isinstance(value, PartialDate):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    return value


def _key(collection: Collection[Any], number: int, record: Any) -> str:
    return record.id if hasattr(record, "id") else f"{collection.name}-{number + 1}"


def _organization_columns() -> list[tuple[str, type]]:
    fields: dict[str, type] = {}
    for cls in ORGANIZATIONS.classes:
        fields.update(scalar_fields(cls))
    columns = [("kind", str), *fields.items()]
    position = next(index for index, (name, _) in enumerate(columns) if name == "legal_form") + 1
    columns[position:position] = [("legal_form_label", str), ("legal_form_label_ja", str)]
    columns += [("parent", str), ("ministry", str)]
    for scheme in _SCHEMES:
        columns += [(scheme, str), (f"{scheme}_url", str)]
    return columns


def columns(kind: str) -> list[tuple[str, type]]:
    """
    The columns of a table, in order, with the type of their values.

    Example:
        >>> [name for name, _ in columns("relations")]
        ['row', 'subject', 'kind', 'object', 'valid_from', 'valid_until', 'note']
    """
    if kind == ORGANIZATIONS.name:
        return _organization_columns()
    if kind in _LONG_COLUMNS:
        return _LONG_COLUMNS[kind]
    collection = _collection(kind)
    fields = scalar_fields(collection.cls)
    return fields if any(name == "id" for name, _ in fields) else [("row", str), *fields]


_LONG_COLUMNS: dict[str, list[tuple[str, type]]] = {
    "names": [
        ("entity", str),
        ("text", str),
        ("lang", str),
        ("kind", str),
        ("field", str),
        ("current", bool),
        ("valid_from", PartialDate),
        ("valid_until", PartialDate),
    ],
    "identifiers": [("entity", str), ("scheme", str), ("value", str), ("url", str), ("note", str)],
    "references": [("collection", str), ("record", str), ("field", str), ("position", int), ("target", str)],
    "lineage": [("predecessor", str), ("successor", str), ("date", PartialDate), ("event", str), ("event_row", str)],
    "citations": [("collection", str), ("record", str), ("field", str), ("source", str), ("quote", str), ("note", str)],
}


def _collection(kind: str) -> Collection[Any]:
    for collection in COLLECTIONS:
        if collection.name == kind:
            return collection
    known = ", ".join([*(c.name for c in COLLECTIONS), *LONG_TABLES])
    msg = f"unknown table {kind!r}; expected one of: {known}"
    raise ValueError(msg)


def tables() -> list[str]:
    """
    Every table: the collections, then the long tables.

    Example:
        >>> tables()[-2:]
        ['lineage', 'citations']
    """
    return [*(collection.name for collection in COLLECTIONS), *LONG_TABLES]


def records(index: Index, kind: str) -> list[dict[str, object]]:
    """The rows of one table; see :meth:`PolicySystem.to_records`."""
    builder = _LONG_BUILDERS.get(kind)
    if builder is not None:
        return list(builder(index))
    collection = _collection(kind)
    header = [name for name, _ in columns(kind)]
    rows = []
    for number, record in enumerate(index.dataset[collection]):
        row: dict[str, object] = {"row": _key(collection, number, record)} if "row" in header else {}
        for field in attrs.fields(type(record)):
            name = json_name(field)
            if name in header:
                row[name] = _cell(getattr(record, field.name))
        if isinstance(record, Organization):
            row |= _organization_extras(index, record)
        rows.append({column: row.get(column) for column in header})
    return rows


def _organization_extras(index: Index, org: Organization) -> dict[str, object]:
    form = org.legal_form
    parent = _hierarchy.parent(index, org)
    ministry = _hierarchy.ministry_of(index, org)
    extras: dict[str, object] = {
        "kind": type(org).TAG,
        "legal_form_label": form.label if isinstance(form, LegalForm) else None,
        "legal_form_label_ja": form.label_ja if isinstance(form, LegalForm) else None,
        "parent": None if parent is None else parent.id,
        "ministry": None if ministry is None else ministry.id,
    }
    for scheme in _SCHEMES:
        value = org.identifier(scheme)
        extras[scheme] = value
        extras[f"{scheme}_url"] = None if value is None else identifier_url(scheme, value)
    return extras


def _names(index: Index) -> Iterator[dict[str, object]]:
    for entity in index.dataset.entities():
        for field in ("name", "name_ja", "short_name_ja", "acronym", "title", "title_ja"):
            text = getattr(entity, field, None)
            if isinstance(text, str):
                lang = "ja" if field.endswith("_ja") else "en"
                kind = {"short_name_ja": "short", "acronym": "acronym"}.get(field, "official")
                yield {
                    "entity": entity.id,
                    "text": text,
                    "lang": lang,
                    "kind": kind,
                    "field": field,
                    "current": True,
                    "valid_from": None,
                    "valid_until": None,
                }
        for alias in getattr(entity, "aliases", ()):
            yield {
                "entity": entity.id,
                "text": alias,
                "lang": None,
                "kind": "alias",
                "field": "aliases",
                "current": True,
                "valid_from": None,
                "valid_until": None,
            }
        for name in getattr(entity, "former_names", ()):
            yield {
                "entity": entity.id,
                "text": name.text,
                "lang": name.lang,
                "kind": name.kind.value,
                "field": NAME_FIELDS.get((name.lang, name.kind), "aliases"),
                "current": False,
                "valid_from": _cell(name.valid_from),
                "valid_until": _cell(name.valid_until),
            }


def _identifiers(index: Index) -> Iterator[dict[str, object]]:
    for entity in index.dataset.entities():
        for identifier in getattr(entity, "identifiers", ()):
            yield {
                "entity": entity.id,
                "scheme": identifier.scheme.value,
                "value": identifier.value,
                "url": identifier_url(identifier.scheme, identifier.value),
                "note": identifier.note,
            }


def _references(index: Index) -> Iterator[dict[str, object]]:
    for collection in COLLECTIONS:
        fields = [
            field
            for field in attrs.fields(collection.cls)
            if REFERS_TO in field.metadata and field.default == ()  # the lists of ids
        ]
        for cls in collection.classes:
            fields += [f for f in attrs.fields(cls) if REFERS_TO in f.metadata and f.default == () and f not in fields]
        if not fields:
            continue
        for number, record in enumerate(index.dataset[collection]):
            for field in fields:
                for position, target in enumerate(getattr(record, field.name, ())):
                    yield {
                        "collection": collection.name,
                        "record": _key(collection, number, record),
                        "field": json_name(field),
                        "position": position + 1,
                        "target": target,
                    }


def _lineage(index: Index) -> Iterator[dict[str, object]]:
    seen: set[tuple[str, str]] = set()
    for number, event in enumerate(index.dataset[EVENTS]):
        for pair in event.successions():
            if pair not in seen:
                seen.add(pair)
                yield {
                    "predecessor": pair[0],
                    "successor": pair[1],
                    "date": _cell(event.date),
                    "event": event.kind.value,
                    "event_row": _key(EVENTS, number, event),
                }


def _citations(index: Index) -> Iterator[dict[str, object]]:
    for collection in COLLECTIONS:
        for number, record in enumerate(index.dataset[collection]):
            for field, citation in _cited(record, ""):
                yield {
                    "collection": collection.name,
                    "record": _key(collection, number, record),
                    "field": field or "sources",
                    "source": citation.source,
                    "quote": citation.quote,
                    "note": citation.note,
                }


def _cited(record: object, where: str) -> Iterator[tuple[str, Citation]]:
    for field in attrs.fields(cast("type[attrs.AttrsInstance]", type(record))):
        value = getattr(record, field.name)
        if not isinstance(value, tuple):
            continue
        for number, item in enumerate(value):
            if isinstance(item, Citation):
                yield where.lstrip("."), item
            elif attrs.has(type(item)):
                yield from _cited(item, f"{where}.{json_name(field)}[{number}]")


_LONG_BUILDERS: dict[str, Callable[[Index], Iterator[dict[str, object]]]] = {
    "names": _names,
    "identifiers": _identifiers,
    "references": _references,
    "lineage": _lineage,
    "citations": _citations,
}
assert _LONG_BUILDERS.keys() == LONG_TABLES.keys() == _LONG_COLUMNS.keys()  # noqa: S101 - one list of long tables
