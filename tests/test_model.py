"""The model: what each field accepts, and what records are (frozen, slotted, hashable, picklable)."""

from __future__ import annotations

import copy
import pickle
from collections.abc import Iterator
from typing import Any

import attrs
import pytest
from hypothesis import given

import jp_mfg_policy as jmp
from jp_mfg_policy._registry import COLLECTIONS
from jp_mfg_policy._repr import Record
from strategies import collection_records, records


def body(**fields: Any) -> jmp.Organization:
    return jmp.Organization(**{"id": "x", "name": "X", **fields})


class TestText:
    @pytest.mark.parametrize(
        "value",
        ["", " ", "\u3000", "\u200b", "\ufeff", " \u200b\u2060\u00a0 ", "\t"],
    )
    def test_blank_or_invisible_names(self, value: str) -> None:
        """A name of spaces, ideographic spaces, zero-width or other invisible characters is blank."""
        with pytest.raises(ValueError, match="must not be blank"):
            body(name=value)

    @pytest.mark.parametrize("value", ["A\x1b[31mB", "line\nbreak", "A\x00B", "A\x85B"])
    def test_no_control_characters_in_a_name(self, value: str) -> None:
        """Control characters (terminal escapes, line breaks, NUL, C1) are refused in a name."""
        with pytest.raises(ValueError, match="control character"):
            body(name=value)

    def test_lines_in_a_description(self) -> None:
        """A description may run over several lines, but not hold a terminal escape."""
        assert "a\nb" == body(description="a\nb").description
        with pytest.raises(ValueError, match="control character"):
            body(description="a\x1bb")

    def test_lone_surrogate(self) -> None:
        """A lone UTF-16 surrogate is not text."""
        with pytest.raises(ValueError, match="lone surrogate"):
            body(name="a\ud800b")

    @pytest.mark.parametrize("value", ["経済産業省", "総合科学技術・イノベーション会議", "R&D", "Keizai-sangyō-shō"])
    def test_real_names(self, value: str) -> None:
        """Japanese, punctuation and accented Latin are fine."""
        assert value == body(name=value).name


class TestCodes:
    @pytest.mark.parametrize("value", ["jp", "JPN", "XX", "", "ZZ"])
    def test_country_is_iso_3166(self, value: str) -> None:
        """A country is an ISO 3166-1 alpha-2 code, upper case."""
        with pytest.raises(ValueError, match="ISO 3166-1 alpha-2"):
            body(country=value)

    @pytest.mark.parametrize("value", [["JP"], {"JP": 1}, 81, None])
    def test_country_not_text(self, value: object) -> None:
        """A country given as anything but text is refused with the field's name, not a TypeError of a set."""
        with pytest.raises(ValueError, match="country expected a string"):
            body(country=value)

    @pytest.mark.parametrize("value", ["ja", "en", "ja-Latn", "en-US", "de", "zh-Hant-TW"])
    def test_language_tags(self, value: str) -> None:
        """BCP 47 tags in their usual shape are accepted."""
        assert value == jmp.Source(id="s", title="t", publisher="p", language=value).language

    @pytest.mark.parametrize("value", ["japanese", "JA", "ja_JP", "", "e"])
    def test_language_refused(self, value: str) -> None:
        """Other text is not a language tag."""
        with pytest.raises(ValueError, match="BCP 47"):
            jmp.Source(id="s", title="t", publisher="p", language=value)

    @pytest.mark.parametrize(
        "value", ["ftp://x.org", "www.meti.go.jp", 'https://x.org/"', "https://x.org/a b", "javascript:alert(1)"]
    )
    def test_urls(self, value: str) -> None:
        """An address is http(s), without spaces or quotes (the stray quote the audit found is refused)."""
        with pytest.raises(ValueError, match="http or https"):
            body(website=value)

    @pytest.mark.parametrize("value", ["METI", "sme_agency", "-x", "x-", "x--y", "ｍｅｔｉ", ""])
    def test_ids_are_slugs(self, value: str) -> None:
        """An id is a lower-case ASCII slug."""
        with pytest.raises(ValueError, match="slug"):
            body(id=value)


class TestNumbers:
    @pytest.mark.parametrize("value", [-1, 10**13, 1.5, True])
    def test_counts(self, value: object) -> None:
        """A count is a whole number from 0 to a trillion; a boolean is not a number."""
        with pytest.raises(ValueError, match="whole number"):
            jmp.MembershipCount(body="x", as_of=jmp.PartialDate(2001), companies=value)  # type: ignore[arg-type]

    @pytest.mark.parametrize("value", [0, 9999, -2000, 10**20])
    def test_fiscal_years(self, value: int) -> None:
        """A fiscal year lies in 1-9998, so that its last day is a date."""
        with pytest.raises(ValueError, match="fiscal year"):
            jmp.Plan(id="p", name="P", first_fiscal_year=value)

    @pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
    def test_targets_are_finite(self, value: float) -> None:
        """A target's value is a finite number."""
        with pytest.raises(ValueError, match="finite"):
            jmp.Target(indicator="growth", value=value, unit="%")

    def test_goal_needs_text(self) -> None:
        """A goal has its text in English or Japanese, or both."""
        with pytest.raises(ValueError, match="needs its text"):
            jmp.Goal(number=1)
        assert "目標" == jmp.Goal(number=1, text_ja="目標").text_ja


class TestRecords:
    @pytest.mark.parametrize("collection", COLLECTIONS, ids=lambda c: c.name)
    def test_frozen_slotted(self, collection: Any) -> None:
        """Every record class is frozen and slotted: no assignment, no __dict__."""
        for cls in collection.classes:
            assert "__slots__" in vars(cls)
            assert attrs.has(cls)

    @given(collection_records("organizations"))
    def test_organizations_immutable_and_hashable(self, org: jmp.Organization) -> None:
        """A body cannot be changed, hashes, pickles and copies as itself."""
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            org.name = "changed"  # type: ignore[misc]
        assert not hasattr(org, "__dict__")
        assert org == pickle.loads(pickle.dumps(org))
        assert org == copy.deepcopy(org)
        assert hash(org) == hash(copy.copy(org))

    @pytest.mark.parametrize("collection", COLLECTIONS, ids=lambda c: c.name)
    def test_entities_are_entities(self, collection: Any) -> None:
        """The registry's entity collections are exactly those whose classes are Entities."""
        assert collection.entity == all(issubclass(cls, jmp.Entity) for cls in collection.classes)

    def test_kinds_of_body(self) -> None:
        """Each kind of body has its tag, and a body equals only a body of its own kind."""
        assert jmp.Ministry(id="x", name="X") != jmp.Organization(id="x", name="X")
        assert ["organization", "ministry", "agency", "council", "business_federation"] == [
            cls.TAG for cls in (jmp.Organization, jmp.Ministry, jmp.Agency, jmp.Council, jmp.BusinessFederation)
        ]

    @given(records(jmp.Law))
    def test_law_periods(self, law: jmp.Law) -> None:
        """A law's period starts at its promulgation (or entry into force, or passage) and ends at its repeal."""
        start = law.promulgated or law.effective or law.passed
        assert law.period.start == (None if start is None else start.start())
        assert law.period.end == (None if law.repealed is None else law.repealed.start())

    def test_deprecated_spelling(self) -> None:
        """regional_organisations still answers, with a DeprecationWarning naming the new spelling."""
        count = jmp.MembershipCount(body="x", as_of=jmp.PartialDate(2001), regional_organizations=3)
        with pytest.warns(DeprecationWarning, match="regional_organizations"):
            assert 3 == count.regional_organisations


def _nested(value: Any) -> Iterator[Any]:
    """*value* and every attrs record inside it, depth first."""
    if attrs.has(type(value)):
        yield value
        for field in attrs.fields(type(value)):
            yield from _nested(getattr(value, field.name))
    elif isinstance(value, tuple):
        for item in value:
            yield from _nested(item)


def test_every_record_repr_is_the_one_attrs_writes(system: jmp.PolicySystem) -> None:
    """The one shared repr of the records writes what attrs would generate for each class, record by record."""
    twins: dict[type, type] = {}
    checked = set()
    for collection in COLLECTIONS:
        for record in system.dataset[collection]:
            for value in _nested(record):
                cls: Any = type(value)
                if cls.__repr__ is not Record.__repr__:  # a class with a repr of its own (PartialDate)
                    continue
                fields = attrs.fields(cls)
                if cls not in twins:  # a class of the same name and fields, its repr generated by attrs
                    twins[cls] = attrs.make_class(cls.__name__, {f.name: attrs.field(repr=f.repr) for f in fields})
                twin = twins[cls](**{f.name: getattr(value, f.name) for f in fields})
                assert repr(twin) == repr(value)
                checked.add(cls.__name__)
    assert {"Ministry", "Relation", "Event", "Source", "Citation", "Name", "Identifier", "Strategy"} <= checked
