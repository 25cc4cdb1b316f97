"""Provenance: every quote in its source, every source original, cited and dated, every identifier sound."""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import attrs
import pytest

import jp_mfg_policy as jmp
from jp_mfg_policy._bodies import Organization
from jp_mfg_policy._facts import Source
from jp_mfg_policy._identifiers import IdentifierScheme, corporate_number_ok, ror_checksum_ok
from jp_mfg_policy._records import Citation
from jp_mfg_policy._registry import CAVEATS, COLLECTIONS, FILES, SOURCES
from jp_mfg_policy._schema import schema

DATA = Path(__file__).parents[1] / "src" / "jp_mfg_policy" / "data"
# The sources as the data file has them, read once at collection time to parametrise by source.
SOURCE_IDS = [source["id"] for source in json.loads((DATA / "sources.json").read_text(encoding="utf-8"))["sources"]]

# Hosts of document-scraper, Wikipedia-mirror, proxy and law-text-copy sites, taken from the copy_url
# values of sources.json (where the data itself records that a text was read in a copy). A source's
# url must be the original publisher's address, never one of these.
COPY_HOSTS = (
    # document-sharing and scraper sites
    "fdocuments.",
    "yumpu.",
    "expydoc.",
    "happylibus.",
    "docplayer.",
    "docbox.com",
    "pdfslide.",
    "vdocuments.",
    "docslib.",
    "studylib.",
    "paperzz.",
    "dokumen123.",
    "fb2.top",
    # copies and proxies of Wikipedia
    "wikiwand.",
    "wikizero.",
    "weblio.",
    "kotoba.ne.jp",
    "yomi.mobi",
    "wiki.pages.dev",
    "classicistranieri.",
    "wikipedia-on-ipfs.",
    "everything.explained.today",
    "profilbaru.",
    "siakadpt.",
    "wikiredia.",
    "wiki.x.io",
    "iiab.me",
    "kiwix.",
    "riteme.",
    "chikapedia.",
    "japanese.pink",
    "seisyun.net",
    "gtool.pro",
    "zoppoz.",
    "hqproductreviews.",
    "haohao.work.gd",
    "spacexinsight.",
    "wikiclassic.",
    "pedia.3rd-in.co.jp",
    "everybodywiki.",
    "lolipop.jp",
    "uekf.asia",
    # reproductions of news, of the Diet minutes and of law texts
    "2nn.jp",
    "shutoken-net.jp",
    "kokalog.net",
    "global-regulation.com",
    "iuris.jp",
    "hourei.net",
    "elaws.jp",
    "legaldoc.jp",
    "mark-point.jp",
    "jnrera.starfree.jp",
)

# Known data problems, each a strict xfail: the mark must go when the data is fixed.
_ON_COPY_HOST: dict[str, str] = {}
_URL_IS_COPY: dict[str, str] = {}
_NO_CORPORATE_NUMBER: dict[str, str] = {}


def _params(ids: list[str], known: dict[str, str]) -> list[Any]:
    return [
        pytest.param(key, marks=pytest.mark.xfail(strict=True, reason=f"data: {known[key]}")) if key in known else key
        for key in ids
    ]


def _citations(record: object, path: str) -> Iterator[tuple[str, Citation]]:
    """Every citation inside a record, nested records included, with where it is."""
    if isinstance(record, Citation):
        yield path, record
    elif attrs.has(cls := type(record)):
        for field in attrs.fields(cls):
            yield from _citations(getattr(record, field.name), f"{path}.{field.name}")
    elif isinstance(record, tuple):
        for index, item in enumerate(record):
            yield from _citations(item, f"{path}[{index}]")


def _all_citations(system: jmp.PolicySystem) -> Iterator[tuple[str, Citation]]:
    for collection in COLLECTIONS:
        for index, record in enumerate(system.dataset[collection]):
            yield from _citations(record, f"{collection.name}[{getattr(record, 'id', index)}]")


def _flat(text: str) -> str:
    """Whitespace normalised: runs of spaces and line breaks as one space."""
    return " ".join(text.split())


def _source_texts(source: Source) -> list[str]:
    """The source's excerpts and, where it has one, its bundled full text, whitespace normalised."""
    texts = [_flat(excerpt) for excerpt in source.excerpts]
    if source.text is not None:
        texts.append(_flat((DATA / "texts" / source.text).read_text(encoding="utf-8")))
    return texts


def _sources(system: jmp.PolicySystem) -> dict[str, Source]:
    return {source.id: source for source in system.dataset[SOURCES]}


def _json(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def _organization(system: jmp.PolicySystem, key: str) -> Organization:
    body = system.get(key)
    assert isinstance(body, Organization)
    return body


ORGANIZATION_IDS = [body["id"] for body in _json("organizations.json")["organizations"]]


class TestQuotes:
    def test_every_quote_is_in_its_source(self, system: jmp.PolicySystem) -> None:
        """Every citation's quote is found, whitespace normalised, in its source's excerpts or bundled text."""
        sources = _sources(system)
        missing = [
            (path, citation.source, citation.quote[:80])
            for path, citation in _all_citations(system)
            if citation.quote is not None
            and not any(_flat(citation.quote) in text for text in _source_texts(sources[citation.source]))
        ]
        assert [] == missing

    def test_the_check_can_fail(self, system: jmp.PolicySystem) -> None:
        """The check above finds a quote that is not in its source: it is not vacuous."""
        source = _sources(system)["cambridge-actors"]
        assert any("Ministry of Economy" in text for text in _source_texts(source))
        assert not any(_flat("METI was founded on the Moon") in text for text in _source_texts(source))

    def test_bundled_texts_exist(self, system: jmp.PolicySystem) -> None:
        """Every source with a text field names a file in data/texts/, and every file there is named by a source."""
        named = {source.text for source in system.dataset[SOURCES] if source.text is not None}
        assert named == {path.name for path in (DATA / "texts").iterdir()}

    def test_every_source_has_something_to_check(self, system: jmp.PolicySystem) -> None:
        """Every source holds excerpts or a bundled text, so that quotes from it can be checked."""
        assert [] == [source.id for source in system.dataset[SOURCES] if not source.excerpts and source.text is None]


class TestSources:
    def test_every_source_is_cited(self, system: jmp.PolicySystem) -> None:
        """Every source is cited by a citation somewhere or is the source of a caveat."""
        cited = {citation.source for _, citation in _all_citations(system)}
        cited |= {caveat.source for caveat in system.dataset[CAVEATS]}
        assert [] == sorted(set(_sources(system)) - cited)

    @pytest.mark.parametrize("source_id", _params(SOURCE_IDS, _ON_COPY_HOST))
    def test_url_is_not_a_copy_host(self, system: jmp.PolicySystem, source_id: str) -> None:
        """A source's url is the original publisher's, not a scraper, mirror or copy (those go in copy_url)."""
        url = _sources(system)[source_id].url
        host = (urlsplit(url).hostname or "") if url else ""
        assert [] == [pattern for pattern in COPY_HOSTS if pattern in host]

    @pytest.mark.parametrize("source_id", _params(SOURCE_IDS, _URL_IS_COPY))
    def test_url_is_not_the_copy(self, system: jmp.PolicySystem, source_id: str) -> None:
        """Where a copy was read, its address differs from the source's url."""
        source = _sources(system)[source_id]
        assert source.copy_url is None or source.url != source.copy_url

    def test_copy_hosts_come_from_the_data(self, system: jmp.PolicySystem) -> None:
        """Each scraper or mirror host named above is one the data records as a copy it read (no made-up list)."""
        seen = " ".join(urlsplit(s.copy_url).hostname or "" for s in system.dataset[SOURCES] if s.copy_url)
        named_in_the_brief = {"yumpu.", "docplayer."}  # examples of scrapers, not (yet) in the data
        assert [] == [pattern for pattern in COPY_HOSTS if pattern not in seen and pattern not in named_in_the_brief]

    def test_every_source_has_an_access_date_or_a_reason(self, system: jmp.PolicySystem) -> None:
        """Every source has an accessed date, or a note saying why the access date is not recorded."""
        assert [] == [
            source.id
            for source in system.dataset[SOURCES]
            if source.accessed is None and "access" not in (source.note or "").lower()
        ]

    def test_read_after_publication(self, system: jmp.PolicySystem) -> None:
        """No source was read before it was published."""
        for source in system.dataset[SOURCES]:
            if source.accessed is not None and source.published is not None:
                assert source.published.start() <= source.accessed.end(), source.id


class TestIdentifiers:
    @pytest.mark.parametrize("key", ORGANIZATION_IDS)
    def test_japanese_body_has_a_qid_or_a_reason(self, system: jmp.PolicySystem, key: str) -> None:
        """Every Japanese body has a Wikidata QID or a recorded reason why none is recorded."""
        body = _organization(system, key)
        if body.country != "JP":
            pytest.skip("not a Japanese body")
        schemes = {i.scheme for i in body.identifiers} | {m.scheme for m in body.missing_identifiers}
        assert IdentifierScheme.WIKIDATA in schemes

    @pytest.mark.parametrize("key", _params(ORGANIZATION_IDS, _NO_CORPORATE_NUMBER))
    def test_legal_person_has_a_corporate_number_or_a_reason(self, system: jmp.PolicySystem, key: str) -> None:
        """Every legal person (by its legal form) has a corporate number or a recorded reason why not."""
        body = _organization(system, key)
        if body.legal_form is None or not body.legal_form.legal_person:
            pytest.skip("not a legal person by its recorded form")
        schemes = {i.scheme for i in body.identifiers} | {m.scheme for m in body.missing_identifiers}
        assert IdentifierScheme.CORPORATE_NUMBER in schemes

    @pytest.mark.parametrize(
        "key",
        ORGANIZATION_IDS,
    )
    def test_identifier_or_reason_not_both(self, system: jmp.PolicySystem, key: str) -> None:
        """A body does not both carry an identifier of a scheme and give a reason for having none."""
        body = _organization(system, key)
        assert set() == {i.scheme for i in body.identifiers} & {m.scheme for m in body.missing_identifiers}

    def test_check_digits(self, system: jmp.PolicySystem) -> None:
        """Every ROR ID and every corporate number in the data carries a valid check digit."""
        checks = {IdentifierScheme.ROR: ror_checksum_ok, IdentifierScheme.CORPORATE_NUMBER: corporate_number_ok}
        found = [
            (body.id, identifier.value)
            for body in system.organizations
            for identifier in body.identifiers
            if identifier.scheme in checks and not checks[identifier.scheme](identifier.value)
        ]
        assert [] == found
        assert any(
            i.scheme is IdentifierScheme.CORPORATE_NUMBER for body in system.organizations for i in body.identifiers
        )

    @pytest.mark.parametrize("key", ORGANIZATION_IDS)
    def test_found_by_every_written_form(self, system: jmp.PolicySystem, key: str) -> None:
        """by_identifier finds the body by each of its identifiers, in every common written form."""
        body = _organization(system, key)
        for identifier in body.identifiers:
            value = identifier.value
            forms = {
                IdentifierScheme.ROR: [value, value.upper(), f"https://ror.org/{value}", f"ror.org/{value}"],
                IdentifierScheme.WIKIDATA: [
                    value,
                    f"http://www.wikidata.org/entity/{value}",
                    f"https://www.wikidata.org/wiki/{value}",
                    f"wd:{value}",
                ],
                IdentifierScheme.CORPORATE_NUMBER: [
                    value,
                    f"{value[0]}-{value[1:5]}-{value[5:9]}-{value[9:]}",
                    f"https://www.houjin-bangou.nta.go.jp/henkorireki-johoto.html?selHouzinNo={value}",
                ],
                IdentifierScheme.FUNDER_ID: [value, f"10.13039/{value}", f"https://doi.org/10.13039/{value}"],
            }[identifier.scheme]
            for form in forms:
                assert body.id == system.by_identifier(identifier.scheme.value, form).id, form

    def test_identifiers_are_unique(self, system: jmp.PolicySystem) -> None:
        """No identifier value belongs to two bodies."""
        seen: dict[tuple[IdentifierScheme, str], str] = {}
        for body in system.organizations:
            for identifier in body.identifiers:
                key = (identifier.scheme, identifier.value)
                assert seen.setdefault(key, body.id) == body.id, key


class TestSchema:
    def test_jsonschema_version(self) -> None:
        """The jsonschema package is installed (a tests extra) in a version with Draft 2020-12."""
        major = int(version("jsonschema").split(".")[0])
        assert major >= 4  # Draft 2020-12 arrived in jsonschema 4

    def test_schema_is_current(self) -> None:
        """data/schema.json is what _schema.py generates today."""
        assert schema() == _json("schema.json")

    @pytest.mark.parametrize("name", FILES)
    def test_file_validates_against_generated_schema(self, name: str) -> None:
        """Each bundled data file satisfies the schema generated from the model."""
        import jsonschema

        validator = jsonschema.Draft202012Validator(schema())
        errors = [f"{e.json_path}: {e.message[:200]}" for e in validator.iter_errors(_json(name))]
        assert [] == errors

    @pytest.mark.parametrize("name", FILES)
    def test_file_validates_against_bundled_schema(self, name: str) -> None:
        """Each bundled data file satisfies data/schema.json, the schema users validate against."""
        import jsonschema

        bundled = _json("schema.json")
        jsonschema.Draft202012Validator.check_schema(bundled)
        validator = jsonschema.Draft202012Validator(bundled)
        errors = [f"{e.json_path}: {e.message[:200]}" for e in validator.iter_errors(_json(name))]
        assert [] == errors

    def test_schema_rejects_a_bad_record(self) -> None:
        """The schema check is not vacuous: an unknown field in a body is an error."""
        import jsonschema

        validator = jsonschema.Draft202012Validator(schema())
        bad = {"organizations": [{"kind": "agency", "id": "x", "name": "X", "colour": "red"}]}
        assert list(validator.iter_errors(bad))
