"""The source page's facts, asserted through the public API."""

from __future__ import annotations

import pytest

import jp_mfg_policy as jmp

SYSTEM = jmp.load()


def agency(key: str, system: jmp.PolicySystem = SYSTEM) -> jmp.Agency:
    body = system.organization(key)
    assert isinstance(body, jmp.Agency)
    return body


class TestMinistries:
    def test_meti(self) -> None:
        """METI: created 2001 from MITI and other economic agencies; primary responsibility for manufacturing."""
        meti = SYSTEM.organization("METI")
        assert isinstance(meti, jmp.Ministry)
        assert ("Ministry of Economy, Trade and Industry", "経済産業省", 2001) == (
            meti.name,
            meti.name_ja,
            meti.established.year if meti.established else None,
        )
        assert "miti" in meti.predecessors
        assert "経産省" == meti.short_name_ja
        assert meti.description is not None
        assert "primary responsibility for Japanese manufacturing industry" in meti.description
        assert "agencies from other ministries related to economic activities" in meti.description

    @pytest.mark.parametrize("key", ["MHLW", "MEXT", "MITI"])
    def test_other_ministries(self, key: str) -> None:
        """MHLW, MEXT and MITI are ministries."""
        assert isinstance(SYSTEM.organization(key), jmp.Ministry)


class TestWhitePaperAndAward:
    def test_white_paper(self) -> None:
        """METI publishes the annual White Paper on Manufacturing Industries with MHLW and MEXT."""
        (paper,) = SYSTEM.publications
        assert "White Paper on Manufacturing Industries (Monodzukuri)" == paper.title
        assert ("annual", {"meti", "mhlw", "mext"}) == (paper.frequency, set(paper.publishers))
        assert paper.title_meaning is not None
        assert paper.title_meaning.startswith("art of making goods that has supported Japanese culture")

    def test_award(self) -> None:
        """The biennial Monodzukuri Nippon Grand Award was established in 2005."""
        award = SYSTEM.get("Monodzukuri Nippon Grand Award")
        assert isinstance(award, jmp.Award)
        assert ("biennial", 2005) == (award.frequency, award.established.year if award.established else None)
        assert "mlit" in award.organisers


class TestCouncil:
    def test_council(self) -> None:
        """The main policy development body, set up in the Cabinet Office in 2001, and its quoted role."""
        council = SYSTEM.organization("Council for Science and Technology Policy")
        assert isinstance(council, jmp.Council)
        assert ("cabinet-office", 2001) == (council.host, council.established.year if council.established else None)
        assert "The main policy development body in the Government of Japan" == council.description
        assert council.role is not None
        assert council.role.startswith("serves as the headquarters for the promotion of S&T policy")

    def test_hosted_by_cabinet_office(self) -> None:
        """The Cabinet Office hosts the council."""
        parent = SYSTEM.parent("CSTI")
        assert parent is not None
        assert "cabinet-office" == parent.id

    def test_later_name(self) -> None:
        """The council's later name and the date of the change are recorded."""
        council = SYSTEM.organization("CSTI")
        assert "Council for Science, Technology and Innovation" == council.name
        (former,) = [n for n in council.former_names if n.lang == "en" and n.kind is jmp.NameKind.OFFICIAL]
        assert "2014-05-19" == str(former.valid_until)


class TestAgencies:
    def test_aist(self) -> None:
        """AIST: within METI, Japan's primary publicly funded research organisation, two research streams."""
        aist = agency("AIST")
        assert isinstance(aist, jmp.Agency)
        assert "meti" == aist.supervisor
        assert "Japan’s primary publicly funded research organisation" == aist.description
        streams = {stream.name: stream.description for stream in aist.research_streams}
        assert "concerned more with fundamental scientific research" == streams["Type I Basic Research"]
        assert streams["Type II Basic Research"].startswith("tackling social issues")

    def test_jst(self) -> None:
        """JST: within MEXT, implements the Basic Plan, contains CRDS."""
        jst = agency("JST")
        assert "mext" == jst.supervisor
        assert ["crds"] == [child.id for child in SYSTEM.children(jst)]
        assert {f"basic-plan-{n}" for n in range(1, 7)} == {
            r.object for r in SYSTEM.relations(subject=jst, kind="implements")
        }

    def test_jsps(self) -> None:
        """JSPS: within MEXT; its brief and functions in the page's words."""
        jsps = agency("JSPS")
        assert "mext" == jsps.supervisor
        assert "advancement of science in all fields of the sciences and humanities" in str(jsps.description)
        assert "scientific cooperation between the academic community and industry" in jsps.functions

    def test_nistep(self) -> None:
        """NISTEP: a national research institution under MEXT with three missions, in order."""
        nistep = agency("NISTEP")
        assert jmp.LegalForm.NATIONAL_RESEARCH_INSTITUTION is nistep.legal_form
        assert 3 == len(nistep.missions)
        assert nistep.missions[0].startswith("To forecast policy issues")
        assert nistep.missions[1].startswith("To carry out research in response to requests")

    def test_nedo(self) -> None:
        """NEDO: budget largely from METI, organises and promotes R&D, two-part mission, Sandia."""
        nedo = agency("NEDO")
        assert ("to address energy and global environmental problems", "enhance industrial technology") == (
            nedo.missions
        )
        assert "organises and promotes R&D" in nedo.functions
        assert [("meti", "nedo")] == [(r.subject, r.object) for r in SYSTEM.relations(kind="funds")]
        assert any("overseas offices" in f for f in nedo.functions)

    @pytest.mark.parametrize(
        ("key", "form"),
        [
            ("SME Agency", jmp.LegalForm.EXTERNAL_AGENCY),
            ("JPO", jmp.LegalForm.EXTERNAL_AGENCY),
            ("Manufacturing Industries Bureau", jmp.LegalForm.INTERNAL_BUREAU),
            ("JETRO", jmp.LegalForm.INCORPORATED_ADMINISTRATIVE_AGENCY),
            ("NISTEP", jmp.LegalForm.NATIONAL_RESEARCH_INSTITUTION),
        ],
    )
    def test_legal_forms(self, key: str, form: jmp.LegalForm) -> None:
        """Agencies carry their legal form."""
        assert form is SYSTEM.organization(key).legal_form


class TestKeidanren:
    def test_membership_2014(self) -> None:
        """1,309 companies, 112 nationwide industrial associations, 47 regional organisations, 1 July 2014."""
        (count,) = [m for m in SYSTEM.memberships_of("Keidanren") if str(m.as_of) == "2014-07-01"]
        assert (1309, 112, 47) == (count.companies, count.industrial_associations, count.regional_organisations)

    def test_growth_strategy(self) -> None:
        """The 2011 growth strategy: 2% real and 3% nominal growth."""
        (strategy,) = SYSTEM.strategies
        assert ("keidanren", "2011") == (strategy.publisher, str(strategy.published))
        assert {("real", 2.0), ("nominal", 3.0)} == {(t.basis, t.value) for t in strategy.targets}

    def test_five_recommendations_in_order(self) -> None:
        """The five policy recommendations, in the page's order, then the corporate-action one."""
        policy = [r for r in SYSTEM.recommendations if r.kind == "policy"]
        assert [1, 2, 3, 4, 5] == [r.number for r in policy]
        assert policy[0].text == "Fundamentally revising energy and environmental policies"
        assert policy[3].text.startswith("Participating in the Trans-Pacific Partnership")
        (corporate,) = [r for r in SYSTEM.recommendations if r.kind == "corporate_action"]
        assert "industrial clusters" in corporate.text
        assert corporate is SYSTEM.recommendations[-1]


class TestIdentity:
    @pytest.mark.parametrize(
        ("key", "name_ja", "short"),
        [
            ("METI", "経済産業省", "経産省"),
            ("MEXT", "文部科学省", "文科省"),
            ("MHLW", "厚生労働省", "厚労省"),
            ("MITI", "通商産業省", "通産省"),
            ("AIST", "国立研究開発法人産業技術総合研究所", "産総研"),
            ("Keidanren", "一般社団法人日本経済団体連合会", "経団連"),
        ],
    )
    def test_japanese_names(self, key: str, name_ja: str, short: str) -> None:
        """Bodies carry their official Japanese name and its usual short form, and are found by both."""
        body = SYSTEM.organization(key)
        assert (name_ja, short) == (body.name_ja, body.short_name_ja)
        assert body is SYSTEM.get(short) is SYSTEM.get(name_ja)

    @pytest.mark.parametrize(
        ("key", "scheme", "value"),
        [
            ("METI", "wikidata", "Q1197264"),
            ("METI", "ror", "055tm7f07"),
            ("METI", "corporate_number", "4000012090001"),
            ("MEXT", "corporate_number", "7000012060001"),
            ("JSPS", "ror", "00hhkn466"),
            ("NEDO", "wikidata", "Q1047780"),
            ("CSTI", "ror", "007tjaq50"),
            ("Keidanren", "corporate_number", "1010005018440"),
        ],
    )
    def test_identifiers(self, key: str, scheme: str, value: str) -> None:
        """Bodies carry the identifiers the references support."""
        assert value == SYSTEM.organization(key).identifier(scheme)

    def test_unknown_identifiers_stay_unknown(self) -> None:
        """Where no reference gives an identifier, there is none."""
        assert SYSTEM.organization("MITI").identifiers == ()
        assert SYSTEM.organization("AIST").identifier("wikidata") is None
