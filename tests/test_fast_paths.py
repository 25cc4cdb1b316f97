"""The fast paths of loading give what the full paths give: the same values, and the same problems."""

from __future__ import annotations

import json
import types
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import jp_mfg_policy as jmp
from jp_mfg_policy._dates import parse_date
from jp_mfg_policy._fields import text_problem
from jp_mfg_policy._identifiers import IdentifierScheme, corporate_number_ok, normalize_identifier, ror_checksum_ok
from jp_mfg_policy._read import ARRAY_BEGINS, NotStreamableError, parse, stream
from jp_mfg_policy._records import Citation
from jp_mfg_policy._registry import BY_NAME
from jp_mfg_policy._serde import stream_document, structure, structure_document, structure_records
from strategies import partial_dates

VALID: dict[str, Any] = {
    "about": {"title": "t"},
    "sources": [{"id": "mine", "title": "T", "publisher": "P", "published": "2001-04"}],
    "organizations": [
        {
            "kind": "agency",
            "id": "lab",
            "name": "Lab",
            "established": "2001",
            "legal_form": "incorporated_administrative_agency",
            "identifiers": [{"scheme": "ror", "value": "https://ror.org/055TM7F07", "sources": [{"source": "mine"}]}],
            "former_names": [{"text": "Old Lab", "lang": "en", "valid_until": "2005", "sources": [{"source": "mine"}]}],
            "sources": [{"source": "mine", "quote": "a lab"}],
        },
        {"kind": "ministry", "id": "min", "name": "Ministry", "sources": [{"source": "mine"}]},
    ],
    "relations": [],
    "events": [{"body": "lab", "kind": "founded", "date": "2001", "sources": [{"source": "mine"}, {"source": "mine"}]}],
}

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=12,
)


def _slow(data: bytes, file: str) -> tuple[Any, list[jmp.Problem]]:
    raw, problems = parse(data, file, limit=1 << 20)
    return (None, problems) if raw is None else structure_document(raw, file)


class TestParseDate:
    @given(partial_dates())
    def test_cached_date_equals_a_fresh_one(self, date: jmp.PartialDate) -> None:
        """A date read through the cache equals one built afresh, and reads back as its text."""
        assert date == parse_date(str(date))
        parsed = parse_date(str(date))
        assert (date.year, date.month, date.day) == (parsed.year, parsed.month, parsed.day)
        assert str(date) == str(parse_date(str(date)))

    def test_one_object_per_text(self) -> None:
        """The same text gives the same (immutable) object."""
        assert parse_date("1949-05-25") is parse_date("1949-05-25")

    @pytest.mark.parametrize("value", [2001, None, ["2001"], 2001.0])
    def test_not_text_is_refused(self, value: Any) -> None:
        """Anything but text raises, rather than give a date."""
        with pytest.raises((TypeError, ValueError)):
            parse_date(value)


class TestTexts:
    @given(st.lists(st.text(max_size=6) | st.none() | st.integers(), max_size=4))
    def test_a_tuple_of_texts_as_item_by_item(self, items: list[Any]) -> None:
        """A tuple of texts passes a field's validator exactly when each text passes alone."""
        expected = all(text_problem(item, lines=True) is None for item in items)
        try:
            jmp.Source(id="s", title="T", publisher="P", excerpts=tuple(items))
        except ValueError:
            assert not expected
        else:
            assert expected


class TestIdentifiers:
    @pytest.mark.parametrize(
        ("scheme", "value"),
        [
            ("ror", "055tm7f07"),
            ("ror", "055tm7f08"),
            ("corporate_number", "4000012090001"),
            ("corporate_number", "9000012070001"),
            ("wikidata", "Q1197264"),
            ("funder_id", "501100001691"),
        ],
    )
    def test_canonical_forms(self, scheme: str, value: str) -> None:
        """A canonical identifier comes back as it is if its check digits hold, and is refused if not."""
        checks = {"ror": ror_checksum_ok, "corporate_number": corporate_number_ok}
        if checks.get(scheme, bool)(value):
            assert value == normalize_identifier(IdentifierScheme(scheme), value)
        else:
            with pytest.raises(ValueError, match="not a"):
                normalize_identifier(scheme, value)

    @given(st.text(alphabet="0123456789", min_size=13, max_size=13))
    def test_corporate_check_digit(self, number: str) -> None:
        """The check digit is the one the National Tax Agency's rule gives."""
        weighted = sum(int(d) * (2 if i % 2 else 1) for i, d in enumerate(reversed(number[1:])))
        expected = number[0] != "0" and 9 - weighted % 9 == int(number[0])
        assert expected == corporate_number_ok(number)

    def test_unknown_scheme(self) -> None:
        """An unknown scheme is refused as before."""
        with pytest.raises(ValueError, match="IdentifierScheme"):
            normalize_identifier("isni", "0000000121032683")


class TestStructureRecords:
    @pytest.mark.parametrize("how", ["kept", "consumed"])
    def test_fault_after_good_items_is_at_its_index(self, how: str) -> None:
        """A bad item after good ones is reported at its own index, as the converter reports it."""
        items = [{"source": "a"}, {"source": "b", "quote": "q"}, {"source": 3}, {"source": "c", "x": 1}]
        expected = structure(list(items), tuple[Citation, ...], "x.json", "$.c")
        assert expected == structure_records(items, Citation, "x.json", "$.c", consume=how == "consumed")

    def test_fast_refusal_the_converter_accepts(self) -> None:
        """Where the fast path refuses a value the converter takes (a TOML date), the converter's value is used."""
        import datetime as dt

        value = [{"id": "s", "title": "T", "publisher": "P", "published": dt.date(2001, 4, 1)}]
        found, problems = structure_records(value, BY_NAME["sources"].cls, "x.toml", "$.sources")
        assert [] == problems
        assert found is not None
        assert jmp.PartialDate(2001, 4, 1) == found[0].published

    @given(st.lists(json_values, max_size=3), st.sampled_from(sorted(BY_NAME)))
    def test_same_as_the_converter(self, value: list[Any], name: str) -> None:
        """Any array structures, or is refused, exactly as the converter does it."""
        cls = BY_NAME[name].cls
        expected = structure(json.loads(json.dumps(value)), types.GenericAlias(tuple, (cls, ...)), "x.json", "$.c")
        assert expected == structure_records(value, cls, "x.json", "$.c", consume=True)


class TestStream:
    def test_items_one_by_one(self) -> None:
        """An array of a collection comes item by item (objects as their pairs), after a mark; other values whole."""
        text = '{"a": [1, {"b": [], "f": {"g": 3}}], "c": {"d": [2]}, "e": []}'
        item: tuple[Any, ...] = (("b", []), ("f", (("g", 3),)))
        expected = [("a", ARRAY_BEGINS), ("a", 1), ("a", item), ("c", {"d": [2]}), ("e", ARRAY_BEGINS)]
        assert expected == list(stream(text, {"a", "e"}))

    def test_a_key_twice_in_an_item_is_kept(self) -> None:
        """A key twice in an object of a streamed item is given as written, for the reader to refuse."""
        assert [("a", ARRAY_BEGINS), ("a", (("k", 1), ("k", 2)))] == list(stream('{"a": [{"k": 1, "k": 2}]}', {"a"}))

    @pytest.mark.parametrize(
        ("name", "where", "field"),
        [
            ("organizations", None, "name"),
            ("organizations", "former_names", "text"),
            ("organizations", "sources", "source"),
            ("organizations", None, "kind"),
            ("events", "sources", "source"),
            ("sources", None, "id"),
        ],
    )
    def test_a_key_twice_is_not_streamed(self, name: str, where: str | None, field: str) -> None:
        """A key twice in a record, or in an object in it (a citation seen before among them), takes the full path."""
        valid = json.dumps(VALID)
        assert stream_document(valid.encode(), "x.json", limit=1 << 20) is not None  # its citations seen before
        record = json.loads(valid)[name][0]
        part = record if where is None else record[where][0]
        text = json.dumps({**json.loads(valid), name: [record]})
        written = json.dumps(part)
        twice = written[:-1] + f", {json.dumps(field)}: {json.dumps(part[field])}}}"
        encoded = text.replace(written, twice, 1).encode()
        assert twice in encoded.decode()
        assert stream_document(encoded, "x.json", limit=1 << 20) is None
        problems = _slow(encoded, "x.json")[1]
        assert [f"the key {field!r} appears twice in one object"] == [problem.message for problem in problems]

    @pytest.mark.parametrize(
        "text",
        [
            "[]",
            "{",
            '{"a": [1,]}',
            '{"a": 1,}',
            '{"a": [1 2]}',
            '{"a": 1 "b": 2}',
            '{"a": 1} x',
            '{"a": 1, "a": 2}',
            '{"b": {"k": 1, "k": 2}}',
            '{"a": 3}',
            '{"a": ["\\ud800"]}',
            "{,}",
        ],
    )
    def test_refuses_what_parse_reports(self, text: str) -> None:
        """Anything parse() would report on, or that is not a streamed array, is refused."""
        with pytest.raises((NotStreamableError, ValueError)):
            list(stream(text, {"a"}))

    def test_valid_document(self) -> None:
        """A valid file streams to the document the full path gives."""
        data = json.dumps(VALID).encode()
        expected = _slow(data, "x.json")
        assert [] == expected[1]
        streamed = stream_document(data, "x.json", limit=1 << 20)
        assert streamed is not None
        assert expected[0] == streamed
        assert expected[0].records == streamed.records

    @given(st.data())
    def test_mutations_stream_only_when_valid(self, data: st.DataObject) -> None:
        """A file with one value replaced streams to the full path's document, or not at all."""
        document = json.loads(json.dumps(VALID))
        name = data.draw(st.sampled_from(["sources", "organizations", "events"]))
        record = data.draw(st.sampled_from(document[name]))
        record[data.draw(st.sampled_from([*record, "kind", "note", "valid_from"]))] = data.draw(json_values)
        encoded = json.dumps(document).encode()
        streamed = stream_document(encoded, "x.json", limit=1 << 20)
        slow, problems = _slow(encoded, "x.json")
        if streamed is not None:
            assert [] == problems
            assert slow == streamed
            assert slow.records == streamed.records

    @given(st.binary(max_size=60) | json_values.map(lambda value: json.dumps(value).encode()))
    def test_anything_else(self, data: bytes) -> None:
        """Arbitrary bytes stream to the full path's document, or not at all."""
        streamed = stream_document(data, "x.json", limit=1 << 20)
        if streamed is not None:
            assert (streamed, []) == _slow(data, "x.json")

    def test_toml_is_not_streamed(self) -> None:
        """A TOML file takes the full path."""
        assert stream_document(b"", "x.toml", limit=100) is None
