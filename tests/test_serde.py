"""The converter: round trips and strict structuring."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import jp_mfg_policy as jmp
from jp_mfg_policy._read import parse
from jp_mfg_policy._serde import COLLECTIONS, Document, converter
from strategies import any_organization

ALL_TYPES: dict[str, type[Any]] = {
    "sources": jmp.Source,
    "relations": jmp.Relation,
    "events": jmp.Event,
    "publications": jmp.Publication,
    "awards": jmp.Award,
    "strategies": jmp.Strategy,
    "recommendations": jmp.Recommendation,
    "plans": jmp.Plan,
    "memberships": jmp.MembershipCount,
    "caveats": jmp.Caveat,
}


def _records(system: jmp.PolicySystem) -> list[Any]:
    return [
        *system.sources,
        *system.organizations,
        *system.relations(),
        *system.events,
        *system.publications,
        *system.awards,
        *system.strategies,
        *system.recommendations,
        *system.plans,
        *system.memberships,
        *system.caveats,
    ]


class TestRoundTrip:
    def test_every_bundled_record(self, system: jmp.PolicySystem) -> None:
        """Every record of the bundled data survives unstructure -> JSON -> structure unchanged."""
        for record in _records(system):
            data = json.loads(json.dumps(converter.unstructure(record), ensure_ascii=False))
            assert record == converter.structure(data, type(record))

    @given(any_organization)
    def test_arbitrary_organizations(self, org: jmp.Organization) -> None:
        """Any valid body, of any kind, round-trips, keeping its class."""
        data = converter.unstructure(org)
        back = converter.structure(json.loads(json.dumps(data)), jmp.Organization)
        assert org == back
        assert type(org) is type(back)

    def test_document_round_trip(self, system: jmp.PolicySystem) -> None:
        """A whole document of the bundled data round-trips."""
        document = Document(organizations=system.organizations, relations=system.relations(), sources=system.sources)
        assert document == converter.structure(converter.unstructure(document), Document)

    def test_kind_tag_written(self, system: jmp.PolicySystem) -> None:
        """Unstructured bodies carry their kind so that they read back as the same class."""
        assert "agency" == converter.unstructure(system.get("AIST"))["kind"]
        assert "ministry" == converter.unstructure(system.get("METI"))["kind"]


def _problems(document: dict[str, Any]) -> list[str]:
    result, problems = parse(json.dumps(document).encode(), "x.json")
    assert result is None
    return [f"{p.path}: {p.message}" for p in problems]


ORG = {"kind": "ministry", "id": "x", "name": "X", "sources": [{"source": "s"}]}


class TestStrict:
    @pytest.mark.parametrize(
        ("change", "expected"),
        [
            ({"name": 12}, "$.organizations[0].name: expected a string, got an integer"),
            ({"aliases": "X"}, "$.organizations[0].aliases: expected an array, got a string"),
            ({"established": 2001}, "$.organizations[0].established: expected a date string"),
            ({"established": "2001-02-30"}, "$.organizations[0].established: day must be 1 to 28"),
            ({"legal_form": "kingdom"}, "$.organizations[0].legal_form: 'kingdom' is not a known LegalForm"),
            ({"colour": "red"}, "$.organizations[0]: unknown field 'colour'"),
            ({"kind": "empire"}, "$.organizations[0]: 'kind' must be one of"),
            ({"id": "Not A Slug"}, "$.organizations[0]: id must be a lower-case slug"),
            ({"identifiers": [{"scheme": "ror", "value": "055tm7f08"}]}, "not a ROR ID"),
        ],
    )
    def test_bad_field(self, change: dict[str, Any], expected: str) -> None:
        """Each wrong field is reported with its path and a plain message."""
        problems = _problems({"organizations": [ORG | change]})
        assert any(expected in problem for problem in problems), problems

    def test_missing_required(self) -> None:
        """A missing required field is named."""
        problems = _problems({"organizations": [{"kind": "ministry", "id": "x"}]})
        assert ["$.organizations[0].name: required field missing"] == problems

    def test_bool_is_not_an_int(self) -> None:
        """JSON true is not a number, whatever Python thinks."""
        problems = _problems({"memberships": [{"body": "x", "as_of": "2001", "companies": True}]})
        assert any("companies: expected an integer, got true or false" in p for p in problems)

    def test_every_problem_reported(self) -> None:
        """Several faults in several records are all reported."""
        problems = _problems({"organizations": [ORG | {"name": 1}, ORG | {"aliases": 2, "website": 3}]})
        assert 3 == len(problems)

    @given(st.sampled_from(COLLECTIONS))
    def test_collections_must_be_arrays(self, name: str) -> None:
        """A collection that is not an array is rejected at its own path."""
        assert [f"$.{name}: expected an array, got an object"] == _problems({name: {}})

    def test_known_types_cover_collections(self) -> None:
        """The round-trip table above names every collection but organizations."""
        assert set(COLLECTIONS) - {"organizations"} == set(ALL_TYPES)
