"""
The JSON Schema of the data files, derived from the registry and the fields' declarations.

``data/schema.json`` is this schema written out (``python -m jp_mfg_policy._schema >
src/jp_mfg_policy/data/schema.json``); a test keeps the two equal.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
from typing import Any, Union, get_args, get_origin

import attrs

from ._dates import PartialDate
from ._document import Override
from ._fields import SCHEMA, json_name
from ._read import parse, read_path
from ._registry import BY_NAME, COLLECTIONS, ORGANIZATIONS
from .exceptions import Problem

SCHEMA_ID = "https://jp-mfg-policy.readthedocs.io/schema/data-2026.2.json"
_DATE = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
_PRIMITIVES = {str: {"type": "string"}, int: {"type": "integer"}, float: {"type": "number"}, bool: {"type": "boolean"}}


def _type(annotation: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin, args = get_origin(annotation), get_args(annotation)
    if origin in (Union, types.UnionType):
        options = [_type(arg, defs) for arg in args if arg is not type(None)]
        option = options[0] if len(options) == 1 else {"oneOf": options}
        return {"anyOf": [option, {"type": "null"}]} if type(None) in args else option
    if origin is tuple:
        return {"type": "array", "items": _type(args[0], defs)}
    if origin is dict:
        return {"type": "object"}
    if annotation is PartialDate:
        return {"$ref": "#/$defs/PartialDate"}
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return {"enum": [member.value for member in annotation]}
    if annotation in ORGANIZATIONS.classes:
        return {"$ref": "#/$defs/AnyOrganization"}
    if isinstance(annotation, type) and attrs.has(annotation):
        _define(annotation, defs)
        return {"$ref": f"#/$defs/{annotation.__name__}"}
    return dict(_PRIMITIVES[annotation])


def _object(cls: type, defs: dict[str, Any], *, tag: str | None = None) -> dict[str, Any]:
    properties: dict[str, Any] = {"kind": {"const": tag}} if tag else {}
    required = ["kind"] if tag else []
    for field in attrs.fields(attrs.resolve_types(cls)):
        if not field.init:
            continue
        schema = _type(field.type, defs)
        declared = field.metadata.get(SCHEMA)
        if declared is not None:
            optional = field.default is None
            schema = {"anyOf": [declared, {"type": "null"}]} if optional else dict(declared)
        name = json_name(field)
        properties[name] = schema
        if field.default is attrs.NOTHING:
            required.append(name)
    if cls is Override:
        properties["collection"] = {"enum": list(BY_NAME)}
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
    tags = [cls.TAG for cls in ORGANIZATIONS.classes]
    # Dispatch on "kind" with if/then, so that errors speak of the one kind meant, not of all of them.
    defs["AnyOrganization"] = {
        "description": "A body; its 'kind' says which.",
        "type": "object",
        "required": ["kind"],
        "properties": {"kind": {"enum": tags}},
        "allOf": [
            {"if": {"properties": {"kind": {"const": cls.TAG}}}, "then": {"$ref": f"#/$defs/{cls.__name__}"}}
            for cls in ORGANIZATIONS.classes
        ],
    }
    for cls in ORGANIZATIONS.classes:
        defs[cls.__name__] = _object(cls, defs, tag=cls.TAG)
    properties: dict[str, Any] = {
        "$schema": {"type": "string"},
        "about": {"type": "object", "additionalProperties": {"type": "string"}},
        "as_of": {"$ref": "#/$defs/PartialDate", "description": "The day a snapshot describes."},
    }
    for collection in COLLECTIONS:
        properties[collection.name] = {
            "type": "array",
            "items": _type(collection.cls, defs),
            "description": collection.doc,
        }
    properties["overrides"] = {"type": "array", "items": _type(Override, defs)}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "jp-mfg-policy data file",
        "description": "One file of the jp-mfg-policy dataset: any of its collections, each a list of records.",
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
        "anyOf": [{"required": [collection.name]} for collection in COLLECTIONS] + [{"required": ["overrides"]}],
        "$defs": dict(sorted(defs.items())),
    }


def _plain(value: Any) -> Any:
    """TOML's dates as the ISO text JSON files write (for the schema's eyes only)."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def schema_problems(paths: list[str], limit: int) -> list[Problem] | None:
    """
    Every way the files at *paths* break the JSON Schema; None if jsonschema is not installed.

    Files that cannot be read or parsed are left to :func:`jp_mfg_policy.load`, which reports them.
    """
    try:
        import jsonschema
    except ImportError:
        return None
    validator = jsonschema.Draft202012Validator(schema())
    problems = []
    for path in paths:
        data, _ = read_path(path, limit)
        raw = None if data is None else parse(data, path, limit=limit)[0]
        if raw is None:
            continue
        errors = sorted(validator.iter_errors(_plain(raw)), key=lambda e: list(e.absolute_path))
        problems += [Problem(path, e.json_path, f"does not match the schema: {e.message[:300]}") for e in errors]
    return problems
