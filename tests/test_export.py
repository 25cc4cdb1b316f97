"""Records, files, pandas, networkx and charts."""

from __future__ import annotations

import csv
import json
import sys
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jp_mfg_policy as jmp
from jp_mfg_policy import _load
from jp_mfg_policy._export import columns
from jp_mfg_policy._serde import COLLECTIONS, Document, converter

SYSTEM = jmp.load()
BODIES = [org.id for org in SYSTEM.organizations if org.dissolved is None]


class TestRecords:
    @pytest.mark.parametrize("kind", COLLECTIONS)
    def test_stable_columns(self, kind: str) -> None:
        """Every record of a collection has exactly its documented columns, in order, with plain values."""
        header = columns(kind)
        rows = SYSTEM.to_records(kind)
        assert rows
        for row in rows:
            assert header == list(row)
            assert all(value is None or isinstance(value, str | int | float | bool) for value in row.values())

    def test_organization_columns(self) -> None:
        """Bodies carry one column per identifier scheme, and dates at their own precision."""
        (aist,) = [row for row in SYSTEM.to_records("organizations") if row["id"] == "aist"]
        assert ("agency", "2001-04", "01703db54", None, "meti") == (
            aist["kind"],
            aist["established"],
            aist["ror"],
            aist["wikidata"],
            aist["supervisor"],
        )

    def test_unknown_kind(self) -> None:
        """An unknown collection is a ValueError naming the known ones."""
        with pytest.raises(ValueError, match="unknown collection 'bodies'; expected one of: sources"):
            SYSTEM.to_records("bodies")


@st.composite
def extended(draw: st.DrawFn) -> tuple[dict[str, Any], int]:
    """A user file adding agencies under current bodies, with dates and names of their own."""
    count = draw(st.integers(1, 5))
    parents = draw(st.lists(st.sampled_from(BODIES), min_size=count, max_size=count))
    years = draw(st.lists(st.integers(2010, 2025), min_size=count, max_size=count))  # after every parent's founding
    names = draw(
        st.lists(st.text("アイウエオカキクケコ", min_size=3, max_size=8), min_size=count, max_size=count, unique=True)
    )
    citation = [{"source": "mine"}]
    organizations = [
        {
            "kind": "agency",
            "id": f"unit-{i}",
            "name": f"Unit {i}",
            "name_ja": f"{name}研究所",
            "established": f"{year}",
            "supervisor": parent,
            "sources": citation,
        }
        for i, (parent, year, name) in enumerate(zip(parents, years, names, strict=True))
    ]
    relations = [
        {"subject": parent, "kind": "oversees", "object": f"unit-{i}", "valid_from": f"{year}", "sources": citation}
        for i, (parent, year) in enumerate(zip(parents, years, strict=True))
    ]
    document = {
        "sources": [{"id": "mine", "title": "Notes", "publisher": "Me"}],
        "organizations": organizations,
        "relations": relations,
    }
    return document, count


class TestFiles:
    def test_json_round_trip(self, tmp_path: Path) -> None:
        """The bundled system, exported to JSON and loaded as data, is equal to the original."""
        (path,) = SYSTEM.export(tmp_path / "system.json")
        again = jmp.load(extra=[path], bundled=False)
        assert SYSTEM == again
        assert SYSTEM is not again

    @settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=20)
    @given(extended())
    def test_json_round_trip_of_extended_systems(self, tmp_path: Path, case: tuple[dict[str, Any], int]) -> None:
        """Any system extended with user data round-trips through a JSON export."""
        document, count = case
        user = tmp_path / "user.json"
        user.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        system = jmp.load(extra=[user])
        assert len(SYSTEM.organizations) + count == len(system.organizations)
        (path,) = system.export(tmp_path / "out.json")
        assert system == jmp.load(extra=[path], bundled=False)

    @pytest.mark.parametrize("name", _load.BUNDLED_FILES)
    def test_json_same_shape_as_bundled(self, name: str) -> None:
        """Each bundled file's collection reads back from the JSON export as the same records."""
        exported = converter.structure(json.loads(SYSTEM.to_json()), Document)
        text = files("jp_mfg_policy").joinpath("data", name).read_text(encoding="utf-8")
        bundled = converter.structure(json.loads(text), Document)
        for kind in COLLECTIONS:
            mine = getattr(bundled, kind)
            if mine:
                assert set(mine) <= set(getattr(exported, kind))

    def test_csv(self, tmp_path: Path) -> None:
        """CSV export writes one UTF-8 file per collection, Japanese intact, with the record columns."""
        files = SYSTEM.export(tmp_path / "csv", format="csv")
        assert {f"{kind}.csv" for kind in COLLECTIONS} == {file.name for file in files}
        with (tmp_path / "csv" / "organizations.csv").open(encoding="utf-8", newline="") as stream:
            rows = list(csv.DictReader(stream))
        assert columns("organizations") == list(rows[0])
        assert "経済産業省" in {row["name_ja"] for row in rows}
        assert len(SYSTEM.organizations) == len(rows)

    def test_jsonl(self, tmp_path: Path) -> None:
        """JSON Lines export writes one object a line, in the bundled shape."""
        SYSTEM.export(tmp_path / "lines", format="jsonl")
        lines = (tmp_path / "lines" / "relations.jsonl").read_text(encoding="utf-8").splitlines()
        assert len(SYSTEM.relations()) == len(lines)
        assert {"subject", "kind", "object", "sources"} <= set(json.loads(lines[0]))

    def test_bad_format(self, tmp_path: Path) -> None:
        """An unknown format is a ValueError."""
        with pytest.raises(ValueError, match="unknown format 'xml'"):
            SYSTEM.export(tmp_path / "x", format="xml")


class TestPandas:
    def test_dtypes(self) -> None:
        """Dates are dates with their precision beside them; counts are nullable integers."""
        frame = SYSTEM.to_pandas("memberships")
        assert "datetime64" in str(frame["as_of"].dtype)
        assert "Int64" == str(frame["total"].dtype)
        assert frame["total"].isna().any()
        assert {"day"} == set(frame["as_of_precision"].dropna())
        orgs = SYSTEM.to_pandas("organizations")
        aist = orgs[orgs["id"] == "aist"].iloc[0]
        assert ("2001-04-01", "month") == (str(aist["established"].date()), aist["established_precision"])

    def test_missing_extra(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without pandas, the error names the extra to install."""
        monkeypatch.setitem(sys.modules, "pandas", None)
        with pytest.raises(ImportError, match=r'pip install "jp-mfg-policy\[pandas\]"'):
            SYSTEM.to_pandas("organizations")


class TestNetworkx:
    def test_ancestors(self) -> None:
        """networkx algorithms run on the graph: METI is among AIST's ancestors."""
        import networkx as nx  # noqa: PLC0415

        graph = SYSTEM.to_networkx()
        assert isinstance(graph, nx.MultiDiGraph)
        assert "meti" in nx.ancestors(graph, "aist")
        assert "mext" in nx.ancestors(graph, "crds")
        assert "経済産業省" == graph.nodes["meti"]["name_ja"]

    def test_edges_carry_relations(self) -> None:
        """Edges carry the relation's kind, validity and sources."""
        graph = SYSTEM.to_networkx()
        edge = graph.edges["miti", "sme-agency", "oversees"]
        assert ("1949-05-25", "2001-01-06") == (edge["valid_from"], edge["valid_until"])
        assert "meti-history" in edge["sources"]
        assert graph.has_edge("meti", "nedo", key="funds")

    def test_missing_extra(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without networkx, the error names the extra to install."""
        monkeypatch.setitem(sys.modules, "networkx", None)
        with pytest.raises(ImportError, match=r"jp-mfg-policy\[networkx\]"):
            SYSTEM.to_networkx()


class TestCharts:
    def test_mermaid_whole(self) -> None:
        """The Mermaid chart draws every kind of relation, styled by kind of body."""
        chart = SYSTEM.to_mermaid()
        assert chart.startswith("flowchart TD\n")
        for link in (
            "meti -->|oversees| aist",
            "jst ==>|contains| crds",
            "cabinet_office -->|hosts| csti",
            "meti -.->|funds| nedo",
            "nedo <-.->|collaborates with| sandia",
        ):
            assert link in chart
        assert ":::ministry" in chart
        assert ":::council" in chart
        assert "miti" not in chart.split("classDef")[0]

    def test_subtree_and_year(self) -> None:
        """A chart can show one subtree, and the system of a past year."""
        subtree = SYSTEM.to_dot(root="MEXT")
        assert '"crds"' in subtree
        assert '"meti"' not in subtree
        past = SYSTEM.at(1999).to_dot()
        assert '"miti" -> "jpo"' in past
        assert '"meti"' not in past
        assert "as of 1999-12-31" in past

    def test_dot_is_well_formed(self) -> None:
        """DOT output has one statement a line and balanced brackets and quotes."""
        dot = SYSTEM.to_dot()
        assert dot.startswith("digraph policy_system {")
        assert dot.rstrip().endswith("}")
        for line in dot.splitlines()[1:-1]:
            assert line.count('"') % 2 == 0
            assert line.count("[") == line.count("]")
