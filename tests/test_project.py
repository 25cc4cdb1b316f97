"""The project's own files agree with each other."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).parents[1]


def _readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```console\n(python3 -m venv [^\n]+)\n```", readme)


class TestCommands:
    def test_readme_has_two_setup_commands(self) -> None:
        """The README gives exactly two set-up commands: run it, and test it."""
        run, test = _readme_commands()
        assert run.endswith("jp-mfg-policy")
        assert "pytest" in test

    def test_ci_runs_the_readme_test_command(self) -> None:
        """.ci/run runs the README's test command, verbatim."""
        _, test = _readme_commands()
        lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        assert f"{test} || exit 1" in lines


class TestMetadata:
    def test_runtime_dependencies(self) -> None:
        """At run time the package needs attrs and cattrs, nothing else."""
        project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
        assert ["attrs", "cattrs"] == sorted(re.split(r"[<>=;\[ ]", dep)[0] for dep in project["dependencies"])

    def test_changelog_has_unreleased(self) -> None:
        """The changelog keeps an Unreleased section at the top."""
        changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
        headings = [line for line in changelog.splitlines() if line.startswith("## ")]
        assert "## [Unreleased]" == headings[0]


class TestProjectFiles:
    def test_citation_cff_is_valid(self) -> None:
        """CITATION.cff satisfies the Citation File Format 1.2.0 schema."""
        import json  # noqa: PLC0415

        import jsonschema  # noqa: PLC0415
        import yaml  # noqa: PLC0415

        schema = json.loads((ROOT / "tests" / "data" / "citation-file-format-1.2.0.schema.json").read_text("utf-8"))
        citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
        assert [] == [error.message for error in jsonschema.Draft7Validator(schema).iter_errors(citation)]

    def test_version_in_one_place(self) -> None:
        """The version is written only in pyproject.toml."""
        for name in ("CITATION.cff", "src/jp_mfg_policy/__init__.py", "src/jp_mfg_policy/_version.py"):
            assert "0.1.0" not in (ROOT / name).read_text(encoding="utf-8"), name

    def test_chart_in_the_docs_is_current(self) -> None:
        """The charts the docs show are the library's current output (re-render with scripts/make_charts.sh)."""
        import jp_mfg_policy as jmp  # noqa: PLC0415

        static = ROOT / "docs" / "_static"
        assert jmp.load().to_dot() == (static / "org-chart.dot").read_text(encoding="utf-8")
        assert jmp.load().at(1999).to_dot() == (static / "org-chart-1999.dot").read_text(encoding="utf-8")
        for name in ("org-chart.svg", "org-chart-1999.svg"):
            assert (static / name).read_text(encoding="utf-8").lstrip().startswith("<?xml")
