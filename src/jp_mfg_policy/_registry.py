"""
The registry of collections: the one place that names each collection of the dataset.

Everything that walks the dataset (reading and structuring, validation, the index,
snapshots, exports, tables, the schema, the command line, the data dictionary) derives
what it does from :data:`COLLECTIONS`. Adding a collection is: a class, one entry here,
its data, and its tests (see CONTRIBUTING.md).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar, overload

import attrs

from ._dates import PartialDate
from ._entities import (
    Agency,
    Award,
    BusinessFederation,
    Council,
    Entity,
    Law,
    Ministry,
    Organization,
    Plan,
    Program,
    Publication,
    Recommendation,
    Strategy,
)
from ._records import Caveat, Coverage, Event, MembershipCount, Relation, Source

if TYPE_CHECKING:
    from ._dataset import Dataset

R = TypeVar("R")


class HasDataset(Protocol):
    """Anything that holds a :class:`~jp_mfg_policy._dataset.Dataset`: a system."""

    @property
    def dataset(self) -> Dataset:
        """The records."""


def _by_id(record: Any) -> Hashable:  # noqa: ANN401 - any record with an id
    return record.id  # type: ignore[no-any-return]


def _events_in_date_order(events: Sequence[Event], _records: Mapping[str, Sequence[Any]]) -> tuple[Event, ...]:
    # sorted() is stable: events of one date keep their data order.
    return tuple(sorted(events, key=lambda event: (event.date is None, event.date or _EPOCH)))


_EPOCH = PartialDate(1)


def _recommendations_in_strategy_order(
    recommendations: Sequence[Recommendation], records: Mapping[str, Sequence[Any]]
) -> tuple[Recommendation, ...]:
    order = {strategy.id: index for index, strategy in enumerate(records.get("strategies", ()))}
    return tuple(
        sorted(recommendations, key=lambda r: (order.get(r.strategy, len(order)), r.number is None, r.number or 0))
    )


@attrs.frozen(eq=False)
class Collection(Generic[R]):
    """
    One collection of the dataset: its name, its record class and how its records are told apart.

    On :class:`~jp_mfg_policy.PolicySystem` an entry is the attribute that returns the
    collection's records (``system.laws``), typed.

    Attributes:
        name: The collection's name, in data files, exports and the API (``"laws"``).
        cls: The class of its records.
        doc: What it holds, in one line.
        file: The bundled data file that holds it.
        kinds: For a collection of several classes, each class (its ``TAG`` is its ``kind`` in data files).
        identity: What makes two records the same record (an id, or the fields that say the same thing).
        order: How the dataset orders the records, where data order is not enough.

    Example:
        >>> LAWS.name, LAWS.cls.__name__, LAWS.entity
        ('laws', 'Law', True)
    """

    name: str
    cls: type[R]
    doc: str
    file: str
    kinds: tuple[type[R], ...] = ()
    identity: Callable[[R], Hashable] = _by_id
    order: Callable[[Sequence[R], Mapping[str, Sequence[Any]]], tuple[R, ...]] | None = None

    @property
    def entity(self) -> bool:
        """
        Whether its records are entities, found by :meth:`PolicySystem.get`.

        Example:
            >>> RELATIONS.entity
            False
        """
        return issubclass(self.cls, Entity)

    @property
    def singular(self) -> str:
        """
        The name of one record (``"law"``, ``"strategy"``).

        Example:
            >>> STRATEGIES.singular, MEMBERSHIPS.singular
            ('strategy', 'membership')
        """
        if self.name.endswith("ies"):
            return self.name[:-3] + "y"
        return self.name.removesuffix("s")

    def class_of(self, tag: str) -> type[R] | None:
        """
        The class a ``kind`` tag names in this collection, or None.

        Example:
            >>> ORGANIZATIONS.class_of("ministry").__name__
            'Ministry'
        """
        return next((cls for cls in self.kinds if cls.TAG == tag), None)  # type: ignore[attr-defined]

    @overload
    def __get__(self, instance: None, owner: type[Any]) -> Collection[R]: ...
    @overload
    def __get__(self, instance: HasDataset, owner: type[Any]) -> tuple[R, ...]: ...

    def __get__(self, instance: HasDataset | None, owner: type[Any]) -> Collection[R] | tuple[R, ...]:
        return self if instance is None else instance.dataset[self]

    def __repr__(self) -> str:
        return f"<collection {self.name!r} of {self.cls.__name__}>"


SOURCES = Collection("sources", Source, "the documents the data cites", "sources.json")
ORGANIZATIONS: Collection[Organization] = Collection(
    "organizations",
    Organization,
    "the bodies: ministries, agencies, councils, business federations and others",
    "organizations.json",
    kinds=(Organization, Ministry, Agency, Council, BusinessFederation),
)
LAWS = Collection("laws", Law, "acts of the Diet", "laws.json")
PROGRAMS = Collection("programs", Program, "government research and innovation programmes", "programs.json")
PUBLICATIONS = Collection("publications", Publication, "recurring publications such as white papers", "publications.json")
AWARDS = Collection("awards", Award, "awards and prizes", "publications.json")
STRATEGIES = Collection("strategies", Strategy, "strategies, concepts and basic plans", "strategies.json")
RECOMMENDATIONS = Collection(
    "recommendations",
    Recommendation,
    "the recommendations of strategies",
    "strategies.json",
    order=_recommendations_in_strategy_order,
)
PLANS = Collection("plans", Plan, "multi-year government plans", "strategies.json")
RELATIONS = Collection(
    "relations",
    Relation,
    "dated relations between entities: oversight, hosting, funding, management ...",
    "relations.json",
    identity=operator.attrgetter("subject", "kind", "object", "valid_from"),
)
EVENTS = Collection(
    "events",
    Event,
    "dated changes: foundings, renamings, mergers, changes of legal form",
    "events.json",
    identity=operator.attrgetter("body", "kind", "date", "other"),
    order=_events_in_date_order,
)
MEMBERSHIPS = Collection(
    "memberships",
    MembershipCount,
    "dated membership counts of business federations",
    "memberships.json",
    identity=operator.attrgetter("body", "as_of"),
)
CAVEATS = Collection(
    "caveats",
    Caveat,
    "where a source hedges or has aged, beside the later facts",
    "caveats.json",
    identity=operator.attrgetter("subject", "topic", "source", "statement"),
)
COVERAGE = Collection(
    "coverage",
    Coverage,
    "where the data is complete and where it is a selection",
    "coverage.json",
    identity=operator.attrgetter("collection", "subject", "as_of"),
)

#: Every collection, in the order files, exports and the dataset list them.
COLLECTIONS: tuple[Collection[Any], ...] = (
    SOURCES,
    ORGANIZATIONS,
    LAWS,
    PROGRAMS,
    PUBLICATIONS,
    AWARDS,
    STRATEGIES,
    RECOMMENDATIONS,
    PLANS,
    RELATIONS,
    EVENTS,
    MEMBERSHIPS,
    CAVEATS,
    COVERAGE,
)
#: Collections by name.
BY_NAME: Mapping[str, Collection[Any]] = {collection.name: collection for collection in COLLECTIONS}
#: The collections whose records are entities.
ENTITIES: tuple[Collection[Any], ...] = tuple(collection for collection in COLLECTIONS if collection.entity)
#: The bundled data files, in reading order.
FILES: tuple[str, ...] = tuple(dict.fromkeys(collection.file for collection in COLLECTIONS))


def collection_of(record: object) -> Collection[Any]:
    """
    The collection a record belongs to.

    Raises:
        TypeError: If *record* is of no collection's class.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> collection_of(jmp.load().get("METI")).name
        'organizations'
    """
    for collection in COLLECTIONS:
        if isinstance(record, collection.cls):
            return collection
    msg = f"{type(record).__name__} is not a record of any collection"
    raise TypeError(msg)
