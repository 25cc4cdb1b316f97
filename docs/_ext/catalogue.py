"""
A Sphinx extension that writes the catalogue of the data's entities and brings the charts up to date.

A page for every body, law, programme, plan, strategy, publication and award of the bundled data,
and an index page per type and per ministry.

Regenerated on each build (on ``builder-inited``) into ``catalogue/`` (not kept in git); a file is
rewritten only when its text changed, so that Sphinx re-reads only what the data changed. The
charts in ``_static/charts`` are brought up to date by ``scripts/make_charts.py``: the DOT texts and
the timeline always, the rendered SVGs only where Graphviz is installed (a stale SVG without
Graphviz is a warning, so ``-W`` fails on it).

Each page carries its entity's names (English, Japanese, short forms, acronyms, aliases, former
names) as ``index`` entries, so that the site's search finds it by any of them, in either language.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

import jp_mfg_policy as jmp
from jp_mfg_policy._dates import NEVER_AFTER, NEVER_BEFORE
from jp_mfg_policy._fields import REFERS_TO
from jp_mfg_policy._identifiers import identifier_url
from jp_mfg_policy._timeline import legal_form_spells

#: Where the pages go, under the documentation's source directory.
FOLDER = "catalogue"
#: Entity class -> (folder, plural heading, singular).
KINDS: dict[str, tuple[str, str, str]] = {
    "Organization": ("bodies", "Bodies", "body"),
    "Law": ("laws", "Laws", "law"),
    "Program": ("programs", "Programmes", "programme"),
    "Plan": ("plans", "Plans", "plan"),
    "Strategy": ("strategies", "Strategies", "strategy"),
    "Publication": ("publications", "Publications", "publication"),
    "Award": ("awards", "Awards", "award"),
}
#: The index pages of bodies, one per kind: class name -> (page, heading).
BODY_TYPES: dict[str, tuple[str, str]] = {
    "Ministry": ("ministries", "Ministries"),
    "Agency": ("agencies", "Agencies, institutes and bureaus"),
    "Council": ("councils", "Councils and headquarters"),
    "BusinessFederation": ("business-federations", "Business federations"),
    "Organization": ("other-bodies", "Other bodies"),
}
_SKIPPED = {  # fields shown in their own sections, or not at all
    "id", "name", "title", "name_ja", "title_ja", "short_name_ja", "acronym", "aliases", "former_names",
    "sources", "identifiers", "missing_identifiers", "legal_form", "website", "note", "established", "dissolved",
}  # fmt: skip
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#{}$~!])")


def esc(text: object) -> str:
    """Text made literal in MyST Markdown: special characters escaped, line breaks made spaces."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _kind_of(entity: object) -> str:
    for cls in type(entity).__mro__:
        if cls.__name__ in KINDS:
            return cls.__name__
    msg = f"no catalogue page for {type(entity).__name__}"
    raise TypeError(msg)


def page_of(entity: object) -> str | None:
    """The document name (``catalogue/bodies/meti``) of an entity's page, or None if it has none."""
    if isinstance(entity, jmp.Recommendation):
        return None
    try:
        folder = KINDS[_kind_of(entity)][0]
    except TypeError:
        return None
    return f"{FOLDER}/{folder}/{entity.id}"  # type: ignore[attr-defined]  # every entity has an id


def _title(entity: Any) -> str:
    acronym = getattr(entity, "acronym", None)
    return f"{entity.name} ({acronym})" if acronym and acronym != entity.name else entity.name


def _period(start: object, end: object) -> str:
    if start is None and end is None:
        return ""
    return f"{start or '?'} – {end or 'today'}"


class Page:
    """One page being written: its Markdown lines, its citations as footnotes, its links."""

    def __init__(self, system: jmp.PolicySystem, docname: str) -> None:
        self.system = system
        self.docname = docname
        self.lines: list[str] = []
        self._notes: dict[tuple[str, str | None, str | None], str] = {}

    def link(self, target: str | jmp.Entity, text: str | None = None) -> str:
        """A Markdown link to *target*'s page (an entity or an id), or its escaped name where it has none."""
        entity = self.system.get(target, None) if isinstance(target, str) else target
        if entity is None:
            return esc(text or target)
        if isinstance(entity, jmp.Recommendation):
            entity = self.system.get(entity.strategy)
        docname = page_of(entity)
        shown = esc(text or getattr(entity, "label", None) or entity.name)
        if docname is None:
            return shown
        return f"[{shown}]({self.relative(docname)})"

    def relative(self, docname: str) -> str:
        """The relative path from this page to *docname*'s source file."""
        depth = self.docname.count("/")
        return "../" * (depth - 1) + docname.removeprefix(f"{FOLDER}/") + ".md"

    def cite(self, citations: Iterable[jmp.Citation]) -> str:
        """Footnote references for *citations*, the footnotes kept for the page's end."""
        refs = []
        for citation in citations:
            key = (citation.source, citation.quote, citation.note)
            label = self._notes.setdefault(key, f"c{len(self._notes) + 1}")
            refs.append(f"[^{label}]")
        return "".join(dict.fromkeys(refs))

    def add(self, *lines: str) -> None:
        """Append lines of Markdown."""
        self.lines.extend(lines)

    def section(self, heading: str, lines: Sequence[str]) -> None:
        """A ``##`` section, if it has any lines."""
        if lines:
            self.add(f"## {heading}", "", *lines, "")

    def footnotes(self) -> list[str]:
        """The citations of the page: each source's title, publisher, addresses and the quoted passage."""
        out = []
        for (source_id, quote, note), label in self._notes.items():
            source = self.system.source(source_id)
            parts = [f"*{esc(source.title)}*", esc(source.publisher)]
            if source.published:
                parts.append(str(source.published))
            text = ", ".join(parts) + "."
            if source.url:
                text += f" <{source.url}>"
            if source.copy_url:
                text += f" (copy read: <{source.copy_url}>)"
            if source.accessed:
                text += f" Checked {source.accessed}."
            if quote:
                text = f"“{esc(quote)}” — " + text
            if note:
                text += f" Note: {esc(note)}"
            text += f" [source `{source.id}`]"
            out.append(f"[^{label}]: {text}")
        return out

    def text(self) -> str:
        """The whole page."""
        notes = self.footnotes()
        body = [*self.lines, *(["## Citations", "", *notes, ""] if notes else [])]
        return "\n".join(body).rstrip() + "\n"


def _index_entries(entity: Any) -> list[str]:
    """Every name of *entity* as an ``index`` directive: what the site's search matches first."""
    names: list[str] = []
    for field in ("name", "title", "name_ja", "title_ja", "short_name_ja", "acronym"):
        value = getattr(entity, field, None)
        if isinstance(value, str):
            names.append(value)
    names += list(getattr(entity, "aliases", ()))
    names += [name.text for name in getattr(entity, "former_names", ())]
    for value in list(names):  # the Japanese name without its legal-form prefix (独立行政法人 ...)
        for form in jmp.LegalForm:
            if value.startswith(form.label_ja) and len(value) > len(form.label_ja):
                names.append(value[len(form.label_ja) :])
    out = []
    for name in dict.fromkeys(" ".join(n.split()) for n in names):
        entry = name.replace(";", ",").replace("`", "'")
        out += [f"```{{index}} !single: {entry}", "```"]
    return out


def _value(page: Page, field: attrs.Attribute[Any], value: Any) -> str:
    if REFERS_TO in field.metadata:
        if isinstance(value, tuple):
            return ", ".join(page.link(item) for item in value)
        return page.link(value)
    if isinstance(value, tuple):
        return "; ".join(esc(item) for item in value)
    if isinstance(value, jmp.LegalForm):
        return f"{esc(value.label)} ({value.label_ja})"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        return f"<{value}>"
    return esc(value)


def _record(page: Page, record: Any) -> str:
    """A nested record on one line: its main text, its other fields, its citations."""
    fields = attrs.fields(type(record))
    main = next((f.name for f in fields if f.name in {"name", "text", "title", "indicator"}), None)
    head = ""
    if main and getattr(record, main) is not None:
        head = f"**{esc(getattr(record, main))}**"
    rest = []
    for field in fields:
        value = getattr(record, field.name)
        if field.name in {main, "sources"} or value in (None, (), ""):
            continue
        rest.append(f"{_label(field.name).lower()}: {_value(page, field, value)}")
    text = head + (" — " if head and rest else "") + "; ".join(rest)
    return text + page.cite(getattr(record, "sources", ()))


def _names(page: Page, entity: Any) -> list[str]:
    system = page.system
    span = system.index.timeline.spans.get(entity.id, (NEVER_BEFORE, NEVER_AFTER))
    rows = ["| name | language | kind | used |", "| --- | --- | --- | --- |"]
    start = _day(span[0])
    current_from: dict[tuple[str, str], object] = {}
    for name in sorted(entity.former_names if hasattr(entity, "former_names") else (), key=_until):
        key = (name.lang, str(name.kind))
        used = _period(name.valid_from or current_from.get(key, start), name.valid_until)
        current_from[key] = name.valid_until
        rows.append(f"| {esc(name.text)}{page.cite(name.sources)} | {name.lang} | {name.kind} (former) | {used} |")
    current = [
        ("name", "en", "official"),
        ("title", "en", "official"),
        ("name_ja", "ja", "official"),
        ("title_ja", "ja", "official"),
        ("short_name_ja", "ja", "short"),
        ("acronym", "en", "acronym"),
    ]
    found = []
    for field, lang, kind in current:
        value = getattr(entity, field, None)
        if isinstance(value, str):
            since = current_from.get((lang, kind))
            end = _day(span[1]) if span[1] != NEVER_AFTER else None
            found.append(f"| **{esc(value)}** | {lang} | {kind} | {_period(since or start, end)} |")
    found += [f"| {esc(alias)} | | alias | |" for alias in getattr(entity, "aliases", ())]
    return [*rows[:2], *found, *rows[2:]]


def _until(name: jmp.Name) -> dt.date:
    return name.valid_until.start() if name.valid_until else dt.date.max


def _day(ordinal: int) -> dt.date | None:
    if ordinal in {NEVER_BEFORE, NEVER_AFTER}:
        return None
    return dt.date.fromordinal(ordinal)


def _legal_forms(page: Page, org: jmp.Organization) -> list[str]:
    span = page.system.index.timeline.spans[org.id]
    spells = legal_form_spells(org, page.system.history(org), span)
    lines = []
    for spell in spells:
        form = f"{esc(spell.form.label)} ({spell.form.label_ja})" if spell.form else "not recorded"
        end = _day(spell.end) if spell.end != span[1] or org.dissolved else None
        lines.append(f"- {_period(_day(spell.start), end)}: {form}")
    return lines


def _identifiers(page: Page, entity: Any) -> list[str]:
    lines = []
    for identifier in getattr(entity, "identifiers", ()):
        url = identifier_url(identifier.scheme, identifier.value)
        note = f" ({esc(identifier.note)})" if identifier.note else ""
        lines.append(
            f"- {esc(identifier.scheme.label)}: [{esc(identifier.value)}]({url}){note}{page.cite(identifier.sources)}"
        )
    lines += [
        f"- {esc(missing.scheme.label)}: none — {esc(missing.reason)}"
        for missing in getattr(entity, "missing_identifiers", ())
    ]
    website = getattr(entity, "website", None)
    if website:
        lines.append(f"- Website: <{website}>")
    return lines


def _hierarchy(page: Page, org: jmp.Organization) -> list[str]:
    system = page.system
    when = system if org.dissolved is None else system.at(org.dissolved.start() - dt.timedelta(days=1))
    then = when.get(org.id, None)
    lines = []
    prefix = "" if org.dissolved is None else f"On its last day ({org.dissolved.start() - dt.timedelta(days=1)}): "
    ministry = system.ministry_of(org)
    if ministry is not None and ministry.id != org.id:
        lines.append(f"- {prefix}ministry: {page.link(ministry.id)}")
    if then is not None:
        parent = when.parent(then)
        if parent is not None:
            lines.append(f"- {prefix}under: {page.link(parent.id)}")
        children = when.children(then)
        if children:
            lines.append(f"- {prefix}bodies directly under it: " + ", ".join(page.link(c.id) for c in children))
    predecessors = system.predecessors(org)
    successors = system.successors(org)
    if predecessors:
        lines.append("- Preceded by: " + ", ".join(page.link(p) for p in predecessors))
    if successors:
        lines.append("- Succeeded by: " + ", ".join(page.link(s) for s in successors))
    lineage = system.lineage(org)
    if len(lineage) > 1 + len(predecessors) + len(successors):
        lines.append("- Whole lineage, oldest first: " + " → ".join(page.link(b) for b in lineage))
    for claim in system.coverage(org):
        extent = "complete" if claim.complete else "a selection"
        lines.append(
            f"- The list of bodies under it is {extent}"
            + (f" as of {claim.as_of}" if claim.as_of else "")
            + f": {esc(claim.description)}{page.cite(claim.sources)}"
        )
    return lines


def _history(page: Page, entity: Any) -> list[str]:
    lines = []
    for event in page.system.history(entity.id):
        text = f"- **{event.date or 'undated'}** — {str(event.kind).replace('_', ' ')}"
        if event.from_value or event.to_value:
            text += f": {esc(event.from_value or '…')} → {esc(event.to_value or '…')}"
        if event.other:
            text += " (" + ", ".join(page.link(other) for other in event.other) + ")"
        if event.law:
            text += f"; under {page.link(event.law)}"
        elif event.legal_basis:
            text += f"; legal basis: {esc(event.legal_basis)}"
        if event.note:
            text += f". {esc(event.note)}"
        lines.append(text + page.cite(event.sources))
    return lines


def _relations(page: Page, entity: Any) -> list[str]:
    system = page.system
    lines = []
    for relation in (*system.relations(subject=entity.id), *system.relations(object=entity.id)):
        subject = "it" if relation.subject == entity.id else page.link(relation.subject)
        obj = "it" if relation.object == entity.id else page.link(relation.object)
        when = _period(relation.valid_from, relation.valid_until)
        text = f"- {subject} {str(relation.kind).replace('_', ' ')} {obj}"
        text += f" ({when})" if when else ""
        text += f". {esc(relation.note)}" if relation.note else ""
        lines.append(text + page.cite(relation.sources))
    return lines


def _details(page: Page, entity: Any) -> list[str]:
    """Every other field: scalars as a list, nested records (phases, targets ...) as lists of their own."""
    scalars, nested = [], []
    for field in attrs.fields(type(entity)):
        value = getattr(entity, field.name)
        if field.name in _SKIPPED or value in (None, (), ""):
            continue
        if isinstance(value, tuple) and value and attrs.has(type(value[0])):
            nested += [f"### {_label(field.name)}", "", *(f"- {_record(page, item)}" for item in value), ""]
        elif isinstance(value, tuple) and field.name in {"missions", "functions"}:
            nested += [f"### {_label(field.name)}", "", *(f"- {esc(item)}" for item in value), ""]
        else:
            scalars.append(f"- {_label(field.name)}: {_value(page, field, value)}")
    return [*scalars, *([""] if scalars and nested else []), *nested]


def entity_page(system: jmp.PolicySystem, entity: Any) -> str:
    """The page of one entity, as MyST Markdown."""
    docname = page_of(entity)
    assert docname is not None  # noqa: S101 - callers pass entities with pages
    page = Page(system, docname)
    kind = type(entity).__name__
    page.add(f"# {esc(_title(entity))}", "", *_index_entries(entity), "")
    summary = []
    name_ja = getattr(entity, "name_ja", None) or getattr(entity, "title_ja", None)
    if name_ja:
        summary.append(f"**{esc(name_ja)}**")
    summary.append(f"{_label(kind) if kind != 'Organization' else 'Body'}")
    if isinstance(entity, jmp.Organization):
        summary.append(_period(entity.established, entity.dissolved) or "dates unknown")
        ministry = system.ministry_of(entity)
        if ministry is not None and ministry.id != entity.id:
            summary.append(f"ministry: {page.link(ministry.id)}")
    else:
        span = entity.period
        if span.start or span.end:
            summary.append(_period(span.start, span.end - dt.timedelta(days=1) if span.end else None))
    page.add(" · ".join(summary) + page.cite(entity.sources), "")
    if getattr(entity, "note", None):
        page.add(f"```{{note}}\n{esc(entity.note)}\n```", "")
    page.section("Names", _names(page, entity))
    if isinstance(entity, jmp.Organization):
        page.section("Legal form over time", _legal_forms(page, entity))
    page.section("Identifiers and links", _identifiers(page, entity))
    if isinstance(entity, jmp.Organization):
        page.section("Place in the hierarchy", _hierarchy(page, entity))
    page.section("Details", _details(page, entity))
    if isinstance(entity, jmp.Strategy):
        recs = [r for r in system.recommendations if r.strategy == entity.id]
        page.section(
            "Recommendations",
            [
                f"{f'{r.number}.' if r.number else '-'} {esc(r.text)} "
                f"({str(r.kind).replace('_', ' ')}){page.cite(r.sources)}"
                for r in recs
            ],
        )
    page.section("History", _history(page, entity))
    page.section("Relations", _relations(page, entity))
    if isinstance(entity, jmp.Organization):
        counts = [
            f"- {count.as_of}: "
            + ", ".join(
                f"{_label(field).lower()} {getattr(count, field):,}"
                for field in (
                    "total",
                    "companies",
                    "industrial_associations",
                    "regional_organizations",
                    "group_members",
                    "special_members",
                )
                if getattr(count, field) is not None
            )
            + (" (approximate)" if count.approximate else "")
            + page.cite(count.sources)
            for count in system.memberships_of(entity)
        ]
        page.section("Membership", counts)
    caveats = [
        f"- {esc(c.topic).replace('_', ' ')}: the source says “{esc(c.statement)}”"
        + page.cite([jmp.Citation(source=c.source)])
        + (f" (as of {c.as_of})" if c.as_of else "")
        + f"; later: {esc(c.later)}{page.cite(c.sources)}"
        for c in system.caveats_of(entity.id)
    ]
    page.section("Caveats", caveats)
    page.add(
        f"*Data release {jmp.DATA_VERSION}, as of {jmp.DATA_AS_OF}. Cite with* `jp-mfg-policy cite {entity.id}`.", ""
    )
    return page.text()


# -- index pages -----------------------------------------------------------------------------------


def _rows(page: Page, entities: Iterable[Any], *, ministry: bool = True) -> list[str]:
    head = "| name | Japanese | period |" + (" ministry |" if ministry else "")
    rows = [head, "| --- | --- | --- |" + (" --- |" if ministry else "")]
    for entity in entities:
        japanese = getattr(entity, "name_ja", None) or getattr(entity, "title_ja", None) or ""
        if isinstance(entity, jmp.Organization):
            period = _period(entity.established, entity.dissolved)
        else:
            span = entity.period
            period = _period(span.start, span.end - dt.timedelta(days=1) if span.end else None)
        row = f"| {page.link(entity, _title(entity))} | {esc(japanese)} | {period} |"
        if ministry:
            found = page.system.ministry_of(entity) if isinstance(entity, jmp.Organization) else None
            row += f" {page.link(found.id) if found is not None and found.id != entity.id else ''} |"
        rows.append(row)
    return rows


def _toctree(page: Page, docnames: Iterable[str]) -> list[str]:
    return [
        "```{toctree}",
        ":hidden:",
        ":titlesonly:",
        "",
        *(page.relative(d).removesuffix(".md") for d in docnames),
        "```",
        "",
    ]


def type_pages(system: jmp.PolicySystem) -> dict[str, str]:
    """Docname -> text of the index page of each type of entity (each kind of body counts as a type)."""
    pages = {}
    groups: list[tuple[str, str, list[Any]]] = []
    for cls_name, (slug, heading) in BODY_TYPES.items():
        members = [org for org in system.organizations if type(org).__name__ == cls_name]
        groups.append((slug, heading, members))
    for cls_name, (folder, heading, _) in KINDS.items():
        if cls_name != "Organization":
            groups.append((folder, heading, list(getattr(system, folder))))
    for slug, heading, members in groups:
        page = Page(system, f"{FOLDER}/types/{slug}")
        page.add(f"# {heading}", "", f"{len(members)} in the data, current and former.", "")
        page.add(*_rows(page, members, ministry=slug in {v[0] for v in BODY_TYPES.values()}), "")
        page.add(*_toctree(page, [d for d in map(page_of, members) if d]))
        pages[page.docname] = page.text()
    return pages


def ministry_heads(system: jmp.PolicySystem) -> list[jmp.Organization]:
    """The bodies of ministry rank that some body belongs to, in data order."""
    heads = {}
    for org in system.organizations:
        found = system.ministry_of(org)
        if found is not None:
            heads[found.id] = found
    return [org for org in system.organizations if org.id in heads]


def ministry_pages(system: jmp.PolicySystem, charts: Sequence[str]) -> dict[str, str]:
    """Docname -> text of the page of each ministry: its bodies, its policy, its charts; and of the rest."""
    pages = {}
    members: dict[str, list[jmp.Organization]] = {}
    for org in system.organizations:
        found = system.ministry_of(org)
        members.setdefault(found.id if found is not None else "", []).append(org)
    for head in [*ministry_heads(system), None]:
        key = head.id if head is not None else ""
        page = Page(system, f"{FOLDER}/ministries/{key or 'none'}")
        if head is None:
            page.add("# Bodies under no ministry", "", "Councils of the Cabinet, business federations and others.", "")
        else:
            name_ja = f" · **{esc(head.name_ja)}**" if head.name_ja else ""
            page.add(f"# {esc(_title(head))} and its bodies", "", *_index_entries(head), "")
            page.add(
                f"{page.link(head, 'The ministry page')}{name_ja} · {_period(head.established, head.dissolved)}", ""
            )
            for chart in charts:
                if chart.startswith(f"org-{head.id}-"):
                    when = chart.removeprefix(f"org-{head.id}-").removesuffix(".svg")
                    when = "today" if when == "today" else f"at the end of {when}"
                    page.add(
                        f"```{{figure}} /_static/charts/{chart}",
                        f":alt: Organisation chart of {head.label} {when}",
                        f":target: ../../_static/charts/{chart}",
                        "",
                        f"{esc(head.label)} {when} (select to open at full size)",
                        "```",
                        "",
                    )
        bodies = [org for org in members.get(key, []) if org.id != key]
        page.section("Bodies", _rows(page, bodies, ministry=False) if bodies else [])
        if head is not None:
            policy = []
            for relation in system.relations(subject=head.id):
                other = system.get(relation.object)
                if not isinstance(other, jmp.Organization):
                    when = _period(relation.valid_from, relation.valid_until)
                    policy.append(
                        f"- {str(relation.kind).replace('_', ' ')} {page.link(other, _title(other))}"
                        + (f" ({when})" if when else "")
                    )
            policy += [f"- publishes {page.link(s, _title(s))}" for s in system.strategies if s.publisher == head.id]
            policy += [f"- publishes {page.link(p, p.title)}" for p in system.publications if head.id in p.publishers]
            policy += [f"- organises {page.link(a, a.name)}" for a in system.awards if head.id in a.organisers]
            page.section("Laws, programmes, plans and strategies", policy)
        pages[page.docname] = page.text()
    return pages


def index_page(system: jmp.PolicySystem, types: dict[str, str], ministries: dict[str, str]) -> str:
    """The catalogue's front page."""
    page = Page(system, f"{FOLDER}/index")
    page.add(
        "# Catalogue",
        "",
        f"Every body, law, programme, plan, strategy, publication and award of the data (release "
        f"{jmp.DATA_VERSION}, as of {jmp.DATA_AS_OF}), one page each, with its names in English and Japanese, "
        "its legal form over time, its identifiers, its place in the hierarchy, its history, its relations and "
        "every citation with the source's own words. Search the site by any name, in either language.",
        "",
        "## By type",
        "",
    )
    for docname, text in types.items():
        title = text.splitlines()[0].removeprefix("# ")
        count = text.splitlines()[2].split(" ")[0]
        page.add(f"- [{title}]({page.relative(docname)}) ({count})")
    page.add("", "## By ministry", "")
    for docname, text in ministries.items():
        title = text.splitlines()[0].removeprefix("# ")
        page.add(f"- [{title}]({page.relative(docname)})")
    page.add(
        "",
        "## Lifetimes and renames",
        "",
        "```{figure} /_static/charts/timeline.svg",
        ":alt: Timeline of the bodies' lifetimes and renames since 1945",
        ":target: ../_static/charts/timeline.svg",
        "",
        "The bodies' lifetimes and renames since 1945 (select to open at full size; hover for names).",
        "```",
        "",
        "```{toctree}",
        ":hidden:",
        ":maxdepth: 1",
        "",
        *(page.relative(d).removesuffix(".md") for d in [*types, *ministries]),
        "```",
    )
    return page.text()


def render(system: jmp.PolicySystem | None = None, charts: Sequence[str] = ()) -> dict[str, str]:
    """Docname -> Markdown of every catalogue page."""
    system = system or jmp.load()
    pages: dict[str, str] = {}
    entities = [*system.organizations, *system.laws, *system.programs, *system.plans, *system.strategies,
                *system.publications, *system.awards]  # fmt: skip
    for entity in entities:
        docname = page_of(entity)
        if docname:
            pages[docname] = entity_page(system, entity)
    types = type_pages(system)
    ministries = ministry_pages(system, charts)
    pages |= types | ministries
    pages[f"{FOLDER}/index"] = index_page(system, types, ministries)
    return pages


def _make_charts() -> Any:
    path = Path(__file__).resolve().parents[2] / "scripts" / "make_charts.py"
    spec = importlib.util.spec_from_file_location("make_charts", path)
    if spec is None or spec.loader is None:
        msg = f"cannot load {path}"
        raise ImportError(msg)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_charts", module)
    spec.loader.exec_module(module)
    return module


def write(srcdir: Path, *, warn: Any = print) -> list[str]:
    """Write the catalogue and bring the charts up to date; return the pages written."""
    charts_dir = srcdir / "_static" / "charts"
    make_charts = _make_charts()
    _, left_stale = make_charts.write(charts_dir)
    for name in left_stale:
        warn(f"chart _static/charts/{name} is stale and Graphviz is not installed: run scripts/make_charts.py")
    charts = sorted(p.name for p in charts_dir.glob("org-*.svg"))
    pages = render(charts=charts)
    root = srcdir / FOLDER
    written = []
    for docname, text in pages.items():
        path = srcdir / f"{docname}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(docname)
    wanted = {srcdir / f"{docname}.md" for docname in pages}
    for path in root.rglob("*.md"):  # pages of entities no longer in the data
        if path not in wanted:
            path.unlink()
    return written


def _on_builder_inited(app: Any) -> None:
    from sphinx.util import logging

    write(Path(app.srcdir), warn=logging.getLogger(__name__).warning)


#: The search's scorer: Sphinx's defaults, and a page whose title holds the whole query ranks first,
#: so that "Ministry of Economy" finds METI's page before every page that merely names a ministry.
SCORER = """\
var Scorer = {
  score: (result) => {
    const [docname, title, anchor, descr, score] = result;
    const query = (new URLSearchParams(window.location.search).get("q") || "").trim().toLowerCase();
    if (query.length > 2 && title && title.toLowerCase().includes(query)) return score + 20;
    return score;
  },
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
};
"""


def _on_config_inited(app: Any, config: Any) -> None:
    """Use :data:`SCORER` for the search, unless the configuration names a scorer of its own."""
    if not config.html_search_scorer:
        path = Path(app.srcdir) / FOLDER / "_search_scorer.js"
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != SCORER:
            path.write_text(SCORER, encoding="utf-8")
        config.html_search_scorer = str(path)


def setup(app: Any) -> dict[str, Any]:
    """Register the generator with Sphinx."""
    app.connect("config-inited", _on_config_inited)
    app.connect("builder-inited", _on_builder_inited)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
