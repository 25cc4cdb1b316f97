"""
Whole-dataset rules: what no single record can check by itself.

Every rule adds :class:`~jp_mfg_policy.exceptions.Problem` entries to a list instead of
raising, so that one load reports everything that is wrong, each problem once, at the
field it concerns. The rules are listed, with bad-input examples, in
``docs/reference/data-format.md``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from itertools import pairwise
from typing import Any, TypeAlias, get_args, get_origin, get_type_hints

import attrs

from ._bodies import Organization
from ._dates import NEVER_AFTER, NEVER_BEFORE, PartialDate, first_day, last_day
from ._enums import ENDS_LIFE, FROM_PREDECESSORS, HIERARCHICAL, TO_SUCCESSORS, EventKind, LegalForm
from ._facts import Event
from ._fields import REFERS_TO, json_name
from ._merge import Located, Table
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
        self.records: dict[str, list[Located]] = {name: list(table) for name, table in tables.items()}
        self.sources: dict[str, Located] = {}
        self.entities: dict[str, Located] = {}
        self._spans: dict[str, tuple[int, int]] | None = None
        self._events_by_body: dict[str, list[Located]] | None = None
        self._backwards: list[Problem] = []

    @staticmethod
    def where(first: Located, then: Located) -> str:
        """Where *first* is, as seen from *then*: its path, and its file if that is another."""
        return first.path if first.file == then.file else f"{first.file}: {first.path}"

    def add(self, located: Located, suffix: str, message: str) -> None:
        """Record one problem at *located*'s path plus *suffix*."""
        self.problems.append(Problem(located.file, located.path + suffix, message))

    def items(self, name: str) -> list[Any]:
        """The records of one collection."""
        return [located.item for located in self.records[name]]

    @property
    def spans(self) -> dict[str, tuple[int, int]]:
        """Entity id -> its life as ordinals."""
        if self._spans is None:
            entities = [located.item for located in self.entities.values()]
            self._spans = spans(entities, self.items("relations"), self.items("events"), self.items("memberships"))
        return self._spans

    @property
    def events_by_body(self) -> dict[str, list[Located]]:
        """Entity id -> its events, dated ones in date order, then undated ones."""
        if self._events_by_body is None:
            grouped: dict[str, list[Located]] = defaultdict(list)
            for located in sorted(self.records["events"], key=lambda loc: first_day(loc.item.date, NEVER_AFTER)):
                grouped[located.item.body].append(located)
            self._events_by_body = grouped
        return self._events_by_body

    def ids(self) -> None:
        """Ids are unique among sources and among all entities; no record is given twice."""
        for located in self.records["sources"]:
            first = self.sources.setdefault(located.item.id, located)
            if first is not located:
                self.add(
                    located, ".id", f"duplicate source id {located.item.id!r} (first at {self.where(first, located)})"
                )
        for collection in ENTITIES:
            for located in self.records[collection.name]:
                first = self.entities.setdefault(located.item.id, located)
                if first is not located:
                    self.add(
                        located, ".id", f"duplicate id {located.item.id!r} (first at {self.where(first, located)})"
                    )
        for collection in COLLECTIONS:
            if collection.entity or collection.name == "sources":
                continue
            seen: dict[Any, Located] = {}
            for located in self.records[collection.name]:
                first = seen.setdefault(collection.identity(located.item), located)
                if first is not located:
                    self.add(located, "", f"the same {collection.singular} as at {self.where(first, located)}")

    def citations(self) -> None:
        """Every record cites a source, as do its names, identifiers, targets, phases, goals, editions; all exist."""
        # One walk over every record and the records nested in it serves this rule and dates(): it
        # finds the periods that end before they begin as it goes, for dates() to report in its turn.
        for collection in COLLECTIONS:
            cite = collection.name != "sources"
            for located in self.records[collection.name]:
                item = located.item
                self._walk(located, "", item, _shape(type(item)), cite=cite)
        for located in self.records["caveats"]:
            if located.item.source not in self.sources:
                self.add(located, ".source", f"unknown source id {located.item.source!r}")

    def _walk(self, located: Located, where: str, record: Any, shape: _Shape, *, cite: bool) -> None:
        """Check the citations (with *cite*) and periods of *record*, at *where* below *located*, and of those in it."""
        if cite and shape.cited:
            sources = record.sources
            if not sources:
                self.add(located, f"{where}.sources", "no source cited: every statement must name its source")
            for index, citation in enumerate(sources):
                if citation.source not in self.sources:
                    self.add(located, f"{where}.sources[{index}].source", f"unknown source id {citation.source!r}")
        for start_field, end_field in shape.periods:
            start, end = getattr(record, start_field), getattr(record, end_field)
            if start is not None and end is not None:
                self._period(located, where, start, end, fields=(start_field, end_field))
        for name, json in shape.nested:
            nested = getattr(record, name)
            if nested:  # most records hold few of the kinds of record they may hold
                for index, item in enumerate(nested):
                    self._walk(located, f"{where}.{json}[{index}]", item, _shape(type(item)), cite=cite)

    def _period(self, located: Located, where: str, start: Any, end: Any, *, fields: tuple[str, str]) -> None:
        # Only a period that certainly ends before it begins is wrong: "2001" to "2001-06" is fine.
        start_field, end_field = fields
        wrong = end < start if isinstance(end, int) else end.end() < start.start()
        if wrong:
            self._backwards.append(
                Problem(
                    located.file,
                    f"{located.path}{where}.{end_field}",
                    f"{end_field} {end} is before {start_field} {start}",
                )
            )

    def references(self) -> None:
        """Ids that name other records resolve, to records of the right kind."""
        kinds: dict[str, set[str]] = {
            "entity": set(self.entities),
            "organization": {i for i, loc in self.entities.items() if isinstance(loc.item, Organization)},
            "strategy": {loc.item.id for loc in self.records["strategies"]},
            "law": {loc.item.id for loc in self.records["laws"]},
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
            for located in self.records[collection.name]:
                for name, json, to, known in fields:
                    value = getattr(located.item, name)
                    if not isinstance(value, tuple):
                        if value is not None and value not in known:
                            self.add(located, f".{json}", f"unknown {to} id {value!r}")
                        continue
                    for index, ident in enumerate(value):
                        if ident is not None and ident not in known:
                            self.add(located, f".{json}[{index}]", f"unknown {to} id {ident!r}")
        for located in self.records["coverage"]:
            if located.item.collection not in BY_NAME:
                self.add(located, ".collection", f"unknown collection {located.item.collection!r}")

    def dates(self) -> None:
        """Every period ends after it begins (found by the walk of citations())."""
        self.problems += self._backwards

    def lifetimes(self) -> None:
        """No relation, event, name or count lies outside the life of an entity it involves."""
        spans = self.spans
        for located in self.records["relations"]:
            relation = located.item
            subject, obj = spans.get(relation.subject), spans.get(relation.object)
            if (
                subject
                and obj
                and subject[0] < subject[1]
                and obj[0] < obj[1]
                and max(subject[0], obj[0]) >= min(subject[1], obj[1])
            ):
                self.add(located, "", f"{relation.subject!r} and {relation.object!r} never existed at the same time")
                continue
            since, until = relation.valid_from, relation.valid_until
            if since is None and until is None:
                continue  # open at both ends: clipped to both lives, never outside them
            for life, ident, what in ((subject, relation.subject, _OF_SUBJECT), (obj, relation.object, _OF_OBJECT)):
                if since is not None:
                    self._begins_within(located, ".valid_from", life, ident, since, what=what)
                if until is not None:
                    self._ends_within(located, ".valid_until", life, ident, until, what=what)
        self.event_lifetimes()
        for located in self.records["memberships"]:
            count = located.item
            self._begins_within(located, ".as_of", spans.get(count.body), count.body, count.as_of, what="the count")
        for collection in ENTITIES:
            for located in self.records[collection.name]:
                entity = located.item
                for index, name in enumerate(getattr(entity, "former_names", ())):
                    if name.valid_until is None:
                        self.add(
                            located,
                            f".former_names[{index}].valid_until",
                            "a former name needs the date it went out of use",
                        )
                        continue
                    life = spans[entity.id]
                    until = first_day(name.valid_until, NEVER_AFTER)
                    if until > life[1] or until < life[0]:
                        self.add(
                            located,
                            f".former_names[{index}].valid_until",
                            f"{name.valid_until} is outside the life of {entity.id!r}",
                        )

    def _begins_within(
        self, located: Located, suffix: str, life: tuple[int, int] | None, ident: str, start: PartialDate, *, what: str
    ) -> None:
        """Say where *start*, a date of *located* that involves *ident*, falls outside *ident*'s *life*."""
        # Open bounds are clipped to the life of each end: only stated dates can fall outside it.
        if life is None or life[0] >= life[1]:
            return
        if last_day(start, NEVER_AFTER) < life[0]:
            self.add(located, suffix, f"{what} begins ({start}) before {ident!r} existed (from {_day(life[0])})")
        elif first_day(start, NEVER_BEFORE) >= life[1]:
            self.add(located, suffix, f"{what} begins ({start}) after {ident!r} ended ({_day(life[1])})")

    def _ends_within(
        self, located: Located, suffix: str, life: tuple[int, int] | None, ident: str, end: PartialDate, *, what: str
    ) -> None:
        """Say where *end*, a date of *located* that involves *ident*, falls after *ident*'s *life*."""
        if life is None or life[0] >= life[1]:
            return
        if first_day(end, NEVER_AFTER) > life[1]:
            self.add(located, suffix, f"{what} outlives {ident!r}, which ended {_day(life[1])} (it runs to {end})")

    def event_lifetimes(self) -> None:
        """Every event falls within the lives of the bodies it involves, predecessors and successors allowed for."""
        spans = self.spans
        for located in self.records["events"]:
            event = located.item
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
                        located,
                        where,
                        f"the event ({date}) is outside the life of {ident!r} ({_day(life[0])} to {_day(life[1])})",
                    )

    def hierarchy(self) -> None:
        """A body has one parent at a time, and the hierarchy has no cycle."""
        parents: dict[str, list[Located]] = defaultdict(list)
        for located in self.records["relations"]:
            if located.item.kind in HIERARCHICAL:
                parents[located.item.object].append(located)
        for ident, found in parents.items():
            if len(found) == 1:
                continue  # the commonest case: one parent, never two at once
            ordered = sorted(found, key=lambda loc: first_day(loc.item.valid_from, NEVER_BEFORE))
            for before, after in pairwise(ordered):
                if first_day(before.item.valid_until, NEVER_AFTER) > first_day(after.item.valid_from, NEVER_BEFORE):
                    self.add(
                        after,
                        ".valid_from",
                        f"{ident!r} would have two parents at once: {after.item.subject!r} from "
                        f"{after.item.valid_from or 'an open start'} and {before.item.subject!r} "
                        f"(at {self.where(before, after)}) until {before.item.valid_until or 'now'}",
                    )
        self.problems.extend(_cycles(parents))

    def events(self) -> None:
        """Events agree with the bodies they happen to; changes of legal form are dated and chain."""
        for ident, events in self.events_by_body.items():
            located_body = self.entities.get(ident)
            body = located_body.item if located_body is not None else None
            if not isinstance(body, Organization):
                continue
            changes = []
            founding = None  # the first founding event that says what the body was founded as
            for located in events:
                event = located.item
                self._agrees(located, event, ident, body)
                if event.kind is EventKind.FOUNDED and founding is None and event.to_value:
                    founding = located
                if event.kind is EventKind.LEGAL_FORM_CHANGED:
                    if event.date is None:
                        self.add(located, ".date", "a change of legal form needs its date")
                    else:
                        changes.append(located)
            if changes and founding is not None and changes[0].item.from_value not in (None, founding.item.to_value):
                self.add(
                    changes[0],
                    ".from_value",
                    f"changes from {changes[0].item.from_value!r}, "
                    f"but {ident!r} was founded as {founding.item.to_value!r}",
                )
            for before, after in pairwise(changes):
                was, now = before.item.to_value, after.item.from_value
                if was is not None and now is not None and was != now:
                    self.add(
                        after, ".from_value", f"changes from {now!r}, but the change before left {ident!r} as {was!r}"
                    )
            last = changes[-1].item.to_value if changes else founding.item.to_value if founding else None
            if last is not None and body.legal_form is not None and last != body.legal_form:
                where = changes[-1] if changes else founding
                assert where is not None  # noqa: S101 - last came from one of them
                self.add(
                    where,
                    ".to_value",
                    f"this leaves {ident!r} as {last!r}, but its legal_form is {str(body.legal_form)!r}",
                )
        # A link seen from both ends is dated the same at both.
        links: dict[tuple[str, str], Located] = {}
        for located in self.records["events"]:
            event = located.item
            if not event.other:
                continue  # no other body: no link
            for pair in event.successions():
                first = links.setdefault(pair, located)
                if (
                    first is not located
                    and first.item.date is not None
                    and event.date is not None
                    and first.item.date != event.date
                ):
                    self.add(
                        located,
                        ".date",
                        f"the link {pair[0]!r} -> {pair[1]!r} is dated {first.item.date} "
                        f"at {self.where(first, located)}",
                    )

    def _agrees(self, located: Located, event: Event, ident: str, body: Organization) -> None:
        """Check that *event* agrees with the dates of *body*, and names known legal forms where it names one."""
        kind, date = event.kind, event.date
        if kind is EventKind.FOUNDED:
            # Dates are shared (one object per text): the same object is the same date, without a call.
            if body.established is not None and date is not body.established and date != body.established:
                self.add(
                    located,
                    ".date",
                    f"founding date {date} differs from {ident!r}'s established date {body.established}",
                )
        elif kind in ENDS_LIFE:
            if body.dissolved is None:
                self.add(located, ".kind", f"a {kind} event ends the life of {ident!r}, which has no dissolved date")
            elif date is not body.dissolved and date != body.dissolved:
                self.add(located, ".date", f"date {date} differs from {ident!r}'s dissolved date {body.dissolved}")
        if kind is EventKind.LEGAL_FORM_CHANGED or kind is EventKind.FOUNDED:
            for field in ("from_value", "to_value"):
                value = getattr(event, field)
                if value is not None and LegalForm.known(value) is None:
                    self.add(located, f".{field}", f"{value!r} is not a known LegalForm")

    def names(self) -> None:
        """Every name names one entity at a time, every identifier one entity; names of a kind follow one another."""
        # Key -> the first name with it, as (entity id, field, collection); the names after it, in `more`:
        # most keys name one entity, and then hold no list.
        owners: dict[str, tuple[str, str, str]] = {}
        more: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        holders: dict[tuple[object, str], str] = {}
        spans = self.spans
        for collection in ENTITIES:
            for located in self.records[collection.name]:
                entity = located.item
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
                                located,
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
                            located,
                            f".identifiers[{index}]",
                            f"{identifier.scheme} {identifier.value} is also {holder!r}'s",
                        )
                self._tiling(located, entity)

    def _tiling(self, located: Located, entity: Entity) -> None:
        names = getattr(entity, "former_names", ())
        if not names:
            return
        life = self.spans.get(entity.id, (NEVER_BEFORE, NEVER_AFTER))
        if len(names) == 1:  # the commonest case: one former name, which follows only the start of the life
            self._follows(located, 0, names[0], life[0])
            return
        by_kind: dict[tuple[str, str], list[tuple[int, Any]]] = defaultdict(list)
        for index, name in enumerate(names):
            by_kind[(name.lang, name.kind)].append((index, name))
        for spelled in by_kind.values():
            spelled.sort(key=lambda item: first_day(item[1].valid_until, NEVER_AFTER))
            previous = life[0]
            for index, name in spelled:
                previous = self._follows(located, index, name, previous)

    def _follows(self, located: Located, index: int, name: Any, previous: int) -> int:
        """Check that a former name begins where the one before it ended, on day *previous*; the day it ends."""
        start = first_day(name.valid_from, previous)
        if name.valid_from is not None and previous not in (NEVER_BEFORE, start):
            gap = "a gap" if start > previous else "an overlap"
            self.add(
                located,
                f".former_names[{index}].valid_from",
                f"{name.text!r} begins {name.valid_from}, "
                f"leaving {gap} after the name before it (which ended {_day(previous)})",
            )
        return first_day(name.valid_until, NEVER_AFTER)

    def legal_form_names(self) -> None:
        """A Japanese name's legal-form prefix agrees with the legal form in force over the name's whole period."""
        for located in self.records["organizations"]:
            org = located.item
            # A body's Japanese names are among these texts: none with a legal-form prefix, nothing to check.
            texts = (org.name_ja, *(name.text for name in org.former_names)) if org.former_names else (org.name_ja,)
            prefixed = [forms for forms in map(LegalForm.from_name_ja, filter(None, texts)) if forms is not None]
            if not prefixed:
                continue
            events = [loc.item for loc in self.events_by_body.get(org.id, [])]
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
                            located,
                            where,
                            f"{spell.text!r} names a {'/'.join(sorted(implied))}, but {org.id!r} was a "
                            f"{form.form} from {_day(max(form.start, spell.start))} "
                            f"to {_day(min(form.end, spell.end))}",
                        )
                        break

    def numbering(self) -> None:
        """Recommendations are numbered once each within a strategy; a body is counted once a day."""
        numbers: dict[tuple[str, int], Located] = {}
        for located in self.records["recommendations"]:
            number = located.item.number
            if number is None:
                continue
            place = (located.item.strategy, number)
            if place in numbers:
                self.add(located, ".number", f"number {number} is already used in strategy {located.item.strategy!r}")
            numbers[place] = located


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


def _cycles(parents: dict[str, list[Located]]) -> list[Problem]:
    """
    A problem for each cycle in the hierarchy, at a relation that closes it.

    Where a cycle runs through relations of several files, it is reported at one
    from the last file read (a user's file, rather than the bundled data).
    """
    problems: list[Problem] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    # Iterative depth-first search: a user's hierarchy may be deeper than the recursion limit.
    for root in list(parents):
        if root in state:
            continue
        path: list[str] = [root]
        via: list[Located] = []
        state[root] = 1
        stack = [iter(parents.get(root, []))]
        while stack:
            located = next(stack[-1], None)
            if located is None:
                state[path.pop()] = 2
                stack.pop()
                if via:
                    via.pop()
                continue
            parent = located.item.subject
            if state.get(parent) == 1:
                start = path.index(parent)
                members = [*via[start:], located]
                blame = max(members, key=lambda loc: (not loc.file.startswith("jp_mfg_policy/"), members.index(loc)))
                cycle = " -> ".join(reversed([*path[start:], parent]))
                problems.append(Problem(blame.file, blame.path, f"cycle in the hierarchy: {cycle}"))
            elif parent not in state:
                state[parent] = 1
                path.append(parent)
                via.append(located)
                stack.append(iter(parents.get(parent, [])))
    return problems
