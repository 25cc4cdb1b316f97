"""
Field declarations shared by the model: validators, and the metadata the converter and the schema read.

A field says once what it accepts (a slug, a line of text, a count, a reference to an
entity) and, where its name in data files differs, that name; :mod:`._serde`,
:mod:`._build`, :mod:`._validate` and :mod:`._schema` all read these declarations.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from itertools import repeat
from typing import Any, Literal, TypeAlias, cast

import attrs

#: Metadata keys.
SCHEMA = "jp_mfg_policy.schema"  # JSON Schema keywords for the field's values
JSON_NAME = "jp_mfg_policy.json_name"  # the field's name in data files, where it differs
REFERS_TO = "jp_mfg_policy.refers_to"  # what the ids in the field name

Target: TypeAlias = Literal["entity", "organization", "source", "strategy", "law"]
Validator: TypeAlias = Callable[[Any, "attrs.Attribute[Any]", Any], None]

SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_SLUG = re.compile(SLUG)
_URL = re.compile(r"https?://[^\s\"'<>\\]+")
# BCP 47 in its common shape: language, then script, region and variants.
_LANGUAGE = re.compile(
    r"[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*"
)
# Characters that show nothing: spaces, format characters (zero-width space, BOM ...), controls.
_INVISIBLE = frozenset({"Zs", "Zl", "Zp", "Cf", "Cc", "Cn", "Co"})
#: The largest count a field may hold: far above any real membership, far below pandas' limits.
MAX_COUNT = 10**12

# ISO 3166-1 alpha-2, the 249 officially assigned codes (as published in pycountry 26.2.16).
_COUNTRY_CODES = """
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ
BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM
DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS
GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN
KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ
MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM
PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV
SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI
VN VU WF WS YE YT ZA ZM ZW
"""
COUNTRIES = frozenset(_COUNTRY_CODES.split())


def visible(text: str) -> bool:
    r"""
    Whether *text* shows anything: not empty, and not only spaces or invisible characters.

    Example:
        >>> visible("METI"), visible(" \u200b\ufeff ")
        (True, False)
    """
    return any(unicodedata.category(char) not in _INVISIBLE for char in text)


def text_problem(value: object, *, lines: bool) -> str | None:
    """What is wrong with one text value, or None."""
    if not isinstance(value, str):
        return f"expected a string, got {type(value).__name__}"
    # The common case at C speed: no controls, separators, format characters or surrogates.
    if value.isprintable():
        return None if value.strip(" ") else "must not be blank"
    if not visible(value):
        return "must not be blank"
    allowed = "\n\t" if lines else ""
    for char in value:
        if unicodedata.category(char) == "Cc" and char not in allowed:
            return f"must not contain the control character {char!r}"
        # Lone surrogates cannot be written as UTF-8: text that holds one is not text.
        if "\ud800" <= char <= "\udfff":
            return "must not contain a lone surrogate"
    return None


class FieldError(ValueError):
    """A field's value is wrong; :attr:`field` names the field, so that reports can point at it."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field} {problem}")
        self.field = field


def _validator(check: Callable[[Any], str | None], *, optional: bool = False, each: bool = False) -> Validator:
    def validate(_instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if optional and value is None:
            return
        for item in value if each else (value,):
            problem = check(item)
            if problem is not None:
                raise FieldError(json_name(attribute), problem)

    return validate


def _all_plain_text(texts: tuple[Any, ...]) -> bool:
    """Whether every item is printable text, not blank: the common case of a tuple of texts, at C speed."""
    try:
        return "".join(texts).isprintable() and "" not in map(str.strip, texts, repeat(" "))
    except TypeError:  # an item that is no text, which the slow path names
        return False


def _text_validator(*, lines: bool, optional: bool = False, each: bool = False) -> Validator:
    """A validator for text: the common case (printable, not blank) decided at C speed, in one call."""

    def check(value: object) -> str | None:
        return text_problem(value, lines=lines)

    slow = _validator(check, optional=optional, each=each)

    def validate(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None and optional:  # the commonest value of an optional field: its default
            return
        if value.__class__ is str and value.isprintable() and value.strip(" "):
            return
        if value == () or (value.__class__ is tuple and _all_plain_text(value)):
            return
        slow(instance, attribute, value)

    return validate


def _slug_problem(value: object) -> str | None:
    if not isinstance(value, str):
        return f"expected a string, got {type(value).__name__}"
    if not _SLUG.fullmatch(value):
        shown = value if len(value) <= 40 else value[:40] + "…"  # noqa: PLR2004 - a bounded quotation
        return f"must be a lower-case slug like 'meti' or 'sme-agency', not {shown!r}"
    return None


def _field(validator: Validator, schema: dict[str, Any], json_name: str | None = None, **kwargs: Any) -> Any:
    metadata: dict[str, Any] = {SCHEMA: schema, **kwargs.pop("metadata", {})}
    if json_name is not None:
        metadata[JSON_NAME] = json_name
    return attrs.field(validator=validator, metadata=metadata, **kwargs)


_SLUG_SCHEMA = {"type": "string", "pattern": f"^{SLUG}$"}
_TEXT_SCHEMA = {"type": "string", "minLength": 1}


def _slug_validator(*, optional: bool = False, each: bool = False) -> Validator:
    slow = _validator(_slug_problem, optional=optional, each=each)
    match = _SLUG.fullmatch

    def validate(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value.__class__ is str and match(value):
            return
        if value == () or (value is None and optional):
            return
        slow(instance, attribute, value)

    return validate


def slug() -> Any:
    """A required id: a lower-case slug."""
    return _field(_slug_validator(), _SLUG_SCHEMA)


def ref(to: Target, *, optional: bool = False) -> Any:
    """The id of another record: an entity, a body, a source, a strategy or a law."""
    kwargs = {"default": None} if optional else {}
    return _field(_slug_validator(optional=optional), _SLUG_SCHEMA, metadata={REFERS_TO: to}, **kwargs)


def refs(to: Target) -> Any:
    """Ids of other records."""
    return _field(
        _slug_validator(each=True),
        {"type": "array", "items": _SLUG_SCHEMA},
        metadata={REFERS_TO: to},
        default=(),
    )


def line(*, optional: bool = False, json_name: str | None = None) -> Any:
    """One line of visible text: a name, a title, a code."""
    kwargs = {"default": None} if optional else {}
    return _field(_text_validator(lines=False, optional=optional), _TEXT_SCHEMA, json_name, **kwargs)


def text(*, optional: bool = True, shown: bool = True) -> Any:
    """Visible text that may run over several lines: a description, a quote, a note."""
    kwargs = {"default": None} if optional else {}
    return _field(_text_validator(lines=True, optional=optional), _TEXT_SCHEMA, repr=shown, **kwargs)


def lines(*, shown: bool = True) -> Any:
    """A tuple of visible texts (aliases, missions)."""
    return _field(
        _text_validator(lines=True, each=True),
        {"type": "array", "items": _TEXT_SCHEMA},
        default=(),
        repr=shown,
    )


def _count_problem(value: object) -> str | None:
    if type(value) is not int or not 0 <= value <= MAX_COUNT:
        return f"must be a whole number from 0 to {MAX_COUNT:,}, not {value!r}"
    return None


def count() -> Any:
    """A count of things, or None."""
    return _field(
        _validator(_count_problem, optional=True), {"type": "integer", "minimum": 0, "maximum": MAX_COUNT}, default=None
    )


def _number_problem(value: object) -> str | None:
    if type(value) is not int or not 1 <= value <= MAX_COUNT:
        return f"must be a whole number from 1, not {value!r}"
    return None


def number(*, optional: bool = True) -> Any:
    """A position in a series (1 for the first), or None."""
    kwargs = {"default": None} if optional else {}
    return _field(
        _validator(_number_problem, optional=optional),
        {"type": "integer", "minimum": 1, "maximum": MAX_COUNT},
        **kwargs,
    )


def _fiscal_problem(value: object) -> str | None:
    if type(value) is not int or not 1 <= value <= 9998:  # noqa: PLR2004 - a fiscal year must end by 9999
        return f"must be a fiscal year from 1 to 9998, not {value!r}"
    return None


def fiscal_year() -> Any:
    """A Japanese fiscal year (the calendar year it begins in), or None."""
    return _field(
        _validator(_fiscal_problem, optional=True), {"type": "integer", "minimum": 1, "maximum": 9998}, default=None
    )


def _finite_problem(value: object) -> str | None:
    if type(value) not in (int, float) or not math.isfinite(cast("float", value)):
        return f"must be a finite number, not {value!r}"
    return None


def finite() -> Any:
    """A finite number."""
    return _field(_validator(_finite_problem), {"type": "number"})


def _url_problem(value: object) -> str | None:
    if not isinstance(value, str) or not _URL.fullmatch(value):
        return f"must be an http or https address without spaces or quotes, not {value!r}"
    return None


def url() -> Any:
    """A web address, or None."""
    return _field(
        _validator(_url_problem, optional=True),
        {"type": "string", "pattern": r"^https?://[^\s\"'<>\\]+$"},
        default=None,
    )


def _country_problem(value: object) -> str | None:
    if not isinstance(value, str):
        return f"expected a string, got {type(value).__name__}"
    if value not in COUNTRIES:
        return f"must be an ISO 3166-1 alpha-2 code such as 'JP' or 'US', not {value!r}"
    return None


def country() -> Any:
    """An ISO 3166-1 alpha-2 country code."""
    slow = _validator(_country_problem)

    def validate(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value.__class__ is str and value in COUNTRIES:  # a known code, its default among them: one lookup
            return
        slow(instance, attribute, value)

    return _field(validate, {"enum": sorted(COUNTRIES)}, default="JP")


def _language_problem(value: object) -> str | None:
    if not isinstance(value, str) or not _LANGUAGE.fullmatch(value):
        return f"must be a BCP 47 language tag such as 'en', 'ja' or 'ja-Latn', not {value!r}"
    return None


def language(default: str = "en") -> Any:
    """A BCP 47 language tag."""
    return _field(
        _validator(_language_problem), {"type": "string", "pattern": f"^{_LANGUAGE.pattern}$"}, default=default
    )


def renamed(json_name: str, **kwargs: Any) -> Any:
    """A plain field written under another name in data files (a Python keyword, say)."""
    return attrs.field(metadata={JSON_NAME: json_name}, **kwargs)


def json_name(field: attrs.Attribute[Any]) -> str:
    """The name of *field* in data files."""
    return str(field.metadata.get(JSON_NAME, field.name))
