"""
Snapshots: the dataset as it stood on one day.

A snapshot holds what stood on the day and nothing later: the entities alive then,
under the names and legal forms they had (and without an end date: it had not come);
the relations that held (without an end date); the events and counts dated up to the
day, of entities that stood. Links to entities that no longer stood are left out, so
that a snapshot is a valid dataset of its own: it exports and loads back as itself. The
sources stay whole; the caveats, which speak of the sources rather than of a day, go.
"""

from __future__ import annotations

import bisect
import datetime as dt
from typing import Any

import attrs

from ._dataset import Dataset
from ._facts import Event, Relation
from ._index import Index
from ._registry import CAVEATS, COVERAGE, ENTITIES, EVENTS, MEMBERSHIPS, RELATIONS, SOURCES


def snapshot(index: Index, day: dt.date) -> Dataset:
    """
    The dataset of *index* as it stood on *day*.

    Example:
        >>> import datetime as dt, jp_mfg_policy as jmp
        >>> past = snapshot(jmp.load().index, dt.date(1999, 12, 31))
        >>> "miti" in {org.id for org in past.named("organizations")}
        True
    """
    dataset, timeline = index.dataset, index.timeline
    today = day.toordinal()
    spans = timeline.spans
    records: dict[str, tuple[Any, ...]] = {SOURCES.name: dataset[SOURCES]}
    present: set[str] = set()
    for collection in ENTITIES:
        standing = []
        for entity in dataset[collection]:
            start, end = spans[entity.id]
            if start <= today < end:
                standing.append(timeline.variant(entity, today))
                present.add(entity.id)
        records[collection.name] = tuple(standing)
    records[RELATIONS.name] = tuple(
        _open(relation)
        for relation, (start, end) in zip(dataset[RELATIONS], index.relation_days, strict=True)
        if start <= today < end
    )
    # Events are in date order, undated last: those of the day and before are a prefix.
    before = bisect.bisect_right(index.event_days, today)
    records[EVENTS.name] = tuple(_among(event, present) for event in dataset[EVENTS][:before] if event.body in present)
    records[MEMBERSHIPS.name] = tuple(
        count for count in dataset[MEMBERSHIPS] if count.as_of.start() <= day and count.body in present
    )
    records[COVERAGE.name] = tuple(
        claim
        for claim in dataset[COVERAGE]
        if claim.as_of is not None
        and claim.as_of.start() <= day
        and (claim.subject is None or claim.subject in present)
    )
    records[CAVEATS.name] = ()
    # Filtering keeps each collection's order: the snapshot need not sort again.
    return Dataset(records, as_of=day, origins=dataset.origins, ordered=True)


def _open(relation: Relation) -> Relation:
    # On the day, the relation had not ended: its end is a later fact.
    return relation if relation.valid_until is None else attrs.evolve(relation, valid_until=None)


def _among(event: Event, present: set[str]) -> Event:
    # Bodies that no longer stood are not in the snapshot: links to them go.
    if not event.other:
        return event
    kept = tuple(ident for ident in event.other if ident in present)
    return event if len(kept) == len(event.other) else attrs.evolve(event, other=kept)
