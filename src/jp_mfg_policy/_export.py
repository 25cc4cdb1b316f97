"""
Writing a system out: one JSON document, or a folder of JSON Lines, CSV or a Frictionless Data Package.

Every file is written to a temporary file beside its target and renamed into place
once all of them are written, so that a failure leaves existing files as they were and
no half-written set. A target that is a symbolic link is refused: the export writes
only files it creates.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import json
import os
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from ._dataset import Dataset
from ._dates import PartialDate
from ._document import Document
from ._fields import REFERS_TO, json_name
from ._formats import FORMATS
from ._index import Index
from ._registry import COLLECTIONS
from ._serde import unstructure, unstructure_document
from ._tables import LONG_TABLES, columns, records, tables
from ._version import DATA_AS_OF, DATA_VERSION

# A spreadsheet runs a cell that starts with one of these as a formula (OWASP's list), and some
# importers strip leading blanks first: so a blank or line break before one counts too.
_FORMULA_START = ("=", "+", "-", "@")
_LEADING_BREAKS = ("\t", "\r", "\n")


def document(dataset: Dataset) -> dict[str, Any]:
    """The whole dataset as a JSON object in the bundled data's shape."""
    about = {
        "title": "Exported from jp-mfg-policy",
        "data_version": DATA_VERSION,
        "data_as_of": str(DATA_AS_OF),
    }
    return unstructure_document(
        Document(
            records={collection.name: dataset[collection] for collection in COLLECTIONS},
            about=about,
            as_of=None if dataset.as_of is None else PartialDate.from_date(dataset.as_of),
        )
    )


def to_json(dataset: Dataset) -> str:
    """The whole dataset as one JSON document; see :meth:`PolicySystem.to_json`."""
    return json.dumps(document(dataset), ensure_ascii=False, indent=2) + "\n"


def _jsonl_bytes(index: Index, name: str) -> bytes:
    return _jsonl(index, name).encode("utf-8")


def _csv_bytes(index: Index, name: str, encoding: str) -> bytes:
    return to_csv(index, name).encode(encoding)


def safe_cell(value: object) -> object:
    r"""
    A CSV cell that no spreadsheet runs as a formula: text starting with = + - @ gets a leading '.

    Example:
        >>> safe_cell("=HYPERLINK(\"http://x\")"), safe_cell("METI"), safe_cell(-3)
        ('\'=HYPERLINK("http://x")', 'METI', -3)
    """
    if isinstance(value, str) and (value.startswith(_LEADING_BREAKS) or value.lstrip().startswith(_FORMULA_START)):
        return "'" + value
    return value


def to_csv(index: Index, kind: str) -> str:
    """One table as CSV text, formulas neutralised."""
    header = [name for name, _ in columns(kind)]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\r\n")
    writer.writeheader()
    for row in records(index, kind):
        writer.writerow({key: safe_cell(value) for key, value in row.items()})
    return out.getvalue()


def _jsonl(index: Index, name: str) -> str:
    rows = index.dataset.named(name)
    return "".join(json.dumps(unstructure(record), ensure_ascii=False) + "\n" for record in rows)


_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean"}


def datapackage(index: Index) -> dict[str, Any]:
    """
    The ``datapackage.json`` of a data package export: every table, field, key and licence.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> package = datapackage(jmp.load().index)
        >>> package["resources"][1]["name"], package["licenses"][0]["name"]
        ('organizations', 'CC-BY-4.0')
    """
    resources = []
    keyed = {collection.name: collection for collection in COLLECTIONS}
    for name in tables():
        fields = []
        for column, type_ in columns(name):
            field: dict[str, Any] = {"name": column, "type": _TYPES.get(type_, "string")}
            if type_ is PartialDate:
                field["format"] = "default"
                field["description"] = "An ISO 8601 date to the precision known: YYYY, YYYY-MM or YYYY-MM-DD."
                field["constraints"] = {"pattern": "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"}
            fields.append(field)
        schema: dict[str, Any] = {"fields": fields}
        names = [field["name"] for field in fields]
        if "id" in names:
            schema["primaryKey"] = ["id"]
        elif "row" in names:
            schema["primaryKey"] = ["row"]
        foreign = _foreign_keys(keyed[name], names) if name in keyed else []
        foreign += _DERIVED_FOREIGN_KEYS.get(name, [])
        if foreign:
            schema["foreignKeys"] = foreign
        resources.append(
            {
                "name": name,
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": keyed[name].doc if name in keyed else LONG_TABLES[name],
                "schema": schema,
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "jp-mfg-policy",
        "title": "Japan's manufacturing-policy system",
        "version": DATA_VERSION,
        "created": f"{DATA_AS_OF}T00:00:00Z",
        "description": "Ministries, agencies, councils, business federations, laws, programmes, plans and "
        "strategies of Japan's manufacturing and innovation policy, each fact with its source and date."
        + (f" As of {index.dataset.as_of}." if index.dataset.as_of else ""),
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0",
            }
        ],
        "sources": [{"title": "jp-mfg-policy", "path": "https://github.com/jp-mfg-policy/jp-mfg-policy"}],
        "resources": resources,
    }


_TARGET_TABLES = {"organization": "organizations", "law": "laws", "strategy": "strategies", "source": "sources"}
# Columns the tables derive (not fields of the model) that name other records.
_DERIVED_FOREIGN_KEYS = {
    "organizations": [
        {"fields": ["parent"], "reference": {"resource": "organizations", "fields": ["id"]}},
        {"fields": ["ministry"], "reference": {"resource": "organizations", "fields": ["id"]}},
    ],
    "lineage": [
        {"fields": ["predecessor"], "reference": {"resource": "organizations", "fields": ["id"]}},
        {"fields": ["successor"], "reference": {"resource": "organizations", "fields": ["id"]}},
    ],
    "citations": [{"fields": ["source"], "reference": {"resource": "sources", "fields": ["id"]}}],
}


def _foreign_keys(collection: Any, names: list[str]) -> list[dict[str, Any]]:
    import attrs

    found = []
    for field in attrs.fields(collection.cls):
        target = _TARGET_TABLES.get(field.metadata.get(REFERS_TO, ""))
        if target is not None and field.default != () and json_name(field) in names:
            found.append({"fields": [json_name(field)], "reference": {"resource": target, "fields": ["id"]}})
    return found


def export(index: Index, path: str | os.PathLike[str], fmt: str, *, bom: bool = True) -> list[Path]:
    """Write *index*'s dataset to *path*; see :meth:`PolicySystem.export`."""
    if fmt not in FORMATS:
        msg = f"unknown format {fmt!r}; expected one of: {', '.join(FORMATS)}"
        raise ValueError(msg)
    if not os.fspath(path):
        msg = "the output path is empty"
        raise ValueError(msg)
    target = Path(path)
    if fmt == "json":
        return _write_all({target: lambda: to_json(index.dataset).encode("utf-8")})
    if target.is_symlink():
        msg = f"refusing to write into {target}: it is a symbolic link"
        raise OSError(msg)
    encoding = "utf-8-sig" if bom and fmt == "csv" else "utf-8"
    contents: dict[Path, Callable[[], bytes]] = {}
    if fmt == "jsonl":
        for collection in COLLECTIONS:
            contents[target / f"{collection.name}.jsonl"] = functools.partial(_jsonl_bytes, index, collection.name)
    else:
        for name in tables():
            contents[target / f"{name}.csv"] = functools.partial(_csv_bytes, index, name, encoding)
        if fmt == "datapackage":
            contents[target / "datapackage.json"] = lambda: (
                json.dumps(datapackage(index), ensure_ascii=False, indent=2) + "\n"
            ).encode("utf-8")
    target.mkdir(parents=True, exist_ok=True)
    return _write_all(contents)


def _temporary(file: Path, suffix: str) -> Path:
    """A new, empty file of our own beside *file* (so that renaming it is atomic)."""
    handle, name = tempfile.mkstemp(prefix=f".{file.name}.", suffix=suffix, dir=file.parent)
    os.close(handle)
    return Path(name)


def _write_all(contents: Mapping[Path, Callable[[], bytes]]) -> list[Path]:
    """Write every file to a temporary file beside it, then rename them all into place."""
    for file in contents:
        if file.is_symlink():
            msg = f"refusing to write {file}: it is a symbolic link"
            raise OSError(msg)
    written: list[tuple[Path, Path]] = []
    placed: list[tuple[Path | None, Path]] = []  # (backup or None, file): to undo a half-replaced set
    try:
        for file, make in contents.items():
            data = make()
            written.append((_temporary(file, ".tmp"), file))
            written[-1][0].write_bytes(data)
        for temporary, file in written:
            backup = None
            if file.exists():
                backup = _temporary(file, ".old")
                try:
                    file.replace(backup)
                except BaseException:
                    backup.unlink()
                    raise
            placed.append((backup, file))
            temporary.replace(file)
    except BaseException:
        for temporary, _ in written:
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
        for backup, file in reversed(placed):
            if backup is None:
                with contextlib.suppress(FileNotFoundError):
                    file.unlink()
            else:
                backup.replace(file)
        raise
    for backup, _ in placed:
        if backup is not None:
            backup.unlink()
    return list(contents)
