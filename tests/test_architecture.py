"""
The shape of the code: layers that import one way, no shared private names, no process-wide state,
few and justified escapes, and a registry from which every collection reaches every output.
"""

from __future__ import annotations

import ast
import csv
import importlib.util
import io
import json
import re
import subprocess
import sys
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pytest

import jp_mfg_policy as jmp
from jp_mfg_policy._cli import main
from jp_mfg_policy._registry import COLLECTIONS

if TYPE_CHECKING:
    from jp_mfg_policy._system import PolicySystem

ROOT = Path(__file__).parents[1]
SRC = ROOT / "src"
PACKAGE = SRC / "jp_mfg_policy"

#: The intended layers, lowest first. A module may import (at run time, deferred in a function, for types
#: only, or by name through ``importlib``) modules of its own layer or of a layer below, never above.
#: The records' time rules (``_timeline``) sit just above the model because validation and snapshots
#: share them; the outputs work on a dataset or an index, so the facade (``_system``) can delegate to them.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("foundation", ("exceptions", "_version", "_formats", "_repr")),
    ("field types", ("_dates", "_fields", "_enums", "_identifiers")),
    ("records", ("_records",)),
    (
        "record classes",
        ("_bodies", "_laws", "_programs", "_publications", "_strategies", "_recommendations", "_plans", "_facts"),
    ),
    ("record rules", ("_normalize", "_timeline")),
    ("registry", ("_registry",)),
    ("reading and structuring", ("_read", "_document", "_serde", "_build")),
    ("merging and validation", ("_merge", "_validate")),
    ("dataset", ("_dataset",)),
    ("index", ("_index",)),
    ("queries", ("_snapshot", "_search", "_hierarchy")),
    ("outputs", ("_tables", "_frames", "_export", "_chart", "_cite", "_schema")),
    ("system", ("_system",)),
    ("loading", ("_load",)),
    ("presentation", ("_overview",)),
    ("command line", ("_cli",)),
    ("entry points", ("__init__", "__main__")),
]
LEVEL = {module: level for level, (_, modules) in enumerate(LAYERS) for module in modules}
LAYER_NAME = {module: name for name, modules in LAYERS for module in modules}

#: Private names a module may take from another because the registry or the field declarations
#: explicitly share them (module, name). None is needed today.
SHARED: frozenset[tuple[str, str]] = frozenset()

#: The ceilings of issue 13: half of the 55 ``noqa`` and 15 ``type: ignore`` it counted.
MAX_NOQA = 27
MAX_TYPE_IGNORE = 7

_MODULE_STRING = re.compile(r"\.(\w+)(?::\w+)?")


@dataclass(frozen=True)
class Import:
    """One import of a module of the package by another."""

    importer: str
    target: str
    names: tuple[str, ...]
    line: int
    how: str  # "run time", "deferred", "type-only" or "by name"

    def __str__(self) -> str:
        return f"{self.importer}.py:{self.line} imports {self.target} ({self.how})"


def _modules() -> list[str]:
    return sorted(path.stem for path in PACKAGE.glob("*.py"))


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


class _ImportFinder(ast.NodeVisitor):
    """Every import of a sibling module, with where it happens."""

    def __init__(self, importer: str, modules: set[str]) -> None:
        self.importer = importer
        self.modules = modules
        self.found: list[Import] = []
        self.bound: dict[str, str] = {}  # local name -> module it came from
        self._functions = 0
        self._type_checking = 0

    def _how(self) -> str:
        if self._type_checking:
            return "type-only"
        return "deferred" if self._functions else "run time"

    def _add(self, target: str, names: tuple[str, ...], node: ast.stmt) -> None:
        if target != self.importer:
            self.found.append(Import(self.importer, target, names, node.lineno, self._how()))

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._functions += 1
        self.generic_visit(node)
        self._functions -= 1

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._functions += 1
        self.generic_visit(node)
        self._functions -= 1

    def visit_If(self, node: ast.If) -> None:
        checking = _is_type_checking(node.test)
        self.visit(node.test)
        self._type_checking += checking
        for child in node.body:
            self.visit(child)
        self._type_checking -= checking
        for child in node.orelse:
            self.visit(child)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            parts = alias.name.split(".")
            if parts[0] == "jp_mfg_policy":
                target = parts[1] if len(parts) > 1 else "__init__"
                self._add(target, (), node)
                if alias.asname:
                    self.bound[alias.asname] = target

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level == 0 and (node.module or "").split(".")[0] != "jp_mfg_policy":
            return
        if node.level > 1:
            pytest.fail(f"{self.importer}.py:{node.lineno}: an import from outside the package")
        parts = (node.module or "").split(".")
        inner = parts[1:] if node.level == 0 else [part for part in parts if part]
        if inner:
            self._add(inner[0], tuple(alias.name for alias in node.names), node)
            for alias in node.names:
                self.bound[alias.asname or alias.name] = inner[0]
            return
        for alias in node.names:  # from . import x: a module, or a name of the package itself
            target = alias.name if alias.name in self.modules else "__init__"
            self._add(target, () if target == alias.name else (alias.name,), node)
            self.bound[alias.asname or alias.name] = target

    def visit_Constant(self, node: ast.Constant) -> None:
        # importlib.import_module(".x", __package__) and the registry's "._module:Class" strings.
        match = _MODULE_STRING.fullmatch(node.value) if isinstance(node.value, str) else None
        if match and match.group(1) in self.modules and match.group(1) != self.importer:
            self.found.append(Import(self.importer, match.group(1), (), node.lineno, "by name"))


def _tree(module: str) -> ast.Module:
    return ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"), f"{module}.py")


def _finder(module: str) -> _ImportFinder:
    finder = _ImportFinder(module, set(_modules()))
    finder.visit(_tree(module))
    return finder


def _imports() -> list[Import]:
    return [found for module in _modules() for found in _finder(module).found]


def _upward(module: str) -> list[str]:
    return list(
        dict.fromkeys(
            f"{found} in layer {LAYER_NAME[found.target]!r}, above {LAYER_NAME[module]!r}"
            for found in _finder(module).found
            if found.target in LEVEL and LEVEL[found.target] > LEVEL[module]
        )
    )


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _private_uses(module: str) -> list[str]:
    finder = _finder(module)
    modules = set(_modules())
    problems = [
        f"{module}.py:{found.line} imports {name} from {found.target}"
        for found in finder.found
        for name in found.names
        if _is_private(name) and name not in modules and (found.target, name) not in SHARED
    ]
    problems.extend(
        f"{module}.py:{node.lineno} reads {node.value.id}.{node.attr}"
        for node in ast.walk(_tree(module))
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id in finder.bound
        and _is_private(node.attr)
        and (finder.bound[node.value.id], node.attr) not in SHARED
    )
    return problems


def _xfail_where(cases: dict[str, str], module: str) -> Any:
    reason = cases.get(module)
    marks = [pytest.mark.xfail(strict=True, reason=f"bug: {reason}")] if reason else []
    return pytest.param(module, marks=marks, id=module)


#: Known violations of the layers, until the lead fixes them (each is reported with its fix).
UPWARD_BUGS: dict[str, str] = {}
#: Known uses of private names across modules.
PRIVATE_BUGS: dict[str, str] = {}


class TestLayers:
    def test_every_module_has_a_layer(self) -> None:
        """Each module of the package is placed in exactly one layer, and each layer names only real modules."""
        placed = [module for _, modules in LAYERS for module in modules]
        assert len(placed) == len(set(placed))
        assert sorted(placed) == _modules()

    @pytest.mark.parametrize("module", [_xfail_where(UPWARD_BUGS, module) for module in _modules()])
    def test_imports_go_down(self, module: str) -> None:
        """A module imports only its own layer and the layers below, at run time, deferred or for types."""
        assert [] == _upward(module)

    def test_no_cycle_within_a_layer(self) -> None:
        """Within one layer, the imports form no circle (between layers, going down only rules one out)."""
        graph: dict[str, set[str]] = {module: set() for module in _modules()}
        for found in _imports():
            if LAYER_NAME.get(found.target) == LAYER_NAME.get(found.importer):
                graph[found.importer].add(found.target)

        def reaches(start: str, goal: str, seen: set[str]) -> bool:
            for step in graph[start] - seen:
                seen.add(step)
                if step == goal or reaches(step, goal, seen):
                    return True
            return False

        assert [] == [module for module in graph if reaches(module, module, set())]

    def test_finder_sees_every_kind_of_import(self) -> None:
        """The import finder sees run-time, deferred, type-only and by-name imports (else the layers prove nothing)."""
        hows = {found.how for found in _imports()}
        assert {"run time", "deferred", "type-only", "by name"} <= hows


class TestPrivateNames:
    @pytest.mark.parametrize("module", [_xfail_where(PRIVATE_BUGS, module) for module in _modules()])
    def test_no_private_name_of_another_module(self, module: str) -> None:
        """A module uses no underscore name of another module, neither imported nor read as an attribute."""
        assert [] == _private_uses(module)


def _src_files() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def _comments(path: Path) -> Iterator[tuple[int, str]]:
    with path.open("rb") as file:
        for token in tokenize.tokenize(file.readline):
            if token.type == tokenize.COMMENT:
                yield token.start[0], token.string


_NOQA = re.compile(r"noqa\b(?::\s*(?P<codes>[A-Z]+[0-9]+(?:\s*,\s*[A-Z]+[0-9]+)*))?(?P<rest>.*)")
_IGNORE = re.compile(r"type:\s*ignore\b(?P<codes>\[[a-z-]+(?:\s*,\s*[a-z-]+)*\])?")


def _escapes_of(comment: str, line: int) -> Iterator[tuple[str, int, bool]]:
    """Each ``noqa`` or ``type: ignore`` in one comment: its kind, its line, and whether it says why."""
    parts = [part.strip() for part in comment.split("#")[1:]]
    for position, part in enumerate(parts):
        if match := _NOQA.match(part):
            rest = match.group("rest").strip()
            yield "noqa", line, bool(match.group("codes")) and bool(re.match(r"-\s*\S", rest))
        elif match := _IGNORE.match(part):
            reason = parts[position + 1] if position + 1 < len(parts) else ""
            justified = (
                bool(match.group("codes"))
                and not part[match.end() :].strip()
                and bool(reason)
                and not _NOQA.match(reason)
                and not _IGNORE.match(reason)
            )
            yield "type: ignore", line, justified


def _escapes(path: Path) -> Iterator[tuple[str, int, bool]]:
    for line, comment in _comments(path):
        yield from _escapes_of(comment, line)


def _count(kind: str) -> int:
    return sum(1 for path in _src_files() for found, _, _ in _escapes(path) if found == kind)


#: Files with an escape that does not say why, until the lead adds the reasons.
UNJUSTIFIED_BUGS: dict[str, str] = {}


class TestProcessAndEscapes:
    def test_no_garbage_collector_switches(self) -> None:
        """No code in src switches the garbage collector off, on or freezes it: no process-wide state changes."""
        found = []
        for path in _src_files():
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (
                    isinstance(node, ast.Attribute)
                    and node.attr in {"disable", "enable", "freeze"}
                    and isinstance(node.value, ast.Name)
                    and node.value.id == "gc"
                ):
                    found.append(f"{path.name}:{node.lineno}")
                if isinstance(node, ast.ImportFrom) and node.module == "gc":
                    found.append(f"{path.name}:{node.lineno}")
        assert [] == found

    @pytest.mark.parametrize("module", [_xfail_where(UNJUSTIFIED_BUGS, module) for module in _modules()])
    def test_escapes_say_why(self, module: str) -> None:
        """Each ``noqa`` names its codes then ``- why``; each ``type: ignore[code]`` is followed by ``# why``."""
        path = PACKAGE / f"{module}.py"
        assert [] == [f"{path.name}:{line} {kind}" for kind, line, justified in _escapes(path) if not justified]

    def test_escape_parser(self) -> None:
        """The escape parser tells justified escapes from bare ones (else the test above proves nothing)."""
        sample = (
            "a = 1  # noqa: S101 - why\n"
            "b = 1  # noqa: S101\n"
            "c = 1  # noqa\n"
            "d = 1  # type: ignore[misc]  # why\n"
            "e = 1  # type: ignore[misc]\n"
            "f = 1  # type: ignore\n"
        )
        found = [
            escape
            for token in tokenize.generate_tokens(io.StringIO(sample).readline)
            if token.type == tokenize.COMMENT
            for escape in _escapes_of(token.string, token.start[0])
        ]
        assert [
            ("noqa", 1, True),
            ("noqa", 2, False),
            ("noqa", 3, False),
            ("type: ignore", 4, True),
            ("type: ignore", 5, False),
            ("type: ignore", 6, False),
        ] == found

    def test_noqa_count(self) -> None:
        """At most 27 ``noqa`` in src: half of the 55 issue 13 counted."""
        assert _count("noqa") <= MAX_NOQA

    def test_type_ignore_count(self) -> None:
        """At most 7 ``type: ignore`` in src: half of the 15 issue 13 counted."""
        assert _count("type: ignore") <= MAX_TYPE_IGNORE


NAMES = [collection.name for collection in COLLECTIONS]
BY_NAME = {collection.name: collection for collection in COLLECTIONS}
FORMATS = ("json", "jsonl", "csv", "datapackage")


def _records_of(system: PolicySystem, name: str) -> tuple[Any, ...]:
    return system.dataset[BY_NAME[name]]


@pytest.fixture(name="exported", scope="module")
def _exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled system exported once in every format, each into a folder of its own."""
    out = tmp_path_factory.mktemp("exports")
    system = jmp.load()
    (out / "json").mkdir()
    for fmt in FORMATS:
        system.export(out / fmt / "all.json" if fmt == "json" else out / fmt, format=fmt)
    return out


@pytest.fixture(name="dictionary", scope="module")
def _dictionary() -> str:
    """The data dictionary the docs build writes, rendered by the Sphinx extension."""
    spec = importlib.util.spec_from_file_location("datadict", ROOT / "docs" / "_ext" / "datadict.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = module.render()
    assert isinstance(text, str)
    return text


def _csv_rows(path: Path) -> int:
    with path.open(encoding="utf-8-sig", newline="") as file:
        return sum(1 for _ in csv.reader(file)) - 1  # less the header


class TestRegistry:
    """Adding a collection is one registry entry: each entry reaches every place the dataset goes."""

    def test_names_are_unique(self) -> None:
        """Collections are named once each, and the registry names at least the collections of the design."""
        assert len(NAMES) == len(set(NAMES))
        assert {"organizations", "recommendations", "laws", "programs", "sources", "relations"} <= set(NAMES)

    @pytest.mark.parametrize("name", NAMES)
    def test_has_a_class(self, name: str) -> None:
        """Each collection names an attrs class of the package, and every class of its records derives from it."""
        collection = BY_NAME[name]
        assert attrs.has(collection.cls)
        assert all(issubclass(cls, collection.cls) and attrs.has(cls) for cls in collection.classes)
        assert collection.cls.__module__.startswith("jp_mfg_policy.")

    @pytest.mark.parametrize("name", NAMES)
    def test_has_a_data_file(self, name: str, system: PolicySystem) -> None:
        """Each collection's bundled data file exists in data/ and holds exactly the records the system has."""
        path = PACKAGE / "data" / BY_NAME[name].file
        data = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(data.get(name), list)
        assert len(data[name]) == len(_records_of(system, name))

    @pytest.mark.parametrize("name", NAMES)
    def test_in_the_schema(self, name: str) -> None:
        """The shipped JSON Schema (data/schema.json) describes each collection and each class of its records."""
        schema = json.loads((PACKAGE / "data" / "schema.json").read_text(encoding="utf-8"))
        assert name in schema["properties"]
        assert {cls.__name__ for cls in BY_NAME[name].classes} <= set(schema["$defs"])

    @pytest.mark.parametrize("name", NAMES)
    def test_in_the_command_line(self, name: str, system: PolicySystem, capsys: pytest.CaptureFixture[str]) -> None:
        """The command's overview counts each collection, and ``list --kind`` lists each collection of entities."""
        collection = BY_NAME[name]
        assert 0 == main(["overview", "--json"])
        assert len(_records_of(system, name)) == json.loads(capsys.readouterr().out)["counts"][name]
        if collection.entity:
            kind = "body" if collection.kinds else collection.singular
            assert 0 == main(["list", "--kind", kind, "--json"])
            listed = [item["id"] for item in json.loads(capsys.readouterr().out)]
            assert [record.id for record in _records_of(system, name)] == listed

    @pytest.mark.parametrize("name", NAMES)
    def test_in_the_data_dictionary(self, name: str, dictionary: str) -> None:
        """The data dictionary of the docs names each collection and each class of its records."""
        assert f"`{name}`" in dictionary
        assert all(cls.__name__ in dictionary for cls in BY_NAME[name].classes)

    @pytest.mark.parametrize("name", NAMES)
    def test_in_every_export(self, name: str, system: PolicySystem, exported: Path) -> None:
        """JSON, JSON Lines, CSV and the Data Package each hold every record of each collection."""
        count = len(_records_of(system, name))
        document = json.loads((exported / "json" / "all.json").read_text(encoding="utf-8"))
        assert count == len(document[name])
        lines = (exported / "jsonl" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        assert count == len(lines)
        assert count == _csv_rows(exported / "csv" / f"{name}.csv")
        package = json.loads((exported / "datapackage" / "datapackage.json").read_text(encoding="utf-8"))
        (resource,) = [resource for resource in package["resources"] if resource["name"] == name]
        assert count == _csv_rows(exported / "datapackage" / resource["path"])

    @pytest.mark.parametrize("name", NAMES)
    def test_in_records(self, name: str, system: PolicySystem) -> None:
        """``to_records`` gives one row per record of each collection."""
        assert len(_records_of(system, name)) == len(system.to_records(name))

    @pytest.mark.parametrize("name", NAMES)
    def test_in_pandas(self, name: str, system: PolicySystem) -> None:
        """``to_pandas`` gives one row per record of each collection."""
        assert len(_records_of(system, name)) == len(system.to_pandas(name))


#: The optional libraries and the generated code that importing the package must not bring in.
_IMPORT_PROBE = """
import json, linecache, sys
import jp_mfg_policy as jmp
after_import = sorted(sys.modules)
jmp.load().get("METI")
after_get = sorted(sys.modules)
generated = sorted(name for name in linecache.cache if name.startswith("<cattrs generated"))
print(json.dumps({"import": after_import, "get": after_get, "generated": generated}))
"""


@pytest.fixture(name="probe", scope="module")
def _probe(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """What a fresh interpreter has imported after ``import jp_mfg_policy``, and after a first ``get``."""
    result = subprocess.run(
        [sys.executable, "-c", _IMPORT_PROBE],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path_factory.mktemp("probe"),
    )
    found: dict[str, list[str]] = json.loads(result.stdout)
    return found


def _top(modules: list[str]) -> set[str]:
    return {name.partition(".")[0] for name in modules}


class TestPackage:
    def test_all_resolves(self) -> None:
        """Every name in ``__all__`` is there, once, and ``dir(jmp)`` lists them all."""
        assert len(jmp.__all__) == len(set(jmp.__all__))
        missing = [name for name in jmp.__all__ if not hasattr(jmp, name)]
        assert [] == missing
        assert set(jmp.__all__) <= set(dir(jmp))

    def test_all_names_their_own_objects(self) -> None:
        """Each public class or function exported is defined in the package (not a stray re-export)."""
        foreign = [
            name
            for name in jmp.__all__
            if hasattr(getattr(jmp, name), "__module__")
            and isinstance(getattr(jmp, name), type)
            and not getattr(jmp, name).__module__.startswith("jp_mfg_policy")
        ]
        assert [] == foreign

    def test_import_brings_in_no_optional_library(self, probe: dict[str, list[str]]) -> None:
        """``import jp_mfg_policy`` imports neither pandas, networkx nor cattrs."""
        assert set() == _top(probe["import"]) & {"pandas", "networkx", "cattrs"}

    def test_import_is_lazy(self, probe: dict[str, list[str]]) -> None:
        """``import jp_mfg_policy`` imports only a few of its own modules; the system comes on first use."""
        own = {name for name in probe["import"] if name.startswith("jp_mfg_policy.")}
        assert "jp_mfg_policy._system" not in own
        assert "jp_mfg_policy._system" in probe["get"]

    def test_first_query_needs_no_optional_library(self, probe: dict[str, list[str]]) -> None:
        """Loading the bundled data and one ``get`` import neither pandas nor networkx."""
        assert set() == _top(probe["get"]) & {"pandas", "networkx"}

    def test_bundled_data_needs_no_generated_code(self, probe: dict[str, list[str]]) -> None:
        """The bundled data loads without cattrs generating structuring code at run time."""
        assert [] == probe["generated"]
