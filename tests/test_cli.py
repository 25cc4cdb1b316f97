"""The ``jp-mfg-policy`` command: every command, its help, JSON, exit codes, past views, locale and safety."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jp_mfg_policy as jmp
from conftest import ROOT, WriteData, cite
from jp_mfg_policy._cli import EXIT_CODES, main, safe

PROG = "jp-mfg-policy"
CLI_DOC = ROOT / "docs" / "reference" / "cli.md"
# Hypothesis runs many examples through one test's capsys and monkeypatch: they are reset by hand.
FIXTURES_OK = settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=30, deadline=None)


def _help(*argv: str) -> str:
    """What ``--help`` prints for a command (or for the whole program), captured at collection time."""
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), contextlib.suppress(SystemExit):
        main([*argv, "--help"])
    return buffer.getvalue()


TOP_HELP = _help()
COMMANDS = re.findall(r"^ {4}([a-z]+)\b", TOP_HELP.split("COMMAND\n", 1)[1].split("\noptions:", 1)[0], re.MULTILINE)
HELP = {command: _help(command) for command in COMMANDS}
JSON_COMMANDS = [command for command in COMMANDS if "--json" in HELP[command]]
YEAR_COMMANDS = [command for command in COMMANDS if "--year WHEN" in HELP[command]]


def _examples(text: str) -> list[str]:
    """The example command lines of a help text (the first column when there are two)."""
    block = text.split("examples:\n", 1)[1].split("\n\n", 1)[0]
    return [re.split(r"\s{2,}", line.strip())[0] for line in block.splitlines() if line.strip()]


def _all_examples() -> list[str]:
    found: list[str] = []
    for example in [*_examples(TOP_HELP), *(e for command in COMMANDS for e in _examples(HELP[command]))]:
        # The placeholder COMMAND stands for each command.
        found += [example.replace("COMMAND", command) for command in COMMANDS] if "COMMAND" in example else [example]
    return list(dict.fromkeys(found))


EXAMPLES = _all_examples()

# A user's data file, valid, with one body of its own.
MINIMAL: dict[str, Any] = {
    "sources": [{"id": "mine", "title": "My notes", "publisher": "Me", "url": "https://example.org/"}],
    "organizations": [
        {"kind": "agency", "id": "my-lab", "name": "My Laboratory", "established": "2020", "sources": cite("mine")}
    ],
}
MINIMAL_TOML = '[[sources]]\nid = "mine-b"\ntitle = "My other notes"\npublisher = "Me"\nurl = "https://example.org/b"\n'


def _record(**fields: Any) -> dict[str, Any]:
    """A user data file holding one agency with the given fields (over sensible defaults)."""
    body = {"kind": "agency", "id": "evil-lab", "name": "Evil Lab", "established": "2020", "sources": cite("mine")}
    return {"sources": MINIMAL["sources"], "organizations": [body | fields]}


# Characters that act on a terminal rather than show: the CLI promises never to print them raw.
UNSAFE = frozenset(
    chr(code)
    for code in (*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
) - {"\n"}


class Result:
    """One run of the command: its exit code and what it printed."""

    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def json(self) -> Any:
        """Standard output, parsed as JSON."""
        return json.loads(self.out)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> Result:
    """Run ``main(argv)`` in this process; an argparse exit counts as its exit code."""
    capsys.readouterr()
    code: object
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    assert isinstance(code, int)
    return Result(code, out, err)


def process(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run the command as a real process, ``python -m jp_mfg_policy``."""
    command = [sys.executable, "-m", "jp_mfg_policy", *argv]
    return subprocess.run(command, capture_output=True, env=env, check=False, timeout=60)


def c_locale(*, utf8_mode: bool = True) -> dict[str, str]:
    """
    A clean environment in the C locale with no PYTHONIOENCODING.

    Python turns its UTF-8 mode on by itself in the C locale; ``utf8_mode=False`` turns it off,
    so that standard output really takes ASCII only.
    """
    env = {"PATH": os.environ.get("PATH", os.defpath), "LC_ALL": "C"}
    if "PYTHONPATH" in os.environ:  # where the package under test is found, when not installed
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    if not utf8_mode:
        env["PYTHONUTF8"] = "0"
    return env


def tree_ids(nodes: list[dict[str, Any]]) -> Iterator[str]:
    """Every id in a JSON tree, depth first."""
    for node in nodes:
        yield node["id"]
        yield from tree_ids(node["children"])


def forged(text: str) -> list[str]:
    """Lines of *text* (split at newlines only) that data forged: they start with FORGED."""
    return [line for line in text.split("\n") if line.lstrip().startswith("FORGED")]


@pytest.fixture(autouse=True)
def _piped(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test prints as to a pipe: no terminal width cuts the lines."""
    monkeypatch.delenv("COLUMNS", raising=False)


class TestCommands:
    @pytest.mark.parametrize(
        "argv",
        [
            ["show", "METI", "--year", "FY2018", "--json"],
            ["list", "--kind", "law", "--data", "a.json", "--data", "b.json"],
            ["search", "patent", "--limit", "3"],
            ["tree", "--year", "1999"],
            ["relations", "NEDO", "--kind", "oversees"],
            ["graph", "--format", "dot", "--root", "METI"],
            ["export", "--format", "csv", "--no-bom", "--out", "tables"],
            ["cite", "CSTI", "--event", "renamed", "--bibtex"],
            ["validate", "a.json", "b.toml", "--json"],
            ["overview", "--json"],
        ],
        ids=lambda argv: argv[0],
    )
    def test_one_command_parsed_as_by_the_whole_parser(self, argv: list[str]) -> None:
        """A run builds its own command's options only, and reads its arguments as the whole parser would."""
        from jp_mfg_policy._cli import _parser

        assert vars(_parser().parse_args(argv)) == vars(_parser(only=argv[0]).parse_args(argv))

    @pytest.mark.parametrize("command", COMMANDS)
    def test_one_command_helped_as_by_the_whole_parser(self, command: str) -> None:
        """A command's help, built alone, is the whole parser's help of that command."""
        from jp_mfg_policy._cli import _parser

        def help_of(only: str | None) -> str:
            out = io.StringIO()
            with contextlib.redirect_stdout(out), pytest.raises(SystemExit):
                _parser(only=only).parse_args([command, "--help"])
            return out.getvalue()

        assert help_of(None) == help_of(command)
        assert f"usage: jp-mfg-policy {command} " in help_of(command)

    def test_commands_named_as_the_help_lists_them(self) -> None:
        """The names a run is dispatched by are the commands the whole parser lists, in its order."""
        from jp_mfg_policy import _cli

        assert tuple(COMMANDS) == _cli.COMMANDS

    def test_commands_are_documented(self) -> None:
        """The help lists the same commands as the CLI reference, and no fewer than the issues name."""
        # The reference's definition list: a term line with the command and its arguments, then ": what it does".
        documented = re.findall(r"^`([a-z]+)\b[^`\n]*`[^\n]*\n: ", CLI_DOC.read_text(encoding="utf-8"), re.MULTILINE)
        assert sorted(documented) == sorted(COMMANDS)
        assert {
            "overview",
            "list",
            "show",
            "search",
            "tree",
            "relations",
            "graph",
            "export",
            "cite",
            "validate",
        } <= set(COMMANDS)

    @pytest.mark.parametrize("flag", ["--help", "-h"])
    def test_top_help(self, flag: str, capsys: pytest.CaptureFixture[str]) -> None:
        """--help and -h print the usage, every command and the examples, and exit 0."""
        result = run(capsys, flag)
        assert (0, "") == (result.code, result.err)
        assert result.out.startswith(f"usage: {PROG}")
        assert all(re.search(rf"^ {{4}}{command}\b", result.out, re.MULTILINE) for command in COMMANDS)
        assert "examples:" in result.out

    @pytest.mark.parametrize("command", COMMANDS)
    def test_command_help(self, command: str, capsys: pytest.CaptureFixture[str]) -> None:
        """Every command's --help shows its usage, examples of itself and the exit codes, and exits 0."""
        result = run(capsys, command, "--help")
        assert (0, "") == (result.code, result.err)
        assert result.out.startswith(f"usage: {PROG} {command}")
        assert f"examples:\n  {PROG} {command}" in result.out
        assert all(f"{code} {meaning}" in result.out for code, meaning in EXIT_CODES.items())

    def test_representatives_cover_every_command(self) -> None:
        """The runs below cover every command the help lists."""
        assert sorted(COMMANDS) == sorted(REPRESENTATIVE)

    @pytest.mark.parametrize(
        "command", sorted(set(COMMANDS) & {"overview", "list", "show", "search", "tree", "relations", "graph", "cite"})
    )
    def test_command_runs(self, command: str, capsys: pytest.CaptureFixture[str]) -> None:
        """Every query command runs on the bundled data, exits 0 and prints something, with nothing on stderr."""
        result = run(capsys, *REPRESENTATIVE[command])
        assert (0, "") == (result.code, result.err)
        assert result.out.strip()

    def test_default_is_overview(self, capsys: pytest.CaptureFixture[str]) -> None:
        """With no command, or only options, the overview is printed."""
        overview = run(capsys, "overview").out
        assert overview == run(capsys).out
        assert run(capsys, "overview", "--year", "1999").out == run(capsys, "--year", "1999").out

    def test_export_runs(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """export writes its file and says so on stderr, printing nothing on stdout."""
        out = tmp_path / "policy.json"
        result = run(capsys, "export", "--format", "json", "--out", str(out))
        assert (0, "") == (result.code, result.out)
        assert result.err.startswith("wrote 1 file to ")
        assert len(jmp.load().organizations) == len(json.loads(out.read_text(encoding="utf-8"))["organizations"])

    def test_validate_runs(self, write_data: WriteData, capsys: pytest.CaptureFixture[str]) -> None:
        """validate says a good file is valid and exits 0."""
        path = write_data(MINIMAL)
        result = run(capsys, "validate", str(path))
        assert (0, f"valid: {path}\n") == (result.code, result.out)


REPRESENTATIVE: dict[str, list[str]] = {
    "overview": ["overview"],
    "list": ["list", "--kind", "ministry"],
    "show": ["show", "経済産業省"],
    "search": ["search", "patent"],
    "tree": ["tree", "METI"],
    "relations": ["relations", "NEDO"],
    "graph": ["graph", "--format", "dot"],
    "cite": ["cite", "AIST"],
    "export": ["export", "--format", "json", "--out", "PATH"],
    "validate": ["validate", "FILE"],
}


class TestJson:
    CASES: ClassVar[dict[str, list[str]]] = {
        "overview": ["overview", "--json"],
        "list": ["list", "--kind", "law", "--json"],
        "show": ["show", "METI", "--json"],
        "search": ["search", "研究所", "--json"],
        "tree": ["tree", "MEXT", "--json"],
        "relations": ["relations", "NEDO", "--json"],
        "cite": ["cite", "AIST", "--json"],
        "validate": ["validate", "FILE", "--json"],
    }

    def test_cases_cover_every_json_command(self) -> None:
        """Every command whose help offers --json has a case below."""
        assert sorted(JSON_COMMANDS) == sorted(self.CASES)

    @pytest.mark.parametrize("command", JSON_COMMANDS)
    def test_parses(self, command: str, write_data: WriteData, capsys: pytest.CaptureFixture[str]) -> None:
        """Every --json output is one JSON document, and a non-empty one when something matched."""
        argv = [str(write_data(MINIMAL)) if word == "FILE" else word for word in self.CASES[command]]
        result = run(capsys, *argv)
        assert 0 == result.code, result.err
        assert result.json()

    def test_shapes(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The JSON says what the text says: show names the entity, tree nests the bodies under the root."""
        system = jmp.load()
        meti = system.get("METI")
        assert meti.id == run(capsys, "show", "経済産業省", "--json").json()["id"]
        (root,) = run(capsys, "tree", "METI", "--json").json()
        assert {meti.id} | {body.id for body in system.descendants(meti)} == set(tree_ids([root]))
        found = run(capsys, "search", "patent", "--json").json()
        assert found
        assert all({"id", "type", "field", "how"} <= set(item) for item in found)

    @pytest.mark.parametrize(
        "argv",
        [
            ["search", "zzqxv-no-such-words", "--json"],
            ["search", "METI", "--year", "1800", "--json"],
            ["list", "--kind", "agency", "--year", "1800", "--json"],
            ["relations", "SNL", "--kind", "funds", "--json"],
        ],
        ids=["search", "search-past", "list", "relations"],
    )
    def test_nothing_found_is_empty_list(self, argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
        """When nothing matches, --json prints [] (and the exit code says nothing was found)."""
        result = run(capsys, *argv)
        assert ([], 1) == (result.json(), result.code)
        assert 1 == len(result.err.splitlines())

    def test_empty_tree_is_empty_list(self, capsys: pytest.CaptureFixture[str]) -> None:
        """tree --json of a year before any body is []."""
        assert [] == run(capsys, "tree", "--year", "1800", "--json").json()

    @pytest.mark.parametrize("command", ["show", "relations", "cite"])
    def test_unknown_key_is_still_json(self, command: str, capsys: pytest.CaptureFixture[str]) -> None:
        """--json always prints valid JSON (issue 10, point 7), even when the key matches nothing."""
        result = run(capsys, command, "no-such-body-anywhere", "--json")
        assert 1 == result.code
        assert result.json() in ([], None, {})

    def test_invalid_data_is_json(self, write_data: WriteData, capsys: pytest.CaptureFixture[str]) -> None:
        """Invalid data under --json prints the problems as JSON, each placed in its file, and exits 2."""
        path = write_data(_record(established="2020-13-01"))
        result = run(capsys, "show", "METI", "--data", str(path), "--json")
        data = result.json()
        assert (2, False) == (result.code, data["valid"])
        assert any(p["file"] == str(path) and p["path"].startswith("$.organizations[0]") for p in data["problems"])


OUTCOMES: list[tuple[list[str], int]] = [
    (["show", "METI"], 0),
    (["show", "METY-no-such"], 1),
    (["search", "zzqxv-no-such-words"], 1),
    (["list", "--kind", "agency", "--year", "1800"], 1),
    (["relations", "SNL", "--kind", "funds"], 1),
    (["cite", "MITI", "--event", "no-such-kind"], 1),
    (["frobnicate"], 2),
    (["list", "--kind", "planet"], 2),
    (["show"], 2),
    (["tree", "--year", "x"], 2),
    (["search", "METI", "--limit", "many"], 2),
    (["cite", "MITI", "--event", "founded", "--relation", "oversees"], 2),
    (["export", "--format", "json", "--out", ""], 2),
    (["show", "METI", "--data", "/nonexistent/mine.json"], 2),
    (["validate", "/nonexistent/mine.json"], 2),
]


class TestExitCodes:
    def test_documented_codes_agree(self) -> None:
        """The CLI reference explains exactly the codes of EXIT_CODES, and its printed table is EXIT_CODES."""
        text = CLI_DOC.read_text(encoding="utf-8").split("## Exit codes", 1)[1]
        explained = [int(code) for code in re.findall(r"^- `(\d+)`: ", text, re.MULTILINE)]
        assert sorted(EXIT_CODES) == explained
        printed = dict(re.findall(r"^(\d+) (.+)$", text.split("```python", 1)[1].split("```", 1)[0], re.MULTILINE))
        assert {str(code): meaning for code, meaning in EXIT_CODES.items()} == printed

    def test_codes_are_distinct_and_small(self) -> None:
        """Success is 0, and each other outcome has its own code below 126 (the shell's own)."""
        assert "success" == EXIT_CODES[0]
        assert all(0 <= code < 126 for code in EXIT_CODES)

    @pytest.mark.parametrize(("argv", "expected"), OUTCOMES)
    def test_outcome(self, argv: list[str], expected: int, capsys: pytest.CaptureFixture[str]) -> None:
        """Each outcome exits with its documented code; a failure says why on stderr, with no traceback."""
        assert expected in EXIT_CODES
        result = run(capsys, *argv)
        assert expected == result.code, result.err
        if expected:
            assert result.err.strip()
            assert "Traceback" not in result.err
            assert f"{PROG}" in result.err

    def test_every_code_is_exercised(self) -> None:
        """The outcomes above reach every documented code."""
        assert sorted(EXIT_CODES) == sorted({expected for _, expected in OUTCOMES})

    def test_not_a_body(self, capsys: pytest.CaptureFixture[str]) -> None:
        """tree of a law (not a body) is bad usage, exit 2, in one line."""
        law = jmp.load().laws[0]
        result = run(capsys, "tree", law.id)
        assert (2, "") == (result.code, result.out)
        assert 1 == len(result.err.splitlines())

    def test_invalid_data_exit(self, write_data: WriteData, capsys: pytest.CaptureFixture[str]) -> None:
        """validate of a bad file exits 2 and names the file and the place of the problem."""
        path = write_data(_record(established="2020-13-01"))
        result = run(capsys, "validate", str(path))
        assert 2 == result.code
        assert f"{path}: $.organizations[0]" in result.err

    def test_empty_tree_exit(self, capsys: pytest.CaptureFixture[str]) -> None:
        """tree with no body to show is an empty result: exit 1, as for list and search."""
        assert 1 == run(capsys, "tree", "--year", "1800").code

    @pytest.mark.parametrize(
        ("target", "argv"),
        [
            ("search", ["search", "patent"]),
            ("get", ["show", "METI"]),
            ("to_mermaid", ["graph"]),
            ("history", ["show", "METI"]),
        ],
    )
    @pytest.mark.parametrize("error", [TypeError, ValueError])
    def test_internal_error_is_not_usage(
        self,
        target: str,
        argv: list[str],
        error: type[Exception],
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """An internal TypeError or ValueError propagates as what it is; it is never reported as bad usage."""

        def broken(*_args: object, **_kwargs: object) -> None:
            message = f"internal {target} fault"
            raise error(message)

        monkeypatch.setattr(jmp.PolicySystem, target, broken)
        with pytest.raises(error, match="internal"):
            main(argv)
        assert "usage" not in capsys.readouterr().err

    @pytest.mark.parametrize(
        ("target", "error", "argv"),
        [
            ("export", ValueError, ["export", "--format", "json", "--out", "x.json"]),
            ("organization", TypeError, ["tree", "METI"]),
        ],
        ids=["export", "tree"],
    )
    def test_internal_error_in_export_or_tree(
        self, target: str, error: type[Exception], argv: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        """An internal fault in export or in finding a tree's root is not reported as bad usage."""

        def broken(*_args: object, **_kwargs: object) -> None:
            message = f"internal {target} fault"
            raise error(message)

        monkeypatch.chdir(tmp_path)
        monkeypatch.setattr(jmp.PolicySystem, target, broken)
        with pytest.raises(error, match="internal"):
            main(argv)

    def test_usage_error_is_two_lines(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An argparse error prints the usage and one error line, nothing on stdout."""
        result = run(capsys, "list", "--kind", "planet")
        assert (2, "") == (result.code, result.out)
        usage, error = result.err.rstrip("\n").rsplit("\n", 1)
        assert usage.startswith(f"usage: {PROG} list")
        assert error.startswith(f"{PROG} list: error: argument --kind")


class TestYear:
    @pytest.mark.parametrize("command", YEAR_COMMANDS)
    @pytest.mark.parametrize("when", ["1999", "1999-04", "1999-04-01", "FY2018", "2018年度"])
    def test_every_year_option_takes_every_form(
        self, command: str, when: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Every --year takes a year, a month, a full date and a fiscal year (JPO stood in all of them)."""
        argv = {
            "show": ["show", "JPO"],
            "relations": ["relations", "JPO"],
            "cite": ["cite", "JPO"],
            "search": ["search", "patent"],
            "tree": ["tree", "JPO"],
            "list": ["list"],
            "export": ["export", "--format", "csv", "--out", str(tmp_path / "out")],
        }.get(command, [command])
        result = run(capsys, *argv, "--year", when)
        assert 0 == result.code, result.err

    @pytest.mark.parametrize(
        ("when", "day"),
        [
            ("1999", dt.date(1999, 12, 31)),
            ("1999-04", dt.date(1999, 4, 30)),
            ("1999-04-01", dt.date(1999, 4, 1)),
            ("FY2018", dt.date(2019, 3, 31)),
            ("2018年度", dt.date(2019, 3, 31)),
        ],
    )
    def test_day_of_each_form(self, when: str, day: dt.date, capsys: pytest.CaptureFixture[str]) -> None:
        """A year means its last day, a month its last day, a fiscal year the 31 March that ends it."""
        assert str(day) == run(capsys, "overview", "--year", when, "--json").json()["as_of"]

    @given(day=st.dates(min_value=dt.date(1850, 1, 1), max_value=dt.date(2040, 12, 31)))
    @FIXTURES_OK
    def test_any_date(self, day: dt.date, capsys: pytest.CaptureFixture[str]) -> None:
        """Any full date is taken as that day, and shows what the API's at() shows on it."""
        result = run(capsys, "list", "--year", day.isoformat(), "--json")
        expected = [org.id for org in jmp.load().at(day).organizations]
        assert (0 if expected else 1) == result.code
        assert expected == [item["id"] for item in result.json()]

    @given(year=st.integers(min_value=1850, max_value=2040))
    @settings(FIXTURES_OK, max_examples=15)
    def test_year_and_fiscal_year(self, year: int, capsys: pytest.CaptureFixture[str]) -> None:
        """--year Y is Y's 31 December; --year FYY is 31 March of Y+1, in what the tree shows."""
        assert (
            run(capsys, "tree", "--year", f"{year}-12-31", "--json").out
            == run(capsys, "tree", "--year", str(year), "--json").out
        )
        fiscal = run(capsys, "tree", "--year", f"FY{year}", "--json").out
        assert fiscal == run(capsys, "tree", "--year", f"{year + 1}-03-31", "--json").out

    @pytest.mark.parametrize(
        "when",
        [
            "1" + "0" * 30,
            "FY1" + "0" * 30,
            "1" + "0" * 30 + "-01-01",
            "1999-1" + "0" * 30 + "-01",
            "10000",
            "0",
            "-1",
            "1999-13-01",
            "1999-02-30",
            "FY0",
            "1e3",
            "",
            "nineteen ninety-nine",
        ],
    )
    def test_bad_year_is_usage(self, when: str, capsys: pytest.CaptureFixture[str]) -> None:
        """A --year that is no date, or overflows, is a usage error (exit 2) with one error line, no traceback."""
        result = run(capsys, "tree", f"--year={when}")
        assert (2, "") == (result.code, result.out)
        assert "Traceback" not in result.err
        assert "error: argument --year" in result.err

    @given(text=st.text(max_size=40))
    @FIXTURES_OK
    def test_any_text_as_year(self, text: str, capsys: pytest.CaptureFixture[str]) -> None:
        """Whatever text is given as --year, the command answers with a documented exit code, never an exception."""
        assert run(capsys, "tree", f"--year={text}", "--json").code in EXIT_CODES

    def test_overflow_in_a_process(self) -> None:
        """--year 10**30 in a real process: exit 2 and a usage message, never a traceback."""
        result = process("overview", "--year", "1" + "0" * 30)
        assert 2 == result.returncode
        assert b"Traceback" not in result.stderr
        assert b"usage:" in result.stderr


class TestPastViews:
    def test_overview_1999(self, capsys: pytest.CaptureFixture[str]) -> None:
        """overview --year 1999 (an example in its own help) exits 0 and shows the bodies of 1999."""
        result = run(capsys, "overview", "--year", "1999")
        assert (0, "") == (result.code, result.err)
        then = jmp.load().at(1999)
        assert then.get("MITI").label in result.out
        data = run(capsys, "overview", "--year", "1999", "--json").json()
        assert "1999-12-31" == data["as_of"]
        assert sorted(org.id for org in then.organizations) == sorted(tree_ids(data["tree"]))

    def test_miti_in_1999(self, capsys: pytest.CaptureFixture[str]) -> None:
        """
        tree --year 1999 without a root has MITI at the top, with the bodies under it.

        Source enpedia-miti:
        "昭和24年(1949年)5月25日、商工省とその外局である貿易庁、石炭庁を統合して通商産業省が発足した。" and
        "平成13年(2001年)1月の中央省庁再編に伴い、経済産業省に名称変更された。"
        """
        system = jmp.load()
        excerpts = system.source("enpedia-miti").excerpts
        assert (
            "昭和24年(1949年)5月25日、商工省とその外局である貿易庁、石炭庁を統合して通商産業省が発足した。" in excerpts
        )
        assert "平成13年(2001年)1月の中央省庁再編に伴い、経済産業省に名称変更された。" in excerpts
        miti = system.get("MITI")
        tops = run(capsys, "tree", "--year", "1999", "--json").json()
        node = next(top for top in tops if top["id"] == miti.id)
        assert node["children"]
        assert any(
            line.startswith(("├── MITI", "└── MITI")) for line in run(capsys, "tree", "--year", "1999").out.splitlines()
        )

    def test_former_ministries_in_1999(self, capsys: pytest.CaptureFixture[str]) -> None:
        """tree --year 1999 includes every ministry of 1999, the former ones (dissolved since) among them."""
        system = jmp.load()
        shown = set(tree_ids(run(capsys, "tree", "--year", "1999", "--json").json()))
        ministries = {ministry.id for ministry in system.at(1999).ministries}
        former = {ident for ident in ministries if system.organization(ident).dissolved is not None}
        assert system.get("MITI").id in former
        assert ministries <= shown

    @given(year=st.integers(min_value=1870, max_value=2030))
    @FIXTURES_OK
    def test_tree_shows_every_body_once(self, year: int, capsys: pytest.CaptureFixture[str]) -> None:
        """tree --year Y without a root shows every body of at(Y), each exactly once."""
        shown = list(tree_ids(run(capsys, "tree", "--year", str(year), "--json").json()))
        assert sorted(org.id for org in jmp.load().at(year).organizations) == sorted(shown)

    @pytest.mark.parametrize("when", ["1999", "1999-06-30", "FY1998"])
    def test_tree_with_root(self, when: str, capsys: pytest.CaptureFixture[str]) -> None:
        """tree MITI --year ... shows MITI and exactly the bodies under it on that day."""
        snapshot = jmp.load().at(when)
        miti = snapshot.get("MITI")
        (root,) = run(capsys, "tree", "MITI", "--year", when, "--json").json()
        below = {body.id for body in snapshot.descendants(miti)}
        assert below
        assert {miti.id} | below == set(tree_ids([root]))
        text = run(capsys, "tree", "MITI", "--year", when).out.splitlines()
        assert text[0].startswith("MITI")
        assert len(below) + 2 == len(text)  # the root, one line per body, the coverage line

    def test_today_tree_leaves_out_former_bodies(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Without --year, the tree shows the bodies that stand today, each once."""
        shown = list(tree_ids(run(capsys, "tree", "--json").json()))
        assert sorted(org.id for org in jmp.load().organizations if org.dissolved is None) == sorted(shown)


class TestLocale:
    @pytest.mark.parametrize(
        "argv",
        [
            ["show", "METI"],
            ["overview"],
            ["--help"],
            pytest.param(["search", "patent"], marks=pytest.mark.slow),
            pytest.param(["tree", "MITI", "--year", "1999"], marks=pytest.mark.slow),
            pytest.param(["show", "--help"], marks=pytest.mark.slow),
        ],
        ids=["show", "overview", "help", "search", "tree", "show-help"],
    )
    @pytest.mark.parametrize("utf8_mode", [True, False], ids=["c-locale", "c-locale-ascii"])
    def test_prints(self, argv: list[str], utf8_mode: bool) -> None:  # noqa: FBT001 - a parameter
        """Under LC_ALL=C with no PYTHONIOENCODING each command prints, in UTF-8 or escaped to ASCII, without error."""
        result = process(*argv, env=c_locale(utf8_mode=utf8_mode))
        assert (0, b"") == (result.returncode, result.stderr)
        # In UTF-8 mode the output is UTF-8; on an ASCII stream nothing but ASCII may reach it.
        text = result.stdout.decode("utf-8" if utf8_mode else "ascii")
        assert text.strip()
        if argv == ["show", "METI"]:
            name_ja = jmp.load().organization("METI").name_ja
            assert name_ja
            assert (name_ja if utf8_mode else name_ja.encode("ascii", "backslashreplace").decode()) in text

    def test_help_example_escaped(self) -> None:
        """The help's Japanese example reaches an ASCII terminal as escapes, not as an error."""
        text = process("--help", env=c_locale(utf8_mode=False)).stdout.decode("ascii")
        assert "show " + "経済産業省".encode("ascii", "backslashreplace").decode() in text

    @pytest.mark.parametrize("utf8_mode", [True, False], ids=["c-locale", "c-locale-ascii"])
    def test_json(self, utf8_mode: bool, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: FBT001 - a parameter
        """--json under LC_ALL=C is the same JSON document as anywhere else."""
        result = process("show", "METI", "--json", env=c_locale(utf8_mode=utf8_mode))
        assert 0 == result.returncode
        assert run(capsys, "show", "METI", "--json").json() == json.loads(result.stdout)

    @pytest.mark.parametrize(
        "utf8_mode",
        [True, False],
        ids=["c-locale", "c-locale-ascii"],
    )
    def test_json_astral(self, utf8_mode: bool, write_data: WriteData) -> None:  # noqa: FBT001 - a parameter
        """--json stays valid JSON for names outside the Basic Multilingual Plane (an emoji, a rare kanji)."""
        name, name_ja = "Factory \U0001f3ed Lab", "工場\U0002000b研究所"
        path = write_data(_record(id="emoji-lab", name=name, name_ja=name_ja))
        result = process("show", "emoji-lab", "--json", "--data", str(path), env=c_locale(utf8_mode=utf8_mode))
        assert 0 == result.returncode, result.stderr
        assert (name, name_ja) == (json.loads(result.stdout)["name"], json.loads(result.stdout)["name_ja"])

    def test_japanese_argument_ascii_locale(self) -> None:
        """A Japanese key typed in an ASCII locale (UTF-8 bytes from the terminal) still finds the body."""
        result = process("show", "経済産業省", env=c_locale(utf8_mode=False))
        assert 0 == result.returncode, result.stderr


class TestEscaping:
    def test_control_characters_in_a_name_refused(
        self, write_data: WriteData, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A name holding ESC and a newline is refused (exit 2), the error placed, and nothing raw printed."""
        path = write_data(_record(name="Evil \x1b[31mLab\nFORGED LINE"))
        for argv in (["show", "evil-lab"], ["list"], ["search", "Evil"]):
            result = run(capsys, *argv, "--data", str(path))
            assert (2, "") == (result.code, result.out)
            assert f"{path}: $.organizations[0].name:" in result.err
            assert "\x1b" not in result.err
            assert [] == forged(result.err)
            assert all(line.startswith(PROG) for line in result.err.splitlines())

    @pytest.fixture(name="evil")
    def _evil(self, write_data: WriteData) -> Path:
        """A body whose texts hold newlines, line separators and bidirectional overrides."""
        return write_data(
            _record(
                name="Evil Lab \u202eTXE",
                aliases=["alias\u2028FORGED ALIAS"],
                description="description\nFORGED DESCRIPTION \u2029 \u2066isolate\u2069",
                note="note\nFORGED NOTE",
                sources=[{"source": "mine", "quote": "quoted\nFORGED QUOTE"}],
            )
        )

    @pytest.mark.parametrize(
        "argv",
        [
            ["show", "evil-lab"],
            ["search", "Evil"],
            ["search", "FORGED"],
            ["list"],
            ["tree", "evil-lab"],
            ["relations", "evil-lab"],
        ],
        ids=["show", "search", "search-alias", "list", "tree", "relations"],
    )
    def test_data_cannot_forge_output(self, argv: list[str], evil: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Text from data is printed escaped: no raw separator or override, no line forged by a newline."""
        result = run(capsys, *argv, "--data", str(evil))
        printed = result.out + result.err
        assert set() == UNSAFE & set(printed)
        assert [] == forged(printed)

    def test_escapes_are_visible(self, evil: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """show prints the escaped newline and override, so the reader sees what the data holds."""
        out = run(capsys, "show", "evil-lab", "--data", str(evil)).out
        assert "description\\x0aFORGED DESCRIPTION" in out
        assert "Evil Lab \\u202eTXE" in out

    def test_cite_cannot_be_forged(self, evil: Path, write_data: WriteData, capsys: pytest.CaptureFixture[str]) -> None:
        """cite prints a quote's newline escaped: no line of its output is forged by data."""
        out = run(capsys, "cite", "evil-lab", "--data", str(evil)).out
        assert [] == forged(out)
        literal = write_data(_record(sources=[{"source": "mine", "quote": "a backslash \\x0aFORGED BACKSLASH"}]))
        assert [] == forged(run(capsys, "cite", "evil-lab", "--data", str(literal)).out)

    def test_json_escapes_terminal_characters(self, evil: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--json writes the characters that act on a terminal as JSON escapes, and the data round-trips."""
        result = run(capsys, "show", "evil-lab", "--data", str(evil), "--json")
        assert set() == UNSAFE & set(result.out)
        assert "Evil Lab \u202eTXE" == result.json()["name"]

    @given(text=st.text())
    def test_safe_leaves_nothing_unsafe(self, text: str) -> None:
        """safe() leaves no terminal-acting character or newline, and keeps every other character as it is."""
        escaped = safe(text)
        assert set() == (UNSAFE | {"\n"}) & set(escaped)
        if not (UNSAFE | {"\n"}) & set(text):
            assert text == escaped

    @given(text=st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=60))
    @FIXTURES_OK
    def test_any_search_text_prints_safely(self, text: str, capsys: pytest.CaptureFixture[str]) -> None:
        """Whatever is searched for, the answer has a documented code and nothing raw on stdout or stderr."""
        result = run(capsys, "search", text)
        assert result.code in EXIT_CODES
        assert set() == UNSAFE & set(result.out + result.err)


class TestCite:
    def test_event(self, capsys: pytest.CaptureFixture[str]) -> None:
        """cite KEY --event KIND prints that one event's citation: its own sources, not the whole body's."""
        system = jmp.load()
        (renamed,) = [event for event in system.history("CSTI") if event.kind.value == "renamed"]
        result = run(capsys, "cite", "CSTI", "--event", "renamed")
        assert (0, "") == (result.code, result.err)
        assert system.cite(renamed) + "\n" == result.out
        assert system.cite("CSTI") + "\n" != result.out
        cited = run(capsys, "cite", "CSTI", "--event", "renamed", "--json").json()
        assert list(dict.fromkeys(c.source for c in renamed.sources)) == [source["id"] for source in cited]

    def test_event_by_date(self, capsys: pytest.CaptureFixture[str]) -> None:
        """cite KEY --event DATE picks the event of that day."""
        system = jmp.load()
        event = system.history("MITI")[-1]
        result = run(capsys, "cite", "MITI", "--event", str(event.date))
        assert (0, system.cite(event) + "\n") == (result.code, result.out)

    def test_event_ambiguous(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An event kind a body had twice is refused (exit 2), the message listing the dates to choose from."""
        system = jmp.load()
        body, kind = next(
            (org, kinds[0])
            for org in system.organizations
            if (
                kinds := [
                    k
                    for k in {e.kind.value for e in system.history(org)}
                    if [e.kind.value for e in system.history(org)].count(k) > 1
                ]
            )
        )
        result = run(capsys, "cite", body.id, "--event", kind)
        assert (2, "") == (result.code, result.out)
        assert all(str(e.date) in result.err for e in system.history(body) if e.kind.value == kind)

    def test_relation(self, capsys: pytest.CaptureFixture[str]) -> None:
        """cite KEY --relation KIND:OTHER prints that one relation's citation."""
        system = jmp.load()
        (relation,) = system.relations(subject="METI", object="NEDO", kind="oversees")
        result = run(capsys, "cite", "NEDO", "--relation", "oversees:METI")
        assert (0, system.cite(relation) + "\n") == (result.code, result.out)
        cited = run(capsys, "cite", "NEDO", "--relation", "oversees:経済産業省", "--json").json()
        assert list(dict.fromkeys(c.source for c in relation.sources)) == [source["id"] for source in cited]

    def test_relation_ambiguous_or_missing(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A relation kind matching several relations is exit 2; matching none is exit 1."""
        system = jmp.load()
        assert len(system.relations(object="NEDO", kind="oversees")) > 1
        assert 2 == run(capsys, "cite", "NEDO", "--relation", "oversees").code
        assert 1 == run(capsys, "cite", "NEDO", "--relation", "oversees:SNL").code

    def test_bibtex(self, capsys: pytest.CaptureFixture[str]) -> None:
        """cite --bibtex gives one entry for the dataset and one per source cited."""
        system = jmp.load()
        out = run(capsys, "cite", "AIST", "--bibtex").out
        sources = {citation.source for record in system.facts("AIST") for citation in getattr(record, "sources", ())}
        assert out.startswith(f"@misc{{{PROG}-")
        assert sources <= set(re.findall(r"^@online\{([^,]+),$", out, re.MULTILINE))


# What a Python repr looks like in printed text: a dict, a list, a record, an object, an enum member.
LEAKS = re.compile(r"\{'|\['|\[\{|\(\{|\b[A-Z][A-Za-z]+\([a-z_]+=|<[A-Za-z_.]+ object at|<[A-Z][A-Za-z]+\.[A-Z_]+: ")


class TestShow:
    def test_every_entity_readable(self, capsys: pytest.CaptureFixture[str]) -> None:
        """show prints every entity as text: no Python dict, list, record repr or enum repr leaks into it."""
        bad: dict[str, list[str]] = {}
        for entity in jmp.load():
            result = run(capsys, "show", entity.id)
            assert 0 == result.code, (entity.id, result.err)
            # A law's requirements are checked on their own below.
            found = [
                line for line in result.out.splitlines() if LEAKS.search(line) and not line.startswith("  requires (")
            ]
            if found:
                bad[entity.id] = found
        assert {} == bad

    def test_requirements_readable(self, capsys: pytest.CaptureFixture[str]) -> None:
        """show prints each requirement of a law as its article and text, not as a Python repr."""
        laws = [law for law in jmp.load().laws if law.requires]
        assert laws
        for law in laws:
            lines = [line for line in run(capsys, "show", law.id).out.splitlines() if line.startswith("  requires (")]
            assert len(law.requires) == len(lines)
            for requirement, line in zip(law.requires, lines, strict=True):
                assert not LEAKS.search(line), line
                assert safe(requirement.text) in line

    def test_targets(self, capsys: pytest.CaptureFixture[str]) -> None:
        """show prints each target of a strategy or plan as one line: indicator, value and unit."""
        system = jmp.load()
        targeted = [
            e for e in (*system.strategies, *system.plans) if isinstance(e, jmp.Strategy | jmp.Plan) and e.targets
        ]
        assert targeted
        for entity in targeted:
            lines = [line for line in run(capsys, "show", entity.id).out.splitlines() if line.startswith("  target: ")]
            assert len(entity.targets) == len(lines)
            for target, line in zip(entity.targets, lines, strict=True):
                assert target.indicator in line
                assert f"{target.value:g} {target.unit}" in line
                assert "{" not in line

    def test_publishers_by_name(self, capsys: pytest.CaptureFixture[str]) -> None:
        """show names publishers, organisers and a strategy's publisher by their labels, not their ids."""
        system = jmp.load()
        cases = [
            *((p, "published by", p.publishers) for p in system.publications),
            *((a, "organised by", a.organisers) for a in system.awards),
            *((s, "published by", (s.publisher,)) for s in system.strategies if s.publisher),
        ]
        assert cases
        for entity, label, idents in cases:
            (line,) = [
                line for line in run(capsys, "show", entity.id).out.splitlines() if line.startswith(f"  {label}: ")
            ]
            for ident in idents:
                body = system.get(ident)
                assert body.label in line
                if body.label != ident:
                    assert not re.search(rf"(?<![\w-]){re.escape(ident)}(?![\w-])", line), (ident, line)

    def test_show_json_resolves(self, capsys: pytest.CaptureFixture[str]) -> None:
        """show --json gives the entity's own fields and, for a body, its parent and children by id."""
        system = jmp.load()
        data = run(capsys, "show", "AIST", "--json").json()
        aist = system.get("AIST")
        assert (aist.id, aist.name) == (data["id"], data["name"])
        parent = system.parent(aist)
        assert parent is not None
        assert parent.id == data["parent"]
        assert [child.id for child in system.children(aist)] == data["children"]


class TestExport:
    def test_csv_bom(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """export --format csv writes UTF-8 with a byte-order mark by default; --no-bom writes the same without it."""
        with_bom, without = tmp_path / "bom", tmp_path / "plain"
        assert 0 == run(capsys, "export", "--format", "csv", "--out", str(with_bom)).code
        assert 0 == run(capsys, "export", "--format", "csv", "--no-bom", "--out", str(without)).code
        names = sorted(path.name for path in with_bom.glob("*.csv"))
        assert names
        assert names == sorted(path.name for path in without.glob("*.csv"))
        for name in names:
            bom, plain = (with_bom / name).read_bytes(), (without / name).read_bytes()
            assert bom.startswith(b"\xef\xbb\xbf"), name
            assert not plain.startswith(b"\xef\xbb\xbf"), name
            assert bom[3:] == plain
        rows = list(csv.DictReader(io.StringIO((with_bom / "organizations.csv").read_text(encoding="utf-8-sig"))))
        assert {org.id for org in jmp.load().organizations} == {row["id"] for row in rows}
        assert any(row["name_ja"] == "経済産業省" for row in rows)

    def test_datapackage(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """export --format datapackage writes datapackage.json and every table it describes, as described."""
        out = tmp_path / "package"
        result = run(capsys, "export", "--format", "datapackage", "--out", str(out))
        assert 0 == result.code, result.err
        package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
        assert package["resources"]
        for resource in package["resources"]:
            raw = (out / resource["path"]).read_bytes()
            encoding = resource.get("encoding", "utf-8")
            assert raw.startswith(b"\xef\xbb\xbf") == (encoding.lower() == "utf-8-sig"), resource["name"]
            header = next(csv.reader(io.StringIO(raw.decode(encoding))))
            assert [field["name"] for field in resource["schema"]["fields"]] == header

    def test_datapackage_is_valid(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """The Data Package passes the Frictionless validator, descriptor and every row."""
        frictionless = pytest.importorskip("frictionless")
        out = tmp_path / "package"
        run(capsys, "export", "--format", "datapackage", "--out", str(out))
        report = frictionless.validate(str(out / "datapackage.json"))
        assert [] == report.flatten(["type", "note"])

    def test_json_export_round_trips(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """export --format json of a past view loads back, alone, as the same bodies."""
        out = tmp_path / "1999.json"
        assert 0 == run(capsys, "export", "--format", "json", "--year", "1999", "--out", str(out)).code
        again = jmp.load(extra=[out], bundled=False)
        assert sorted(org.id for org in jmp.load().at(1999).organizations) == sorted(
            org.id for org in again.organizations
        )


class TestExamples:
    def test_every_command_has_an_example(self) -> None:
        """The help gives at least one example of every command."""
        assert set(COMMANDS) <= {shlex.split(example)[1] for example in EXAMPLES if len(shlex.split(example)) > 1}

    @pytest.mark.parametrize("example", EXAMPLES)
    def test_example_runs(
        self, example: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Every example in the help runs and exits 0 (a pipe's or redirect's tail aside; user files provided)."""
        (tmp_path / "my-bodies.json").write_text(json.dumps(MINIMAL), encoding="utf-8")
        (tmp_path / "a.json").write_text(json.dumps(MINIMAL), encoding="utf-8")
        (tmp_path / "b.toml").write_text(MINIMAL_TOML, encoding="utf-8")
        monkeypatch.chdir(tmp_path)
        words = shlex.split(example)
        assert PROG == words[0]
        words = words[1 : words.index("|") if "|" in words else None]
        if ">" in words:
            words = words[: words.index(">")]
        result = run(capsys, *words)
        assert 0 == result.code, result.err
        assert result.out or result.err.startswith("wrote ")

    @pytest.mark.slow
    def test_example_pipeline(self, tmp_path: Path) -> None:
        """The BibTeX example, redirected in a real shell, writes a file of entries."""
        shell = f"{shlex.quote(sys.executable)} -m jp_mfg_policy cite Keidanren --bibtex > keidanren.bib"
        subprocess.run(shell, shell=True, check=True, cwd=tmp_path, capture_output=True, timeout=60)  # noqa: S602 - a fixed command line
        assert (tmp_path / "keidanren.bib").read_text(encoding="utf-8").startswith("@misc{")


class TestProcess:
    @pytest.mark.slow
    def test_console_script(self) -> None:
        """The installed jp-mfg-policy script runs as python -m jp_mfg_policy does."""
        script = Path(sys.executable).with_name(PROG)
        if not script.exists():
            pytest.skip("the console script is not installed next to this interpreter")
        result = subprocess.run([str(script), "show", "METI"], capture_output=True, check=False, timeout=60)
        assert (0, process("show", "METI").stdout) == (result.returncode, result.stdout)

    @pytest.mark.parametrize(
        ("argv", "code"), [(["show", "nothing-like-this"], 1), (["list", "--kind", "nonsense"], 2)]
    )
    def test_exit_code(self, argv: list[str], code: int) -> None:
        """A real process exits with the documented code, its error on stderr, no traceback."""
        result = process(*argv)
        assert (code, b"") == (result.returncode, result.stdout)
        assert b"Traceback" not in result.stderr

    @pytest.mark.parametrize("json_", [False, True], ids=["text", "json"])
    def test_closed_pipe(self, json_: bool, write_data: WriteData) -> None:  # noqa: FBT001 - a parameter
        """Piping into a reader that stops early (as head does) is not an error: exit 0, nothing on stderr."""
        # Far more than a pipe holds, so that the command is still writing when the reader goes.
        path = write_data(_record(id="big-lab", description="word " * 100_000))
        argv = [
            sys.executable,
            "-m",
            "jp_mfg_policy",
            "show",
            "big-lab",
            "--data",
            str(path),
            *(["--json"] if json_ else []),
        ]
        with subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as producer:
            assert producer.stdout is not None
            assert producer.stderr is not None
            first = producer.stdout.readline()
            producer.stdout.close()
            stderr = producer.stderr.read()
        assert first.startswith(b"{" if json_ else b"Evil Lab")
        assert (0, b"") == (producer.returncode, stderr)


class TestDocs:
    def test_reference_documents_every_option(self) -> None:
        """The CLI reference names every option of every command, and every export format."""
        from jp_mfg_policy._formats import FORMATS

        text = CLI_DOC.read_text(encoding="utf-8")
        options = {
            option for command in COMMANDS for option in re.findall(r"^  (--[a-z-]+)", HELP[command], re.MULTILINE)
        }
        assert options
        assert [] == sorted(option for option in options if option not in text)
        assert [] == sorted(name for name in FORMATS if name not in text)
