"""The benchmarks cannot rot: the smoke run prints every figure, the data loads, the collector is left alone."""

from __future__ import annotations

import ast
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import jp_mfg_policy as jmp

BENCHMARKS = Path(__file__).parents[1] / "benchmarks"
# A figure's result cell: a number with a unit (a difference of medians may come out below zero on small, noisy runs).
_RESULT = re.compile(r"^-?[0-9][0-9,]*(\.[0-9]+)? (ms|s|µs|KiB per body)$")


def _module(name: str) -> ModuleType:
    """Import benchmarks/<name>.py as a module (the folder is not a package)."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        spec = importlib.util.spec_from_file_location(f"benchmarks_{name}", BENCHMARKS / f"{name}.py")
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(BENCHMARKS))
    return module


@pytest.fixture(name="generate", scope="module")
def _generate() -> ModuleType:
    """benchmarks/generate.py."""
    return _module("generate")


def _rows(output: str) -> dict[str, list[list[str]]]:
    """The table the run printed: figure key -> its rows' cells."""
    rows: dict[str, list[list[str]]] = {}
    for line in output.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("| ") and len(cells) == 7 and cells[0] not in ("figure", "---"):
            rows.setdefault(cells[0], []).append(cells)
    return rows


@pytest.mark.slow
def test_quick_run_prints_every_figure() -> None:
    """`run.py --quick` exits 0 and prints each figure the run defines, every one with a measured result."""
    figures: tuple[str, ...] = _module("run").FIGURES
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / "run.py"), "--quick"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert 0 == result.returncode, result.stderr
    rows = _rows(result.stdout)
    assert set(figures) <= set(rows), f"missing: {sorted(set(figures) - set(rows))}"
    for key in figures:
        for cells in rows[key]:
            assert _RESULT.match(cells[2]), f"{key}: no measured result in {cells}"
            assert cells[4].endswith(("x", "x the goal", "per override")) or "x;" in cells[4], cells
    assert "machine:" in result.stdout


def test_figure_keys_are_documented() -> None:
    """Every figure the run prints is named in docs/performance.md, so the page and the script agree."""
    figures: tuple[str, ...] = _module("run").FIGURES
    page = (BENCHMARKS.parent / "docs" / "performance.md").read_text(encoding="utf-8")
    assert [key for key in figures if f"`{key}`" not in page] == []


def test_no_collector_switching() -> None:
    """No benchmark switches the cycle collector off or on, freezes it or changes its thresholds."""
    forbidden = {"disable", "enable", "freeze", "unfreeze", "set_threshold", "set_debug"}
    for path in BENCHMARKS.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        calls = [
            node.attr
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "gc"
        ]
        assert forbidden.isdisjoint(calls), f"{path.name} calls gc.{sorted(forbidden & set(calls))}"
        imported = [
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module == "gc"
            for alias in node.names
        ]
        assert forbidden.isdisjoint(imported), path.name


def test_synthetic_bodies_load_with_the_bundled_data(
    generate: ModuleType, tmp_path: Path, system: jmp.PolicySystem
) -> None:
    """A generated file of 300 bodies loads beside the bundled data: no clash, every body and relation there."""
    data: dict[str, Any] = generate.dataset(300)
    path = tmp_path / "bodies.json"
    path.write_bytes(generate.dumps(data))
    extended = jmp.load(extra=[path])
    assert len(extended.organizations) == len(system.organizations) + 300
    assert len(extended.relations()) == len(system.relations()) + len(data["relations"])
    assert {org["id"] for org in data["organizations"]} <= {org.id for org in extended.organizations}


def test_synthetic_data_is_varied(generate: ModuleType) -> None:
    """The generated data has every kind of body, both kinds of relation, moves, dissolutions and changes of form."""
    data: dict[str, Any] = generate.dataset(400)
    kinds = {org["kind"] for org in data["organizations"]}
    assert {"ministry", "agency", "council", "business_federation", "organization"} <= kinds
    assert {"oversees", "contains", "funds"} <= {relation["kind"] for relation in data["relations"]}
    assert {"founded", "succeeded_by", "legal_form_changed", "renamed"} <= {event["kind"] for event in data["events"]}
    assert any("valid_until" in relation for relation in data["relations"])
    assert any("dissolved" in org for org in data["organizations"])
    assert any("legal_form" not in org for org in data["organizations"])


def test_legal_forms_agree_with_name_prefixes(generate: ModuleType) -> None:
    """A generated Japanese name with a legal-form prefix names the body's current legal form."""
    checked = 0
    for org in generate.dataset(400)["organizations"]:
        implied = jmp.LegalForm.from_name_ja(org["name_ja"])
        if implied is not None:
            assert jmp.LegalForm(org["legal_form"]) in implied, org
            checked += 1
    assert checked > 50


def test_quotes_are_in_the_excerpts(generate: ModuleType) -> None:
    """Every quote a generated citation makes is verbatim in an excerpt of the source it cites."""
    data: dict[str, Any] = generate.dataset(250)
    excerpts = {source["id"]: source["excerpts"] for source in data["sources"]}

    def citations(value: object) -> list[dict[str, str]]:
        if isinstance(value, dict):
            found = [c for c in value.get("sources", []) if isinstance(c, dict) and "quote" in c]
            return found + [c for child in value.values() for c in citations(child)]
        if isinstance(value, list):
            return [c for child in value for c in citations(child)]
        return []

    quoted = citations({key: value for key, value in data.items() if key != "sources"})
    assert len(quoted) > 250
    assert [c for c in quoted if not any(c["quote"] in excerpt for excerpt in excerpts[c["source"]])] == []


def test_overrides_pick_one_relation_each(generate: ModuleType, tmp_path: Path) -> None:
    """The generated overrides load over their data: annotated relations carry the note and the errata citation."""
    data: dict[str, Any] = generate.dataset(60, relations=600)
    fixes: dict[str, Any] = generate.overrides(data, 40)
    assert 600 == len(data["relations"])
    data_path, fixes_path = tmp_path / "data.json", tmp_path / "fixes.json"
    data_path.write_bytes(generate.dumps(data))
    fixes_path.write_bytes(json.dumps(fixes, ensure_ascii=False).encode())
    system = jmp.load(extra=[data_path, fixes_path], bundled=False)
    removed = sum(1 for item in fixes["overrides"] if item.get("remove"))
    assert len(system.relations()) == 600 - removed
    annotated = [r for r in system.relations() if r.note and r.note.startswith("Checked in January 2026")]
    assert len(annotated) == 40 - removed
    assert all(any(c.source == "syn-errata" for c in r.sources) for r in annotated)
