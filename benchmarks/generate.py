"""
Synthetic, valid user data in the current data format, for measuring how loading scales.

    python benchmarks/generate.py bodies 10000 > bodies.json
    python benchmarks/generate.py overrides --relations 20000 --count 500 data.json overrides.json

``bodies N`` writes one user file of N bodies that ``jmp.load(extra=[path])`` accepts, with the
bundled data or alone (``bundled=False``): every id starts with ``syn-``, every name with
"Synthetic" or 合成, so nothing clashes with the bundled records. The file holds:

- ministries (one in forty bodies), the roots of the hierarchy;
- agencies under a ministry or another agency (``oversees``), internal bureaus (``contains``),
  councils contained by a ministry (every second one dissolved and succeeded by the next), business
  federations overseen until 2012 and a few plain organisations;
- legal forms that agree with the prefixes of the Japanese names (独立行政法人, 国立研究開発法人,
  一般社団法人 ...) or none at all, and former special corporations that became incorporated
  administrative agencies on 2003-10-01, renamed that day (a ``legal_form_changed`` and a
  ``renamed`` event, and a former Japanese name without the prefix);
- dated hierarchy relations (one body in eight moved to another ministry partway through its life),
  funding relations for one body in ten, dated former English names for one body in three;
- a founding event per body, succession events for the councils;
- ROR IDs and corporate numbers with valid check digits, for legal persons;
- one source per hundred bodies whose ``excerpts`` hold every sentence its citations quote.

``overrides`` writes a file of ``--relations`` relations among a few thousand bodies (the
hierarchy, plus funding and collaboration links among bodies alive together) and a second file of
``--count`` overrides that each pick one of those relations with ``match`` and either annotate it
(``set``) or remove it (one in ten): ``jmp.load(extra=[data, overrides])``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

_CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"
#: Bodies per source: each source's excerpts hold the sentences its hundred bodies' citations quote.
BODIES_PER_SOURCE = 100
#: The day the special corporations of the synthetic data became incorporated administrative agencies.
REFORM = "2003-10-01"
#: The last year a synthetic body is founded in.
LATEST = 2024

Record = dict[str, Any]


def ror_id(number: int) -> str:
    """A well-formed ROR ID made from *number* (below 32**6)."""
    digits = ""
    for _ in range(6):
        number, rest = divmod(number, 32)
        digits = _CROCKFORD[rest] + digits
    body = "0" + digits
    value = 0
    for char in body:
        value = value * 32 + _CROCKFORD.index(char)
    return f"{body}{98 - (value * 100) % 97:02d}"


def corporate_number(number: int) -> str:
    """A well-formed 13-digit corporate number made from *number*."""
    base = f"{900_000_000_000 + number:012d}"
    total = sum(int(d) * (2 if i % 2 else 1) for i, d in enumerate(reversed(base)))
    return f"{9 - total % 9}{base}"


class _Writer:
    """Builds the records of one synthetic file, citing each statement with a quote from a source's excerpts."""

    def __init__(self, size: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.ministries = max(1, size // 40)
        self.sources: list[Record] = []
        self.organizations: list[Record] = []
        self.relations: list[Record] = []
        self.events: list[Record] = []
        self.triples: set[tuple[str, str, str]] = set()
        self.established: list[str] = []
        self.dissolved: dict[int, str] = {}
        self.parent_of: list[int | None] = []
        self.parents: list[int] = []  # bodies that may have children: ministries and agencies

    def cite(self, index: int, sentence: str) -> list[dict[str, str]]:
        """A citation of *sentence*, added to the excerpts of the source of body *index*."""
        number = index // BODIES_PER_SOURCE
        while len(self.sources) <= number:
            part = len(self.sources)
            self.sources.append(
                {
                    "id": f"syn-register-{part}",
                    "title": f"Synthetic register of public bodies, part {part}",
                    "publisher": "jp-mfg-policy benchmarks",
                    "url": f"https://example.org/synthetic-register/{part}",
                    "kind": "registry_record",
                    "language": "en",
                    "published": "2025-04",
                    "accessed": "2026-01-15",
                    "excerpts": [],
                }
            )
        self.sources[number]["excerpts"].append(sentence)
        return [{"source": f"syn-register-{number}", "quote": sentence}]

    def mention(self, index: int) -> list[dict[str, str]]:
        """A citation, without a quote, of the source of body *index* (for a statement its table row makes)."""
        return [{"source": f"syn-register-{index // BODIES_PER_SOURCE}"}]

    def relate(self, subject: str, kind: str, obj: str, cited: list[dict[str, str]], **dates: str) -> None:
        """Add the relation *subject* *kind* *obj*."""
        self.triples.add((subject, kind, obj))
        self.relations.append({"subject": subject, "kind": kind, "object": obj, **dates, "sources": cited})

    def _place(self, index: int, role: str) -> tuple[int, str]:
        """The parent of body *index* and its founding date."""
        rng = self.rng
        if role.startswith("council") or role in ("bureau", "federation") or index < 2 * self.ministries:
            parent = rng.randrange(self.ministries)
        else:
            parent = self.parents[rng.randrange(len(self.parents))]
            if _year_of(self.established[parent]) >= LATEST - 4:  # too young to have children: a ministry instead
                parent = rng.randrange(self.ministries)
        year = _year_of(self.established[parent])
        start = _date(rng, year + 1 + rng.randrange(min(25, LATEST - year)))
        first = self.parent_of[index - 1] if role == "council-second" and index - 1 in self.dissolved else None
        if first is not None:  # the same ministry as the council it succeeds, from the day that one ended
            return first, self.dissolved[index - 1]
        return parent, start

    def body(self, index: int) -> None:
        """Add body *index* with its identifiers, names, events and relations."""
        ident = f"syn-{index}"
        parent: int | None
        form: str | None
        if index < self.ministries:
            role, kind, form = "ministry", "ministry", "ministry"
            name, name_ja = f"Synthetic Ministry {index}", f"第{index}合成省"
            parent, start = None, f"{1950 + index % 50}-{1 + index % 12:02d}-01"
        else:
            role = _PATTERN[index % len(_PATTERN)]
            kind, form, stem, prefix, stem_ja = _ROLES[role]
            name, name_ja = f"{stem} {index}", f"{prefix}{stem_ja}{index}"
            parent, start = self._place(index, role)
            if role == "agency-reformed" and _year_of(start) >= 2003:  # founded after the reform: no change
                role = "agency-iaa"
        org: Record = {"kind": kind, "id": ident, "name": name, "name_ja": name_ja}
        if index % 4 == 0:
            org["acronym"] = f"SB{index}"
        if index % 5 == 0:
            org["aliases"] = [f"Synthetic Body No. {index}"]
        org["established"] = start
        cited = self.cite(index, f"{name} ({name_ja}), established {start}.")
        if role == "council-first" and self.rng.randrange(2) == 0 and _year_of(start) < 2020:
            org["dissolved"] = self.dissolved[index] = f"{_year_of(start) + 1 + self.rng.randrange(4)}-04-01"
        if form is not None:
            org["legal_form"] = form
        if index % 2 == 0:
            org["website"] = f"https://example.org/bodies/{index}"
        self._identifiers(index, org, form)
        self._former_names(index, org, role)
        org["sources"] = cited
        self.organizations.append(org)
        self.established.append(start)
        self._events(index, org, role)
        if role == "ministry" or role.startswith("agency"):
            self.parents.append(index)
        self.parent_of.append(parent)
        if parent is not None:
            self._hierarchy(index, role, parent, org)
            if index % 10 == 0 and parent < self.ministries:
                sentence = f"Synthetic Ministry {parent} funds {name}."
                self.relate(f"syn-{parent}", "funds", ident, self.cite(index, sentence), valid_from=start)

    def _identifiers(self, index: int, org: Record, form: str | None) -> None:
        identifiers: list[Record] = []
        if form in _LEGAL_PERSONS:
            number = corporate_number(index)
            identifiers.append({"scheme": "corporate_number", "value": number, "sources": self.mention(index)})
        if index % 4 == 1:
            identifiers.append({"scheme": "ror", "value": ror_id(20_000_000 + index), "sources": self.mention(index)})
        if identifiers:
            org["identifiers"] = identifiers

    def _former_names(self, index: int, org: Record, role: str) -> None:
        start, end_year = org["established"], min(_year_of(org.get("dissolved", "2026")), 2025)
        names: list[Record] = []
        if index % 3 == 0 and _year_of(start) + 2 < end_year:
            until = str(_year_of(start) + 1 + self.rng.randrange(end_year - _year_of(start) - 1))
            names.append(
                {
                    "text": f"Former {org['name']}",
                    "lang": "en",
                    "valid_from": start,
                    "valid_until": until,
                    "sources": self.mention(index),
                }
            )
        if role == "agency-reformed":
            names.append(
                {
                    "text": f"合成事業団{index}",
                    "lang": "ja",
                    "valid_from": start,
                    "valid_until": REFORM,
                    "sources": self.mention(index),
                }
            )
        if names:
            org["former_names"] = names

    def _events(self, index: int, org: Record, role: str) -> None:
        ident, start = org["id"], org["established"]
        if role == "agency-reformed":
            old_ja, name_ja = f"合成事業団{index}", str(org["name_ja"])
            cited = self.cite(index, f"{old_ja} became {name_ja}, an incorporated administrative agency, on {REFORM}.")
            for kind, was, now in (
                ("legal_form_changed", "special_corporation", "incorporated_administrative_agency"),
                ("renamed", old_ja, name_ja),
            ):
                self.events.append(
                    {"body": ident, "kind": kind, "date": REFORM, "from_value": was, "to_value": now, "sources": cited}
                )
        founded: Record = {"body": ident, "kind": "founded", "date": start, "sources": self.mention(index)}
        first = index - 1
        if role == "council-second" and first in self.dissolved:
            founded["other"] = [f"syn-{first}"]
            ended = self.dissolved[first]
            sentence = f"Synthetic Council {first}: succeeded by {org['name']} on {ended}."
            self.events.append(
                {
                    "body": f"syn-{first}",
                    "kind": "succeeded_by",
                    "date": ended,
                    "other": [ident],
                    "sources": self.cite(first, sentence),
                }
            )
        self.events.append(founded)

    def _hierarchy(self, index: int, role: str, parent: int, org: Record) -> None:
        """The dated relations that place body *index* under *parent* (and, for one in eight, later under another)."""
        ident, name, start = org["id"], org["name"], org["established"]
        kind = "contains" if role == "bureau" or role.startswith("council") else "oversees"
        cited = self.cite(index, f"{name}: under {self.organizations[parent]['name']} from {start}.")
        if role == "federation":
            if _year_of(start) < 2011:  # overseen until the reform of public-interest corporations
                self.relate(f"syn-{parent}", kind, ident, cited, valid_from=start, valid_until="2012-04-01")
            return
        if "dissolved" in org:
            self.relate(f"syn-{parent}", kind, ident, cited, valid_from=start, valid_until=org["dissolved"])
            return
        move = _year_of(start) + 1 + self.rng.randrange(6)
        if index % 8 == 3 and self.ministries > 1 and move < 2026:
            other = (parent % self.ministries + 1 + self.rng.randrange(self.ministries - 1)) % self.ministries
            if other != parent and _year_of(self.established[other]) < move:
                self.relate(f"syn-{parent}", kind, ident, cited, valid_from=start, valid_until=str(move))
                moved = self.cite(index, f"{name}: under {self.organizations[other]['name']} from {move}.")
                self.relate(f"syn-{other}", kind, ident, moved, valid_from=str(move))
                return
        self.relate(f"syn-{parent}", kind, ident, cited, valid_from=start)

    def more_relations(self, wanted: int) -> None:
        """Funding and collaboration links between bodies alive together, until there are *wanted* relations."""
        if len(self.relations) > wanted:
            msg = f"{len(self.relations)} relations from the hierarchy alone, more than {wanted}: ask for fewer bodies"
            raise ValueError(msg)
        alive = [index for index in range(len(self.established)) if index not in self.dissolved]
        if len(alive) < 2:
            msg = "too few bodies for extra relations"
            raise ValueError(msg)
        while len(self.relations) < wanted:
            subject, obj = self.rng.sample(alive, 2)
            kind = "funds" if self.rng.randrange(3) == 0 else "collaborates_with"
            triple = (f"syn-{subject}", kind, f"syn-{obj}")
            if triple in self.triples:
                continue
            since = str(max(_year_of(self.established[subject]), _year_of(self.established[obj])) + 1)
            verb = "funds" if kind == "funds" else "collaborates with"
            names = self.organizations[subject]["name"], self.organizations[obj]["name"]
            self.relate(*triple, self.cite(obj, f"{names[0]} {verb} {names[1]} from {since}."), valid_from=since)


def _date(rng: random.Random, year: int) -> str:
    """A date in *year*, to the day, the month or the year only (one in eight)."""
    roll = rng.randrange(8)
    if roll == 0:
        return str(year)
    if roll == 1:
        return f"{year}-{1 + rng.randrange(12):02d}"
    return f"{year}-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}"


def _year_of(date: str) -> int:
    return int(date[:4])


# What each position in a cycle of twenty bodies is: its kind, legal form, relation to its parent.
_PATTERN = (
    "agency-iaa",
    "agency-nrda",
    "agency-external",
    "agency-reformed",
    "bureau",
    "agency-iaa",
    "agency-none",
    "agency-nrda",
    "agency-external",
    "council-first",
    "council-second",
    "agency-iaa",
    "federation",
    "agency-external",
    "organization",
    "agency-reformed",
    "bureau",
    "agency-none",
    "agency-iaa",
    "agency-nrda",
)
_IAA = "incorporated_administrative_agency"
# role -> (kind tag, legal form, English stem, Japanese prefix, Japanese stem)
_ROLES: dict[str, tuple[str, str | None, str, str, str]] = {
    "agency-iaa": ("agency", _IAA, "Synthetic Agency", "独立行政法人", "合成機構"),
    "agency-nrda": (
        "agency",
        "national_research_and_development_agency",
        "Synthetic Research Institute",
        "国立研究開発法人",
        "合成研究所",
    ),
    "agency-external": ("agency", "external_agency", "Synthetic Office", "", "合成庁"),
    "agency-reformed": ("agency", _IAA, "Synthetic Corporation", "独立行政法人", "合成機構"),
    "agency-none": ("agency", None, "Synthetic Centre", "", "合成センター"),
    "bureau": ("agency", "internal_bureau", "Synthetic Bureau", "", "合成局"),
    "council-first": ("council", "deliberative_council", "Synthetic Council", "", "合成審議会"),
    "council-second": ("council", "deliberative_council", "Synthetic Council", "", "合成審議会"),
    "federation": (
        "business_federation",
        "general_incorporated_association",
        "Synthetic Federation",
        "一般社団法人",
        "合成連合会",
    ),
    "organization": ("organization", None, "Synthetic Foundation", "", "合成基金"),
}
_LEGAL_PERSONS = {"ministry", _IAA, "national_research_and_development_agency", "general_incorporated_association"}


def dataset(size: int, *, relations: int | None = None, seed: int = 2026) -> dict[str, Any]:
    """
    A valid user file of *size* bodies; with *relations*, exactly that many relations.

    The extra relations (beyond the hierarchy and the funding links) are funding and
    collaboration links between bodies alive together, each (subject, kind, object) once.
    """
    out = _Writer(size, seed)
    for index in range(size):
        out.body(index)
    if relations is not None:
        out.more_relations(relations)
    return {
        "about": {"title": f"Synthetic benchmark data: {size} bodies", "produced_by": "benchmarks/generate.py"},
        "sources": out.sources,
        "organizations": out.organizations,
        "relations": out.relations,
        "events": out.events,
    }


def overrides(data: dict[str, Any], count: int, seed: int = 2026) -> dict[str, Any]:
    """A user file of *count* overrides, each picking one relation of *data* by match; some remove a funding link."""
    rng = random.Random(seed)
    chosen = rng.sample(data["relations"], count)
    quote = "Every relation named in this errata sheet was checked against the register in January 2026."
    cited = [{"source": "syn-errata", "quote": quote}]
    items: list[Record] = []
    for number, relation in enumerate(chosen):
        match = {field: relation[field] for field in ("subject", "kind", "object")}
        if number % 10 == 9 and relation["kind"] != "oversees" and relation["kind"] != "contains":
            items.append({"collection": "relations", "match": match, "remove": True, "sources": cited})
        else:
            items.append(
                {
                    "collection": "relations",
                    "match": match,
                    "set": {"note": f"Checked in January 2026 (errata item {number + 1})."},
                    "sources": cited,
                    "note": "annotated from the errata sheet",
                }
            )
    return {
        "about": {"title": f"Synthetic benchmark overrides: {count}", "produced_by": "benchmarks/generate.py"},
        "sources": [
            {
                "id": "syn-errata",
                "title": "Synthetic errata sheet",
                "publisher": "jp-mfg-policy benchmarks",
                "kind": "report",
                "excerpts": [quote],
            }
        ],
        "overrides": items,
    }


def override_bodies(relations: int) -> int:
    """How many bodies the override benchmark's data has for *relations* relations: ten relations each."""
    return max(10, relations // 10)


def dumps(document: dict[str, Any]) -> bytes:
    """A document as the UTF-8 JSON bytes a user would write."""
    return json.dumps(document, ensure_ascii=False).encode()


def main(argv: list[str] | None = None) -> int:
    """Write synthetic files."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    bodies = commands.add_parser("bodies", help="a user file of N bodies, to standard output")
    bodies.add_argument("size", type=int)
    bodies.add_argument("--seed", type=int, default=2026)
    fixes = commands.add_parser("overrides", help="a data file of relations and a file of overrides over them")
    fixes.add_argument("--relations", type=int, default=20_000)
    fixes.add_argument("--count", type=int, default=500)
    fixes.add_argument("data", type=Path)
    fixes.add_argument("overrides", type=Path)
    args = parser.parse_args(argv)
    if args.command == "bodies":
        sys.stdout.buffer.write(dumps(dataset(args.size, seed=args.seed)))
        return 0
    data = dataset(override_bodies(args.relations), relations=args.relations)
    args.data.write_bytes(dumps(data))
    args.overrides.write_bytes(dumps(overrides(data, args.count)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
