"""Lookups: get, [], find's guards, by_identifier, the hierarchy, lineage, history and fiscal years."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Callable

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import jp_mfg_policy as jmp
from jp_mfg_policy._identifiers import identifier_url
from jp_mfg_policy._normalize import names_of, normalize_key
from jp_mfg_policy._registry import ORGANIZATIONS

SYSTEM = jmp.load()  # cached: the same object as the `system` fixture


def _sharing() -> dict[str, set[str]]:
    """Normalised name -> the ids of every entity that bears it."""
    owners: dict[str, set[str]] = defaultdict(set)
    for entity in SYSTEM:
        for name in names_of(entity):
            owners[normalize_key(name)].add(entity.id)
    return owners


OWNERS = _sharing()
#: (id, name) for every name borne by one entity only: ids, names, Japanese names, acronyms, aliases, former names.
UNIQUE_NAMES = sorted(
    {(entity.id, name) for entity in SYSTEM for name in names_of(entity) if len(OWNERS[normalize_key(name)]) == 1}
)
#: Names that more than one entity bears (a name passed from a body to its successor, a reused acronym).
SHARED_NAMES = sorted(
    {
        name
        for entity in SYSTEM
        for name in names_of(entity)
        if len(OWNERS[normalize_key(name)]) > 1 and name != entity.id
    }
)
#: The legal forms of ministry rank besides the ministries themselves.
MINISTRY_RANK = (jmp.LegalForm.CABINET_OFFICE, jmp.LegalForm.MINISTERIAL_AGENCY, jmp.LegalForm.MINISTRY)
SEPARATORS = [" ", "\u3000", "  ", "\t", "・", "-", ".", ",", "_", "/", "(", "）"]


def _full_width(text: str) -> str:
    return "".join(chr(ord(char) + 0xFEE0) if "!" <= char <= "~" else char for char in text)


def _latest(name: str) -> jmp.Entity:
    """The latest-founded of the entities that bear *name*."""
    owners = [SYSTEM.get(ident) for ident in OWNERS[normalize_key(name)]]
    return max(owners, key=lambda entity: entity.period.start or dt.date.min)


def ministry_id(system: jmp.PolicySystem, key: jmp.Key, at: object = None) -> str | None:
    """The id of the body of ministry rank *key* belongs to, or None."""
    found = system.ministry_of(key, at=at)
    return None if found is None else found.id


def cited(record: object, source: str, quote: str) -> None:
    """Assert that *record* cites *quote* from *source*, and that the quote is in the source's excerpts."""
    citations = [(citation.source, citation.quote) for citation in getattr(record, "sources", ())]
    assert (source, quote) in citations, citations
    assert any(quote in excerpt for excerpt in SYSTEM.source(source).excerpts), source


@st.composite
def respelled(draw: st.DrawFn, text: str) -> str:
    """*text* with each character's case and width changed at random, and spacing or punctuation put between."""
    out = []
    for char in text:
        choice = draw(st.integers(0, 3))
        if choice == 1:
            out.append(char.upper())
        elif choice == 2:
            out.append(char.lower())
        elif choice == 3 and "!" <= char <= "~":
            out.append(_full_width(char))
        else:
            out.append(char)
        if draw(st.integers(0, 3)) == 0:
            out.append(draw(st.sampled_from(SEPARATORS)))
    return "".join(out)


class TestGet:
    @given(st.sampled_from(UNIQUE_NAMES).flatmap(lambda pair: st.tuples(st.just(pair[0]), respelled(pair[1]))))
    def test_every_name_under_any_spelling(self, case: tuple[str, str]) -> None:
        """Every id, name, Japanese name, acronym and alias finds its entity in any case, width or punctuation."""
        ident, text = case
        assert ident == SYSTEM.get(text).id

    def test_there_are_names_to_try(self) -> None:
        """The property above runs over every kind of name: ids, English and Japanese names, acronyms and aliases."""
        kinds = {field.split("[")[0] for entity in SYSTEM for field, _ in _name_fields(entity)}
        assert {"id", "name", "name_ja", "acronym", "aliases"} <= kinds
        assert len(UNIQUE_NAMES) > 3 * len(SYSTEM.organizations)

    @pytest.mark.parametrize(
        "name",
        SHARED_NAMES,
    )
    def test_shared_names_find_one_body_under_any_spelling(self, name: str) -> None:
        """A name several bodies bore names the latest of them, under every case, width and spacing."""
        found = SYSTEM.get(name)
        assert _latest(name) is found
        variants = [
            name.upper(),
            name.lower(),
            _full_width(name),
            name.replace(" ", ""),
            name.replace(" ", "・"),
            " ".join(name),
        ]
        assert [found.id] * len(variants) == [SYSTEM.get(variant).id for variant in variants]

    def test_ids_are_their_own(self) -> None:
        """An id always finds its own entity, even where another entity bears the same words as a name."""
        for entity in SYSTEM:
            assert entity is SYSTEM.get(entity.id)

    @pytest.mark.parametrize(
        ("key", "ident"),
        [
            ("METI", "meti"),
            ("meti", "meti"),
            ("ｍｅｔｉ", "meti"),
            ("ＭＥＴＩ", "meti"),
            ("経済産業省", "meti"),
            ("ministry of economy, trade and industry", "meti"),
            ("MINISTRY OF ECONOMY TRADE AND INDUSTRY", "meti"),
            ("Keizai-sangyō-shō", "meti"),
            ("総合科学技術イノベーション会議", "csti"),
            ("総合科学技術・イノベーション会議", "csti"),
            ("ジェトロ", "jetro"),
            ("ｼﾞｪﾄﾛ", "jetro"),  # half-width katakana
            ("Nippon Keidanren", "keidanren"),
            ("日本経済団体連合会", "keidanren"),
            ("Japan Patent Office", "jpo"),
            ("特許庁", "jpo"),
            ("ＭＩＴＩ／ＲＩ", "miti-research-institute"),
            ("Sansōken", "aist"),
            ("ものづくり基盤技術振興基本法", "monodzukuri-basic-act"),
            ("平成11年法律第2号", "monodzukuri-basic-act"),
            ("Act No. 2 of 1999", "monodzukuri-basic-act"),
            ("科学技術基本法", "science-and-technology-basic-act"),  # its former name
            ("ImPACT", "impact"),
            ("ムーンショット型研究開発制度", "moonshot"),
            ("第5期科学技術基本計画", "basic-plan-5"),
            ("the-japan-patent-office", None),
            ("", None),
            ("・ ", None),
        ],
    )
    def test_examples(self, key: str, ident: str | None) -> None:
        """Ids, acronyms, names in both languages, aliases and law numbers find their entity; nonsense nothing."""
        found = SYSTEM.get(key, None)
        assert ident == (found.id if found else None)

    def test_unknown_raises_with_suggestions(self) -> None:
        """An unknown key raises UnknownEntityError, a KeyError and LookupError, offering the closest names."""
        with pytest.raises(jmp.UnknownEntityError) as info:
            SYSTEM.get("NEDD")
        assert isinstance(info.value, KeyError)
        assert isinstance(info.value, LookupError)
        assert "NEDD" == info.value.key
        assert "NEDO" in info.value.suggestions
        assert "did you mean 'NEDO'" in str(info.value)

    def test_caught_as_lookup_error(self) -> None:
        """Code that catches LookupError or KeyError catches a failed lookup, through [] too."""
        for catch in (LookupError, KeyError):
            with pytest.raises(catch):
                SYSTEM["Ministry of Magic"]

    @given(st.text(max_size=30))
    def test_any_text_finds_or_suggests_real_names(self, text: str) -> None:
        """Any key either finds an entity, or fails with suggestions that are themselves names get finds."""
        found = SYSTEM.get(text, None)
        if found is not None:
            assert found is SYSTEM.get(found.id)
            return
        with pytest.raises(jmp.UnknownEntityError) as info:
            SYSTEM.get(text)
        assert len(info.value.suggestions) <= 3
        for suggestion in info.value.suggestions:
            assert SYSTEM.get(suggestion) in SYSTEM

    def test_default(self) -> None:
        """A default is returned instead of raising, as getattr does, whatever it is."""
        sentinel = object()
        assert sentinel is SYSTEM.get("no such body", sentinel)
        assert SYSTEM.get("no such body", None) is None
        assert SYSTEM.get("METI", None) is SYSTEM.get("METI")

    def test_item_access_and_membership(self) -> None:
        """system[key] is system.get(key); `in` tells whether get would succeed."""
        for key in ("JST", "科学技術振興機構", "jst", SYSTEM.get("JST")):
            assert SYSTEM[key] is SYSTEM.get(key)
            assert key in SYSTEM
        assert "nonsense" not in SYSTEM
        assert None not in SYSTEM

    def test_entity_key(self) -> None:
        """An entity from a snapshot fetches this system's version of itself."""
        old = SYSTEM.at(2010).get("CSTI")
        assert SYSTEM.get("CSTI") is SYSTEM.get(old)
        assert SYSTEM.get(old) is not old  # the 2010 record bore the council's old name

    def test_huge_key(self) -> None:
        """A one-megabyte key is a failed lookup like any other."""
        with pytest.raises(jmp.UnknownEntityError) as info:
            SYSTEM.get("x" * 1_000_000)
        assert "x" * 1_000_000 == info.value.key

    def test_huge_key_message_is_bounded(self) -> None:
        """The message of a failed lookup quotes at most a bounded prefix of a long key (issue 12, point 5)."""
        with pytest.raises(jmp.UnknownEntityError) as info:
            SYSTEM.get("x" * 1_000_000)
        assert len(str(info.value)) < 1_000


class TestMisuse:
    """Issue 12, point 6: the API refuses misuse clearly."""

    @pytest.mark.parametrize(
        "call",
        [
            lambda: SYSTEM.get(None),  # type: ignore[call-overload]  # the misuse under test
            lambda: SYSTEM.get(None, "default"),  # type: ignore[call-overload]  # a default does not hide it
            lambda: SYSTEM[None],  # type: ignore[index]  # the misuse under test
            lambda: SYSTEM.find(None),  # type: ignore[arg-type]  # the misuse under test
            lambda: SYSTEM.search(None),  # type: ignore[arg-type]  # the misuse under test
            lambda: SYSTEM.by_identifier(None, "Q1197264"),  # type: ignore[arg-type]  # the misuse under test
            lambda: SYSTEM.by_identifier(None, "Q1197264", None),  # type: ignore[arg-type]  # the misuse under test
            lambda: SYSTEM.source(None),  # type: ignore[arg-type]  # the misuse under test
            lambda: SYSTEM.get(42),  # type: ignore[call-overload]  # the misuse under test
            lambda: SYSTEM.find(b"METI"),  # type: ignore[arg-type]  # the misuse under test
        ],
    )
    def test_none_and_other_types_are_type_errors(self, call: Callable[[], object]) -> None:
        """None (or a number, or bytes) given where a key, text, scheme or source id belongs is a TypeError."""
        with pytest.raises(TypeError):
            call()

    @pytest.mark.parametrize("limit", [-1, -100, 1.5, True, "3"])
    def test_bad_limits_refused(self, limit: object) -> None:
        """find refuses a negative, fractional, boolean or textual limit."""
        with pytest.raises(ValueError, match="limit"):
            SYSTEM.find("METI", limit=limit)  # type: ignore[arg-type]  # the misuse under test

    def test_limits(self) -> None:
        """A limit of 0 finds nothing, a limit caps the results, None lifts the cap."""
        assert () == SYSTEM.find("ministry", limit=0)
        assert 2 == len(SYSTEM.find("ministry", limit=2))
        assert len(SYSTEM.find("ministry", limit=None)) > 2

    @pytest.mark.parametrize("text", ["a" * 1_000_000, "METI " * 200_000, "経済産業省" * 200_000])
    def test_huge_query_is_bounded(self, text: str) -> None:
        """find and search on a one-megabyte query return (a tuple), whatever the query holds."""
        assert isinstance(SYSTEM.find(text, limit=None), tuple)
        assert isinstance(SYSTEM.search(text), tuple)

    def test_unknown_source(self) -> None:
        """An unknown source id is UnknownEntityError with close ids; a known one is found."""
        assert "cambridge-actors" == SYSTEM.source("cambridge-actors").id
        with pytest.raises(jmp.UnknownEntityError) as info:
            SYSTEM.source("cambridge-actor")
        assert "cambridge-actors" in info.value.suggestions


def _forms(scheme: str, value: str) -> list[str]:
    """The common written forms of one canonical identifier."""
    if scheme == "ror":
        return [
            value,
            value.upper(),
            f"https://ror.org/{value}",
            f"http://ror.org/{value}",
            f"ror.org/{value}",
            f" {value} ",
        ]
    if scheme == "wikidata":
        return [
            value,
            value.lower(),
            f"http://www.wikidata.org/entity/{value}",  # as SPARQL returns it
            f"https://www.wikidata.org/entity/{value}",
            f"https://www.wikidata.org/wiki/{value}",
            f"https://m.wikidata.org/wiki/{value}",
            f"https://www.wikidata.org/wiki/Special:EntityPage/{value}",
            f"wd:{value}",
        ]
    if scheme == "corporate_number":
        hyphenated = f"{value[0]}-{value[1:5]}-{value[5:9]}-{value[9:]}"
        return [
            value,
            hyphenated,
            f"{value[:4]} {value[4:8]} {value[8:]}",
            value.translate(str.maketrans("0123456789", "０１２３４５６７８９")),
            hyphenated.translate(str.maketrans("0123456789-", "０１２３４５６７８９－")),
            int(value),  # type: ignore[list-item]  # a column pandas read as integers
        ]
    return [
        value,
        f"10.13039/{value}",
        f"https://doi.org/10.13039/{value}",
        f"http://dx.doi.org/10.13039/{value}",
        f"doi:10.13039/{value}",
    ]


EVERY_IDENTIFIER = sorted(
    (org.id, identifier.scheme.value, identifier.value)
    for org in SYSTEM.organizations
    for identifier in org.identifiers
)


class TestByIdentifier:
    def test_every_scheme_is_present(self) -> None:
        """The bundled bodies carry identifiers of every scheme, so the forms below are all tried."""
        assert {scheme.value for scheme in jmp.IdentifierScheme} == {scheme for _, scheme, _ in EVERY_IDENTIFIER}

    @given(st.sampled_from(EVERY_IDENTIFIER), st.data())
    def test_every_form_of_every_identifier(self, case: tuple[str, str, str], data: st.DataObject) -> None:
        """Every identifier of every body finds it in every common form: ROR URL, entity URI, hyphens, full width."""
        ident, scheme, value = case
        form = data.draw(st.sampled_from([*_forms(scheme, value), identifier_url(scheme, value)]))
        assert ident == SYSTEM.by_identifier(scheme, form).id
        assert ident == SYSTEM.by_identifier(jmp.IdentifierScheme(scheme), form, None).id

    @pytest.mark.parametrize("missing", [None, math.nan, float("nan"), pd.NA, pd.NaT])
    @pytest.mark.parametrize("scheme", list(jmp.IdentifierScheme))
    def test_missing_values_match_nothing(self, scheme: jmp.IdentifierScheme, missing: object) -> None:
        """None, NaN and pandas' NA are no match: the default if given, UnknownEntityError if not."""
        assert "default" == SYSTEM.by_identifier(scheme, missing, "default")
        with pytest.raises(jmp.UnknownEntityError):
            SYSTEM.by_identifier(scheme, missing)

    @pytest.mark.parametrize(
        ("scheme", "value"),
        [
            ("ror", "055tm7f08"),  # a wrong check digit
            ("ror", "https://ror.org/"),
            ("wikidata", "P31"),
            ("wikidata", "http://www.wikidata.org/entity/"),
            ("wikidata", "Q"),
            ("corporate_number", "4000-01-209-0002"),  # a wrong check digit
            ("corporate_number", "400001209000"),  # 12 digits
            ("funder_id", "abc"),
            ("ror", "x" * 1_000_000),
            ("wikidata", ["Q1197264"]),
            ("ror", b"055tm7f07"),
        ],
    )
    def test_malformed_gives_the_default(self, scheme: str, value: object) -> None:
        """A malformed value gives the default when one is given, and a ValueError or TypeError when not."""
        sentinel = object()
        assert sentinel is SYSTEM.by_identifier(scheme, value, sentinel)
        with pytest.raises((ValueError, TypeError)):
            SYSTEM.by_identifier(scheme, value)

    @given(st.sampled_from(list(jmp.IdentifierScheme)), st.one_of(st.text(max_size=60), st.integers(), st.floats()))
    def test_anything_with_a_default_never_raises(self, scheme: jmp.IdentifierScheme, value: object) -> None:
        """With a default, any value gives a body or the default, never an exception."""
        found = SYSTEM.by_identifier(scheme, value, None)
        assert found is None or found in SYSTEM.organizations

    def test_unknown_scheme(self) -> None:
        """An unknown scheme is a ValueError even with a default: it is the caller's mistake, not missing data."""
        with pytest.raises(ValueError, match="orcid"):
            SYSTEM.by_identifier("orcid", "0000-0002-1825-0097", None)

    def test_meti_by_every_scheme(self) -> None:
        """METI's ROR ID, QID and corporate number all find it (sources ror-meti, wikidata, the NTA record)."""
        meti = SYSTEM.get("METI")
        assert meti is SYSTEM.by_identifier("ror", "https://ror.org/055tm7f07")
        assert meti is SYSTEM.by_identifier("wikidata", "http://www.wikidata.org/entity/Q1197264")
        assert meti is SYSTEM.by_identifier("corporate_number", "4000-01-209-0001")
        assert "https://ror.org/055tm7f07" == SYSTEM.source("ror-meti").url


def _name_fields(entity: jmp.Entity) -> list[tuple[str, str]]:
    from jp_mfg_policy._normalize import name_fields

    return list(name_fields(entity))


class TestHierarchy:
    def test_children_and_parent_agree(self, system: jmp.PolicySystem) -> None:
        """Each child's parent is the body it is a child of, and every body with a parent is among its children."""
        for org in system.organizations:
            for child in system.children(org):
                assert org is system.parent(child)
            above = system.parent(org)
            if above is not None:
                assert org in system.children(above)

    def test_descendants_are_the_closure_of_children(self, system: jmp.PolicySystem) -> None:
        """descendants is every body reached through children, each once, never the body itself, nearest first."""
        for org in system.organizations:
            below = system.descendants(org)
            assert org not in below
            assert len(below) == len(set(below))
            reached, frontier = set(), list(system.children(org))
            while frontier:
                body = frontier.pop()
                if body not in reached:
                    reached.add(body)
                    frontier += system.children(body)
            assert reached == set(below)
            assert list(system.children(org)) == list(below[: len(system.children(org))])

    def test_any_key_names_the_body(self, system: jmp.PolicySystem) -> None:
        """children, parent and descendants take an entity, an id or any name alike."""
        for key in ("METI", "meti", "経済産業省", system.get("METI")):
            assert system.children("METI") == system.children(key)
            assert system.descendants("METI") == system.descendants(key)
        assert system.parent("CRDS") is system.parent("研究開発戦略センター")

    def test_not_a_body(self, system: jmp.PolicySystem) -> None:
        """Asking for the children of a law is a TypeError; of an unknown name, UnknownEntityError."""
        with pytest.raises(TypeError, match="not an organization"):
            system.children("ものづくり基盤技術振興基本法")
        with pytest.raises(jmp.UnknownEntityError):
            system.parent("Ministry of Magic")

    def test_crds_under_jst_under_mext(self, system: jmp.PolicySystem) -> None:
        """CRDS is a unit inside JST, which MEXT oversees (sources cited on the relations)."""
        assert "jst" == getattr(system.parent("CRDS"), "id", None)
        assert "mext" == getattr(system.parent("JST"), "id", None)
        assert {"jst", "crds"} <= {body.id for body in system.descendants("MEXT")}
        assert system.parent("MEXT") is None

    def test_former_bodies_have_no_parent_today(self, system: jmp.PolicySystem) -> None:
        """On the whole record a dissolved body's relations have ended: no parent, no children."""
        for org in system.organizations:
            if org.dissolved is not None:
                assert system.parent(org) is None
                assert () == system.children(org)

    def test_the_hierarchy_of_today_is_that_of_the_relations_days(self, system: jmp.PolicySystem) -> None:
        """The whole record's hierarchy: the hierarchical relations whose days (relation_span) have not ended."""
        from jp_mfg_policy._dates import NEVER_AFTER

        index = system.index
        holding = [
            relation
            for relation in system.relations()
            if relation.kind.hierarchical
            and isinstance(system.index.by_id.get(relation.subject), jmp.Organization)
            and isinstance(system.index.by_id.get(relation.object), jmp.Organization)
            and index.relation_span(relation)[1] == NEVER_AFTER
        ]
        assert len(holding) > 20
        for org in system.organizations:
            below = sorted(relation.object for relation in holding if relation.subject == org.id)
            assert below == sorted(child.id for child in system.children(org))


class TestMinistryOf:
    @given(st.sampled_from([org.id for org in SYSTEM.organizations]), st.integers(1950, 2025))
    def test_a_ministry_above_or_none(self, ident: str, year: int) -> None:
        """ministry_of is a body of ministry rank standing that year: the body itself, or one above it then."""
        found = SYSTEM.ministry_of(ident, at=year)
        past = SYSTEM.at(year)
        if found is None:
            return
        assert found in past.organizations
        assert isinstance(found, jmp.Ministry) or found.legal_form in MINISTRY_RANK
        chain: list[jmp.Organization] = []
        body: jmp.Organization | None = past.organization(ident)
        while body is not None and body not in chain:
            chain.append(body)
            body = past.parent(body)
        assert found in chain

    def test_a_ministry_is_its_own(self, system: jmp.PolicySystem) -> None:
        """Every ministry, current or former, belongs to itself (a former one: on its last day, as it stood then)."""
        for ministry in system.ministries:
            assert ministry.id == ministry_id(system, ministry)

    def test_aist_predecessor_under_miti_in_1990(self, system: jmp.PolicySystem) -> None:
        """
        In 1990 the Agency of Industrial Science and Technology (工業技術院, AIST's predecessor) belonged to MITI.

        Source jahis-agency-ist-act-1952:
        "工業技術庁を通商産業省の附属機関である工業技術院に改組することが本法案の骨子である。"
        """
        relation = next(r for r in system.relations(object="工業技術院", subject="MITI") if r.kind.value == "contains")
        cited(
            relation,
            "jahis-agency-ist-act-1952",
            "工業技術庁を通商産業省の附属機関である工業技術院に改組することが本法案の骨子である。",
        )
        assert "miti" == ministry_id(system, "工業技術院", at=1990)
        assert "miti" == ministry_id(system, "agency-of-industrial-science-and-technology", at=dt.date(2001, 1, 5))
        assert [body.id for body in system.lineage("AIST")] == ["agency-of-industrial-science-and-technology", "aist"]

    def test_aist_under_meti_after_2001(self, system: jmp.PolicySystem) -> None:
        """
        AIST, founded 2001-04-01 from the Agency's institutes, belongs to METI; in 1990 it did not exist.

        Source chemt-aist-2001: "旧工業技術院傘下の15研究機関と計量教習所の合わせて16機関を統合して発足するもので、".
        """
        assert any(
            "旧工業技術院傘下の15研究機関と計量教習所の合わせて16機関を統合して発足するもので、" in excerpt
            for excerpt in system.source("chemt-aist-2001").excerpts
        )
        assert "meti" == ministry_id(system, "AIST", at=2010)
        assert "meti" == ministry_id(system, "AIST")
        assert system.ministry_of("AIST", at=1990) is None

    def test_under_the_science_and_technology_agency(self, system: jmp.PolicySystem) -> None:
        """
        Before 2001 NISTEP belonged to the Science and Technology Agency, of ministry rank (大臣庁); from 2001 to MEXT.

        Sources nistep-30th: "1988年に科学技術庁科学技術政策研究所として発足しました。";
        jawiki-sta: "略称科技庁(かぎちょう)。長は国務大臣である科学技術庁長官。いわゆる大臣庁のひとつであった。"
        """
        sta = system.organization("科学技術庁")
        cited(
            sta,
            "jawiki-sta",
            "略称科技庁(かぎちょう)。長は国務大臣である科学技術庁長官。いわゆる大臣庁のひとつであった。",
        )
        relation = next(r for r in system.relations(subject=sta, object="NISTEP"))
        cited(relation, "nistep-30th", "1988年に科学技術庁科学技術政策研究所として発足しました。")
        assert jmp.LegalForm.MINISTERIAL_AGENCY == sta.legal_form
        assert sta.id == ministry_id(system, "NISTEP", at=1990)
        assert sta.id == ministry_id(system, "NISTEP", at=dt.date(2001, 1, 5))
        assert "mext" == ministry_id(system, "NISTEP", at=dt.date(2001, 1, 6))
        assert sta.id == ministry_id(system, sta, at=1990)

    def test_every_body_under_the_sta_in_1990(self, system: jmp.PolicySystem) -> None:
        """Every body the STA oversaw in 1990 (NISTEP, RIKEN, NRIM, JICST ...) belongs to it, none to nothing."""
        past = system.at(1990)
        below = past.descendants("科学技術庁")
        assert {"nistep", "riken", "nrim"} <= {body.id for body in below}
        assert {"science-and-technology-agency"} == {ministry_id(system, body, at=1990) for body in below}

    def test_council_under_the_prime_ministers_office(self, system: jmp.PolicySystem) -> None:
        """
        In 1990 the Council for Science and Technology belonged to the Prime Minister's Office (総理府), a ministry.

        Source mext-cst-about: "内閣総理大臣の諮問機関として総理府に設置された。"
        """
        relation = next(iter(system.relations(object="科学技術会議", subject="総理府")))
        cited(relation, "mext-cst-about", "内閣総理大臣の諮問機関として総理府に設置された。")
        pmo = system.organization("総理府")
        assert jmp.LegalForm.MINISTRY == pmo.legal_form
        assert pmo.id == ministry_id(system, "科学技術会議", at=1990)
        assert pmo.id == ministry_id(system, pmo, at=1990)

    def test_private_bodies_belong_to_none(self, system: jmp.PolicySystem) -> None:
        """A business federation no ministry oversees belongs to none."""
        assert system.ministry_of("Keizai Doyukai") is None


class TestLineageAndHistory:
    def test_lineage_is_the_succession_closure(self, system: jmp.PolicySystem) -> None:
        """A lineage is the body with its predecessors' predecessors and its successors' successors, each once."""
        for org in system.organizations:
            line = system.lineage(org)
            assert len(line) == len(set(line))
            expected = {org}
            for step in (system.predecessors, system.successors):
                frontier = [org]
                while frontier:
                    for other in step(frontier.pop()):
                        if other not in expected:
                            expected.add(other)
                            frontier.append(other)
            assert expected == set(line)

    def test_lineage_oldest_first(self, system: jmp.PolicySystem) -> None:
        """A lineage runs oldest first: a predecessor comes before the body that succeeded it."""
        for org in system.organizations:
            line = system.lineage(org)
            for before in system.predecessors(org):
                assert line.index(before) < line.index(org)

    def test_nims_from_two_institutes(self, system: jmp.PolicySystem) -> None:
        """NIMS was formed from NRIM and NIRIM in 2001: both are in its lineage, before it."""
        line = [body.id for body in system.lineage("NIMS")]
        assert {"nrim", "nirim", "nims"} == set(line)
        assert "nims" == line[-1]

    def test_history_in_date_order(self, system: jmp.PolicySystem) -> None:
        """Every entity's events are its own, dated ones in date order, undated ones last."""
        for entity in system:
            events = system.history(entity)
            assert all(event.body == entity.id for event in events)
            dated = [event.date.start() for event in events if event.date is not None]
            assert dated == sorted(dated)
            undated = [event.date is None for event in events]
            assert undated == sorted(undated)

    def test_csti_history(self, system: jmp.PolicySystem) -> None:
        """
        CSTI was founded on 2001-01-06 and renamed on 2014-05-19.

        Source jawiki-csti:
        "内閣府設置法の一部を改正する法律(平成26年法律第31号)の施行により2014年5月19日に「総合科学技術・イノベーション会議」と改称"
        """
        events = system.history("CSTI")
        assert [("2001-01-06", "founded"), ("2014-05-19", "renamed")] == [(str(e.date), e.kind.value) for e in events]
        cited(
            events[1],
            "jawiki-csti",
            "内閣府設置法の一部を改正する法律(平成26年法律第31号)の施行により2014年5月19日に「総合科学技術・イノベーション会議」と改称",
        )
        assert system.history("CSTI") == system.history("総合科学技術・イノベーション会議")


class TestFiscalYear:
    """Issue 14, point 2: which Basic Plan was in force in FY2018."""

    def test_fifth_plan_in_fy2018(self, system: jmp.PolicySystem) -> None:
        """
        The 5th Science and Technology Basic Plan (FY2016-2020) was the one in force in FY2018.

        Source cao-basic-plans: "第5期(平成28年度~令和2年度)" (Heisei 28 = 2016, Reiwa 2 = 2020).
        """
        plan = system.get("第5期科学技術基本計画")
        assert isinstance(plan, jmp.Plan)
        cited(plan, "cao-basic-plans", "第5期(平成28年度~令和2年度)")
        assert (2016, 2020) == (plan.first_fiscal_year, plan.last_fiscal_year)
        assert [plan] == [p for p in system.at("FY2018").plans if "科学技術" in (p.name_ja or "")]
        in_force = [e for e in system.in_force("FY2018") if isinstance(e, jmp.Plan)]
        assert [plan] == in_force
        assert in_force == [e for e in system.in_force(jmp.FiscalYear(2018)) if isinstance(e, jmp.Plan)]
        assert in_force == [e for e in system.in_force("2018年度") if isinstance(e, jmp.Plan)]

    def test_fiscal_year_is_april_to_march(self, system: jmp.PolicySystem) -> None:
        """FY2018 runs from 1 April 2018 to 31 March 2019; its snapshot is of its last day."""
        assert dt.date(2019, 3, 31) == system.at("FY2018").as_of
        year = jmp.FiscalYear(2018)
        assert (dt.date(2018, 4, 1), dt.date(2019, 3, 31)) == (year.start(), year.end())
        assert system.at("FY2018") == system.at(dt.date(2019, 3, 31))

    @given(st.integers(1996, 2025))
    def test_plans_in_force_follow_their_fiscal_years(self, year: int) -> None:
        """in_force(FY) holds exactly the plans whose fiscal years include it; its snapshot holds each of them."""
        expected = {
            plan.id for plan in SYSTEM.plans if (plan.first_fiscal_year or 0) <= year <= (plan.last_fiscal_year or 0)
        }
        found = {e.id for e in SYSTEM.in_force(f"FY{year}") if isinstance(e, jmp.Plan)}
        assert expected == found
        assert expected <= {plan.id for plan in SYSTEM.at(f"FY{year}").plans}


@given(st.text())
def test_normalize_key_is_its_definition(text: str) -> None:
    """The fast paths of normalize_key (ASCII, nothing to drop) give what its definition gives."""
    import re
    import unicodedata

    folded = unicodedata.normalize("NFKC", text).casefold()
    assert re.sub(r"[\W_]+", "", folded) == normalize_key(text)


def test_name_fields_is_its_definition() -> None:
    """The names a record is found by are its id, every name field it has set, its aliases and former names."""
    from jp_mfg_policy._normalize import name_fields

    fields = ("name", "name_ja", "short_name_ja", "acronym", "title", "title_ja", "number", "number_en")
    for entity in SYSTEM:
        expected = [("id", entity.id)]
        expected += [(field, value) for field in fields if isinstance(value := getattr(entity, field, None), str)]
        expected += [(f"aliases[{i}]", alias) for i, alias in enumerate(getattr(entity, "aliases", ()))]
        expected += [(f"former_names[{i}].text", n.text) for i, n in enumerate(getattr(entity, "former_names", ()))]
        assert expected == list(name_fields(entity))


def _stored_system() -> jmp.PolicySystem:
    """A bundled system of its own, whose bodies are found by their names as stored (nothing built yet)."""
    from jp_mfg_policy._load import bundled_dataset

    return jmp.PolicySystem(bundled_dataset())


def _names(value: object, ident: str) -> bool:
    """Whether a field of ids names *ident*: one id, or a tuple of them."""
    return value == ident or (isinstance(value, tuple) and ident in value)


#: The whole record with every collection built: lookups answered from the records.
BUILT = jmp.PolicySystem(type(SYSTEM.dataset)(SYSTEM.dataset.records()))
#: Every text a body is found by, and its spellings: as written, casefolded, upper case, full width, normalised.
BODY_KEYS = sorted(
    {
        spelling
        for org in BUILT.organizations
        for name in names_of(org)
        for spelling in (name, name.casefold(), name.upper(), _full_width(name), normalize_key(name))
    }
)


class TestNamesAsStored:
    """The bundled bodies, found by their names as stored, give the answers of the bodies built."""

    def test_stored_names_are_the_names(self) -> None:
        """stored_names reads a body's JSON object as names_of reads the body (source: the bundled data)."""
        from jp_mfg_policy._load import _bundled_raw
        from jp_mfg_policy._normalize import stored_names

        bodies = {org.id: org for org in BUILT.organizations}
        raw = _bundled_raw("organizations")
        assert len(raw) == len(bodies)
        for item in raw:
            assert list(names_of(bodies[item["id"]])) == list(stored_names(item))

    def test_every_spelling_finds_the_same_body(self) -> None:
        """Every name, casefolded, upper case, full width and normalised, finds the body the built tables find."""
        system = _stored_system()
        for key in [*BODY_KEYS, "no such body", "", "ministry of magic"]:
            expected, found = BUILT.get(key, None), system.get(key, None)
            assert getattr(expected, "id", None) == getattr(found, "id", None), key
        assert not system.dataset.built(ORGANIZATIONS)  # every answer found without building them

    @given(st.sampled_from([name for _, name in UNIQUE_NAMES] + SHARED_NAMES).flatmap(respelled))
    def test_any_respelling_finds_the_same_entity(self, key: str) -> None:
        """A name respelled at random finds the same entity (or none) either way."""
        expected, found = BUILT.get(key, None), _stored_system().get(key, None)
        assert getattr(expected, "id", None) == getattr(found, "id", None)

    def test_hierarchy_and_lineage_are_the_same(self) -> None:
        """Children, parent, descendants, ministry and lineage of every body, asked of bodies not yet built."""
        system = _stored_system()
        ids = [org.id for org in BUILT.organizations]
        for ident in ids:
            assert [c.id for c in BUILT.children(ident)] == [c.id for c in system.children(ident)], ident
            assert getattr(BUILT.parent(ident), "id", None) == getattr(system.parent(ident), "id", None), ident
            assert [d.id for d in BUILT.descendants(ident)] == [d.id for d in system.descendants(ident)], ident
            assert ministry_id(BUILT, ident) == ministry_id(system, ident), ident
            assert [b.id for b in BUILT.predecessors(ident)] == [b.id for b in system.predecessors(ident)], ident
        assert not system.dataset.built(ORGANIZATIONS)
        assert system.organizations == BUILT.organizations  # and, built at last, the same bodies

    def test_a_body_is_one_object(self) -> None:
        """The body a name finds is the one its id finds, and the one the collection holds once built."""
        system = _stored_system()
        meti = system.get("経済産業省")
        assert meti is system.get("METI") is system.get("meti") is system.get(meti)
        assert all(system.parent(child) is meti for child in system.children(meti))
        assert meti is next(org for org in system.organizations if org.id == "meti")

    def test_histories_and_lineage_from_the_events_that_name_each_body(self) -> None:
        """Every entity's history, predecessors and successors, asked before the events are built, are the same."""
        from jp_mfg_policy._registry import EVENTS

        system = _stored_system()
        for entity in BUILT:
            assert BUILT.history(entity.id) == system.history(entity.id), entity.id
        for org in BUILT.organizations:
            assert [b.id for b in BUILT.successors(org.id)] == [b.id for b in system.successors(org.id)], org.id
            assert [b.id for b in BUILT.predecessors(org.id)] == [b.id for b in system.predecessors(org.id)], org.id
        assert not system.dataset.built(EVENTS)
        asked = system.history("METI")
        assert all(event in system.events for event in asked)
        assert all(any(event is other for other in system.events) for event in asked)  # the same objects, once built

    @pytest.mark.parametrize("collection", ["events", "relations", "caveats", "coverage", "memberships"])
    def test_records_naming_an_id_are_those_the_collection_holds(self, collection: str) -> None:
        """Dataset.referring gives, for any id, the records of the collection whose fields of ids name it."""
        import attrs

        from jp_mfg_policy._fields import REFERS_TO
        from jp_mfg_policy._registry import BY_NAME

        records = BUILT.dataset[BY_NAME[collection]]
        fields = [f.name for f in attrs.fields(BY_NAME[collection].cls) if REFERS_TO in f.metadata]
        assert fields
        dataset = _stored_system().dataset
        for ident in [entity.id for entity in BUILT] + ["no-such-id"]:
            expected = [record for record in records if any(_names(getattr(record, field), ident) for field in fields)]
            assert expected == list(dataset.referring(BY_NAME[collection], ident) or ()), ident
