"""A corpus of bad data files, each with the errors it must produce, and fuzzing beyond it."""

from __future__ import annotations

import json
import string
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jp_mfg_policy as jmp
from jp_mfg_policy import _load

CORPUS = Path(__file__).with_name("bad_inputs")
EXPECTED: dict[str, list[list[str]]] = json.loads((CORPUS / "EXPECTED.json").read_text(encoding="utf-8"))


def test_corpus_is_large() -> None:
    """The corpus covers every kind of fault with at least forty files."""
    assert len(EXPECTED) >= 40
    assert sorted(EXPECTED) == sorted(path.name for path in CORPUS.iterdir() if path.name != "EXPECTED.json")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each bad file fails with exactly the problems it is listed with, and the cache is untouched."""
    if name == "oversize.json":
        monkeypatch.setattr(_load, "MAX_FILE_SIZE", 1024)
    before = jmp.load()
    path = CORPUS / name
    with pytest.raises(jmp.DataError) as info:
        jmp.load(extra=[path])
    problems = info.value.problems
    for where, what in EXPECTED[name]:
        assert any(p.file == str(path) and p.path.startswith(where) and what in p.message for p in problems), (
            where,
            what,
            [str(p) for p in problems],
        )
    assert len(problems) >= len(EXPECTED[name])
    assert all(p.file == str(path) for p in problems)
    assert before is jmp.load()


def test_faults_in_several_files() -> None:
    """Problems in several files are all reported, each with its own file."""
    paths = [CORPUS / "empty.json", CORPUS / "missing-name.json", CORPUS / "malformed-unclosed.json"]
    with pytest.raises(jmp.DataError) as info:
        jmp.load(extra=paths)
    assert {str(path) for path in paths} == {p.file for p in info.value.problems}


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
        "memberships",
        "overrides",
        "kind",
        "id",
        "name",
        "supervisor",
        "established",
        "sources",
        "source",
        "subject",
        "object",
        "valid_from",
        "set",
        "collection",
    ]
)
documentish = st.dictionaries(keys, json_values, max_size=5)


def _outcome(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.json"
    path.write_bytes(data)
    try:
        system = jmp.load(extra=[path])
    except jmp.DataError as exc:
        problems = exc.problems
    else:
        problems = ()
        assert isinstance(system, jmp.PolicySystem)
    assert all(isinstance(problem, jmp.Problem) for problem in problems)


FUZZ = settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(st.one_of(json_values, documentish))
def test_arbitrary_json(tmp_path: Path, document: Any) -> None:
    """Any JSON document gives a valid system or a DataError: never another exception."""
    _outcome(tmp_path, json.dumps(document).encode())


@FUZZ
@given(st.binary(max_size=200))
def test_arbitrary_bytes(tmp_path: Path, data: bytes) -> None:
    """Any bytes at all give a valid system or a DataError."""
    _outcome(tmp_path, data)


VALID = {
    "sources": [{"id": "my-notes", "title": "My notes", "publisher": "Me"}],
    "organizations": [
        {
            "kind": "agency",
            "id": "new-lab",
            "name": "New Lab",
            "name_ja": "新研究所",
            "established": "2020-04-01",
            "supervisor": "meti",
            "identifiers": [{"scheme": "ror", "value": "00k4n6c32", "sources": [{"source": "my-notes"}]}],
            "sources": [{"source": "my-notes"}],
        },
    ],
    "relations": [
        {
            "subject": "meti",
            "kind": "oversees",
            "object": "new-lab",
            "valid_from": "2020-04-01",
            "sources": [{"source": "my-notes"}],
        },
    ],
    "memberships": [
        {"body": "keidanren", "as_of": "2025-04-01", "companies": 1550, "sources": [{"source": "my-notes"}]}
    ],
    "overrides": [
        {
            "collection": "organizations",
            "id": "jpo",
            "set": {"website": "https://www.jpo.go.jp/e/"},
            "sources": [{"source": "my-notes"}],
        }
    ],
}


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


def test_valid_fixture_loads(tmp_path: Path) -> None:
    """The fixture the mutations start from is itself valid."""
    path = tmp_path / "valid.json"
    path.write_text(json.dumps(VALID, ensure_ascii=False), encoding="utf-8")
    system = jmp.load(extra=[path])
    assert "new-lab" in system
    assert "https://www.jpo.go.jp/e/" == system.organization("JPO").website
    assert str(path) == system.origin("JPO")


@FUZZ
@given(st.sampled_from(_paths(VALID)[1:]), st.one_of(json_values, st.just("__delete__")), st.data())
def test_mutations_of_a_valid_file(
    tmp_path: Path, where: tuple[Any, ...], replacement: Any, data: st.DataObject
) -> None:
    """Replacing or deleting any part of a valid file gives a valid system or a DataError."""
    document = json.loads(json.dumps(VALID))
    parent = document
    for step in where[:-1]:
        parent = parent[step]
    if replacement == "__delete__":
        del parent[where[-1]]
    else:
        parent[where[-1]] = replacement
    if data.draw(st.booleans()):  # sometimes also break a string in place
        text = json.dumps(document)
        cut = data.draw(st.integers(0, len(text)))
        text = text[:cut] + data.draw(st.text(string.printable, max_size=3)) + text[cut:]
        _outcome(tmp_path, text.encode())
    else:
        _outcome(tmp_path, json.dumps(document, ensure_ascii=False).encode())


def test_deep_nesting(tmp_path: Path) -> None:
    """A file nested too deeply for the parser is a DataError, not a crash."""
    _outcome(tmp_path, b"[" * 100_000 + b"]" * 100_000)
    path = tmp_path / "fuzz.json"
    with pytest.raises(jmp.DataError, match=r"nested too deeply|recursion"):
        jmp.load(extra=[path])
