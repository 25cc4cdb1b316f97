"""The project's own files agree with each other and with the code."""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).parents[1]
PACKAGE = ROOT / "src" / "jp_mfg_policy"
PROJECT: dict[str, Any] = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
#: The optional libraries, each with the extra that installs it.
OPTIONAL = {"pandas": "pandas", "networkx": "networkx"}

_FENCE = re.compile(r"^```(?P<lang>[\w-]*)\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)
_SHELL = {"console", "shell", "sh", "bash", "shell-session"}


def _section(markdown: str, heading: str) -> str:
    """The text under a ``## `` heading that starts with *heading*, up to the next ``## `` heading."""
    parts = re.split(r"^## ", markdown, flags=re.MULTILINE)
    (found,) = [part for part in parts if part.startswith(heading)]
    return found


def _setup_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = _section(readme, "Set up")
    blocks = list(_FENCE.finditer(section))
    assert all(block["lang"] in _SHELL for block in blocks), [block["lang"] for block in blocks]
    return [block["body"].strip().removeprefix("$ ") for block in blocks]


def _ci_commands() -> list[str]:
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip().startswith("python3 -m venv")]


def _names(requirements: list[str]) -> set[str]:
    return {canonicalize_name(Requirement(text).name) for text in requirements}


class TestSetUp:
    def test_readme_gives_two_setup_commands(self) -> None:
        """The README's set-up section has exactly two shell blocks of one line each: run the command, and test."""
        commands = _setup_commands()
        assert 2 == len(commands)
        assert all("\n" not in command for command in commands)
        run, test = commands
        assert run.startswith("python3 -m venv")
        assert run.endswith("jp-mfg-policy")
        assert "pytest" in test
        assert test.startswith("python3 -m venv")

    def test_ci_runs_the_readme_test_command(self) -> None:
        """.ci/run runs the README's second set-up command verbatim (with only ``|| exit 1`` after it)."""
        _, test = _setup_commands()
        (command,) = _ci_commands()
        assert test == command.removesuffix(" || exit 1")

    def test_ci_script_is_executable(self) -> None:
        """.ci/run can be run as it is: executable, with a shebang, stopping on the first error."""
        script = ROOT / ".ci" / "run"
        assert os.access(script, os.X_OK)
        text = script.read_text(encoding="utf-8")
        assert text.startswith("#!")
        assert "set -euo pipefail" in text


class TestDependencies:
    def test_runtime_dependencies_are_attrs_and_cattrs(self) -> None:
        """At run time the package needs attrs and cattrs, nothing else."""
        assert {"attrs", "cattrs"} == _names(PROJECT["dependencies"])

    def test_optional_extras(self) -> None:
        """pandas and networkx are optional extras of their own, and ``all`` installs both."""
        extras: dict[str, list[str]] = PROJECT["optional-dependencies"]
        for module, extra in OPTIONAL.items():
            assert {module} == _names(extras[extra])
        (everything,) = [Requirement(text) for text in extras["all"]]
        assert canonicalize_name(PROJECT["name"]) == canonicalize_name(everything.name)
        assert set(OPTIONAL.values()) <= everything.extras

    def test_optional_libraries_imported_only_in_functions(self) -> None:
        """No module imports pandas or networkx at its top level: only inside a function, or for types."""
        found = []
        for path in sorted(PACKAGE.glob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in tree.body:  # module level only; `if TYPE_CHECKING:` blocks are not run
                imports = [node] if isinstance(node, ast.Import | ast.ImportFrom) else []
                if isinstance(node, ast.Try):
                    imports = [child for child in node.body if isinstance(child, ast.Import | ast.ImportFrom)]
                for each in imports:
                    names = [each.module or ""] if isinstance(each, ast.ImportFrom) else [a.name for a in each.names]
                    found += [f"{path.name}:{each.lineno}" for name in names if name.split(".")[0] in OPTIONAL]
        assert [] == found

    def test_extras_named_in_the_code_exist(self) -> None:
        """Each ``require(module, extra)`` in the code names an extra of pyproject that installs that module."""
        extras: dict[str, list[str]] = PROJECT["optional-dependencies"]
        calls = []
        for path in sorted(PACKAGE.glob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "require":
                    module, extra = (arg.value for arg in node.args if isinstance(arg, ast.Constant))
                    assert isinstance(module, str)
                    assert isinstance(extra, str)
                    calls.append((module, extra))
        assert {module for module, _ in calls} == set(OPTIONAL)
        assert all(module in _names(extras[extra]) for module, extra in calls)

    def test_works_without_the_extras(self, tmp_path: Path) -> None:
        """Without pandas and networkx, every module imports and queries work; to_pandas names the extra to install."""
        code = (
            "import sys, importlib, pkgutil\n"
            "sys.modules['pandas'] = None; sys.modules['networkx'] = None  # as if not installed\n"
            "import jp_mfg_policy as jmp\n"
            "for info in pkgutil.iter_modules(jmp.__path__):\n"
            "    if info.name != '__main__':\n"
            "        importlib.import_module('jp_mfg_policy.' + info.name)\n"
            "system = jmp.load()\n"
            "print(system.get('METI').acronym)\n"
            "for call in (lambda: system.to_pandas('laws'), system.to_networkx):\n"
            "    try:\n"
            "        call()\n"
            "    except ImportError as error:\n"
            "        print(error)\n"
        )
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
        meti, pandas, networkx = result.stdout.splitlines()
        assert "METI" == meti
        assert 'pip install "jp-mfg-policy[pandas]"' in pandas
        assert 'pip install "jp-mfg-policy[networkx]"' in networkx


_KEEP_A_CHANGELOG_KINDS = {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}
_RELEASE = re.compile(r"## \[(?P<version>Unreleased|\d+\.\d+\.\d+(?:[-.\w]*)?)\](?: - (?P<date>\d{4}-\d{2}-\d{2}))?")


class TestChangelog:
    def _text(self) -> str:
        return (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")

    def test_follows_keep_a_changelog(self) -> None:
        """The changelog says it follows Keep a Changelog, and each ``## `` heading is a release or Unreleased."""
        text = self._text()
        assert text.startswith("# Changelog\n")
        assert "keepachangelog.com" in text
        headings = [line for line in text.splitlines() if line.startswith("## ")]
        assert headings
        assert [] == [heading for heading in headings if not _RELEASE.fullmatch(heading)]

    def test_top_section_is_unreleased_or_the_current_version(self) -> None:
        """The first section is Unreleased, or the release of the version pyproject gives."""
        first = _RELEASE.fullmatch(next(line for line in self._text().splitlines() if line.startswith("## ")))
        assert first is not None
        assert first["version"] in {"Unreleased", PROJECT["version"]}

    def test_releases_are_dated_newest_first(self) -> None:
        """Every release but Unreleased has a date, and the dates run from newest to oldest."""
        releases = [match for line in self._text().splitlines() if (match := _RELEASE.fullmatch(line))]
        dated = [match for match in releases if match["version"] != "Unreleased"]
        assert all(match["date"] for match in dated)
        assert [match["date"] for match in dated] == sorted((match["date"] for match in dated), reverse=True)
        assert [match["version"] for match in releases].count("Unreleased") <= 1

    def test_subsections_are_the_kinds_of_change(self) -> None:
        """Within a release, changes are grouped under Keep a Changelog's kinds (Added, Changed, ...)."""
        kinds = {line.removeprefix("### ").strip() for line in self._text().splitlines() if line.startswith("### ")}
        assert kinds
        assert set() == kinds - _KEEP_A_CHANGELOG_KINDS


class TestCitation:
    def _citation(self) -> dict[str, Any]:
        citation: dict[str, Any] = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
        return citation

    def test_valid_citation_file_format(self) -> None:
        """CITATION.cff satisfies the Citation File Format 1.2.0 schema."""
        path = ROOT / "tests" / "data" / "citation-file-format-1.2.0.schema.json"
        schema = json.loads(path.read_text(encoding="utf-8"))
        assert [] == [error.message for error in jsonschema.Draft7Validator(schema).iter_errors(self._citation())]

    def test_schema_catches_a_bad_file(self) -> None:
        """The schema check is real: a citation without authors fails it."""
        path = ROOT / "tests" / "data" / "citation-file-format-1.2.0.schema.json"
        schema = json.loads(path.read_text(encoding="utf-8"))
        broken = {key: value for key, value in self._citation().items() if key != "authors"}
        assert list(jsonschema.Draft7Validator(schema).iter_errors(broken))

    def test_version_matches_the_package(self) -> None:
        """CITATION.cff cites the version of the package that pyproject gives."""
        assert PROJECT["version"] == str(self._citation().get("version"))


_SKIP_DIRS = {
    ".git",
    ".venv",
    "venv",
    "__pycache__",
    "_build",
    "build",
    "dist",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    ".hypothesis",
    "node_modules",
}
_RETIRED = "scripts/make_sources.py"


def _repository_files() -> list[Path]:
    found = []
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [name for name in dirs if name not in _SKIP_DIRS and not name.endswith(".egg-info")]
        found += [Path(folder) / name for name in files]
    return found


class TestDataIsTheSource:
    def test_no_generator_of_the_data(self) -> None:
        """The script that regenerated sources.json from notes outside the repository is gone."""
        assert not (ROOT / _RETIRED).exists()

    def test_nothing_refers_to_the_generator(self) -> None:
        """No file names scripts/make_sources.py (but the changelog's note of its removal): the data is the source."""
        exempt = {Path(__file__).resolve(), (ROOT / "CHANGELOG.md").resolve()}
        mentions = []
        for path in _repository_files():
            if path.resolve() in exempt:
                continue
            try:
                text = path.read_text(encoding="utf-8")
            except (UnicodeDecodeError, OSError):
                continue  # binary files name no script
            if _RETIRED in text:
                mentions.append(str(path.relative_to(ROOT)))
        assert [] == mentions
