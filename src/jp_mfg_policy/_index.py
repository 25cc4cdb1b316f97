"""
The lookup tables behind a :class:`~jp_mfg_policy.PolicySystem`, each built on first use.

A snapshot (``at()``) that is only iterated, or asked a few questions, builds only the
tables those questions need; it looks names up through the whole record's tables, which
hold every name of every entity, past and present. Two threads that ask for the same
table at once may both build it; they build the same thing.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

from ._bodies import Organization
from ._dataset import Dataset
from ._dates import NEVER_AFTER, NEVER_BEFORE, first_day
from ._enums import HIERARCHICAL, EventKind
from ._normalize import names_of, normalize_key
from ._records import Entity
from ._registry import ENTITIES, EVENTS, MEMBERSHIPS, ORGANIZATIONS, RELATIONS, SOURCES, Collection

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ._facts import Event, MembershipCount, Relation, Source
    from ._timeline import Timeline

V = TypeVar("V")
E = TypeVar("E", bound=Entity)
#: The kinds of event a body's legal forms follow.
_FORM_KINDS = frozenset({EventKind.LEGAL_FORM_CHANGED, EventKind.FOUNDED})
#: The days of an entity not known: none.
_NO_DAYS = (NEVER_AFTER, NEVER_AFTER)


def _start(entity: Entity) -> int:
    start = entity.period.start
    return NEVER_BEFORE if start is None else start.toordinal()


def _within(relation: Relation, subject: tuple[int, int], obj: tuple[int, int]) -> tuple[int, int]:
    """A relation's days: its own validity within the lives (*subject*, *obj*) of both its ends."""
    start = max(first_day(relation.valid_from, NEVER_BEFORE), subject[0], obj[0])
    end = min(first_day(relation.valid_until, NEVER_AFTER), subject[1], obj[1])
    return start, end


def _holds(relation: Relation, subject: Organization, below: Organization) -> bool:
    """Whether a relation between two bodies holds today: it has no end of its own, and neither body has ended."""
    # A relation's days end at the first of its own end and its ends' (see relation_span): no timeline needed.
    return relation.valid_until is None and subject.period.end is None and below.period.end is None


def _read_only(
    children: Mapping[str, tuple[Organization, ...]], parents: Mapping[str, Organization | None]
) -> tuple[Mapping[str, tuple[Organization, ...]], Mapping[str, Organization | None]]:
    # A proxy reads through to the table, its missing keys worked out (``__missing__``) included.
    return MappingProxyType(children), MappingProxyType(parents)


def _frozen(table: Mapping[str, list[Any]]) -> Mapping[str, tuple[Any, ...]]:
    return MappingProxyType({key: tuple(values) for key, values in table.items()})


class Index:
    """
    Lookup tables for one dataset. Read-only mappings throughout; private to its system.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> jmp.load().index.by_id["meti"].acronym
        'METI'
    """

    def __init__(self, dataset: Dataset, root: Index | None = None) -> None:
        self.dataset = dataset
        # The whole record's index, for a snapshot: it answers lookups by name.
        self.root = root
        self._as_written: dict[str, Mapping[str, Entity]] = {}
        self._by_key: dict[str, Mapping[str, Entity]] = {}
        self._ids: dict[str, Mapping[str, Any]] = {}

    @functools.cached_property
    def by_id(self) -> Mapping[str, Entity]:
        """Entity id -> entity; a snapshot not yet built finds one entity without building its collections."""
        view = self.dataset.view
        if view is not None:
            return _OneByOne(view.entity, lambda: self._all_by_id)
        return _ById(self)

    @functools.cached_property
    def _all_by_id(self) -> Mapping[str, Entity]:
        return MappingProxyType({entity.id: entity for entity in self.dataset.entities()})

    def ids_of(self, collection: Collection[E]) -> Mapping[str, E]:
        """Entity id -> entity, for one collection (built on first use)."""
        found = self._ids.get(collection.name)
        if found is None:
            table = MappingProxyType({entity.id: entity for entity in self.dataset[collection]})
            found = self._ids.setdefault(collection.name, table)
        return found

    @functools.cached_property
    def order(self) -> Mapping[str, int]:
        """Body id -> its position among the bodies: the data order of lists of bodies."""
        if self._stored is not None:
            return MappingProxyType(self._stored.positions)
        return MappingProxyType({org.id: position for position, org in enumerate(self.dataset[ORGANIZATIONS])})

    @functools.cached_property
    def _stored(self) -> _StoredNames | None:
        """The bodies' names as stored, while the bodies are not built (a deferred dataset that can tell them)."""
        stored = self.dataset.stored_names(ORGANIZATIONS)
        return None if stored is None else _StoredNames(stored)

    def one(self, collection: Collection[E], ident: str) -> E | None:
        """The entity of *collection* with id *ident*, or None; built alone while its collection is not built."""
        if self.dataset.built(collection):
            return self.ids_of(collection).get(ident)
        return self.dataset.find(collection, ident)

    @functools.cached_property
    def sources(self) -> Mapping[str, Source]:
        """Source id -> source."""
        return MappingProxyType({source.id: source for source in self.dataset[SOURCES]})

    @functools.cached_property
    def body_ids(self) -> Mapping[str, Organization]:
        """Body id -> body: the commonest lookup of all, which needs no name table."""
        stored = self._stored
        if stored is not None:
            positions = stored.positions
            return _OneByOne(
                lambda ident: self.one(ORGANIZATIONS, ident) if ident in positions else None,
                lambda: self.ids_of(ORGANIZATIONS),
            )
        return self.ids_of(ORGANIZATIONS)

    @functools.cached_property
    def body_keys(self) -> Mapping[str, Entity]:
        """The bodies by their names normalised (:func:`normalize_key`), built on first need."""
        return self._normalised(ENTITIES[0])

    @functools.cached_property
    def bodies_as_written(self) -> Mapping[str, Entity]:
        """
        The bodies by their ids and names exactly as written (or casefolded): the commonest lookups.

        While the bodies are not built (their names read as stored), the table holds the names
        found so far, each with the one body built for it: :meth:`lookup` fills it.
        """
        if self._stored is not None:
            return MappingProxyType(self._stored.found)
        return self._exact(ENTITIES[0])

    def _exact(self, collection: Collection[Entity]) -> Mapping[str, Entity]:
        """The names of one collection's entities as written and casefolded, and their ids."""
        found = self._as_written.get(collection.name)
        if found is None:
            exact: dict[str, Entity] = {}
            records = self.dataset[collection]
            # A name that passed from one entity to another names the later one: read the earlier ones first.
            for entity in sorted(records, key=_start):
                for text in names_of(entity):
                    exact[text] = exact[text.casefold()] = entity
            # An id is the entity's own, whatever names others have borne.
            for entity in records:
                exact[entity.id] = entity  # written as an id; a name's spellings keep finding its bearer
            found = self._as_written.setdefault(collection.name, MappingProxyType(exact))
        return found

    def _normalised(self, collection: Collection[Entity]) -> Mapping[str, Entity]:
        """
        The names of one collection's entities, normalised (:func:`normalize_key`).

        Built only when a name is not found as written: normalising every name is most of
        the cost of a name table, and most lookups do not need it.
        """
        found = self._by_key.get(collection.name)
        if found is None:
            by_key: dict[str, Entity] = {}
            for entity in sorted(self.dataset[collection], key=_start):  # the later bearer of a name wins
                for text in names_of(entity):
                    key = normalize_key(text)
                    if key:
                        by_key[key] = entity
            found = self._by_key.setdefault(collection.name, MappingProxyType(by_key))
        return found

    def lookup(self, key: str) -> Entity | None:
        """
        The entity *key* names, as written, casefolded or normalised; None if none.

        Collections are asked in the registry's order, bodies first, each built only when
        asked: no name is shared between collections, so the first answer is the answer.
        """
        if self.root is not None:
            # The whole record knows every name an entity bore, later ones included.
            found = self.root.lookup(key)
            if found is None:
                return None  # a snapshot's entities bear some of the names the whole record's bear, no other
            entity = self.by_id.get(found.id)
            if entity is not None:
                return entity
        stored = self._stored
        if stored is not None:
            return self._stored_lookup(stored, key)
        # The bodies first, the commonest answer, without the loop over the collections.
        found = self.body_ids.get(key) or self.bodies_as_written.get(key)
        if found is None:
            folded = key.casefold()
            found = self.bodies_as_written.get(folded)
            if found is None:
                normalised = normalize_key(key)
                found = self.body_keys.get(normalised) or self._lookup_others(key, folded, normalised)
        return found

    def _stored_lookup(self, stored: _StoredNames, key: str) -> Entity | None:
        """:meth:`lookup` with the bodies' names as stored: the same answers, building only the body found."""
        found = self._bearer(stored, stored.exact, key, ids_first=True)
        if found is not None:
            stored.found[key] = found
            return found
        folded = key.casefold()
        found = self._bearer(stored, stored.exact, folded, ids_first=True)
        if found is not None:
            stored.found[folded] = found
            return found
        normalised = normalize_key(key)
        return self._bearer(stored, stored.normalised, normalised, ids_first=False) or self._lookup_others(
            key, folded, normalised
        )

    def _bearer(
        self, stored: _StoredNames, names: Mapping[str, list[str]], text: str, *, ids_first: bool
    ) -> Organization | None:
        """The body a name names: an id its own body's; of a name borne by several, the one that bore it last."""
        if ids_first and text in stored.positions:
            return self.one(ORGANIZATIONS, text)
        bearers = names.get(text)
        if not bearers:
            return None
        bodies = [body for ident in bearers if (body := self.one(ORGANIZATIONS, ident)) is not None]
        # As the tables built from the bodies: sorted by start (stably, in data order), the last wins.
        return max(bodies, key=lambda body: (_start(body), stored.positions[body.id]), default=None)

    def _lookup_others(self, key: str, folded: str, normalised: str) -> Entity | None:
        """:meth:`lookup` among the collections after the bodies, in the registry's order."""
        for collection in ENTITIES[1:]:
            exact = self._exact(collection)
            found = exact.get(key) or exact.get(folded) or self._normalised(collection).get(normalised)
            if found is not None:
                return found
        return None

    def keys(self) -> Mapping[str, Entity]:
        """Every normalised name, mapped to this dataset's entity where it has it."""
        if self.root is None:
            return MappingProxyType({key: e for c in ENTITIES for key, e in self._normalised(c).items()})
        return MappingProxyType(
            {key: self.by_id[entity.id] for key, entity in self.root.keys().items() if entity.id in self.by_id}
        )

    @functools.cached_property
    def identifiers(self) -> Mapping[tuple[str, str], Organization]:
        """(scheme, canonical identifier) -> body."""
        return MappingProxyType(
            {
                (identifier.scheme.value, identifier.value): org
                for org in self.dataset[ORGANIZATIONS]
                for identifier in org.identifiers
            }
        )

    @functools.cached_property
    def hierarchy(self) -> tuple[Mapping[str, tuple[Organization, ...]], Mapping[str, Organization | None]]:
        """
        Body id -> the bodies directly under it, and body id -> the body above it, from the relations that hold.

        A relation holds if it has not ended: no end of its own, and both its ends stand.
        Children come in data order. A snapshot not yet built answers for one body without
        building its collections.
        """
        view = self.dataset.view
        if view is not None:
            return _read_only(_Filled(view.children), _Filled[Organization | None](view.parent))
        if self._stored is not None:
            return _read_only(_Filled(self._children_of), _Filled[Organization | None](self._parent_of))
        return self._whole_hierarchy

    @functools.cached_property
    def _whole_hierarchy(self) -> tuple[Mapping[str, tuple[Organization, ...]], Mapping[str, Organization | None]]:
        # Only bodies sit in the hierarchy: the other collections, and their spans, are not read.
        bodies = self.ids_of(ORGANIZATIONS)
        above: dict[str, Organization] = {}
        for relation in self.dataset[RELATIONS]:
            if relation.kind.hierarchical:
                subject, below = bodies.get(relation.subject), bodies.get(relation.object)
                if subject is not None and below is not None and _holds(relation, subject, below):
                    above[relation.object] = subject
        children: dict[str, list[Organization]] = defaultdict(list)
        for org in self.dataset[ORGANIZATIONS]:
            parent = above.get(org.id)
            if parent is not None:
                children[parent.id].append(org)
        under: _Filled[tuple[Organization, ...]] = _Filled(lambda _: ())
        under.update((key, tuple(values)) for key, values in children.items())
        return _read_only(under, _Filled[Organization | None](lambda _: None, above))

    def _parent_of(self, ident: str) -> Organization | None:
        """The body *ident* sits under today, from the relations that name it: the last that holds, as the table."""
        below = self.body_ids.get(ident)
        if below is None:
            return None
        found = None
        for relation in self.dataset.referring(RELATIONS, ident):
            if relation.object == ident and relation.kind.hierarchical:
                subject = self.body_ids.get(relation.subject)
                if subject is not None and _holds(relation, subject, below):
                    found = subject
        return found

    def _children_of(self, ident: str) -> tuple[Organization, ...]:
        """The bodies directly under the body *ident* today, in data order: those whose parent it is."""
        relations = self.dataset.referring(RELATIONS, ident)
        below = dict.fromkeys(r.object for r in relations if r.subject == ident and r.kind.hierarchical)
        parents = self.hierarchy[1]
        found = [child for child in below if getattr(parents[child], "id", None) == ident]
        order = self.order
        return tuple(self.body_ids[child] for child in sorted(found, key=order.__getitem__))

    @property
    def parent_relations(self) -> Mapping[str, Sequence[int]]:
        """Body id -> the positions of the hierarchical relations that put it under another, at any time."""
        return self._hierarchical[0]

    @property
    def child_relations(self) -> Mapping[str, Sequence[int]]:
        """Body id -> the positions of the hierarchical relations that put another under it, at any time."""
        return self._hierarchical[1]

    @functools.cached_property
    def _hierarchical(self) -> tuple[Mapping[str, Sequence[int]], Mapping[str, Sequence[int]]]:
        # Both directions in one pass over the relations; lists, as the tables are read only here.
        above: dict[str, list[int]] = {}
        below: dict[str, list[int]] = {}
        for position, relation in enumerate(self.dataset[RELATIONS]):
            if relation.kind in HIERARCHICAL:
                above.setdefault(relation.object, []).append(position)
                below.setdefault(relation.subject, []).append(position)
        return MappingProxyType(above), MappingProxyType(below)

    @functools.cached_property
    def events_by_body(self) -> Mapping[str, tuple[Event, ...]]:
        """
        Entity id -> its events in date order, undated ones last (``[id]``: none, empty).

        While the events are not built, each entity's are read and built the first time
        they are asked for (:meth:`Dataset.referring`).
        """
        if self.dataset.refers and not self.dataset.built(EVENTS):
            return MappingProxyType(_Filled(self._events_of_one))
        return self._all_events_by_body

    @functools.cached_property
    def _all_events_by_body(self) -> Mapping[str, tuple[Event, ...]]:
        grouped: dict[str, list[Event]] = defaultdict(list)
        for event in self.dataset[EVENTS]:
            grouped[event.body].append(event)
        return MappingProxyType(_Filled(lambda _: (), {key: tuple(events) for key, events in grouped.items()}))

    def _events_of_one(self, ident: str) -> tuple[Event, ...]:
        return tuple(event for event in self.dataset.referring(EVENTS, ident) if event.body == ident)

    @functools.cached_property
    def memberships_by_body(self) -> Mapping[str, tuple[MembershipCount, ...]]:
        """Body id -> its membership counts, oldest first."""
        grouped: dict[str, list[MembershipCount]] = defaultdict(list)
        for count in sorted(self.dataset[MEMBERSHIPS], key=lambda m: m.as_of):
            grouped[count.body].append(count)
        return _frozen(grouped)

    @functools.cached_property
    def lineage(self) -> tuple[Mapping[str, tuple[str, ...]], Mapping[str, tuple[str, ...]]]:
        """
        Body id -> its predecessors' ids, and body id -> its successors' ids, from the events (``[id]``).

        While the events are not built, each body's are worked out from the events that name it.
        """
        if self.dataset.refers and not self.dataset.built(EVENTS):
            return (
                MappingProxyType(_Filled(lambda ident: self._linked_one(ident, 0))),
                MappingProxyType(_Filled(lambda ident: self._linked_one(ident, 1))),
            )
        return self._whole_lineage

    @functools.cached_property
    def _whole_lineage(self) -> tuple[Mapping[str, tuple[str, ...]], Mapping[str, tuple[str, ...]]]:
        before: dict[str, dict[str, None]] = defaultdict(dict)
        after: dict[str, dict[str, None]] = defaultdict(dict)
        for event in self.dataset[EVENTS]:
            for predecessor, successor in event.successions():
                before[successor][predecessor] = None
                after[predecessor][successor] = None
        return (
            MappingProxyType(_Filled(lambda _: (), {k: tuple(v) for k, v in before.items()})),
            MappingProxyType(_Filled(lambda _: (), {k: tuple(v) for k, v in after.items()})),
        )

    def _linked_one(self, ident: str, side: int) -> tuple[str, ...]:
        """The ids on *side* (0: before, 1: after) of the body *ident*, in the events' order, as the whole table."""
        pairs = (pair for event in self.dataset.referring(EVENTS, ident) for pair in event.successions())
        return tuple(dict.fromkeys(pair[side] for pair in pairs if pair[1 - side] == ident))

    @functools.cached_property
    def timeline(self) -> Timeline:
        """What changes when, each entity's worked out the first time it is asked for."""
        from ._timeline import Timeline

        return Timeline(self.by_id, self._events_of, self._facts)

    def _events_of(self, ident: str) -> tuple[Event, ...]:
        return self.legal_form_events.get(ident, ())

    @functools.cached_property
    def legal_form_events(self) -> Mapping[str, tuple[Event, ...]]:
        """
        Body id -> its legal form changes and foundings, in date order: all its legal forms need.

        Only for bodies whose legal form changed: most have no change, and a timeline asked
        about one body should not group every event of every body.
        """
        events = self.dataset[EVENTS]
        changed = {event.body for event in events if event.kind is EventKind.LEGAL_FORM_CHANGED}
        grouped: dict[str, list[Event]] = defaultdict(list)
        for event in events:
            if event.body in changed and event.kind in _FORM_KINDS:
                grouped[event.body].append(event)
        return _frozen(grouped)

    def _facts(self) -> tuple[tuple[Relation, ...], tuple[Event, ...], tuple[MembershipCount, ...]]:
        return self.dataset[RELATIONS], self.dataset[EVENTS], self.dataset[MEMBERSHIPS]

    def relation_span(self, relation: Relation) -> tuple[int, int]:
        """A relation's days, as ordinals: its own validity within the lives of both its ends."""
        span = self.timeline.span_or_none
        return _within(relation, span(relation.subject) or _NO_DAYS, span(relation.object) or _NO_DAYS)

    @functools.cached_property
    def relation_days(self) -> tuple[tuple[int, int], ...]:
        """Each relation's days (:meth:`relation_span`), in data order."""
        spans = self.timeline.all_spans()  # one pass over every entity, then a lookup per end
        return tuple(
            _within(relation, spans.get(relation.subject, _NO_DAYS), spans.get(relation.object, _NO_DAYS))
            for relation in self.dataset[RELATIONS]
        )

    @functools.cached_property
    def event_days(self) -> tuple[int, ...]:
        """Each event's day as an ordinal; an undated event's is after every day."""
        return tuple(first_day(event.date, NEVER_AFTER) for event in self.dataset[EVENTS])


class _StoredNames:
    """
    The bodies' ids and names as a deferred dataset stores them, each name with the ids that bear it.

    Attributes:
        positions: Body id -> its position in data order.
        exact: Each name as written and casefolded -> the ids of the bodies that bear it, in data order.
        found: Each name asked for and found -> its body: what a lookup has built, asked again at C speed.
    """

    def __init__(self, stored: Sequence[tuple[str, tuple[str, ...]]]) -> None:
        self.positions = {ident: position for position, (ident, _) in enumerate(stored)}
        self.exact = self._bearers(stored, lambda text: (text, text.casefold()))
        self.found: dict[str, Entity] = {}
        self._stored = stored

    @functools.cached_property
    def normalised(self) -> dict[str, list[str]]:
        """Each name normalised (:func:`normalize_key`) -> the ids that bear it: built only on a miss."""
        return self._bearers(self._stored, lambda text: (normalize_key(text),))

    @staticmethod
    def _bearers(
        stored: Sequence[tuple[str, tuple[str, ...]]], keys: Callable[[str], tuple[str, ...]]
    ) -> dict[str, list[str]]:
        bearers: dict[str, list[str]] = {}
        for ident, names in stored:
            for text in names:
                for key in keys(text):
                    if not key:  # a name of punctuation alone normalises to nothing: it finds nothing
                        continue
                    found = bearers.setdefault(key, [])
                    if ident not in found:
                        found.append(ident)
        return bearers


class _Filled(dict[str, V]):
    """
    A table that works out each key's value the first time it is asked (``table[key]``), and keeps it.

    The hierarchy, histories and lineage of a dataset whose records are not built, or of a
    snapshot not yet built: a question about one body works out that body's answer alone. A
    table built whole is of this kind too, so that callers ask one way (``table[key]``, at C
    speed once known); its missing keys have the empty answer.
    """

    def __init__(self, fill: Callable[[str], V], items: Mapping[str, V] | None = None) -> None:
        super().__init__(items or {})
        self._fill = fill

    def __missing__(self, key: str) -> V:
        value = self[key] = self._fill(key)
        return value


class _OneByOne(Mapping[str, V]):
    """
    A table that answers for one key through *one* (None: no such key), and builds itself whole only to be listed.

    A snapshot's tables are of this kind until its collections are built: ``get`` and ``in``
    ask about one entity, iterating or counting builds the table from the collections.
    """

    __slots__ = ("_one", "_whole")

    def __init__(self, one: Callable[[str], V | None], whole: Callable[[], Mapping[str, V]]) -> None:
        self._one = one
        self._whole = whole

    def __getitem__(self, key: str) -> V:
        found = self._one(key)
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._one(key) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._whole())

    def __len__(self) -> int:
        return len(self._whole())


class _ById(Mapping[str, Entity]):
    """
    Entity id -> entity, collection by collection in the registry's order.

    An id is sought among the bodies first, then collection by collection; a collection
    not yet built is asked for the one record (:meth:`Dataset.find`), so that a page
    naming a strategy builds that strategy, not every law, programme and plan.
    """

    __slots__ = ("_index",)

    def __init__(self, index: Index) -> None:
        self._index = index

    def _find(self, key: str) -> Entity | None:
        for collection in ENTITIES:
            found: Entity | None = self._index.one(collection, key)
            if found is not None:
                return found
        return None

    def __getitem__(self, key: str) -> Entity:
        found = self._find(key)
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._find(key) is not None

    def __iter__(self) -> Iterator[str]:
        for collection in ENTITIES:
            yield from self._index.ids_of(collection)

    def __len__(self) -> int:
        return sum(len(self._index.ids_of(collection)) for collection in ENTITIES)
