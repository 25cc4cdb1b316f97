"""Shared fixtures, markers and the hypothesis profiles."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

import jp_mfg_policy as jmp

settings.register_profile("ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") else "dev")

ROOT = Path(__file__).parents[1]
DATA = ROOT / "src" / "jp_mfg_policy" / "data"


@pytest.fixture(name="system", scope="session")
def _system() -> jmp.PolicySystem:
    """The bundled system, loaded once for the whole run."""
    return jmp.load()


@pytest.fixture(name="bundled_files", scope="session")
def _bundled_files() -> list[Path]:
    """The bundled data files, every collection's."""
    from jp_mfg_policy._registry import FILES

    return [DATA / name for name in FILES]


WriteData = Callable[..., Path]


@pytest.fixture(name="write_data")
def _write_data(tmp_path: Path) -> WriteData:
    """Write a data file (a dict as JSON, or text as it is) and return its path."""
    counter = iter(range(10_000))

    def write(content: dict[str, Any] | str | bytes, name: str | None = None) -> Path:
        path = tmp_path / (name or f"data-{next(counter)}.json")
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
        return path

    return write


def cite(source: str = "cambridge-actors") -> list[dict[str, str]]:
    """A citation list for hand-written test records."""
    return [{"source": source}]


def problems_of(error: jmp.DataError) -> list[tuple[str, str, str]]:
    """A DataError's problems as (file name, path, message) triples."""
    return [(Path(p.file).name, p.path, p.message) for p in error.problems]


def has_browser() -> bool:
    """Whether a headless Chromium is installed."""
    return any(shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome"))
