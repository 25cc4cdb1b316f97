"""The documentation's charts: current with the data, legible at page width, drawn without Graphviz if need be."""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

import jp_mfg_policy as jmp

ROOT = Path(__file__).parents[1]
CHARTS = ROOT / "docs" / "_static" / "charts"
#: The widest a chart may be, in CSS pixels, to be read at a desktop page's width without shrinking
#: its text below about 9 px (furo's content column is about 46 em, some 740 px).
MAX_WIDTH_PX = 1000
_UNITS = {"pt": 4 / 3, "px": 1.0, "": 1.0}


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_charts", ROOT / "scripts" / "make_charts.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_charts", module)
    spec.loader.exec_module(module)
    return module


make_charts = _load_script()


@pytest.fixture(name="texts", scope="module")
def _texts(system: jmp.PolicySystem) -> dict[str, str]:
    """What the script draws from the bundled data: file name -> text."""
    result: dict[str, str] = make_charts.sources(system)
    return result


def _size_px(svg: Path) -> tuple[float, float]:
    root = ET.fromstring(svg.read_text(encoding="utf-8"))  # noqa: S314 - our own committed files
    sizes = []
    for attribute in ("width", "height"):
        found = re.fullmatch(r"([0-9.]+)(pt|px|)", root.get(attribute, ""))
        assert found, f"{svg.name}: {attribute} {root.get(attribute)!r} is not an absolute size"
        sizes.append(float(found.group(1)) * _UNITS[found.group(2)])
    return sizes[0], sizes[1]


def test_committed_charts_are_current(texts: dict[str, str]) -> None:
    """Every DOT chart and the timeline in docs/_static/charts is what the data gives today."""
    stale = [
        name
        for name, text in texts.items()
        if not (CHARTS / name).exists() or (CHARTS / name).read_text(encoding="utf-8") != text
    ]
    assert stale == [], f"run scripts/make_charts.py: stale {stale}"


def test_rendered_svgs_come_from_the_committed_dot(texts: dict[str, str]) -> None:
    """Each rendered SVG carries the digest of its DOT source: it was rendered from the current chart."""
    for name in (n for n in texts if n.endswith(".dot")):
        svg = (CHARTS / name).with_suffix(".svg")
        assert svg.exists(), f"{svg.name} is missing"
        assert make_charts.stamp_of(svg.read_text(encoding="utf-8")) == make_charts.digest(texts[name]), svg.name


def test_no_chart_is_left_over(texts: dict[str, str]) -> None:
    """The folder holds only the charts the data gives: none of a body no longer drawn."""
    expected = set(texts) | {Path(name).with_suffix(".svg").name for name in texts}
    assert {path.name for path in CHARTS.iterdir()} == expected
    assert make_charts.stale(CHARTS, texts) == []


def test_charts_exist_for_today_and_the_past_year(texts: dict[str, str], system: jmp.PolicySystem) -> None:
    """There is a chart for every tree of the hierarchy today and in 1999, rooted at that year's bodies."""
    for label, snapshot in (("today", system), (str(make_charts.PAST_YEAR), system.at(make_charts.PAST_YEAR))):
        roots = make_charts.chart_roots(snapshot)
        assert roots, label
        for root in roots:
            assert f"org-{root.id}-{label}.dot" in texts
    assert "org-meti-today.dot" in texts
    assert "org-miti-1999.dot" in texts
    assert not any(name.startswith("org-meti-") and name.endswith("1999.dot") for name in texts)


def test_every_body_under_a_root_is_drawn(texts: dict[str, str], system: jmp.PolicySystem) -> None:
    """Each organisation chart has a node for its root and every body under it, on that day."""
    for label, snapshot in (("today", system), (str(make_charts.PAST_YEAR), system.at(make_charts.PAST_YEAR))):
        for root in make_charts.chart_roots(snapshot):
            dot = texts[f"org-{root.id}-{label}.dot"]
            for body in (root, *snapshot.descendants(root)):
                assert f'\n    "{body.id}" [' in dot or f'\n        "{body.id}" [' in dot, (label, root.id, body.id)


def test_charts_are_laid_out_left_to_right_and_legible(texts: dict[str, str]) -> None:
    """Every chart is left to right, its text at least 9 pt, and no wider than a page can show unshrunk."""
    for name, text in texts.items():
        if name.endswith(".dot"):
            assert "rankdir=LR" in text, name
            sizes = [float(size) for size in re.findall(r"(?:fontsize=|POINT-SIZE=\")([0-9.]+)", text)]
            assert min(sizes) >= 9, name
            width, height = _size_px((CHARTS / name).with_suffix(".svg"))
        else:
            width, height = _size_px(CHARTS / name)
            sizes = [float(size) for size in re.findall(r'font-size="([0-9.]+)"', text)]
            assert min(sizes) >= 9, name
        assert 300 <= width <= MAX_WIDTH_PX, f"{name} is {width:.0f} px wide"
        assert height / width <= 3, f"{name} is {width:.0f} x {height:.0f} px: too narrow a strip"
        assert width / height <= 6, f"{name} is {width:.0f} x {height:.0f} px: too flat a strip"


def test_timeline_shows_every_body_of_the_period(texts: dict[str, str], system: jmp.PolicySystem) -> None:
    """The timeline has a row for every body that existed between 1945 and the data's date, and none other."""
    svg = texts["timeline.svg"]
    start = make_charts.TIMELINE_START
    for org in system.organizations:
        tooltip = (
            org.name
            + (f" ({org.name_ja})" if org.name_ja else "")
            + f", {org.established or '?'}–{org.dissolved or ''}"
        )
        began = org.established is None or org.established.start().year <= jmp.DATA_AS_OF.year
        ended_before = org.dissolved is not None and org.dissolved.start().year < start
        shown = f"<title>{make_charts._html(tooltip)}</title>" in svg  # noqa: SLF001 - the script's own escaping
        assert shown == (began and not ended_before), org.id


def test_timeline_marks_renames(texts: dict[str, str], system: jmp.PolicySystem) -> None:
    """Every dated rename since 1945 is a tick on the timeline, with its old and new names in its tooltip."""
    svg = texts["timeline.svg"]
    for event in system.events:
        if (
            str(event.kind) == "renamed"
            and event.date is not None
            and event.date.start().year >= make_charts.TIMELINE_START
        ):
            assert make_charts._html(f"{event.date}: renamed {event.from_value or ''} → {event.to_value or ''}") in svg  # noqa: SLF001


def test_timeline_is_valid_svg(texts: dict[str, str]) -> None:
    """The timeline parses as XML whose root is an SVG element with a title."""
    root = ET.fromstring(texts["timeline.svg"])  # noqa: S314 - our own text
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.find("{http://www.w3.org/2000/svg}title") is not None


def test_writing_without_graphviz_leaves_only_the_renders_stale(tmp_path: Path) -> None:
    """Without Graphviz the script writes every DOT text and the timeline, and names each SVG it could not render."""
    written, stale = _write_without_dot(tmp_path)
    dots = sorted(p.name for p in tmp_path.glob("*.dot"))
    assert dots
    assert (tmp_path / "timeline.svg").exists()
    assert sorted(stale) == sorted(Path(name).with_suffix(".svg").name for name in dots)
    assert set(written) == {*dots, "timeline.svg"}


def _write_without_dot(out: Path) -> tuple[list[str], list[str]]:
    original = shutil.which
    try:
        make_charts.shutil.which = lambda _name: None
        result: tuple[list[str], list[str]] = make_charts.write(out)
    finally:
        make_charts.shutil.which = original
    return result


def test_current_charts_need_no_graphviz(tmp_path: Path) -> None:
    """With the committed charts copied in, writing changes nothing and needs no Graphviz."""
    for path in CHARTS.iterdir():
        shutil.copy(path, tmp_path / path.name)
    written, stale = _write_without_dot(tmp_path)
    assert (written, stale) == ([], [])


def test_stray_charts_are_pruned(tmp_path: Path) -> None:
    """A chart no longer drawn (a dissolved body's) is removed when the charts are written."""
    for path in CHARTS.iterdir():
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "org-gone-today.dot").write_text("digraph {}\n", encoding="utf-8")
    assert make_charts.stale(tmp_path) == ["org-gone-today.dot"]
    written, _ = _write_without_dot(tmp_path)
    assert written == ["-org-gone-today.dot"]
    assert not (tmp_path / "org-gone-today.dot").exists()


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_render_stamps_the_dot_digest() -> None:
    """A rendered SVG is Graphviz's SVG with the digest of its DOT text."""
    dot = 'digraph { a [label="経済産業省"]; }\n'
    svg = make_charts.render(dot)
    assert make_charts.stamp_of(svg) == make_charts.digest(dot)
    assert "経済産業省" in svg
    ET.fromstring(svg.encode("utf-8"))  # noqa: S314 - Graphviz's output of our text


@given(st.text())
def test_html_labels_escape_any_text(text: str) -> None:
    """Any name becomes label text with no markup of its own and no line breaks."""
    escaped = make_charts._html(text)  # noqa: SLF001 - the script's escaping
    assert "<" not in escaped
    assert ">" not in escaped
    assert '"' not in escaped
    assert "\n" not in escaped
    assert re.sub(r"&(amp|lt|gt|quot|#x27);", "", escaped).count("&") == 0


@given(st.text())
def test_dot_ids_are_quoted_safely(text: str) -> None:
    """Any id becomes one DOT string: every quote inside it escaped."""
    quoted = make_charts._quote(text)  # noqa: SLF001 - the script's quoting
    inner = quoted[1:-1]
    assert quoted[0] == quoted[-1] == '"'
    assert re.search(r'(?<!\\)(\\\\)*"', inner) is None
