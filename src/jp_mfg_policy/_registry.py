"""
The registry of collections: the one place that names each collection of the dataset.

Everything that walks the dataset (reading and structuring, validation, the index,
snapshots, exports, tables, the schema, the command line, the data dictionary) derives
what it does from :data:`COLLECTIONS`. Adding a collection is: a class, one entry here,
its data, and its tests (see CONTRIBUTING.md).
"""

from __future__ import annotations

import functools
import importlib
import operator
from collections.abc import Callable, Hashable, Sequence
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar, cast, overload

import attrs

from ._dates import PartialDate
from ._fields import REFERS_TO

if TYPE_CHECKING:
    from ._bodies import Organization
    from ._facts import Caveat, Coverage, Event, MembershipCount, Relation, Source
    from ._laws import Law
    from ._plans import Plan
    from ._programs import Program
    from ._publications import Award, Publication
    from ._recommendations import Recommendation
    from ._strategies import Strategy

R = TypeVar("R")


class Records(Protocol):
    """Records by collection: a dataset."""

    def __getitem__(self, collection: Collection[R], /) -> tuple[R, ...]: ...


class HasDataset(Protocol):
    """Anything that holds records by collection: a system."""

    @property
    def dataset(self) -> Records:
        """The records."""


def _by_id(record: Any) -> Hashable:
    ident: Hashable = record.id
    return ident


_EPOCH = PartialDate(1)


def _events_in_date_order(events: Sequence[Event], _named: Callable[[str], Sequence[Any]]) -> tuple[Event, ...]:
    # sorted() is stable: events of one date keep their data order.
    return tuple(sorted(events, key=lambda event: (event.date is None, (event.date or _EPOCH).sort_key)))


def _recommendations_in_strategy_order(
    recommendations: Sequence[Recommendation], named: Callable[[str], Sequence[Any]]
) -> tuple[Recommendation, ...]:
    order = {strategy.id: index for index, strategy in enumerate(named("strategies"))}
    return tuple(
        sorted(recommendations, key=lambda r: (order.get(r.strategy, len(order)), r.number is None, r.number or 0))
    )


#: Collection name -> the fields of its records that hold ids (:attr:`Collection.references`).
_REFERENCES: dict[str, tuple[attrs.Attribute[Any], ...]] = {}


def _resolve(where: str) -> type:
    module, _, name = where.partition(":")
    return cast("type", getattr(importlib.import_module(module, __package__), name))


@attrs.frozen(eq=False)
class Collection(Generic[R]):
    """
    One collection of the dataset: its name, its record class and how its records are told apart.

    On :class:`~jp_mfg_policy.PolicySystem` an entry is the attribute that returns the
    collection's records (``system.laws``), typed. The record classes are named here and
    imported when first needed, so that a question about bodies does not create the
    classes of laws and plans.

    Attributes:
        name: The collection's name, in data files, exports and the API (``"laws"``).
        where: Where its record class is, as ``"module:Class"``.
        doc: What it holds, in one line.
        file: The bundled data file that holds it.
        entity: Whether its records are entities, found by :meth:`PolicySystem.get`.
        kinds: For a collection of several classes, where each is (a class's ``TAG`` is its ``kind`` in data files).
        identity: What makes two records the same record (an id, or the fields that say the same thing).
        order: How the dataset orders the records, where data order is not enough (given the records and a
            way to read the other collections).

    Example:
        >>> LAWS.name, LAWS.cls.__name__, LAWS.entity
        ('laws', 'Law', True)
    """

    name: str
    where: str
    doc: str
    file: str
    entity: bool
    kinds: tuple[str, ...] = ()
    identity: Callable[[R], Hashable] = _by_id
    order: Callable[[Sequence[R], Callable[[str], Sequence[Any]]], tuple[R, ...]] | None = None

    @functools.cached_property
    def cls(self) -> type[R]:
        """
        The class of its records (the base class, for a collection of several).

        Example:
            >>> ORGANIZATIONS.cls.__name__
            'Organization'
        """
        return _resolve(self.where)

    @functools.cached_property
    def classes(self) -> tuple[type[R], ...]:
        """
        Every class its records may be of.

        Example:
            >>> [cls.__name__ for cls in ORGANIZATIONS.classes][:2]
            ['Organization', 'Ministry']
        """
        return tuple(_resolve(where) for where in self.kinds) if self.kinds else (self.cls,)

    @property
    def references(self) -> tuple[attrs.Attribute[Any], ...]:
        """
        The fields of its records that name other records by id (one id, or a tuple of them).

        Example:
            >>> [field.name for field in EVENTS.references]
            ['body', 'other', 'law']
        """
        found = _REFERENCES.get(self.name)
        if found is None:  # worked out once: a property, as attrs cannot evaluate the annotation of a cached one
            classes = cast("tuple[type[attrs.AttrsInstance], ...]", self.classes)  # record classes are attrs classes
            fields = (field for cls in classes for field in attrs.fields(cls) if REFERS_TO in field.metadata)
            found = _REFERENCES[self.name] = tuple({field.name: field for field in fields}.values())
        return found

    def names(self, record: Any, ident: str) -> bool:
        """
        Whether *record* names *ident* in one of its :attr:`references`.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> RELATIONS.names(jmp.load().relations(object="NEDO")[0], "nedo")
            True
        """
        for field in self.references:
            value = getattr(record, field.name)
            if value == ident or (type(value) is tuple and ident in value):
                return True
        return False

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
        return next((cls for cls in self.classes if getattr(cls, "TAG", None) == tag), None)

    @overload
    def __get__(self, instance: None, owner: type[Any]) -> Collection[R]: ...
    @overload
    def __get__(self, instance: HasDataset, owner: type[Any]) -> tuple[R, ...]: ...

    def __get__(self, instance: HasDataset | None, owner: type[Any]) -> Collection[R] | tuple[R, ...]:
        return self if instance is None else instance.dataset[self]

    def __repr__(self) -> str:
        return f"<collection {self.name!r} of {self.where.partition(':')[2]}>"


_BODIES = (
    "._bodies:Organization",
    "._bodies:Ministry",
    "._bodies:Agency",
    "._bodies:Council",
    "._bodies:BusinessFederation",
)

SOURCES: Collection[Source] = Collection(
    "sources", "._facts:Source", "the documents the data cites", "sources.json", entity=False
)
ORGANIZATIONS: Collection[Organization] = Collection(
    "organizations",
    "._bodies:Organization",
    "the bodies: ministries, agencies, councils, business federations and others",
    "organizations.json",
    entity=True,
    kinds=_BODIES,
)
LAWS: Collection[Law] = Collection("laws", "._laws:Law", "acts of the Diet", "laws.json", entity=True)
PROGRAMS: Collection[Program] = Collection(
    "programs", "._programs:Program", "government research and innovation programmes", "programs.json", entity=True
)
PUBLICATIONS: Collection[Publication] = Collection(
    "publications",
    "._publications:Publication",
    "recurring publications such as white papers",
    "publications.json",
    entity=True,
)
AWARDS: Collection[Award] = Collection(
    "awards", "._publications:Award", "awards and prizes", "publications.json", entity=True
)
STRATEGIES: Collection[Strategy] = Collection(
    "strategies", "._strategies:Strategy", "strategies, concepts and basic plans", "strategies.json", entity=True
)
RECOMMENDATIONS: Collection[Recommendation] = Collection(
    "recommendations",
    "._recommendations:Recommendation",
    "the recommendations of strategies",
    "strategies.json",
    entity=True,
    order=_recommendations_in_strategy_order,
)
PLANS: Collection[Plan] = Collection(
    "plans", "._plans:Plan", "multi-year government plans", "strategies.json", entity=True
)
RELATIONS: Collection[Relation] = Collection(
    "relations",
    "._facts:Relation",
    "dated relations between entities: oversight, hosting, funding, management ...",
    "relations.json",
    entity=False,
    identity=operator.attrgetter("subject", "kind", "object", "valid_from"),
)
EVENTS: Collection[Event] = Collection(
    "events",
    "._facts:Event",
    "dated changes: foundings, renamings, mergers, changes of legal form",
    "events.json",
    entity=False,
    identity=operator.attrgetter("body", "kind", "date", "from_value", "to_value"),
    order=_events_in_date_order,
)
MEMBERSHIPS: Collection[MembershipCount] = Collection(
    "memberships",
    "._facts:MembershipCount",
    "dated membership counts of business federations",
    "memberships.json",
    entity=False,
    identity=operator.attrgetter("body", "as_of"),
)
CAVEATS: Collection[Caveat] = Collection(
    "caveats",
    "._facts:Caveat",
    "where a source hedges or has aged, beside the later facts",
    "caveats.json",
    entity=False,
    identity=operator.attrgetter("subject", "topic", "source", "statement"),
)
COVERAGE: Collection[Coverage] = Collection(
    "coverage",
    "._facts:Coverage",
    "where the data is complete and where it is a selection",
    "coverage.json",
    entity=False,
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
BY_NAME: dict[str, Collection[Any]] = {collection.name: collection for collection in COLLECTIONS}
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
    where = f".{type(record).__module__.rpartition('.')[2]}:{type(record).__name__}"
    for collection in COLLECTIONS:
        if where == collection.where or where in collection.kinds:
            return collection
    msg = f"{type(record).__name__} is not a record of any collection"
    raise TypeError(msg)
