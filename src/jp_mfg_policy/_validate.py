"""
Whole-dataset rules: what no single record can check by itself.

Every rule adds :class:`~jp_mfg_policy.exceptions.Problem` entries to a list instead of
raising, so that one load reports everything that is wrong, each problem once, at the
field it concerns. The rules are listed, with bad-input examples, in
``docs/reference/data-format.md``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from itertools import pairwise
from typing import Any, TypeAlias, get_args, get_origin, get_type_hints

import attrs

from ._bodies import Organization
from ._dates import NEVER_AFTER, NEVER_BEFORE, PartialDate, first_day, last_day
from ._enums import ENDS_LIFE, FROM_PREDECESSORS, HIERARCHICAL, TO_SUCCESSORS, EventKind, LegalForm
from ._facts import Event
from ._fields import REFERS_TO, json_name
from ._merge import Place, Table
from ._normalize import name_fields, normalize_key
from ._records import Citation, Entity
from ._registry import BY_NAME, COLLECTIONS, ENTITIES
from ._timeline import legal_form_spells, name_spells, spans
from .exceptions import Problem


def check(tables: Mapping[str, Table]) -> list[Problem]:
    """Every whole-dataset problem in *tables*."""
    rules = _Rules(tables)
    for rule in (
        rules.ids,
        rules.citations,
        rules.references,
        rules.dates,
        rules.lifetimes,
        rules.hierarchy,
        rules.events,
        rules.names,
        rules.legal_form_names,
        rules.numbering,
    ):
        rule()
    return rules.problems


# The subjects of lifetimes()' messages on relations, made once rather than for each relation.
_OF_SUBJECT, _OF_OBJECT = "the relation (its subject)", "the relation (its object)"
Day: TypeAlias = PartialDate | None


def _day(ordinal: int) -> str:
    if ordinal in (NEVER_BEFORE, NEVER_AFTER):
        return "an open end"
    import datetime as dt

    return str(dt.date.fromordinal(ordinal))


class _Rules:
    """The whole-dataset rules, one method each, sharing what the first ones learn about the data."""

    def __init__(self, tables: Mapping[str, Table]) -> None:
        self.tables = tables
        self.problems: list[Problem] = []
        # The records of each collection, and beside them their places: no object per record that
        # holds it, for the cycle collector to traverse (a place is two strings, which it soon leaves).
        self.records: dict[str, list[Any]] = {}
        self.places: dict[str, list[Place]] = {}
        for name, table in tables.items():
            self.records[name], self.places[name] = table.live()
        self.sources: dict[str, Place] = {}
        # The first entity of each id, and its place.
        self.entities: dict[str, Any] = {}
        self.entity_places: dict[str, Place] = {}
        self._spans: dict[str, tuple[int, int]] | None = None
        self._events_by_body: dict[str, tuple[int, ...]] | None = None
        self._backwards: list[Problem] = []

    @staticmethod
    def where(first: Place, then: Place) -> str:
        """Where *first* is, as seen from *then*: its path, and its file if that is another."""
        return first[1] if first[0] == then[0] else f"{first[0]}: {first[1]}"

    def add(self, place: Place, suffix: str, message: str) -> None:
        """Record one problem at *place*'s path plus *suffix*."""
        self.problems.append(Problem(place[0], place[1] + suffix, message))

    def located(self, name: str) -> Iterator[tuple[Any, Place]]:
        """The records of one collection, each with its place."""
        return zip(self.records[name], self.places[name], strict=True)

    @property
    def spans(self) -> dict[str, tuple[int, int]]:
        """Entity id -> its life as ordinals."""
        if self._spans is None:
            records = self.records
            self._spans = spans(self.entities.values(), records["relations"], records["events"], records["memberships"])
        return self._spans

    @property
    def events_by_body(self) -> dict[str, tuple[int, ...]]:
        """Entity id -> where its events are among the events, dated ones in date order, then undated ones."""
        if self._events_by_body is None:
            events = self.records["events"]
            grouped: dict[str, list[int]] = defaultdict(list)
            for number in sorted(range(len(events)), key=lambda at: first_day(events[at].date, NEVER_AFTER)):
                grouped[events[number].body].append(number)
            # Kept as tuples of numbers, which the cycle collector soon stops tracking: lists it would
            # traverse at every full collection until the rules are done.
            self._events_by_body = {body: tuple(numbers) for body, numbers in grouped.items()}
        return self._events_by_body

    def ids(self) -> None:
        """Ids are unique among sources and among all entities; no record is given twice."""
        for item, place in self.located("sources"):
            first = self.sources.setdefault(item.id, place)
            if first is not place:
                self.add(place, ".id", f"duplicate source id {item.id!r} (first at {self.where(first, place)})")
        for collection in ENTITIES:
            for item, place in self.located(collection.name):
                first = self.entity_places.setdefault(item.id, place)
                if first is not place:
                    self.add(place, ".id", f"duplicate id {item.id!r} (first at {self.where(first, place)})")
                else:
                    self.entities[item.id] = item
        for collection in COLLECTIONS:
            if collection.entity or collection.name == "sources":
                continue
            seen: dict[Any, Place] = {}
            for item, place in self.located(collection.name):
                first = seen.setdefault(collection.identity(item), place)
                if first is not place:
                    self.add(place, "", f"the same {collection.singular} as at {self.where(first, place)}")

    def citations(self) -> None:
        """Every record cites a source, as do its names, identifiers, targets, phases, goals, editions; all exist."""
        # One walk over every record and the records nested in it serves this rule and dates(): it
        # finds the periods that end before they begin as it goes, for dates() to report in its turn.
        for collection in COLLECTIONS:
            cite = collection.name != "sources"
            for item, place in self.located(collection.name):
                self._walk(place, "", item, _shape(type(item)), cite=cite)
        for item, place in self.located("caveats"):
            if item.source not in self.sources:
                self.add(place, ".source", f"unknown source id {item.source!r}")

    def _walk(self, place: Place, where: str, record: Any, shape: _Shape, *, cite: bool) -> None:
        """Check the citations (with *cite*) and periods of *record*, at *where* below *place*, and of those in it."""
        if cite and shape.cited:
            sources = record.sources
            if not sources:
                self.add(place, f"{where}.sources", "no source cited: every statement must name its source")
            for index, citation in enumerate(sources):
                if citation.source not in self.sources:
                    self.add(place, f"{where}.sources[{index}].source", f"unknown source id {citation.source!r}")
        for start_field, end_field in shape.periods:
            start, end = getattr(record, start_field), getattr(record, end_field)
            if start is not None and end is not None:
                self._period(place, where, start, end, fields=(start_field, end_field))
        for name, json in shape.nested:
            nested = getattr(record, name)
            if nested:  # most records hold few of the kinds of record they may hold
                for index, item in enumerate(nested):
                    self._walk(place, f"{where}.{json}[{index}]", item, _shape(type(item)), cite=cite)

    def _period(self, place: Place, where: str, start: Any, end: Any, *, fields: tuple[str, str]) -> None:
        # Only a period that certainly ends before it begins is wrong: "2001" to "2001-06" is fine.
        start_field, end_field = fields
        wrong = end < start if isinstance(end, int) else end.end() < start.start()
        if wrong:
            self._backwards.append(
                Problem(
                    place[0],
                    f"{place[1]}{where}.{end_field}",
                    f"{end_field} {end} is before {start_field} {start}",
                )
            )

    def references(self) -> None:
        """Ids that name other records resolve, to records of the right kind."""
        kinds: dict[str, set[str]] = {
            "entity": set(self.entities),
            "organization": {i for i, entity in self.entities.items() if isinstance(entity, Organization)},
            "strategy": {strategy.id for strategy in self.records["strategies"]},
            "law": {law.id for law in self.records["laws"]},
            "source": set(self.sources),
        }
        for collection in COLLECTIONS:
            # Sources are checked with the citations.
            fields = [
                (field.name, json_name(field), field.metadata[REFERS_TO], kinds[field.metadata[REFERS_TO]])
                for field in attrs.fields(collection.cls)
                if field.metadata.get(REFERS_TO, "source") != "source"
            ]
            if not fields:
                continue
            for item, place in self.located(collection.name):
                for name, json, to, known in fields:
                    value = getattr(item, name)
                    if not isinstance(value, tuple):
                        if value is not None and value not in known:
                            self.add(place, f".{json}", f"unknown {to} id {value!r}")
                        continue
                    for index, ident in enumerate(value):
                        if ident is not None and ident not in known:
                            self.add(place, f".{json}[{index}]", f"unknown {to} id {ident!r}")
        for item, place in self.located("coverage"):
            if item.collection not in BY_NAME:
                self.add(place, ".collection", f"unknown collection {item.collection!r}")

    def dates(self) -> None:
        """Every period ends after it begins (found by the walk of citations())."""
        self.problems += self._backwards

    def lifetimes(self) -> None:
        """No relation, event, name or count lies outside the life of an entity it involves."""
        spans = self.spans
        for relation, place in self.located("relations"):
            subject, obj = spans.get(relation.subject), spans.get(relation.object)
            if (
                subject
                and obj
                and subject[0] < subject[1]
                and obj[0] < obj[1]
                and max(subject[0], obj[0]) >= min(subject[1], obj[1])
            ):
                self.add(place, "", f"{relation.subject!r} and {relation.object!r} never existed at the same time")
                continue
            since, until = relation.valid_from, relation.valid_until
            if since is None and until is None:
                continue  # open at both ends: clipped to both lives, never outside them
            for life, ident, what in ((subject, relation.subject, _OF_SUBJECT), (obj, relation.object, _OF_OBJECT)):
                if since is not None:
                    self._begins_within(place, ".valid_from", life, ident, since, what=what)
                if until is not None:
                    self._ends_within(place, ".valid_until", life, ident, until, what=what)
        self.event_lifetimes()
        for count, place in self.located("memberships"):
            self._begins_within(place, ".as_of", spans.get(count.body), count.body, count.as_of, what="the count")
        for collection in ENTITIES:
            for entity, place in self.located(collection.name):
                for index, name in enumerate(getattr(entity, "former_names", ())):
                    if name.valid_until is None:
                        self.add(
                            place,
                            f".former_names[{index}].valid_until",
                            "a former name needs the date it went out of use",
                        )
                        continue
                    life = spans[entity.id]
                    until = first_day(name.valid_until, NEVER_AFTER)
                    if until > life[1] or until < life[0]:
                        self.add(
                            place,
                            f".former_names[{index}].valid_until",
                            f"{name.valid_until} is outside the life of {entity.id!r}",
                        )

    def _begins_within(
        self, place: Place, suffix: str, life: tuple[int, int] | None, ident: str, start: PartialDate, *, what: str
    ) -> None:
        """Say where *start*, a date of the record at *place* that involves *ident*, falls outside *ident*'s *life*."""
        # Open bounds are clipped to the life of each end: only stated dates can fall outside it.
        if life is None or life[0] >= life[1]:
            return
        if last_day(start, NEVER_AFTER) < life[0]:
            self.add(place, suffix, f"{what} begins ({start}) before {ident!r} existed (from {_day(life[0])})")
        elif first_day(start, NEVER_BEFORE) >= life[1]:
            self.add(place, suffix, f"{what} begins ({start}) after {ident!r} ended ({_day(life[1])})")

    def _ends_within(
        self, place: Place, suffix: str, life: tuple[int, int] | None, ident: str, end: PartialDate, *, what: str
    ) -> None:
        """Say where *end*, a date of the record at *place* that involves *ident*, falls after *ident*'s *life*."""
        if life is None or life[0] >= life[1]:
            return
        if first_day(end, NEVER_AFTER) > life[1]:
            self.add(place, suffix, f"{what} outlives {ident!r}, which ended {_day(life[1])} (it runs to {end})")

    def event_lifetimes(self) -> None:
        """Every event falls within the lives of the bodies it involves, predecessors and successors allowed for."""
        spans = self.spans
        for event, place in self.located("events"):
            date = event.date
            if date is None:
                continue
            first, last = first_day(date, NEVER_BEFORE), last_day(date, NEVER_AFTER)
            for index, ident in enumerate((event.body, *event.other)):
                life = spans.get(ident)
                if life is None or life[0] >= life[1]:
                    continue
                if index and event.kind in FROM_PREDECESSORS:
                    within_life = life[0] <= last  # a predecessor may have gone before its successor began
                elif index and event.kind in TO_SUCCESSORS:
                    within_life = life[1] > first  # a successor may begin after its predecessor ended
                else:
                    # An event on the day a life ends (a merger, say) is part of that life.
                    within_life = life[0] <= last and first <= life[1]
                if not within_life:
                    where = ".date" if index == 0 else f".other[{index - 1}]"
                    self.add(
                        place,
                        where,
                        f"the event ({date}) is outside the life of {ident!r} ({_day(life[0])} to {_day(life[1])})",
                    )

    def hierarchy(self) -> None:
        """A body has one parent at a time, and the hierarchy has no cycle."""
        relations, places = self.records["relations"], self.places["relations"]
        # Body id -> where the relations to its parents are among the relations.
        parents: dict[str, list[int]] = defaultdict(list)
        for number, relation in enumerate(relations):
            if relation.kind in HIERARCHICAL:
                parents[relation.object].append(number)
        for ident, found in parents.items():
            if len(found) == 1:
                continue  # the commonest case: one parent, never two at once
            ordered = sorted(found, key=lambda at: first_day(relations[at].valid_from, NEVER_BEFORE))
            for before, after in pairwise(ordered):
                was, now = relations[before], relations[after]
                if first_day(was.valid_until, NEVER_AFTER) > first_day(now.valid_from, NEVER_BEFORE):
                    self.add(
                        places[after],
                        ".valid_from",
                        f"{ident!r} would have two parents at once: {now.subject!r} from "
                        f"{now.valid_from or 'an open start'} and {was.subject!r} "
                        f"(at {self.where(places[before], places[after])}) until {was.valid_until or 'now'}",
                    )
        self.problems.extend(_cycles(parents, relations, places))

    def events(self) -> None:
        """Events agree with the bodies they happen to; changes of legal form are dated and chain."""
        events, places = self.records["events"], self.places["events"]
        for ident, numbers in self.events_by_body.items():
            body = self.entities.get(ident)
            if not isinstance(body, Organization):
                continue
            changes: list[int] = []
            founding = None  # the first founding event that says what the body was founded as
            for number in numbers:
                event = events[number]
                self._agrees(places[number], event, ident, body)
                if event.kind is EventKind.FOUNDED and founding is None and event.to_value:
                    founding = number
                if event.kind is EventKind.LEGAL_FORM_CHANGED:
                    if event.date is None:
                        self.add(places[number], ".date", "a change of legal form needs its date")
                    else:
                        changes.append(number)
            if changes or founding is not None:
                self._chain(ident, body, changes, founding)
        # A link seen from both ends is dated the same at both.
        links: dict[tuple[str, str], int] = {}
        for number, event in enumerate(events):
            if not event.other:
                continue  # no other body: no link
            for pair in event.successions():
                first = links.setdefault(pair, number)
                date = events[first].date
                if first != number and date is not None and event.date is not None and date != event.date:
                    self.add(
                        places[number],
                        ".date",
                        f"the link {pair[0]!r} -> {pair[1]!r} is dated {date} "
                        f"at {self.where(places[first], places[number])}",
                    )

    def _chain(self, ident: str, body: Organization, changes: list[int], founding: int | None) -> None:
        """Check that the changes of legal form of *body* (where they are among the events) follow one another."""
        events, places = self.records["events"], self.places["events"]
        founded = None if founding is None else events[founding].to_value
        if changes and founded is not None and events[changes[0]].from_value not in (None, founded):
            self.add(
                places[changes[0]],
                ".from_value",
                f"changes from {events[changes[0]].from_value!r}, but {ident!r} was founded as {founded!r}",
            )
        for before, after in pairwise(changes):
            was, now = events[before].to_value, events[after].from_value
            if was is not None and now is not None and was != now:
                self.add(
                    places[after],
                    ".from_value",
                    f"changes from {now!r}, but the change before left {ident!r} as {was!r}",
                )
        last = events[changes[-1]].to_value if changes else founded
        if last is not None and body.legal_form is not None and last != body.legal_form:
            where = changes[-1] if changes else founding
            assert where is not None  # noqa: S101 - last came from one of them
            self.add(
                places[where],
                ".to_value",
                f"this leaves {ident!r} as {last!r}, but its legal_form is {str(body.legal_form)!r}",
            )

    def _agrees(self, place: Place, event: Event, ident: str, body: Organization) -> None:
        """Check that *event* agrees with the dates of *body*, and names known legal forms where it names one."""
        kind, date = event.kind, event.date
        if kind is EventKind.FOUNDED:
            # Dates are shared (one object per text): the same object is the same date, without a call.
            if body.established is not None and date is not body.established and date != body.established:
                self.add(
                    place,
                    ".date",
                    f"founding date {date} differs from {ident!r}'s established date {body.established}",
                )
        elif kind in ENDS_LIFE:
            if body.dissolved is None:
                self.add(place, ".kind", f"a {kind} event ends the life of {ident!r}, which has no dissolved date")
            elif date is not body.dissolved and date != body.dissolved:
                self.add(place, ".date", f"date {date} differs from {ident!r}'s dissolved date {body.dissolved}")
        if kind is EventKind.LEGAL_FORM_CHANGED or kind is EventKind.FOUNDED:
            for field in ("from_value", "to_value"):
                value = getattr(event, field)
                if value is not None and LegalForm.known(value) is None:
                    self.add(place, f".{field}", f"{value!r} is not a known LegalForm")

    def names(self) -> None:
        """Every name names one entity at a time, every identifier one entity; names of a kind follow one another."""
        # Key -> the first name with it, as (entity id, field, collection); the names after it, in `more`:
        # most keys name one entity, and then hold no list.
        owners: dict[str, tuple[str, str, str]] = {}
        more: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        holders: dict[tuple[object, str], str] = {}
        spans = self.spans
        for collection in ENTITIES:
            for entity, place in self.located(collection.name):
                for field, text in name_fields(entity):
                    key = normalize_key(text)
                    if not key:
                        continue
                    named = (entity.id, field, collection.name)
                    first = owners.setdefault(key, named)
                    if first is named:
                        continue  # the commonest case: a name of its own
                    life = spans.get(entity.id, (NEVER_BEFORE, NEVER_AFTER))
                    for owner, owner_field, kind in (first, *more[key]):
                        other = spans.get(owner, (NEVER_BEFORE, NEVER_AFTER))
                        # A name may pass from one body to another (商工省 before and after the war), never be two
                        # at once, and never be shared by two collections (lookups ask collections one by one).
                        if owner != entity.id and (
                            kind != collection.name or max(life[0], other[0]) < min(life[1], other[1])
                        ):
                            when = "at the same time" if kind == collection.name else f"(a record of {kind})"
                            self.add(
                                place,
                                f".{field}",
                                f"{text!r}, a name of {entity.id!r}, normalises to {key!r}, "
                                f"which also names {owner!r} (its {owner_field}) {when}",
                            )
                            break
                    more[key].append(named)
                for index, identifier in enumerate(getattr(entity, "identifiers", ())):
                    holder = holders.setdefault((identifier.scheme, identifier.value), entity.id)
                    if holder != entity.id:
                        self.add(
                            place,
                            f".identifiers[{index}]",
                            f"{identifier.scheme} {identifier.value} is also {holder!r}'s",
                        )
                self._tiling(place, entity)

    def _tiling(self, place: Place, entity: Entity) -> None:
        names = getattr(entity, "former_names", ())
        if not names:
            return
        life = self.spans.get(entity.id, (NEVER_BEFORE, NEVER_AFTER))
        if len(names) == 1:  # the commonest case: one former name, which follows only the start of the life
            self._follows(place, 0, names[0], life[0])
            return
        by_kind: dict[tuple[str, str], list[tuple[int, Any]]] = defaultdict(list)
        for index, name in enumerate(names):
            by_kind[(name.lang, name.kind)].append((index, name))
        for spelled in by_kind.values():
            spelled.sort(key=lambda item: first_day(item[1].valid_until, NEVER_AFTER))
            previous = life[0]
            for index, name in spelled:
                previous = self._follows(place, index, name, previous)

    def _follows(self, place: Place, index: int, name: Any, previous: int) -> int:
        """Check that a former name begins where the one before it ended, on day *previous*; the day it ends."""
        start = first_day(name.valid_from, previous)
        if name.valid_from is not None and previous not in (NEVER_BEFORE, start):
            gap = "a gap" if start > previous else "an overlap"
            self.add(
                place,
                f".former_names[{index}].valid_from",
                f"{name.text!r} begins {name.valid_from}, "
                f"leaving {gap} after the name before it (which ended {_day(previous)})",
            )
        return first_day(name.valid_until, NEVER_AFTER)

    def legal_form_names(self) -> None:
        """A Japanese name's legal-form prefix agrees with the legal form in force over the name's whole period."""
        for org, place in self.located("organizations"):
            # A body's Japanese names are among these texts: none with a legal-form prefix, nothing to check.
            texts = (org.name_ja, *(name.text for name in org.former_names)) if org.former_names else (org.name_ja,)
            prefixed = [forms for forms in map(LegalForm.from_name_ja, filter(None, texts)) if forms is not None]
            if not prefixed:
                continue
            events = [self.records["events"][number] for number in self.events_by_body.get(org.id, ())]
            if _one_form(events) and (org.legal_form is None or all(org.legal_form in forms for forms in prefixed)):
                continue  # one legal form all its life, which every prefix allows (the commonest case)
            span = self.spans.get(org.id, (NEVER_BEFORE, NEVER_AFTER))
            forms = legal_form_spells(org, events, span)
            for spell in name_spells(org, span, current=True):
                if spell.field != "name_ja" or spell.text is None:
                    continue
                implied = LegalForm.from_name_ja(spell.text)
                if implied is None:
                    continue
                for form in forms:
                    overlap = max(form.start, spell.start) < min(form.end, spell.end)
                    if overlap and form.form is not None and form.form not in implied:
                        where = (
                            ".name_ja" if spell.name is None else f".former_names[{org.former_names.index(spell.name)}]"
                        )
                        self.add(
                            place,
                            where,
                            f"{spell.text!r} names a {'/'.join(sorted(implied))}, but {org.id!r} was a "
                            f"{form.form} from {_day(max(form.start, spell.start))} "
                            f"to {_day(min(form.end, spell.end))}",
                        )
                        break

    def numbering(self) -> None:
        """Recommendations are numbered once each within a strategy; a body is counted once a day."""
        numbers: set[tuple[str, int]] = set()
        for recommendation, place in self.located("recommendations"):
            number = recommendation.number
            if number is None:
                continue
            key = (recommendation.strategy, number)
            if key in numbers:
                self.add(place, ".number", f"number {number} is already used in strategy {recommendation.strategy!r}")
            numbers.add(key)


def _one_form(events: Iterable[Any]) -> bool:
    """Whether a body with these events kept one legal form all its life (see :func:`legal_form_spells`)."""
    return not any(event.kind is EventKind.LEGAL_FORM_CHANGED and event.date is not None for event in events)


#: The periods dates() checks, as (start field, end field), where a record has both fields.
_PERIODS = (
    ("established", "dissolved"),
    ("valid_from", "valid_until"),
    ("promulgated", "repealed"),
    ("passed", "promulgated"),
    ("first_fiscal_year", "last_fiscal_year"),
)


@attrs.frozen
class _Shape:
    """What the walks of records look at in one record class, read once from its fields."""

    #: The fields that hold nested records (not citations), as (name, JSON name).
    nested: tuple[tuple[str, str], ...]
    #: The periods it has, as (start field, end field).
    periods: tuple[tuple[str, str], ...]
    #: Whether it cites sources itself.
    cited: bool


_shapes: dict[type, _Shape] = {}


def _shape(cls: type) -> _Shape:
    found = _shapes.get(cls)
    return found if found is not None else _shapes.setdefault(cls, _read_shape(cls))


def _read_shape(cls: type) -> _Shape:
    fields = attrs.fields(cls)
    hints = get_type_hints(cls)
    names = {field.name for field in fields}
    nested = []
    for field in fields:
        args = get_args(hints[field.name])
        if get_origin(hints[field.name]) is tuple and args and attrs.has(args[0]) and not issubclass(args[0], Citation):
            nested.append((field.name, json_name(field)))
    periods = tuple((start, end) for start, end in _PERIODS if start in names and end in names)
    return _Shape(tuple(nested), periods, "sources" in names)


def _cycles(parents: dict[str, list[int]], relations: list[Any], places: list[Place]) -> list[Problem]:
    """
    A problem for each cycle in the hierarchy, at a relation that closes it.

    *parents* holds, for each body, where the relations to its parents are among *relations*.
    Where a cycle runs through relations of several files, it is reported at one from the last
    file read (a user's file, rather than the bundled data).
    """
    problems: list[Problem] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    # Iterative depth-first search: a user's hierarchy may be deeper than the recursion limit.
    for root in list(parents):
        if root in state:
            continue
        path: list[str] = [root]
        via: list[int] = []
        state[root] = 1
        stack = [iter(parents.get(root, []))]
        while stack:
            number = next(stack[-1], None)
            if number is None:
                state[path.pop()] = 2
                stack.pop()
                if via:
                    via.pop()
                continue
            parent = relations[number].subject
            if state.get(parent) == 1:
                start = path.index(parent)
                members = [*via[start:], number]
                blame = places[
                    max(members, key=lambda at: (not places[at][0].startswith("jp_mfg_policy/"), members.index(at)))
                ]
                cycle = " -> ".join(reversed([*path[start:], parent]))
                problems.append(Problem(blame[0], blame[1], f"cycle in the hierarchy: {cycle}"))
            elif parent not in state:
                state[parent] = 1
                path.append(parent)
                via.append(number)
                stack.append(iter(parents.get(parent, [])))
    return problems
