"""
The ``jp-mfg-policy`` command (also ``python -m jp_mfg_policy``).

Errors go to standard error as one line each; what the data holds is printed with its
control characters escaped, so that no data can move the cursor, colour the terminal or
forge a line of output.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from ._bodies import Organization
from ._dates import as_date
from ._enums import EventKind, RelationKind
from ._facts import Event, Relation
from ._formats import FORMATS
from ._load import load
from ._overview import coverage_line, describe, overview, relation_text, roots, show, tree
from ._records import Entity
from ._registry import COLLECTIONS, ORGANIZATIONS
from ._system import PolicySystem
from .exceptions import DataError, UnknownEntityError

PROG = "jp-mfg-policy"
#: The exit codes, as the help and the docs give them.
EXIT_CODES = {0: "success", 1: "nothing found (an unknown name, an empty result)", 2: "bad usage or invalid data"}
_KINDS = {
    "body": (ORGANIZATIONS.name, Organization),
    **{cls.TAG: (ORGANIZATIONS.name, cls) for cls in ORGANIZATIONS.classes},
    **{
        collection.singular: (collection.name, None)
        for collection in COLLECTIONS
        if collection.entity and collection is not ORGANIZATIONS
    },
}
# Characters that would act on a terminal rather than show: controls (C0, DEL, C1), line and
# paragraph separators, and the bidirectional overrides that reorder what is shown.
_UNSAFE = {
    code: f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"  # noqa: PLR2004 - Latin-1 controls print as \x
    for code in (*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
}


class _NothingFoundError(Exception):
    """A query that ran but found nothing: exit code 1."""


class _UsageError(Exception):
    """A request that cannot be carried out as asked: exit code 2."""


def safe(text: str) -> str:
    r"""
    Text with every character that would act on a terminal written as an escape.

    Example:
        >>> safe("METI\x1b[31m\nforged")
        'METI\\x1b[31m\\x0aforged'
    """
    return text.translate(_UNSAFE)


def _header() -> str:
    from importlib.metadata import version

    from ._version import DATA_AS_OF, DATA_VERSION

    release = version("jp-mfg-policy")
    return f"Japan's manufacturing-policy system (jp-mfg-policy {release}, data {DATA_VERSION} as of {DATA_AS_OF})"


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _width() -> int | None:
    """The terminal's width when printing to one (or when COLUMNS is set); None when piped."""
    if "COLUMNS" in os.environ or sys.stdout.isatty():
        import shutil  # only for a terminal: it imports the compression modules

        return shutil.get_terminal_size().columns
    return None


def _fit(line: str, width: int | None) -> str:
    """A line cut to the terminal, marking the cut; untouched when piped."""
    if width is None or _display_width(line) <= width:
        return line
    cut, used = [], 0
    for char in line:
        used += _display_width(char)
        if used > width - 1:
            break
        cut.append(char)
    return "".join(cut) + "…"


def _when(text: str) -> dt.date:
    """An argparse type: anything `at()` takes, written on the command line."""
    try:
        return as_date(int(text) if text.isascii() and text.isdigit() and len(text) <= 4 else text)  # noqa: PLR2004 - a year
    except (TypeError, ValueError) as exc:
        msg = f"expected a year (1999), a date (1999-04 or 1999-04-01) or a fiscal year (FY1999): {exc}"
        raise argparse.ArgumentTypeError(msg) from None


def _system(args: argparse.Namespace) -> PolicySystem:
    system = load(extra=args.data or ()) if getattr(args, "data", None) else load()
    day = getattr(args, "year", None)
    return system if day is None else system.at(day)


# Controls below space JSON escapes by itself; the rest of the unsafe characters it would print raw.
_JSON_UNSAFE = {code: f"\\u{code:04x}" for code in _UNSAFE if code >= ord(" ")}


def _json(data: object, indent: int | None = 2) -> str:
    """JSON for standard output: valid on any stream, no character acting on a terminal."""
    ascii_only = not _encodes(getattr(sys.stdout, "encoding", None) or "ascii")
    return json.dumps(data, ensure_ascii=ascii_only, indent=indent).translate(_JSON_UNSAFE)


def _emit(args: argparse.Namespace, text: list[str], data: Callable[[], object]) -> None:
    # *data* is a function: what only --json prints (unstructured records ...) is not built otherwise.
    args.emitted = True
    if getattr(args, "json", False):
        print(_json(data()))
        return
    width = _width()
    for line in text:
        print(_fit(safe(line), width))


def _summary(entity: Entity) -> dict[str, Any]:
    period = entity.period
    record: dict[str, Any] = {
        "id": entity.id,
        "type": type(entity).__name__,
        "acronym": getattr(entity, "acronym", None),
        "name": entity.name,
        "name_ja": getattr(entity, "name_ja", None) or getattr(entity, "title_ja", None),
    }
    if isinstance(entity, Organization):
        record["kind"] = type(entity).TAG
        record["established"] = None if entity.established is None else str(entity.established)
        record["dissolved"] = None if entity.dissolved is None else str(entity.dissolved)
    else:
        record["from"] = None if period.start is None else str(period.start)
        record["until"] = None if period.end is None else str(period.end)
    return record


def _organization(system: PolicySystem, key: str) -> Organization:
    entity = system.get(key)
    if not isinstance(entity, Organization):  # a law, a plan ...: not a body to draw a tree of
        msg = f"{entity.id!r} is a {type(entity).__name__}, not an organization"
        raise _UsageError(msg)
    return entity


def _cmd_overview(args: argparse.Namespace) -> None:
    system = _system(args)

    def branch(org: Organization) -> dict[str, Any]:
        return {**_summary(org), "children": [branch(child) for child in system.children(org)]}

    def data() -> dict[str, Any]:
        from ._serde import unstructure

        return {
            "as_of": None if system.as_of is None else str(system.as_of),
            "counts": {collection.name: len(system.dataset[collection]) for collection in COLLECTIONS},
            "tree": [branch(org) for org in roots(system)],
            "coverage": [unstructure(claim) for claim in system.coverage()],
        }

    _emit(args, overview(system, header=_header()).splitlines(), data)


def _cmd_list(args: argparse.Namespace) -> None:
    system = _system(args)
    collection, cls = _KINDS[args.kind]
    items = [e for e in system.dataset.named(collection) if cls is None or cls is Organization or type(e) is cls]
    if not items and not args.json:
        raise _NothingFoundError(f"no {args.kind} found" + (f" on {system.as_of}" if system.as_of else ""))
    _emit(args, [describe(item) for item in items], lambda: [_summary(item) for item in items])
    if not items:
        msg = f"no {args.kind} found"
        raise _NothingFoundError(msg)


def _cmd_show(args: argparse.Namespace) -> None:
    system = _system(args)
    entity = system.get(args.key)
    lines = show(system, entity)
    lines.append(f"  (full citation: {PROG} cite {entity.id})")

    def data() -> dict[str, Any]:
        from ._serde import unstructure

        record = {"type": type(entity).__name__, **unstructure(entity)}
        if isinstance(entity, Organization):
            parent, ministry = system.parent(entity), system.ministry_of(entity)
            record |= {
                "parent": parent and parent.id,
                "ministry": ministry and ministry.id,
                "children": [child.id for child in system.children(entity)],
                "predecessors": [body.id for body in system.predecessors(entity)],
                "successors": [body.id for body in system.successors(entity)],
                "coverage": [unstructure(claim) for claim in system.coverage(entity)],
            }
        return record

    _emit(args, lines, data)


def _cmd_search(args: argparse.Namespace) -> None:
    system = _system(args)
    found = system.search(args.text, limit=args.limit)
    text = [f"{describe(m.entity)}  [{m.kind}; {m.how} match in {m.field}]" for m in found]
    _emit(args, text, lambda: [{**_summary(m.entity), "field": m.field, "how": m.how, "text": m.text} for m in found])
    if not found:
        msg = f"nothing matches {args.text[:80]!r}"
        raise _NothingFoundError(msg)


def _cmd_tree(args: argparse.Namespace) -> None:
    system = _system(args)
    root = None if args.root is None else _organization(system, args.root)

    def branch(org: Organization) -> dict[str, Any]:
        return {**_summary(org), "children": [branch(child) for child in system.children(org)]}

    tops = [root] if root is not None else roots(system)
    lines = list(tree(system, root))
    if root is not None:
        lines.append(f"({coverage_line(system, root)})")
    _emit(args, lines, lambda: [branch(org) for org in tops])
    if not tops:
        raise _NothingFoundError("no body found" + (f" on {system.as_of}" if system.as_of else ""))


def _cmd_relations(args: argparse.Namespace) -> None:
    system = _system(args)
    entity = system.get(args.key)
    found = [*system.relations(subject=entity, kind=args.kind), *system.relations(object=entity, kind=args.kind)]

    def data() -> list[Any]:
        from ._serde import unstructure

        return [unstructure(r) for r in found]

    _emit(args, [relation_text(system, r) for r in found], data)
    if not found:
        raise _NothingFoundError(f"no relations of {entity.id!r}" + (f" of kind {args.kind}" if args.kind else ""))


def _cmd_graph(args: argparse.Namespace) -> None:
    system = _system(args)
    root = None if args.root is None else _organization(system, args.root)
    sys.stdout.write(system.to_mermaid(root) if args.format == "mermaid" else system.to_dot(root))


def _cmd_export(args: argparse.Namespace) -> None:
    if not args.out:
        msg = "the output path is empty"
        raise _UsageError(msg)
    system = _system(args)
    try:
        written = system.export(args.out, format=args.format, bom=not args.no_bom)
    except OSError as exc:
        msg = f"cannot write {args.out}: {exc.strerror or exc}"
        raise _UsageError(msg) from None
    print(f"wrote {len(written)} file{'s' if len(written) != 1 else ''} to {safe(args.out)}", file=sys.stderr)


def _pick(system: PolicySystem, entity: Entity, args: argparse.Namespace) -> Entity | Event | Relation:
    """The one event or relation of *entity* that ``--event`` or ``--relation`` names, or the entity."""
    if args.event is not None:
        events = system.history(entity)
        wanted = args.event
        found = [e for e in events if e.kind.value == wanted or str(e.date) == wanted or str(e.date).startswith(wanted)]
        if not found:
            kinds = ", ".join(f"{e.kind.value} ({e.date})" for e in events) or "none"
            msg = f"{entity.id!r} has no event {wanted!r}; its events: {kinds}"
            raise _NothingFoundError(msg)
        if len(found) > 1:
            shown = ", ".join(f"{e.kind.value} ({e.date})" for e in found)
            msg = f"--event {wanted!r} matches {len(found)} events of {entity.id!r}: {shown}; give a date"
            raise _UsageError(msg)
        return found[0]
    if args.relation is not None:
        kind, _, other = args.relation.partition(":")
        other_id = system.get(other).id if other else None
        relations = [
            r
            for r in (*system.relations(subject=entity), *system.relations(object=entity))
            if r.kind.value == kind and (other_id is None or other_id in (r.subject, r.object))
        ]
        if len(relations) != 1:
            shown = "; ".join(relation_text(system, r) for r in relations) or "none"
            msg = f"--relation {args.relation!r} matches {len(relations)} relations of {entity.id!r}: {shown}"
            raise (_NothingFoundError if not relations else _UsageError)(msg)
        return relations[0]
    return entity


def _cmd_cite(args: argparse.Namespace) -> None:
    system = _system(args)
    record = _pick(system, system.get(args.key), args)
    if args.json:
        from ._cite import gather
        from ._serde import unstructure

        cited = gather(system.facts(record), system.index.sources)
        data = [{**unstructure(source), "quotes": quotes} for source, quotes in cited]
        for item in data:
            item.pop("excerpts", None)
        _emit(args, [], lambda: data)
    else:
        from ._cite import as_bibtex, as_text, gather, subject

        records = system.facts(record)
        cited = gather(records, system.index.sources)
        if args.bibtex:
            text = as_bibtex(cited)
        else:
            text = as_text(subject(records[0]), [(source, [safe(q) for q in quotes]) for source, quotes in cited])
        sys.stdout.write("\n".join(safe(line) for line in text.rstrip("\n").split("\n")) + "\n")


def _cmd_validate(args: argparse.Namespace) -> None:
    from ._load import MAX_FILE_SIZE
    from ._schema import schema_problems

    # First the format (the JSON Schema), then the rules of the whole system.
    problems = schema_problems(args.files, MAX_FILE_SIZE)
    if problems:
        raise DataError(problems)
    if problems is None:
        print(f"{PROG}: jsonschema is not installed; checking with the built-in rules only", file=sys.stderr)
    load(extra=args.files)  # raises DataError, listing every problem
    if args.json:
        print(_json({"valid": True, "files": args.files}, indent=None))
    else:
        print(safe(f"valid: {', '.join(args.files)}"))


def _columns(rows: list[tuple[str, str]]) -> str:
    """Two columns, aligned by display width (a Japanese character takes two)."""
    width = max(_display_width(left) for left, _ in rows) + 2
    return "\n".join(f"  {left}{' ' * (width - _display_width(left))}{right}" for left, right in rows)


#: The commands, in the order the help lists them.
COMMANDS = ("overview", "list", "show", "search", "tree", "relations", "graph", "export", "cite", "validate")
_EXIT_HELP = "exit codes: " + ", ".join(f"{code} {meaning}" for code, meaning in EXIT_CODES.items())
_YEAR_HELP = "as it stood on WHEN: a year (its last day), a date, or a fiscal year such as FY2018"


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """argparse's formatter, told the width: found its own way, it imports shutil (and the compression modules)."""

    def __init__(
        self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None
    ) -> None:
        super().__init__(prog, indent_increment, max_help_position, (_width() or 80) - 2 if width is None else width)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {safe(message)}\n")


def _parser(only: str | None = None) -> argparse.ArgumentParser:
    """
    The command line's parser; with *only* (one of :data:`COMMANDS`), that command's alone.

    A run needs its own command's parser only; the whole one lists every command, for the
    help and for the error of a command misspelt.
    """
    parser = _Parser(
        prog=PROG,
        description="Query Japan's manufacturing-policy system: ministries, agencies, councils, federations, "
        "laws, programmes, plans and strategies, and the sources behind every fact.",
        epilog=(
            "examples:\n"
            + _columns(
                [
                    (PROG, "the overview (the default command)"),
                    (f"{PROG} show 経済産業省", "one entity in full"),
                    (f"{PROG} tree MITI --year 1999", "the bodies under one root, as they stood"),
                    (f"{PROG} COMMAND --help", "the options and examples of a command"),
                ]
            )
            + "\n\n"
            + _EXIT_HELP
        ),
        formatter_class=_Formatter,
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(
        name: str,
        help_: str,
        examples: list[str],
        run: Callable[[argparse.Namespace], None],
        *,
        year: bool = True,
        json_: bool = True,
    ) -> argparse.ArgumentParser | None:
        if only is not None and name != only:  # not built: None, and the caller adds no options
            return None
        sub = commands.add_parser(
            name,
            help=help_,
            description=help_[0].upper() + help_[1:] + ".",
            epilog="examples:\n" + "\n".join(f"  {PROG} {example}" for example in examples) + "\n\n" + _EXIT_HELP,
            formatter_class=_Formatter,
        )
        sub.set_defaults(run=run)
        if year:
            sub.add_argument("--year", type=_when, metavar="WHEN", help=_YEAR_HELP)
            sub.add_argument("--data", action="append", metavar="FILE", help="also load this data file (repeatable)")
        if json_:
            sub.add_argument("--json", action="store_true", help="print machine-readable JSON")
        return sub

    command(
        "overview",
        "the bodies by ministry, the laws, programmes, plans and strategies (the default)",
        ["overview", "overview --year 1999", "overview --year FY2018 --json"],
        _cmd_overview,
    )
    list_ = command(
        "list",
        "list bodies, or other entities, one a line",
        ["list", "list --kind agency", "list --kind ministry --year 1999", "list --kind law --json"],
        _cmd_list,
    )
    if list_ is not None:
        list_.add_argument("--kind", choices=list(_KINDS), default="body", help="what to list (default: body)")
    show_ = command(
        "show",
        "one entity in full: names, dates, legal forms, place, history, relations, sources",
        ["show METI", "show 経済産業省", "show 'Japan Patent Office' --json", "show CSTI --year 2010"],
        _cmd_show,
    )
    if show_ is not None:
        show_.add_argument("key", metavar="KEY", help="an id, acronym or name, in English or Japanese")
    search = command(
        "search",
        "search names, descriptions, legal bases and history, best match first, saying what matched",
        [
            "search patent",
            "search 研究所",
            "search ものづくり基盤技術振興基本法",
            "search 'research organization' --limit 3",
        ],
        _cmd_search,
    )
    if search is not None:
        search.add_argument("text", metavar="TEXT", help="words to look for")
        search.add_argument("--limit", type=int, default=10, help="at most this many results (default: 10)")
    tree_ = command(
        "tree",
        "the bodies under ROOT (default: every top-level body) as a tree",
        ["tree", "tree METI", "tree MITI --year 1999", "tree --year 1999", "tree MEXT --json"],
        _cmd_tree,
    )
    if tree_ is not None:
        tree_.add_argument("root", nargs="?", metavar="ROOT", help="an id, acronym or name")
    relations = command(
        "relations",
        "the relations of one entity, past and present",
        ["relations NEDO", "relations METI --kind oversees", "relations SIP --json"],
        _cmd_relations,
    )
    if relations is not None:
        relations.add_argument("key", metavar="KEY", help="an id, acronym or name")
        relations.add_argument(
            "--kind", choices=[kind.value for kind in RelationKind], help="only relations of this kind"
        )
    graph = command(
        "graph",
        "the organisation chart as Mermaid or Graphviz DOT text",
        [
            "graph --format mermaid",
            "graph --format dot --root METI | dot -Tsvg > meti.svg",
            "graph --format dot --year 1999",
        ],
        _cmd_graph,
        json_=False,
    )
    if graph is not None:
        graph.add_argument("--format", choices=["mermaid", "dot"], default="mermaid", help="default: mermaid")
        graph.add_argument("--root", metavar="KEY", help="only this body and those under it")
    export = command(
        "export",
        "write the data as JSON, JSON Lines, CSV or a Frictionless Data Package",
        [
            "export --format json --out policy.json",
            "export --format csv --out tables/",
            "export --format csv --no-bom --out tables/",
            "export --format datapackage --out package/",
        ],
        _cmd_export,
        json_=False,
    )
    if export is not None:
        export.add_argument(
            "--format", choices=list(FORMATS), required=True, help="; ".join(f"{k}: {v}" for k, v in FORMATS.items())
        )
        export.add_argument("--out", required=True, metavar="PATH", help="the file (json) or folder (the others)")
        export.add_argument(
            "--no-bom", action="store_true", help="CSV in plain UTF-8, without the byte-order mark spreadsheets need"
        )
    cite = command(
        "cite",
        "the sources behind an entity's facts, or one event or relation of it, as text or BibTeX",
        [
            "cite AIST",
            "cite CSTI --event renamed",
            "cite MITI --event 2001-01-06",
            "cite NEDO --relation oversees:METI",
            "cite Keidanren --bibtex > keidanren.bib",
        ],
        _cmd_cite,
    )
    if cite is not None:
        cite.add_argument("key", metavar="KEY", help="an id, acronym or name")
        which = cite.add_mutually_exclusive_group()
        which.add_argument(
            "--event",
            metavar="KIND|DATE",
            help=f"one event: its kind ({', '.join(k.value for k in EventKind)}) or date",
        )
        which.add_argument(
            "--relation", metavar="KIND[:OTHER]", help="one relation: its kind, and the entity at its other end"
        )
        cite.add_argument("--bibtex", action="store_true", help="BibTeX entries instead of text")
    validate = command(
        "validate",
        "check data files against the format and the whole-system rules",
        ["validate my-bodies.json", "validate a.json b.toml --json"],
        _cmd_validate,
        year=False,
    )
    if validate is not None:
        validate.add_argument("files", nargs="+", metavar="FILE")
    return parser


def _utf8_or_escaped() -> None:
    # Under LC_ALL=C a stream may take ASCII only: escape what it cannot show, never fail on it.
    for stream in (sys.stdout, sys.stderr):
        if not _encodes(getattr(stream, "encoding", None) or "ascii"):
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(errors="backslashreplace")


def _encodes(encoding: str) -> bool:
    try:
        "経".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def main(argv: Sequence[str] | None = None) -> int:
    """
    Run the command with *argv* (default: the process's arguments); return the exit code.

    Example:
        >>> main(["tree", "CRDS"])
        CRDS  Center for Research and Development Strategy  研究開発戦略センター  (founded 2003)
        (CRDS: 0 bodies listed, a selection (no source says the list is complete))
        0
    """
    _utf8_or_escaped()
    words = list(sys.argv[1:] if argv is None else argv)
    if argv is None:
        words = [_utf8_argument(word) for word in words]
    if not words or (words[0].startswith("-") and words[0] not in ("-h", "--help")):
        words = ["overview", *words]  # the default command, with its options
    args = _parser(only=words[0] if words[0] in COMMANDS else None).parse_args(words)
    try:
        args.run(args)
    except (UnknownEntityError, _NothingFoundError) as exc:
        if getattr(args, "json", False) and not getattr(args, "emitted", False):
            print("[]")
        return _fail(str(exc), 1)
    except DataError as exc:
        if getattr(args, "json", False):
            problems = [{"file": p.file, "path": p.path, "message": p.message} for p in exc.problems]
            print(_json({"valid": False, "problems": problems}))
        for problem in exc.problems:
            print(f"{PROG}: {safe(str(problem))}", file=sys.stderr)
        return 2
    except _UsageError as exc:
        return _fail(str(exc), 2)
    except BrokenPipeError:  # `jp-mfg-policy ... | head` closed the pipe: not an error
        sys.stderr.close()
        return 0
    return 0


def _utf8_argument(word: str) -> str:
    """An argument as the UTF-8 the terminal sent, where a non-UTF-8 locale decoded it as escaped bytes."""
    try:
        return os.fsencode(word).decode("utf-8")
    except UnicodeDecodeError:
        return word


def _fail(message: str, code: int) -> int:
    print(f"{PROG}: {safe(message)}", file=sys.stderr)
    return code
