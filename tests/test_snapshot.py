"""Snapshots built lazily are the eager snapshot, record for record, and one question builds no collection."""

from __future__ import annotations

import bisect
import datetime as dt
import importlib.util
import sys
import threading
from collections import defaultdict
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import jp_mfg_policy as jmp
from jp_mfg_policy._bodies import Organization
from jp_mfg_policy._dataset import Dataset
from jp_mfg_policy._dates import NEVER_AFTER, NEVER_BEFORE, first_day
from jp_mfg_policy._fields import REFERS_TO
from jp_mfg_policy._registry import (
    CAVEATS,
    COLLECTIONS,
    COVERAGE,
    ENTITIES,
    EVENTS,
    MEMBERSHIPS,
    ORGANIZATIONS,
    RELATIONS,
    SOURCES,
)
from jp_mfg_policy._timeline import as_of, boundaries, legal_form_spells, name_spells, spans

BENCHMARKS = Path(__file__).parents[1] / "benchmarks"
TODAY = dt.date.today()
#: Days on which much changed: the 2001 reorganisation, the 2003 agencies, the 2014 council, and the edges of time.
DAYS = [
    dt.date(1860, 1, 1),
    dt.date(1949, 5, 25),
    dt.date(1980, 10, 1),
    dt.date(1999, 12, 31),
    dt.date(2001, 1, 5),
    dt.date(2001, 1, 6),
    dt.date(2003, 10, 1),
    dt.date(2012, 3, 30),
    dt.date(2014, 5, 19),
    TODAY,
]


def _undated(entity: Any) -> Any:
    if isinstance(entity, Organization) and entity.dissolved is not None:
        return attrs.evolve(entity, dissolved=None)
    if isinstance(entity, jmp.Law) and entity.repealed is not None:
        return attrs.evolve(entity, repealed=None)
    return entity


def eager_snapshot(dataset: Dataset, day: dt.date) -> Dataset:
    """The snapshot as the eager code built it: every entity's timeline first, then every collection, by the rules."""
    entities = list(dataset.entities())
    by_body: dict[str, list[Any]] = defaultdict(list)
    for event in dataset[EVENTS]:
        by_body[event.body].append(event)
    life = spans(entities, dataset[RELATIONS], dataset[EVENTS], dataset[MEMBERSHIPS])
    today = day.toordinal()

    def stands(ident: str) -> bool:
        start, end = life.get(ident, (NEVER_AFTER, NEVER_AFTER))
        return start <= today < end

    def named_that_day(entity: Any) -> Any:
        """A policy entity naming only the entities that stood that day (its publishers, organisers, law)."""
        if isinstance(entity, Organization):
            return entity
        changes: dict[str, Any] = {}
        for field in attrs.fields(type(entity)):
            value = getattr(entity, field.name)
            if field.metadata.get(REFERS_TO) in (None, "source") or value is None:
                continue
            if isinstance(value, tuple):
                changes[field.name] = tuple(ident for ident in value if stands(ident))
            elif field.default is None and not stands(value):
                changes[field.name] = None
        changes = {name: value for name, value in changes.items() if getattr(entity, name) != value}
        return attrs.evolve(entity, **changes) if changes else entity

    def variant(entity: Any) -> Any:
        span = life[entity.id]
        forms = legal_form_spells(entity, by_body[entity.id], span) if isinstance(entity, Organization) else []
        names = name_spells(entity, span) if getattr(entity, "former_names", ()) else []
        if len(forms) > 1 or names or boundaries(entity, forms, names):
            return named_that_day(as_of(entity, today, forms, names))
        return named_that_day(_undated(entity))

    records: dict[str, tuple[Any, ...]] = {SOURCES.name: dataset[SOURCES]}
    present: set[str] = set()
    for collection in ENTITIES:
        standing = [e for e in dataset[collection] if life[e.id][0] <= today < life[e.id][1]]
        present |= {entity.id for entity in standing}
        records[collection.name] = tuple(variant(entity) for entity in standing)
    empty = (NEVER_AFTER, NEVER_AFTER)
    relations = []
    for relation in dataset[RELATIONS]:
        subject, obj = life.get(relation.subject, empty), life.get(relation.object, empty)
        start = max(first_day(relation.valid_from, NEVER_BEFORE), subject[0], obj[0])
        end = min(first_day(relation.valid_until, NEVER_AFTER), subject[1], obj[1])
        if start <= today < end:
            relations.append(attrs.evolve(relation, valid_until=None) if relation.valid_until else relation)
    records[RELATIONS.name] = tuple(relations)
    before = bisect.bisect_right([first_day(e.date, NEVER_AFTER) for e in dataset[EVENTS]], today)
    records[EVENTS.name] = tuple(
        attrs.evolve(event, other=tuple(i for i in event.other if i in present))
        if any(i not in present for i in event.other)
        else event
        for event in dataset[EVENTS][:before]
        if event.body in present
    )
    records[MEMBERSHIPS.name] = tuple(m for m in dataset[MEMBERSHIPS] if m.as_of.start() <= day and m.body in present)
    records[COVERAGE.name] = tuple(
        c
        for c in dataset[COVERAGE]
        if c.as_of is not None and c.as_of.start() <= day and (c.subject is None or c.subject in present)
    )
    records[CAVEATS.name] = ()
    return Dataset(records, as_of=day, origins=dataset.origins, ordered=True)


def _assert_same(system: jmp.PolicySystem, day: dt.date) -> None:
    """Each collection of the lazy snapshot, asked for alone on a fresh snapshot, is the eager one's."""
    expected = eager_snapshot(system.dataset, day)
    for collection in COLLECTIONS:
        assert expected[collection] == system.at(day).dataset[collection], (day, collection.name)
    lazy = system.at(day)
    assert lazy == jmp.PolicySystem(expected)
    assert hash(lazy) == hash(jmp.PolicySystem(expected))


def _assert_questions(system: jmp.PolicySystem, day: dt.date, keys: list[str]) -> None:
    """get, in, parent and children on a fresh snapshot answer as the built one; most build nothing."""
    built = jmp.PolicySystem(eager_snapshot(system.dataset, day), root=system.index)
    for key in keys:
        fresh = system.at(day)
        assert built.get(key, None) == fresh.get(key, None), (day, key)
        assert (key in built) == (key in fresh)
        entity = fresh.get(key, None)
        if isinstance(entity, Organization):
            assert built.parent(key) == fresh.parent(key), (day, key)
            assert built.children(key) == fresh.children(key), (day, key)
        named = system.get(key, None)
        if named is None or (entity is not None and entity.id == named.id):
            # A name the record knows for a body that did not stand may have named another that day:
            # only then does the snapshot read its own names.
            assert "collections not yet read" in repr(fresh.dataset), (day, key)


@pytest.fixture(name="synthetic", scope="module")
def _synthetic(tmp_path_factory: pytest.TempPathFactory) -> jmp.PolicySystem:
    """400 generated bodies (benchmarks/generate.py) beside the bundled data."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        spec = importlib.util.spec_from_file_location("benchmarks_generate", BENCHMARKS / "generate.py")
        assert spec is not None
        assert spec.loader is not None
        generate = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(generate)
    finally:
        sys.path.remove(str(BENCHMARKS))
    path = tmp_path_factory.mktemp("synthetic") / "bodies.json"
    path.write_bytes(generate.dumps(generate.dataset(400)))
    return jmp.load(extra=[path])


class TestLazyEqualsEager:
    @pytest.mark.parametrize("day", DAYS)
    def test_bundled_days(self, system: jmp.PolicySystem, day: dt.date) -> None:
        """On days of change, every collection of the bundled data's snapshot is the eager snapshot's."""
        _assert_same(system, day)

    @settings(max_examples=30)
    @given(day=st.dates(dt.date(1860, 1, 1), TODAY))
    def test_bundled_any_day(self, system: jmp.PolicySystem, day: dt.date) -> None:
        """On any day, every collection of the bundled data's snapshot is the eager snapshot's."""
        _assert_same(system, day)

    @settings(max_examples=15)
    @given(day=st.dates(dt.date(1940, 1, 1), TODAY))
    def test_generated_any_day(self, synthetic: jmp.PolicySystem, day: dt.date) -> None:
        """On any day, the snapshot of generated bodies beside the bundled data is the eager snapshot."""
        _assert_same(synthetic, day)

    @pytest.mark.parametrize("day", DAYS)
    def test_generated_days(self, synthetic: jmp.PolicySystem, day: dt.date) -> None:
        """On days of change, the snapshot of generated bodies beside the bundled data is the eager snapshot."""
        _assert_same(synthetic, day)

    def test_snapshot_of_a_snapshot(self, system: jmp.PolicySystem) -> None:
        """A snapshot of a snapshot, on another day, is the eager snapshot of the eager snapshot."""
        early, late = dt.date(1999, 12, 31), dt.date(2010, 12, 31)
        for first, second in ((late, early), (early, late)):
            expected = eager_snapshot(eager_snapshot(system.dataset, first), second)
            assert jmp.PolicySystem(expected) == system.at(first).at(second)


class TestOneQuestion:
    @pytest.mark.parametrize("day", DAYS)
    def test_bundled_questions(self, system: jmp.PolicySystem, day: dt.date) -> None:
        """For every body and by several names, a question answers as the built snapshot does, building nothing."""
        keys = [org.id for org in system.organizations] + ["MITI", "METI", "NEDO", "経済産業省", "no such body"]
        _assert_questions(system, day, keys)

    @pytest.mark.parametrize("day", [dt.date(1985, 12, 31), dt.date(2003, 10, 1), TODAY])
    def test_generated_questions(self, synthetic: jmp.PolicySystem, day: dt.date) -> None:
        """For generated bodies too, a question answers as the built snapshot does, building nothing."""
        keys = [org.id for org in synthetic.organizations if org.id.startswith("syn-")][::7]
        _assert_questions(synthetic, day, keys)

    def test_same_object(self, system: jmp.PolicySystem) -> None:
        """A body got before the snapshot is built is the very record the built snapshot lists."""
        past = system.at(1999)
        miti = past.get("MITI")
        assert miti is next(org for org in past.organizations if org.id == "miti")
        assert miti is past.get("miti")


class TestThreads:
    def test_one_build_for_all(self, synthetic: jmp.PolicySystem) -> None:
        """Threads that ask a fresh snapshot at once all get the same records."""
        past = synthetic.at(2005)
        found: list[Any] = []

        def ask() -> None:
            found.append((past.organizations, past.get("syn-7", None), past.dataset[RELATIONS]))

        threads = [threading.Thread(target=ask) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert all(answer[0] is found[0][0] and answer[2] is found[0][2] for answer in found)
        assert all(answer[1] is found[0][1] for answer in found)
        assert found[0][0] == eager_snapshot(synthetic.dataset, dt.date(2005, 12, 31))[ORGANIZATIONS]
