"""Hypothesis strategies for the model."""

from __future__ import annotations

import calendar
import string

from hypothesis import strategies as st

import jp_mfg_policy as jmp

CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"


@st.composite
def partial_dates(draw: st.DrawFn) -> jmp.PartialDate:
    """Dates known to the year, the month or the day."""
    year = draw(st.integers(1, 9999))
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
texts = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=30).filter(str.strip)
citations = st.builds(jmp.Citation, source=slugs, quote=st.none() | texts, note=st.none() | texts)
names = st.builds(
    jmp.Name,
    text=texts,
    lang=st.sampled_from(["en", "ja"]),
    kind=st.sampled_from(jmp.NameKind),
    valid_from=st.none() | partial_dates(),
    valid_until=st.none() | partial_dates(),
    sources=st.lists(citations, max_size=2).map(tuple),
)
identifiers = st.one_of(
    st.builds(jmp.Identifier, scheme=st.just(jmp.IdentifierScheme.ROR), value=ror_ids()),
    st.builds(jmp.Identifier, scheme=st.just(jmp.IdentifierScheme.CORPORATE_NUMBER), value=corporate_numbers()),
    st.builds(
        jmp.Identifier,
        scheme=st.just(jmp.IdentifierScheme.WIKIDATA),
        value=st.integers(1, 10**9).map(lambda n: f"Q{n}"),
    ),
)


def organizations(cls: type[jmp.Organization] = jmp.Organization) -> st.SearchStrategy[jmp.Organization]:
    """Arbitrary bodies of class *cls*, valid field by field."""
    extra = {}
    if cls is jmp.Agency:
        extra["supervisor"] = st.none() | slugs
    if cls is jmp.Council:
        extra["host"] = st.none() | slugs
    return st.builds(
        cls,
        id=slugs,
        name=texts,
        name_ja=st.none() | texts,
        acronym=st.none() | texts,
        aliases=st.lists(texts, max_size=3).map(tuple),
        former_names=st.lists(names, max_size=2).map(tuple),
        description=st.none() | texts,
        missions=st.lists(texts, max_size=2).map(tuple),
        established=st.none() | partial_dates(),
        dissolved=st.none() | partial_dates(),
        legal_form=st.none() | st.sampled_from(jmp.LegalForm),
        website=st.none() | st.just("https://example.org/"),
        identifiers=st.lists(identifiers, max_size=3).map(tuple),
        predecessors=st.lists(slugs, max_size=2).map(tuple),
        sources=st.lists(citations, min_size=1, max_size=3).map(tuple),
        **extra,
    )


any_organization = st.sampled_from(
    [jmp.Organization, jmp.Ministry, jmp.Agency, jmp.Council, jmp.BusinessFederation]
).flatmap(organizations)
