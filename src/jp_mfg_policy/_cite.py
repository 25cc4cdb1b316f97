"""
Citations of the facts behind a record, as plain text or BibTeX.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import cast

import attrs

from ._bodies import Organization
from ._facts import Caveat, Event, MembershipCount, Relation, Source
from ._records import Citation, Entity
from ._version import DATA_AS_OF, DATA_VERSION

_BIBTEX = {
    "\\": r"\textbackslash{}",
    # BibTeX counts braces even after a backslash, so \{ would still close a field.
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def citations_in(record: object) -> Iterator[Citation]:
    """Every citation held by *record*: its own first, then those at any depth (names, identifiers ...)."""
    yield from getattr(record, "sources", ())
    for field in attrs.fields(cast("type[attrs.AttrsInstance]", type(record))):
        if field.name == "sources":
            continue
        value = getattr(record, field.name)
        if isinstance(value, tuple):
            for item in value:
                if isinstance(item, Citation):
                    yield item
                elif attrs.has(type(item)):
                    yield from citations_in(item)


def gather(records: Iterable[object], sources: Mapping[str, Source]) -> list[tuple[Source, list[str]]]:
    """The sources cited by *records*, in order of first citation, each with its distinct quotes."""
    quotes: dict[str, list[str]] = {}
    for record in records:
        if isinstance(record, Caveat):  # a caveat quotes its own source
            quotes.setdefault(record.source, []).append(record.statement)
        for citation in citations_in(record):
            found = quotes.setdefault(citation.source, [])
            if citation.quote and citation.quote not in found:
                found.append(citation.quote)
    return [(sources[ident], found) for ident, found in quotes.items()]


def subject(record: object) -> str:
    """
    How a citation names what it is about.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> system = jmp.load()
        >>> subject(system.get("MITI")), subject(system.history("CSTI")[1])
        ('MITI (Ministry of International Trade and Industry)', 'csti renamed on 2014-05-19')
    """
    if isinstance(record, Organization) and record.acronym:
        return f"{record.acronym} ({record.name})"
    if isinstance(record, Entity):
        return record.name
    if isinstance(record, Event):
        others = f" {', '.join(record.other)}" if record.other else ""
        return f"{record.body} {record.kind.value.replace('_', ' ')}{others} on {record.date or 'an unknown date'}"
    if isinstance(record, Relation):
        return f"{record.subject} {record.kind.value.replace('_', ' ')} {record.object}"
    if isinstance(record, MembershipCount):
        return f"{record.body}'s membership as of {record.as_of}"
    return type(record).__name__


def _accessed(source: Source) -> str:
    if source.accessed is not None:
        return f"accessed {source.accessed}"
    return f"access date not recorded; checked for jp-mfg-policy data {DATA_VERSION} ({DATA_AS_OF})"


def as_text(about: str, cited: list[tuple[Source, list[str]]]) -> str:
    """A plain-text citation: the dataset, then each source with the passages relied on."""
    lines = [f"{about}: jp-mfg-policy data {DATA_VERSION} ({DATA_AS_OF}), citing:"]
    for number, (source, quotes) in enumerate(cited, 1):
        where = f" {source.url}" if source.url else ""
        copy = f" (read at {source.copy_url})" if source.copy_url else ""
        lines.append(f"[{number}] {source.publisher}. “{source.title}”.{where}{copy} ({_accessed(source)}).")
        lines += [f"    “{quote}”" for quote in quotes]
    return "\n".join(lines)


def bibtex_text(text: str) -> str:
    r"""
    Text made safe inside a braced BibTeX field: no brace, backslash or special character can end or escape it.

    Example:
        >>> print(bibtex_text("R&D {50%} \\end"))
        R\&D \textbraceleft{}50\%\textbraceright{} \textbackslash{}end
    """
    return "".join(_BIBTEX.get(char, char) for char in " ".join(text.split()))


def bibtex_url(url: str) -> str:
    """
    An address made safe inside a braced BibTeX field: braces and backslashes percent-encoded.

    Example:
        >>> bibtex_url("https://example.org/a}b")
        'https://example.org/a%7Db'
    """
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


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
            ("title", bibtex_text(source.title)),
            ("author", "{" + bibtex_text(source.publisher) + "}"),
            ("publisher", bibtex_text(source.publisher)),
        ]
        if source.published is not None:
            fields.append(("date", str(source.published)))
        if source.url:
            fields.append(("url", bibtex_url(source.url)))
        if source.accessed is not None:
            fields.append(("urldate", str(source.accessed)))
        notes = [bibtex_text(_accessed(source))] if source.accessed is None else []
        if source.copy_url:
            notes.append(f"read at \\url{{{bibtex_url(source.copy_url)}}}")
        if notes:
            fields.append(("note", "; ".join(notes)))
        fields.append(("langid", {"ja": "japanese", "de": "german"}.get(source.language.split("-")[0], "english")))
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        entries.append(f"@online{{{source.id},\n{body}\n}}")
    return "\n\n".join(entries) + "\n"
