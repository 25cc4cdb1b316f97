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
        assert test in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


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
