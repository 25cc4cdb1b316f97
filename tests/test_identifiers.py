"""Identifiers: their forms, check digits and addresses, and looking bodies up by them."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import jp_mfg_policy as jmp
from jp_mfg_policy._identifiers import corporate_number_ok, identifier_url, normalize_identifier, ror_checksum_ok
from strategies import corporate_numbers, ror_ids


class TestForms:
    @given(ror_ids())
    def test_ror_in_every_form(self, ror: str) -> None:
        """A ROR ID reads the same bare, as an address, in capitals or with spaces around it."""
        for form in (ror, f"https://ror.org/{ror}", f"http://ror.org/{ror.upper()}", f" ror.org/{ror} "):
            assert ror == normalize_identifier("ror", form)

    @given(st.integers(1, 10**11))
    def test_wikidata_in_every_form(self, number: int) -> None:
        """A QID reads the same bare, as the entity URI SPARQL returns, as a page URL, or as wd:."""
        qid = f"Q{number}"
        forms = (
            qid,
            qid.lower(),
            f"http://www.wikidata.org/entity/{qid}",
            f"https://www.wikidata.org/wiki/{qid}",
            f"https://m.wikidata.org/wiki/{qid}",
            f"https://www.wikidata.org/wiki/Special:EntityPage/{qid}",
            f"wd:{qid}",
        )
        for form in forms:
            assert qid == normalize_identifier("wikidata", form)

    @given(corporate_numbers())
    def test_corporate_number_in_every_form(self, number: str) -> None:
        """A corporate number reads the same with or without hyphens or spaces, in full-width digits too."""
        full_width = number.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
        for form in (
            number,
            f"{number[0]}-{number[1:5]}-{number[5:9]}-{number[9:]}",
            f"{number[:4]} {number[4:]}",
            full_width,
        ):
            assert number == normalize_identifier("corporate_number", form)

    def test_funder_id_forms(self) -> None:
        """A Crossref Funder ID reads the same bare, as a DOI or as a DOI address."""
        for form in (
            "501100003050",
            "10.13039/501100003050",
            "https://doi.org/10.13039/501100003050",
            "doi:10.13039/501100003050",
        ):
            assert "501100003050" == normalize_identifier("funder_id", form)

    @pytest.mark.parametrize(
        ("scheme", "value"),
        [
            ("ror", "055tm7f08"),  # wrong check digits
            ("ror", "155tm7f07"),  # ROR IDs start with 0
            ("wikidata", "Q0"),
            ("wikidata", "P31"),
            ("wikidata", "http://www.wikidata.org/entity/"),
            ("corporate_number", "9000012070001"),  # wrong check digit
            ("corporate_number", "400001209000"),  # 12 digits
            ("funder_id", "123"),
            ("ror", "x" * 10_000),  # refused before any work
        ],
    )
    def test_refuses(self, scheme: str, value: str) -> None:
        """Malformed identifiers are refused, naming the scheme."""
        with pytest.raises(ValueError, match="not a"):
            normalize_identifier(scheme, value)

    @given(ror_ids())
    def test_ror_checksum(self, ror: str) -> None:
        """Changing a check digit breaks the checksum."""
        assert ror_checksum_ok(ror)
        wrong = ror[:-1] + str((int(ror[-1]) + 1) % 10)
        assert not ror_checksum_ok(wrong)

    @given(corporate_numbers())
    def test_corporate_check_digit(self, number: str) -> None:
        """Changing the check digit breaks it."""
        assert corporate_number_ok(number)
        assert not corporate_number_ok(str((int(number[0]) % 9) + 1) + number[1:])

    def test_addresses(self) -> None:
        """Each scheme has its canonical address: Wikidata's entity URI, the NTA's record of a corporate number."""
        assert "http://www.wikidata.org/entity/Q6005" == identifier_url("wikidata", "Q6005")
        assert "https://ror.org/055tm7f07" == identifier_url("ror", "055tm7f07")
        assert identifier_url("corporate_number", "4000012090001").endswith("selHouzinNo=4000012090001")
        assert "https://doi.org/10.13039/501100003050" == identifier_url("funder_id", "501100003050")

    def test_identifier_record_is_canonical(self) -> None:
        """An Identifier holds its value in canonical form whatever form it was given in."""
        assert (
            "Q1197264"
            == jmp.Identifier(
                scheme=jmp.IdentifierScheme.WIKIDATA, value="http://www.wikidata.org/entity/Q1197264"
            ).value
        )
        with pytest.raises(ValueError, match="not a ROR ID"):
            jmp.Identifier(scheme=jmp.IdentifierScheme.ROR, value="nope")


class TestByIdentifier:
    def test_every_identifier_of_every_body(self, system: jmp.PolicySystem) -> None:
        """Every identifier in the data finds its body, in its bare form and as its address."""
        for org in system.organizations:
            for identifier in org.identifiers:
                assert org is system.by_identifier(identifier.scheme, identifier.value)
                assert org is system.by_identifier(
                    identifier.scheme, identifier_url(identifier.scheme, identifier.value)
                )

    def test_sparql_entity_uri(self, system: jmp.PolicySystem) -> None:
        """A QID as a SPARQL result gives it finds the body (source: ROR record 055tm7f07, Wikidata Q1197264)."""
        assert "meti" == system.by_identifier("wikidata", "http://www.wikidata.org/entity/Q1197264").id

    @pytest.mark.parametrize("missing", [None, math.nan, float("nan"), pd.NA])
    def test_missing_values_match_nothing(self, system: jmp.PolicySystem, missing: object) -> None:
        """None, NaN and pandas' NA are no match: the default, or UnknownEntityError without one."""
        assert system.by_identifier("ror", missing, default="none") == "none"
        with pytest.raises(jmp.UnknownEntityError):
            system.by_identifier("ror", missing)

    def test_malformed_with_a_default(self, system: jmp.PolicySystem) -> None:
        """A malformed value gives the default when one is given, and ValueError otherwise."""
        assert system.by_identifier("ror", "not-a-ror", default=None) is None
        with pytest.raises(ValueError, match="not a ROR ID"):
            system.by_identifier("ror", "not-a-ror")

    def test_unknown_but_well_formed(self, system: jmp.PolicySystem) -> None:
        """A well-formed identifier nobody has is UnknownEntityError (a KeyError), or the default."""
        with pytest.raises(KeyError):
            system.by_identifier("wikidata", "Q1")
        assert system.by_identifier("wikidata", "Q1", None) is None

    def test_scheme_must_be_text(self, system: jmp.PolicySystem) -> None:
        """A scheme given as None is a TypeError, naming what is expected."""
        with pytest.raises(TypeError, match="identifier scheme"):
            system.by_identifier(None, "Q1")  # type: ignore[arg-type]

    def test_integer_corporate_number(self, system: jmp.PolicySystem) -> None:
        """A corporate number read by pandas as an integer still matches (METI: 4000012090001, Japanese Wikipedia)."""
        assert "meti" == system.by_identifier("corporate_number", 4000012090001).id

    def test_join_a_column(self, system: jmp.PolicySystem) -> None:
        """A column of mixed forms and gaps joins in one line, as a researcher writes it."""
        frame = pd.DataFrame({"ror": ["https://ror.org/00097mb19", None, "055tm7f07", pd.NA, "bad"]})
        found = [getattr(system.by_identifier("ror", value, None), "id", None) for value in frame["ror"]]
        assert ["jst", None, "meti", None, None] == found
