"""Every statement names its source, and every quote is found in it."""

from __future__ import annotations

import re
from importlib.resources import files
from typing import Any

import attrs
import pytest

import jp_mfg_policy as jmp

SYSTEM = jmp.load()


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _words_of(source: jmp.Source) -> list[str]:
    """The bundled text of a source, or the excerpts recorded when it was checked."""
    if source.text is not None:
        return [files("jp_mfg_policy").joinpath("data", "texts", source.text).read_text(encoding="utf-8")]
    return list(source.excerpts)


SOURCE_WORDS = {source.id: [_normalise(words) for words in _words_of(source)] for source in SYSTEM.sources}


def _records() -> list[Any]:
    return [
        *SYSTEM.organizations,
        *SYSTEM.relations(),
        *SYSTEM.events,
        *SYSTEM.publications,
        *SYSTEM.awards,
        *SYSTEM.strategies,
        *SYSTEM.recommendations,
        *SYSTEM.plans,
        *SYSTEM.memberships,
        *SYSTEM.caveats,
    ]


def _citations(record: Any) -> list[jmp.Citation]:
    found = list(getattr(record, "sources", ()))
    for field in attrs.fields(type(record)):
        value = getattr(record, field.name)
        if isinstance(value, tuple):
            for child in value:
                if attrs.has(type(child)):
                    found += _citations(child)
    return found


QUOTES = [
    (citation.source, citation.quote)
    for record in _records()
    for citation in _citations(record)
    if citation.quote is not None
]


class TestQuotes:
    @pytest.mark.parametrize(("source", "quote"), QUOTES)
    def test_quote_is_in_its_source(self, source: str, quote: str) -> None:
        """Each quote appears verbatim (up to whitespace) in its source's bundled words."""
        assert any(_normalise(quote) in words for words in SOURCE_WORDS[source])

    def test_many_quotes(self) -> None:
        """The data quotes its sources widely."""
        assert len(QUOTES) > 200

    def test_primary_source_bundled(self) -> None:
        """The primary source page is bundled with the package."""
        assert "Manufacturing Policy Portal" in SOURCE_WORDS["cambridge-actors"][0]


class TestCaveats:
    @pytest.mark.parametrize("caveat", SYSTEM.caveats, ids=lambda c: f"{c.subject}-{c.topic}")
    def test_statement_is_the_sources_words(self, caveat: jmp.Caveat) -> None:
        """What a caveat says the source said is found verbatim in that source."""
        assert any(_normalise(caveat.statement) in words for words in SOURCE_WORDS[caveat.source])

    @pytest.mark.parametrize(
        ("subject", "topic"),
        [
            ("csti", "name"),
            ("keidanren", "membership"),
            ("aist", "legal_form"),
            ("jst", "legal_form"),
            ("nedo", "legal_form"),
            ("monodzukuri-nippon-grand-award", "organisers"),
            ("monodzukuri-white-paper", "title"),
        ],
    )
    def test_the_pages_aged_statements(self, subject: str, topic: str) -> None:
        """The page's hedged or aged statements are kept beside the later facts."""
        (caveat,) = [c for c in SYSTEM.caveats_of(subject) if c.topic == topic]
        assert "cambridge-actors" == caveat.source
        assert caveat.sources

    def test_counts_keep_their_date(self) -> None:
        """The 2014 counts keep their date."""
        (caveat,) = [c for c in SYSTEM.caveats_of("Keidanren") if c.topic == "membership"]
        assert "2014-07-01" == str(caveat.as_of)


class TestEveryStatementCited:
    @pytest.mark.parametrize("record", _records(), ids=repr)
    def test_records(self, record: Any) -> None:
        """Every entity, relation, event and count names at least one source."""
        assert record.sources

    def test_names_and_identifiers(self) -> None:
        """Every former name and every identifier names its source."""
        for org in SYSTEM.organizations:
            items: list[jmp.Name | jmp.Identifier] = [*org.former_names, *org.identifiers]
            for item in items:
                assert item.sources, (org.id, item)

    def test_primary_source_everywhere(self) -> None:
        """Every body the source page describes cites it."""
        page = SOURCE_WORDS["cambridge-actors"][0]
        for org in SYSTEM.organizations:
            if org.acronym and f"({org.acronym})" in page:
                assert "cambridge-actors" in {c.source for c in org.sources}, org.id


TEXT_FIELDS = ("description", "role", "missions", "functions", "title_meaning", "purpose", "text")


class TestSourceWords:
    @pytest.mark.parametrize("record", [r for r in _records() if hasattr(r, "id")], ids=lambda r: r.id)
    def test_descriptions_are_the_sources_words(self, record: Any) -> None:
        """Descriptions, roles, missions and functions are verbatim from a source the record cites."""
        cited = {c.source for c in record.sources}
        texts = []
        for field in TEXT_FIELDS:
            value = getattr(record, field, None)
            texts += [value] if isinstance(value, str) else list(value or ())
        texts += [s.description for s in getattr(record, "research_streams", ())]
        for text in texts:
            assert any(_normalise(text) in words for source in cited for words in SOURCE_WORDS[source]), text


class TestCite:
    def test_text_names_source_publisher_and_date(self) -> None:
        """A plain citation names the data release, the source page, its publisher and the access date."""
        text = SYSTEM.cite("AIST")
        assert text.startswith(
            f"AIST (National Institute of Advanced Industrial Science and Technology): "
            f"jp-mfg-policy data {jmp.DATA_VERSION}"
        )
        page = SYSTEM.source("cambridge-actors")
        assert page.title in text
        assert page.publisher in text
        assert "access date not recorded" in text
        assert "“Japan’s primary publicly funded research organisation”" not in text  # quotes are whole passages
        assert "is Japan’s primary publicly funded research organisation" in text

    def test_every_cited_source_appears(self) -> None:
        """Each source behind a body's facts, its relations and events included, is cited."""
        for org in SYSTEM.organizations:
            text = SYSTEM.cite(org)
            bib = SYSTEM.cite(org, bibtex=True)
            for record in SYSTEM.facts(org):
                for citation in _citations(record):
                    assert SYSTEM.source(citation.source).title in text
                    assert f"{{{citation.source}," in bib

    def test_bibtex_is_balanced(self) -> None:
        """Each BibTeX entry's braces balance, and special characters are escaped."""
        bib = SYSTEM.cite("Keidanren", bibtex=True)
        for entry in bib.strip().split("\n\n"):
            assert entry.count("{") == entry.count("}")
            assert entry.startswith(("@misc{", "@online{"))
        assert r"Actors \& Institutions (Japan)" in SYSTEM.cite("METI", bibtex=True)

    def test_cite_a_relation(self) -> None:
        """A single relation can be cited on its own."""
        (funds,) = SYSTEM.relations(kind="funds")
        assert "an IAI whose budget is largely provided by METI" in SYSTEM.cite(funds)
