"""Identifier form checks."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import jp_mfg_policy as jmp
from jp_mfg_policy._identifiers import corporate_number_ok, normalize_identifier, ror_checksum_ok
from strategies import corporate_numbers, ror_ids


class TestForms:
    @given(ror_ids())
    def test_ror_accepted_bare_or_as_url(self, ror: str) -> None:
        """A valid ROR ID normalises to its bare form, given bare or as a URL."""
        assert ror == normalize_identifier("ror", ror)
        assert ror == normalize_identifier("ror", f"https://ror.org/{ror.upper()}")

    @given(ror_ids(), st.integers(0, 8))
    def test_ror_single_change_detected(self, ror: str, position: int) -> None:
        """Changing one character of a ROR ID breaks its checksum or its form."""
        replacement = "1" if ror[position] != "1" else "2"
        mutated = ror[:position] + replacement + ror[position + 1 :]
        assert not ror_checksum_ok(mutated)

    @given(corporate_numbers(), st.integers(0, 12))
    def test_corporate_number_single_change_detected(self, number: str, position: int) -> None:
        """Changing one digit of a corporate number breaks its check digit."""
        digit = int(number[position])
        # A change of 9 (0 <-> 9) at a weight-1 place is the one the check digit cannot see.
        replacement = str(digit + 1 if digit < 9 else digit - 1)
        mutated = number[:position] + replacement + number[position + 1 :]
        if mutated[0] != "0":
            assert corporate_number_ok(number)
            assert not corporate_number_ok(mutated)

    def test_known_bad_corporate_number(self) -> None:
        """The wrong number a third-party file pairs with MEXT fails the check."""
        assert not corporate_number_ok("9000012070001")

    @pytest.mark.parametrize(
        ("scheme", "value"),
        [
            ("wikidata", "1197264"),
            ("wikidata", "Q01"),
            ("ror", "055tm7f08"),
            ("ror", "155tm7f07"),
            ("corporate_number", "400001209000"),
            ("corporate_number", "4000012090002"),
            ("funder_id", "abc"),
        ],
    )
    def test_rejects_malformed(self, scheme: str, value: str) -> None:
        """Malformed identifiers are rejected with a message naming the scheme's form."""
        with pytest.raises(ValueError, match="not a"):
            normalize_identifier(scheme, value)


class TestBundled:
    def test_every_identifier_passes_its_check(self, system: jmp.PolicySystem) -> None:
        """Every identifier in the data is well formed for its scheme."""
        checked = 0
        for org in system.organizations:
            for identifier in org.identifiers:
                assert identifier.value == normalize_identifier(identifier.scheme, identifier.value)
                checked += 1
        assert checked > 20

    def test_by_identifier_finds_every_body(self, system: jmp.PolicySystem) -> None:
        """Each identifier leads back to its body."""
        for org in system.organizations:
            for identifier in org.identifiers:
                assert org is system.by_identifier(identifier.scheme, identifier.value)

    def test_by_identifier_unknown(self, system: jmp.PolicySystem) -> None:
        """An unknown but well-formed identifier raises, or returns the default."""
        with pytest.raises(jmp.UnknownEntityError):
            system.by_identifier("wikidata", "Q1")
        assert system.by_identifier("wikidata", "Q1", None) is None
