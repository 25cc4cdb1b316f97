"""The command line, through main() and through a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jp_mfg_policy._cli import main
from jp_mfg_policy._serde import COLLECTIONS

COMMANDS = ["overview", "list", "show", "search", "tree", "relations", "graph", "export", "cite", "validate"]


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


class TestCommands:
    def test_overview_is_default(self, capsys: pytest.CaptureFixture[str]) -> None:
        """With no command, the overview is printed: the tree, with acronyms, Japanese names and years."""
        code, out, _ = run([], capsys)
        assert 0 == code
        assert "├── METI  Ministry of Economy, Trade and Industry  経済産業省  (founded 2001)" in out
        assert "│   ├── AIST" in out
        assert "MITI  Ministry of International Trade and Industry  通商産業省  (1949–2001)  → METI" in out
        assert "1. Fundamentally revising energy and environmental policies" in out

    def test_overview_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """overview --json gives the tree as data."""
        code, out, _ = run(["overview", "--json"], capsys)
        data = json.loads(out)
        meti = next(node for node in data["tree"] if node["id"] == "meti")
        assert 0 == code
        assert {"aist", "jpo"} <= {child["id"] for child in meti["children"]}

    def test_list(self, capsys: pytest.CaptureFixture[str]) -> None:
        """list --kind filters by kind, and --year shows the bodies of that year."""
        code, out, _ = run(["list", "--kind", "ministry", "--year", "1999", "--json"], capsys)
        ids = {item["id"] for item in json.loads(out)}
        assert 0 == code
        assert "miti" in ids
        assert "meti" not in ids
        code, out, _ = run(["list", "--kind", "plan"], capsys)
        assert 6 == len(out.splitlines())

    def test_list_nothing(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An empty list exits 1 with a message on stderr."""
        code, out, err = run(["list", "--kind", "agency", "--year", "1800"], capsys)
        assert (1, "") == (code, out)
        assert "jp-mfg-policy: no agency found in 1800\n" == err

    def test_show_japanese_key(self, capsys: pytest.CaptureFixture[str]) -> None:
        """show takes a Japanese name and prints the body in full."""
        code, out, _ = run(["show", "特許庁"], capsys)
        assert 0 == code
        assert out.startswith("JPO  Japan Patent Office  特許庁")
        assert "legal form: external agency of a ministry (外局)" in out

    def test_show_json_and_year(self, capsys: pytest.CaptureFixture[str]) -> None:
        """show --json prints the entity in the data format; --year as it was."""
        code, out, _ = run(["show", "CSTI", "--year", "2010", "--json"], capsys)
        data = json.loads(out)
        assert (0, "council", "Council for Science and Technology Policy") == (code, data["kind"], data["name"])

    def test_search(self, capsys: pytest.CaptureFixture[str]) -> None:
        """search ranks names first; nothing found exits 1."""
        code, out, _ = run(["search", "研究所", "--json"], capsys)
        assert 0 == code
        assert {"aist", "nistep"} <= {item["id"] for item in json.loads(out)}
        assert 1 == run(["search", "zzzz"], capsys)[0]

    def test_tree_and_relations(self, capsys: pytest.CaptureFixture[str]) -> None:
        """tree ROOT and relations KEY answer for any name of the body."""
        code, out, _ = run(["tree", "経済産業省"], capsys)
        assert (0, 7) == (code, len(out.splitlines()))
        code, out, _ = run(["relations", "NEDO", "--kind", "funds"], capsys)
        assert (0, "meti funds nedo\n") == (code, out)

    def test_graph(self, capsys: pytest.CaptureFixture[str]) -> None:
        """graph prints Mermaid or DOT, for a root and a year."""
        code, out, _ = run(["graph", "--format", "dot", "--root", "MITI", "--year", "1999"], capsys)
        assert 0 == code
        assert '"miti" -> "jpo"' in out
        assert run(["graph"], capsys)[1].startswith("flowchart TD")

    def test_export(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """export writes the files and says so on stderr."""
        code, _, err = run(["export", "--format", "csv", "--out", str(tmp_path / "t")], capsys)
        assert 0 == code
        assert f"wrote {len(COLLECTIONS)} files" in err
        assert (tmp_path / "t" / "organizations.csv").exists()

    def test_export_unwritable(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """An unwritable output path exits 2 with one line naming it."""
        blocker = tmp_path / "file"
        blocker.write_text("x")
        code, _, err = run(["export", "--format", "json", "--out", str(blocker / "out.json")], capsys)
        assert 2 == code
        assert err.startswith(f"jp-mfg-policy: cannot write {blocker / 'out.json'}:")
        assert 1 == len(err.splitlines())

    def test_cite(self, capsys: pytest.CaptureFixture[str]) -> None:
        """cite prints text, BibTeX or JSON."""
        assert "Manufacturing Policy Portal" in run(["cite", "AIST"], capsys)[1]
        assert run(["cite", "AIST", "--bibtex"], capsys)[1].startswith("@misc{jp-mfg-policy-")
        sources = json.loads(run(["cite", "AIST", "--json"], capsys)[1])
        assert "cambridge-actors" == sources[0]["id"]
        assert sources[0]["quotes"]

    def test_validate(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """validate exits 0 for a good file and 2, with each problem, for a bad one."""
        good = tmp_path / "good.json"
        good.write_text('{"sources": [{"id": "mine", "title": "Notes", "publisher": "Me"}]}', encoding="utf-8")
        assert (0, f"valid: {good}\n") == run(["validate", str(good)], capsys)[:2]
        bad = tmp_path / "bad.json"
        bad.write_text('{"organizations": [{"kind": "ministry", "id": "x"}]}', encoding="utf-8")
        code, out, err = run(["validate", str(bad), "--json"], capsys)
        assert 2 == code
        expected = "does not match the schema: 'name' is a required property"
        assert {"file": str(bad), "path": "$.organizations[0]", "message": expected} in json.loads(out)["problems"]
        assert f"jp-mfg-policy: {bad}: $.organizations[0]: {expected}" in err


class TestErrors:
    def test_unknown_key(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown key exits 1 with one line on stderr naming the closest matches."""
        code, out, err = run(["show", "METY"], capsys)
        assert (1, "") == (code, out)
        assert err.startswith("jp-mfg-policy: no entity matches 'METY'; did you mean")
        assert 1 == len(err.splitlines())

    @pytest.mark.parametrize("argv", [["frobnicate"], ["list", "--kind", "planet"], ["show"], ["tree", "--year", "x"]])
    def test_bad_usage(self, argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
        """Bad commands and flags exit 2."""
        with pytest.raises(SystemExit) as info:
            main(argv)
        assert 2 == info.value.code
        assert "usage:" in capsys.readouterr().err

    def test_not_a_body(self, capsys: pytest.CaptureFixture[str]) -> None:
        """tree of something that is not a body is bad usage."""
        code, _, err = run(["tree", "basic-plan-1"], capsys)
        assert 2 == code
        assert "not an organization" in err

    @pytest.mark.parametrize("command", COMMANDS)
    def test_help_has_examples(self, command: str, capsys: pytest.CaptureFixture[str]) -> None:
        """Every command's --help shows examples."""
        with pytest.raises(SystemExit) as info:
            main([command, "--help"])
        assert 0 == info.value.code
        assert f"examples:\n  jp-mfg-policy {command}" in capsys.readouterr().out


class TestTerminal:
    def test_narrow_terminal(self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
        """On a narrow terminal each line fits, counting wide characters twice."""
        monkeypatch.setenv("COLUMNS", "40")
        run(["tree", "METI"], capsys)
        monkeypatch.delenv("COLUMNS")
        code, out, _ = run(["tree", "METI"], capsys)
        assert 0 == code
        monkeypatch.setenv("COLUMNS", "40")
        _, narrow, _ = run(["tree", "METI"], capsys)
        from jp_mfg_policy._cli import _display_width  # noqa: PLC0415

        assert all(_display_width(line) <= 40 for line in narrow.splitlines())
        assert any(_display_width(line) > 40 for line in out.splitlines())


ENV = {**os.environ, "PYTHONIOENCODING": "utf-8"}
ENV.pop("COLUMNS", None)


class TestProcess:
    @pytest.mark.parametrize(
        ("argv", "code", "expected"),
        [
            ([], 0, "文部科学省"),
            (["list", "--kind", "council"], 0, "CSTI"),
            (["show", "経産省"], 0, "Ministry of Economy, Trade and Industry"),
            (["search", "patent"], 0, "JPO"),
            (["tree", "JST"], 0, "CRDS"),
            (["relations", "CRDS"], 0, "jst contains crds"),
            (["graph", "--format", "mermaid"], 0, "flowchart TD"),
            (["cite", "NEDO", "--bibtex"], 0, "@online{ror-nedo,"),
            (["show", "nothing-like-this"], 1, ""),
            (["list", "--kind", "nonsense"], 2, ""),
            (["validate", "/nonexistent/mine.json"], 2, ""),
            (["export", "--format", "csv", "--out", "/proc/no/such/place"], 2, ""),
        ],
    )
    def test_subprocess(self, argv: list[str], code: int, expected: str) -> None:
        """Each command runs as a real process, piped, with its exit code."""
        result = subprocess.run(
            [sys.executable, "-m", "jp_mfg_policy", *argv], capture_output=True, env=ENV, check=False
        )
        assert code == result.returncode, result.stderr
        assert expected in result.stdout.decode("utf-8")
        if code:
            assert 1 == len(result.stderr.decode("utf-8").strip().splitlines()) or code == 2

    def test_export_and_validate(self, tmp_path: Path) -> None:
        """Exported JSON validates (alone, with the bundled data excluded) through the command."""
        out = tmp_path / "all.json"
        subprocess.run(
            [sys.executable, "-m", "jp_mfg_policy", "export", "--format", "json", "--out", str(out)],
            check=True,
            capture_output=True,
            env=ENV,
        )
        assert json.loads(out.read_text(encoding="utf-8"))["organizations"]

    def test_closed_pipe(self) -> None:
        """Piping into a command that stops reading early is not an error."""
        with subprocess.Popen(
            [sys.executable, "-m", "jp_mfg_policy"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV
        ) as producer:
            assert producer.stdout is not None
            first = producer.stdout.readline()
            producer.stdout.close()  # stop reading, as `head -1` does
            stderr = producer.stderr.read() if producer.stderr else b""
        assert first.startswith(b"Japan's manufacturing-policy system")
        assert b"Traceback" not in stderr
