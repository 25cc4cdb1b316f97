"""
Merging files: overrides change records of other files, explicitly.
"""

from __future__ import annotations

from typing import Any

import cattrs

from ._serde import COLLECTION_TYPES, COLLECTIONS, Override, converter, format_problem
from ._validate import Located, Merged
from .exceptions import Problem


def _has_id(collection: str) -> bool:
    return any(field.name == "id" for field in COLLECTION_TYPES[collection].__attrs_attrs__)  # type: ignore[attr-defined]


def _matches(located: Located, override: Override) -> bool:
    if override.id is not None:
        return getattr(located.item, "id", None) == override.id
    data = converter.unstructure(located.item)
    return all(data.get(field) == value for field, value in (override.match or {}).items())


def apply_overrides(merged: Merged, overrides: list[Located]) -> list[Problem]:  # noqa: C901 - one check a rule
    """
    Apply each override, in file order, to the records of *merged*.

    Every override must pick out exactly one record; the changed record must
    still be valid. The changed record is attributed to the override's file.
    """
    problems: list[Problem] = []
    for located in overrides:
        override: Override = located.item

        def fail(suffix: str, message: str, where: Located = located) -> None:
            problems.append(Problem(where.file, where.path + suffix, message))

        if override.collection not in COLLECTIONS:
            known = ", ".join(COLLECTIONS)
            fail(".collection", f"unknown collection {override.collection!r}; expected one of: {known}")
            continue
        keyed = _has_id(override.collection)
        if keyed and (override.id is None or override.match is not None):
            fail(".id", f"records of {override.collection} are picked by 'id' (and not by 'match')")
            continue
        if not keyed and (override.match is None or override.id is not None):
            fail(".match", f"records of {override.collection} have no id: pick one with 'match'")
            continue
        if override.remove == (override.changes is not None):
            fail("", "give either 'set' (the fields to change) or 'remove': true")
            continue
        if not override.sources:
            fail(".sources", "no source cited: an override must name the source of its change")
            continue
        records = merged.collections[override.collection]
        found = [index for index, target in enumerate(records) if _matches(target, override)]
        if len(found) != 1:
            what = f"id {override.id!r}" if keyed else f"match {override.match!r}"
            fail(".id" if keyed else ".match", f"{what} picks out {len(found)} records of {override.collection}, not 1")
            continue
        (index,) = found
        if override.remove:
            del records[index]
            continue
        data: dict[str, Any] = converter.unstructure(records[index].item)
        data |= override.changes or {}
        data["sources"] = [*data.get("sources", []), *converter.unstructure(override.sources)]
        try:
            changed: object = converter.structure(data, COLLECTION_TYPES[override.collection])
        except (cattrs.BaseValidationError, ValueError, TypeError) as exc:
            messages = (
                cattrs.transform_error(exc, path="", format_exception=format_problem)
                if isinstance(exc, cattrs.BaseValidationError)
                else [f"{format_problem(exc, None)} @ "]
            )
            for message in messages:
                what, _, where = message.rpartition(" @ ")
                fail(f".set{where}", what)
            continue
        records[index] = Located(changed, located.file, located.path)
    return problems
