"""
The export formats, by name: what :meth:`PolicySystem.export` writes and the CLI offers.

A module of its own so that the command line can list the formats without importing
the export code, which only ``export`` needs.
"""

from __future__ import annotations

from collections.abc import Mapping

#: The export formats, with what each writes.
FORMATS: Mapping[str, str] = {
    "json": "one JSON document in the bundled data's shape (loads back as an equal system)",
    "jsonl": "a folder with one JSON Lines file per collection, records in the data format",
    "csv": "a folder with one CSV file per collection and long table (UTF-8 with a byte-order mark)",
    "datapackage": "a Frictionless Data Package: CSV tables and a datapackage.json describing them",
}
