"""
Run every benchmark and print a table of figures, each against a baseline measured in the same run.

    python benchmarks/run.py                  # 1 000, 10 000 and 100 000 bodies (about 2 minutes)
    python benchmarks/run.py --quick          # a smoke run on small sizes (under a minute)
    python benchmarks/run.py --only startup --compare /tmp/oldvenv/bin/python

Every figure is a ratio to a floor measured in the same run, the two measured in alternation
(one of each, then again) and summarised by their medians, so that a slow or busy machine does
not mislead: a fresh interpreter importing only attrs and cattrs for the start-up figures,
``json.loads`` of the same bytes for loading, a dict lookup for ``get``. Where a goal is an
absolute time (``at(year)``, overrides) the figure is in milliseconds.

``--compare PYTHON`` measures the start-up figures of another installation (say, a virtualenv
of an older release) in the same alternation, so that the two can be compared directly.
The cycle collector is left as Python configures it: the time it takes is part of the figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gc
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

sys.path.insert(0, str(Path(__file__).parent))

from generate import dataset, dumps, override_bodies, overrides

import jp_mfg_policy as jmp

#: Every figure the run prints, by key (the first column), in order; the smoke test checks them all.
FIGURES = (
    "startup.floor",
    "startup.import",
    "startup.cold",
    "startup.show",
    "load.ratio",
    "load.bundled",
    "load.linearity",
    "load.linearity.json",
    "load.linearity.relative",
    "overrides.load",
    "overrides.cost",
    "at.first",
    "at.repeat",
    "at.other-year",
    "at.question",
    "at.question.other-year",
    "at.full",
    "at.full.other-year",
    "lookup.id",
    "lookup.name",
    "lookup.name_ja",
    "lookup.normalised",
    "lookup.children",
    "lookup.parent",
    "memory.peak",
)
AREAS = ("startup", "load", "overrides", "at", "lookup", "memory")


class Row(NamedTuple):
    """One figure of the table."""

    key: str
    measure: str
    result: str
    baseline: str
    ratio: str
    goal: str = ""
    met: str = ""


def _verdict(value: float, limit: float) -> str:
    return "yes" if value <= limit else "**no**"


def _median(times: Sequence[float]) -> float:
    return statistics.median(times)


def _alternate(actions: dict[str, Callable[[], object]], rounds: int) -> dict[str, float]:
    """The median time of each action, the actions run in turn, *rounds* times, starting each round one later."""
    times: dict[str, list[float]] = {name: [] for name in actions}
    names = list(actions)
    for round_number in range(rounds):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            start = time.perf_counter()
            actions[name]()
            times[name].append(time.perf_counter() - start)
    return {name: _median(found) for name, found in times.items()}


def _ms(seconds: float) -> str:
    return f"{seconds * 1e3:,.1f} ms"


def _us(seconds: float) -> str:
    return f"{seconds * 1e6:,.2f} µs"


# Start-up: fresh processes.


def _command(python: str, *argv: str) -> Callable[[], object]:
    # Bytecode is written (by the unmeasured first run) and then read, as in an installed package:
    # with PYTHONDONTWRITEBYTECODE set, every changed module would be compiled again in every run.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}

    def run() -> object:
        return subprocess.run([python, *argv], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)

    return run


def _show(python: str) -> tuple[str, Callable[[], object]]:
    """``jp-mfg-policy show METI`` with *python*'s console script, or ``python -m jp_mfg_policy`` without one."""
    script = Path(python).parent / "jp-mfg-policy"
    if script.exists():
        return "jp-mfg-policy show METI", _command(str(script), "show", "METI")
    return "python -m jp_mfg_policy show METI", _command(python, "-m", "jp_mfg_policy", "show", "METI")


def startup(rounds: int, compare: str | None) -> list[Row]:
    """Import, cold start and the CLI in fresh processes, against a fresh ``import attrs, cattrs``."""
    pythons = {"": sys.executable} | ({" (compared)": compare} if compare else {})
    actions: dict[str, Callable[[], object]] = {"floor": _command(sys.executable, "-c", "import attrs, cattrs")}
    labels: dict[str, str] = {}
    for suffix, python in pythons.items():
        actions["import" + suffix] = _command(python, "-c", "import jp_mfg_policy")
        actions["cold" + suffix] = _command(python, "-c", "import jp_mfg_policy as j; j.load().get('METI')")
        labels["show" + suffix], actions["show" + suffix] = _show(python)
    for action in actions.values():  # once each, unmeasured: bytecode compiled, files in the page cache
        action()
    medians = _alternate(actions, rounds)
    floor = medians["floor"]
    rows = [Row("startup.floor", 'python -c "import attrs, cattrs"', _ms(floor), "", "1.00x")]
    for suffix, python in pythons.items():
        where = f" [{python}]" if suffix else ""
        for name, measure, goal in (
            ("import", "import jp_mfg_policy", None),
            ("cold", "import jp_mfg_policy; load(); get('METI')", 1.2),
            ("show", labels["show" + suffix], 1.5),
        ):
            ratio = medians[name + suffix] / floor
            rows.append(
                Row(
                    f"startup.{name}" + (".compared" if suffix else ""),
                    measure + where,
                    _ms(medians[name + suffix]),
                    f"{_ms(floor)} (attrs+cattrs)",
                    f"{ratio:.2f}x",
                    "" if goal is None else f"≤ {goal}x",
                    "" if goal is None else _verdict(ratio, goal),
                )
            )
    return rows


# Loading user data.


class Prepared(NamedTuple):
    """A synthetic user file on disk, with its bytes."""

    size: int
    path: Path
    data: bytes


def prepare(size: int, folder: Path) -> Prepared:
    """Write the synthetic file of *size* bodies."""
    data = dumps(dataset(size))
    path = folder / f"bodies-{size}.json"
    path.write_bytes(data)
    return Prepared(size, path, data)


def _gc_time(action: Callable[[], object]) -> tuple[float, float]:
    """The time *action* takes, and the part of it the cycle collector took (observed, never switched)."""
    spent = [0.0, 0.0]

    def watch(phase: str, _info: dict[str, Any]) -> None:
        if phase == "start":
            spent[1] = time.perf_counter()
        else:
            spent[0] += time.perf_counter() - spent[1]

    gc.callbacks.append(watch)
    try:
        start = time.perf_counter()
        action()
        total = time.perf_counter() - start
    finally:
        gc.callbacks.remove(watch)
    return total, spent[0]


def _load(path: Path, *, bundled: bool) -> jmp.PolicySystem:
    return jmp.load(extra=[path], bundled=bundled)


def loading(files: Sequence[Prepared], ratio_size: int, rounds: dict[int, int]) -> tuple[list[Row], jmp.PolicySystem]:
    """
    Loading user files of each size (``bundled=False``) against ``json.loads`` of the same bytes.

    Returns the rows and the system of the largest file (for the queries).
    """
    rows: list[Row] = []
    per_body: dict[int, float] = {}
    json_per_body: dict[int, float] = {}
    for prepared in files:
        medians = _alternate(
            {
                "json": functools.partial(json.loads, prepared.data),
                "load": functools.partial(_load, prepared.path, bundled=False),
            },
            rounds[prepared.size],
        )
        per_body[prepared.size] = medians["load"] / prepared.size
        json_per_body[prepared.size] = medians["json"] / prepared.size
        if prepared.size == ratio_size:
            ratio = medians["load"] / medians["json"]
            total, collecting = _gc_time(functools.partial(_load, prepared.path, bundled=False))
            rows.append(
                Row(
                    "load.ratio",
                    f"load(extra=[{prepared.size:,} bodies, {len(prepared.data) / 1e6:.1f} MB], bundled=False)",
                    f"{medians['load']:.3f} s",
                    f"{medians['json']:.3f} s (json.loads)",
                    f"{ratio:.2f}x; cycle collector {collecting / total:.0%} of a load",
                    "≤ 4x",
                    _verdict(ratio, 4.0),
                )
            )
            with_bundled = _alternate(
                {
                    "json": functools.partial(json.loads, prepared.data),
                    "load": functools.partial(_load, prepared.path, bundled=True),
                },
                rounds[prepared.size],
            )
            rows.append(
                Row(
                    "load.bundled",
                    f"load(extra=[{prepared.size:,} bodies]) with the bundled data",
                    f"{with_bundled['load']:.3f} s",
                    f"{with_bundled['json']:.3f} s (json.loads)",
                    f"{with_bundled['load'] / with_bundled['json']:.2f}x",
                )
            )
    smallest, largest = min(per_body), max(per_body)
    growth, steps = _growth(per_body)
    rows.append(
        Row(
            "load.linearity",
            f"time per body at {largest:,} bodies (at each size: {steps})",
            _us(per_body[largest]),
            f"{_us(per_body[smallest])} (per body at {smallest:,})",
            f"{growth:.2f}x",
        )
    )
    # json.loads itself is not linear in a CPython process (the collector traverses the growing tree,
    # and caches miss more): the same growth measured on the baseline tells what is the interpreter's.
    json_growth, json_steps = _growth(json_per_body)
    rows.append(
        Row(
            "load.linearity.json",
            f"json.loads of the same files, time per body at {largest:,} bodies (at each size: {json_steps})",
            _us(json_per_body[largest]),
            f"{_us(json_per_body[smallest])} (per body at {smallest:,})",
            f"{json_growth:.2f}x",
        )
    )
    rows.append(
        Row(
            "load.linearity.relative",
            f"a load's time per body at {largest:,} bodies, its growth from {smallest:,} over json.loads' own",
            _us(per_body[largest]),
            f"{_us(json_per_body[largest])} (json.loads per body)",
            f"{growth / json_growth:.2f}x; a growth of {growth:.2f}x over {json_growth:.2f}x",
            "≤ 1.3x",
            _verdict(growth / json_growth, 1.3),
        )
    )
    system = jmp.load(extra=[max(files, key=lambda p: p.size).path], bundled=False)
    return rows, system


def _growth(per_body: dict[int, float]) -> tuple[float, str]:
    """The time per body at the largest size over that at the smallest, and the time at each size."""
    sizes = sorted(per_body)
    return per_body[sizes[-1]] / per_body[sizes[0]], ", ".join(f"{size:,}: {_us(per_body[size])}" for size in sizes)


def override_load(relations: int, count: int, rounds: int, folder: Path) -> list[Row]:
    """*count* match-overrides over *relations* relations, against loading the same data without them."""
    data = dataset(override_bodies(relations), relations=relations)
    data_path, fixes_path = folder / "relations.json", folder / "overrides.json"
    data_path.write_bytes(dumps(data))
    fixes_path.write_bytes(dumps(overrides(data, count)))
    medians = _alternate(
        {
            "plain": lambda: jmp.load(extra=[data_path], bundled=False),
            "fixed": lambda: jmp.load(extra=[data_path, fixes_path], bundled=False),
        },
        rounds,
    )
    cost = medians["fixed"] - medians["plain"]
    what = f"{count} match-overrides over {len(data['relations']):,} relations ({len(data['organizations']):,} bodies)"
    return [
        Row(
            "overrides.load",
            f"load(extra=[data, overrides]): {what}",
            f"{medians['fixed']:.3f} s",
            f"{medians['plain']:.3f} s (the data alone)",
            f"{medians['fixed'] / medians['plain']:.2f}x",
            "well under 1 s",
            _verdict(medians["fixed"], 1.0),
        ),
        Row(
            "overrides.cost",
            "the overrides' own share (difference of the medians)",
            _ms(cost),
            "",
            f"{_us(cost / count)} per override",
        ),
    ]


# Queries.


def snapshots(system: jmp.PolicySystem) -> list[Row]:
    """
    ``at(year)``: the call, then what a snapshot builds when it is used.

    A snapshot is built as it is asked: the call itself (the first, the same year again,
    other years) builds nothing, so the figures also time the first question on a fresh
    snapshot (``get`` of a body, its ``parent``, the ``children`` of that parent) and the
    listing of all its organizations, which builds every body's timeline of the day. The
    first of each is on the first snapshot, the record's tables not yet built; the
    other-year ones are medians over fresh snapshots of five other years.
    """
    size = len(system.organizations)
    probe = next(
        org.id
        for org in reversed(system.organizations)
        if org.established and org.established.year < 1985 and org.dissolved is None  # in every year asked
    )
    years = (1985, 1995, 2005, 2010, 2015)

    def question(snapshot: jmp.PolicySystem) -> object:
        body = snapshot.get(probe, None)
        parent = None if body is None else snapshot.parent(body)
        return None if parent is None else snapshot.children(parent)

    start = time.perf_counter()
    past = system.at(2000)
    first = time.perf_counter() - start
    asked = _timed(lambda: question(past))
    listed = _timed(lambda: past.organizations)
    again = _median([_timed(lambda: system.at(2000)) for _ in range(5)])
    other = _median([_timed(functools.partial(system.at, year)) for year in years])
    asked_other = _median([_timed(functools.partial(question, system.at(year))) for year in years])
    listed_other = _median([_timed(lambda year=year: system.at(year).organizations) for year in years])
    # The goal is the call's; what a snapshot then builds, as it is used, is measured against the same 100 ms.
    calls = [
        Row(
            key,
            f"{what} on {size:,} bodies",
            _ms(cost),
            "",
            f"{cost / 0.1:.2f}x the goal",
            "< 100 ms",
            _verdict(cost, 0.1),
        )
        for key, what, cost in (
            ("at.first", "first at(2000), the call", first),
            ("at.repeat", "at(2000) again, the call", again),
            ("at.other-year", "at(year) for five other years, the call, median", other),
        )
    ]
    uses = [
        Row(key, f"{what} on {size:,} bodies", _ms(cost), "100 ms (the call's goal)", f"{cost / 0.1:.2f}x")
        for key, what, cost in (
            ("at.question", f"first question on the first at(2000): get({probe!r}), parent, children", asked),
            ("at.question.other-year", "first question on a fresh at(year), five other years, median", asked_other),
            ("at.full", "all organizations of the first at(2000) listed", listed),
            (
                "at.full.other-year",
                "all organizations of a fresh at(year) listed, five other years, median",
                listed_other,
            ),
        )
    ]
    return calls + uses


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _per_call(statement: Callable[[], object], number: int) -> float:
    return min(timeit.repeat(statement, number=number, repeat=5)) / number


def lookups(system: jmp.PolicySystem, label: str, keys: dict[str, str], number: int) -> list[Row]:
    """``get`` by id, name, Japanese name and a spelling needing normalisation; ``children``, ``parent``."""
    size = len(system)
    table = {f"key-{index}": index for index in range(size)}
    probe = f"key-{size // 2}"
    floor = _per_call(lambda: table.get(probe), number)
    rows = []
    calls: list[tuple[str, str, Callable[[], object]]] = [
        (f"lookup.{name}", f"get by {what}: {keys[name]!r}", functools.partial(system.get, keys[name]))
        for name, what in (
            ("id", "id"),
            ("name", "English name"),
            ("name_ja", "Japanese name"),
            ("normalised", "a spelling needing normalisation"),
        )
    ]
    calls.append(("lookup.children", f"children({keys['id']!r})", lambda: system.children(keys["id"])))
    calls.append(("lookup.parent", f"parent({keys['child']!r})", lambda: system.parent(keys["child"])))
    for key, measure, call in calls:
        cost = _per_call(call, number)
        rows.append(
            Row(
                key,
                f"{measure} ({label})",
                _us(cost),
                f"{floor * 1e9:.0f} ns (dict.get, {size:,} keys)",
                f"{cost / floor:.1f}x",
            )
        )
    return rows


# Memory.


def memory(files: Sequence[Prepared]) -> list[Row]:
    """The peak traced memory of a load, per body, against that of ``json.loads`` of the same bytes."""
    rows = []
    for prepared in files:
        tracemalloc.start()
        try:
            jmp.load(extra=[prepared.path], bundled=False)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.clear_traces()
            tracemalloc.reset_peak()
            json.loads(prepared.data)
            _, json_peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        rows.append(
            Row(
                "memory.peak",
                f"peak while loading {prepared.size:,} bodies ({len(prepared.data) // prepared.size:,} B of JSON each)",
                f"{peak / prepared.size / 1024:.2f} KiB per body",
                f"{json_peak / prepared.size / 1024:.2f} KiB per body (json.loads)",
                f"{peak / json_peak:.2f}x",
            )
        )
    return rows


# The run.


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:  # noqa: PTH123 - Linux only, optional
            cpu = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), cpu)
    except OSError:
        pass
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    return (
        f"{cpu}, {os.cpu_count()} CPUs, {platform.system()} {platform.machine()}; "
        f"CPython {platform.python_version()}; load average {load}"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and print the table."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a smoke run: small sizes, few rounds")
    parser.add_argument("--only", nargs="+", choices=AREAS, default=list(AREAS), help="run only these areas")
    parser.add_argument("--compare", metavar="PYTHON", help="also time the start-up of this interpreter's installation")
    parser.add_argument("--sizes", type=int, nargs="+", help="sizes for loading (default 1000 10000 100000)")
    args = parser.parse_args(argv)
    if args.compare and not shutil.which(args.compare):
        parser.error(f"--compare: no such interpreter: {args.compare}")
    quick: bool = args.quick
    sizes = sorted(args.sizes or ([100, 1_000] if quick else [1_000, 10_000, 100_000]))
    ratio_size = 10_000 if 10_000 in sizes else sizes[-1]
    rounds = {size: 1 if quick else (5 if size <= 10_000 else 2) for size in sizes}
    only = set(args.only)
    started = time.perf_counter()
    print(f"jp-mfg-policy {jmp.__version__}, data {jmp.DATA_VERSION}; {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
    print(f"machine: {_machine()}")
    rows: list[Row] = []
    if "startup" in only:
        rows += startup(3 if quick else 21, args.compare)
    need_files = only & {"load", "at", "lookup", "memory"}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        files = [prepare(size, folder) for size in sizes] if need_files else []
        largest: jmp.PolicySystem | None = None
        if "overrides" in only:
            # Before the largest system is loaded and kept: a full collection over it, landing in one
            # load and not the other, would be measured as the overrides' cost.
            rows += override_load(2_000 if quick else 20_000, 50 if quick else 500, 1 if quick else 5, folder)
        if only & {"load", "at", "lookup"}:
            loaded, largest = loading(files, ratio_size, rounds)
            rows += loaded if "load" in only else []
        if "at" in only and largest is not None:
            rows += snapshots(largest)
        if "lookup" in only:
            number = 2_000 if quick else 200_000
            bundled_keys = {
                "id": "meti",
                "name": "Ministry of Economy, Trade and Industry",
                "name_ja": "経済産業省",
                "normalised": "ＭＩＮＩＳＴＲＹ of Economy,Trade  and-Industry",
                "child": "aist",
            }
            rows += lookups(jmp.load(), "bundled", bundled_keys, number)
            if largest is not None:
                last = sizes[-1] - 1
                probe = next(org for org in reversed(largest.organizations) if org.name_ja and org.id != "syn-0")
                synthetic_keys = {
                    "id": "syn-0",
                    "name": probe.name,
                    "name_ja": probe.name_ja or "",
                    "normalised": probe.name.upper().replace(" ", "-"),
                    "child": f"syn-{last}",
                }
                rows += lookups(largest, f"{sizes[-1]:,} bodies", synthetic_keys, number)
        if "memory" in only:
            rows += memory([prepared for prepared in files if prepared.size <= 10_000])
    print(f"ran in {time.perf_counter() - started:.0f} s; machine afterwards: {_machine()}\n")
    print("| figure | measure | result | baseline | ratio | goal | met |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
