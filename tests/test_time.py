"""The system in time: at, history, lineage, memberships."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import jp_mfg_policy as jmp
from jp_mfg_policy._dates import in_period

SYSTEM = jmp.load()


def agency(key: str, system: jmp.PolicySystem = SYSTEM) -> jmp.Agency:
    body = system.organization(key)
    assert isinstance(body, jmp.Agency)
    return body


days = st.dates(dt.date(1850, 1, 1), dt.date(2030, 12, 31))


class TestAt:
    @given(st.one_of(days, st.integers(1850, 2030)))
    def test_bodies_only_within_their_lifetime(self, when: dt.date | int) -> None:
        """at(when) holds exactly the bodies whose lifetime contains when."""
        day = when if isinstance(when, dt.date) else dt.date(when, 12, 31)
        present = {org.id for org in SYSTEM.at(when).organizations}
        expected = {org.id for org in SYSTEM.organizations if in_period(day, org.established, org.dissolved)}
        assert expected == present

    @given(days)
    def test_snapshot_names_valid_then(self, day: dt.date) -> None:
        """Every body of a snapshot is found by the name it bore then."""
        snapshot = SYSTEM.at(day)
        for org in snapshot.organizations:
            assert org is snapshot.get(org.name)
            for name in org.former_names:
                if in_period(day, name.valid_from, name.valid_until) and name.kind is jmp.NameKind.OFFICIAL:
                    assert name.text in (org.name, org.name_ja)

    @given(days)
    def test_relations_hold_between_present_bodies(self, day: dt.date) -> None:
        """A snapshot's relations are valid that day and join bodies that exist."""
        snapshot = SYSTEM.at(day)
        for relation in snapshot.relations():
            assert in_period(day, relation.valid_from, relation.valid_until)
            for end in (relation.subject, relation.object):
                assert end in snapshot

    def test_1999_has_miti_not_meti(self) -> None:
        """Before 2001, MITI existed and METI did not."""
        past = SYSTEM.at(1999)
        assert "MITI" in past
        assert "METI" not in past
        assert {"sme-agency", "jpo", "nedo"} == {b.id for b in past.children("MITI")}

    def test_switch_day(self) -> None:
        """On 2001-01-06 METI replaced MITI; the day before, MITI still stood."""
        assert "MITI" in SYSTEM.at(dt.date(2001, 1, 5))
        assert "METI" not in SYSTEM.at(dt.date(2001, 1, 5))
        assert "METI" in SYSTEM.at(dt.date(2001, 1, 6))
        assert "MITI" not in SYSTEM.at(dt.date(2001, 1, 6))

    def test_council_names(self) -> None:
        """In 2010 the council was CSTP; from 2014-05-19 it is CSTI."""
        then, now = SYSTEM.at(2010).organization("CSTI"), SYSTEM.at(2020).organization("CSTI")
        assert ("Council for Science and Technology Policy", "総合科学技術会議", "CSTP") == (
            then.name,
            then.name_ja,
            then.acronym,
        )
        assert ("Council for Science, Technology and Innovation", "CSTI") == (now.name, now.acronym)
        assert "CSTP" == SYSTEM.at(dt.date(2014, 5, 18)).organization("CSTI").acronym
        assert "CSTI" == SYSTEM.at(dt.date(2014, 5, 19)).organization("CSTI").acronym

    def test_legal_forms_in_time(self) -> None:
        """AIST was an IAI, then an NRDA from 2015-04-01, then a specified NRDA from 2016-10-01."""
        forms = [SYSTEM.at(day).organization("AIST").legal_form for day in (2010, dt.date(2015, 4, 1), 2017)]
        assert [
            jmp.LegalForm.INCORPORATED_ADMINISTRATIVE_AGENCY,
            jmp.LegalForm.NATIONAL_RESEARCH_AND_DEVELOPMENT_AGENCY,
            jmp.LegalForm.SPECIFIED_NATIONAL_RESEARCH_AND_DEVELOPMENT_AGENCY,
        ] == forms

    def test_supervisor_in_time(self) -> None:
        """NISTEP was under the Science and Technology Agency until 2001, then under MEXT."""
        assert "science-and-technology-agency" == agency("NISTEP", SYSTEM.at(1995)).supervisor
        assert "mext" == agency("NISTEP", SYSTEM.at(2005)).supervisor

    def test_not_yet_founded(self) -> None:
        """A body not yet founded is absent."""
        assert "CRDS" not in SYSTEM.at(dt.date(2003, 6, 30))
        assert "CRDS" in SYSTEM.at(dt.date(2003, 7, 1))

    def test_year_precision_date(self) -> None:
        """NISTEP's Japanese name changed in 2013: by the end of 2013 it carried the new one."""
        assert "科学技術政策研究所" == SYSTEM.at(2012).organization("NISTEP").name_ja
        assert "科学技術・学術政策研究所" == SYSTEM.at(2013).organization("NISTEP").name_ja

    def test_snapshot_is_dated(self) -> None:
        """A snapshot knows its day; the whole record has none."""
        assert dt.date(2010, 12, 31) == SYSTEM.at(2010).as_of
        assert SYSTEM.as_of is None

    def test_bad_when(self) -> None:
        """Only dates and years are accepted."""
        with pytest.raises(TypeError):
            SYSTEM.at(None)  # type: ignore[arg-type]


class TestHistory:
    def test_events_in_date_order(self) -> None:
        """A body's events come in date order, undated ones last."""
        for org in SYSTEM.organizations:
            dates = [event.date for event in SYSTEM.history(org)]
            known = [d for d in dates if d is not None]
            assert known == sorted(known)
            assert dates == known + [None] * (len(dates) - len(known))

    def test_miti_succeeded_by_meti(self) -> None:
        """MITI (1949-05-25) was succeeded by METI on 2001-01-06."""
        events = SYSTEM.history("MITI")
        assert [("founded", "1949-05-25"), ("succeeded_by", "2001-01-06")] == [
            (str(e.kind), str(e.date)) for e in events
        ]
        assert ("meti",) == events[-1].other

    def test_csti_renamed_by_act(self) -> None:
        """The council was renamed on 2014-05-19 by Act No. 31 of 2014."""
        (renamed,) = [e for e in SYSTEM.history("CSTI") if e.kind is jmp.EventKind.RENAMED]
        assert "2014-05-19" == str(renamed.date)
        assert renamed.legal_basis is not None
        assert "Act No. 31 of 2014" in renamed.legal_basis

    def test_keidanren_absorbed_nikkeiren(self) -> None:
        """Keidanren absorbed Nikkeiren on 2002-05-28."""
        (absorbed,) = [e for e in SYSTEM.history("Keidanren") if e.kind is jmp.EventKind.ABSORBED]
        assert ("2002-05-28", ("nikkeiren",)) == (str(absorbed.date), absorbed.other)
        assert "2002-05-28" == str(SYSTEM.organization("Nikkeiren").dissolved)

    @pytest.mark.parametrize(
        ("body", "date", "form"),
        [
            ("AIST", "2015-04-01", "national_research_and_development_agency"),
            ("AIST", "2016-10-01", "specified_national_research_and_development_agency"),
            ("JST", "2003-10", "incorporated_administrative_agency"),
            ("JST", "2015-04", "national_research_and_development_agency"),
            ("NEDO", "2003-10-01", "incorporated_administrative_agency"),
            ("JETRO", "2003-10-01", "incorporated_administrative_agency"),
            ("JSPS", "2003-10-01", "incorporated_administrative_agency"),
            ("Keidanren", "2012-03-30", "general_incorporated_association"),
        ],
    )
    def test_legal_form_changes(self, body: str, date: str, form: str) -> None:
        """Each recorded change of legal form has its date and new form."""
        changes = {
            (str(e.date), e.to_value) for e in SYSTEM.history(body) if e.kind is jmp.EventKind.LEGAL_FORM_CHANGED
        }
        assert (date, form) in changes

    def test_nistep_renamed_in_japanese(self) -> None:
        """NISTEP's Japanese name changed in 2013 (a year-precision date)."""
        (renamed,) = [e for e in SYSTEM.history("NISTEP") if e.kind is jmp.EventKind.RENAMED]
        assert ("2013", "year", "科学技術・学術政策研究所") == (
            str(renamed.date),
            renamed.date.precision if renamed.date else None,
            renamed.to_value,
        )

    def test_ministries_formed_in_2001(self) -> None:
        """MHLW and MEXT were formed from their predecessors on 2001-01-06."""
        for ministry, predecessors in (
            ("MHLW", {"ministry-of-health-and-welfare", "ministry-of-labour"}),
            ("MEXT", {"ministry-of-education", "science-and-technology-agency"}),
        ):
            (founded,) = [e for e in SYSTEM.history(ministry) if e.kind is jmp.EventKind.FOUNDED]
            assert ("2001-01-06", predecessors) == (str(founded.date), set(founded.other))


class TestLineage:
    def test_meti(self) -> None:
        """METI's lineage runs from the Ministry of Commerce and Industry through MITI."""
        assert ["ministry-of-commerce-and-industry", "miti", "economic-planning-agency", "meti"] == [
            body.id for body in SYSTEM.lineage("METI")
        ]

    def test_symmetric(self) -> None:
        """A body is in its own lineage, and in the lineage of every body in its lineage."""
        for org in SYSTEM.organizations:
            lineage = SYSTEM.lineage(org)
            assert org in lineage
            for other in lineage:
                assert org in SYSTEM.lineage(other)


class TestMemberships:
    def test_series(self) -> None:
        """Keidanren's membership is a dated series, oldest first."""
        dates = [str(m.as_of) for m in SYSTEM.memberships_of("Keidanren")]
        assert ["2002-05-28", "2010-06-15", "2014-07-01", "2020-04-01", "2022-04-01", "2024-04-01"] == dates

    def test_latest_and_as_of(self) -> None:
        """The latest count, and the count in force on a date."""
        latest = SYSTEM.membership("Keidanren")
        assert latest is not None
        assert 1542 == latest.companies
        as_of_2014 = SYSTEM.membership("Keidanren", as_of=2014)
        assert as_of_2014 is not None
        assert (1309, 112, 47) == (
            as_of_2014.companies,
            as_of_2014.industrial_associations,
            as_of_2014.regional_organisations,
        )
        assert SYSTEM.membership("Keidanren", as_of=2001) is None
        assert SYSTEM.membership("METI") is None
