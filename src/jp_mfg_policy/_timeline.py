"""
Time: when each entity existed, and what each of its changing values was on a given day.

The rules, which validation and snapshots share:

- An entity's life runs from its start (a body's ``established``, a law's
  promulgation, a plan's first fiscal year ...) to its end, exclusive. A partial date
  counts from the first day of the period it names.
- An unknown start is narrowed to the entity's earliest dated fact (an event, a name's
  or relation's start, a membership count): the data never shows an entity before it
  knows it existed. An entity with no dated fact at all appears in no snapshot.
- Names of one language and kind follow one another: each former name holds from the
  end of the one before it (or the start of the entity's life) until its
  ``valid_until``; the current name holds from the end of the last former one.
- A body's legal form before its first ``legal_form_changed`` event is that event's
  ``from_value`` (or its founding event's ``to_value``); after each change, the
  change's ``to_value``.
- A law, plan, strategy, publication or award names, on a given day, only the entities
  that stood that day (its publishers, organisers, law): as a relation holds only while
  both its ends stand.

Days are proleptic Gregorian ordinals (:meth:`datetime.date.toordinal`), so that a
snapshot compares integers.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any, cast

import attrs

from ._bodies import Organization
from ._dates import NEVER_AFTER, NEVER_BEFORE, PartialDate, Period, first_day
from ._enums import EventKind, LegalForm, NameKind
from ._facts import Event, MembershipCount, Relation
from ._fields import REFERS_TO
from ._records import Entity, Name

#: The flat name field each (language, kind) of a former name stands in for.
NAME_FIELDS = {
    ("en", NameKind.OFFICIAL): "name",
    ("ja", NameKind.OFFICIAL): "name_ja",
    ("en", NameKind.ACRONYM): "acronym",
    ("ja", NameKind.SHORT): "short_name_ja",
}


def period_days(period: Period) -> tuple[int, int]:
    """A :class:`Period` as ordinals, open bounds as :data:`NEVER_BEFORE` and :data:`NEVER_AFTER`."""
    return (
        NEVER_BEFORE if period.start is None else period.start.toordinal(),
        NEVER_AFTER if period.end is None else period.end.toordinal(),
    )


def life_days(entity: Entity) -> tuple[int, int]:
    """
    The days of :attr:`Entity.period`, as :func:`period_days` gives them.

    A body's are read from its dates, without building the period: bodies are most of the records.
    """
    if isinstance(entity, Organization):
        return first_day(entity.established, NEVER_BEFORE), first_day(entity.dissolved, NEVER_AFTER)
    return period_days(entity.period)


def spans(
    entities: Iterable[Entity],
    relations: Iterable[Relation],
    events: Iterable[Event],
    memberships: Iterable[MembershipCount],
) -> dict[str, tuple[int, int]]:
    """
    Entity id -> (first day, day after the last) of its life, unknown starts narrowed to the earliest dated fact.

    An entity with no known start and no dated fact gets an empty span: it is in no snapshot.
    """
    from ._recommendations import Recommendation

    found: dict[str, tuple[int, int]] = {}
    unknown: list[Entity] = []
    recommendations: list[Recommendation] = []
    for entity in entities:
        if isinstance(entity, Recommendation):
            recommendations.append(entity)  # a recommendation lives as its strategy does
            continue
        start, end = life_days(entity)
        found[entity.id] = (start, end)
        if start == NEVER_BEFORE:
            unknown.append(entity)
    if unknown:
        earliest = earliest_facts({entity.id for entity in unknown}, relations, events, memberships)
        for entity in unknown:
            found[entity.id] = _narrowed(entity, found[entity.id][1], earliest)
    for recommendation in recommendations:
        found[recommendation.id] = found.get(recommendation.strategy, (NEVER_AFTER, NEVER_AFTER))
    return found


def earliest_facts(
    wanted: Container[str],
    relations: Iterable[Relation],
    events: Iterable[Event],
    memberships: Iterable[MembershipCount],
) -> dict[str, int]:
    """Entity id (of those *wanted*) -> the first day of its earliest dated event, relation or count."""
    earliest: dict[str, int] = {}

    def seen(ident: str, date: PartialDate | None) -> None:
        if ident in wanted and date is not None:
            day = date.start().toordinal()
            earliest[ident] = min(earliest.get(ident, day), day)

    for event in events:
        seen(event.body, event.date)
        for other in event.other:
            seen(other, event.date)
    for relation in relations:
        seen(relation.subject, relation.valid_from)
        seen(relation.object, relation.valid_from)
    for count in memberships:
        seen(count.body, count.as_of)
    return earliest


def _narrowed(entity: Entity, end: int, earliest: Mapping[str, int]) -> tuple[int, int]:
    """The span of *entity*, whose start is unknown: from its earliest dated fact, its own names' included."""
    days = [earliest.get(entity.id, end)]  # nothing dated: an empty span
    for name in getattr(entity, "former_names", ()):
        if name.valid_from is not None:
            days.append(name.valid_from.start().toordinal())
        elif name.valid_until is not None:
            # A name that ended on a day was in use the day before, at the latest.
            days.append(name.valid_until.start().toordinal() - 1)
    return min(*days, end), end


@attrs.frozen
class NameSpell:
    """One name of an entity with the days it held: ``[start, end)`` as ordinals."""

    field: str
    text: str | None
    start: int
    end: int
    name: Name | None  # None for the current name


def name_spells(entity: Entity, span: tuple[int, int], *, current: bool = False) -> list[NameSpell]:
    """
    The official names, acronyms and short forms of *entity* with the days each held.

    Former names of one language and kind follow one another by their ``valid_until``;
    the current value holds from the last of them to the end of the entity's life. Only
    the fields that changed are given, unless *current* asks for every field.
    """
    by_field: dict[str, list[Name]] = defaultdict(list)
    if current:
        for name_field in NAME_FIELDS.values():
            if getattr(entity, name_field, None) is not None:
                by_field[name_field] = []
    for name in getattr(entity, "former_names", ()):
        field = NAME_FIELDS.get((name.lang, name.kind))
        if field is not None and hasattr(entity, field):
            by_field[field].append(name)
    spells = []
    for field, names in by_field.items():
        start = span[0]
        for name in sorted(names, key=lambda n: first_day(n.valid_until, NEVER_AFTER)):
            end = first_day(name.valid_until, NEVER_AFTER)
            spells.append(NameSpell(field, name.text, start, end, name))
            start = end
        spells.append(NameSpell(field, getattr(entity, field), start, span[1], None))
    return spells


@attrs.frozen
class FormSpell:
    """A body's legal form with the days it held: ``[start, end)`` as ordinals."""

    form: LegalForm | None
    start: int
    end: int


def legal_form_spells(org: Organization, events: Sequence[Event], span: tuple[int, int]) -> list[FormSpell]:
    """
    The legal forms of *org* over its life, from its dated ``legal_form_changed`` events.

    *events* are the body's own, in date order. An undated change is left out (validation
    refuses one).
    """
    changes = [e for e in events if e.kind is EventKind.LEGAL_FORM_CHANGED and e.date is not None]
    if not changes:
        return [FormSpell(org.legal_form, *span)]
    founding = next((e for e in events if e.kind is EventKind.FOUNDED and e.to_value), None)
    first = changes[0].from_value or (founding.to_value if founding else None)
    spells, start, form = [], span[0], _form(first)
    for change in changes:
        day = first_day(change.date, NEVER_BEFORE)
        spells.append(FormSpell(form, start, day))
        start, form = day, _form(change.to_value)
    spells.append(FormSpell(form, start, span[1]))
    return [spell for spell in spells if spell.start < spell.end or spell is spells[-1]]


def _form(value: str | None) -> LegalForm | None:
    return LegalForm.known(value)


def boundaries(entity: Entity, form_spells: Sequence[FormSpell], name_list: Sequence[NameSpell]) -> list[int]:
    """The days on which something shown of *entity* changes, sorted."""
    days = {spell.start for spell in form_spells} | {spell.start for spell in name_list}
    if not isinstance(entity, Organization):
        from ._laws import Law  # only here: a body's timeline needs no class of laws or plans

        if isinstance(entity, Law) and entity.effective is not None:
            days.add(first_day(entity.effective, NEVER_BEFORE))
    for name in getattr(entity, "former_names", ()):
        if (name.lang, name.kind) not in NAME_FIELDS:
            days |= {first_day(name.valid_from, NEVER_BEFORE), first_day(name.valid_until, NEVER_BEFORE)}
    for field in ("phases", "goals", "editions"):
        for item in getattr(entity, field, ()):
            days.add(_item_start(item))
    days.discard(NEVER_BEFORE)
    return sorted(days)


def _item_start(item: Any) -> int:
    fiscal = getattr(item, "first_fiscal_year", None)
    if fiscal is not None:
        return dt.date(fiscal, 4, 1).toordinal()
    return first_day(getattr(item, "adopted", None), NEVER_BEFORE)


def as_of(
    entity: Entity,
    day: int,
    form_spells: Sequence[FormSpell],
    name_list: Sequence[NameSpell],
    stands: Callable[[str, int], bool] = lambda _ident, _day: True,
) -> Entity:
    """
    *entity* as it stood on *day*: its names and legal form of the day, no end date, nothing later.

    Former names that had ended by *day* stay (they were former then too); the name of
    the day becomes the current one; later names, phases, goals and editions go, and so
    do the entities it names that did not stand that day (*stands* tells).
    """
    changes: dict[str, Any] = {}
    for spell in name_list:
        if spell.start <= day < spell.end and spell.name is not None:
            changes[spell.field] = spell.text
        elif spell.name is None and not spell.start <= day and getattr(entity, spell.field) is not None:
            changes.setdefault(spell.field, None)  # the current name had not begun
    if name_list:
        changes["former_names"] = tuple(
            spell.name for spell in name_list if spell.name is not None and spell.end <= day
        )
    others = [name for name in getattr(entity, "former_names", ()) if (name.lang, name.kind) not in NAME_FIELDS]
    if others:
        # Other names (aliases) that had ended stay former; those in use that day were aliases then.
        changes["former_names"] = (
            *changes.get("former_names", ()),
            *(n for n in others if first_day(n.valid_until, NEVER_AFTER) <= day),
        )
        changes["aliases"] = (
            *getattr(entity, "aliases", ()),
            *(
                n.text
                for n in others
                if first_day(n.valid_from, NEVER_BEFORE) <= day < first_day(n.valid_until, NEVER_AFTER)
            ),
        )
    if isinstance(entity, Organization):
        form = next((spell.form for spell in form_spells if spell.start <= day < spell.end), entity.legal_form)
        changes["legal_form"] = form
        changes["dissolved"] = None
    else:
        changes |= _policy_as_of(entity, day)
        for field in references(type(entity)):
            named = getattr(entity, field.name)
            if isinstance(named, tuple):
                changes[field.name] = tuple(ident for ident in named if stands(ident, day))
            elif named is not None and not stands(named, day):
                changes[field.name] = None
    changes = {key: value for key, value in changes.items() if getattr(entity, key) != value}
    return attrs.evolve(cast("Any", entity), **changes) if changes else entity


def references(cls: type) -> tuple[attrs.Attribute[Any], ...]:
    """
    The fields of a class of entities that name other entities and may go without them: a tuple, or an optional id.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> [field.name for field in references(jmp.Publication)]
        ['publishers', 'law']
    """
    found = _REFERENCES.get(cls)
    if found is None:
        fields = attrs.fields(cast("type[attrs.AttrsInstance]", cls))
        found = _REFERENCES[cls] = tuple(
            field
            for field in fields
            if field.metadata.get(REFERS_TO, "source") != "source" and (field.default == () or field.default is None)
        )
    return found


_REFERENCES: dict[type, tuple[attrs.Attribute[Any], ...]] = {}


def _policy_as_of(entity: Entity, day: int) -> dict[str, Any]:
    """The changes that make a law, programme or strategy what it was on *day*."""
    from ._laws import Law
    from ._programs import Program
    from ._strategies import Strategy

    if isinstance(entity, Law):
        return {"repealed": None} | (
            {"effective": None} if first_day(entity.effective, NEVER_BEFORE) > day else {}  # not yet in force
        )
    if isinstance(entity, Program):
        return {
            "phases": tuple(p for p in entity.phases if _item_start(p) <= day),
            "goals": tuple(g for g in entity.goals if _item_start(g) <= day),
        }
    if isinstance(entity, Strategy):
        return {"editions": tuple(e for e in entity.editions if _item_start(e) <= day)}
    return {}


#: Where a memo has no answer yet (None is an answer: an entity with nothing that changes).
_UNKNOWN: Any = object()


@attrs.frozen
class Changes:
    """What changes in an entity's life: its legal forms, its names, and the days anything shown changes."""

    forms: list[FormSpell]
    names: list[NameSpell]
    days: list[int]


class Timeline:
    """
    What changes when, for the entities of a dataset: each worked out the first time it is asked for.

    ``span(ident)`` is an entity's life; ``variant(entity, day)`` is the entity as it stood on
    *day*, returned as it is if nothing shown of it changes within its life. Nothing is worked
    out for an entity until it is asked about, so that a snapshot asked one question costs one
    entity's timeline, not every entity's. Each answer is memoised; two threads that ask at
    once may both work it out, but the first stored is the one every caller gets.

    Attributes:
        spans: Entity id -> its span, a read-only mapping that works each out on first use.
    """

    __slots__ = ("_changes", "_earliest", "_entities", "_events_of", "_facts", "_memo", "_spans", "spans")

    def __init__(
        self,
        entities: Mapping[str, Entity],
        events_of: Callable[[str], Sequence[Event]],
        facts: Callable[[], tuple[Iterable[Relation], Iterable[Event], Iterable[MembershipCount]]],
    ) -> None:
        """
        The timeline of *entities* (by id), whose events *events_of* gives in date order.

        *facts* gives every relation, event and count, read only if an entity's start is
        unknown (it is narrowed to its earliest fact, and that needs them all).
        """
        self._entities = entities
        self._events_of = events_of
        self._facts = facts
        self._earliest: Mapping[str, int] | None = None
        self._spans: dict[str, tuple[int, int]] = {}
        self._changes: dict[str, Changes | None] = {}
        self._memo: dict[tuple[str, int], Entity] = {}
        self.spans: Mapping[str, tuple[int, int]] = _Spans(self, entities)

    def span(self, ident: str) -> tuple[int, int]:
        """
        The days of the entity *ident* names: ``[start, end)`` as ordinals.

        Raises:
            KeyError: If no entity has that id.
        """
        found = self.span_or_none(ident)
        if found is None:
            raise KeyError(ident)
        return found

    def span_or_none(self, ident: str) -> tuple[int, int] | None:
        """The days of the entity *ident* names, or None if no entity has that id."""
        found = self._spans.get(ident)
        if found is None:
            entity = self._entities.get(ident)
            if entity is None:
                return None
            found = self._spans.setdefault(ident, self._span_of(entity))
        return found

    def all_spans(self) -> Mapping[str, tuple[int, int]]:
        """Entity id -> its span, every one worked out: for those who ask about them all."""
        spans = self._spans
        if len(spans) < len(self._entities):
            for ident in self._entities:
                if ident not in spans:
                    self.span(ident)
        return MappingProxyType(spans)

    def standing(self, day: int) -> frozenset[str]:
        """The ids of the entities that stood on *day*."""
        # Every entity has its span now, so the table no longer grows: it can be read whole.
        return frozenset(ident for ident, (start, end) in self.all_spans().items() if start <= day < end)

    def stands(self, ident: str, day: int) -> bool:
        """Whether the entity *ident* names (if any) stood on *day*."""
        found = self._spans.get(ident) or self.span_or_none(ident)
        return found is not None and found[0] <= day < found[1]

    def _span_of(self, entity: Entity) -> tuple[int, int]:
        if not isinstance(entity, Organization):
            from ._recommendations import Recommendation  # only here: a body's span needs no class of laws or plans

            if isinstance(entity, Recommendation):
                # A recommendation lives as its strategy does.
                strategy = self._entities.get(entity.strategy)
                if strategy is None or isinstance(strategy, Recommendation):
                    return (NEVER_AFTER, NEVER_AFTER)
                return self.span(strategy.id)
        start, end = life_days(entity)
        if start != NEVER_BEFORE:
            return start, end
        earliest = self._earliest
        if earliest is None:
            # Every fact is read once, for every entity: a second unknown start is then a lookup.
            earliest = self._earliest = earliest_facts(self._entities, *self._facts())
        return _narrowed(entity, end, earliest)

    def changes(self, entity: Entity) -> Changes | None:
        """The legal forms, names and change days of *entity*, or None if nothing shown of it changes."""
        found = self._changes.get(entity.id, _UNKNOWN)
        if found is _UNKNOWN:
            found = self._changes.setdefault(entity.id, self._changes_of(entity))
        return cast("Changes | None", found)

    def _changes_of(self, entity: Entity) -> Changes | None:
        span = self.span(entity.id)
        form_list = (
            legal_form_spells(entity, self._events_of(entity.id), span) if isinstance(entity, Organization) else []
        )
        name_list = name_spells(entity, span) if getattr(entity, "former_names", ()) else []
        change_days = boundaries(entity, form_list, name_list)
        if not isinstance(entity, Organization):
            # The days an entity it names begins or ends, within its own life.
            named = self._named_days(entity, span)
            if named:
                change_days = sorted({*change_days, *named})
        if len(form_list) > 1 or name_list or change_days:
            return Changes(form_list, name_list, change_days)
        return None

    def _named_days(self, entity: Entity, span: tuple[int, int]) -> set[int]:
        days: set[int] = set()
        for field in references(type(entity)):
            named = getattr(entity, field.name)
            for ident in named if isinstance(named, tuple) else () if named is None else (named,):
                other = self.span_or_none(ident) or (NEVER_AFTER, NEVER_AFTER)
                days |= {day for day in other if span[0] < day < span[1]}
        return days

    def variant(self, entity: Entity, day: int) -> Entity:
        """
        *entity* as it stood on *day* (an ordinal within its life).

        The same day, or another within the same stretch without change, gives the same object.
        """
        changes = self.changes(entity)
        key = (entity.id, 0 if changes is None else bisect.bisect_right(changes.days, day))
        found = self._memo.get(key)
        if found is None:
            found = (
                _undated(entity) if changes is None else as_of(entity, day, changes.forms, changes.names, self.stands)
            )
            if found is not entity or changes is not None:  # an entity shown as it is needs no memo
                found = self._memo.setdefault(key, found)
        return found


class _Spans(Mapping[str, tuple[int, int]]):
    """Entity id -> its span, through a :class:`Timeline`: each worked out on first use."""

    __slots__ = ("_entities", "_timeline")

    def __init__(self, timeline: Timeline, entities: Mapping[str, Entity]) -> None:
        self._timeline = timeline
        self._entities = entities

    def __getitem__(self, ident: str) -> tuple[int, int]:
        return self._timeline.span(ident)

    def __iter__(self) -> Iterator[str]:
        return iter(self._entities)

    def __len__(self) -> int:
        return len(self._entities)


def _undated(entity: Entity) -> Entity:
    """An entity with no changes in its life, as it stood on any day of it: without its end."""
    if isinstance(entity, Organization):
        return entity if entity.dissolved is None else attrs.evolve(entity, dissolved=None)
    from ._laws import Law  # only here: a body needs no class of laws

    if isinstance(entity, Law) and entity.repealed is not None:
        return attrs.evolve(entity, repealed=None)
    return entity
