"""A corpus of bad data files, each with the problems it must produce, and fuzzing beyond it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jp_mfg_policy as jmp

CORPUS = Path(__file__).with_name("bad_inputs")
EXPECTED: dict[str, list[list[str]]] = json.loads((CORPUS / "EXPECTED.json").read_text(encoding="utf-8"))


def test_corpus_is_complete() -> None:
    """Every file of the corpus has its expected problems, and the corpus covers every rule (over 90 files)."""
    assert sorted(EXPECTED) == sorted(path.name for path in CORPUS.iterdir() if path.name != "EXPECTED.json")
    assert len(EXPECTED) >= 90


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file(name: str) -> None:
    """Each bad file fails with exactly its problems, each in that file at its path; nothing is loaded."""
    before = jmp.load()
    path = CORPUS / name
    with pytest.raises(jmp.DataError) as info:
        jmp.load(extra=[path], max_file_size=1024 if name == "oversize.json" else jmp.MAX_FILE_SIZE)
    found = [[p.path, p.message] for p in info.value.problems]
    assert len(EXPECTED[name]) == len(found), found
    for (where, what), (path_found, message) in zip(EXPECTED[name], found, strict=True):
        assert where == path_found
        assert message.startswith(what), (what, message)
    assert all(p.file == str(path) for p in info.value.problems)
    assert before is jmp.load()


def test_faults_in_several_files() -> None:
    """Problems in several files are all reported together, each with its own file."""
    names = ["empty.json", "missing-name.json", "malformed-unclosed.json", "dangling-event.json"]
    with pytest.raises(jmp.DataError) as info:
        jmp.load(extra=[CORPUS / name for name in names])
    assert {str(CORPUS / name) for name in names} == {p.file for p in info.value.problems}


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=25,
)
keys = st.sampled_from(
    [
        "organizations",
        "relations",
        "events",
        "sources",
        "laws",
        "programs",
        "plans",
        "coverage",
        "overrides",
        "kind",
        "id",
        "name",
        "established",
        "source",
        "subject",
        "object",
        "valid_from",
        "set",
        "collection",
        "former_names",
        "legal_form",
        "to_value",
        "date",
        "body",
        "other",
        "as_of",
        "$schema",
    ]
)
documents = st.dictionaries(
    keys, json_values | st.lists(st.dictionaries(keys, json_values, max_size=6), max_size=3), max_size=5
)


def _problems(path: Path) -> list[jmp.Problem]:
    """The problems loading *path* reports (none if it loads); any other exception fails the test."""
    try:
        jmp.load(extra=[path])
    except jmp.DataError as exc:
        problems = list(exc.problems)
    else:
        return []
    assert problems, "a DataError names at least one problem"
    return problems


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(documents)
def test_fuzz_documents(tmp_path: Path, document: dict[str, Any]) -> None:
    """Arbitrary JSON-shaped documents give a system or a DataError, never another exception."""
    path = tmp_path / "fuzz.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    problems = _problems(path)
    assert all(p.file == str(path) or p.file.startswith("jp_mfg_policy/") for p in problems)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=200))
def test_fuzz_bytes(tmp_path: Path, data: bytes) -> None:
    """Arbitrary bytes give a DataError (or, by chance, a system), never another exception."""
    path = tmp_path / "fuzz.json"
    path.write_bytes(data)
    _problems(path)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_fuzz_mutations(tmp_path: Path, data: st.DataObject) -> None:
    """A valid file with one value replaced loads, or fails with a DataError naming the file."""
    base: dict[str, Any] = {
        "sources": [{"id": "mine", "title": "T", "publisher": "P"}],
        "organizations": [
            {"kind": "agency", "id": "lab", "name": "Lab", "established": "2001", "sources": [{"source": "mine"}]}
        ],
        "relations": [
            {
                "subject": "meti",
                "kind": "oversees",
                "object": "lab",
                "valid_from": "2002",
                "sources": [{"source": "mine"}],
            }
        ],
    }
    collection = data.draw(st.sampled_from(["sources", "organizations", "relations"]))
    record = base[collection][0]
    field = data.draw(st.sampled_from(sorted(record)))
    record[field] = data.draw(json_values)
    path = tmp_path / "mutated.json"
    path.write_text(json.dumps(base), encoding="utf-8")
    problems = _problems(path)
    assert not problems or any(p.file == str(path) for p in problems)
