"""Search: every hit says which field matched and how; names, titles, descriptions and legal bases are searched."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import jp_mfg_policy as jmp
from jp_mfg_policy._normalize import names_of, normalize_key

SYSTEM = jmp.load()  # cached: the same object as the `system` fixture
RANK = {"exact": 4, "prefix": 3, "name": 2, "text": 1}
_STEP = re.compile(r"(?P<name>\w+)(?:\[(?P<number>\d+)\])?")


def resolve(system: jmp.PolicySystem, entity: jmp.Entity, field: str) -> object:
    """The value at *field* (``"aliases[1]"``, ``"goals[0].text"``, ``"history[2].legal_basis"``) of *entity*."""
    value: object = entity
    for step in field.split("."):
        match = _STEP.fullmatch(step)
        assert match is not None, field
        name, number = match["name"], match["number"]
        value = system.history(entity) if value is entity and name == "history" else getattr(value, name)
        if number is not None:
            assert isinstance(value, tuple), field
            value = value[int(number)]
    return value


def words(text: str) -> list[str]:
    """The query's words as search folds them."""
    return [word for word in map(normalize_key, text.split()) if word] or [normalize_key(text)]


def check_explained(system: jmp.PolicySystem, query: str, hits: tuple[jmp.Match, ...]) -> None:
    """Assert that every hit names a field of its entity holding its text, and that the text matches as `how` says."""
    wanted = normalize_key(query)
    for hit in hits:
        assert hit.text == resolve(system, hit.entity, hit.field), (hit.entity.id, hit.field)
        assert type(hit.entity).__name__ == hit.kind
        key = normalize_key(hit.text)
        if hit.how == "exact":
            assert wanted == key
        elif hit.how == "prefix":
            assert key.startswith(wanted)
            assert wanted != key
        elif hit.how == "name":
            assert wanted in key
            assert not key.startswith(wanted)
        else:
            assert "text" == hit.how
            assert all(word in key for word in words(query)), (query, hit)
        if hit.how != "text":
            assert hit.text in names_of(hit.entity), (hit.entity.id, hit.field)


def _queries() -> list[str]:
    """Pieces of the data's names and passages: whole names, their starts, words and Japanese fragments."""
    found: set[str] = set()
    for entity in SYSTEM:
        for name in names_of(entity):
            found |= {name, name[:4], name[2:6], *name.split()[:2]}
        for field in ("description", "legal_basis", "note"):
            text = getattr(entity, field, None)
            if isinstance(text, str):
                found |= {" ".join(text.split()[:2]), text[:6]}
    return sorted(query for query in found if normalize_key(query))


QUERIES = _queries()


class TestExplained:
    @given(st.sampled_from(QUERIES))
    def test_every_hit_says_where_and_how(self, query: str) -> None:
        """Every hit names the field that matched, its text, and how: a whole name, its start, within one, or text."""
        check_explained(SYSTEM, query, SYSTEM.search(query, limit=None))

    @given(st.sampled_from(QUERIES))
    def test_ranked_each_once(self, query: str) -> None:
        """Hits come best first (exact, prefix, within a name, text), each entity once; find is search's entities."""
        hits = SYSTEM.search(query, limit=None)
        ranks = [RANK[hit.how] for hit in hits]
        assert ranks == sorted(ranks, reverse=True)
        assert len(hits) == len({hit.entity.id for hit in hits})
        assert tuple(hit.entity for hit in hits) == SYSTEM.find(query, limit=None)
        assert SYSTEM.search(query, limit=3) == hits[:3]

    @given(st.text(max_size=40))
    def test_any_text(self, query: str) -> None:
        """Any text searches without failing, finding only the system's entities, each explained."""
        hits = SYSTEM.search(query, limit=None)
        assert all(SYSTEM.get(hit.entity.id) is hit.entity for hit in hits)
        check_explained(SYSTEM, query, hits)

    def test_technology_says_why(self, system: jmp.PolicySystem) -> None:
        """`search 技術` returns plans, bodies and the white paper each with the field and the way it matched."""
        hits = system.search("技術", limit=None)
        kinds = {hit.kind for hit in hits}
        assert {"Agency", "Plan", "Law"} <= kinds
        assert all(hit.field and hit.how in RANK for hit in hits)
        check_explained(system, "技術", hits)


class TestRanking:
    @pytest.mark.parametrize("entity", list(SYSTEM), ids=lambda e: e.id)
    def test_own_name_first(self, entity: jmp.Entity) -> None:
        """Searching an entity's English or Japanese name finds it first, as a whole name, unless another bears it."""
        for name in (getattr(entity, "name", None), getattr(entity, "name_ja", None)):
            if not name or len([e for e in SYSTEM if normalize_key(name) in map(normalize_key, names_of(e))]) > 1:
                continue
            first = SYSTEM.search(name)[0]
            assert (entity, "exact") == (first.entity, first.how)

    def test_exact_name_before_description(self, system: jmp.PolicySystem) -> None:
        """JST's acronym ranks it first; bodies whose notes merely mention JST come after it."""
        hits = system.search("JST", limit=None)
        assert ("jst", "exact") == (hits[0].entity.id, hits[0].how)
        assert len(hits) > 1
        assert {"text"} == {hit.how for hit in hits[1:]}

    def test_prefix_before_text(self, system: jmp.PolicySystem) -> None:
        """特許 starts the JPO's name (特許庁) and so ranks it before INPIT, whose description mentions 特許情報."""
        hits = system.search("特許")
        assert ("jpo", "name_ja", "prefix") == (hits[0].entity.id, hits[0].field, hits[0].how)
        assert "inpit" in [hit.entity.id for hit in hits[1:]]

    def test_ties_keep_data_order(self, system: jmp.PolicySystem) -> None:
        """Hits of equal rank come in the data's order: the basic plans by number."""
        plans = [hit.entity.id for hit in system.search("基本計画", limit=None) if hit.kind == "Plan"]
        assert [plan.id for plan in system.plans] == plans


class TestWhatIsSearched:
    def test_law_and_its_white_paper(self, system: jmp.PolicySystem) -> None:
        """
        ものづくり基盤技術振興基本法 finds the law by its name, then the white paper by its legal basis.

        Source newskey-white-paper:
        "ものづくり白書とは「ものづくり基盤技術振興基本法(平成11年法律第2号)第8条」に基づき".
        """
        white_paper = system.get("ものづくり白書")
        quote = next(c.quote for c in white_paper.sources if c.source == "newskey-white-paper")
        assert quote is not None
        assert "ものづくり白書とは「ものづくり基盤技術振興基本法(平成11年法律第2号)第8条」に基づき" in quote
        assert any(quote in excerpt for excerpt in system.source("newskey-white-paper").excerpts)
        hits = system.search("ものづくり基盤技術振興基本法", limit=None)
        assert ("monodzukuri-basic-act", "Law", "name_ja", "exact") == (
            hits[0].entity.id,
            hits[0].kind,
            hits[0].field,
            hits[0].how,
        )
        paper = next(hit for hit in hits if hit.entity is white_paper)
        assert ("Publication", "legal_basis", "text") == (paper.kind, paper.field, paper.how)
        assert white_paper in system.find("ものづくり基盤技術振興基本法")

    def test_plans_by_their_legal_basis(self, system: jmp.PolicySystem) -> None:
        """Every basic plan's legal basis is searched: the Act's number finds the Act, then the plans that cite it."""
        hits = system.search("Act No. 130 of 1995", limit=None)
        assert ("science-and-technology-basic-act", "number_en", "exact") == (
            hits[0].entity.id,
            hits[0].field,
            hits[0].how,
        )
        cited = {hit.entity.id for hit in hits if hit.field == "legal_basis"}
        expected = {plan.id for plan in system.plans if "Act No. 130 of 1995" in (plan.legal_basis or "")}
        assert expected
        assert expected == cited

    def test_event_legal_basis(self, system: jmp.PolicySystem) -> None:
        """
        An event's legal basis is searched: the Ministry of Labour Establishment Act finds the ministry it founded.

        Source jahis-labour-ministry-establishment-law: "労働省設置法 法令番号: 法律第97号".
        """
        event = system.history("Ministry of Labour")[0]
        assert "労働省設置法" in (event.legal_basis or "")
        assert any("労働省設置法 法令番号: 法律第97号" in (c.quote or "") for c in event.sources)
        hit = next(hit for hit in system.search("労働省設置法", limit=None) if hit.entity.id == "ministry-of-labour")
        assert ("history[0].legal_basis", "text") == (hit.field, hit.how)

    def test_descriptions(self, system: jmp.PolicySystem) -> None:
        """
        Words of a description find its body, in any order.

        Source cambridge-actors: AIST is "Japan’s primary publicly funded research organisation".
        """
        for query in ("publicly funded", "funded publicly", "PUBLICLY  FUNDED"):
            hit = system.search(query)[0]
            assert ("aist", "description", "text") == (hit.entity.id, hit.field, hit.how)

    def test_titles(self, system: jmp.PolicySystem) -> None:
        """Titles are searched: a strategy's Japanese title whole, and an edition's title by its words."""
        hit = system.search("ものづくり基盤技術基本計画")[0]
        assert ("monodzukuri-basic-plan", "title_ja", "exact") == (hit.entity.id, hit.field, hit.how)
        hit = system.search("Tokyo Initiative 2017")[0]
        assert ("connected-industries", "Strategy", "editions[0].title") == (hit.entity.id, hit.kind, hit.field)

    def test_nothing(self, system: jmp.PolicySystem) -> None:
        """A query that matches nothing, or has no letters or digits, finds nothing."""
        assert () == system.search("zzqqxxv")
        assert () == system.search("  ・ ")
        assert () == system.find("")


class TestTypes:
    @pytest.mark.parametrize("entity", [*SYSTEM.laws, *SYSTEM.programs], ids=lambda e: e.id)
    def test_laws_and_programs_with_their_type(self, entity: jmp.Law | jmp.Program) -> None:
        """Every law and programme is found by its name, and its hit says it is a Law or a Program."""
        hit = next(hit for hit in SYSTEM.search(entity.name, limit=None) if hit.entity is entity)
        assert type(entity).__name__ == hit.kind
        assert hit.kind in {"Law", "Program"}

    def test_moonshot_is_a_program(self, system: jmp.PolicySystem) -> None:
        """Moonshot is a programme, found by its English or Japanese name, in any width."""
        for query in ("moonshot", "ムーンショット", "ﾑｰﾝｼｮｯﾄ", "ＭＯＯＮＳＨＯＴ"):
            hit = system.search(query)[0]
            assert ("moonshot", "Program") == (hit.entity.id, hit.kind)
            assert isinstance(hit.entity, jmp.Program)

    def test_law_by_former_name(self, system: jmp.PolicySystem) -> None:
        """The Science and Technology Basic Act is found by its former name, and says it matched a former name."""
        hit = system.search("科学技術基本法")[0]
        assert isinstance(hit.entity, jmp.Law)
        assert ("former_names[0].text", "exact") == (hit.field, hit.how)


class TestJapanese:
    @pytest.mark.parametrize(
        ("query", "ident"),
        [
            ("経済産業省", "meti"),
            ("特許庁", "jpo"),
            ("科学技術振興機構", "jst"),
            ("ジェトロ", "jetro"),
            ("ｼﾞｪﾄﾛ", "jetro"),
            ("総合科学技術イノベーション会議", "csti"),
            ("第5期科学技術基本計画", "basic-plan-5"),
            ("戦略的イノベーション創造プログラム", "sip"),
            ("知的財産基本法", "intellectual-property-basic-act"),
        ],
    )
    def test_japanese_names_first(self, query: str, ident: str) -> None:
        """A Japanese name (half-width katakana, without its middle dot) finds its entity first."""
        assert ident == SYSTEM.search(query)[0].entity.id

    def test_snapshot_searches_its_day(self, system: jmp.PolicySystem) -> None:
        """A snapshot searches the entities of its day under the names they bore: CSTP in 2010, no METI in 1999."""
        hit = system.at(2010).search("CSTP")[0]
        assert ("csti", "acronym", "exact") == (hit.entity.id, hit.field, hit.how)
        assert "meti" not in [hit.entity.id for hit in system.at(1999).search("経済産業省", limit=None)]
        check_explained(system.at(1999), "通商産業", system.at(1999).search("通商産業", limit=None))


class TestWordsOfNames:
    def test_name_words_in_any_order(self, system: jmp.PolicySystem) -> None:
        """Every word of a body's name, in any order, finds the body by that name ("materials science institute")."""
        missing = []
        for org in system.organizations:
            query = " ".join(reversed(org.name.split()))
            hits = [hit for hit in system.search(query, limit=None) if hit.entity is org]
            if not hits or hits[0].text not in names_of(org):
                missing.append(query)
        assert [] == missing
