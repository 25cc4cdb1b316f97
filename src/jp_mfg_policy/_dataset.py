"""
The dataset: every record of a system, collection by collection, in canonical order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Any, TypeVar

from ._entities import Entity
from ._registry import COLLECTIONS, ENTITIES, Collection

R = TypeVar("R")


class Dataset:
    """
    The records of a system: one tuple per collection of the registry, immutable.

    Each collection keeps data order, except where the registry gives one (events in
    date order, recommendations in their strategy's order). Two datasets are equal
    when they hold equal records in the same order and describe the same day.

    Attributes:
        as_of: The day a snapshot describes, or None for the whole record.
        origins: (collection name, record identity) -> the file the record came from.

    Example:
        >>> from jp_mfg_policy._registry import ORGANIZATIONS
        >>> import jp_mfg_policy as jmp
        >>> jmp.load().dataset[ORGANIZATIONS][1].acronym
        'METI'
    """

    __slots__ = ("_hash", "_records", "as_of", "origins")

    def __init__(
        self,
        records: Mapping[str, Iterable[Any]],
        *,
        as_of: dt.date | None = None,
        origins: Mapping[tuple[str, Any], str] | None = None,
    ) -> None:
        ordered: dict[str, tuple[Any, ...]] = {}
        for collection in COLLECTIONS:
            items = tuple(records.get(collection.name, ()))
            ordered[collection.name] = collection.order(items, ordered) if collection.order else items
        self._records: Mapping[str, tuple[Any, ...]] = MappingProxyType(ordered)
        self.as_of = as_of
        self.origins: Mapping[tuple[str, Any], str] = MappingProxyType(dict(origins or {}))
        self._hash: int | None = None

    def __getitem__(self, collection: Collection[R]) -> tuple[R, ...]:
        return self._records[collection.name]  # type: ignore[return-value]  # the registry types each collection

    def named(self, name: str) -> tuple[Any, ...]:
        """
        The records of the collection called *name*.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> len(jmp.load().dataset.named("sources")) > 100
            True
        """
        return self._records[name]

    def entities(self) -> Iterator[Entity]:
        """
        Every entity, collection by collection.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> next(jmp.load().dataset.entities()).id
            'cabinet'
        """
        for collection in ENTITIES:
            yield from self._records[collection.name]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Dataset):
            return NotImplemented
        return self.as_of == other.as_of and self._records == other._records

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash((self.as_of, tuple(self._records.values())))
        return self._hash

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (dict(self._records), self.as_of, dict(self.origins)))

    def __repr__(self) -> str:
        sizes = ", ".join(f"{len(records)} {name}" for name, records in self._records.items() if records)
        when = f" as of {self.as_of}" if self.as_of else ""
        return f"<Dataset{when}: {sizes}>"


def _rebuild(records: Mapping[str, Iterable[Any]], as_of: dt.date | None, origins: Mapping[tuple[str, Any], str]) -> Dataset:
    return Dataset(records, as_of=as_of, origins=origins)
