"""Loading: the cache, user files, bounded reads, valid text and numbers, and refusing misuse clearly."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import jp_mfg_policy as jmp
from conftest import WriteData, cite, problems_of
from jp_mfg_policy._registry import COLLECTIONS, ORGANIZATIONS

MINIMAL = {
    "sources": [{"id": "mine", "title": "My notes", "publisher": "Me", "url": "https://example.org/"}],
    "organizations": [
        {"kind": "agency", "id": "my-lab", "name": "My Laboratory", "established": "2020", "sources": cite("mine")}
    ],
}


#: The modules of the classes of laws, programmes, plans, strategies, publications and awards.
POLICY_MODULES = tuple(sorted({c.cls.__module__ for c in COLLECTIONS if c.entity and c is not ORGANIZATIONS}))


class TestCache:
    def test_same_object(self) -> None:
        """Without extra files, every load returns the one cached system."""
        assert jmp.load() is jmp.load()

    def test_one_build_for_many_threads(self) -> None:
        """Sixteen threads asking at once for a fresh process's system get one object."""
        code = (
            "import threading, jp_mfg_policy as jmp\n"
            "found = []\n"
            "threads = [threading.Thread(target=lambda: found.append(jmp.load().get('METI'))) for _ in range(16)]\n"
            "[t.start() for t in threads]; [t.join() for t in threads]\n"
            "print(len({id(x) for x in found}), len(found))\n"
        )
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        assert "1 16" == result.stdout.strip()

    def test_import_reads_nothing(self) -> None:
        """Importing the package opens no data file and imports neither cattrs nor the model."""
        code = (
            "import sys\n"
            "opened = []\n"
            "sys.addaudithook(lambda event, args: opened.append(args[0]) if event == 'open' else None)\n"
            "import jp_mfg_policy\n"
            "print([p for p in opened if 'jp_mfg_policy' in str(p) and str(p).endswith('.json')],"
            f" 'cattrs' in sys.modules, any(m in sys.modules for m in {POLICY_MODULES!r}))\n"
        )
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        assert "[] False False" == result.stdout.strip()

    def test_a_body_question_builds_that_body(self) -> None:
        """Looking up a body by name builds that body alone: no collection, no policy classes, no cattrs."""
        code = (
            "import sys, jp_mfg_policy as jmp\n"
            "from jp_mfg_policy import _load\n"
            "system = jmp.load()\n"
            "meti = system.get('METI')\n"
            f"policy = any(m in sys.modules for m in {POLICY_MODULES!r})\n"
            "print(repr(system.dataset), '|', sorted(_load._single), policy, 'cattrs' in sys.modules)\n"
            "print(meti is system.get('経済産業省') is next(o for o in system.organizations if o.id == 'meti'))\n"
        )
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        first, second = result.stdout.splitlines()
        assert "<Dataset: collections not yet read> | [('organizations', 'meti')] False False" == first
        assert "True" == second  # the body built alone is the one the collection holds once built

    def test_gc_untouched(self) -> None:
        """Loading never switches the garbage collector off, not even for a moment."""
        code = (
            "import gc, sys\n"
            "calls = []\n"
            "real = gc.disable\n"
            "gc.disable = lambda: calls.append('disable') or real()\n"
            "import jp_mfg_policy as jmp\n"
            "s = jmp.load(); s.get('METI'); s.at(1999); s.search('patent'); len(s.to_json())\n"
            "print(calls, gc.isenabled())\n"
        )
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        assert "[] True" == result.stdout.strip()


class TestUserFiles:
    def test_extra_data(self, write_data: WriteData, system: jmp.PolicySystem) -> None:
        """A user file adds to the bundled data, validated as one whole; the cached system is untouched."""
        path = write_data(MINIMAL)
        extended = jmp.load(extra=[path])
        assert "My Laboratory" == extended.get("my-lab").name
        assert str(path) == extended.origin("my-lab")
        assert "my-lab" not in system
        assert len(extended.organizations) == len(system.organizations) + 1

    def test_toml_in_any_case(self, write_data: WriteData) -> None:
        """A .toml (or .TOML) file is read as TOML."""
        text = (
            '[[sources]]\nid = "mine"\ntitle = "T"\npublisher = "P"\n\n'
            '[[organizations]]\nkind = "agency"\nid = "my-lab"\nname = "L"\nestablished = 2020-04-01\n'
            '[[organizations.sources]]\nsource = "mine"\n'
        )
        for name in ("mine.toml", "MINE.TOML"):
            system = jmp.load(extra=[write_data(text, name)])
            assert jmp.PartialDate(2020, 4, 1) == system.organization("my-lab").established

    def test_bundled_false(self, write_data: WriteData) -> None:
        """With bundled=False only the given files are read."""
        system = jmp.load(extra=[write_data(MINIMAL)], bundled=False)
        assert ["my-lab"] == [org.id for org in system.organizations]

    def test_one_path_is_refused(self, write_data: WriteData) -> None:
        """extra is a list of paths: a single string or Path is a TypeError saying so."""
        path = write_data(MINIMAL)
        for wrong in (str(path), path):
            with pytest.raises(TypeError, match="a list of paths"):
                jmp.load(extra=wrong)  # type: ignore[arg-type]

    def test_bytes_path(self) -> None:
        """A bytes path is a TypeError naming what extra takes."""
        with pytest.raises(TypeError, match=r"str or an os\.PathLike"):
            jmp.load(extra=[b"mine.json"])  # type: ignore[list-item]

    def test_nul_in_path(self) -> None:
        """A path with a NUL byte is a DataError naming that path."""
        with pytest.raises(jmp.DataError, match="NUL byte"):
            jmp.load(extra=["mi\0ne.json"])

    def test_bad_limit(self) -> None:
        """max_file_size is a positive number of bytes."""
        with pytest.raises(ValueError, match="max_file_size"):
            jmp.load(extra=[], max_file_size=0)


class TestBoundedReads:
    @pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
    def test_devices(self, device: str) -> None:
        """A device is refused at once, before any read."""
        with pytest.raises(jmp.DataError, match="not a regular file but a character device"):
            jmp.load(extra=[device])

    def test_fifo(self, tmp_path: Path) -> None:
        """A FIFO with no writer is refused at once instead of blocking."""
        fifo = tmp_path / "pipe.json"
        os.mkfifo(fifo)
        outcome: list[BaseException] = []

        def load() -> None:
            try:
                jmp.load(extra=[fifo])
            except jmp.DataError as exc:
                outcome.append(exc)

        thread = threading.Thread(target=load, daemon=True)
        thread.start()
        thread.join(timeout=10)
        assert not thread.is_alive(), "loading a FIFO blocked"
        assert "FIFO" in str(outcome[0])

    def test_directory(self, tmp_path: Path) -> None:
        """A directory is refused, named as one."""
        with pytest.raises(jmp.DataError, match="not a regular file but a directory"):
            jmp.load(extra=[tmp_path])

    def test_size_limit(self, write_data: WriteData) -> None:
        """A file over the limit is refused; one at the limit is read."""
        path = write_data(MINIMAL)
        size = path.stat().st_size
        assert jmp.load(extra=[path], max_file_size=size)
        with pytest.raises(jmp.DataError, match=f"over the limit of {size - 1:,} bytes"):
            jmp.load(extra=[path], max_file_size=size - 1)

    def test_many_small_values(self, write_data: WriteData) -> None:
        """A legal-sized file of tiny values is refused by its count of values, before parsing."""
        path = write_data('{"sources": [' + ",".join(["[]"] * 200_000) + "]}")
        with pytest.raises(jmp.DataError, match="values, over the limit"):
            jmp.load(extra=[path], max_file_size=1_000_000)

    def test_missing_file(self, tmp_path: Path) -> None:
        """A file that is not there is named, with the reason."""
        with pytest.raises(jmp.DataError, match="cannot read the file: No such file"):
            jmp.load(extra=[tmp_path / "nope.json"])


class TestValidText:
    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ('{"sources": [{"id": "s", "title": "\\ud800", "publisher": "P"}]}', "lone UTF-16 surrogate"),
            ('{"sources": [{"id": "s", "title": "\\udc00x", "publisher": "P"}]}', "lone UTF-16 surrogate"),
            (
                '{"plans": [{"id": "p", "name": "P", "targets": [{"indicator": "i", "value": NaN, "unit": "%"}]}]}',
                "NaN is not a number",
            ),
            (
                '{"plans": [{"id": "p", "name": "P", "targets": [{"indicator": "i", "value": Infinity, "unit": "%"}]}]}',  # noqa: E501 - one document a line
                "Infinity is not a number",
            ),
            (
                '{"plans": [{"id": "p", "name": "P", "targets": [{"indicator": "i", "value": 1e400, "unit": "%"}]}]}',
                "not finite",
            ),
            ('{"memberships": [{"body": "x", "as_of": "2001", "companies": ' + "9" * 5000 + "}]}", "digits"),
            ('{"sources": [], "sources": []}', "the key 'sources' appears twice"),
        ],
    )
    def test_refused(self, write_data: WriteData, text: str, message: str) -> None:
        """Lone surrogates, NaN, infinities, overflowing numbers and duplicate keys are refused."""
        with pytest.raises(jmp.DataError, match=message):
            jmp.load(extra=[write_data(text)], bundled=False)

    def test_paired_surrogates_are_text(self, write_data: WriteData) -> None:
        """An astral character written as a surrogate pair escape is fine."""
        text = '{"sources": [{"id": "s", "title": "\\ud83c\\udfed factory", "publisher": "P"}]}'
        assert "🏭 factory" == jmp.load(extra=[write_data(text)], bundled=False).source("s").title

    def test_toml_nan(self, write_data: WriteData) -> None:
        """TOML's nan and inf are refused too."""
        text = '[[plans]]\nid = "p"\nname = "P"\n[[plans.targets]]\nindicator = "i"\nvalue = nan\nunit = "%"\n'
        with pytest.raises(jmp.DataError, match="not finite"):
            jmp.load(extra=[write_data(text, "x.toml")], bundled=False)

    def test_duplicate_key_paths(self, write_data: WriteData) -> None:
        """Each duplicate key is reported at the object that holds it."""
        text = '{"organizations": [{"kind": "agency", "id": "a", "name": "A", "name": "B"}]}'
        with pytest.raises(jmp.DataError) as caught:
            jmp.load(extra=[write_data(text)], bundled=False)
        assert ("$.organizations[0]", "the key 'name' appears twice in one object") in [
            (p, m) for _, p, m in problems_of(caught.value)
        ]


class TestErrors:
    def test_data_error_pickles(self, write_data: WriteData) -> None:
        """A DataError survives pickling with the same message and problems."""
        with pytest.raises(jmp.DataError) as caught:
            jmp.load(extra=[write_data({"organizations": 3})], bundled=False)
        again = pickle.loads(pickle.dumps(caught.value))
        assert str(caught.value) == str(again)
        assert caught.value.problems == again.problems

    def test_bounded_quotation(self, write_data: WriteData) -> None:
        """A message quotes at most a bounded prefix of a long input."""
        with pytest.raises(jmp.DataError) as caught:
            jmp.load(
                extra=[write_data({"organizations": [{"kind": "x" * 100_000, "id": "a", "name": "A"}]})], bundled=False
            )
        assert len(str(caught.value)) < 1_000

    def test_every_problem_from_every_file(self, write_data: WriteData) -> None:
        """A malformed file does not hide another file's dangling reference: one load reports both."""
        broken = write_data("{not json")
        dangling = write_data(
            {"relations": [{"subject": "meti", "kind": "funds", "object": "nobody", "sources": cite()}]}
        )
        with pytest.raises(jmp.DataError) as caught:
            jmp.load(extra=[broken, dangling])
        found = problems_of(caught.value)
        assert any(name == broken.name and "malformed JSON" in message for name, _, message in found)
        assert any(name == dangling.name and "unknown entity id 'nobody'" in message for name, _, message in found)


def test_problems_of_an_array_are_bounded(write_data: WriteData) -> None:
    """A file of many bad values reports the first MAX_PROBLEMS_PER_ARRAY of them, at their indexes, and stops."""
    from jp_mfg_policy._serde import MAX_PROBLEMS_PER_ARRAY

    path = write_data({"organizations": [1.5] * (MAX_PROBLEMS_PER_ARRAY * 50)})
    with pytest.raises(jmp.DataError) as caught:
        jmp.load(extra=[path])
    paths = [problem.path for problem in caught.value.problems]
    assert [f"$.organizations[{index}]" for index in range(MAX_PROBLEMS_PER_ARRAY)] == paths


def test_a_source_can_be_corrected(write_data: WriteData) -> None:
    """An override corrects a source like any other record, and the corrected source names the override's file."""
    path = write_data(
        {
            "sources": [{"id": "mine", "title": "My check", "publisher": "Me"}],
            "overrides": [
                {
                    "collection": "sources",
                    "id": "cambridge-actors",
                    "set": {"accessed": "2026-11-28"},
                    "sources": cite("mine"),
                }
            ],
        }
    )
    system = jmp.load(extra=[path])
    assert jmp.PartialDate(2026, 11, 28) == system.source("cambridge-actors").accessed
    assert str(path) == system.origin(system.source("cambridge-actors"))


class TestOneRecordAlone:
    """A question about one source builds that source alone, and the same record as its whole collection's."""

    def test_every_source_built_alone_equals_the_one_built_with_all(self) -> None:
        from jp_mfg_policy._build import build_records
        from jp_mfg_policy._load import _bundled_raw, _bundled_record

        raw = _bundled_raw("sources")
        assert len(raw) > 100
        together = {source.id: source for source in build_records("sources", raw)}
        assert together == {item["id"]: _bundled_record("sources", item["id"]) for item in raw}
        assert _bundled_record("sources", "no-such-source") is None

    def test_source_does_not_build_the_sources(self) -> None:
        from jp_mfg_policy._dataset import Dataset
        from jp_mfg_policy._load import _bundled_origin, _bundled_record, _bundled_records
        from jp_mfg_policy._registry import SOURCES

        dataset = Dataset.deferred(_bundled_records, _bundled_origin, _bundled_record)
        system = jmp.PolicySystem(dataset)
        found = system.source("ror-meti")
        assert not dataset.built(SOURCES)
        assert found == next(source for source in dataset[SOURCES] if source.id == "ror-meti")
        assert dataset.built(SOURCES)
        assert found is system.source("ror-meti")  # the record built alone is the collection's

    def test_bundled_files_in_one_layout(self, bundled_files: list[Path]) -> None:
        """Every bundled file is written as json.dumps(indent=2) writes it: the layout single records are found by."""
        for path in bundled_files:
            text = path.read_text(encoding="utf-8")
            assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n", path.name

    def test_every_record_found_alone_without_parsing_its_file(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Each record with an id is found in its file's text; the file is never parsed whole."""
        from jp_mfg_policy import _load
        from jp_mfg_policy._load import _bundled_item, _bundled_raw
        from jp_mfg_policy._registry import COLLECTIONS

        checked = 0
        for collection in COLLECTIONS:
            records = [item for item in _bundled_raw(collection.name) if "id" in item]
            if not records:
                continue
            parsed: dict[str, object] = {}
            for name, value in (("_files", parsed), ("_bytes", {}), ("_arrays", {})):
                monkeypatch.setattr(_load, name, value)
            for item in records:
                assert item == _bundled_item(collection.name, item["id"])
                checked += 1
            assert {} == parsed, collection.name
        assert checked > 500

    @pytest.mark.parametrize("collection", ["sources", "organizations", "strategies", "plans", "awards"])
    def test_the_answer_does_not_depend_on_the_layout(self, collection: str, monkeypatch: pytest.MonkeyPatch) -> None:
        """Written in another layout (one line), every record is still found, from the file parsed whole."""
        from jp_mfg_policy import _load
        from jp_mfg_policy._build import read_bundled
        from jp_mfg_policy._load import _bundled_item, _bundled_raw
        from jp_mfg_policy._registry import BY_NAME

        records = _bundled_raw(collection)
        name = BY_NAME[collection].file
        parsed: dict[str, object] = {}
        one_line = json.dumps(json.loads(read_bundled(name)), ensure_ascii=False).encode()
        for table, value in (("_files", parsed), ("_bytes", {name: one_line}), ("_arrays", {})):
            monkeypatch.setattr(_load, table, value)
        assert all(item == _bundled_item(collection, item["id"]) for item in records)
        assert parsed  # found in the file parsed whole

    @pytest.mark.parametrize(
        ("collection", "text"),
        [
            ("sources", "web_page"),
            ("organizations", "ministry"),
            ("strategies", "basic-plan-1"),
            ("awards", "biennial"),
        ],
    )
    def test_a_text_that_is_no_record_id_is_no_record(
        self, collection: str, text: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A text in the file that is no record's id in the collection (a kind, another collection's id) finds none."""
        from jp_mfg_policy import _load
        from jp_mfg_policy._build import read_bundled
        from jp_mfg_policy._load import _bundled_item
        from jp_mfg_policy._registry import BY_NAME

        assert json.dumps(text).encode() in read_bundled(BY_NAME[collection].file)
        for table in ("_files", "_bytes", "_arrays"):
            monkeypatch.setattr(_load, table, {})
        assert _bundled_item(collection, text) is None

    def test_an_id_nowhere_in_the_file_is_answered_without_parsing_it(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """An id that is nowhere in a file's text is in none of its records: the file is not parsed."""
        from jp_mfg_policy import _load
        from jp_mfg_policy._load import _bundled_item
        from jp_mfg_policy._registry import COLLECTIONS

        parsed: dict[str, object] = {}
        for table, value in (("_files", parsed), ("_bytes", {}), ("_arrays", {})):
            monkeypatch.setattr(_load, table, value)
        for collection in COLLECTIONS:
            assert _bundled_item(collection.name, "no-such-record") is None
        assert {} == parsed

    def test_no_json_kept_once_built(self) -> None:
        """Once every collection of a bundled file is built, its JSON (parsed or read) is dropped."""
        code = (
            "import jp_mfg_policy as jmp\n"
            "from jp_mfg_policy import _load\n"
            "system = jmp.load()\n"
            "system.source('ror-meti'); system.get('METI')\n"
            "print(sorted(_load._files), sorted(_load._bytes))\n"
            "system.dataset.records()\n"
            "print(sorted(_load._files), sorted(_load._bytes))\n"
        )
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        assert "['organizations.json'] ['sources.json']\n[] []" == result.stdout.strip()  # names read, a source found

    def test_find_without_a_finder_searches_the_collection(self) -> None:
        from jp_mfg_policy._dataset import Dataset
        from jp_mfg_policy._registry import SOURCES

        system = jmp.load()
        dataset = Dataset(system.dataset.records())
        assert system.source("ror-meti") == dataset.find(SOURCES, "ror-meti")
        assert dataset.find(SOURCES, "no-such-source") is None
        with pytest.raises(jmp.UnknownEntityError):
            jmp.PolicySystem(Dataset.deferred(lambda _: (), lambda _: "nowhere", lambda _c, _i: None)).source("x")


def test_bundled_data_is_read_from_a_zip(tmp_path: Path) -> None:
    """The bundled files are read through the package's loader: the package imported from a zip reads them."""
    import zipfile

    package = Path(jmp.__file__).parent
    archive = tmp_path / "packaged.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in package.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                zipped.write(path, path.relative_to(package.parent).as_posix())
    import attrs

    # Without site (-S), so that no editable install's finder can answer first: the zip, then attrs' folder.
    folders = [str(archive), str(Path(attrs.__file__).parents[1])]
    code = f"import sys; sys.path[:0] = {folders!r}; import jp_mfg_policy as j; s = j.load(); "
    code += "print(j.__file__, s.get('METI').id, s.source('ror-meti').id)"
    done = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    where, body, source = done.stdout.split()
    assert where.startswith(str(archive)), where
    assert (body, source) == ("meti", "ror-meti")
