"""
The dataset: every record of a system, collection by collection, in canonical order.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Any, TypeVar

from ._records import Entity
from ._registry import BY_NAME, COLLECTIONS, ENTITIES, Collection

R = TypeVar("R")
#: Reads one collection's records, for a dataset whose collections are built on first use.
Reader = Callable[[str], Iterable[Any]]


class Dataset:
    """
    The records of a system: one tuple per collection of the registry, immutable.

    Each collection keeps data order, except where the registry gives one (events in
    date order, recommendations in their strategy's order). Two datasets are equal
    when they hold equal records in the same order and describe the same day.

    A dataset may be *deferred*: each collection is read and built the first time it
    is asked for (once, whichever thread asks first), so that a question about one
    body builds only what it needs.

    Attributes:
        as_of: The day a snapshot describes, or None for the whole record.

    Example:
        >>> from jp_mfg_policy._registry import ORGANIZATIONS
        >>> import jp_mfg_policy as jmp
        >>> jmp.load().dataset[ORGANIZATIONS][0].id
        'cabinet-office'
    """

    __slots__ = ("_hash", "_lock", "_origin_of", "_origins", "_reader", "_records", "as_of")

    def __init__(
        self,
        records: Mapping[str, Iterable[Any]],
        *,
        as_of: dt.date | None = None,
        origins: Mapping[tuple[str, Any], str] | None = None,
        ordered: bool = False,
    ) -> None:
        self._records: dict[str, tuple[Any, ...]] = {}
        self._reader: Reader | None = None
        # Reentrant: building one collection may read another (recommendations follow their strategies).
        self._lock = threading.RLock()
        for collection in COLLECTIONS:
            self._set(collection, records.get(collection.name, ()), ordered=ordered)
        self.as_of = as_of
        # A snapshot shares its record's (read-only) origins rather than copy them.
        self._origins: Mapping[tuple[str, Any], str] = (
            origins if isinstance(origins, MappingProxyType) else MappingProxyType(dict(origins or {}))
        )
        self._origin_of: Callable[[str], str] | None = None
        self._hash: int | None = None

    @classmethod
    def deferred(cls, reader: Reader, origin_of: Callable[[str], str]) -> Dataset:
        """
        A dataset whose collections *reader* builds on first use; each record came from *origin_of* its collection.

        Example:
            >>> Dataset.deferred(lambda name: (), lambda name: "nowhere").named("laws")
            ()
        """
        dataset = cls({})
        dataset._records.clear()
        dataset._reader = reader
        dataset._origin_of = origin_of
        return dataset

    def _set(self, collection: Collection[Any], items: Iterable[Any], *, ordered: bool = False) -> None:
        records = tuple(items)
        if collection.order is not None and not ordered:
            records = collection.order(records, self.named)
        self._records[collection.name] = records

    def named(self, name: str) -> tuple[Any, ...]:
        """
        The records of the collection called *name*.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> len(jmp.load().dataset.named("sources")) > 100
            True
        """
        found = self._records.get(name)
        if found is None:
            reader = self._reader
            if reader is None or name not in BY_NAME:
                raise KeyError(name)
            with self._lock:
                found = self._records.get(name)
                if found is None:
                    self._set(BY_NAME[name], reader(name))
                    found = self._records[name]
        return found

    def __getitem__(self, collection: Collection[R]) -> tuple[R, ...]:
        return self.named(collection.name)

    def origin(self, collection: Collection[Any], identity: object) -> str | None:
        """
        The file a record came from, by its collection and identity; None if it is not a record of this dataset.

        Example:
            >>> from jp_mfg_policy._registry import ORGANIZATIONS
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().dataset.origin(ORGANIZATIONS, "meti")
            'jp_mfg_policy/data/organizations.json'
        """
        if self._origin_of is not None:
            known = any(collection.identity(record) == identity for record in self.named(collection.name))
            return self._origin_of(collection.name) if known else None
        return self._origins.get((collection.name, identity))

    @property
    def origins(self) -> Mapping[tuple[str, Any], str]:
        """(collection name, record identity) -> the file the record came from."""
        if self._origin_of is None:
            return self._origins
        return MappingProxyType(
            {
                (collection.name, collection.identity(record)): self._origin_of(collection.name)
                for collection in COLLECTIONS
                for record in self.named(collection.name)
            }
        )

    def entities(self) -> Iterator[Entity]:
        """
        Every entity, collection by collection.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> next(jmp.load().dataset.entities()).id
            'cabinet-office'
        """
        for collection in ENTITIES:
            yield from self.named(collection.name)

    def records(self) -> Mapping[str, tuple[Any, ...]]:
        """
        Every collection, built.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> list(jmp.load().dataset.records())[:2]
            ['sources', 'organizations']
        """
        return MappingProxyType({collection.name: self.named(collection.name) for collection in COLLECTIONS})

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Dataset):
            return NotImplemented
        return self.as_of == other.as_of and self.records() == other.records()

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash((self.as_of, tuple(self.records().values())))
        return self._hash

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (dict(self.records()), self.as_of, dict(self.origins)))

    def __repr__(self) -> str:
        sizes = ", ".join(f"{len(records)} {name}" for name, records in self._records.items() if records)
        when = f" as of {self.as_of}" if self.as_of else ""
        return f"<Dataset{when}: {sizes or 'collections not yet read'}>"


def _rebuild(
    records: Mapping[str, Iterable[Any]], as_of: dt.date | None, origins: Mapping[tuple[str, Any], str]
) -> Dataset:
    return Dataset(records, as_of=as_of, origins=origins)
