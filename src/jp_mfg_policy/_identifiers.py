"""
External identifier schemes: their written forms, check digits and canonical addresses.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Callable
from typing import cast

_CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"
# Crockford's base-32 digits as the ones int(..., 32) reads, so that C computes a ROR ID's value.
_CROCKFORD_AS_PYTHON = str.maketrans(_CROCKFORD, "0123456789abcdefghijklmnopqrstuv")
_ROR = re.compile(r"0[0-9a-hjkmnp-tv-z]{6}[0-9]{2}")
_ROR_PREFIX = re.compile(r"(?:https?://)?(?:www\.)?ror\.org/", re.IGNORECASE)
_QID = re.compile(r"Q[1-9][0-9]{0,11}")
# Concept URIs (what SPARQL returns), page URLs (desktop, mobile, Special:EntityPage) and the wd: prefix.
_WIKIDATA_PREFIX = re.compile(
    r"(?:https?://(?:www\.|m\.)?wikidata\.org/(?:entity/|wiki/(?:Special:EntityPage/)?)|wd:)", re.IGNORECASE
)
_CORPORATE_NUMBER = re.compile(r"[1-9][0-9]{12}")
# The National Tax Agency's record page, as identifier_url() writes it.
_CORPORATE_PREFIX = re.compile(
    r"https?://www\.houjin-bangou\.nta\.go\.jp/[^?]*\?(?:[^=&]*=[^&]*&)*selHouzinNo=", re.IGNORECASE
)
_FUNDER_ID = re.compile(r"[1-9][0-9]{8,11}")
_FUNDER_PREFIX = re.compile(r"(?:https?://(?:dx\.)?doi\.org/|doi:)?10\.13039/", re.IGNORECASE)
#: Inputs longer than this are no identifier of any scheme; they are refused before any work.
_LONGEST = 200


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
    number = int(ror_id[:7].translate(_CROCKFORD_AS_PYTHON), 32)
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
    # Counted from the right of the twelve, the odd places (indices 1, 3 ... 11) weigh 2, the even ones 1.
    total = 2 * sum(map(int, number[1::2])) + sum(map(int, number[2::2]))
    return 9 - total % 9 == int(number[0])


def normalize_identifier(scheme: IdentifierScheme | str, value: str) -> str:
    """
    Bring an identifier in any common written form to its canonical form, or raise ``ValueError``.

    - ROR: bare or as a ``ror.org`` address; comes back bare and lower-case.
    - Wikidata: a QID, a concept URI (``http://www.wikidata.org/entity/Q…``, as SPARQL
      returns it), a page URL or ``wd:Q…``; comes back as an upper-case QID.
    - Corporate number: 13 digits, with or without hyphens or spaces, full-width digits allowed, or the
      National Tax Agency's record address.
    - Crossref Funder ID: bare, as a DOI (``10.13039/…``) or a DOI address.

    Example:
        >>> normalize_identifier("ror", "https://ror.org/055TM7F07")
        '055tm7f07'
        >>> normalize_identifier("wikidata", "http://www.wikidata.org/entity/Q1197264")
        'Q1197264'
        >>> normalize_identifier("corporate_number", "4000-01-209-0001")
        '4000012090001'
    """
    found = _SCHEMES.get(scheme) if isinstance(cast("object", scheme), str) else None
    scheme = found if found is not None else IdentifierScheme(scheme)
    if not isinstance(cast("object", value), str):
        msg = f"expected an identifier as a string, got {type(value).__name__}"
        raise TypeError(msg)
    canonical = _CANONICAL[scheme]
    # Data mostly gives the canonical form already: then only the check digits are left to check.
    if canonical.fullmatch(value) and _CHECKED[scheme](value):
        return value
    if len(value) > _LONGEST:
        msg = f"not a {scheme.label}: {len(value):,} characters long"
        raise ValueError(msg)
    text = unicodedata.normalize("NFKC", value).strip()
    if scheme is IdentifierScheme.ROR:
        text = _ROR_PREFIX.sub("", text, count=1).lower()
        if not ror_checksum_ok(text):
            msg = f"not a ROR ID (9 characters: '0', 6 base-32 and 2 check digits): {value!r}"
            raise ValueError(msg)
    elif scheme is IdentifierScheme.WIKIDATA:
        text = _WIKIDATA_PREFIX.sub("", text, count=1).upper()
        if not _QID.fullmatch(text):
            msg = f"not a Wikidata QID ('Q' followed by digits): {value!r}"
            raise ValueError(msg)
    elif scheme is IdentifierScheme.CORPORATE_NUMBER:
        text = re.sub(r"[-\s]", "", _CORPORATE_PREFIX.sub("", text, count=1))
        if not corporate_number_ok(text):
            msg = f"not a Japanese corporate number (13 digits with a valid check digit): {value!r}"
            raise ValueError(msg)
    else:
        text = _FUNDER_PREFIX.sub("", text, count=1)
        if not _FUNDER_ID.fullmatch(text):
            msg = f"not a Crossref Funder ID (9 to 12 digits): {value!r}"
            raise ValueError(msg)
    return text


# A scheme by its value, or by itself (a member is equal to its value, and hashes as it does).
_SCHEMES = {scheme.value: scheme for scheme in IdentifierScheme}
# The canonical form of each scheme, which normalize_identifier() returns unchanged when its digits check.
_CANONICAL = {
    IdentifierScheme.WIKIDATA: _QID,
    IdentifierScheme.ROR: _ROR,
    IdentifierScheme.CORPORATE_NUMBER: _CORPORATE_NUMBER,
    IdentifierScheme.FUNDER_ID: _FUNDER_ID,
}
# Its check digits, where it has them (bool: a non-empty canonical form is all there is to check).
_CHECKED: dict[IdentifierScheme, Callable[[str], bool]] = {
    IdentifierScheme.WIKIDATA: bool,
    IdentifierScheme.ROR: ror_checksum_ok,
    IdentifierScheme.CORPORATE_NUMBER: corporate_number_ok,
    IdentifierScheme.FUNDER_ID: bool,
}


def identifier_url(scheme: IdentifierScheme | str, value: str) -> str:
    """
    The canonical address of a canonical identifier.

    Wikidata items get their concept URI, the form SPARQL results use; corporate
    numbers the National Tax Agency's record page.

    Example:
        >>> identifier_url("wikidata", "Q6005")
        'http://www.wikidata.org/entity/Q6005'
        >>> identifier_url("ror", "055tm7f07")
        'https://ror.org/055tm7f07'
    """
    return _URLS[IdentifierScheme(scheme)] + value


_URLS = {
    IdentifierScheme.WIKIDATA: "http://www.wikidata.org/entity/",
    IdentifierScheme.ROR: "https://ror.org/",
    IdentifierScheme.CORPORATE_NUMBER: "https://www.houjin-bangou.nta.go.jp/henkorireki-johoto.html?selHouzinNo=",
    IdentifierScheme.FUNDER_ID: "https://doi.org/10.13039/",
}
