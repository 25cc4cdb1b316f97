"""
The system leaves Python: records, JSON, JSON Lines, CSV, pandas and networkx.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from ._dates import PartialDate
from ._identifiers import IdentifierScheme
from ._models import Citation, Name, Organization, ResearchStream, Target
from ._serde import COLLECTION_TYPES, COLLECTIONS, ORGANIZATION_KINDS, Document, converter

if TYPE_CHECKING:
    from ._system import PolicySystem

#: How list-valued fields are joined into one record column.
SEPARATOR = "; "

_ORGANIZATION_FIELDS = list(
    dict.fromkeys(field.name for cls in ORGANIZATION_KINDS.values() for field in attrs.fields(cls))
)
_SCHEMES = [scheme.value for scheme in IdentifierScheme]


def _cell(value: object) -> object:  # noqa: C901, PLR0911 - one case per kind of field
    """One field as a plain scalar: dates as ISO text, lists joined, citations as source ids."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, PartialDate):
        return str(value)
    if isinstance(value, str):
        return str(value)  # enums become their plain value
    if isinstance(value, tuple):
        if not value:
            return None
        cells = [str(_cell(item)) for item in value]
        if isinstance(value[0], Citation):
            cells = list(dict.fromkeys(cells))  # a source cited twice is listed once
        return SEPARATOR.join(cells)
    if isinstance(value, Citation):
        return value.source
    if isinstance(value, Name):
        period = f"{value.valid_from or ''}–{value.valid_until or ''}"
        return f"{value.text} ({value.lang} {value.kind}, {period})"
    if isinstance(value, Target):
        return f"{value.value:g}{value.unit} {value.basis + ' ' if value.basis else ''}{value.indicator}"
    if isinstance(value, ResearchStream):
        return f"{value.name}: {value.description}"
    if attrs.has(type(value)):
        fields = attrs.asdict(value, recurse=False)  # type: ignore[arg-type]
        return ", ".join(f"{key}={_cell(item)}" for key, item in fields.items() if item is not None)
    return str(value)


def _record(item: object, columns: list[str]) -> dict[str, object]:
    return {column: _cell(getattr(item, column, None)) for column in columns}


def organization_record(org: Organization) -> dict[str, object]:
    """
    One body as a flat record: every field, plus one column per identifier scheme.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> record = organization_record(jmp.load().get("JST"))
        >>> record["kind"], record["established"], record["ror"], record["supervisor"]
        ('agency', '1996-10', '00097mb19', 'mext')
    """
    kind = next(name for name, cls in ORGANIZATION_KINDS.items() if cls is type(org))
    record: dict[str, object] = {"kind": kind}
    for column in _ORGANIZATION_FIELDS:
        if column == "identifiers":
            record |= {scheme: org.identifier(scheme) for scheme in _SCHEMES}
        else:
            record[column] = _cell(getattr(org, column, None))
    return record


def _columns(cls: type) -> list[str]:
    return [field.name for field in attrs.fields(cls)]


def records(system: PolicySystem, kind: str) -> list[dict[str, object]]:
    """The records of one collection; see :meth:`PolicySystem.to_records`."""
    header = columns(kind)
    if kind == "organizations":
        return [organization_record(org) for org in system.organizations]
    return [_record(item, header) for item in document_items(system, kind)]


def columns(kind: str) -> list[str]:
    """
    The columns of a collection's records, in order.

    Example:
        >>> columns("relations")
        ['subject', 'kind', 'object', 'valid_from', 'valid_until', 'sources', 'note']
    """
    if kind not in COLLECTION_TYPES:
        msg = f"unknown collection {kind!r}; expected one of: {', '.join(COLLECTIONS)}"
        raise ValueError(msg)
    if kind == "organizations":
        return ["kind", *(c for f in _ORGANIZATION_FIELDS for c in (_SCHEMES if f == "identifiers" else [f]))]
    # Sources' excerpts are long verbatim passages: in the JSON export, not in the table.
    return [column for column in _columns(COLLECTION_TYPES[kind]) if column != "excerpts"]


def document(system: PolicySystem) -> dict[str, Any]:
    """The whole system in the bundled data's JSON shape."""
    everything = Document(
        about={"title": f"Exported from jp-mfg-policy ({system!r})"},
        sources=system.sources,
        organizations=system.organizations,
        relations=system.relations(),
        events=system.events,
        publications=system.publications,
        awards=system.awards,
        strategies=system.strategies,
        recommendations=system.recommendations,
        plans=system.plans,
        memberships=system.memberships,
        caveats=system.caveats,
    )
    return converter.unstructure(everything)  # type: ignore[no-any-return]


def to_json(system: PolicySystem) -> str:
    """The whole system as one JSON document, in the bundled data's shape."""
    return json.dumps(document(system), ensure_ascii=False, indent=2) + "\n"


def _csv(rows: list[dict[str, object]], header: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _jsonl(items: Iterable[Any]) -> str:
    return "".join(json.dumps(converter.unstructure(item), ensure_ascii=False) + "\n" for item in items)


def export(system: PolicySystem, path: str | os.PathLike[str], fmt: str) -> list[Path]:
    """Write *system* to *path*; see :meth:`PolicySystem.export`."""
    target = Path(path)
    if fmt == "json":
        target.write_text(to_json(system), encoding="utf-8")
        return [target]
    writers: Mapping[str, Callable[[str], str]] = {
        "jsonl": lambda kind: _jsonl(document_items(system, kind)),
        "csv": lambda kind: _csv(records(system, kind), columns(kind)),
    }
    if fmt not in writers:
        msg = f"unknown format {fmt!r}; expected json, jsonl or csv"
        raise ValueError(msg)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in COLLECTIONS:
        file = target / f"{kind}.{fmt}"
        file.write_text(writers[fmt](kind), encoding="utf-8")
        written.append(file)
    return written


def document_items(system: PolicySystem, kind: str) -> tuple[Any, ...]:
    """The items of one collection, as the JSON document holds them."""
    return system.relations() if kind == "relations" else tuple(getattr(system, kind))
