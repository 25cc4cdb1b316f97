"""
Run every benchmark and print a table of figures, each against a baseline measured in the same run.

    python benchmarks/run.py                 # everything: 1 000, 10 000 and 100 000 organisations
    python benchmarks/run.py --quick         # a smoke run on the smallest dataset

Each figure is a ratio to its floor (a fresh interpreter importing only attrs and cattrs; a plain
dict lookup; ``json.loads`` of the same bytes), so a slow or noisy machine does not mislead.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from generate import dataset

import jp_mfg_policy as jmp

Row = tuple[str, str, str, str, str]


def _median_time(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _process(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def cold_start(repeat: int) -> list[Row]:
    """Fresh processes: the package answering one get, against importing attrs and cattrs."""
    floor_code = "import attrs, cattrs"
    cases = {
        "import jp_mfg_policy": "import jp_mfg_policy",
        "import + load() + get('METI')": "import jp_mfg_policy as j; j.load().get('METI')",
    }
    floors, results = [], {name: [] for name in cases}
    for _ in range(repeat):  # interleaved, so that drift hits both alike
        floors.append(_process(floor_code))
        for name, code in cases.items():
            results[name].append(_process(code))
    floor = statistics.median(floors)
    return [
        (
            "cold start",
            name,
            f"{statistics.median(times) * 1e3:.1f} ms",
            f"{floor * 1e3:.1f} ms (attrs+cattrs)",
            f"{statistics.median(times) / floor:.2f}x",
        )
        for name, times in results.items()
    ]


def _per_call(statement: Callable[[], object], number: int) -> float:
    return min(timeit.repeat(statement, number=number, repeat=5)) / number


def lookups(system: jmp.PolicySystem, label: str, keys: dict[str, str], number: int) -> list[Row]:
    """get by id, acronym, Japanese name and a name needing normalisation; children and parent."""
    plain = {key: object() for key in keys.values()}
    floor = _per_call(lambda: plain.get("meti-like"), number)
    rows = []
    for name, key in keys.items():
        if name == "child":
            continue
        cost = _per_call(lambda key=key: system.get(key), number)
        rows.append(
            (
                f"lookup ({label})",
                f"get by {name}",
                f"{cost * 1e6:.2f} µs",
                f"{floor * 1e9:.0f} ns (dict.get)",
                f"{cost / floor:.1f}x",
            )
        )
    parent, child = keys["id"], keys["child"]
    for name, call in (("children", lambda: system.children(parent)), ("parent", lambda: system.parent(child))):
        cost = _per_call(call, number)
        rows.append(
            (
                f"lookup ({label})",
                name,
                f"{cost * 1e6:.2f} µs",
                f"{floor * 1e9:.0f} ns (dict.get)",
                f"{cost / floor:.1f}x",
            )
        )
    return rows


def scaling(sizes: list[int], repeat: int, folder: Path) -> tuple[list[Row], jmp.PolicySystem]:
    """Loading and validating N organisations, against json.loads of the same bytes."""
    rows: list[Row] = []
    per_org: dict[int, float] = {}
    system = None
    for size in sizes:
        path = folder / f"synthetic-{size}.json"
        data = json.dumps(dataset(size), ensure_ascii=False).encode()
        path.write_bytes(data)
        floor = _median_time(lambda data=data: json.loads(data), repeat)
        cost = _median_time(lambda path=path: jmp.load(extra=[path], bundled=False), repeat)
        per_org[size] = cost / size
        growth = per_org[size] / per_org[sizes[0]]
        rows.append(
            (
                "scaling",
                f"load + validate {size:,} orgs ({len(data) / 1e6:.1f} MB)",
                f"{cost:.3f} s",
                f"{floor:.3f} s (json.loads)",
                f"{cost / floor:.2f}x; per org {growth:.2f}x the smallest's",
            )
        )
        gc.collect()
        tracemalloc.start()
        system = jmp.load(extra=[path], bundled=False)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        tracemalloc.start()
        json.loads(data)
        _, json_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rows.append(
            (
                "memory",
                f"peak while loading {size:,} orgs",
                f"{peak / size / 1024:.2f} KiB/org",
                f"{json_peak / size / 1024:.2f} KiB/org (json.loads)",
                f"{peak / json_peak:.2f}x",
            )
        )
    assert system is not None
    return rows, system


def queries(system: jmp.PolicySystem, size: int) -> list[Row]:
    """at(year), find and descendants on the largest dataset."""
    rows: list[Row] = []
    at = _median_time(lambda: system.at(2000), 3)
    rows.append(("queries", f"at(2000) on {size:,} orgs", f"{at * 1e3:.1f} ms", "goal 100 ms", f"{at / 0.1:.2f}x goal"))
    find = _median_time(lambda: system.find("Synthetic Organisation 12345", limit=10), 5)
    rows.append(
        ("queries", f"find(...) on {size:,} orgs", f"{find * 1e3:.1f} ms", "goal 10 ms", f"{find / 0.01:.2f}x goal")
    )
    counts = {org.id: len(system.descendants(org)) for org in system.ministries[:50]}
    big = max(counts, key=counts.__getitem__)
    small = min(counts, key=counts.__getitem__)
    for name in (big, small):
        answer = max(counts[name], 1)
        cost = _per_call(lambda name=name: system.descendants(name), 20)
        rows.append(
            (
                "queries",
                f"descendants({name}): {counts[name]:,} bodies",
                f"{cost * 1e3:.3f} ms",
                "",
                f"{cost / answer * 1e6:.2f} µs per body",
            )
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and print the table."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a smoke run: smallest dataset, few repeats")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    args = parser.parse_args(argv)
    sizes = [1_000] if args.quick else sorted(args.sizes)
    repeat = 1 if args.quick else 5
    number = 1_000 if args.quick else 100_000
    rows: list[Row] = []
    rows += cold_start(2 if args.quick else 15)
    bundled = jmp.load()
    bundled_keys = {
        "id": "meti",
        "acronym": "METI",
        "Japanese name": "経済産業省",
        "name in another case": "ministry of economy, trade and industry",
        "name needing normalisation (width, spacing, punctuation)": "ＭＩＮＩＳＴＲＹ of Economy,Trade  and-Industry",
        "child": "aist",
    }
    rows += lookups(bundled, "bundled", bundled_keys, number)
    with tempfile.TemporaryDirectory() as folder:
        scaled, largest = scaling(sizes, 1 if sizes[-1] >= 100_000 else repeat, Path(folder))
    rows += scaled
    last = sizes[-1] - 1
    synthetic_keys = {
        "id": "org-0",
        "acronym": f"SO{last}",
        "Japanese name": f"合成機関{last}号",
        "name in another case": f"synthetic organisation {last}",
        "name needing normalisation (width, spacing, punctuation)": f"ＳＹＮＴＨＥＴＩＣ  organisation-{last}",
        "child": f"org-{last}",
    }
    rows += lookups(largest, f"{sizes[-1]:,} orgs", synthetic_keys, number)
    rows += queries(largest, sizes[-1])
    print(
        f"Python {platform.python_version()} on {platform.machine()}, {platform.system()}; "
        f"jp-mfg-policy {jmp.__version__}, data {jmp.DATA_VERSION}\n"
    )
    print("| area | measure | result | baseline | ratio |")
    print("| --- | --- | --- | --- | --- |")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
