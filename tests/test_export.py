"""Exports: round trips, every collection in every format, safe CSV, BibTeX, Mermaid and DOT, atomic writes."""

from __future__ import annotations

import copy
import csv
import io
import json
import pickle
import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import jp_mfg_policy as jmp
from conftest import ROOT, WriteData, cite
from jp_mfg_policy import _chart, _cite, _export
from jp_mfg_policy._fields import REFERS_TO, json_name
from jp_mfg_policy._registry import COLLECTIONS, Collection
from jp_mfg_policy._tables import LONG_TABLES, tables
from strategies import slugs

FORMATS = ("json", "jsonl", "csv", "datapackage")
FOLDER_FORMATS = ("jsonl", "csv", "datapackage")
BOM = b"\xef\xbb\xbf"
# What a spreadsheet runs as a formula at the start of a cell (OWASP), and what may hide it.
TRIGGERS = ("=", "+", "-", "@")
HIDING = ("\t", "\r", "\n")
MY_SOURCE = {"id": "mine", "title": "My notes", "publisher": "Me", "url": "https://example.org/"}


def _system_with(write_data: WriteData, organizations: list[dict[str, Any]], **more: Any) -> jmp.PolicySystem:
    """A system of only the given user records (and one source), loaded as users load theirs."""
    document: dict[str, Any] = {"sources": [MY_SOURCE, *more.pop("sources", [])], "organizations": organizations}
    document.update(more)
    return jmp.load(extra=[write_data(document)], bundled=False)


def _body(ident: str, **fields: Any) -> dict[str, Any]:
    return {
        "kind": "agency",
        "id": ident,
        "name": ident.upper(),
        "established": "2020",
        "sources": cite("mine"),
        **fields,
    }


def _files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def _csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _cells(folder: Path) -> Iterator[tuple[str, str]]:
    """Every cell of every CSV file in *folder*, header rows excluded, with its file name."""
    for path in sorted(folder.glob("*.csv")):
        for row in _csv_rows(path.read_bytes())[1:]:
            for cell in row:
                yield path.name, cell


@pytest.fixture(name="exported", scope="module")
def _exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The bundled system exported once in every format."""
    system = jmp.load()
    root = tmp_path_factory.mktemp("exports")
    paths = {fmt: root / (f"{fmt}.json" if fmt == "json" else fmt) for fmt in FORMATS}
    for fmt, path in paths.items():
        system.export(path, format=fmt)
    return paths


class TestRoundTrips:
    def test_every_collection_has_records(self, system: jmp.PolicySystem) -> None:
        """The bundled data holds records of every collection, so that the round trips below test each one."""
        assert [c.name for c in COLLECTIONS if not system.dataset[c]] == []

    def test_json_loads_back_equal(self, system: jmp.PolicySystem, exported: dict[str, Path]) -> None:
        """The JSON export loads back, without the bundled data, as an equal system, collection by collection."""
        loaded = jmp.load(extra=[exported["json"]], bundled=False)
        for collection in COLLECTIONS:
            assert system.dataset[collection] == loaded.dataset[collection], collection.name
        assert loaded.as_of is None
        assert system == loaded

    def test_to_json_is_the_json_export(self, system: jmp.PolicySystem, exported: dict[str, Path]) -> None:
        """`to_json()` is the text the JSON export writes."""
        assert system.to_json() == exported["json"].read_text(encoding="utf-8")

    @pytest.mark.parametrize("when", [1999, "FY2005", "1960-06-30"])
    def test_snapshot_loads_back_equal(self, system: jmp.PolicySystem, tmp_path: Path, when: object) -> None:
        """A snapshot from `at()` exported as JSON loads back as an equal snapshot of the same day."""
        snapshot = system.at(when)
        path = tmp_path / "snapshot.json"
        snapshot.export(path)
        loaded = jmp.load(extra=[path], bundled=False)
        assert snapshot.as_of == loaded.as_of
        for collection in COLLECTIONS:
            assert snapshot.dataset[collection] == loaded.dataset[collection], collection.name
        assert snapshot == loaded
        assert {e.id for e in snapshot} == {e.id for e in loaded}

    def test_snapshot_of_1999_differs_from_the_whole(self, system: jmp.PolicySystem, tmp_path: Path) -> None:
        """The 1999 snapshot's export is not the whole record's (METI, founded 2001, is not in it)."""
        path = tmp_path / "1999.json"
        system.at(1999).export(path)
        loaded = jmp.load(extra=[path], bundled=False)
        assert loaded != system
        assert "MITI" in loaded
        assert "METI" not in loaded

    def test_user_data_round_trip(self, system: jmp.PolicySystem, write_data: WriteData, tmp_path: Path) -> None:
        """Bundled plus user data exported as JSON loads back alone as an equal system, user records included."""
        user = jmp.load(extra=[write_data({"sources": [MY_SOURCE], "organizations": [_body("my-lab")]})])
        path = tmp_path / "all.json"
        user.export(path)
        loaded = jmp.load(extra=[path], bundled=False)
        assert user == loaded
        assert loaded.get("my-lab").name == "MY-LAB"
        assert len(loaded) == len(system) + 1

    @pytest.mark.parametrize("when", [None, 1999])
    def test_pickle(self, system: jmp.PolicySystem, when: int | None) -> None:
        """A system and a snapshot pickle to an equal system that answers queries."""
        original = system if when is None else system.at(when)
        restored = pickle.loads(pickle.dumps(original))
        assert restored == original
        assert restored.as_of == original.as_of
        assert restored.get("MITI").id == "miti"
        assert [e.id for e in restored] == [e.id for e in original]

    @pytest.mark.parametrize("when", [None, 1999])
    def test_deepcopy(self, system: jmp.PolicySystem, when: int | None) -> None:
        """A system and a snapshot deep-copy to an equal system that answers queries."""
        original = system if when is None else system.at(when)
        copied = copy.deepcopy(original)
        assert copied == original
        assert copied.children("MITI" if when else "METI") == original.children("MITI" if when else "METI")

    def test_user_system_pickles(self, write_data: WriteData) -> None:
        """A system with user records pickles with them (multiprocessing sends systems to workers)."""
        user = _system_with(write_data, [_body("my-lab")])
        assert pickle.loads(pickle.dumps(user)) == user


def _collection_params() -> list[Any]:
    return [pytest.param(collection, id=collection.name) for collection in COLLECTIONS]


class TestEveryCollectionEverywhere:
    """Derived from the registry: a collection added without export support fails here."""

    @pytest.mark.parametrize("collection", _collection_params())
    def test_json(self, system: jmp.PolicySystem, exported: dict[str, Path], collection: Collection[Any]) -> None:
        """The JSON export holds every collection, every record."""
        document = json.loads(exported["json"].read_text(encoding="utf-8"))
        assert len(document[collection.name]) == len(system.dataset[collection])

    @pytest.mark.parametrize("collection", _collection_params())
    def test_jsonl(self, system: jmp.PolicySystem, exported: dict[str, Path], collection: Collection[Any]) -> None:
        """The JSON Lines export has one file per collection, one line per record."""
        lines = (exported["jsonl"] / f"{collection.name}.jsonl").read_text(encoding="utf-8").splitlines()
        assert len(lines) == len(system.dataset[collection])
        assert all(isinstance(json.loads(line), dict) for line in lines)

    @pytest.mark.parametrize("fmt", ["csv", "datapackage"])
    @pytest.mark.parametrize("collection", _collection_params())
    def test_csv(
        self, system: jmp.PolicySystem, exported: dict[str, Path], collection: Collection[Any], fmt: str
    ) -> None:
        """The CSV and data package exports have one table per collection, one row per record."""
        rows = _csv_rows((exported[fmt] / f"{collection.name}.csv").read_bytes())
        assert len(rows) - 1 == len(system.dataset[collection])

    @pytest.mark.parametrize("collection", _collection_params())
    def test_records(self, system: jmp.PolicySystem, collection: Collection[Any]) -> None:
        """`to_records` gives every collection, one row per record."""
        assert len(system.to_records(collection.name)) == len(system.dataset[collection])

    @pytest.mark.parametrize("collection", _collection_params())
    def test_datapackage(self, exported: dict[str, Path], collection: Collection[Any]) -> None:
        """The data package describes every collection's table."""
        package = json.loads((exported["datapackage"] / "datapackage.json").read_text(encoding="utf-8"))
        resource = next(r for r in package["resources"] if r["name"] == collection.name)
        assert (exported["datapackage"] / resource["path"]).is_file()

    @pytest.mark.parametrize("fmt", FOLDER_FORMATS)
    def test_nothing_else(self, exported: dict[str, Path], fmt: str) -> None:
        """A folder export writes exactly the registry's collections (and the long tables), nothing unnamed."""
        suffix = ".jsonl" if fmt == "jsonl" else ".csv"
        names = [c.name for c in COLLECTIONS] if fmt == "jsonl" else tables()
        expected = {name + suffix for name in names} | ({"datapackage.json"} if fmt == "datapackage" else set())
        assert expected == set(_files(exported[fmt]))

    def test_long_tables_exported(self, system: jmp.PolicySystem, exported: dict[str, Path]) -> None:
        """Every long table is in the CSV export with its rows."""
        for name in LONG_TABLES:
            rows = _csv_rows((exported["csv"] / f"{name}.csv").read_bytes())
            assert len(rows) - 1 == len(system.to_records(name)), name


class TestCsv:
    def test_bom_by_default(self, exported: dict[str, Path]) -> None:
        """CSV files start with a UTF-8 byte-order mark by default, for spreadsheet programs."""
        assert all(data.startswith(BOM) for data in _files(exported["csv"]).values())

    def test_bom_can_be_turned_off(self, system: jmp.PolicySystem, exported: dict[str, Path], tmp_path: Path) -> None:
        """`bom=False` writes the same CSV as plain UTF-8."""
        system.export(tmp_path, format="csv", bom=False)
        plain, marked = _files(tmp_path), _files(exported["csv"])
        assert plain.keys() == marked.keys()
        for name, data in plain.items():
            assert not data.startswith(BOM), name
            assert BOM + data == marked[name], name

    def test_no_bom_in_data_package(self, exported: dict[str, Path]) -> None:
        """The data package's CSV files are plain UTF-8, as its descriptor says."""
        assert not any(data.startswith(BOM) for name, data in _files(exported["datapackage"]).items())

    def test_japanese_survives(self, system: jmp.PolicySystem, exported: dict[str, Path]) -> None:
        """The CSV export holds the Japanese names as written."""
        cells = {cell for _, cell in _cells(exported["csv"])}
        assert system.organization("METI").name_ja in cells

    def test_bundled_cells_are_safe(self, exported: dict[str, Path]) -> None:
        """No bundled CSV cell starts with a formula character (unless neutralised with a quote)."""
        unsafe = [(name, cell) for name, cell in _cells(exported["csv"]) if cell.startswith(TRIGGERS + HIDING)]
        assert unsafe == []

    def test_formulas_neutralised(self, write_data: WriteData, tmp_path: Path) -> None:
        """User text starting with =, +, -, @, a tab or CR comes out quoted, in every table that shows it."""
        payloads = [
            '=HYPERLINK("http://evil.example/","click")',
            "+1+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(A1:A9)",
            "\t=1+1",
        ]
        source = {"id": "evil", "title": payloads[0], "publisher": payloads[3], "url": "https://example.org/x"}
        system = _system_with(
            write_data,
            [
                _body(
                    "my-lab",
                    name=payloads[0],
                    name_ja=payloads[2],
                    acronym=payloads[3],
                    aliases=payloads,
                    description=payloads[1],
                    sources=[{"source": "evil", "quote": payloads[0]}],
                )
            ],
            sources=[source],
        )
        system.export(tmp_path, format="csv")
        cells = list(_cells(tmp_path))
        for payload in payloads:
            found = [(name, cell) for name, cell in cells if cell.lstrip("'") == payload]
            assert found, payload
            assert all(cell == "'" + payload for _, cell in found), found
        assert {"organizations.csv", "names.csv", "sources.csv", "citations.csv"} <= {name for name, _ in cells if name}

    @pytest.mark.parametrize("prefix", [" ", "  ", "\u00a0", "\u3000", "\n"])
    def test_formulas_after_whitespace_neutralised(self, write_data: WriteData, tmp_path: Path, prefix: str) -> None:
        """A formula hidden behind leading blanks (which importers strip) or a line feed is neutralised too."""
        payload = prefix + '=HYPERLINK("http://evil.example/","click")'
        system = _system_with(
            write_data, [_body("my-lab", name=payload.lstrip(), description=payload, aliases=[payload])]
        )
        system.export(tmp_path, format="csv")
        unsafe = [(n, c) for n, c in _cells(tmp_path) if c.lstrip().startswith(TRIGGERS) and not c.startswith("'")]
        assert unsafe == []

    @given(st.text())
    def test_safe_cell_keeps_the_text(self, text: str) -> None:
        """`safe_cell` only ever adds one leading quote: the data is all there."""
        cell = _export.safe_cell(text)
        assert cell in (text, "'" + text)

    @given(st.sampled_from((*TRIGGERS, "\t", "\r")), st.text())
    def test_safe_cell_neutralises(self, start: str, rest: str) -> None:
        """Text starting with a formula character gets a leading quote."""
        assert "'" + start + rest == _export.safe_cell(start + rest)

    @given(st.text(st.sampled_from(" \t\n\r\u00a0\u3000\u2003"), min_size=1, max_size=3), st.sampled_from(TRIGGERS))
    def test_safe_cell_sees_through_whitespace(self, blanks: str, start: str) -> None:
        """Text whose first visible character is a formula character gets a leading quote."""
        assert "'" + blanks + start + "1+1" == _export.safe_cell(blanks + start + "1+1")

    @given(st.integers() | st.floats(allow_nan=False) | st.booleans() | st.none())
    def test_numbers_untouched(self, value: object) -> None:
        """Numbers, booleans and empty cells are not text and stay as they are (negative numbers included)."""
        assert _export.safe_cell(value) == value


class TestAtomicWrites:
    @pytest.mark.parametrize("fmt", FOLDER_FORMATS)
    def test_failure_leaves_an_old_export_unchanged(
        self, system: jmp.PolicySystem, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
    ) -> None:
        """A failure while writing the third file leaves the previous export byte for byte, and no temporary files."""
        system.at(1999).export(tmp_path, format=fmt)
        before = _files(tmp_path)
        calls = {"n": 0}
        name = "_jsonl" if fmt == "jsonl" else "to_csv"
        original: Callable[..., str] = getattr(_export, name)

        def failing(*args: Any) -> str:
            calls["n"] += 1
            if calls["n"] == 3:
                msg = "disk full"
                raise OSError(msg)
            return original(*args)

        monkeypatch.setattr(_export, name, failing)
        with pytest.raises(OSError, match="disk full"):
            system.export(tmp_path, format=fmt)
        assert calls["n"] == 3
        assert before == _files(tmp_path)

    @pytest.mark.parametrize("fmt", FOLDER_FORMATS)
    def test_failure_leaves_no_half_set(
        self, system: jmp.PolicySystem, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
    ) -> None:
        """A failure midway through a fresh export leaves no file at all, temporary or not."""
        monkeypatch.setattr(
            _export, "datapackage" if fmt == "datapackage" else "_jsonl" if fmt == "jsonl" else "to_csv", _boom
        )
        with pytest.raises(OSError, match="disk full"):
            system.export(tmp_path / "out", format=fmt)
        assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == []

    def test_json_failure_keeps_the_old_file(
        self, system: jmp.PolicySystem, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A failure while making the JSON leaves the existing file as it was, and no temporary file."""
        path = tmp_path / "data.json"
        path.write_text("old", encoding="utf-8")
        monkeypatch.setattr(_export, "to_json", _boom)
        with pytest.raises(OSError, match="disk full"):
            system.export(path)
        assert "old" == path.read_text(encoding="utf-8")
        assert ["data.json"] == [p.name for p in tmp_path.iterdir()]

    def test_failed_rename_leaves_the_old_set(self, system: jmp.PolicySystem, tmp_path: Path) -> None:
        """When one file of the set cannot be put in place, the files before it are not replaced either."""
        system.at(1999).export(tmp_path, format="csv")
        (tmp_path / "laws.csv").unlink()
        (tmp_path / "laws.csv").mkdir()  # os.replace onto a folder fails, after sources and organizations
        before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
        with pytest.raises(OSError, match=r"laws\.csv"):
            system.export(tmp_path, format="csv")
        after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
        assert before == after

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_empty_path_refused(self, system: jmp.PolicySystem, fmt: str) -> None:
        """An empty output path is refused, not taken as the current folder."""
        with pytest.raises(ValueError, match="empty"):
            system.export("", format=fmt)

    def test_unknown_format_refused(self, system: jmp.PolicySystem, tmp_path: Path) -> None:
        """An unknown format is refused, naming the known ones, and writes nothing."""
        with pytest.raises(ValueError, match="jsonl"):
            system.export(tmp_path / "x", format="xlsx")
        assert list(tmp_path.iterdir()) == []

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_symlink_target_refused(self, system: jmp.PolicySystem, tmp_path: Path, fmt: str) -> None:
        """The output path being a symbolic link is refused, and what it points to is untouched."""
        victim = tmp_path / "victim"
        if fmt == "json":
            victim.write_text("precious", encoding="utf-8")
        else:
            victim.mkdir()
        link = tmp_path / "out"
        link.symlink_to(victim)
        with pytest.raises(OSError, match="symbolic link"):
            system.export(link, format=fmt)
        assert ("precious" == victim.read_text(encoding="utf-8")) if fmt == "json" else (list(victim.iterdir()) == [])

    @pytest.mark.parametrize("fmt", FOLDER_FORMATS)
    @pytest.mark.parametrize("dangling", [False, True])
    def test_symlink_inside_refused(
        self, system: jmp.PolicySystem, tmp_path: Path, fmt: str, *, dangling: bool
    ) -> None:
        """A symbolic link planted where an export file goes is refused before anything is written."""
        out, victim = tmp_path / "out", tmp_path / "victim.txt"
        out.mkdir()
        if not dangling:
            victim.write_text("precious", encoding="utf-8")
        planted = out / ("organizations.jsonl" if fmt == "jsonl" else "organizations.csv")
        planted.symlink_to(victim)
        with pytest.raises(OSError, match="symbolic link"):
            system.export(out, format=fmt)
        assert [p.name for p in out.iterdir()] == [planted.name]
        assert planted.is_symlink()
        assert (victim.read_text(encoding="utf-8") == "precious") if not dangling else not victim.exists()


def _boom(*_args: Any) -> Any:
    msg = "disk full"
    raise OSError(msg)


frictionless = pytest.importorskip("frictionless")


def _package(folder: Path) -> dict[str, Any]:
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _validate(descriptor: Path) -> Any:
    return frictionless.validate(str(descriptor))


class TestDataPackage:
    def test_frictionless_valid(self, exported: dict[str, Path]) -> None:
        """The data package is valid for the frictionless library: descriptor and every resource."""
        report = _validate(exported["datapackage"] / "datapackage.json")
        assert report.valid, report.flatten(["type", "message"])

    @pytest.mark.parametrize("when", [None, 1999])
    def test_every_resource_valid(self, system: jmp.PolicySystem, tmp_path: Path, when: int | None) -> None:
        """Every table conforms to its schema, keys and foreign keys included (the descriptor's own date aside)."""
        (system if when is None else system.at(when)).export(tmp_path, format="datapackage")
        package = _package(tmp_path)
        package.pop("created", None)  # checked by test_frictionless_valid
        (tmp_path / "checked.json").write_text(json.dumps(package), encoding="utf-8")
        report = _validate(tmp_path / "checked.json")
        assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "message"])
        assert {task.name for task in report.tasks} == set(tables())

    def test_broken_reference_is_caught(self, system: jmp.PolicySystem, tmp_path: Path) -> None:
        """The validation above checks the foreign keys: a strategy published by no body fails it."""
        system.export(tmp_path, format="datapackage")
        path = tmp_path / "strategies.csv"
        rows = _csv_rows(path.read_bytes())
        column = rows[0].index("publisher")
        row = next(r for r in rows[1:] if r[column])
        row[column] = "no-such-body"
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")
        package = _package(tmp_path)
        package.pop("created", None)
        (tmp_path / "checked.json").write_text(json.dumps(package), encoding="utf-8")
        report = _validate(tmp_path / "checked.json")
        assert not report.valid
        assert ["foreign-key"] == [error for (error,) in report.flatten(["type"])]

    def test_licences(self, exported: dict[str, Path]) -> None:
        """The package names its licence with a link, and it is the licence of the data files (LICENSE-DATA)."""
        licences = _package(exported["datapackage"])["licenses"]
        assert licences
        assert all(licence.get("name") and licence.get("path", "").startswith("https://") for licence in licences)
        data_licence = (ROOT / "LICENSE-DATA").read_text(encoding="utf-8")
        assert any(licence["path"] in data_licence for licence in licences)

    def test_fields_described(self, exported: dict[str, Path]) -> None:
        """Every resource has a schema that lists every CSV column, in order, with a type."""
        folder = exported["datapackage"]
        for resource in _package(folder)["resources"]:
            header = _csv_rows((folder / resource["path"]).read_bytes())[0]
            assert [f["name"] for f in resource["schema"]["fields"]] == header, resource["name"]
            assert all(f.get("type") for f in resource["schema"]["fields"]), resource["name"]


def _reference_columns() -> list[Any]:
    """(table, column, target table) for every scalar reference to one table, from the registry and the model."""
    targets = {"organization": "organizations", "law": "laws", "strategy": "strategies", "source": "sources"}
    found: dict[tuple[str, str], str] = {}
    for collection in COLLECTIONS:
        for cls in collection.classes:
            for field in attrs.fields(cls):
                target = targets.get(field.metadata.get(REFERS_TO, ""))
                if target is not None and field.default != ():
                    found[collection.name, json_name(field)] = target
    found["organizations", "parent"] = found["organizations", "ministry"] = "organizations"
    missing: set[tuple[str, str]] = set()
    return [
        pytest.param(
            table,
            column,
            target,
            id=f"{table}.{column}",
            marks=[pytest.mark.xfail(strict=True, reason="bug: reference column without a foreign key")]
            if (table, column) in missing
            else [],
        )
        for (table, column), target in found.items()
    ]


@pytest.mark.parametrize(("table", "column", "target"), _reference_columns())
def test_foreign_key_declared(exported: dict[str, Path], table: str, column: str, target: str) -> None:
    """Every column that holds the id of a record of one table declares that foreign key."""
    resource = next(r for r in _package(exported["datapackage"])["resources"] if r["name"] == table)
    assert column in [f["name"] for f in resource["schema"]["fields"]]
    declared = resource["schema"].get("foreignKeys", [])
    assert {"fields": [column], "reference": {"resource": target, "fields": ["id"]}} in declared


# -- BibTeX ------------------------------------------------------------------------------------------------


def _bibtex_entries(text: str) -> list[tuple[str, dict[str, str]]]:
    """
    Parse BibTeX as BibTeX itself does: braces count whatever precedes them (a backslash escapes nothing).

    Text between entries is a comment; an entry is ``@type{key, name = {value}, ...}``.
    """
    entries: list[tuple[str, dict[str, str]]] = []
    position = 0
    while (start := text.find("@", position)) != -1:
        head = re.compile(r"@(\w+)\s*\{\s*([^,\s}]+)\s*,").match(text, start)
        assert head is not None, text[start : start + 80]
        position, fields = head.end(), {}
        while True:
            field = re.compile(r"\s*(\w+)\s*=\s*\{").match(text, position)
            if field is None:
                break
            depth, index = 1, field.end()
            while depth:
                depth += {"{": 1, "}": -1}.get(text[index], 0)
                index += 1
            fields[field.group(1)] = text[field.end() : index - 1]
            position = index
            comma = re.compile(r"\s*,").match(text, position)
            if comma is None:
                break
            position = comma.end()
        end = re.compile(r"\s*\}").match(text, position)
        assert end is not None, (
            f"entry {head.group(2)} does not close after its fields: {text[position : position + 80]!r}"
        )
        entries.append((head.group(2), fields))
        position = end.end()
    return entries


def _source(**fields: Any) -> jmp.Source:
    return jmp.Source(**{"id": "s", "title": "T", "publisher": "P", "url": "https://example.org/a", **fields})


BIBTEX_FIELDS = {"title", "author", "publisher", "url", "note", "langid"}
NASTY = st.text(st.sampled_from(list('{}\\@,="()%#&_$^~ abc日本')), min_size=1, max_size=20).filter(
    lambda text: text.strip() != ""
)


class TestBibtex:
    def test_dataset_entry_parses(self, system: jmp.PolicySystem) -> None:
        """A body's BibTeX citation is one entry for the data release, then one per source, all well formed."""
        entries = _bibtex_entries(system.cite("METI", bibtex=True))
        assert entries[0][0] == f"jp-mfg-policy-{jmp.DATA_VERSION}"
        assert [key for key, _ in entries[1:]] == [source.id for source in _cited_sources(system, "METI")]

    @given(st.text(st.sampled_from(list('\\@,="()%#&_$^~ abc日本')), min_size=1, max_size=20).filter(str.strip))
    def test_specials_without_braces(self, title: str) -> None:
        """Backslashes and TeX specials in a title or publisher stay inside their field."""
        entries = _bibtex_entries(_cite.as_bibtex([(_source(title=title, publisher=title), [])]))
        assert [key for key, _ in entries] == [f"jp-mfg-policy-{jmp.DATA_VERSION}", "s"]
        assert BIBTEX_FIELDS == set(entries[1][1])
        assert re.search(r"\\(?![&%$#_{}]|text\w+\{\})", entries[1][1]["title"]) is None

    @given(NASTY, NASTY)
    def test_no_field_can_end_its_entry(self, title: str, publisher: str) -> None:
        """Whatever a source's title and publisher hold, the entries and their fields are exactly those written."""
        entries = _bibtex_entries(_cite.as_bibtex([(_source(title=title, publisher=publisher), [])]))
        assert [key for key, _ in entries] == [f"jp-mfg-policy-{jmp.DATA_VERSION}", "s"]
        assert BIBTEX_FIELDS == set(entries[1][1])

    def test_forged_entry_through_user_data(self, write_data: WriteData) -> None:
        """A user source whose title closes the field cannot add an entry: pybtex, strict, reads exactly ours."""
        pybtex = pytest.importorskip("pybtex.database")
        evil = {
            "id": "evil-src",
            "title": 'x} @misc(forged, title = "pwned")',
            "publisher": "Me {",
            "url": "https://example.org/",
        }
        system = _system_with(write_data, [_body("my-lab", sources=cite("evil-src"))], sources=[evil])
        text = system.cite("my-lab", bibtex=True)
        database = pybtex.parse_string(text, "bibtex")
        assert set(database.entries) == {f"jp-mfg-policy-{jmp.DATA_VERSION}", "evil-src"}

    def test_url_braces_encoded(self) -> None:
        """Braces and backslashes in addresses are percent-encoded, so the url field stays balanced."""
        entries = _bibtex_entries(
            _cite.as_bibtex([(_source(url="https://example.org/a}b{c", copy_url="https://x.org/}"), [])])
        )
        assert entries[1][1]["url"] == "https://example.org/a%7Db%7Bc"
        assert "%7D" in entries[1][1]["note"]


def _cited_sources(system: jmp.PolicySystem, key: str) -> list[jmp.Source]:
    """The sources a body's facts cite, in order of first citation."""
    seen: dict[str, None] = {}
    for record in system.facts(key):
        if isinstance(record, jmp.Caveat):
            seen.setdefault(record.source)
        for citation in _cite.citations_in(record):
            seen.setdefault(citation.source)
    return [system.source(ident) for ident in seen]


# -- Mermaid and DOT ---------------------------------------------------------------------------------------

MERMAID_KEYWORDS = [
    "end",
    "graph",
    "subgraph",
    "flowchart",
    "style",
    "class",
    "classdef",
    "click",
    "direction",
    "default",
    "linkstyle",
    "call",
    "href",
    "o",
    "x",
]
LABEL_TEXT = st.text(
    st.one_of(
        st.sampled_from(list("\"[](){}<>|#&;:`\\/-=>*'")),
        st.characters(codec="utf-8", exclude_categories=["Cs", "Cc", "Zl", "Zp"]),
    ),
    min_size=1,
    max_size=25,
).filter(lambda text: text.strip() != "" and _visible(text))


def _visible(text: str) -> bool:
    from jp_mfg_policy._fields import text_problem

    return text_problem(text, lines=False) is None


def _expected_label(body: dict[str, Any]) -> list[str]:
    lines = [body.get("acronym") or body["name"]]
    if body.get("acronym"):
        lines.append(body["name"])
    if body.get("name_ja"):
        lines.append(body["name_ja"])
    return [" ".join(line.split()) for line in lines]


_MERMAID_NODE = re.compile(r'    (b_\w+)\["([^"\n]*)"\]:::(\w+)')
_MERMAID_EDGE = re.compile(r"    (b_\w+) (-->\|[a-z ]+\||==>\|[a-z ]+\||-\.->\|[a-z ]+\||<-\.->\|[a-z ]+\|) (b_\w+)")
_MERMAID_CLASS = re.compile(r"    classDef \w+ fill:#[0-9a-f]{6},stroke:#555")
_MERMAID_ENTITY = re.compile(r"#(quot|lt|gt|35);")


def _mermaid(text: str) -> tuple[dict[str, list[str]], list[tuple[str, str]]]:
    """Every node (id -> label lines) and edge of a Mermaid chart, checking that every line is one of ours."""
    lines = text.splitlines()
    assert lines[0] == "flowchart LR"
    nodes: dict[str, list[str]] = {}
    edges = []
    for line in lines[1:]:
        if node := _MERMAID_NODE.fullmatch(line):
            assert node.group(1) not in nodes
            plain = [
                _MERMAID_ENTITY.sub(lambda m: {"quot": '"', "lt": "<", "gt": ">", "35": "#"}[m.group(1)], part)
                for part in node.group(2).split("<br/>")
            ]
            nodes[node.group(1)] = plain
        elif edge := _MERMAID_EDGE.fullmatch(line):
            edges.append((edge.group(1), edge.group(3)))
        else:
            assert _MERMAID_CLASS.fullmatch(line), line
    return nodes, edges


_DOT_STRING = r'"((?:[^"\\\n]|\\.)*)"'
_DOT_NODE = re.compile(rf"    {_DOT_STRING} \[label={_DOT_STRING}, shape=\w+, fillcolor=\"#[0-9a-f]{{6}}\"\];")
_DOT_EDGE = re.compile(rf"    {_DOT_STRING} -> {_DOT_STRING} \[[^\n]*\];")


def _dot_unescape(text: str) -> list[str]:
    """A DOT label's lines, as Graphviz reads the escapes: \\\\ a backslash, \\" a quote, \\n a line break."""
    lines: list[str] = []
    current: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\":
            following = text[index + 1]
            assert following in '\\"n', text
            if following == "n":
                lines.append("".join(current))
                current = []
            else:
                current.append(following)
            index += 2
        else:
            current.append(char)
            index += 1
    return [*lines, "".join(current)]


def _dot(text: str) -> tuple[dict[str, list[str]], list[tuple[str, str]]]:
    lines = text.splitlines()
    assert lines[0] == "digraph policy_system {"
    assert lines[-1] == "}"
    assert re.fullmatch(
        rf"    label={_DOT_STRING}; labelloc=t; rankdir=LR; nodesep=[0-9.]+; ranksep=[0-9.]+;", lines[1]
    )
    nodes: dict[str, list[str]] = {}
    edges = []
    for line in lines[4:-1]:
        if node := _DOT_NODE.fullmatch(line):
            nodes["".join(_dot_unescape(node.group(1)))] = _dot_unescape(node.group(2))
        else:
            edge = _DOT_EDGE.fullmatch(line)
            assert edge is not None, line
            edges.append(("".join(_dot_unescape(edge.group(1))), "".join(_dot_unescape(edge.group(2)))))
    return nodes, edges


class TestCharts:
    @pytest.mark.parametrize("root", [None, "METI", "JST"])
    def test_bundled_charts_parse(self, system: jmp.PolicySystem, root: str | None) -> None:
        """The bundled charts are made only of well-formed lines, every edge between drawn nodes."""
        for nodes, edges in (_mermaid(system.to_mermaid(root=root)), _dot(system.to_dot(root=root))):
            assert nodes
            assert all(a in nodes and b in nodes for a, b in edges)

    @settings(max_examples=25)
    @given(
        st.lists(st.sampled_from(MERMAID_KEYWORDS) | slugs, min_size=2, max_size=4, unique=True),
        st.lists(st.tuples(LABEL_TEXT, st.none() | LABEL_TEXT, st.none() | LABEL_TEXT), min_size=4, max_size=4),
    )
    def test_any_ids_and_labels(self, ids: list[str], labels: list[Any]) -> None:
        """Whatever the ids (Mermaid keywords included) and names, each chart draws each body once, its label intact."""
        bodies: list[dict[str, Any]] = []
        for ident, (name, acronym, name_ja) in zip(ids, labels, strict=False):
            # No two bodies may share a name: each name ends with its body's id and field.
            body = _body(ident, name=f"{name} {ident}1", kind="ministry" if not bodies else "agency")
            body |= {"acronym": f"{acronym} {ident}2"} if acronym else {}
            body |= {"name_ja": f"{name_ja} {ident}3"} if name_ja else {}
            bodies.append(body)
        relations = [
            {"subject": ids[0], "kind": "oversees", "object": other, "sources": cite("mine")} for other in ids[1:]
        ]
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "chart.json"
            document = {"sources": [MY_SOURCE], "organizations": bodies, "relations": relations}
            path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
            system = jmp.load(extra=[path], bundled=False)
        mermaid_nodes, mermaid_edges = _mermaid(system.to_mermaid())
        dot_nodes, dot_edges = _dot(system.to_dot())
        assert len(mermaid_nodes) == len(bodies)
        assert not set(mermaid_nodes) & set(MERMAID_KEYWORDS)
        assert sorted(map(_expected_label, bodies)) == sorted(mermaid_nodes.values())
        assert {body["id"]: _expected_label(body) for body in bodies} == dot_nodes
        assert sorted((ids[0], other) for other in ids[1:]) == sorted(dot_edges)
        assert len(mermaid_edges) == len(ids) - 1
        assert {a for a, _ in mermaid_edges} == {_chart.mermaid_id(ids[0])}

    @given(st.text())
    def test_mermaid_text(self, text: str) -> None:
        """Escaped Mermaid label text has no quote or angle bracket and reads back as the text."""
        escaped = _chart.mermaid_text(text)
        assert not set(escaped) & set('"<>')
        assert text == _MERMAID_ENTITY.sub(
            lambda m: {"quot": '"', "lt": "<", "gt": ">", "35": "#"}[m.group(1)], escaped
        )

    @given(st.text())
    def test_dot_text(self, text: str) -> None:
        """Escaped DOT text is one line, cannot end its quoted string, and reads back (line breaks as spaces)."""
        escaped = _chart.dot_text(text)
        assert re.fullmatch(r'(?:[^"\\\n\r]|\\[\\"])*', escaped)
        assert _dot_unescape(escaped) == [text.replace("\n", " ").replace("\r", " ")]

    @pytest.mark.parametrize("ident", MERMAID_KEYWORDS)
    def test_mermaid_id_is_never_a_keyword(self, ident: str) -> None:
        """A slug that is a Mermaid keyword becomes a prefixed, plain node id."""
        node = _chart.mermaid_id(ident)
        assert re.fullmatch(r"b_\w+", node)
        assert node not in MERMAID_KEYWORDS

    @given(slugs, slugs)
    def test_mermaid_ids_distinct(self, one: str, other: str) -> None:
        """Different slugs never share a Mermaid node id."""
        assert (one == other) == (_chart.mermaid_id(one) == _chart.mermaid_id(other))
