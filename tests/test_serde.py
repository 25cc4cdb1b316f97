"""The converter and the bundled builder: round trips, strictness, and the two paths agreeing."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import jp_mfg_policy as jmp
from jp_mfg_policy._build import build_records
from jp_mfg_policy._document import Override
from jp_mfg_policy._registry import COLLECTIONS
from jp_mfg_policy._serde import structure, structure_document, unstructure
from strategies import collection_records


class TestRoundTrip:
    @pytest.mark.parametrize("name", [collection.name for collection in COLLECTIONS])
    def test_every_collection(self, name: str) -> None:
        """Every record of every collection survives unstructure then structure, and unstructure then build."""

        @given(st.lists(collection_records(name), max_size=3))
        def check(records: list[Any]) -> None:
            data = [unstructure(record) for record in records]
            json.dumps(data)  # JSON-ready
            assert records == [
                structure(item, type(record), "x", "$")[0] for item, record in zip(data, records, strict=True)
            ]
            assert tuple(records) == build_records(name, json.loads(json.dumps(data)))

        check()

    def test_renamed_field(self) -> None:
        """An override's changes are 'set' in data files, one declaration read by the converter and the schema."""
        override = Override(collection="organizations", id="meti", changes={"website": "https://x.org/"})
        data = unstructure(override)
        assert "set" in data
        assert "changes" not in data
        assert override == structure(data, Override, "x", "$")[0]


class TestBundledBuilder:
    def test_builder_matches_the_converter(self, bundled_files: list[Path]) -> None:
        """The bundled data built with plain constructors equals what the strict converter makes of it."""
        for path in bundled_files:
            raw = json.loads(path.read_text(encoding="utf-8"))
            document, problems = structure_document(raw, path.name)
            assert [] == problems
            assert document is not None
            for name, records in document.records.items():
                assert records == build_records(name, raw[name]), (path.name, name)


class TestStrict:
    @pytest.mark.parametrize(
        ("data", "path", "message"),
        [
            (
                {"organizations": [{"kind": "ministry", "id": "x", "name": 3}]},
                "$.organizations[0].name",
                "expected a string, got an integer",
            ),
            (
                {"organizations": [{"kind": "ministry", "id": "x", "name": "X", "aliases": "Y"}]},
                "$.organizations[0].aliases",
                "expected an array, got a string",
            ),
            (
                {"memberships": [{"body": "x", "as_of": "2001", "companies": "12", "sources": []}]},
                "$.memberships[0].companies",
                "expected an integer, got a string",
            ),
            (
                {"memberships": [{"body": "x", "as_of": "2001", "approximate": 1, "sources": []}]},
                "$.memberships[0].approximate",
                "expected true or false, got an integer",
            ),
            (
                {"organizations": [{"kind": "ministry", "id": "x", "name": "X", "colour": "blue"}]},
                "$.organizations[0]",
                "unknown field 'colour'",
            ),
            (
                {"organizations": [{"kind": "bureau", "id": "x", "name": "X"}]},
                "$.organizations[0]",
                "'kind' must be one of",
            ),
            (
                {"relations": [{"subject": "a", "kind": "likes", "object": "b"}]},
                "$.relations[0].kind",
                "'likes' is not a known RelationKind",
            ),
            (
                {"organizations": [{"kind": "ministry", "id": "x", "name": "X", "established": 2001}]},
                "$.organizations[0].established",
                "expected a date",
            ),
            (
                {"plans": [{"id": "p", "name": "P", "targets": [{"indicator": "i", "value": "1", "unit": "%"}]}]},
                "$.plans[0].targets[0].value",
                "expected a number",
            ),
            ({"colours": []}, "$.colours", "unknown collection 'colours'"),
            ({"about": {"title": 3}, "sources": []}, "$.about", "every value of 'about' must be a string"),
            ({"$schema": 3, "sources": []}, "$.$schema", "expected a string, got an integer"),
        ],
    )
    def test_problems_at_their_paths(self, data: dict[str, Any], path: str, message: str) -> None:
        """Wrong types, unknown fields and kinds are refused, each at its JSON path."""
        _, problems = structure_document(data, "x.json")
        assert any(p.path == path and message in p.message for p in problems), problems

    def test_toml_date_where_a_date_is_meant(self) -> None:
        """A TOML local date is a date where the format wants one, and nowhere else."""
        ok, problems = structure_document(
            {"memberships": [{"body": "x", "as_of": dt.date(2001, 4, 1), "sources": []}]}, "x.toml"
        )
        assert [] == problems
        assert ok is not None
        assert jmp.PartialDate(2001, 4, 1) == ok.records["memberships"][0].as_of
        _, problems = structure_document(
            {"organizations": [{"kind": "ministry", "id": "x", "name": dt.date(2001, 4, 1)}]}, "x.toml"
        )
        assert ["expected a string, got a TOML date"] == [p.message for p in problems]
        _, problems = structure_document(
            {"memberships": [{"body": "x", "as_of": dt.datetime(2001, 4, 1, 9, 0), "sources": []}]},
            "x.toml",
        )
        assert "a TOML date-time" in problems[0].message
