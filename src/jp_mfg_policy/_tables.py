"""
Adapters for the optional extras: pandas DataFrames and networkx graphs.

Neither library is imported until one of these functions is called.
"""

from __future__ import annotations

import importlib
import types
from typing import TYPE_CHECKING, Any, get_args

import attrs

from ._dates import PartialDate
from ._export import columns, organization_record, records
from ._serde import COLLECTION_TYPES, ORGANIZATION_KINDS

if TYPE_CHECKING:
    from ._system import PolicySystem


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


def _field_types(kind: str) -> dict[str, Any]:
    classes = ORGANIZATION_KINDS.values() if kind == "organizations" else [COLLECTION_TYPES[kind]]
    found: dict[str, Any] = {}
    for cls in classes:
        for field in attrs.fields(attrs.resolve_types(cls)):
            found.setdefault(field.name, field.type)
    return found


def _base(annotation: Any) -> Any:  # noqa: ANN401 - any type annotation
    args = [arg for arg in get_args(annotation) if arg is not type(None)]
    return args[0] if len(args) == 1 and not isinstance(annotation, type) else annotation


def to_pandas(system: PolicySystem, kind: str) -> Any:  # noqa: ANN401 - pandas is optional and untyped here
    """See :meth:`PolicySystem.to_pandas`."""
    pd = require("pandas", "pandas")
    header = columns(kind)
    rows = records(system, kind)
    frame = pd.DataFrame.from_records(rows, columns=header)
    types_ = _field_types(kind)
    for column in header:
        annotation = _base(types_.get(column, str))
        if annotation is PartialDate:
            dates = [None if row[column] is None else PartialDate.parse(str(row[column])) for row in rows]
            position = frame.columns.get_loc(column)
            starts = [None if date is None else date.start() for date in dates]
            precision = [None if date is None else date.precision for date in dates]
            frame[column] = pd.to_datetime(pd.Series(starts, dtype="object"))
            frame.insert(
                position + 1,
                f"{column}_precision",
                pd.Categorical(precision, categories=["year", "month", "day"]),
            )
        elif annotation is bool:
            frame[column] = frame[column].astype("boolean")
        elif annotation is int:
            frame[column] = frame[column].astype("Int64")
        elif annotation is float:
            frame[column] = frame[column].astype("Float64")
        else:
            frame[column] = frame[column].astype("string")
    return frame


def to_networkx(system: PolicySystem) -> Any:  # noqa: ANN401 - networkx is optional and untyped here
    """See :meth:`PolicySystem.to_networkx`."""
    nx = require("networkx", "networkx")
    graph = nx.MultiDiGraph(as_of=None if system.as_of is None else str(system.as_of))
    for org in system.organizations:
        graph.add_node(org.id, entity="organization", **organization_record(org))
    for kind in ("publications", "awards", "strategies", "recommendations", "plans"):
        for record in records(system, kind):
            graph.add_node(record["id"], entity=kind.rstrip("s"), **record)
    for relation in records(system, "relations"):
        graph.add_edge(relation["subject"], relation["object"], key=relation["kind"], **relation)
    for org in system.organizations:
        for successor in org.successors:
            if successor in graph:
                graph.add_edge(
                    org.id,
                    successor,
                    key="succeeded_by",
                    kind="succeeded_by",
                    subject=org.id,
                    object=successor,
                    valid_from=None,
                    valid_until=None,
                    sources=None,
                    note=None,
                )
    return graph
