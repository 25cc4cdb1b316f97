"""
Synthetic, valid datasets in the bundled format, for measuring how loading scales.

    python benchmarks/generate.py 10000 > big.json

A dataset of N organisations holds a forest of ministries and the agencies under them, an
oversight relation per agency, funding relations, dated former names, identifiers (ROR IDs and
corporate numbers with valid check digits), founding events and a source cited by everything.
It is self-contained: load it with ``jmp.load(extra=[path], bundled=False)``.
"""

from __future__ import annotations

import json
import random
import sys
from typing import Any

_CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"


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
    base = f"{700_000_000_000 + number:012d}"
    total = sum(int(d) * (2 if i % 2 else 1) for i, d in enumerate(reversed(base)))
    return f"{9 - total % 9}{base}"


def dataset(size: int, seed: int = 2026) -> dict[str, Any]:
    """A valid document of *size* organisations."""
    rng = random.Random(seed)
    cite = [{"source": "synthetic"}]
    ministries = max(1, size // 20)
    organizations: list[dict[str, Any]] = []
    relations: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    years: list[int] = []
    for index in range(size):
        year = 1950 + index % 50 if index < ministries else 0
        org: dict[str, Any] = {
            "kind": "ministry" if index < ministries else "agency",
            "id": f"org-{index}",
            "name": f"Synthetic Organisation {index}",
            "name_ja": f"合成機関{index}号",
            "acronym": f"SO{index}",
            "aliases": [f"Synthetic Body {index}"],
            "identifiers": [
                {"scheme": "ror", "value": ror_id(10_000_000 + index), "sources": cite},
                {"scheme": "corporate_number", "value": corporate_number(index), "sources": cite},
            ],
            "sources": cite,
        }
        if index >= ministries:
            parent = rng.randrange(index) if index > ministries else 0
            year = years[parent] + 1 + rng.randrange(20)
            org["supervisor"] = f"org-{parent}"
            org["legal_form"] = "incorporated_administrative_agency"
            relations.append(
                {
                    "subject": f"org-{parent}",
                    "kind": "oversees",
                    "object": f"org-{index}",
                    "valid_from": f"{year}-04-01",
                    "sources": cite,
                }
            )
            if index % 10 == 0:
                relations.append(
                    {
                        "subject": f"org-{parent}",
                        "kind": "funds",
                        "object": f"org-{index}",
                        "valid_from": f"{year}",
                        "sources": cite,
                    }
                )
        years.append(year)
        org["established"] = f"{year}-04-01"
        if index % 3 == 0:
            org["former_names"] = [
                {
                    "text": f"Old Synthetic Organisation {index}",
                    "lang": "en",
                    "kind": "official",
                    "valid_from": f"{year}-04-01",
                    "valid_until": f"{year + 5}",
                    "sources": cite,
                }
            ]
        events.append({"body": f"org-{index}", "kind": "founded", "date": f"{year}-04-01", "sources": cite})
        organizations.append(org)
    return {
        "sources": [{"id": "synthetic", "title": "Synthetic benchmark data", "publisher": "benchmarks/generate.py"}],
        "organizations": organizations,
        "relations": relations,
        "events": events,
    }


if __name__ == "__main__":
    json.dump(dataset(int(sys.argv[1])), sys.stdout, ensure_ascii=False)
