"""Hypothesis strategies for the model: every record class, field by field, with st.builds."""

from __future__ import annotations

import calendar
import string
from typing import Any

import attrs
from hypothesis import strategies as st

import jp_mfg_policy as jmp
from jp_mfg_policy._fields import REFERS_TO, SCHEMA, text_problem
from jp_mfg_policy._registry import COLLECTIONS

CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"


@st.composite
def partial_dates(draw: st.DrawFn, years: tuple[int, int] = (1, 9999)) -> jmp.PartialDate:
    """Dates known to the year, the month or the day."""
    year = draw(st.integers(*years))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return jmp.PartialDate(year)
    month = draw(st.integers(1, 12))
    if precision == "month":
        return jmp.PartialDate(year, month)
    return jmp.PartialDate(year, month, draw(st.integers(1, calendar.monthrange(year, month)[1])))


@st.composite
def ror_ids(draw: st.DrawFn) -> str:
    """Well-formed ROR IDs, check digits included."""
    body = "0" + "".join(draw(st.lists(st.sampled_from(CROCKFORD), min_size=6, max_size=6)))
    number = 0
    for char in body:
        number = number * 32 + CROCKFORD.index(char)
    return f"{body}{98 - (number * 100) % 97:02d}"


@st.composite
def corporate_numbers(draw: st.DrawFn) -> str:
    """Well-formed Japanese corporate numbers."""
    base = draw(st.text(string.digits, min_size=12, max_size=12))
    total = sum(int(d) * (2 if i % 2 else 1) for i, d in enumerate(reversed(base)))
    return f"{9 - total % 9}{base}"


slugs = st.from_regex(r"[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,6}){0,2}", fullmatch=True)
# Visible one-line text (letters, digits, punctuation, Japanese), as the model's own rule accepts it.
texts = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1, max_size=30).filter(
    lambda text: text_problem(text, lines=False) is None
)
identifiers = st.one_of(
    st.builds(jmp.Identifier, scheme=st.just(jmp.IdentifierScheme.ROR), value=ror_ids(), sources=st.just(())),
    st.builds(
        jmp.Identifier,
        scheme=st.just(jmp.IdentifierScheme.CORPORATE_NUMBER),
        value=corporate_numbers(),
        sources=st.just(()),
    ),
    st.builds(
        jmp.Identifier,
        scheme=st.just(jmp.IdentifierScheme.WIKIDATA),
        value=st.integers(1, 10**9).map(lambda n: f"Q{n}"),
        sources=st.just(()),
    ),
)
citations = st.builds(jmp.Citation, source=slugs, quote=st.none() | texts, note=st.none() | texts)
st.register_type_strategy(jmp.Citation, citations)
citation_lists = st.lists(citations, min_size=1, max_size=2).map(tuple)

# What fields of particular names hold; everything else follows from the field's declaration.
_BY_NAME: dict[str, st.SearchStrategy[Any]] = {
    "id": slugs,
    "sources": citation_lists,
    "website": st.none() | st.just("https://example.org/"),
    "url": st.none() | st.just("https://example.org/a"),
    "copy_url": st.none() | st.just("https://copy.example.org/a"),
    "country": st.sampled_from(["JP", "US", "DE"]),
    "language": st.sampled_from(["en", "ja", "ja-Latn"]),
    "lang": st.sampled_from(["en", "ja"]),
    "value": st.floats(-1e6, 1e6, allow_nan=False),
    "collection": st.sampled_from([collection.name for collection in COLLECTIONS]),
    "text_ja": texts,
}
st.register_type_strategy(jmp.PartialDate, partial_dates())


def _for_field(cls: type, field: attrs.Attribute[Any]) -> st.SearchStrategy[Any] | None:
    if cls is jmp.Identifier:
        return None
    if field.name in _BY_NAME:
        return _BY_NAME[field.name]
    if REFERS_TO in field.metadata:
        if field.default == ():
            return st.lists(slugs, max_size=2).map(tuple)
        return (st.none() | slugs) if field.default is None else slugs
    if field.type is str:
        return texts
    if field.type == str | None:
        return st.none() | texts
    if field.type == int | None and SCHEMA in field.metadata:
        schema = field.metadata[SCHEMA]
        return st.none() | st.integers(schema["minimum"], min(schema["maximum"], 10**9))
    return None


def records(cls: type) -> st.SearchStrategy[Any]:
    """Arbitrary records of *cls*, valid field by field, every field drawn (st.builds over the attrs fields)."""
    if cls is jmp.Identifier:
        return identifiers
    kwargs = {
        field.name: strategy
        for field in attrs.fields(cls)
        if field.init and (strategy := _for_field(cls, field)) is not None
    }
    return st.builds(cls, **kwargs)


def collection_records(name: str) -> st.SearchStrategy[Any]:
    """Arbitrary records of one collection (any of its classes)."""
    collection = next(c for c in COLLECTIONS if c.name == name)
    return st.one_of(*[records(cls) for cls in collection.classes])


# Nested records (names, identifiers, targets, phases ...) are drawn as their own classes are.
for _collection in COLLECTIONS:
    for _cls in _collection.classes:
        for _field in attrs.fields(_cls):
            for _inner in getattr(_field.type, "__args__", ()):
                if isinstance(_inner, type) and attrs.has(_inner) and _inner is not jmp.PartialDate:
                    st.register_type_strategy(_inner, records(_inner))
