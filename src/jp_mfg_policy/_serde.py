"""
The one cattrs converter: JSON documents <-> model objects.

Structuring is strict: unknown fields are rejected, JSON types are never
coerced (``"12"`` is not an int, ``12`` is not a string, a string is not a
list), and every problem is reported with its path.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from typing import Any, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import ForbiddenExtraKeysError, IterableValidationError, IterableValidationNote
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.preconf.json import make_converter

from ._dates import PartialDate
from ._models import (
    Agency,
    Award,
    BusinessFederation,
    Caveat,
    Citation,
    Council,
    Event,
    MembershipCount,
    Ministry,
    Organization,
    Plan,
    Publication,
    Recommendation,
    Relation,
    Source,
    Strategy,
)

#: The ``kind`` tag of each organisation class in data files.
ORGANIZATION_KINDS: Mapping[str, type[Organization]] = {
    "organization": Organization,
    "ministry": Ministry,
    "agency": Agency,
    "council": Council,
    "business_federation": BusinessFederation,
}
_KIND_OF = {cls: kind for kind, cls in ORGANIZATION_KINDS.items()}


@attrs.frozen(kw_only=True)
class Override:
    """
    An explicit change to a record of another file: amend some fields, or remove it.

    A user file adds records by listing them; it changes or removes an existing
    one only through an override, so that an id clash is always an error and
    never a silent replacement.

    Attributes:
        collection: The collection of the record (``"organizations"``, ``"relations"`` ...).
        id: The record's id, for collections whose records have one.
        match: Field values that pick out exactly one record, for the others
            (``{"subject": "meti", "kind": "funds", "object": "nedo"}``).
        changes: The new values of the fields to change, as in the data format (``"set"`` in files).
        remove: Whether to remove the record instead.
        sources: The citations for the change; added to the record's own.
        note: Why the change is made.
    """

    collection: str
    id: str | None = None
    match: dict[str, Any] | None = None
    changes: dict[str, Any] | None = None
    remove: bool = False
    sources: tuple[Citation, ...] = ()
    note: str | None = None


@attrs.frozen(kw_only=True)
class Document:
    """
    The contents of one data file: any of the collections, each a list.

    Attributes:
        schema: The JSON Schema the file declares (``"$schema"``), if any.
        about: Free-text notes on the file (title, how it was produced).
    """

    schema: str | None = None
    about: dict[str, str] | None = None
    sources: tuple[Source, ...] = ()
    organizations: tuple[Organization, ...] = ()
    relations: tuple[Relation, ...] = ()
    events: tuple[Event, ...] = ()
    publications: tuple[Publication, ...] = ()
    awards: tuple[Award, ...] = ()
    strategies: tuple[Strategy, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()
    plans: tuple[Plan, ...] = ()
    memberships: tuple[MembershipCount, ...] = ()
    caveats: tuple[Caveat, ...] = ()
    overrides: tuple[Override, ...] = ()


#: The collections of a :class:`Document`, in file order.
COLLECTIONS: tuple[str, ...] = tuple(
    field.name for field in attrs.fields(Document) if field.name not in {"schema", "about", "overrides"}
)

#: The record class of each collection.
COLLECTION_TYPES: Mapping[str, type] = {
    name: get_args(field.type)[0]
    for name, field in attrs.fields_dict(attrs.resolve_types(Document)).items()
    if name in COLLECTIONS
}

_JSON_TYPES = {
    dict: "an object",
    list: "an array",
    str: "a string",
    int: "an integer",
    float: "a number",
    bool: "true or false",
    type(None): "null",
}


def _json_type(value: object) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _strict(expected: type, name: str) -> Callable[[Any, Any], Any]:
    def structure(value: object, _: object) -> object:
        # bool is an int subclass in Python, but not in JSON.
        ok = type(value) is expected or (expected is float and type(value) is int)
        if not ok:
            msg = f"expected {name}, got {_json_type(value)}"
            raise TypeError(msg)
        return float(value) if expected is float else value  # type: ignore[arg-type]

    return structure


def _is_variadic_tuple(type_: object) -> bool:
    args = get_args(type_)
    return get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis  # noqa: PLR2004


def _structure_enum(value: object, type_: type[enum.StrEnum]) -> enum.StrEnum:
    if not isinstance(value, str):
        msg = f"expected a string, got {_json_type(value)}"
        raise TypeError(msg)
    try:
        return type_(value)
    except ValueError:
        allowed = ", ".join(member.value for member in type_)
        msg = f"{value!r} is not a known {type_.__name__} (expected one of: {allowed})"
        raise ValueError(msg) from None


def _structure_date(value: object, _: object) -> PartialDate:
    if not isinstance(value, str):
        msg = f"expected a date string (YYYY, YYYY-MM or YYYY-MM-DD), got {_json_type(value)}"
        raise TypeError(msg)
    return PartialDate.parse(value)


def _lazy(build: Callable[[], Callable[..., Any]]) -> Callable[..., Any]:
    """A hook that builds the real one on its first call."""
    built: list[Callable[..., Any]] = []

    def hook(*args: Any) -> Any:  # noqa: ANN401 - whatever the real hook takes and gives
        if not built:
            built.append(build())
        return built[0](*args)

    return hook


def _make_converter() -> cattrs.Converter:  # noqa: C901, PLR0915 - the hooks are closures over the converter
    converter = make_converter(forbid_extra_keys=True, omit_if_default=True)
    for python_type, name in ((str, "a string"), (int, "an integer"), (float, "a number"), (bool, "true or false")):
        converter.register_structure_hook(python_type, _strict(python_type, name))
    converter.register_structure_hook(PartialDate, _structure_date)
    converter.register_unstructure_hook(PartialDate, str)
    # StrEnum precedes str in every string enum's MRO, so this beats the str hook.
    converter.register_structure_hook(enum.StrEnum, _structure_enum)

    def tuple_factory(type_: Any) -> Callable[[Any, Any], tuple[Any, ...]]:  # noqa: ANN401 - any tuple type
        element = get_args(type_)[0]
        element_hook = converter.get_structure_hook(element)

        def structure(value: object, _: object) -> tuple[Any, ...]:
            if not isinstance(value, list):
                msg = f"expected an array, got {_json_type(value)}"
                raise TypeError(msg)
            items, errors = [], []
            for index, item in enumerate(value):
                try:
                    items.append(element_hook(item, element))
                except Exception as exc:  # noqa: BLE001 - gathered and re-raised with their index
                    exc.__notes__ = [
                        *getattr(exc, "__notes__", []),
                        IterableValidationNote(f"Structuring {type_} @ index {index}", index, element),
                    ]
                    errors.append(exc)
            if errors:
                msg = f"While structuring {type_!r}"
                raise IterableValidationError(msg, errors, type_)
            return tuple(items)

        return structure

    converter.register_structure_hook_factory(_is_variadic_tuple, tuple_factory)

    def record_factory(cls: type, **overrides: Any) -> Callable[[Any, Any], Any]:  # noqa: ANN401
        inner: Callable[[Any, Any], Any] = make_dict_structure_fn(
            cls, converter, _cattrs_forbid_extra_keys=True, _cattrs_use_linecache=False, **overrides
        )

        def structure(value: object, _: object) -> object:
            if not isinstance(value, dict):
                msg = f"expected an object, got {_json_type(value)}"
                raise TypeError(msg)
            return inner(value, cls)

        return structure

    # A lambda: cattrs would pass itself to a factory that takes extra arguments.
    converter.register_structure_hook_factory(attrs.has, lambda cls: record_factory(cls))  # noqa: PLW0108

    # Generated on first use: compiling every hook up front would slow the first load() for nothing.
    def structure_fn(cls: type) -> Callable[..., Any]:
        return _lazy(lambda: record_factory(cls))

    def unstructure_fn(cls: type) -> Callable[..., Any]:
        return _lazy(lambda: make_dict_unstructure_fn(cls, converter, _cattrs_omit_if_default=True))

    structure_fns = {cls: structure_fn(cls) for cls in ORGANIZATION_KINDS.values()}
    unstructure_fns = {cls: unstructure_fn(cls) for cls in ORGANIZATION_KINDS.values()}

    def structure_organization(value: object, declared: type[Organization]) -> Organization:
        if not isinstance(value, dict):
            msg = f"expected an object, got {_json_type(value)}"
            raise TypeError(msg)
        kind = value.get("kind")
        cls = ORGANIZATION_KINDS.get(kind) if isinstance(kind, str) else None
        if cls is None:
            allowed = ", ".join(ORGANIZATION_KINDS)
            msg = f"'kind' must be one of: {allowed}; got {kind!r}"
            raise ValueError(msg)
        if not issubclass(cls, declared):
            msg = f"'kind' is {kind!r}, but a {declared.__name__} is expected here"
            raise ValueError(msg)  # noqa: TRY004 - the wrong kind of body, not the wrong JSON type
        org: Organization = structure_fns[cls]({k: v for k, v in value.items() if k != "kind"}, cls)
        return org

    def unstructure_organization(org: Organization) -> dict[str, Any]:
        cls = type(org)
        return {"kind": _KIND_OF[cls], **unstructure_fns[cls](org)}

    # Data cites the same few sources thousands of times: share the (immutable) citations.
    citation_fn = _lazy(lambda: record_factory(Citation))
    citations: dict[tuple[object, object, object], Citation] = {}

    def structure_citation(value: object, _: object) -> Citation:
        if type(value) is dict and len(value) <= 3 and value.keys() <= {"source", "quote", "note"}:  # noqa: PLR2004
            found = citations.get((value.get("source"), value.get("quote"), value.get("note")))
            if found is not None:
                return found
        citation: Citation = citation_fn(value, Citation)
        if len(citations) < 100_000:  # noqa: PLR2004 - a bound on the memo, not on the data
            citations[(citation.source, citation.quote, citation.note)] = citation
        return citation

    converter.register_structure_hook(Citation, structure_citation)

    for cls in ORGANIZATION_KINDS.values():
        converter.register_structure_hook(cls, structure_organization)
        converter.register_unstructure_hook(cls, unstructure_organization)

    rename_set = override(rename="set")
    converter.register_structure_hook(Override, _lazy(lambda: record_factory(Override, changes=rename_set)))
    converter.register_unstructure_hook(
        Override,
        _lazy(lambda: make_dict_unstructure_fn(Override, converter, _cattrs_omit_if_default=True, changes=rename_set)),
    )
    rename_schema = override(rename="$schema")
    converter.register_structure_hook(Document, _lazy(lambda: record_factory(Document, schema=rename_schema)))
    converter.register_unstructure_hook(
        Document,
        _lazy(
            lambda: make_dict_unstructure_fn(Document, converter, _cattrs_omit_if_default=True, schema=rename_schema)
        ),
    )
    return converter


#: The package's one converter. Use :func:`structure` / :func:`unstructure`.
converter = _make_converter()


def format_problem(exc: BaseException, type_: type | None) -> str:
    """Say what is wrong, for :func:`cattrs.transform_error`."""
    if isinstance(exc, ForbiddenExtraKeysError):
        names = ", ".join(repr(name) for name in sorted(exc.extra_fields))
        return f"unknown field {names} (not part of the format; check its spelling)"
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, (TypeError, ValueError)) and str(exc):
        return str(exc)
    return cattrs.v.format_exception(exc, type_)
