"""
The ``jp-mfg-policy`` command (also ``python -m jp_mfg_policy``).

Exit codes: 0 success, 1 nothing found, 2 bad usage or invalid data.
Errors go to standard error as one line.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from ._load import load
from ._models import Agency, Council, Event, EventKind, LegalForm, Organization
from ._overview import describe, overview, tree
from ._serde import ORGANIZATION_KINDS, converter
from ._system import PolicySystem
from .exceptions import DataError, UnknownEntityError

PROG = "jp-mfg-policy"
_ENTITY_KINDS = {
    **{kind: ("organizations", cls) for kind, cls in ORGANIZATION_KINDS.items()},
    "body": ("organizations", Organization),
    "publication": ("publications", None),
    "award": ("awards", None),
    "strategy": ("strategies", None),
    "recommendation": ("recommendations", None),
    "plan": ("plans", None),
}


class _NothingFoundError(Exception):
    """A query that ran but found nothing: exit code 1."""


class _UsageError(Exception):
    """A request that cannot be carried out as asked: exit code 2."""


def _header() -> str:
    from . import DATA_AS_OF, DATA_VERSION, __version__  # noqa: PLC0415 - the version is read lazily

    return f"Japan's manufacturing-policy system (jp-mfg-policy {__version__}, data {DATA_VERSION} as of {DATA_AS_OF})"


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _width() -> int | None:
    """The terminal's width when printing to one (or when COLUMNS is set); None when piped."""
    if "COLUMNS" in os.environ or sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None


def _fit(lines: list[str], width: int | None) -> list[str]:
    """Lines cut to the terminal, marking the cut; untouched when piped."""
    if width is None:
        return lines
    fitted = []
    for line in lines:
        if _display_width(line) <= width:
            fitted.append(line)
            continue
        cut = ""
        for char in line:
            if _display_width(cut + char) > width - 1:
                break
            cut += char
        fitted.append(cut + "…")
    return fitted


def _system(args: argparse.Namespace) -> PolicySystem:
    system = load(extra=getattr(args, "data", None) or ())
    year = getattr(args, "year", None)
    return system if year is None else system.at(year)


def _emit(args: argparse.Namespace, text: list[str], data: object) -> None:
    if getattr(args, "json", False):
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for line in _fit(text, _width()):
            print(line)


def _summary(org: Organization) -> dict[str, Any]:
    return {
        "id": org.id,
        "kind": next(kind for kind, cls in ORGANIZATION_KINDS.items() if cls is type(org)),
        "acronym": org.acronym,
        "name": org.name,
        "name_ja": org.name_ja,
        "established": None if org.established is None else str(org.established),
        "dissolved": None if org.dissolved is None else str(org.dissolved),
    }


def _cmd_overview(args: argparse.Namespace) -> None:
    system = _system(args)
    text = overview(system, header=_header()).splitlines()
    roots = [org for org in system.organizations if org.dissolved is None and system.parent(org) is None]

    def branch(org: Organization) -> dict[str, Any]:
        return {**_summary(org), "children": [branch(child) for child in system.children(org)]}

    data = {
        "organizations": len(system.organizations),
        "relations": len(system.relations()),
        "sources": len(system.sources),
        "tree": [branch(org) for org in roots],
    }
    _emit(args, text, data)


def _cmd_list(args: argparse.Namespace) -> None:
    system = _system(args)
    collection, cls = _ENTITY_KINDS[args.kind]
    if collection == "organizations":
        bodies = [org for org in system.organizations if cls is Organization or type(org) is cls]
        text = [describe(org) for org in bodies]
        data: list[Any] = [_summary(org) for org in bodies]
    else:
        items = getattr(system, collection)
        text = [f"{item.id}  {item.name}" for item in items]
        data = [converter.unstructure(item) for item in items]
    if not data:
        raise _NothingFoundError(f"no {args.kind} found" + (f" in {args.year}" if args.year else ""))
    _emit(args, text, data)


def _show_lines(system: PolicySystem, key: str) -> list[str]:
    entity = system.get(key)
    if not isinstance(entity, Organization):
        record = converter.unstructure(entity)
        lines = [f"{entity.id}  ({type(entity).__name__})"]
        lines += [f"  {field}: {value}" for field, value in record.items() if field not in {"id", "sources"}]
        lines.append(f"  sources: {', '.join(dict.fromkeys(c.source for c in entity.sources))}")
        return lines
    org = entity
    lines = [describe(org)]

    def add(label: str, value: object) -> None:
        if value not in (None, "", (), []):
            lines.append(f"  {label}: {value}")

    add("kind", type(org).__name__)
    add("legal form", org.legal_form and f"{org.legal_form.label} ({org.legal_form.label_ja})")
    parent = system.parent(org)
    add("under", parent and describe(parent))
    if isinstance(org, Agency | Council) and parent is None:
        add("last under", getattr(org, "supervisor", None) or getattr(org, "host", None))
    add("Japanese short name", org.short_name_ja)
    add("also known as", "; ".join(org.aliases))
    add("former names", "; ".join(f"{n.text} (until {n.valid_until or '?'})" for n in org.former_names))
    add("established", org.established)
    add("dissolved", org.dissolved)
    add("predecessors", ", ".join(org.predecessors))
    add("successors", ", ".join(org.successors))
    add("website", org.website)
    add("identifiers", "; ".join(f"{i.scheme} {i.value}" for i in org.identifiers))
    add("description", org.description)
    add("role", org.role)
    for number, mission in enumerate(org.missions, 1):
        add(f"mission {number}", mission)
    for function in org.functions:
        add("function", function)
    for stream in getattr(org, "research_streams", ()):
        add(stream.name, stream.description)
    add("under it", ", ".join(child.label for child in system.children(org)))
    for event in system.history(org):
        add(f"{event.date or 'undated'}", _event_text(system, event))
    for caveat in system.caveats_of(org):
        add(f"caveat ({caveat.topic})", caveat.later)
    add("note", org.note)
    add("sources", ", ".join(dict.fromkeys(c.source for c in org.sources)))
    lines.append(f"  (full citation: {PROG} cite {org.id})")
    return lines


def _form(value: str | None) -> str:
    return LegalForm(value).label if value in set(LegalForm) else value or "?"


def _event_text(system: PolicySystem, event: Event) -> str:
    """One event in words: 'founded as special corporation', 'renamed A → B' ..."""
    others = ", ".join(getattr(system.get(ident, None), "label", ident) for ident in event.other)
    if event.kind is EventKind.FOUNDED:
        text = "founded" + (f" as {_form(event.to_value)}" if event.to_value else "")
        return text + (f", from {others}" if others else "")
    if event.kind is EventKind.LEGAL_FORM_CHANGED:
        return f"legal form {_form(event.from_value)} → {_form(event.to_value)}"
    if event.kind is EventKind.RENAMED:
        return f"renamed {event.from_value or '?'} → {event.to_value or '?'}"
    return str(event.kind).replace("_", " ") + (f" {others}" if others else "")


def _cmd_show(args: argparse.Namespace) -> None:
    system = _system(args)
    entity = system.get(args.key)
    data = converter.unstructure(entity)
    if isinstance(entity, Organization):
        data = {"kind": data.pop("kind"), **data}
    _emit(args, _show_lines(system, args.key), data)


def _cmd_search(args: argparse.Namespace) -> None:
    system = _system(args)
    found = system.find(args.text, limit=args.limit)
    if not found:
        msg = f"nothing matches {args.text!r}"
        raise _NothingFoundError(msg)
    text = [describe(e) if isinstance(e, Organization) else f"{e.id}  {e.name}" for e in found]
    data = [{"id": e.id, "type": type(e).__name__, "name": e.name} for e in found]
    _emit(args, text, data)


def _cmd_tree(args: argparse.Namespace) -> None:
    system = _system(args)
    root = None if args.root is None else system.organization(args.root)

    def branch(org: Organization) -> dict[str, Any]:
        return {**_summary(org), "children": [branch(child) for child in system.children(org)]}

    roots = (
        [root]
        if root is not None
        else [org for org in system.organizations if org.dissolved is None and system.parent(org) is None]
    )
    _emit(args, list(tree(system, root)), [branch(org) for org in roots])


def _cmd_relations(args: argparse.Namespace) -> None:
    system = _system(args)
    entity = system.get(args.key)
    found = [*system.relations(subject=entity, kind=args.kind), *system.relations(object=entity, kind=args.kind)]
    if not found:
        raise _NothingFoundError(f"no relations of {entity.id!r}" + (f" of kind {args.kind}" if args.kind else ""))

    def period(start: object, end: object) -> str:
        return f" ({start or '?'} to {end or 'now'})" if start or end else ""

    text = [f"{r.subject} {r.kind} {r.object}{period(r.valid_from, r.valid_until)}" for r in found]
    _emit(args, text, [converter.unstructure(r) for r in found])


def _cmd_graph(args: argparse.Namespace) -> None:
    system = _system(args)
    chart = system.to_mermaid(args.root) if args.format == "mermaid" else system.to_dot(args.root)
    sys.stdout.write(chart)


def _cmd_export(args: argparse.Namespace) -> None:
    system = _system(args)
    try:
        written = system.export(args.out, format=args.format)
    except OSError as exc:
        msg = f"cannot write {args.out}: {exc.strerror or exc}"
        raise _UsageError(msg) from None
    print(f"wrote {len(written)} file{'s' if len(written) != 1 else ''} to {args.out}", file=sys.stderr)


def _cmd_cite(args: argparse.Namespace) -> None:
    system = _system(args)
    entity = system.get(args.key)
    if args.json:
        from ._cite import gather  # noqa: PLC0415 - only citing needs it

        cited = gather(system.facts(entity), {s.id: s for s in system.sources})
        data = [{**converter.unstructure(source), "quotes": quotes} for source, quotes in cited]
        for item in data:
            item.pop("excerpts", None)
        _emit(args, [], data)
    else:
        sys.stdout.write(system.cite(entity, bibtex=args.bibtex).rstrip("\n") + "\n")


def _cmd_validate(args: argparse.Namespace) -> None:
    from ._schema import schema_problems  # noqa: PLC0415 - only validation needs the schema

    # First the format (the JSON Schema), then the rules of the whole system.
    problems = schema_problems(args.files)
    if problems:
        raise DataError(problems)
    if problems is None:
        print(f"{PROG}: jsonschema is not installed; checking with the built-in rules only", file=sys.stderr)
    load(extra=args.files)  # raises DataError, listing every problem
    if args.json:
        print(json.dumps({"valid": True, "files": args.files}))
    else:
        print(f"valid: {', '.join(args.files)}")


def _columns(rows: list[tuple[str, str]]) -> str:
    """Two columns, aligned by display width (a Japanese character takes two)."""
    width = max(_display_width(left) for left, _ in rows) + 2
    return "\n".join(f"  {left}{' ' * (width - _display_width(left))}{right}" for left, right in rows)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Query Japan's manufacturing-policy system: ministries, agencies, councils, "
        "their relations, and the sources behind every fact.",
        epilog=(
            "examples:\n"
            + _columns(
                [
                    (PROG, "the overview (the default command)"),
                    (f"{PROG} show 経済産業省", "one body in full"),
                    (f"{PROG} tree MEXT --year 1999", "the bodies under one root, as they stood"),
                    (f"{PROG} COMMAND --help", "the options and examples of a command"),
                ]
            )
            + "\n\nexit codes: 0 success, 1 nothing found, 2 bad usage or invalid data"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(
        name: str,
        help_: str,
        examples: list[str],
        run: Callable[[argparse.Namespace], None],
        *,
        query: bool = True,
        year: bool = True,
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name,
            help=help_,
            description=help_[0].upper() + help_[1:] + ".",
            epilog="examples:\n" + "\n".join(f"  {PROG} {example}" for example in examples),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.set_defaults(run=run)
        if year:
            sub.add_argument("--year", type=int, help="as it stood at the end of YEAR")
        if query:
            sub.add_argument("--json", action="store_true", help="print machine-readable JSON")
            sub.add_argument("--data", action="append", metavar="FILE", help="also load this data file (repeatable)")
        return sub

    command(
        "overview",
        "the bodies as a tree, with publications and strategies (the default)",
        ["overview", "overview --year 1999", "overview --json"],
        _cmd_overview,
    )

    list_ = command(
        "list",
        "list bodies, or other entities, one a line",
        ["list", "list --kind agency", "list --kind ministry --year 1999", "list --kind plan --json"],
        _cmd_list,
    )
    list_.add_argument("--kind", choices=list(_ENTITY_KINDS), default="body", help="what to list (default: body)")

    show = command(
        "show",
        "one entity in full: names, dates, legal form, relations, history, sources",
        ["show METI", "show 経済産業省", "show 'Japan Patent Office' --json", "show CSTI --year 2010"],
        _cmd_show,
    )
    show.add_argument("key", metavar="KEY", help="an id, acronym or name, in English or Japanese")

    search = command(
        "search",
        "search names, aliases and descriptions, best match first",
        ["search patent", "search 研究所", "search 'research organisation' --limit 3"],
        _cmd_search,
    )
    search.add_argument("text", metavar="TEXT", help="words to look for")
    search.add_argument("--limit", type=int, default=10, help="at most this many results (default: 10)")

    tree_ = command(
        "tree",
        "the bodies under ROOT (default: every top-level body) as a tree",
        ["tree", "tree METI", "tree MITI --year 1999", "tree MEXT --json"],
        _cmd_tree,
    )
    tree_.add_argument("root", nargs="?", metavar="ROOT", help="an id, acronym or name")

    relations = command(
        "relations",
        "the relations of one entity, past and present",
        ["relations NEDO", "relations METI --kind oversees", "relations JST --json"],
        _cmd_relations,
    )
    relations.add_argument("key", metavar="KEY", help="an id, acronym or name")
    relations.add_argument("--kind", help="only relations of this kind (oversees, funds ...)")

    graph = command(
        "graph",
        "the organisation chart as Mermaid or Graphviz DOT text",
        [
            "graph --format mermaid",
            "graph --format dot --root METI | dot -Tsvg > meti.svg",
            "graph --format dot --year 1999",
        ],
        _cmd_graph,
        query=False,
    )
    graph.add_argument("--format", choices=["mermaid", "dot"], default="mermaid", help="default: mermaid")
    graph.add_argument("--root", metavar="KEY", help="only this body and those under it")
    graph.add_argument("--data", action="append", metavar="FILE", help="also load this data file (repeatable)")

    export = command(
        "export",
        "write the data as JSON (one file) or JSON Lines or CSV (a folder)",
        ["export --format json --out policy.json", "export --format csv --out tables/"],
        _cmd_export,
        query=False,
    )
    export.add_argument("--format", choices=["json", "jsonl", "csv"], required=True)
    export.add_argument("--out", required=True, metavar="PATH", help="the file (json) or folder (jsonl, csv)")
    export.add_argument("--data", action="append", metavar="FILE", help="also load this data file (repeatable)")

    cite = command(
        "cite",
        "the sources behind an entity's facts, as text or BibTeX",
        ["cite AIST", "cite Keidanren --bibtex > keidanren.bib", "cite CSTI --json"],
        _cmd_cite,
    )
    cite.add_argument("key", metavar="KEY", help="an id, acronym or name")
    cite.add_argument("--bibtex", action="store_true", help="BibTeX entries instead of text")

    validate = command(
        "validate",
        "check data files against the format and the whole-system rules",
        ["validate my-bodies.json", "validate a.json b.json --json"],
        _cmd_validate,
        query=False,
        year=False,
    )
    validate.add_argument("files", nargs="+", metavar="FILE")
    validate.add_argument("--json", action="store_true", help="print machine-readable JSON")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """
    Run the command with *argv* (default: the process's arguments); return the exit code.

    Example:
        >>> main(["tree", "MEXT"])
        MEXT  Ministry of Education, Culture, Sports, Science and Technology  文部科学省  (founded 2001)
        ├── JST  Japan Science and Technology Agency  国立研究開発法人科学技術振興機構  (founded 1996)
        │   └── CRDS  Center for Research and Development Strategy  研究開発戦略センター  (founded 2003)
        ├── JSPS  Japan Society for the Promotion of Science  独立行政法人日本学術振興会  (founded 1932)
        └── NISTEP  National Institute of Science and Technology Policy  科学技術・学術政策研究所  (founded 1988)
        0
    """
    args = _parser().parse_args(argv)
    run = getattr(args, "run", _cmd_overview)
    try:
        run(args)
    except UnknownEntityError as exc:
        return _fail(str(exc), 1)
    except _NothingFoundError as exc:
        return _fail(str(exc), 1)
    except DataError as exc:
        if getattr(args, "json", False):
            problems = [{"file": p.file, "path": p.path, "message": p.message} for p in exc.problems]
            print(json.dumps({"valid": False, "problems": problems}, ensure_ascii=False, indent=2))
        for problem in exc.problems:
            print(f"{PROG}: {problem}", file=sys.stderr)
        return 2
    except (_UsageError, TypeError, ValueError) as exc:
        return _fail(str(exc), 2)
    except BrokenPipeError:  # `jp-mfg-policy ... | head` closed the pipe: not an error
        sys.stderr.close()
        return 0
    return 0


def _fail(message: str, code: int) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return code
