"""
Draw the documentation's charts from the data, into ``docs/_static/charts/``.

- ``org-<root>-<when>.dot`` and ``.svg``: one left-to-right organisation chart per tree of the
  hierarchy (a ministry and the bodies under it), today and in 1999. The DOT text is written
  here; the SVG is rendered from it with Graphviz's ``dot`` and stamped with the SHA-256 of its
  DOT source, so that a test can tell a stale picture without Graphviz.
- ``timeline.svg``: the bodies' lifetimes and renames from 1945 to the data's date, drawn here
  in plain SVG (no Graphviz, no plotting library).

Run ``python scripts/make_charts.py`` after changing the data (``--check`` only reports what is
stale and exits 1 if anything is). The documentation build calls :func:`write` and renders only
when Graphviz is installed and a picture is stale.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import html
import itertools
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import jp_mfg_policy as jmp
from jp_mfg_policy._chart import chart_parts
from jp_mfg_policy._dates import NEVER_AFTER, NEVER_BEFORE
from jp_mfg_policy._hierarchy import is_ministerial

ROOT = Path(__file__).resolve().parents[1]
CHARTS = ROOT / "docs" / "_static" / "charts"
#: The past year whose organisation charts are drawn beside today's.
PAST_YEAR = 1999
#: The first year of the timeline.
TIMELINE_START = 1945
#: The mark an SVG rendered from DOT carries: the SHA-256 of the DOT text.
STAMP = "<!-- jp-mfg-policy chart source sha256: {} -->"
_STAMP_RE = re.compile(r"<!-- jp-mfg-policy chart source sha256: ([0-9a-f]{64}) -->")

FONT = "Noto Sans CJK JP, Noto Sans JP, Noto Sans, Helvetica, Arial, sans-serif"
_FILL = {  # class name: (fill, stroke)
    "Ministry": ("#dbe9f6", "#4a6f96"),
    "Agency": ("#e3f1df", "#4f7f46"),
    "Council": ("#fbeccb", "#9a7a2c"),
    "BusinessFederation": ("#f4dede", "#9a5050"),
    "Organization": ("#eeeeee", "#666666"),
}
_EDGE = {  # relation kind: DOT edge attributes
    jmp.RelationKind.OVERSEES: 'color="#555555"',
    jmp.RelationKind.CONTAINS: 'color="#333333", penwidth=2.2',
    jmp.RelationKind.HOSTS: 'color="#9a7a2c", style=dashed',
    jmp.RelationKind.FUNDS: 'color="#1f6f3f", style=dashed, label="funds", fontcolor="#1f6f3f"',
    jmp.RelationKind.COLLABORATES_WITH: (
        'color="#7a4f9a", style=dotted, dir=both, label="collaborates", fontcolor="#7a4f9a"'
    ),
}
LEGEND = (
    "thin arrow: oversees · bold: contains · amber dashed: hosts · green dashed: funds · purple dotted: collaborates"
)
_JA_PREFIXES = sorted(
    {form.label_ja for form in jmp.LegalForm if form.label_ja.endswith("法人")}, key=len, reverse=True
)


def _fill(org: jmp.Organization) -> tuple[str, str]:
    for cls in type(org).__mro__:
        if cls.__name__ in _FILL:
            return _FILL[cls.__name__]
    return _FILL["Organization"]


# -- organisation charts -------------------------------------------------------------------


def chart_roots(system: jmp.PolicySystem) -> list[jmp.Organization]:
    """The tops of the hierarchy's trees with at least one body under them, in data order."""
    return [org for org in system.organizations if system.parent(org) is None and system.children(org)]


def _html(text: str) -> str:
    return html.escape(" ".join(text.split()), quote=True)


def _lines(text: str, width: int) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), width, break_long_words=False, break_on_hyphens=False) or [text]


def _ja_lines(text: str, form: jmp.LegalForm | None = None) -> list[str]:
    """A Japanese name: without the prefix of *form* (its group says it), else the prefix on a line of its own."""
    if form is not None and text.startswith(form.label_ja) and len(text) > len(form.label_ja):
        return [text[len(form.label_ja) :]]
    for prefix in _JA_PREFIXES:
        if text.startswith(prefix) and len(text) > 12:  # noqa: PLR2004 - about 12 CJK characters fit a box
            return [prefix, text[len(prefix) :]]
    return [text]


def node_label(org: jmp.Organization, *, grouped: bool = False) -> str:
    """A body's box as a Graphviz HTML label: acronym in bold, English name wrapped, Japanese name."""
    rows = []
    english = org.name if org.name != org.name_ja else None
    if org.acronym:
        rows.append(f"<B>{_html(org.acronym)}</B>")
    if english:
        size = 10 if org.acronym else 11
        wrapped = "<BR/>".join(_html(line) for line in _lines(english, 26))
        rows.append(wrapped if not org.acronym else f'<FONT POINT-SIZE="{size}">{wrapped}</FONT>')
    if org.name_ja:
        form = org.legal_form if grouped else None
        rows.append("<BR/>".join(_html(line) for line in _ja_lines(org.name_ja, form)))
    return "<" + "<BR/>".join(rows) + ">"


def _group_of(org: jmp.Organization) -> tuple[int, str]:
    form = org.legal_form
    if form is None:
        return (len(jmp.LegalForm), "other bodies")
    order = list(jmp.LegalForm).index(form)
    return (order, f"{form.label} ({form.label_ja})")


def org_chart_dot(system: jmp.PolicySystem, root: jmp.Organization) -> str:
    """A left-to-right DOT chart of *root* and the bodies under it, grouped by legal form."""
    bodies, links = chart_parts(system.index, system.organization(root.id))
    root = bodies[0]
    children = {child.id for child in system.children(root)}
    when = "today" if system.as_of is None else f"at the end of {system.as_of.year}"
    as_of = f" (data as of {jmp.DATA_AS_OF})" if system.as_of is None else ""
    title = f"{root.label} and the bodies under it, {when}{as_of}"
    lines = [
        f"digraph {_quote(root.id)} {{",
        (
            f"    graph [rankdir=LR, newrank=true, nodesep=0.1, ranksep=0.35, labelloc=t, labeljust=l, "
            f'fontname="{FONT}", fontsize=13, label=<<B>{_html(title)}</B><BR/>'
            f'<FONT POINT-SIZE="9">{_html(LEGEND)}</FONT>>];'
        ),
        f'    node [shape=box, style="filled,rounded", fontname="{FONT}", fontsize=10, margin="0.08,0.04"];',
        f'    edge [fontname="{FONT}", fontsize=9, arrowsize=0.6];',
    ]

    def node(org: jmp.Organization, indent: str = "    ") -> str:
        fill, stroke = _fill(org)
        label = node_label(org, grouped=org.id in children)
        return f'{indent}{_quote(org.id)} [label={label}, fillcolor="{fill}", color="{stroke}"];'

    lines.append(node(root))
    groups: dict[tuple[int, str], list[jmp.Organization]] = {}
    others = []
    for org in bodies[1:]:
        if org.id in children:
            groups.setdefault(_group_of(org), []).append(org)
        else:
            others.append(org)
    for number, (key, members) in enumerate(sorted(groups.items())):
        lines += [
            f"    subgraph cluster_{number} {{",
            (
                f'        graph [label=<<I>{_html(key[1])}</I>>, fontsize=10, style="rounded,filled", '
                'fillcolor="#fafafa", color="#cccccc", labeljust=l];'
            ),
            *(node(org, "        ") for org in members),
            "    }",
        ]
    lines += [node(org) for org in others]
    lines += [f"    {_quote(r.subject)} -> {_quote(r.object)} [{_EDGE[r.kind]}];" for r in links]
    lines.append("}")
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def org_charts(system: jmp.PolicySystem) -> dict[str, str]:
    """File name -> DOT text of every organisation chart: today's and :data:`PAST_YEAR`'s."""
    charts = {}
    for label, snapshot in (("today", system), (str(PAST_YEAR), system.at(PAST_YEAR))):
        for root in chart_roots(snapshot):
            charts[f"org-{root.id}-{label}.dot"] = org_chart_dot(snapshot, root)
    return charts


# -- the timeline ----------------------------------------------------------------------------


@dataclass
class _Row:
    org: jmp.Organization | None  # None for a group's heading
    text: str
    start: int = 0
    end: int = 0
    segments: list[tuple[int, int, str]] = field(default_factory=list)
    ticks: list[tuple[int, str]] = field(default_factory=list)


def _text_width(text: str, size: float) -> float:
    """An estimate of a text's width in pixels: CJK characters are square, Latin ones about 0.58 em."""
    wide = sum(1 for char in text if ord(char) >= 0x2E80)  # noqa: PLR2004 - the CJK blocks start here
    return size * (wide + 0.58 * (len(text) - wide))


def _family(system: jmp.PolicySystem, org: jmp.Organization) -> jmp.Organization | None:
    """The current body of ministry rank (or top-level body) whose family *org* belongs to."""
    head = system.ministry_of(org) or (org if system.parent(org) is None and system.children(org) else None)
    if head is None and org.dissolved is not None:  # a former top-level body: its successor's family
        return next((f for s in system.successors(org) if (f := _family(system, s)) is not None), None)
    seen: set[str] = set()
    while head is not None and head.id not in seen:
        head = system.organization(head.id)  # the whole record's, not a snapshot's, which knows no end
        if head.dissolved is None:
            break
        seen.add(head.id)
        head = next(iter(system.successors(head)), None)
    return head


def _timeline_rows(system: jmp.PolicySystem, first: int, last: int) -> list[_Row]:
    spans = system.index.timeline.spans
    families: dict[str, list[jmp.Organization]] = {}
    heads: dict[str, str] = {}
    for org in system.organizations:
        start, end = spans[org.id]
        if end <= first or start >= last or start == NEVER_BEFORE:
            continue
        head = _family(system, org)
        key = head.id if head is not None else ""
        if head is not None:
            heads[key] = f"{head.label} and its predecessors"
        families.setdefault(key, []).append(org)
    for key in [key for key, members in families.items() if key and len(members) == 1]:
        families.setdefault("", []).extend(families.pop(key))
    heads[""] = "Other bodies: councils, federations, single bodies"
    rows: list[_Row] = []
    order = list(families)
    order.sort(key=lambda key: (key == "", -len(families[key])))
    for key in order:
        rows.append(_Row(None, heads[key]))
        members = families[key]
        members.sort(key=lambda org: (not is_ministerial(org), max(spans[org.id][0], first), spans[org.id][1]))
        rows += [_body_row(system, org, first, last) for org in members]
    return rows


def _body_row(system: jmp.PolicySystem, org: jmp.Organization, first: int, last: int) -> _Row:
    start, end = system.index.timeline.spans[org.id]
    row = _Row(org, org.label, max(start, first), min(end, last))
    names = sorted(
        (n for n in org.former_names if n.lang == "en" and str(n.kind) in {"official", "acronym"} and n.valid_until),
        key=lambda n: n.valid_until.start(),  # type: ignore[union-attr]  # filtered above
    )
    cuts = sorted({n.valid_until.start().toordinal() for n in names if n.valid_until is not None})
    bounds = [start, *[cut for cut in cuts if start < cut < end], end]
    for seg_start, seg_end in itertools.pairwise(bounds):
        then = system.at(dt.date.fromordinal(min(seg_start, NEVER_AFTER - 1))).get(org.id, org)
        label = getattr(then, "acronym", None) or then.name
        row.segments.append((max(seg_start, first), min(seg_end, last), label))
    for event in system.history(org):
        if event.date is not None and str(event.kind) == "renamed":
            day = event.date.start().toordinal()
            if first <= day < last:
                row.ticks.append((day, f"{event.date}: renamed {event.from_value or ''} → {event.to_value or ''}"))
    return row


def timeline_svg(system: jmp.PolicySystem) -> str:
    """The bodies' lifetimes and renames from :data:`TIMELINE_START` to the data's date, as SVG text."""
    as_of = jmp.DATA_AS_OF
    first = dt.date(TIMELINE_START, 1, 1).toordinal()
    last = as_of.toordinal() + 1
    end_year = as_of.year + 1
    rows = _timeline_rows(system, first, last)
    width, left, right, top, row_h = 800, 210, 14, 58, 17
    plot = width - left - right
    height = top + row_h * len(rows) + 40

    def x(day: int) -> float:
        return round(left + plot * (day - first) / (dt.date(end_year, 1, 1).toordinal() - first), 1)

    out = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" font-family="{FONT}" font-size="11" role="img" '
            f'aria-labelledby="timeline-title">'
        ),
        (
            f'<title id="timeline-title">The bodies of the policy system, {TIMELINE_START} to {as_of}: '
            "lifetimes, renames and successions</title>"
        ),
        '<rect width="100%" height="100%" fill="#ffffff"/>',
        f'<text x="8" y="20" font-size="15" font-weight="bold">Bodies and their names, {TIMELINE_START}–{as_of.year}</text>',
        (
            f'<text x="8" y="38" font-size="10" fill="#444">Bars: lifetimes (data as of {as_of}); a bar split in '
            "shades: a new English name; black ticks: renames (hover for the names); "
            "grey lines: successions; ◂ began before 1945.</text>"
        ),
    ]
    bottom = top + row_h * len(rows)
    for year in range(TIMELINE_START, end_year + 1, 5):
        pos = x(dt.date(year, 1, 1).toordinal())
        major = year % 10 == 0
        out.append(
            f'<line x1="{pos}" y1="{top - 4}" x2="{pos}" y2="{bottom}" '
            f'stroke="{"#c8c8c8" if major else "#ececec"}" stroke-width="1"/>'
        )
        if major:
            out += [
                f'<text x="{pos}" y="{ypos}" font-size="10" text-anchor="middle" fill="#333">{year}</text>'
                for ypos in (top - 8, bottom + 14)
            ]
    where: dict[str, float] = {}
    family: dict[str, int] = {}
    group = 0
    for number, row in enumerate(rows):
        y = top + row_h * number
        if row.org is None:
            group = number
            out.append(f'<rect x="0" y="{y}" width="{width}" height="{row_h}" fill="#f3f5f8"/>')
            out.append(f'<text x="8" y="{y + 12.5}" font-weight="bold" fill="#1d3d63">{_html(row.text)}</text>')
            continue
        org = row.org
        where[org.id] = y + row_h / 2
        family[org.id] = group
        fill, stroke = _fill(org)
        label = row.text
        while _text_width(label, 11) > left - 16 and len(label) > 4:  # noqa: PLR2004 - keep a word
            label = label[:-2].rstrip() + "…"
        tooltip = f"{org.name}" + (f" ({org.name_ja})" if org.name_ja else "")
        tooltip += f", {org.established or '?'}–{org.dissolved or ''}"
        out.append(f"<g><title>{_html(tooltip)}</title>")
        out.append(f'<text x="{left - 8}" y="{y + 12.5}" text-anchor="end">{_html(label)}</text>')
        for index, (seg_start, seg_end, seg_label) in enumerate(row.segments):
            x0, x1 = x(seg_start), x(seg_end)
            shade = fill if index % 2 == 0 else stroke + "55"
            out.append(
                f'<rect x="{x0}" y="{y + 3}" width="{max(x1 - x0, 1.5):.1f}" height="{row_h - 6}" '
                f'fill="{shade}" stroke="{stroke}" stroke-width="0.8"/>'
            )
            if _text_width(seg_label, 9) < x1 - x0 - 6:
                out.append(f'<text x="{x0 + 3}" y="{y + 12}" font-size="9" fill="#222">{_html(seg_label)}</text>')
        if system.index.timeline.spans[org.id][0] < first:
            out.append(f'<path d="M{left - 1},{y + 8.5} l6,-5 v10 z" fill="{stroke}"/>')
        for day, text in row.ticks:
            pos = x(day)
            out.append(
                f'<line x1="{pos}" y1="{y + 1}" x2="{pos}" y2="{y + row_h - 1}" stroke="#111" stroke-width="1.6">'
                f"<title>{_html(text)}</title></line>"
            )
        out.append("</g>")
    for event in system.events:
        if str(event.kind) not in {"succeeded_by", "merged_into"} or event.date is None or event.body not in where:
            continue
        for other in event.other:
            if other in where and family[other] == family[event.body]:
                pos = x(event.date.start().toordinal())
                out.append(
                    f'<line x1="{pos}" y1="{where[event.body]}" x2="{pos}" y2="{where[other]}" '
                    'stroke="#777" stroke-width="1" stroke-dasharray="3,2"/>'
                )
    out.append("</svg>")
    return "\n".join(out) + "\n"


# -- writing -----------------------------------------------------------------------------------


def sources(system: jmp.PolicySystem | None = None) -> dict[str, str]:
    """File name -> text of every file this script writes itself: the DOT charts and the timeline."""
    system = system or jmp.load()
    return {**org_charts(system), "timeline.svg": timeline_svg(system)}


def digest(text: str) -> str:
    """The SHA-256 of a DOT text, as a rendered SVG's stamp carries it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def stamp_of(svg: str) -> str | None:
    """The DOT digest an SVG rendered by :func:`render` carries, or None."""
    found = _STAMP_RE.search(svg)
    return found.group(1) if found else None


def render(dot_text: str, dot: str = "dot") -> str:
    """Render DOT text to SVG with Graphviz, stamped with the digest of the DOT text."""
    result = subprocess.run([dot, "-Tsvg"], input=dot_text.encode("utf-8"), capture_output=True, check=True)  # noqa: S603 - fixed program
    svg = result.stdout.decode("utf-8")
    head, sep, rest = svg.partition("?>")
    if not sep:
        head, rest = "", svg
    return f"{head}{sep}\n{STAMP.format(digest(dot_text))}{rest}"


def _write_text(path: Path, text: str) -> bool:
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def stale(out: Path = CHARTS, texts: dict[str, str] | None = None) -> list[str]:
    """The chart files in *out* that differ from what the data gives (an SVG whose stamp is not its DOT's)."""
    texts = sources() if texts is None else texts
    found = []
    for name, text in texts.items():
        path = out / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            found.append(name)
        if name.endswith(".dot"):
            svg = path.with_suffix(".svg")
            if not svg.exists() or stamp_of(svg.read_text(encoding="utf-8")) != digest(text):
                found.append(svg.name)
    expected = set(texts) | {Path(name).with_suffix(".svg").name for name in texts}
    found += sorted(p.name for p in out.glob("*") if p.suffix in {".dot", ".svg"} and p.name not in expected)
    return found


def write(out: Path = CHARTS, *, dot: str | None = None, prune: bool = True) -> tuple[list[str], list[str]]:
    """
    Bring the charts in *out* up to date: (files written, SVGs left stale for want of Graphviz).

    DOT texts and the timeline are always written (when they changed); an SVG is rendered when
    its stamp does not match its DOT text and Graphviz (*dot*, or ``dot`` on the path) is there.
    With *prune*, chart files no chart is made of any more are removed.
    """
    out.mkdir(parents=True, exist_ok=True)
    dot = dot or shutil.which("dot")
    texts = sources()
    written, left_stale = [], []
    for name, text in texts.items():
        if _write_text(out / name, text):
            written.append(name)
        if name.endswith(".dot"):
            svg = (out / name).with_suffix(".svg")
            if svg.exists() and stamp_of(svg.read_text(encoding="utf-8")) == digest(text):
                continue
            if dot is None:
                left_stale.append(svg.name)
            else:
                svg.write_text(render(text, dot), encoding="utf-8")
                written.append(svg.name)
    if prune:
        expected = set(texts) | {Path(name).with_suffix(".svg").name for name in texts}
        for path in sorted(out.glob("*")):
            if path.suffix in {".dot", ".svg"} and path.name not in expected:
                path.unlink()
                written.append(f"-{path.name}")
    return written, left_stale


def main(argv: Sequence[str] | None = None) -> int:
    """The command: write the charts, or with ``--check`` report the stale ones."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=CHARTS, help="the directory of the charts")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a chart is stale")
    args = parser.parse_args(argv)
    if args.check:
        found = stale(args.out)
        _report("stale", found)
        return 1 if found else 0
    written, left = write(args.out)
    _report("written", written)
    _report("left stale (install Graphviz to render them)", left)
    return 1 if left else 0


def _report(what: str, names: Iterable[str]) -> None:
    names = list(names)
    if names:
        print(f"{what}: " + ", ".join(names))


if __name__ == "__main__":
    sys.exit(main())
