"""Loading: the cache, user files, and whole-dataset validation."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

import jp_mfg_policy as jmp
from jp_mfg_policy import _load, _read

AGENCY = {
    "kind": "agency",
    "id": "test-institute",
    "name": "Test Institute",
    "supervisor": "meti",
    "established": "2020-04-01",
    "sources": [{"source": "test-notes"}],
}
SOURCE = {"id": "test-notes", "title": "My notes", "publisher": "Me"}
OVERSIGHT = {
    "subject": "meti",
    "kind": "oversees",
    "object": "test-institute",
    "valid_from": "2020-04-01",
    "sources": [{"source": "test-notes"}],
}


def _write(tmp_path: Path, document: Any, name: str = "extra.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def _messages(tmp_path: Path, document: Any) -> list[str]:
    with pytest.raises(jmp.DataError) as info:
        jmp.load(extra=[_write(tmp_path, document)])
    return [f"{p.path}: {p.message}" for p in info.value.problems]


class TestCache:
    def test_same_object(self) -> None:
        """load() without extra returns the same object every call."""
        assert jmp.load() is jmp.load()

    def test_import_reads_no_data(self) -> None:
        """Importing the package opens no data file; the first load opens each bundled file once."""
        code = (
            "import sys\n"
            "opened = []\n"
            "sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == 'open' else None)\n"
            "import jp_mfg_policy\n"
            "print(sum('/data/' in path for path in opened))\n"
            "jp_mfg_policy.load(); jp_mfg_policy.load()\n"
            "print(sum('/data/' in path for path in opened))\n"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        assert f"0\n{len(_load.BUNDLED_FILES)}\n" == out

    def test_threads_build_once(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Sixteen threads asking at once get one system, built once."""
        monkeypatch.setattr(_load, "_bundled", None)
        builds = []
        real_build = _read.build
        barrier = threading.Barrier(16)

        def counting_build(documents: Any) -> jmp.PolicySystem:
            builds.append(1)
            return real_build(documents)

        monkeypatch.setattr(_read, "build", counting_build)
        results: list[jmp.PolicySystem] = []

        def worker() -> None:
            barrier.wait()
            results.append(jmp.load())

        threads = [threading.Thread(target=worker) for _ in range(16)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert 1 == len(builds)
        assert 16 == len(results)
        assert all(result is results[0] for result in results)


class TestExtra:
    def test_adds_a_body(self, tmp_path: Path) -> None:
        """A user file adds bodies, sources and relations, validated with the bundled data."""
        path = _write(tmp_path, {"sources": [SOURCE], "organizations": [AGENCY], "relations": [OVERSIGHT]})
        system = jmp.load(extra=[path])
        assert "test-institute" in {body.id for body in system.children("METI")}
        assert system is not jmp.load()
        assert "test-institute" not in jmp.load()

    def test_failed_load_leaves_cache(self, tmp_path: Path) -> None:
        """A failed load leaves the cached system exactly as it was."""
        before = jmp.load()
        snapshot = (len(before), before.organizations, before.relations())
        with pytest.raises(jmp.DataError):
            jmp.load(extra=[_write(tmp_path, {"organizations": [AGENCY]})])
        assert before is jmp.load()
        assert snapshot == (len(before), before.organizations, before.relations())

    def test_duplicate_id(self, tmp_path: Path) -> None:
        """Reusing a bundled id is an error naming both places."""
        messages = _messages(tmp_path, {"sources": [SOURCE], "organizations": [AGENCY | {"id": "meti"}]})
        assert any(m.startswith("$.organizations[0].id: duplicate id 'meti' (first used at") for m in messages)

    def test_dangling_references(self, tmp_path: Path) -> None:
        """References to unknown ids are errors, each at its path."""
        document: dict[str, Any] = {
            "sources": [SOURCE],
            "organizations": [AGENCY | {"supervisor": "nowhere", "sources": [{"source": "nothing"}]}],
            "relations": [OVERSIGHT | {"subject": "ghost"}],
        }
        messages = _messages(tmp_path, document)
        assert "$.organizations[0].supervisor: unknown organization id 'nowhere'" in messages
        assert "$.organizations[0].sources[0].source: unknown source id 'nothing'" in messages
        assert "$.relations[0].subject: unknown entity id 'ghost'" in messages

    def test_cycle(self, tmp_path: Path) -> None:
        """A cycle in oversight is an error."""
        document = {
            "sources": [SOURCE],
            "organizations": [AGENCY],
            "relations": [
                OVERSIGHT,
                OVERSIGHT | {"subject": "test-institute", "object": "meti", "valid_from": None},
            ],
        }
        messages = _messages(tmp_path, document)
        assert any("cycle in the hierarchy" in m for m in messages), messages

    def test_dates_out_of_order(self, tmp_path: Path) -> None:
        """A body dissolved before it was established is an error."""
        document = {"sources": [SOURCE], "organizations": [AGENCY | {"dissolved": "2019", "supervisor": None}]}
        assert ["$.organizations[0].dissolved: ends (2019) before it begins (2020-04-01)"] == _messages(
            tmp_path, document
        )

    def test_no_source(self, tmp_path: Path) -> None:
        """A record without a source is an error."""
        document: dict[str, Any] = {"organizations": [AGENCY | {"sources": [], "supervisor": None}]}
        assert ["$.organizations[0].sources: no source cited: every statement must name its source"] == _messages(
            tmp_path, document
        )

    def test_name_clash(self, tmp_path: Path) -> None:
        """A new body may not take a name that already finds another."""
        document = {"sources": [SOURCE], "organizations": [AGENCY | {"acronym": "ＭＥＴＩ", "supervisor": None}]}
        messages = _messages(tmp_path, document)
        assert any("which already names 'meti'" in m for m in messages), messages

    def test_file_problems(self, tmp_path: Path) -> None:
        """Unreadable, empty, malformed and non-UTF-8 files are each reported with their file."""
        empty = tmp_path / "empty.json"
        empty.write_bytes(b"")
        broken = tmp_path / "broken.json"
        broken.write_bytes(b'{"organizations": [\n  {"id": }\n]}')
        latin = tmp_path / "latin.json"
        latin.write_bytes('{"organizations": [{"name": "K\xf6ln"}]}'.encode("latin-1"))
        missing = tmp_path / "missing.json"
        with pytest.raises(jmp.DataError) as info:
            jmp.load(extra=[empty, broken, latin, missing])
        problems = {Path(p.file).name: p.message for p in info.value.problems}
        assert "the file is empty" == problems["empty.json"]
        assert problems["broken.json"].startswith("malformed JSON at line 2, column 10")
        assert problems["latin.json"].startswith("not UTF-8: byte")
        assert problems["missing.json"].startswith("cannot read the file")

    def test_duplicate_keys(self, tmp_path: Path) -> None:
        """A key given twice in one object is an error, not a silent overwrite."""
        path = tmp_path / "twice.json"
        path.write_text('{"sources": [], "sources": []}', encoding="utf-8")
        with pytest.raises(jmp.DataError, match="duplicate key 'sources'"):
            jmp.load(extra=[path])

    def test_not_a_document(self, tmp_path: Path) -> None:
        """A file must be an object naming at least one collection."""
        assert ["$: the file must hold a JSON object whose keys name collections"] == _messages(tmp_path, [])
        messages = _messages(tmp_path, {"bodies": []})
        assert messages[0].startswith("$: no collection found")

    def test_error_is_value_error(self, tmp_path: Path) -> None:
        """DataError is a ValueError whose text lists each problem on its own line."""
        path = tmp_path / "extra.json"
        path.write_bytes(b" \n")
        with pytest.raises(ValueError, match=r"invalid data \(1 problem\):\n  .*extra.json: \$: the file is empty"):
            jmp.load(extra=[path])
