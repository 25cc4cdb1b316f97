"""
A Sphinx extension that writes the data dictionary from the registry of collections.

Every collection of :data:`jp_mfg_policy._registry.COLLECTIONS`, every class its records may
be of, every field of those classes (with its name in data files, its type, whether it is
required, what it refers to, its constraints and its meaning) and every record class and
enumeration nested in them, regenerated on each build into ``reference/data-dictionary.md``
(not kept in git), so that the page cannot drift from the code.

Example:
    >>> text = render()
    >>> from jp_mfg_policy._registry import COLLECTIONS
    >>> all(f"`{collection.name}`" in text for collection in COLLECTIONS)
    True
"""

from __future__ import annotations

import enum
import re
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Union, get_args, get_origin

import attrs

import jp_mfg_policy as jmp
from jp_mfg_policy._dates import PartialDate
from jp_mfg_policy._document import DOCUMENT_KEYS, Override
from jp_mfg_policy._fields import JSON_NAME, REFERS_TO, SCHEMA
from jp_mfg_policy._registry import COLLECTIONS, Collection

_PRIMITIVES: dict[object, str] = {
    str: "text",
    int: "integer",
    float: "number",
    bool: "`true` or `false`",
    type(None): "`null`",
}
_LINK_TARGET = re.compile(r"[^a-z0-9]+")
_ENTRY = re.compile(r"(\w+): (.*)")
_ROLE = re.compile(r":[a-z]+:`~?([^`]+)`")  # :class:`Law`, :meth:`~PolicySystem.at`
_INDENT = 8  # an attribute's line in a class docstring: the class body's indent plus one level


def label(cls: type) -> str:
    """
    The reference label of a class's section on the page.

    Example:
        >>> label(jmp.Citation), label(jmp.LegalForm)
        ('datadict-citation', 'datadict-legalform')
    """
    return "datadict-" + _LINK_TARGET.sub("-", cls.__name__.lower())


def field_docs(cls: type) -> dict[str, str]:
    """
    The ``Attributes:`` sections of a class's docstrings (its own and its bases'), field by field.

    Example:
        >>> field_docs(jmp.Citation)["quote"]
        'The passage of the source that supports the statement, verbatim.'
        >>> field_docs(jmp.Ministry)["name_ja"][:26]
        'The official Japanese name'
    """
    docs: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        inside, name = False, None
        for line in (klass.__doc__ or "").splitlines():
            stripped = line.strip()
            indent = len(line) - len(line.lstrip())
            if stripped == "Attributes:":
                inside, name = True, None
                continue
            if not inside or not stripped:
                continue
            if indent < _INDENT:  # the next section ("Example:") begins
                inside = False
                continue
            entry = _ENTRY.fullmatch(stripped)
            if indent == _INDENT and entry:
                name = entry.group(1)
                docs[name] = entry.group(2)
            elif name:
                docs[name] += " " + stripped
    return docs


def _enums_and_records(annotation: object) -> Iterator[type]:
    """The enumerations and attrs classes an annotation names, however nested."""
    if isinstance(annotation, type) and (issubclass(annotation, enum.Enum) or attrs.has(annotation)):
        yield annotation
    for arg in get_args(annotation):
        yield from _enums_and_records(arg)


def type_text(annotation: object) -> str:
    """
    A field's type as MyST Markdown, in the words of the data format.

    Example:
        >>> type_text(str | None)
        'text, or `null`'
        >>> type_text(tuple[jmp.Citation, ...])
        'list of {ref}`Citation <datadict-citation>`'
        >>> type_text(PartialDate)
        'date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`)'
    """
    origin, args = get_origin(annotation), get_args(annotation)
    if origin in (Union, types.UnionType):
        options = [type_text(arg) for arg in args if arg is not type(None)]
        text = " or ".join(options)
        return text + ", or `null`" if type(None) in args else text
    if origin is tuple:
        return f"list of {type_text(args[0])}"
    if origin is dict:
        return "object"
    if annotation is PartialDate:
        return "date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`)"
    if isinstance(annotation, type) and (issubclass(annotation, enum.Enum) or attrs.has(annotation)):
        return f"{{ref}}`{annotation.__name__} <{label(annotation)}>`"
    if annotation in _PRIMITIVES:
        return _PRIMITIVES[annotation]
    return f"`{annotation}`"


def _constraints(field: attrs.Attribute[Any]) -> str:
    """What the field's declaration says beyond its type: a pattern, a range, what its ids name."""
    notes = []
    refers_to = field.metadata.get(REFERS_TO)
    if refers_to is not None:
        notes.append(f"the id of {'an' if refers_to[0] in 'aeiou' else 'a'} {refers_to}")
    schema = field.metadata.get(SCHEMA, {})
    items = schema.get("items", schema)
    if "pattern" in items:
        notes.append(f"pattern `{items['pattern']}`")
    if items.get("minLength") == 1:
        notes.append("not blank")
    if "minimum" in items and "maximum" in items:
        notes.append(f"{items['minimum']:,} to {items['maximum']:,}")
    if "enum" in items:
        shown = ", ".join(items["enum"][:3])
        notes.append(f"one of {len(items['enum'])} codes ({shown} ...)")
    return "; ".join(notes)


def _cell(text: str) -> str:
    r"""
    Text for one cell of a Markdown table: one line, pipes escaped, reStructuredText roles as code.

    Example:
        >>> print(_cell("The id of a :class:`Strategy`,  or *none* | all"))
        The id of a `Strategy`, or *none* \| all
    """
    text = _ROLE.sub(r"`\1`", " ".join(text.split()))
    return text.replace("|", "\\|")


def field_table(cls: type) -> list[str]:
    """
    The table of a record class's fields, as they are written in data files.

    Example:
        >>> rows = field_table(Override)
        >>> rows[0]
        '| field | type | required | constraints | meaning |'
        >>> [row.split(" | ")[0] for row in rows[2:4]]
        ['| `collection`', '| `id`']
        >>> any(row.startswith("| `set`") for row in rows)
        True
    """
    docs = field_docs(cls)
    rows = ["| field | type | required | constraints | meaning |", "| --- | --- | --- | --- | --- |"]
    for field in attrs.fields(attrs.resolve_types(cls)):
        if not field.init:
            continue
        name = field.metadata.get(JSON_NAME, field.name)
        required = "yes" if field.default is attrs.NOTHING else "no"
        meaning = docs.get(field.name, "")
        rows.append(
            f"| `{name}` | {type_text(field.type)} | {required} | {_cell(_constraints(field))} | {_cell(meaning)} |"
        )
    return rows


def _summary(cls: type) -> str:
    return " ".join((cls.__doc__ or "").strip().split("\n\n")[0].split())


def _nested(classes: list[type]) -> tuple[list[type], list[type]]:
    """The record classes and enumerations reachable from *classes*' fields, in order of first use."""
    records: list[type] = []
    enums: list[type] = []
    queue = list(classes)
    while queue:
        cls = queue.pop(0)
        for field in attrs.fields(attrs.resolve_types(cls)):
            for found in _enums_and_records(field.type):
                if issubclass(found, enum.Enum):
                    if found not in enums:
                        enums.append(found)
                elif found not in classes and found not in records:
                    records.append(found)
                    queue.append(found)
    return records, enums


def _collection_rows(counts: dict[str, int]) -> list[str]:
    rows = [
        "| collection | record classes | entities | bundled file | records | what it holds |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for collection in COLLECTIONS:
        classes = ", ".join(f"{{ref}}`{cls.__name__} <{label(cls)}>`" for cls in collection.classes)
        entity = "yes" if collection.entity else "no"
        rows.append(
            f"| `{collection.name}` | {classes} | {entity} | `{collection.file}` | "
            f"{counts[collection.name]:,} | {_cell(collection.doc)} |"
        )
    return rows


def _collection_section(collection: Collection[Any]) -> list[str]:
    out: list[str] = []
    base = collection.cls
    for cls in collection.classes:
        tag = getattr(cls, "TAG", None)
        where = f"collection `{collection.name}`" + (f', `"kind": "{tag}"`' if collection.kinds else "")
        out += [f"({label(cls)})=", f"### {cls.__name__} ({where})", "", _summary(cls), ""]
        if cls is base or attrs.fields(cls) != attrs.fields(base):
            out += [*field_table(cls), ""]
        else:
            out += [f"The fields of {{ref}}`{base.__name__} <{label(base)}>`.", ""]
    return out


def _enum_section(cls: type[enum.Enum]) -> list[str]:
    out = [f"({label(cls)})=", f"### {cls.__name__}", "", _summary(cls), ""]
    out += ["| value | meaning |", "| --- | --- |"]
    for member in cls:
        meaning = getattr(member, "label", "")
        label_ja = getattr(member, "label_ja", None)
        if label_ja:
            meaning = f"{meaning} ({label_ja})"
        out.append(f"| `{member.value}` | {_cell(str(meaning))} |")
    return [*out, ""]


def render() -> str:
    """
    The whole data dictionary as MyST Markdown.

    Example:
        >>> text = render()
        >>> "### Organization (collection `organizations`" in text, "### LegalForm" in text
        (True, True)
        >>> "| `established` | date" in text and "| `set` |" in text
        True
    """
    system = jmp.load()
    counts = {collection.name: len(system.dataset[collection]) for collection in COLLECTIONS}
    classes = [cls for collection in COLLECTIONS for cls in collection.classes]
    records, enums = _nested([*classes, Override])
    keys = ", ".join(f"`{key}`" for key in DOCUMENT_KEYS)
    out = [
        "# Data dictionary",
        "",
        (
            f"Generated from the registry of collections and the model (data release {jmp.DATA_VERSION}, "
            f"as of {jmp.DATA_AS_OF}). The format itself, the rules of the whole and overrides are described "
            "in {doc}`data-format`."
        ),
        "",
        "## Collections",
        "",
        (
            "A data file is a JSON (or TOML) object whose keys are collections, each a list of records, "
            f"and optionally {keys}. The records of a collection of several classes carry a `kind`."
        ),
        "",
        *_collection_rows(counts),
        "",
        "## Records of the collections",
        "",
        (
            "Fields are listed under their names in data files. A field that is not required may be left out; "
            "a missing value is `null` (or an empty list)."
        ),
        "",
    ]
    for collection in COLLECTIONS:
        out += _collection_section(collection)
    out += ["## Records within records", ""]
    for cls in records:
        out += [f"({label(cls)})=", f"### {cls.__name__}", "", _summary(cls), "", *field_table(cls), ""]
    out += [
        f"({label(Override)})=",
        "### Override (in `overrides`)",
        "",
        _summary(Override),
        "",
        *field_table(Override),
        "",
        "## Enumerations",
        "",
        "Written in data files as their values.",
        "",
    ]
    for cls in enums:
        out += _enum_section(cls)
    return "\n".join(out).rstrip("\n") + "\n"


def _write(app: Any) -> None:
    target = Path(app.srcdir) / "reference" / "data-dictionary.md"
    text = render()
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")


def setup(app: Any) -> dict[str, Any]:
    """Register the generator with Sphinx."""
    app.connect("builder-inited", _write)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
