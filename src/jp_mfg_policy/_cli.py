"""
The ``jp-mfg-policy`` command (also ``python -m jp_mfg_policy``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ._load import load
from ._models import Organization
from ._overview import describe, overview, tree
from .exceptions import DataError, UnknownEntityError


def _header() -> str:
    from . import DATA_AS_OF, DATA_VERSION, __version__  # noqa: PLC0415 - the version is read lazily

    return f"Japan's manufacturing-policy system (jp-mfg-policy {__version__}, data {DATA_VERSION} as of {DATA_AS_OF})"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jp-mfg-policy",
        description="Query Japan's manufacturing-policy system: ministries, agencies, councils, "
        "their relations and the sources behind every fact.",
        epilog="examples:\n  jp-mfg-policy\n  jp-mfg-policy tree METI\n  jp-mfg-policy show 経済産業省",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("overview", help="the bodies as a tree, with publications and strategies (the default)")
    tree_parser = commands.add_parser("tree", help="the bodies under ROOT (default: all)")
    tree_parser.add_argument("root", nargs="?", metavar="ROOT", help="an id, acronym or name")
    show = commands.add_parser("show", help="one entity in full")
    show.add_argument("key", metavar="KEY", help="an id, acronym or name, in English or Japanese")
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
    try:
        system = load()
        if args.command in (None, "overview"):
            print(overview(system, header=_header()))
        elif args.command == "tree":
            root = None if args.root is None else system.get(args.root)
            if root is not None and not isinstance(root, Organization):
                print(f"jp-mfg-policy: {root.id!r} is not a body", file=sys.stderr)
                return 2
            for line in tree(system, root):
                print(line)
        elif args.command == "show":
            entity = system.get(args.key)
            print(describe(entity) if isinstance(entity, Organization) else entity.name)
    except UnknownEntityError as exc:
        print(f"jp-mfg-policy: {exc}", file=sys.stderr)
        return 1
    except DataError as exc:
        print(f"jp-mfg-policy: {exc}", file=sys.stderr)
        return 2
    return 0
