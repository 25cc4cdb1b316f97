"""
Adapters for the optional extras: tidy pandas DataFrames and networkx graphs.

Neither library is imported until one of these functions is called.
"""

from __future__ import annotations

import importlib
import types
from typing import Any

import attrs

from ._bodies import Organization
from ._dates import PartialDate
from ._enums import HIERARCHICAL, RelationKind
from ._fields import REFERS_TO
from ._index import Index
from ._registry import COLLECTIONS, EVENTS, ORGANIZATIONS, RELATIONS
from ._tables import columns, records, scalar_fields

#: The graphs :meth:`PolicySystem.to_networkx` draws.
GRAPHS = ("all", "hierarchy", "succession", "policy")
_POLICY = frozenset(RelationKind) - HIERARCHICAL


def require(module: str, extra: str) -> types.ModuleType:
    """
    Import an optional dependency, or say which extra installs it.

    Raises:
        ImportError: Naming the extra, as ``pip install "jp-mfg-policy[pandas]"``.
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        msg = f'this needs {module}, which is not installed: pip install "jp-mfg-policy[{extra}]"'
        raise ImportError(msg, name=module) from None


def to_pandas(index: Index, kind: str) -> Any:
    """See :meth:`PolicySystem.to_pandas`."""
    pd = require("pandas", "pandas")
    header = columns(kind)
    rows = records(index, kind)
    frame = pd.DataFrame.from_records(rows, columns=[name for name, _ in header])
    for name, type_ in header:
        position = frame.columns.get_loc(name)
        if type_ is PartialDate:
            # From the rows, not the frame: pandas has turned the missing ones into NaN.
            dates = [None if row[name] is None else PartialDate.parse(str(row[name])) for row in rows]
            frame[name] = pd.to_datetime(pd.Series([None if d is None else d.start() for d in dates], dtype="object"))
            frame.insert(
                position + 1,
                f"{name}_precision",
                pd.Categorical(
                    [None if d is None else d.precision for d in dates], categories=["year", "month", "day"]
                ),
            )
            frame.insert(
                position + 2, f"{name}_year", pd.array([None if d is None else d.year for d in dates], dtype="Int64")
            )
        elif type_ is bool:
            frame[name] = frame[name].astype("boolean")
        elif type_ is int:
            frame[name] = frame[name].astype("Int64")
        elif type_ is float:
            frame[name] = frame[name].astype("Float64")
        else:
            frame[name] = frame[name].astype("string")
    return frame


def _node(entity: Any) -> dict[str, Any]:
    fields = dict(scalar_fields(type(entity)))
    data = {name: getattr(entity, name) for name in fields if name != "id"}
    data = {
        key: (str(value) if isinstance(value, PartialDate) else value)
        for key, value in data.items()
        if value is not None
    }
    data["type"] = type(entity).__name__
    if isinstance(entity, Organization):
        data["kind"] = type(entity).TAG
    return data


def to_networkx(index: Index, kind: str = "all") -> Any:
    """See :meth:`PolicySystem.to_networkx`."""
    if kind not in GRAPHS:
        msg = f"unknown graph {kind!r}; expected one of: {', '.join(GRAPHS)}"
        raise ValueError(msg)
    nx = require("networkx", "networkx")
    as_of = index.dataset.as_of
    graph = nx.MultiDiGraph(kind=kind, as_of=None if as_of is None else str(as_of))
    bodies_only = kind in ("hierarchy", "succession")
    for entity in index.dataset.entities():
        if not bodies_only or isinstance(entity, Organization):
            graph.add_node(entity.id, **_node(entity))
    wanted = {"hierarchy": HIERARCHICAL, "policy": _POLICY, "succession": frozenset(), "all": frozenset(RelationKind)}[
        kind
    ]
    for relation in index.dataset[RELATIONS]:
        if relation.kind in wanted and relation.subject in graph and relation.object in graph:
            graph.add_edge(
                relation.subject,
                relation.object,
                kind=relation.kind.value,  # no key: a relation that ends and begins again is two edges
                valid_from=None if relation.valid_from is None else str(relation.valid_from),
                valid_until=None if relation.valid_until is None else str(relation.valid_until),
                sources=[citation.source for citation in relation.sources],
            )
    if kind in ("succession", "all"):
        for event in index.dataset[EVENTS]:
            for pair in event.successions():
                if all(node in graph for node in pair) and not graph.has_edge(*pair, key="succeeded_by"):
                    graph.add_edge(
                        *pair,
                        key="succeeded_by",
                        kind="succeeded_by",
                        date=None if event.date is None else str(event.date),
                        event=event.kind.value,
                    )
    if kind in ("policy", "all"):
        # The links records hold as fields: publishers, organisers, a strategy's publisher, a plan's law.
        for collection in COLLECTIONS:
            if not collection.entity or collection is ORGANIZATIONS:
                continue
            for field in attrs.fields(collection.cls):
                if REFERS_TO not in field.metadata:
                    continue
                for record in index.dataset[collection]:
                    value = getattr(record, field.name)
                    for target in value if isinstance(value, tuple) else (value,):
                        if target is not None and target in graph and record.id in graph:
                            graph.add_edge(target, record.id, key=field.name, kind=field.name)
    return graph
