"""Time: every snapshot true to its day, and the audited facts of the past."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, cast

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import jp_mfg_policy as jmp
from jp_mfg_policy._dates import as_date

TODAY = dt.date.today()
days = st.dates(dt.date(1860, 1, 1), TODAY)


def _dates_in(record: Any) -> list[jmp.PartialDate]:
    """Every date a record holds, nested records included (not its citations' sources)."""
    found = []
    for field in attrs.fields(type(record)):
        value = getattr(record, field.name)
        if isinstance(value, jmp.PartialDate):
            found.append(value)
        elif isinstance(value, tuple):
            for item in value:
                if attrs.has(type(item)) and not isinstance(item, jmp.Citation):
                    found += _dates_in(item)
    return found


class TestSnapshotProperties:
    @settings(max_examples=60)
    @given(day=days)
    def test_everything_valid_on_its_day(self, system: jmp.PolicySystem, day: dt.date) -> None:
        """A snapshot holds only entities alive that day, relations holding that day, events up to it."""
        past = system.at(day)
        spans = system.index.timeline.spans
        for entity in past:
            start, end = spans[entity.id]
            assert start <= day.toordinal() < end, entity.id
        for relation in past.relations():
            assert relation.valid_until is None
            assert relation.valid_from is None or relation.valid_from.start() <= day
            assert relation.subject in past
            assert relation.object in past
        for event in past.events:
            assert event.date is not None
            assert event.date.start() <= day
            assert event.body in past

    @settings(max_examples=60)
    @given(day=days)
    def test_nothing_later(self, system: jmp.PolicySystem, day: dt.date) -> None:
        """Nothing dated after the day is in its snapshot: no later name, end, event, edition or count."""
        past = system.at(day)
        for collection in (
            "organizations",
            "laws",
            "events",
            "relations",
            "memberships",
            "coverage",
            "plans",
            "strategies",
            "programs",
        ):
            for record in past.dataset.named(collection):
                for date in _dates_in(record):
                    assert date.start() <= day, (collection, record, date)

    @settings(max_examples=40)
    @given(day=days)
    def test_idempotent(self, system: jmp.PolicySystem, day: dt.date) -> None:
        """The snapshot of a snapshot on its own day is itself: at(d).at(d) == at(d)."""
        past = system.at(day)
        assert past == past.at(day)

    @settings(max_examples=40)
    @given(day=days)
    def test_names_of_the_day_find_bodies(self, system: jmp.PolicySystem, day: dt.date) -> None:
        """In a snapshot every body is found by the names it bore that day."""
        past = system.at(day)
        for org in past.organizations:
            assert org is past.organization(org.id)
            assert org is past.organization(org.name)
            if org.name_ja:
                assert org is past.organization(org.name_ja)

    @settings(max_examples=20)
    @given(day=days)
    def test_snapshots_are_valid_data(
        self, system: jmp.PolicySystem, day: dt.date, tmp_path_factory: pytest.TempPathFactory
    ) -> None:
        """A snapshot written as JSON loads back, alone, as an equal system: it is data of its own."""
        path = tmp_path_factory.mktemp("snap") / "snapshot.json"
        past = system.at(day)
        path.write_text(past.to_json(), encoding="utf-8")
        again = jmp.load(extra=[path], bundled=False)
        assert past == again
        assert day == again.as_of

    def test_today_is_the_record(self, system: jmp.PolicySystem) -> None:
        """at(today) equals the current record for every body, field by field."""
        now = system.at(TODAY)
        for org in system.organizations:
            if org.dissolved is None:
                assert org == now.organization(org.id), org.id
        assert {org.id for org in system.organizations if org.dissolved is None} == {
            org.id for org in now.organizations
        }

    def test_former_bodies_on_their_last_day(self, system: jmp.PolicySystem) -> None:
        """On its last day a former body bears its last names and legal form, as its record does."""
        for org in system.organizations:
            if org.dissolved is None or org.established is None:
                continue
            last_day = org.dissolved.start() - dt.timedelta(days=1)
            then = system.at(last_day).organization(org.id)
            assert (org.name, org.name_ja, org.acronym, org.legal_form) == (
                then.name,
                then.name_ja,
                then.acronym,
                then.legal_form,
            )
            assert then.dissolved is None

    def test_every_japanese_body_has_its_founding(self, system: jmp.PolicySystem) -> None:
        """Every Japanese body of the bundled data has a sourced founding date: none is shown before it began."""
        missing = [org.id for org in system.organizations if org.country == "JP" and org.established is None]
        assert [] == missing


class TestPastDays:
    """The findings of the time issue, each fixed in the data with its source."""

    def test_no_body_before_its_founding(self, system: jmp.PolicySystem) -> None:
        """
        In 1950 there was no MLIT (founded 2001-01-06: ROR 00b0p4j69, MLIT Establishment Act).

        In 1900 there was no STA, EPA or Ministry of Labour.
        """
        assert "MLIT" not in system.at(1950)
        old = system.at(1900)
        for key in ("science-and-technology-agency", "economic-planning-agency", "ministry-of-labour"):
            assert key not in old

    def test_nedo_names_and_forms(self, system: jmp.PolicySystem) -> None:
        """
        NEDO: 新エネルギー総合開発機構 in 1985, a special corporation until 2003, an IAA until 2015.

        Sources: NEDO's 40th-anniversary history; Act No. 145 of 2002.
        """
        assert "新エネルギー総合開発機構" == system.at(1985).organization("NEDO").name_ja
        assert jmp.LegalForm.SPECIAL_CORPORATION == system.at(1999).organization("NEDO").legal_form
        assert "独立行政法人新エネルギー・産業技術総合開発機構" == system.at(2010).organization("NEDO").name_ja
        assert system.organization("NEDO").legal_form == system.at(TODAY).organization("NEDO").legal_form

    def test_jsps_1990(self, system: jmp.PolicySystem) -> None:
        """JSPS was the special corporation 日本学術振興会 in 1990 (日本学術振興会法, Act No. 123 of 1967)."""
        jsps = system.at(1990).organization("JSPS")
        assert ("日本学術振興会", jmp.LegalForm.SPECIAL_CORPORATION) == (jsps.name_ja, jsps.legal_form)

    def test_keidanren_2005(self, system: jmp.PolicySystem) -> None:
        """Keidanren was an incorporated association in 2005, a general one from 2012-03-30 (Keidanren 沿革)."""
        then = system.at(2005).organization("Keidanren")
        assert jmp.LegalForm.INCORPORATED_ASSOCIATION == then.legal_form
        assert "社団法人日本経済団体連合会" == then.name_ja
        assert (
            jmp.LegalForm.GENERAL_INCORPORATED_ASSOCIATION
            == system.at(dt.date(2012, 3, 30)).organization("Keidanren").legal_form
        )

    def test_supervisors_before_2001(self, system: jmp.PolicySystem) -> None:
        """Before 2001 JETRO, JST and JSPS sat under MITI, the STA and the Ministry of Education."""
        past = system.at(1999)
        assert ["miti", "science-and-technology-agency", "ministry-of-education"] == [
            getattr(past.parent(body), "id", None) for body in ("JETRO", "JST", "JSPS")
        ]

    def test_no_later_succession_in_1999(self, system: jmp.PolicySystem) -> None:
        """In 1999 Nikkeiren had no successor yet: the 2002 merger is not in the 1999 chart or record."""
        past = system.at(1999)
        assert () == past.successors("Nikkeiren")
        assert "keidanren" not in past.to_dot(root="Nikkeiren")
        assert "nikkeiren" in [body.id for body in system.predecessors("Keidanren")]

    def test_switch_day(self, system: jmp.PolicySystem) -> None:
        """On 2001-01-06 METI replaced MITI; the day before, MITI still stood (METI Establishment Act)."""
        assert "MITI" in system.at(dt.date(2001, 1, 5))
        assert "METI" not in system.at(dt.date(2001, 1, 5))
        assert "METI" in system.at(dt.date(2001, 1, 6))
        assert "MITI" not in system.at(dt.date(2001, 1, 6))

    def test_council_names(self, system: jmp.PolicySystem) -> None:
        """The council was CSTP until 2014-05-18 and CSTI from 2014-05-19 (Cabinet Office, Act No. 31 of 2014)."""
        assert "CSTP" == system.at(dt.date(2014, 5, 18)).organization("CSTI").acronym
        assert "CSTI" == system.at(dt.date(2014, 5, 19)).organization("CSTI").acronym
        assert "Council for Science and Technology Policy" == system.at(2010).organization("CSTI").name

    def test_1999_tree_is_whole(self, system: jmp.PolicySystem) -> None:
        """The 1999 tree has MITI with its agencies and the ministries of the day at its top."""
        past = system.at(1999)
        assert {"sme-agency", "jpo", "nedo", "jetro", "anre"} <= {body.id for body in past.children("MITI")}
        assert "METI" not in past


class TestNamedThatDay:
    def test_a_publication_names_only_the_bodies_that_stood(self, system: jmp.PolicySystem) -> None:
        """
        The Monodzukuri white paper, first published in 2001 (a year), names its publishers from their founding.

        Its publishers METI, MHLW and MEXT were set up on 2001-01-06 (their records' ``established``);
        a snapshot of 2001-01-05 shows the paper, whose year had begun, without them.
        """

        def publishers(system: jmp.PolicySystem) -> tuple[str, ...]:
            paper = system.get("monodzukuri-white-paper")
            assert isinstance(paper, jmp.Publication)
            return paper.publishers

        assert () == publishers(system.at("2001-01-05"))
        assert ("meti", "mhlw", "mext") == publishers(system.at("2001-01-06")) == publishers(system)

    @given(st.dates(dt.date(1850, 1, 1), dt.date(2030, 12, 31)))
    def test_every_entity_named_stood_that_day(self, day: dt.date) -> None:
        """On any day, every id a law, plan, strategy, publication or award names is an entity of that day."""
        from jp_mfg_policy._fields import REFERS_TO

        past = jmp.load().at(day)
        for entity in past:
            for field in attrs.fields(cast("type[attrs.AttrsInstance]", type(entity))):
                if field.metadata.get(REFERS_TO) in (None, "source"):
                    continue
                value = getattr(entity, field.name)
                for ident in value if isinstance(value, tuple) else () if value is None else (value,):
                    assert ident in past.index.by_id, (day, entity.id, field.name, ident)


class TestFiscalYears:
    def test_at_a_fiscal_year(self, system: jmp.PolicySystem) -> None:
        """at("FY2018") is the system on 31 March 2019."""
        assert dt.date(2019, 3, 31) == system.at("FY2018").as_of

    def test_plans_in_force(self, system: jmp.PolicySystem) -> None:
        """The 5th Basic Plan ran FY2016-2020 (Cabinet Office): in force in FY2018, with the programmes of the year."""
        found = {entity.id for entity in system.in_force("FY2018")}
        assert "basic-plan-5" in found
        assert "basic-plan-4" not in found
        assert "sip" in found
        assert {"basic-plan-1"} == {e.id for e in system.in_force(1996) if e.id.startswith("basic-plan")}

    def test_plan_of_the_day(self, system: jmp.PolicySystem) -> None:
        """In a snapshot, the plan adopted and not yet over is the one in it."""
        assert ["basic-plan-5"] == [plan.id for plan in system.at("FY2018").plans]


class TestMinistryOf:
    @pytest.mark.parametrize(
        ("key", "when", "ministry"),
        [
            ("CRDS", None, "mext"),
            ("AIST", None, "meti"),
            ("NISTEP", 1999, "science-and-technology-agency"),
            ("JST", 1999, "science-and-technology-agency"),
            ("JETRO", 1999, "miti"),
            ("CSTI", None, "cabinet-office"),
            ("MITI", None, "miti"),
            ("agency-of-industrial-science-and-technology", None, "miti"),
        ],
    )
    def test_ministry_of(self, system: jmp.PolicySystem, key: str, when: int | None, ministry: str) -> None:
        """The body of ministry rank a body belongs to, on a day (a former body: on its last day)."""
        found = system.ministry_of(key, at=when)
        assert found is not None
        assert ministry == found.id

    def test_private_bodies_belong_to_none(self, system: jmp.PolicySystem) -> None:
        """A business federation with no supervising ministry today has none."""
        assert system.ministry_of("Keizai Doyukai") is None


class TestCommandLineDays:
    def test_year_forms(self, system: jmp.PolicySystem) -> None:
        """A year, a date and a fiscal year name days the same way the API does."""
        for when in ("1999", "1999-12-31", "FY1999"):
            assert as_date(int(when) if when.isdigit() else when) <= dt.date(2000, 3, 31)
        assert json.dumps(str(system.at("1999-12-31").as_of)) == '"1999-12-31"'


def test_life_days_are_those_of_the_period(system: jmp.PolicySystem) -> None:
    """The days of a life read from a body's dates are those of its period, for every entity."""
    from jp_mfg_policy._timeline import life_days, period_days

    for entity in system:
        assert period_days(entity.period) == life_days(entity), entity.id
