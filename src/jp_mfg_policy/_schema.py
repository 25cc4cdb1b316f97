"""
The JSON Schema of the data files, derived from the model.

``data/schema.json`` is this schema, written out by ``scripts/make_schema.py``;
a test keeps the two equal.
"""

from __future__ import annotations

import enum
import json
import tomllib
import types
from pathlib import Path
from typing import Any, Union, get_args, get_origin

import attrs

from ._dates import PartialDate
from ._models import Organization, _slug, _slugs
from ._read import _plain
from ._serde import COLLECTIONS, ORGANIZATION_KINDS, Document, Override
from .exceptions import Problem

SCHEMA_ID = "https://jp-mfg-policy.readthedocs.io/schema/data-2026.json"
_SLUG = "^[a-z0-9]+(?:-[a-z0-9]+)*$"
_DATE = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"


def _type(annotation: Any, defs: dict[str, Any]) -> dict[str, Any]:  # noqa: ANN401, PLR0911 - any annotation; one case a kind
    origin, args = get_origin(annotation), get_args(annotation)
    if origin in (Union, types.UnionType):
        options = [_type(arg, defs) for arg in args if arg is not type(None)]
        option = options[0] if len(options) == 1 else {"oneOf": options}
        return {"anyOf": [option, {"type": "null"}]} if type(None) in args else option
    if origin is tuple:
        return {"type": "array", "items": _type(args[0], defs)}
    if origin is dict:
        return {"type": "object", "additionalProperties": _type(args[1], defs)}
    if annotation is Any:
        return {}
    if annotation is PartialDate:
        return {"$ref": "#/$defs/PartialDate"}
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return {"enum": [member.value for member in annotation]}
    if annotation is Organization:
        return {"$ref": "#/$defs/AnyOrganization"}
    if attrs.has(annotation):
        _define(annotation, defs)
        return {"$ref": f"#/$defs/{annotation.__name__}"}
    return {str: {"type": "string"}, int: {"type": "integer"}, float: {"type": "number"}, bool: {"type": "boolean"}}[
        annotation
    ]


def _object(cls: type, defs: dict[str, Any], *, tag: str | None = None) -> dict[str, Any]:
    properties: dict[str, Any] = {"kind": {"const": tag}} if tag else {}
    required = ["kind"] if tag else []
    renames = {"changes": "set"} if cls is Override else {}
    for field in attrs.fields(attrs.resolve_types(cls)):
        schema = _type(field.type, defs)
        if field.validator is _slug:
            schema = {"type": "string", "pattern": _SLUG}
        elif field.validator is _slugs:
            schema = {"type": "array", "items": {"type": "string", "pattern": _SLUG}}
        if cls is Override and field.name == "collection":
            schema = {"enum": list(COLLECTIONS)}
        name = renames.get(field.name, field.name)
        properties[name] = schema
        if field.default is attrs.NOTHING:
            required.append(name)
    return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}


def _define(cls: type, defs: dict[str, Any]) -> None:
    if cls.__name__ not in defs:
        defs[cls.__name__] = {}  # reserve the name against recursion
        defs[cls.__name__] = _object(cls, defs)


def schema() -> dict[str, Any]:
    """
    The JSON Schema (draft 2020-12) every data file must satisfy.

    Example:
        >>> schema()["properties"]["organizations"]["items"]
        {'$ref': '#/$defs/AnyOrganization'}
    """
    defs: dict[str, Any] = {
        "PartialDate": {
            "type": "string",
            "pattern": _DATE,
            "description": "A date to the year, month or day: YYYY, YYYY-MM or YYYY-MM-DD.",
        }
    }
    # Dispatch on "kind" with if/then, so that errors speak of the one kind meant, not of all of them.
    defs["AnyOrganization"] = {
        "description": "A body; its 'kind' says which.",
        "type": "object",
        "required": ["kind"],
        "properties": {"kind": {"enum": list(ORGANIZATION_KINDS)}},
        "allOf": [
            {"if": {"properties": {"kind": {"const": kind}}}, "then": {"$ref": f"#/$defs/{cls.__name__}"}}
            for kind, cls in ORGANIZATION_KINDS.items()
        ],
    }
    for kind, cls in ORGANIZATION_KINDS.items():
        defs[cls.__name__] = _object(cls, defs, tag=kind)
    document = _object(Document, defs)
    document["properties"]["$schema"] = document["properties"].pop("schema")
    document["anyOf"] = [{"required": [name]} for name in (*COLLECTIONS, "overrides")]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "jp-mfg-policy data file",
        "description": "One file of the jp-mfg-policy dataset: any of its collections, each a list of records.",
        **document,
        "$defs": dict(sorted(defs.items())),
    }


def schema_problems(paths: list[str]) -> list[Problem] | None:
    """
    Every way the files at *paths* break the JSON Schema; None if jsonschema is not installed.

    Files that cannot be read or parsed are left to :func:`jp_mfg_policy.load`, which reports them.
    """
    try:
        import jsonschema  # noqa: PLC0415 - an optional, validation-only dependency
    except ImportError:
        return None
    validator = jsonschema.Draft202012Validator(schema())
    problems = []
    for path in paths:
        try:
            text = Path(path).read_text(encoding="utf-8")
            data = _plain(tomllib.loads(text)) if path.endswith(".toml") else json.loads(text)
        except (OSError, UnicodeDecodeError, ValueError, RecursionError):
            continue
        errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
        problems += [Problem(path, e.json_path, f"does not match the schema: {e.message}") for e in errors]
    return problems
