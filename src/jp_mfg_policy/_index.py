"""
The lookup tables behind a :class:`~jp_mfg_policy.PolicySystem`.

Built once per system; the name, identifier and search tables on first use.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import TypeVar

from ._dates import PartialDate, date_sort_key
from ._load import without_gc
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

_T = TypeVar("_T")


def _batch(build: Callable[[Index], _T]) -> Callable[[Index], _T]:
    """Run a table's build without the cycle collector: it makes many new, acyclic objects."""

    @functools.wraps(build)
    def run(index: Index) -> _T:
        with without_gc():
            return build(index)

    return run


def _entity_order(entities: Iterable[Entity]) -> dict[str, int]:
    return {entity.id: index for index, entity in enumerate(entities)}


class Index:
    """
    Lookup tables for one system, each built on first use.

    A snapshot (``at()``) that is only iterated, or asked a few questions, builds only the tables
    those questions need. Read-only mappings throughout; the instance is private to its system.
    """

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
        self._entities: list[Entity] = [*organizations, *others]
        self._organizations, self._relations, self._events = organizations, relations, events
        self._strategies, self._recommendations = strategies, recommendations
        self._memberships, self._sources = memberships, sources
        self._current_only, self._events_sorted = current_only, events_sorted
        self._times: tuple[list[int], list[int], list[int], list[int], list[int]] | None = None
        self._search: tuple[str, list[int], list[int], str, list[int]] | None = None
        # The name tables: built by names() on the first lookup by name.
        self.by_key: Mapping[str, Entity] | None = None
        self.exact: Mapping[str, Entity] | None = None
        self.keys: Mapping[str, frozenset[str]] | None = None
        # A snapshot answers lookups by name through the whole record's tables, which hold every
        # name of every body, past and present; it never builds its own.
        self._root, self._known = previous, known
        self.by_id: Mapping[str, Entity] = MappingProxyType({entity.id: entity for entity in self._entities})
        self.by_identifier: Mapping[tuple[str, str], Organization] | None = None  # see identified()

    @functools.cached_property
    def order(self) -> Mapping[str, int]:
        """Entity id -> its position in data order."""
        return MappingProxyType(_entity_order(self._entities))

    @functools.cached_property
    @_batch
    def hierarchy(self) -> tuple[Mapping[str, tuple[Organization, ...]], Mapping[str, Organization]]:
        """Body id -> the bodies directly under it (in data order), and body id -> the body above it."""
        by_id = self.by_id
        above: dict[str, list[Organization]] = defaultdict(list)
        for relation in self._relations:
            if relation.kind.hierarchical and (not self._current_only or relation.valid_until is None):
                subject, below = by_id.get(relation.subject), by_id.get(relation.object)
                if isinstance(subject, Organization) and isinstance(below, Organization):
                    above[relation.object].append(subject)
        children: dict[str, list[Organization]] = defaultdict(list)
        parent: dict[str, Organization] = {}
        for org in self._organizations:  # in data order, so that each body's children come in data order
            for subject in above.get(org.id, ()):
                children[subject.id].append(org)
                parent[org.id] = subject
        return (
            MappingProxyType({ident: tuple(kids) for ident, kids in children.items()}),
            MappingProxyType(parent),
        )

    @property
    def children(self) -> Mapping[str, tuple[Organization, ...]]:
        """Body id -> the bodies directly under it, in data order."""
        return self.hierarchy[0]

    @property
    def parent(self) -> Mapping[str, Organization]:
        """Body id -> the body it sits under."""
        return self.hierarchy[1]

    @functools.cached_property
    def events(self) -> tuple[Event, ...]:
        """Every event in date order, undated ones last."""
        if self._events_sorted:
            return self._events
        return tuple(sorted(self._events, key=lambda event: date_sort_key(event.date)))

    @functools.cached_property
    @_batch
    def _by_body(self) -> tuple[Mapping[str, tuple[Event, ...]], Mapping[str, tuple[Event, ...]]]:
        events_by_body: dict[str, list[Event]] = defaultdict(list)
        legal_changes: dict[str, list[Event]] = defaultdict(list)
        for event in self.events:
            events_by_body[event.body].append(event)
            if event.kind is EventKind.LEGAL_FORM_CHANGED:
                legal_changes[event.body].append(event)
        return (
            MappingProxyType({k: tuple(v) for k, v in events_by_body.items()}),
            MappingProxyType({k: tuple(v) for k, v in legal_changes.items()}),
        )

    @property
    def events_by_body(self) -> Mapping[str, tuple[Event, ...]]:
        """Body id -> its events in date order."""
        return self._by_body[0]

    @property
    def legal_changes(self) -> Mapping[str, tuple[Event, ...]]:
        """Body id -> its changes of legal form in date order."""
        return self._by_body[1]

    @functools.cached_property
    def memberships_by_body(self) -> Mapping[str, tuple[MembershipCount, ...]]:
        """Body id -> its membership counts, oldest first."""
        counts: dict[str, list[MembershipCount]] = defaultdict(list)
        for count in sorted(self._memberships, key=lambda m: m.as_of):
            counts[count.body].append(count)
        return MappingProxyType({k: tuple(v) for k, v in counts.items()})

    @functools.cached_property
    def recommendations(self) -> tuple[Recommendation, ...]:
        """Every recommendation, by strategy and then in the strategy's own order."""
        strategy_order = _entity_order(self._strategies)
        return tuple(
            sorted(
                self._recommendations,
                key=lambda r: (strategy_order.get(r.strategy, 0), r.number is None, r.number or 0),
            )
        )

    @functools.cached_property
    def sources(self) -> Mapping[str, Source]:
        """Source id -> source."""
        return MappingProxyType({source.id: source for source in self._sources})

    @_batch
    def names(self) -> tuple[Mapping[str, Entity], Mapping[str, Entity], Mapping[str, frozenset[str]]]:
        """
        The name tables: normalised key -> entity, names as written (and casefolded) -> entity, and id -> keys.

        Built on the first lookup by name, with the keys the loader computed while validating.
        """
        if self.by_key is None or self.exact is None or self.keys is None:
            known = self._known or {}
            by_key: dict[str, Entity] = {}
            exact: dict[str, Entity] = {}
            keys: dict[str, frozenset[str]] = {}
            for entity in self._entities:
                ident = entity.id
                found = known.get(ident)
                if found is None:
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
            self._known = None
        return self.by_key, self.exact, self.keys

    def lookup(self, key: str) -> Entity | None:
        """The entity *key* names, as written, casefolded or normalised; None if none."""
        if self._root is not None:
            found = self._root.lookup(key)
            return None if found is None else self.by_id.get(found.id)
        _, exact, _ = self.names()
        return exact.get(key) or exact.get(key.casefold()) or self.by_key.get(normalize_key(key))  # type: ignore[union-attr]

    def keys_of(self, ident: str) -> frozenset[str]:
        """The normalised lookup keys of one entity."""
        return self._root.keys_of(ident) if self._root is not None else self.names()[2][ident]

    def key_table(self) -> Mapping[str, Entity]:
        """Every normalised key, mapped to this system's entity where it has it."""
        if self._root is None:
            return self.names()[0]
        return MappingProxyType(
            {key: self.by_id[entity.id] for key, entity in self._root.key_table().items() if entity.id in self.by_id}
        )

    @_batch
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

    @_batch
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
                for key in sorted(self.keys_of(entity.id)):
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
