"""
The dataset: every record of a system, collection by collection, in canonical order.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from ._records import Entity
from ._registry import BY_NAME, COLLECTIONS, ENTITIES, Collection

if TYPE_CHECKING:
    from ._bodies import Organization

R = TypeVar("R")
#: Reads one collection's records, for a dataset whose collections are built on first use.
Reader = Callable[[str], Iterable[Any]]


class DayView(Protocol):
    """
    A dataset as it stood on one day, cut from a whole one, before anything of it is built.

    It reads each collection (in order: filtering keeps the whole one's) when asked, and
    answers the questions about one entity that need not build a collection.
    """

    @property
    def whole(self) -> Dataset:
        """The dataset the day is cut from: its records' origins are the whole one's."""

    @property
    def as_of(self) -> dt.date:
        """The day."""

    def __call__(self, name: str) -> Iterable[Any]:
        """The records of the collection called *name* on the day, in order."""

    def entity(self, ident: str) -> Entity | None:
        """The entity with id *ident* as it stood on the day, or None if it did not stand."""

    def parent(self, ident: str) -> Organization | None:
        """The body the body *ident* sat under on the day, or None."""

    def children(self, ident: str) -> tuple[Organization, ...]:
        """The bodies directly under the body *ident* on the day, in data order."""


#: Reads one record of a collection by its id, or None, without building the whole collection.
Finder = Callable[[str, str], Any]
#: Reads each record's id and the texts it is found by (:func:`~._normalize.names_of`), without building them.
Namer = Callable[[str], Sequence[tuple[str, tuple[str, ...]]]]
#: Reads the records of a collection that name an id, in data order, without building the others.
Referrer = Callable[[str, str], Sequence[Any]]


class Dataset:
    """
    The records of a system: one tuple per collection of the registry, immutable.

    Each collection keeps data order, except where the registry gives one (events in
    date order, recommendations in their strategy's order). Two datasets are equal
    when they hold equal records in the same order and describe the same day.

    A dataset may be *deferred*: each collection is read and built the first time it
    is asked for (once, whichever thread asks first), so that a question about one
    body builds only what it needs. A snapshot's dataset is deferred in the same way
    (:meth:`of_day`).

    Attributes:
        as_of: The day a snapshot describes, or None for the whole record.
        view: For a snapshot's deferred dataset, what answers for one entity before its
            collections are built; None otherwise.

    Example:
        >>> from jp_mfg_policy._registry import ORGANIZATIONS
        >>> import jp_mfg_policy as jmp
        >>> jmp.load().dataset[ORGANIZATIONS][0].id
        'cabinet-office'
    """

    __slots__ = (
        "_finder",
        "_hash",
        "_lock",
        "_namer",
        "_ordered",
        "_origin_of",
        "_origins",
        "_reader",
        "_records",
        "_referrer",
        "as_of",
        "view",
    )

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
        self._ordered = False
        self.view: DayView | None = None
        self._finder: Finder | None = None
        self._namer: Namer | None = None
        self._referrer: Referrer | None = None
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
    def deferred(
        cls,
        reader: Reader,
        origin_of: Callable[[str], str],
        finder: Finder | None = None,
        namer: Namer | None = None,
        referrer: Referrer | None = None,
    ) -> Dataset:
        """
        A dataset whose collections *reader* builds on first use; each record came from *origin_of* its collection.

        *finder*, if given, builds one record by its id while its collection is not yet
        built (see :meth:`find`); *namer* reads the names of a collection's records
        without building them (see :meth:`stored_names`); *referrer* builds the records
        that name one id (see :meth:`referring`).

        Example:
            >>> Dataset.deferred(lambda name: (), lambda name: "nowhere").named("laws")
            ()
        """
        dataset = cls({})
        dataset._records.clear()
        dataset._reader = reader
        dataset._origin_of = origin_of
        dataset._finder = finder
        dataset._namer = namer
        dataset._referrer = referrer
        return dataset

    @classmethod
    def of_day(cls, view: DayView) -> Dataset:
        """
        A snapshot's dataset, each collection read from *view* on first use.

        Until then *view* answers for single entities (see :class:`~._index.Index`), so
        that ``at()`` costs nothing and a question about one body builds no collection.
        """
        dataset = cls({}, as_of=view.as_of)
        dataset._records.clear()
        dataset._reader = view
        dataset._ordered = True  # the view filters the whole dataset's collections, in their order
        dataset.view = view
        return dataset

    def find(self, collection: Collection[R], ident: str) -> R | None:
        """
        The record of *collection* with id *ident*, or None; for a deferred dataset, built alone.

        A question about one source (the titles a page cites) then does not build all
        of them. Once the collection is built, or without a finder, the collection is
        searched: callers with many questions should index it.

        Example:
            >>> from jp_mfg_policy._registry import SOURCES
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().dataset.find(SOURCES, "ror-meti").url
            'https://ror.org/055tm7f07'
        """
        if self._finder is not None and collection.name not in self._records:
            found: R | None = self._finder(collection.name, ident)
            return found
        return next((record for record in self[collection] if getattr(record, "id", None) == ident), None)

    def stored_names(self, collection: Collection[Any]) -> Sequence[tuple[str, tuple[str, ...]]] | None:
        """
        Each record's id and the texts it is found by, in data order, read without building the collection.

        None once the collection is built, or if the dataset cannot tell: then the records
        themselves are there to ask. A name lookup on a deferred dataset so builds the one
        body it finds.

        Example:
            >>> from jp_mfg_policy._registry import ORGANIZATIONS
            >>> import jp_mfg_policy as jmp
            >>> Dataset({}).stored_names(ORGANIZATIONS) is None
            True
        """
        if self._namer is None or collection.name in self._records:
            return None
        return self._namer(collection.name)

    def referring(self, collection: Collection[R], ident: str) -> tuple[R, ...]:
        """
        The records of *collection* that name *ident* in a field of ids, in the collection's order.

        A deferred dataset that :attr:`refers` builds them alone while the collection is not
        built: a body's history builds that body's events. Otherwise the collection is
        searched: callers with many questions should index it.

        Example:
            >>> from jp_mfg_policy._registry import EVENTS
            >>> import jp_mfg_policy as jmp
            >>> [str(event.kind) for event in jmp.load().dataset.referring(EVENTS, "meti")][-2:]
            ['founded', 'reorganised']
        """
        if self._referrer is None or collection.name in self._records:
            return tuple(record for record in self[collection] if collection.names(record, ident))
        found = tuple(self._referrer(collection.name, ident))
        return found if collection.order is None else collection.order(found, self.named)

    @property
    def refers(self) -> bool:
        """Whether :meth:`referring` can answer while a collection is not built."""
        return self._referrer is not None

    def built(self, collection: Collection[Any]) -> bool:
        """Whether *collection* is built (always, unless the dataset is deferred)."""
        return collection.name in self._records

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
                    self._set(BY_NAME[name], reader(name), ordered=self._ordered)
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
        if self.view is not None:
            return self.view.whole.origin(collection, identity)
        if self._origin_of is not None:
            known = any(collection.identity(record) == identity for record in self.named(collection.name))
            return self._origin_of(collection.name) if known else None
        return self._origins.get((collection.name, identity))

    @property
    def origins(self) -> Mapping[tuple[str, Any], str]:
        """(collection name, record identity) -> the file the record came from."""
        if self.view is not None:
            return self.view.whole.origins  # a snapshot's records came from where the whole record's did
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
