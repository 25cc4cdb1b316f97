"""
The lookup tables behind a :class:`~jp_mfg_policy.PolicySystem`.

Built once per system; the name, identifier and search tables on first use.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType

from ._dates import PartialDate, date_sort_key
from ._models import (
    Entity,
    Event,
    EventKind,
    MembershipCount,
    Organization,
    Recommendation,
    Relation,
    Source,
    Strategy,
)
from ._normalize import names_of, normalize_key


def _entity_order(entities: Iterable[Entity]) -> dict[str, int]:
    return {entity.id: index for index, entity in enumerate(entities)}


class Index:
    """
    Lookup tables built once per system (search tables on first search).

    Read-only mappings throughout; the instance is private to its system.
    """

    __slots__ = (
        "_entities",
        "_known",
        "_organizations",
        "_previous",
        "_relations",
        "_search",
        "_times",
        "by_id",
        "by_identifier",
        "by_key",
        "children",
        "events",
        "events_by_body",
        "exact",
        "keys",
        "legal_changes",
        "memberships_by_body",
        "order",
        "parent",
        "recommendations",
        "sources",
    )

    def __init__(
        self,
        *,
        organizations: tuple[Organization, ...],
        relations: tuple[Relation, ...],
        events: tuple[Event, ...],
        others: tuple[Entity, ...],
        strategies: tuple[Strategy, ...],
        recommendations: tuple[Recommendation, ...],
        memberships: tuple[MembershipCount, ...],
        sources: tuple[Source, ...],
        current_only: bool,
        events_sorted: bool = False,
        previous: Index | None = None,
        known: Mapping[str, frozenset[str]] | None = None,
    ) -> None:
        entities: list[Entity] = [*organizations, *others]
        self._entities = entities
        self._organizations, self._relations = organizations, relations
        self._times: tuple[list[int], list[int], list[int], list[int], list[int]] | None = None
        self._search: tuple[str, list[int], list[int], str, list[int]] | None = None
        # The name tables: built by names() on the first lookup by name.
        self.by_key: Mapping[str, Entity] | None = None
        self.exact: Mapping[str, Entity] | None = None
        self.keys: Mapping[str, frozenset[str]] | None = None
        self._previous, self._known = previous, known
        self.by_id: Mapping[str, Entity] = MappingProxyType({entity.id: entity for entity in entities})
        by_id = self.by_id
        self.order: Mapping[str, int] = MappingProxyType(_entity_order(entities))

        above: dict[str, list[Organization]] = defaultdict(list)
        for relation in relations:
            if relation.kind.hierarchical and (not current_only or relation.valid_until is None):
                subject, below = by_id.get(relation.subject), by_id.get(relation.object)
                if isinstance(subject, Organization) and isinstance(below, Organization):
                    above[relation.object].append(subject)
        children: dict[str, list[Organization]] = defaultdict(list)
        parent: dict[str, Organization] = {}
        for org in organizations:  # in data order, so that each body's children come in data order
            for subject in above.get(org.id, ()):
                children[subject.id].append(org)
                parent[org.id] = subject
        self.children: Mapping[str, tuple[Organization, ...]] = MappingProxyType(
            {ident: tuple(kids) for ident, kids in children.items()}
        )
        self.parent: Mapping[str, Organization] = MappingProxyType(parent)
        if not events_sorted:
            events = tuple(sorted(events, key=lambda event: date_sort_key(event.date)))
        events_by_body: dict[str, list[Event]] = defaultdict(list)
        legal_changes: dict[str, list[Event]] = defaultdict(list)
        for event in events:
            events_by_body[event.body].append(event)
            if event.kind is EventKind.LEGAL_FORM_CHANGED:
                legal_changes[event.body].append(event)
        self.events = events
        self.events_by_body: Mapping[str, tuple[Event, ...]] = MappingProxyType(
            {k: tuple(v) for k, v in events_by_body.items()}
        )
        self.legal_changes: Mapping[str, tuple[Event, ...]] = MappingProxyType(
            {k: tuple(v) for k, v in legal_changes.items()}
        )
        counts: dict[str, list[MembershipCount]] = defaultdict(list)
        for count in sorted(memberships, key=lambda m: m.as_of):
            counts[count.body].append(count)
        self.memberships_by_body: Mapping[str, tuple[MembershipCount, ...]] = MappingProxyType(
            {k: tuple(v) for k, v in counts.items()}
        )
        strategy_order = _entity_order(strategies)
        self.recommendations = tuple(
            sorted(
                recommendations,
                key=lambda r: (strategy_order.get(r.strategy, 0), r.number is None, r.number or 0),
            )
        )
        self.by_identifier: Mapping[tuple[str, str], Organization] | None = None  # see identified()
        self.sources: Mapping[str, Source] = MappingProxyType({source.id: source for source in sources})

    def names(self) -> tuple[Mapping[str, Entity], Mapping[str, Entity], Mapping[str, frozenset[str]]]:
        """
        The name tables: normalised key -> entity, names as written (and casefolded) -> entity, and id -> keys.

        Built on the first lookup by name, so that a snapshot (at) that is only iterated costs little.
        """
        if self.by_key is None or self.exact is None or self.keys is None:
            previous, known = self._previous, self._known
            old_ids = previous.by_id if previous is not None else {}
            by_key: dict[str, Entity] = {}
            exact: dict[str, Entity] = {}
            keys: dict[str, frozenset[str]] = {}
            for entity in self._entities:
                ident = entity.id
                if previous is not None and old_ids.get(ident) is entity:
                    found = previous.names()[2][ident]  # a snapshot reuses the keys of unchanged entities
                elif known is not None and ident in known:
                    found = known[ident]
                else:
                    found = frozenset(key for key in map(normalize_key, names_of(entity)) if key)
                keys[ident] = found
                for key in found:
                    by_key.setdefault(key, entity)
                for text in names_of(entity):
                    # Names as written, and casefolded, skip normalisation for the commonest lookups.
                    exact.setdefault(text, entity)
                    exact.setdefault(text.casefold(), entity)
            self.by_key, self.exact, self.keys = (
                MappingProxyType(by_key),
                MappingProxyType(exact),
                MappingProxyType(keys),
            )
            self._previous = self._known = None
        return self.by_key, self.exact, self.keys

    def times(self) -> tuple[list[int], list[int], list[int], list[int], list[int]]:
        """
        Day numbers (proleptic ordinals) of every lifetime and validity period, and of every event.

        Bodies' starts and ends, relations' starts and ends, and events' days, in the order of
        their collections (events in date order); an unknown start is -1, an unknown end, or an
        undated event, a day after every date. Built on the first snapshot, so that ``at()``
        compares integers in one pass instead of dates through attributes.
        """
        if self._times is None:
            never = dt.date.max.toordinal() + 1

            def first(date: PartialDate | None, missing: int) -> int:
                return missing if date is None else date.start().toordinal()

            self._times = (
                [first(org.established, -1) for org in self._organizations],
                [first(org.dissolved, never) for org in self._organizations],
                [first(relation.valid_from, -1) for relation in self._relations],
                [first(relation.valid_until, never) for relation in self._relations],
                [first(event.date, never) for event in self.events],
            )
        return self._times

    def identified(self) -> Mapping[tuple[str, str], Organization]:
        """(scheme, identifier) -> body; built on the first lookup by identifier."""
        if self.by_identifier is None:
            # Plain strings as keys: an enum member hashes in Python, a str in C.
            self.by_identifier = MappingProxyType(
                {
                    (identifier.scheme.value, identifier.value): entity
                    for entity in self._entities
                    if isinstance(entity, Organization)
                    for identifier in entity.identifiers
                }
            )
        return self.by_identifier

    def search_tables(self) -> tuple[str, list[int], list[int], str, list[int]]:
        """
        All names in one string, and all free text in another, with where each entity starts.

        Built on the first search: scanning one big string with ``str.find`` runs in C, where a
        loop over every entity's names would run in Python.
        """
        if self._search is None:
            names, name_starts, name_owner, texts, text_starts = [], [], [], [], []
            name_at = text_at = 0
            for number, entity in enumerate(self._entities):
                for key in sorted(self.names()[2][entity.id]):
                    names.append(key)
                    name_starts.append(name_at)
                    name_owner.append(number)
                    name_at += len(key) + 1
                texts.append(normalize_key(" ".join(_texts(entity))))
                text_starts.append(text_at)
                text_at += len(texts[-1]) + 1
            # "\n" never occurs in a key, so a match cannot run across two of them.
            self._search = ("\n".join(names) + "\n", name_starts, name_owner, "\n".join(texts) + "\n", text_starts)
        return self._search


def _texts(entity: Entity) -> Iterator[str]:
    """The free text of an entity that :meth:`PolicySystem.find` searches."""
    for field in ("description", "role", "note", "text", "title_meaning", "purpose"):
        value = getattr(entity, field, None)
        if isinstance(value, str):
            yield value
    for field in ("missions", "functions"):
        yield from getattr(entity, field, ())
    for stream in getattr(entity, "research_streams", ()):
        yield stream.name
        yield stream.description
