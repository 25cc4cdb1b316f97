"""Lookups: get, [], in, find, and their errors."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import jp_mfg_policy as jmp
from jp_mfg_policy._load import bundled_documents
from jp_mfg_policy._normalize import names_of
from jp_mfg_policy._read import build

SYSTEM = jmp.load()
EVERY_NAME = sorted({(entity.id, name) for entity in SYSTEM for name in names_of(entity)})


@st.composite
def respelled(draw: st.DrawFn, text: str) -> str:
    """*text* with each character's case and width changed at random, and spaces added."""
    out = []
    for char in text:
        choice = draw(st.integers(0, 3))
        if choice == 1:
            out.append(char.upper())
        elif choice == 2:
            out.append(char.lower())
        elif choice == 3 and "!" <= char <= "~":
            out.append(chr(ord(char) + 0xFEE0))  # the full-width form
        else:
            out.append(char)
        if draw(st.booleans()) and draw(st.booleans()):
            out.append(draw(st.sampled_from([" ", "\u3000", "  ", "\t"])))
    return "".join(out)


class TestGet:
    @given(st.sampled_from(EVERY_NAME).flatmap(lambda pair: st.tuples(st.just(pair[0]), respelled(pair[1]))))
    def test_every_name_under_any_spelling(self, case: tuple[str, str]) -> None:
        """Every name, acronym and alias finds its entity, whatever its case, width or spacing."""
        ident, text = case
        assert ident == SYSTEM.get(text).id

    @pytest.mark.parametrize(
        ("key", "ident"),
        [
            ("METI", "meti"),
            ("経済産業省", "meti"),
            ("経産省", "meti"),
            ("ministry of economy, trade and industry", "meti"),
            ("ＭＥＴＩ", "meti"),
            ("総合科学技術イノベーション会議", "csti"),
            ("CSTP", "csti"),
            ("Council for Science and Technology Policy", "csti"),
            ("産総研", "aist"),
            ("ジェトロ", "jetro"),
            ("Nippon Keidanren", "keidanren"),
            ("the-japan-patent-office", None),
            ("ｼﾞｪﾄﾛ", "jetro"),
        ],
    )
    def test_examples(self, key: str, ident: str | None) -> None:
        """Names in English, Japanese, full- and half-width forms all find their body."""
        found = SYSTEM.get(key, None)
        assert ident == (found.id if found else None)

    def test_unknown_raises_with_suggestions(self) -> None:
        """An unknown key raises UnknownEntityError, a KeyError and LookupError, with close matches."""
        with pytest.raises(jmp.UnknownEntityError) as info:
            SYSTEM.get("NEDD")
        assert isinstance(info.value, KeyError)
        assert isinstance(info.value, LookupError)
        assert "NEDO" in info.value.suggestions
        assert "did you mean 'NEDO'" in str(info.value)

    def test_default(self) -> None:
        """A default is returned instead of raising, as getattr does."""
        sentinel = object()
        assert sentinel is SYSTEM.get("no such body", sentinel)
        assert SYSTEM.get("no such body", None) is None

    def test_item_access_and_membership(self) -> None:
        """system[key] is get(key); `in` tells whether get would succeed."""
        assert SYSTEM["JST"] is SYSTEM.get("JST")
        assert "JST" in SYSTEM
        assert "nonsense" not in SYSTEM
        assert SYSTEM.get("JST") in SYSTEM
        assert 3 not in SYSTEM
        with pytest.raises(KeyError):
            SYSTEM["nonsense"]

    def test_entity_key(self) -> None:
        """An entity fetches this system's version of itself."""
        old = SYSTEM.at(2010).get("CSTI")
        assert SYSTEM.get("CSTI") is SYSTEM.get(old)

    def test_non_string_key(self) -> None:
        """Keys of other types are a TypeError, not a failed lookup."""
        with pytest.raises(TypeError, match="expected an entity or a string"):
            SYSTEM.get(42)  # type: ignore[call-overload]


class TestFind:
    def test_exact_name_ranks_first(self) -> None:
        """An exact name beats a partial one."""
        assert "jst" == SYSTEM.find("JST")[0].id

    def test_description_words(self) -> None:
        """Words in descriptions are searched too."""
        assert "aist" in [e.id for e in SYSTEM.find("publicly funded")]

    def test_limit(self) -> None:
        """The limit caps the results."""
        assert 2 == len(SYSTEM.find("ministry", limit=2))
        assert len(SYSTEM.find("ministry", limit=None)) > 2

    def test_nothing(self) -> None:
        """A query that matches nothing, or is empty, finds nothing."""
        assert () == SYSTEM.find("zzzzzz")
        assert () == SYSTEM.find("  ・ ")

    @given(st.text(max_size=20))
    def test_results_are_entities_of_the_system(self, text: str) -> None:
        """find never fails and only returns entities of the system, each once."""
        found = SYSTEM.find(text, limit=None)
        assert len({entity.id for entity in found}) == len(found)
        assert all(SYSTEM.get(entity.id) is entity for entity in found)


class TestCollections:
    def test_typed_collections(self) -> None:
        """Each collection holds only its own class, and all bodies are in organizations."""
        assert all(isinstance(m, jmp.Ministry) for m in SYSTEM.ministries)
        assert all(isinstance(a, jmp.Agency) for a in SYSTEM.agencies)
        assert all(isinstance(c, jmp.Council) for c in SYSTEM.councils)
        assert all(isinstance(b, jmp.BusinessFederation) for b in SYSTEM.business_federations)
        parts = {*SYSTEM.ministries, *SYSTEM.agencies, *SYSTEM.councils, *SYSTEM.business_federations}
        assert parts <= set(SYSTEM.organizations)

    def test_iteration_and_len(self) -> None:
        """Iterating yields every entity once; len counts them."""
        entities = list(SYSTEM)
        assert len(SYSTEM) == len(entities) == len({e.id for e in entities})
        assert set(SYSTEM.organizations) <= set(entities)
        assert set(SYSTEM.recommendations) <= set(entities)

    def test_stable_order(self) -> None:
        """Collections come in the same order on every load."""
        again = build(bundled_documents())
        assert again is not SYSTEM
        assert again == SYSTEM
        assert [o.id for o in SYSTEM.organizations] == [o.id for o in again.organizations]


class TestNormalize:
    @given(st.text(max_size=40))
    def test_matches_the_definition(self, text: str) -> None:
        """The fast paths give the defined key: NFKC, casefolded, letters and digits only."""
        import unicodedata  # noqa: PLC0415

        from jp_mfg_policy._normalize import normalize_key  # noqa: PLC0415

        folded = unicodedata.normalize("NFKC", text).casefold()
        assert "".join(char for char in folded if char.isalnum()) == normalize_key(text)

    @given(st.text(max_size=40))
    def test_idempotent(self, text: str) -> None:
        """A key is its own key."""
        from jp_mfg_policy._normalize import normalize_key  # noqa: PLC0415

        assert normalize_key(text) == normalize_key(normalize_key(text))
