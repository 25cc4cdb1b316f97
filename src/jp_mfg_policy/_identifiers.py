"""
External identifier schemes and their form checks.
"""

from __future__ import annotations

import enum
import re

_CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"
_ROR = re.compile(r"0[0-9a-hjkmnp-tv-z]{6}[0-9]{2}")
_ROR_URL = re.compile(r"(?:https?://)?ror\.org/", re.IGNORECASE)
_QID = re.compile(r"Q[1-9][0-9]*")
_CORPORATE_NUMBER = re.compile(r"[1-9][0-9]{12}")
_FUNDER_ID = re.compile(r"[1-9][0-9]{8,11}")


class IdentifierScheme(enum.StrEnum):
    """
    The identifier schemes a body can carry.

    Example:
        >>> IdentifierScheme("ror").label
        'Research Organization Registry ID'
    """

    WIKIDATA = "wikidata"
    ROR = "ror"
    CORPORATE_NUMBER = "corporate_number"
    FUNDER_ID = "funder_id"

    @property
    def label(self) -> str:
        """
        A readable name for the scheme.

        Example:
            >>> IdentifierScheme.CORPORATE_NUMBER.label
            'Japanese corporate number (法人番号)'
        """
        return _LABELS[self]


_LABELS = {
    IdentifierScheme.WIKIDATA: "Wikidata QID",
    IdentifierScheme.ROR: "Research Organization Registry ID",
    IdentifierScheme.CORPORATE_NUMBER: "Japanese corporate number (法人番号)",
    IdentifierScheme.FUNDER_ID: "Crossref Funder ID",
}


def ror_checksum_ok(ror_id: str) -> bool:
    """
    Whether a bare 9-character ROR ID carries the right check digits.

    ROR IDs end in two ISO 7064 Mod 97-10 check digits computed over the
    Crockford base-32 value of the first seven characters.

    Example:
        >>> ror_checksum_ok("055tm7f07"), ror_checksum_ok("055tm7f08")
        (True, False)
    """
    if not _ROR.fullmatch(ror_id):
        return False
    number = 0
    for char in ror_id[:7]:
        number = number * 32 + _CROCKFORD.index(char)
    return f"{98 - (number * 100) % 97:02d}" == ror_id[7:]


def corporate_number_ok(number: str) -> bool:
    """
    Whether a 13-digit Japanese corporate number has a valid check digit.

    The leading digit is ``9 - (sum of the other twelve digits, weighted
    1, 2, 1, 2 ... from the right) mod 9``, as the National Tax Agency sets out.

    Example:
        >>> corporate_number_ok("4000012090001"), corporate_number_ok("9000012070001")
        (True, False)
    """
    if not _CORPORATE_NUMBER.fullmatch(number):
        return False
    digits = [int(char) for char in reversed(number[1:])]
    total = sum(digit * (2 if position % 2 else 1) for position, digit in enumerate(digits))
    return 9 - total % 9 == int(number[0])


def normalize_identifier(scheme: IdentifierScheme | str, value: str) -> str:
    """
    Bring an identifier to its canonical form, or raise ``ValueError``.

    ROR IDs are accepted bare or as their ``https://ror.org/`` URL and come
    back bare and lower-case; Wikidata QIDs come back upper-case.

    Example:
        >>> normalize_identifier("ror", "https://ror.org/055TM7F07")
        '055tm7f07'
        >>> normalize_identifier("wikidata", "q1197264")
        'Q1197264'
    """
    scheme = IdentifierScheme(scheme)
    text = value.strip()
    if scheme is IdentifierScheme.ROR:
        text = _ROR_URL.sub("", text).lower()
        if not ror_checksum_ok(text):
            msg = f"not a ROR ID (9 characters '0' + 6 base-32 + 2 check digits): {value!r}"
            raise ValueError(msg)
    elif scheme is IdentifierScheme.WIKIDATA:
        text = text.upper()
        if not _QID.fullmatch(text):
            msg = f"not a Wikidata QID ('Q' followed by digits): {value!r}"
            raise ValueError(msg)
    elif scheme is IdentifierScheme.CORPORATE_NUMBER:
        if not corporate_number_ok(text):
            msg = f"not a Japanese corporate number (13 digits with a valid check digit): {value!r}"
            raise ValueError(msg)
    elif not _FUNDER_ID.fullmatch(text):
        msg = f"not a Crossref Funder ID (9 to 12 digits): {value!r}"
        raise ValueError(msg)
    return text


def identifier_url(scheme: IdentifierScheme, value: str) -> str | None:
    """
    The web address at which an identifier resolves, where it has one.

    Example:
        >>> identifier_url(IdentifierScheme.WIKIDATA, "Q6005")
        'https://www.wikidata.org/wiki/Q6005'
    """
    return {
        IdentifierScheme.WIKIDATA: f"https://www.wikidata.org/wiki/{value}",
        IdentifierScheme.ROR: f"https://ror.org/{value}",
        IdentifierScheme.FUNDER_ID: f"https://doi.org/10.13039/{value}",
    }.get(scheme)
