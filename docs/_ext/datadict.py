"""
A Sphinx extension that writes the data dictionary from the model and the bundled data.

Every class and field of the model, every body and every source, regenerated on each build
into ``reference/data-dictionary.md`` (not kept in git), so the page cannot drift from the code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs

import jp_mfg_policy as jmp
from jp_mfg_policy._serde import COLLECTION_TYPES, ORGANIZATION_KINDS


def _field_docs(cls: type) -> dict[str, str]:
    """The ``Attributes:`` section of a class's docstring, field by field."""
    docs: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        lines = (klass.__doc__ or "").splitlines()
        inside, name = False, None
        for line in lines:
            stripped = line.strip()
            if stripped == "Attributes:":
                inside = True
                continue
            if inside and stripped.endswith(":") and " " not in stripped:
                inside = False
            if not inside or not stripped:
                continue
            head, sep, rest = stripped.partition(": ")
            if sep and line.startswith(" " * 8) and not line.startswith(" " * 12) and " " not in head:
                name = head
                docs[name] = rest
            elif name:
                docs[name] += " " + stripped
    return docs


def _type_name(annotation: object) -> str:
    text = str(annotation).replace("jp_mfg_policy._models.", "").replace("jp_mfg_policy._dates.", "")
    return text.replace("<class '", "").replace("'>", "").replace("|", "or")


def _table(cls: type) -> list[str]:
    docs = _field_docs(cls)
    rows = ["| field | type | required | meaning |", "| --- | --- | --- | --- |"]
    for field in attrs.fields(attrs.resolve_types(cls)):
        required = "yes" if field.default is attrs.NOTHING else "no"
        meaning = docs.get(field.name, "").replace("|", "/")
        rows.append(f"| `{field.name}` | `{_type_name(field.type)}` | {required} | {meaning} |")
    return rows


def render() -> str:
    """The whole data dictionary as MyST Markdown."""
    system = jmp.load()
    out = [
        "# Data dictionary",
        "",
        f"Generated from the model and the bundled data (data release {jmp.DATA_VERSION}, as of {jmp.DATA_AS_OF}).",
        "",
        "## Collections and their records",
        "",
        "A data file is a JSON (or TOML) object whose keys are collections; each collection is a list of",
        "records of one class. Records of `organizations` carry a `kind`: "
        + ", ".join(f"`{kind}` ({cls.__name__})" for kind, cls in ORGANIZATION_KINDS.items())
        + ".",
        "",
    ]
    seen: set[type] = set()
    classes: list[type] = []
    for cls in [*ORGANIZATION_KINDS.values(), *COLLECTION_TYPES.values()]:
        if cls not in seen:
            seen.add(cls)
            classes.append(cls)
    nested = [jmp.Citation, jmp.Name, jmp.Identifier, jmp.ResearchStream, jmp.Target]
    collection_of = {cls: name for name, cls in COLLECTION_TYPES.items()}
    for cls in [*classes, *nested]:
        where = f" (collection `{collection_of[cls]}`)" if cls in collection_of else ""
        summary = (cls.__doc__ or "").strip().splitlines()[0]
        out += [f"### {cls.__name__}{where}", "", summary, "", *_table(cls), ""]
    out += ["## Enumerations", ""]
    for enum in (jmp.LegalForm, jmp.RelationKind, jmp.EventKind, jmp.NameKind, jmp.IdentifierScheme):
        out += [f"### {enum.__name__}", "", "| value | meaning |", "| --- | --- |"]
        for member in enum:
            label = getattr(member, "label", "")
            if enum is jmp.LegalForm:
                label = f"{member.label} ({member.label_ja})"
            out.append(f"| `{member.value}` | {label} |")
        out.append("")
    out += [
        "## Bodies",
        "",
        "| id | kind | acronym | name | Japanese name | established | dissolved |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for org in system.organizations:
        kind = next(k for k, c in ORGANIZATION_KINDS.items() if c is type(org))
        out.append(
            f"| `{org.id}` | {kind} | {org.acronym or ''} | {org.name} | {org.name_ja or ''} | "
            f"{org.established or ''} | {org.dissolved or ''} |"
        )
    out += ["", "## Sources", "", "| id | publisher | title | address |", "| --- | --- | --- | --- |"]
    for source in system.sources:
        title = source.title.replace("|", "/")
        link = f"<{source.url}>" if source.url else ""
        out.append(f"| `{source.id}` | {source.publisher} | {title} | {link} |")
    return "\n".join(out) + "\n"


def _write(app: Any) -> None:  # noqa: ANN401 - the Sphinx application
    target = Path(app.srcdir) / "reference" / "data-dictionary.md"
    text = render()
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")


def setup(app: Any) -> dict[str, Any]:  # noqa: ANN401 - the Sphinx application
    """Register the generator with Sphinx."""
    app.connect("builder-inited", _write)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
