"""
Citations of the facts behind an entity, as plain text or BibTeX.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import attrs

from ._models import Citation, Source
from ._version import DATA_AS_OF, DATA_VERSION

_BIBTEX_SPECIAL = re.compile(r"([&%$#_{}])")


def citations_in(record: object) -> Iterator[Citation]:
    """Every citation held by *record*: its own first, then those at any depth (names, identifiers ...)."""
    yield from getattr(record, "sources", ())
    for field in attrs.fields(type(record)):  # type: ignore[arg-type]  # every record is an attrs instance
        if field.name == "sources":
            continue
        value = getattr(record, field.name)
        if not isinstance(value, tuple):
            continue
        for item in value:
            if isinstance(item, Citation):
                yield item
            elif attrs.has(type(item)):
                yield from citations_in(item)


def gather(records: Iterable[object], sources: dict[str, Source]) -> list[tuple[Source, list[str]]]:
    """The sources cited by *records*, in order of first citation, each with its distinct quotes."""
    quotes: dict[str, list[str]] = {}
    for record in records:
        statement = getattr(record, "statement", None)
        if statement is not None:  # a caveat quotes its own source
            quotes.setdefault(record.source, []).append(statement)  # type: ignore[attr-defined]
        for citation in citations_in(record):
            found = quotes.setdefault(citation.source, [])
            if citation.quote and citation.quote not in found:
                found.append(citation.quote)
    return [(sources[ident], found) for ident, found in quotes.items()]


def _accessed(source: Source) -> str:
    if source.accessed is not None:
        return f"accessed {source.accessed}"
    return f"access date not recorded; checked for jp-mfg-policy data {DATA_VERSION} ({DATA_AS_OF})"


def as_text(subject: str, cited: list[tuple[Source, list[str]]]) -> str:
    """A plain-text citation: the dataset, then each source with the passages relied on."""
    lines = [f"{subject}: jp-mfg-policy data {DATA_VERSION} ({DATA_AS_OF}), citing:"]
    for number, (source, quotes) in enumerate(cited, 1):
        where = f" {source.url}" if source.url else ""
        copy = f" (read at {source.copy_url})" if source.copy_url else ""
        lines.append(f"[{number}] {source.publisher}. “{source.title}”.{where}{copy} ({_accessed(source)}).")
        lines += [f"    “{quote}”" for quote in quotes]
    return "\n".join(lines)


def _escape(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(r"\\\1", text.replace("\\", r"\textbackslash{}"))


def as_bibtex(cited: list[tuple[Source, list[str]]]) -> str:
    """BibTeX entries: the dataset, then each cited source."""
    entries = [
        "@misc{jp-mfg-policy-" + DATA_VERSION + ",\n"
        "  title = {{jp-mfg-policy}: Japan's manufacturing-policy system as typed, sourced data},\n"
        "  author = {{The jp-mfg-policy maintainers}},\n"
        f"  year = {{{DATA_AS_OF.year}}},\n"
        f"  version = {{{DATA_VERSION}}},\n"
        f"  date = {{{DATA_AS_OF}}},\n"
        "  note = {Data release " + DATA_VERSION + "}\n"
        "}"
    ]
    for source, _ in cited:
        fields = [
            ("title", _escape(source.title)),
            ("author", "{" + _escape(source.publisher) + "}"),
            ("publisher", _escape(source.publisher)),
        ]
        if source.published is not None:
            fields.append(("date", str(source.published)))
        if source.url:
            fields.append(("url", source.url))
        if source.accessed is not None:
            fields.append(("urldate", str(source.accessed)))
        notes = [_accessed(source)] if source.accessed is None else []
        if source.copy_url:
            notes.append(f"read at \\url{{{source.copy_url}}}")
        if notes:
            fields.append(("note", "; ".join(_escape(n) if not n.startswith("read at") else n for n in notes)))
        fields.append(("langid", {"ja": "japanese", "de": "german"}.get(source.language, "english")))
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        entries.append(f"@online{{{source.id},\n{body}\n}}")
    return "\n\n".join(entries) + "\n"
