"""The command line, through main() and through a real process."""

from __future__ import annotations

import subprocess
import sys

import pytest

from jp_mfg_policy._cli import main


class TestMain:
    def test_overview_is_default(self, capsys: pytest.CaptureFixture[str]) -> None:
        """With no command, the overview is printed: the tree, with acronyms, Japanese names and years."""
        assert 0 == main([])
        out = capsys.readouterr().out
        assert "├── METI  Ministry of Economy, Trade and Industry  経済産業省  (founded 2001)" in out
        assert "│   ├── AIST" in out
        assert "MITI  Ministry of International Trade and Industry  通商産業省  (1949–2001)  → METI" in out
        assert "1. Fundamentally revising energy and environmental policies" in out

    def test_tree_of_a_root(self, capsys: pytest.CaptureFixture[str]) -> None:
        """tree ROOT prints the bodies under ROOT, found by any name."""
        assert 0 == main(["tree", "経済産業省"])
        lines = capsys.readouterr().out.splitlines()
        assert lines[0].startswith("METI")
        assert 7 == len(lines)

    def test_unknown_key(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown key exits 1 with one line on stderr naming the closest matches."""
        assert 1 == main(["tree", "METY"])
        err = capsys.readouterr().err
        assert err.startswith("jp-mfg-policy: no entity matches 'METY'; did you mean")
        assert 1 == len(err.splitlines())

    def test_bad_usage(self) -> None:
        """A bad command exits 2."""
        with pytest.raises(SystemExit) as info:
            main(["frobnicate"])
        assert 2 == info.value.code


class TestProcess:
    def test_python_m(self) -> None:
        """python -m jp_mfg_policy prints the overview, in UTF-8, when piped."""
        result = subprocess.run(
            [sys.executable, "-m", "jp_mfg_policy"], capture_output=True, check=True, env={"PYTHONIOENCODING": "utf-8"}
        )
        assert "文部科学省" in result.stdout.decode("utf-8")
