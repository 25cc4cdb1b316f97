"""A smoke run of the benchmarks, so that they cannot rot. It asserts that they run, not how fast."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_quick_benchmark_run() -> None:
    """benchmarks/run.py --quick runs end to end and prints a row for every measure."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick"], capture_output=True, text=True, check=True
    )
    table = [line for line in result.stdout.splitlines() if line.startswith("| ")]
    areas = {line.split("|")[1].strip() for line in table[2:]}
    assert {"cold start", "lookup (bundled)", "scaling", "memory", "queries"} <= areas
    assert any("get by name needing normalisation" in line for line in table)
