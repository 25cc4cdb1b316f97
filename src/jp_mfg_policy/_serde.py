"""
The one cattrs converter: data files' JSON (or TOML) values <-> model objects, strictly.

Structuring is strict: unknown fields are rejected, JSON types are never coerced
(``"12"`` is not an int, ``12`` is not a string, a string is not a list), and every
problem is reported with its path. Field names that differ in data files, and the
``kind`` tags of bodies, come from the fields' metadata and the registry.

Imported on the first load of user data, or the first export: the bundled data is
built without it (see :mod:`._build`).
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import math
import types
from collections.abc import Callable, Mapping
from typing import Any, NoReturn, TypeAlias, Union, get_args, get_origin, get_type_hints

import attrs
import cattrs
from cattrs.errors import ForbiddenExtraKeysError, IterableValidationError, IterableValidationNote
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.preconf.json import make_converter

from ._dates import PartialDate, parse_date, short
from ._document import DOCUMENT_KEYS, Document, Override
from ._fields import JSON_NAME, FieldError, json_name
from ._read import ARRAY_BEGINS, decode, is_toml, stream
from ._records import Citation
from ._registry import BY_NAME, COLLECTIONS, ORGANIZATIONS
from .exceptions import Problem

_JSON_TYPES = {
    dict: "an object",
    list: "an array",
    str: "a string",
    int: "an integer",
    float: "a number",
    bool: "true or false",
    type(None): "null",
    dt.date: "a TOML date",
    dt.datetime: "a TOML date-time",
    dt.time: "a TOML time",
}
_ORGANIZATION_CLASSES = frozenset(ORGANIZATIONS.classes)


#: How many faults of one array a report lists before it stops looking.
MAX_PROBLEMS_PER_ARRAY = 100


def json_type(value: object) -> str:
    """
    What a JSON (or TOML) value is, in words.

    Example:
        >>> json_type([]), json_type(True)
        ('an array', 'true or false')
    """
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _strict(expected: type, name: str) -> Callable[[Any, Any], Any]:
    def structure(value: object, _: object) -> object:
        # bool is an int subclass in Python, but not in JSON; a TOML date is not a string.
        if type(value) is expected:
            return value
        if expected is float and type(value) is int:
            return float(value)
        msg = f"expected {name}, got {json_type(value)}"
        raise TypeError(msg)

    return structure


def _structure_float(value: object, _: object) -> float:
    number = _strict(float, "a number")(value, None)
    if not math.isfinite(number):
        msg = f"expected a finite number, got {number!r}"
        raise ValueError(msg)
    return float(number)


def _structure_enum(value: object, type_: type[enum.StrEnum]) -> enum.StrEnum:
    if not isinstance(value, str):
        msg = f"expected a string, got {json_type(value)}"
        raise TypeError(msg)
    try:
        return type_(value)
    except ValueError:
        allowed = ", ".join(member.value for member in type_)
        msg = f"{short(value)} is not a known {type_.__name__} (expected one of: {allowed})"
        raise ValueError(msg) from None


def _structure_date(value: object, _: object) -> PartialDate:
    if type(value) is dt.date:  # a TOML local date, where a date is meant
        return PartialDate.from_date(value)
    if not isinstance(value, str):
        msg = f"expected a date (YYYY, YYYY-MM or YYYY-MM-DD), got {json_type(value)}"
        raise TypeError(msg)
    return parse_date(value)


def _structure_mapping(value: object, _: object) -> dict[str, Any]:
    if type(value) is not dict:
        msg = f"expected an object, got {json_type(value)}"
        raise TypeError(msg)
    return value


def _is_variadic_tuple(type_: object) -> bool:
    args = get_args(type_)
    return get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis  # noqa: PLR2004 - tuple[X, ...]


def _renames(cls: type) -> dict[str, Any]:
    """Cattrs overrides for the fields whose names in data files differ."""
    return {
        field.name: override(rename=field.metadata[JSON_NAME])
        for field in attrs.fields(cls)
        if JSON_NAME in field.metadata
    }


def _is_mapping(type_: Any) -> bool:
    return get_origin(type_) is dict


def _tuple_hook(converter: cattrs.Converter, type_: Any) -> Callable[[Any, Any], Any]:
    """Structure a JSON array as a tuple of *type_*'s items, reporting each bad item at its index."""
    item_type = get_args(type_)[0]
    item_hook = converter.get_structure_hook(item_type)

    def structure(value: object, _: object) -> tuple[Any, ...]:
        if type(value) is not list:  # a string or an object would iterate, silently
            msg = f"expected an array, got {json_type(value)}"
            raise TypeError(msg)
        return _structure_items(value, item_hook, type_)

    return structure


def _structure_items(
    value: list[Any], item_hook: Callable[[Any, Any], Any], type_: Any, start: int = 0
) -> tuple[Any, ...]:
    """The items of a JSON array (the rest of one, from index *start*), each bad one reported at its index."""
    item_type = get_args(type_)[0]
    items, errors = [], []
    for index, item in enumerate(value, start):
        try:
            items.append(item_hook(item, item_type))
        except Exception as exc:  # noqa: BLE001 - every fault of an item is reported at its index
            exc.__notes__ = [*getattr(exc, "__notes__", []), IterableValidationNote("", index, item_type)]
            errors.append(exc)
            # The faults of an array are reported up to a bound: each one costs memory, and a
            # file of a million bad values would otherwise cost gigabytes to describe.
            if len(errors) == MAX_PROBLEMS_PER_ARRAY:
                break
    if errors:
        msg = f"While structuring {type_!r}"
        raise IterableValidationError(msg, errors, type_)
    return tuple(items)


def _make_converter() -> cattrs.Converter:
    converter = make_converter(detailed_validation=True, forbid_extra_keys=True)
    for type_, name in ((str, "a string"), (int, "an integer"), (bool, "true or false")):
        converter.register_structure_hook(type_, _strict(type_, name))
    converter.register_structure_hook(float, _structure_float)
    # By class, as the primitives are: StrEnum comes before str in an enum's MRO, so this hook wins.
    converter.register_structure_hook(enum.StrEnum, _structure_enum)
    converter.register_structure_hook(PartialDate, _structure_date)
    converter.register_unstructure_hook(PartialDate, str)
    converter.register_structure_hook_factory(_is_mapping, lambda _t: _structure_mapping)

    converter.register_structure_hook_factory(_is_variadic_tuple, functools.partial(_tuple_hook, converter))

    structure_hooks: dict[type, Callable[[Any, Any], Any]] = {}

    def plain_record(cls: type) -> Callable[[Any, Any], Any]:
        found = structure_hooks.get(cls)
        if found is None:
            found = structure_hooks[cls] = make_plain_record(cls)
        return found

    def make_plain_record(cls: type) -> Callable[[Any, Any], Any]:
        inner: Callable[[Any, Any], Any] = make_dict_structure_fn(
            cls, converter, _cattrs_forbid_extra_keys=True, **_renames(cls)
        )

        def structure(value: object, _: object) -> object:
            if type(value) is not dict:
                msg = f"expected an object, got {json_type(value)}"
                raise TypeError(msg)
            return inner(value, cls)

        return structure

    def body(value: object, declared: type) -> object:
        if type(value) is not dict:
            msg = f"expected an object, got {json_type(value)}"
            raise TypeError(msg)
        tag = value.get("kind")
        cls = ORGANIZATIONS.class_of(tag) if isinstance(tag, str) else None
        if cls is None:
            allowed = ", ".join(cls.TAG for cls in ORGANIZATIONS.classes)
            msg = f"'kind' must be one of: {allowed}; got {short(tag) if isinstance(tag, str) else json_type(tag)}"
            raise ValueError(msg)
        if not issubclass(cls, declared):
            msg = f"'kind' is {tag!r}, but a {declared.__name__} is expected here"
            raise ValueError(msg)  # noqa: TRY004 - bad data, reported as a problem like any other
        return plain_record(cls)({key: item for key, item in value.items() if key != "kind"}, cls)

    converter.register_structure_hook_factory(
        attrs.has, lambda cls: body if cls in _ORGANIZATION_CLASSES else plain_record(cls)
    )

    @functools.cache
    def unstructure_record(cls: type) -> Callable[[Any], dict[str, Any]]:
        inner: Callable[[Any], dict[str, Any]] = make_dict_unstructure_fn(
            cls, converter, _cattrs_omit_if_default=True, **_renames(cls)
        )
        if cls not in _ORGANIZATION_CLASSES:
            return inner
        return lambda org: {"kind": cls.TAG, **inner(org)}

    converter.register_unstructure_hook_factory(attrs.has, unstructure_record)

    citation_hook = plain_record(Citation)

    def build_citation(value: object) -> Citation:
        citation: Citation = citation_hook(value, Citation)
        return citation

    def structure_citation(value: object, _: object) -> Citation:
        return _shared_citation(value, build_citation)

    converter.register_structure_hook(Citation, structure_citation)
    return converter


# Data cites the same few passages many times: share the (immutable) citations, each kept as a
# tuple of one, which is also the ``sources`` of every record that cites it alone. A citation is
# found by its (key, value) pairs as written: a streamed object is those pairs already (see
# _fast_record), so that a citation seen before costs one lookup.
_citations: dict[tuple[tuple[str, object], ...], tuple[Citation]] = {}
#: A bound on the memo of citations, not on the data.
_CITATIONS_KEPT = 100_000


def _shared_citation(value: object, build: Callable[[Any], Citation]) -> Citation:
    """The citation *value* describes: one seen before, or the one *build* makes of it (and the memo keeps)."""
    return _cited_alone(value, build)[0]


def _cited_alone(value: object, build: Callable[[Any], Citation]) -> tuple[Citation]:
    """:func:`_shared_citation`, as a tuple of one."""
    pairs = value if type(value) is tuple else tuple(value.items()) if type(value) is dict else None
    if pairs is not None:
        try:
            found = _citations.get(pairs)
        except TypeError:  # a value that is an array or an object as parsed whole: build() refuses it
            pairs = found = None
        if found is not None:
            return found
    alone = (build(value),)
    # Only pairs that built a citation are kept: texts (or null) under the keys of a citation, each once.
    if pairs is not None and len(_citations) < _CITATIONS_KEPT:
        _citations[pairs] = alone
    return alone


#: The package's one converter.
converter = _make_converter()


# The fast path. Valid data, the common case, is structured without cattrs' bookkeeping (a dict of
# results, a list of errors and a frame per field of every record): a scalar of the right JSON type is
# taken as it is, a date or an enum member is looked up in C. It refuses (raises) every value the
# converter would refuse or read otherwise, and the converter then structures the collection again and
# says what is wrong: problems, their messages and paths have one source, the converter.

_Fast: TypeAlias = Callable[[Any], Any]
_NONE_TYPE = type(None)
_TAKEN_AS_IS = (str, int, bool)  # exact types: a bool is no int, an int no float (those go through a hook)
_fast_records: dict[tuple[type, bool], _Fast] = {}
# What the fast path's refusals say (only to the slow path, which says what is wrong in its own words).
_TWICE, _KIND = "a key given twice", "kind"


def _refuse(value: object) -> NoReturn:
    raise TypeError(json_type(value))  # the converter says how, on the slow path


def _fast_hook(type_: Any) -> tuple[frozenset[type], _Fast]:
    """The JSON types *type_* takes as they are, and how to structure any other value (or refuse it)."""
    args = get_args(type_)
    if type_ in _TAKEN_AS_IS:
        return frozenset({type_}), _refuse
    others = [arg for arg in args if arg is not _NONE_TYPE]
    if get_origin(type_) in (types.UnionType, Union) and len(others) == 1 < len(args):  # X | None
        taken, other = _fast_hook(others[0])
        return taken | {_NONE_TYPE}, other
    if type_ is PartialDate:
        return frozenset(), parse_date  # a date as text; anything else (a TOML date) takes the slow path
    if isinstance(type_, type) and issubclass(type_, enum.StrEnum):
        return frozenset(), {member.value: member for member in type_}.__getitem__
    if _is_variadic_tuple(type_) and args[0] is Citation:
        return frozenset(), _fast_citations(_fast_record(Citation))
    if _is_variadic_tuple(type_):
        return frozenset(), _fast_tuple(*_fast_hook(args[0]))
    if _is_mapping(type_):
        return frozenset({dict}), _refuse
    if type_ in _ORGANIZATION_CLASSES:
        return frozenset(), _fast_body(type_)
    if attrs.has(type_):
        return frozenset(), _fast_record(type_)
    hook = converter.get_structure_hook(type_)  # a float: rare, and checked for finiteness there
    return frozenset(), lambda value: hook(value, type_)


def _fast_tuple(taken: frozenset[type], other: _Fast) -> _Fast:
    def structure(value: Any) -> tuple[Any, ...]:
        if type(value) is not list:
            raise TypeError(json_type(value))
        return tuple([item if type(item) in taken else other(item) for item in value])

    return structure


def _fast_record(cls: type, *, tagged: bool = False) -> _Fast:
    """
    Structure an object as *cls* (*tagged*: ignoring its ``kind``), refusing unknown fields.

    The object is a dict (parsed whole), or the tuple of its (key, value) pairs as written
    (streamed, see :func:`~._read.stream`): then a key given twice, which a dict would have
    hidden, is refused too.
    """
    found = _fast_records.get((cls, tagged))
    if found is not None:
        return found
    hints = get_type_hints(cls)
    # JSON name -> (the argument, the types taken as they are, the hook for others); None: a key to skip.
    plan: dict[str, tuple[str, frozenset[type], _Fast] | None] = {"kind": None} if tagged else {}
    for field in attrs.fields(cls):
        if field.init:
            plan[json_name(field)] = (field.alias or field.name, *_fast_hook(hints[field.name]))
    skipped = 1 if tagged else 0  # the kind, once

    def structure(value: Any) -> Any:
        pairs = value if type(value) is tuple else value.items() if type(value) is dict else _refuse(value)
        arguments = {}
        for key, item in pairs:
            entry = plan[key]  # an unknown field raises KeyError
            if entry is not None:
                name, taken, other = entry
                arguments[name] = item if type(item) in taken else other(item)
        if len(arguments) + skipped != len(pairs):
            raise KeyError(_TWICE)  # refused, for parse() to report
        return cls(**arguments)  # a missing field raises TypeError, a bad value the field's validator

    return _fast_records.setdefault((cls, tagged), structure)


def _fast_citations(plain: _Fast) -> _Fast:
    """Structure an array of citations, each built by *plain* unless seen before."""

    def structure(value: Any) -> tuple[Citation, ...]:
        if type(value) is not list:
            raise TypeError(json_type(value))
        # Most statements cite one source: their tuple of one is shared, as the citation is.
        if len(value) == 1:
            return _cited_alone(value[0], plain)
        return tuple([_shared_citation(item, plain) for item in value])

    return structure


def _fast_body(declared: type) -> _Fast:
    """Structure a body as the class its ``kind`` names."""
    by_tag = {cls.TAG: _fast_record(cls, tagged=True) for cls in ORGANIZATIONS.classes if issubclass(cls, declared)}

    def structure(value: Any) -> Any:
        pairs = value if type(value) is tuple else value.items() if type(value) is dict else _refuse(value)
        for key, item in pairs:  # the kind comes first, as a rule
            if key == "kind":
                return by_tag[item](value)
        raise KeyError(_KIND)

    return structure


# Joins a message to the field it concerns, for _problems to move into the path.
_AT_FIELD = "\x00"


def format_problem(exc: BaseException, type_: type | None) -> str:
    """Say what is wrong, for :func:`cattrs.transform_error`."""
    if isinstance(exc, FieldError):
        return f"{exc}{_AT_FIELD}{exc.field}"
    if isinstance(exc, ForbiddenExtraKeysError):
        names = ", ".join(short(name) for name in sorted(exc.extra_fields))
        return f"unknown field {names} (not part of the format; check its spelling)"
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, (TypeError, ValueError)) and str(exc):
        return str(exc)
    return cattrs.v.format_exception(exc, type_)


def _problems(exc: Exception, file: str, path: str) -> list[Problem]:
    if isinstance(exc, cattrs.BaseValidationError):
        messages = cattrs.transform_error(exc, path=path, format_exception=format_problem)
    else:
        messages = [f"{format_problem(exc, None)} @ {path}"]
    problems = []
    for message in messages:
        what, _, where = message.rpartition(" @ ")
        what, _, field = (what or message).partition(_AT_FIELD)
        where = where or path
        problems.append(Problem(file, f"{where}.{field}" if field else where, what))
    return problems


def structure(value: object, type_: Any, file: str, path: str) -> tuple[Any, list[Problem]]:
    """
    Structure *value* as *type_*, or say everything wrong with it (each problem at its path).

    Example:
        >>> structure({"source": 3}, Citation, "x.json", "$.sources[0]")[1][0].message
        'expected a string, got an integer'
    """
    try:
        return converter.structure(value, type_), []
    except (cattrs.BaseValidationError, ValueError, TypeError) as exc:
        return None, _problems(exc, file, path)


def structure_records(
    value: object, cls: type, file: str, path: str, *, consume: bool = False
) -> tuple[tuple[Any, ...] | None, list[Problem]]:
    """
    Structure *value* as a tuple of *cls*, or say everything wrong with it: :func:`structure`, faster.

    With *consume*, each item of the array is dropped from it as soon as it is structured:
    the JSON and the records of a large file are not all held at once.

    Example:
        >>> structure_records([{"source": "s"}], Citation, "x.json", "$.c")[0]
        (Citation(source='s', quote=None, note=None),)
        >>> structure_records([{"source": "s"}, {"source": 3}], Citation, "x.json", "$.c", consume=True)[1][0].path
        '$.c[1].source'
    """
    type_ = types.GenericAlias(tuple, (cls, ...))
    if type(value) is not list:
        return structure(value, type_, file, path)  # refused, in the converter's words
    item = _fast_hook(cls)[1]
    done: list[Any] = []
    try:
        if not consume:
            return tuple([item(each) for each in value]), []
        for index, each in enumerate(value):
            done.append(item(each))
            value[index] = None
        return tuple(done), []
    except Exception:  # noqa: BLE001 - whatever the fault, the converter reads the collection again to report it
        # The items before the fault were fine (and, consumed, are gone): the converter reads the
        # rest, each at its index, exactly as it reads a whole array.
        rest = value[len(done) :]
    try:
        items = _structure_items(rest, converter.get_structure_hook(cls), type_, len(done))
    except (cattrs.BaseValidationError, ValueError, TypeError) as exc:
        return None, _problems(exc, file, path)
    return (*done, *items), []


def structure_document(
    raw: Mapping[str, Any], file: str, *, consume: bool = False
) -> tuple[Document | None, list[Problem]]:
    """
    The document a parsed file holds, or every problem with it.

    With *consume*, the arrays of *raw*'s collections are emptied as they are structured
    (see :func:`structure_records`).

    Example:
        >>> structure_document({"organizations": 3}, "x.json")[1][0].message
        'expected an array, got an integer'
    """
    problems: list[Problem] = []
    records: dict[str, tuple[Any, ...]] = {}
    for key, value in raw.items():
        if key in DOCUMENT_KEYS:
            continue
        collection = BY_NAME.get(key)
        if collection is None:
            expected = ", ".join([*BY_NAME, *DOCUMENT_KEYS])
            problems.append(Problem(file, f"$.{key}", f"unknown collection {short(key)}; expected one of: {expected}"))
            continue
        found, wrong = structure_records(value, collection.cls, file, f"$.{key}", consume=consume)
        problems += wrong
        if found is not None:
            records[key] = found
    overrides, wrong = structure(raw.get("overrides", []), tuple[Override, ...], file, "$.overrides")
    problems += wrong
    about, wrong = structure(raw.get("about", {}), dict[str, Any], file, "$.about")
    problems += wrong
    if about and not all(isinstance(item, str) for item in about.values()):
        problems.append(Problem(file, "$.about", "every value of 'about' must be a string"))
    schema = raw.get("$schema")
    if schema is not None and not isinstance(schema, str):
        problems.append(Problem(file, "$.$schema", f"expected a string, got {json_type(schema)}"))
    as_of, wrong = structure(raw.get("as_of"), PartialDate | None, file, "$.as_of")
    problems += wrong
    if problems:
        return None, problems
    return Document(records=records, overrides=overrides, about=about or None, schema=schema, as_of=as_of), []


def stream_document(data: bytes, file: str, *, limit: int) -> Document | None:
    """
    The document of a valid JSON file, each record structured as soon as it is read; None for any other file.

    The file's JSON is never held whole: each record's objects are dropped once it is built,
    so they die young and the cycle collector never traverses them. Any fault, or a TOML
    file, gives None: :func:`~._read.parse` and :func:`structure_document` then read the
    file and say what is wrong, exactly as if this had not been tried.

    Example:
        >>> stream_document(b'{"sources": []}', "x.json", limit=100).records
        {'sources': ()}
        >>> stream_document(b'{"sources": [{}]}', "x.json", limit=100) is None
        True
    """
    if is_toml(file):
        return None
    text, _ = decode(data, file, limit=limit)
    if text is None:
        return None
    records: dict[str, list[Any]] = {}
    others: dict[str, Any] = {}
    hooks = {name: _fast_hook(collection.cls)[1] for name, collection in BY_NAME.items()}
    try:
        for key, item in stream(text, BY_NAME):
            if key not in BY_NAME:
                others[key] = item
            elif item is ARRAY_BEGINS:
                records[key] = []
            else:
                records[key].append(hooks[key](item))
    except Exception:  # noqa: BLE001 - whatever the fault, the file is read again the other way, to report it
        return None
    document, problems = structure_document(others, file)
    if document is None or problems:
        return None
    return attrs.evolve(document, records={key: tuple(found) for key, found in records.items()})


def unstructure(value: Any) -> Any:
    """
    A record (or a tuple of records) as JSON-ready data, defaults left out.

    Example:
        >>> unstructure(Citation(source="s", quote="q"))
        {'source': 's', 'quote': 'q'}
    """
    return converter.unstructure(value)


def unstructure_document(document: Document) -> dict[str, Any]:
    """
    A document as a JSON object, its collections in registry order.

    Example:
        >>> unstructure_document(Document(records={}, about={"title": "t"}))
        {'about': {'title': 't'}}
    """
    data: dict[str, Any] = {}
    if document.schema is not None:
        data["$schema"] = document.schema
    if document.about:
        data["about"] = dict(document.about)
    if document.as_of is not None:
        data["as_of"] = str(document.as_of)
    for collection in COLLECTIONS:
        records = document.records.get(collection.name)
        if records:
            data[collection.name] = [converter.unstructure(record) for record in records]
    if document.overrides:
        data["overrides"] = converter.unstructure(document.overrides)
    return data
