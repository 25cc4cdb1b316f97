"""
Snapshots: the dataset as it stood on one day.

A snapshot holds what stood on the day and nothing later: the entities alive then,
under the names and legal forms they had (and without an end date: it had not come);
the relations that held (without an end date); the events and counts dated up to the
day, of entities that stood. Links to entities that no longer stood are left out, so
that a snapshot is a valid dataset of its own: it exports and loads back as itself. The
sources stay whole; the caveats, which speak of the sources rather than of a day, go.

Nothing is built when a snapshot is taken. Each collection is cut from the whole one the
first time it is asked for, and a question about one entity (``get``, ``in``, ``parent``,
``children``) is answered from the whole record's tables and that entity's timeline alone.
"""

from __future__ import annotations

import bisect
import datetime as dt
from typing import TYPE_CHECKING, Any, cast

import attrs

from ._bodies import Organization
from ._dataset import Dataset
from ._registry import CAVEATS, COVERAGE, EVENTS, MEMBERSHIPS, RELATIONS, SOURCES

if TYPE_CHECKING:
    from collections.abc import Callable

    from ._facts import Coverage, Event, MembershipCount, Relation
    from ._index import Index
    from ._records import Entity


def snapshot(index: Index, day: dt.date) -> Dataset:
    """
    The dataset of *index* as it stood on *day*, each collection built on first use.

    Example:
        >>> import datetime as dt, jp_mfg_policy as jmp
        >>> past = snapshot(jmp.load().index, dt.date(1999, 12, 31))
        >>> "miti" in {org.id for org in past.named("organizations")}
        True
    """
    return Dataset.of_day(Day(index, day))


class Day:
    """
    The dataset of an index on one day, cut as it is asked for (a :class:`~._dataset.DayView`).

    Attributes:
        whole: The dataset it is cut from.
        as_of: The day.
    """

    __slots__ = ("_index", "_present", "_readers", "_today", "as_of", "whole")

    def __init__(self, index: Index, day: dt.date) -> None:
        self._index = index
        self.whole = index.dataset
        self.as_of = day
        self._today = day.toordinal()
        self._present: frozenset[str] | None = None
        self._readers: dict[str, Callable[[], tuple[Any, ...]]] = {
            SOURCES.name: lambda: self.whole[SOURCES],
            RELATIONS.name: self._relations,
            EVENTS.name: self._events,
            MEMBERSHIPS.name: self._memberships,
            COVERAGE.name: self._coverage,
            CAVEATS.name: tuple,
        }

    def __call__(self, name: str) -> tuple[Any, ...]:
        """The records of the collection called *name* on the day, in the whole dataset's order."""
        reader = self._readers.get(name)
        return self._entities(name) if reader is None else reader()

    def stands(self, ident: str) -> bool:
        """Whether the entity *ident* stood on the day."""
        return self._index.timeline.stands(ident, self._today)

    def entity(self, ident: str) -> Entity | None:
        """The entity *ident* as it stood on the day, or None if it did not stand."""
        entity = self._index.by_id.get(ident)
        if entity is None or not self.stands(ident):
            return None
        return self._index.timeline.variant(entity, self._today)

    def parent(self, ident: str) -> Organization | None:
        """The body the body *ident* sat under on the day, or None."""
        above = self._above(ident)
        return None if above is None else self._variant(above)

    def children(self, ident: str) -> tuple[Organization, ...]:
        """The bodies directly under the body *ident* on the day, in data order."""
        index = self._index
        relations = index.dataset[RELATIONS]
        below: dict[str, Organization] = {}
        for position in index.child_relations.get(ident, ()):
            child = relations[position].object
            if child not in below:
                above = self._above(child)
                if above is not None and above.id == ident:
                    below[child] = self._variant(index.by_id[child])
        if len(below) <= 1:  # nothing to order: the bodies' order table is not built for it
            return tuple(below.values())
        order = index.order
        return tuple(sorted(below.values(), key=lambda org: order[org.id]))

    def _above(self, ident: str) -> Organization | None:
        # As the snapshot's hierarchy reads its relations, in data order: the last that holds tells.
        index = self._index
        below = index.by_id.get(ident)
        if not isinstance(below, Organization):
            return None
        relations = index.dataset[RELATIONS]
        found = None
        for position in index.parent_relations.get(ident, ()):
            relation = relations[position]
            start, end = index.relation_span(relation)
            if start <= self._today < end:
                subject = index.by_id.get(relation.subject)
                if isinstance(subject, Organization):
                    found = subject
        return found

    def _variant(self, org: Entity) -> Organization:
        # A variant is its entity with some values of the day: of the same class.
        return cast("Organization", self._index.timeline.variant(org, self._today))

    # -- the collections ---------------------------------------------------------------

    def _entities(self, name: str) -> tuple[Entity, ...]:
        timeline, today = self._index.timeline, self._today
        return tuple(
            timeline.variant(entity, today) for entity in self.whole.named(name) if timeline.stands(entity.id, today)
        )

    def _relations(self) -> tuple[Relation, ...]:
        today = self._today
        return tuple(
            _open(relation)
            for relation, (start, end) in zip(self.whole[RELATIONS], self._index.relation_days, strict=True)
            if start <= today < end
        )

    def _standing(self) -> frozenset[str]:
        # The ids of every entity that stood: one pass, for the collections that ask about many.
        if self._present is None:
            self._present = self._index.timeline.standing(self._today)
        return self._present

    def _events(self) -> tuple[Event, ...]:
        # Events are in date order, undated last: those of the day and before are a prefix.
        before = bisect.bisect_right(self._index.event_days, self._today)
        present = self._standing()
        return tuple(_among(event, present) for event in self.whole[EVENTS][:before] if event.body in present)

    def _memberships(self) -> tuple[MembershipCount, ...]:
        day, present = self.as_of, self._standing()
        return tuple(count for count in self.whole[MEMBERSHIPS] if count.as_of.start() <= day and count.body in present)

    def _coverage(self) -> tuple[Coverage, ...]:
        day, present = self.as_of, self._standing()
        return tuple(
            claim
            for claim in self.whole[COVERAGE]
            if claim.as_of is not None
            and claim.as_of.start() <= day
            and (claim.subject is None or claim.subject in present)
        )


def _open(relation: Relation) -> Relation:
    # On the day, the relation had not ended: its end is a later fact.
    return relation if relation.valid_until is None else attrs.evolve(relation, valid_until=None)


def _among(event: Event, present: frozenset[str]) -> Event:
    # Bodies that no longer stood are not in the snapshot: links to them go.
    if not event.other:
        return event
    kept = tuple(ident for ident in event.other if ident in present)
    return event if len(kept) == len(event.other) else attrs.evolve(event, other=kept)
