"""
Dates known only as precisely as their sources state them, Japanese fiscal years, and periods.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any, Literal, TypeAlias, cast

import attrs

from ._repr import Record

# ASCII digits only: \d would also take Arabic-Indic or full-width digits.
_ISO = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_FISCAL = re.compile(r"(?:FY\s?([0-9]{4})|([0-9]{4})年度)", re.IGNORECASE)
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_FEBRUARY = 2
#: The range of years :class:`datetime.date` covers; every date here must be one.
YEARS = range(1, 10_000)
#: Fiscal years must end within :data:`YEARS`, so the last starts in 9998.
FISCAL_YEARS = range(1, 9_999)

Precision: TypeAlias = Literal["year", "month", "day"]


def _days_in_month(year: int, month: int) -> int:
    leap = month == _FEBRUARY and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return _DAYS[month - 1] + leap


def _check_year(_instance: object, _attribute: attrs.Attribute[int], value: int) -> None:
    if type(value) is not int or value not in YEARS:
        msg = f"year must be an integer from 1 to 9999, not {value!r}"
        raise ValueError(msg)


def _check_month(_instance: object, _attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is not None and (type(value) is not int or not 1 <= value <= len(_DAYS)):
        msg = f"month must be 1 to 12, not {value!r}"
        raise ValueError(msg)


def _check_day(instance: PartialDate, _attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is None:
        return
    if instance.month is None:
        msg = "a day needs a month"
        raise ValueError(msg)
    last = _days_in_month(instance.year, instance.month)
    if type(value) is not int or not 1 <= value <= last:
        msg = f"day must be 1 to {last} in {instance.year:04d}-{instance.month:02d}, not {value!r}"
        raise ValueError(msg)


def _sort_key(date: PartialDate) -> tuple[int, int, int]:
    return (date.year, date.month or 0, date.day or 0)


@attrs.frozen(order=True, repr=False)
class PartialDate:
    """
    A calendar date known to the year, the month or the day.

    A source that says "April 2001" gives ``PartialDate(2001, 4)``, which never
    pretends to a day. Written and read as ISO 8601 (``"2001"``, ``"2001-04"``,
    ``"2001-04-01"``).

    Dates sort by what they say: ``"2001"`` before ``"2001-01"`` before
    ``"2001-01-01"``. As a bound of a lifetime or a validity period, a partial
    date stands for the **first day** of the period it names: a body founded in
    ``"2001-04"`` exists from 1 April 2001.

    Attributes:
        year: The year.
        month: The month (1-12), or None if only the year is known.
        day: The day of the month, or None if it is not known.
        first_ordinal: The first day it names, as a proleptic Gregorian ordinal
            (:meth:`datetime.date.toordinal`).
        last_ordinal: The last day it names, likewise.

    Example:
        >>> d = PartialDate.parse("2001-04")
        >>> d.year, d.month, d.day, d.precision
        (2001, 4, None, 'month')
        >>> str(d), d.start(), d.end()
        ('2001-04', datetime.date(2001, 4, 1), datetime.date(2001, 4, 30))
        >>> PartialDate(2001) < PartialDate(2001, 1) < PartialDate(2001, 1, 1)
        True
    """

    year: int = attrs.field(eq=False, order=False, validator=_check_year)
    month: int | None = attrs.field(default=None, eq=False, order=False, validator=_check_month)
    day: int | None = attrs.field(default=None, eq=False, order=False, validator=_check_day)
    # The one compared and hashed field: attrs derives every comparison from it.
    _key: tuple[int, int, int] = attrs.field(init=False, repr=False, default=attrs.Factory(_sort_key, takes_self=True))
    # The first and last day the date names, as ordinals: what lifetimes and snapshots compare, many
    # times over for a date that data repeats. Set after the validators, which refuse a day no calendar has.
    first_ordinal: int = attrs.field(init=False, repr=False, eq=False)
    last_ordinal: int = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        # A frozen class sets its derived fields the way attrs documents.
        object.__setattr__(self, "first_ordinal", self.start().toordinal())
        object.__setattr__(self, "last_ordinal", self.end().toordinal())

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """
        The plain tuple the dates compare by (a missing month or day counts as 0): a fast key for ``sorted``.

        Example:
            >>> PartialDate(2001, 4).sort_key
            (2001, 4, 0)
        """
        return self._key

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """
        Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (ASCII digits).

        Raises:
            ValueError: If *text* is not one of those forms or not a real date.

        Example:
            >>> PartialDate.parse("2014-05-19")
            PartialDate(2014, 5, 19)
        """
        if not isinstance(cast("object", text), str):
            msg = f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {type(text).__name__}"
            raise TypeError(msg)
        return parse_date(text)

    @classmethod
    def from_date(cls, when: dt.date) -> PartialDate:
        """
        Wrap a full :class:`datetime.date`.

        Example:
            >>> PartialDate.from_date(dt.date(2001, 1, 6))
            PartialDate(2001, 1, 6)
        """
        return cls(when.year, when.month, when.day)

    @property
    def precision(self) -> Precision:
        """
        ``"year"``, ``"month"`` or ``"day"``.

        Example:
            >>> PartialDate(2013).precision
            'year'
        """
        if self.month is None:
            return "year"
        return "month" if self.day is None else "day"

    def start(self) -> dt.date:
        """
        The first day of the period this date names.

        Example:
            >>> PartialDate(2013).start()
            datetime.date(2013, 1, 1)
        """
        return dt.date(self.year, self.month or 1, self.day or 1)

    def end(self) -> dt.date:
        """
        The last day of the period this date names.

        Example:
            >>> PartialDate(2024, 2).end()
            datetime.date(2024, 2, 29)
        """
        month = self.month or 12
        return dt.date(self.year, month, self.day or _days_in_month(self.year, month))

    def __contains__(self, when: object) -> bool:
        """Whether a :class:`datetime.date` falls within the period this date names."""
        return isinstance(when, dt.date) and self.start() <= when <= self.end()

    def __repr__(self) -> str:
        parts = (self.year, self.month, self.day)
        return f"PartialDate({', '.join(str(part) for part in parts if part is not None)})"

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text


#: How many date texts :func:`parse_date` remembers: more than the distinct days of a century (36,525 at most;
#: a file of 100,000 synthetic bodies names 22,051), so that a large file does not evict what it repeats.
PARSED_DATES = 1 << 15


@functools.lru_cache(maxsize=PARSED_DATES)
def parse_date(text: str) -> PartialDate:
    """
    :meth:`PartialDate.parse`, for callers that know *text* is a string: one (immutable) object per text.

    Data repeats its dates, so most calls are a hit in C, without a Python frame. A value
    of another type raises ``TypeError`` (or ``ValueError``), never a date.

    Example:
        >>> parse_date("2001-04") is parse_date("2001-04")
        True
    """
    match = _ISO.fullmatch(text)
    if match is None:
        msg = f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {short(text)}"
        raise ValueError(msg)
    year, month, day = match.groups()
    return PartialDate(int(year), int(month) if month else None, int(day) if day else None)


def short(text: str, limit: int = 40) -> str:
    """A bounded quotation of user input for messages."""
    return repr(text) if len(text) <= limit else repr(text[:limit]) + f"… ({len(text):,} characters)"


def _check_fiscal_year(_instance: object, _attribute: attrs.Attribute[int], value: int) -> None:
    if type(value) is not int or value not in FISCAL_YEARS:
        msg = f"fiscal year must be an integer from 1 to 9998, not {value!r}"
        raise ValueError(msg)


@attrs.frozen(order=True, repr=False)
class FiscalYear(Record):
    """
    A Japanese fiscal year (年度): 1 April to 31 March of the next year.

    ``FiscalYear(2018)`` is FY2018, from 1 April 2018 to 31 March 2019. As a
    point in time (:meth:`PolicySystem.at`), a fiscal year means its last day,
    as a calendar year does.

    Attributes:
        year: The calendar year in which it begins.

    Example:
        >>> fy = FiscalYear.parse("FY2018")
        >>> fy.start(), fy.end(), str(fy)
        (datetime.date(2018, 4, 1), datetime.date(2019, 3, 31), 'FY2018')
        >>> FiscalYear.of(dt.date(2019, 3, 31)), dt.date(2019, 4, 1) in fy
        (FiscalYear(year=2018), False)
    """

    year: int = attrs.field(validator=_check_fiscal_year)

    @classmethod
    def parse(cls, text: str) -> FiscalYear:
        """
        Read ``FY2018``, ``FY 2018`` or ``2018年度``.

        Raises:
            ValueError: If *text* is none of those forms.

        Example:
            >>> FiscalYear.parse("2021年度").year
            2021
        """
        match = _FISCAL.fullmatch(text.strip()) if isinstance(cast("object", text), str) else None
        if match is None:
            msg = f"expected a fiscal year as FY2018 or 2018年度, got {short(str(text))}"
            raise ValueError(msg)
        return cls(int(match.group(1) or match.group(2)))

    @classmethod
    def of(cls, when: dt.date) -> FiscalYear:
        """
        The fiscal year a day falls in.

        Example:
            >>> FiscalYear.of(dt.date(2001, 1, 6))
            FiscalYear(year=2000)
        """
        return cls(when.year if when.month >= 4 else when.year - 1)  # noqa: PLR2004 - April

    def start(self) -> dt.date:
        """
        1 April of :attr:`year`.

        Example:
            >>> FiscalYear(1996).start()
            datetime.date(1996, 4, 1)
        """
        return dt.date(self.year, 4, 1)

    def end(self) -> dt.date:
        """
        31 March of the next year.

        Example:
            >>> FiscalYear(2000).end()
            datetime.date(2001, 3, 31)
        """
        return dt.date(self.year + 1, 3, 31)

    def __contains__(self, when: object) -> bool:
        """Whether a :class:`datetime.date` falls within this fiscal year."""
        return isinstance(when, dt.date) and self.start() <= when <= self.end()

    def __str__(self) -> str:
        return f"FY{self.year}"


#: Before every day, and after every day, as proleptic ordinals (:meth:`datetime.date.toordinal`).
NEVER_BEFORE, NEVER_AFTER = 0, dt.date.max.toordinal() + 1


def first_day(date: PartialDate | None, missing: int) -> int:
    """
    The ordinal of the first day *date* names, or *missing* for None.

    Example:
        >>> first_day(PartialDate(2001), NEVER_AFTER) == dt.date(2001, 1, 1).toordinal()
        True
    """
    return missing if date is None else date.first_ordinal


def last_day(date: PartialDate | None, missing: int) -> int:
    """
    The ordinal of the last day *date* names, or *missing* for None.

    Example:
        >>> last_day(PartialDate(2001), NEVER_AFTER) == dt.date(2001, 12, 31).toordinal()
        True
    """
    return missing if date is None else date.last_ordinal


#: Anything :meth:`PolicySystem.at` accepts as a point in time.
When: TypeAlias = "dt.date | int | str | PartialDate | FiscalYear"


def as_date(when: Any) -> dt.date:
    """
    The day a query "as of *when*" looks at.

    A year, a fiscal year or a partial date stands for the **last** day of the
    period it names: ``at(2001)`` is the system as 2001 closed, ``at("FY2018")``
    as of 31 March 2019. Strings are ISO dates (``"2014"``, ``"2014-05"``,
    ``"2014-05-19"``) or fiscal years (``"FY2018"``, ``"2018年度"``).

    Raises:
        TypeError: If *when* is of none of those types.
        ValueError: If it is of one but not a real date.

    Example:
        >>> as_date(2001), as_date("2014-05"), as_date("FY2018")
        (datetime.date(2001, 12, 31), datetime.date(2014, 5, 31), datetime.date(2019, 3, 31))
    """
    if isinstance(when, dt.datetime):
        return when.date()
    if isinstance(when, dt.date):
        return when
    if isinstance(when, int) and not isinstance(when, bool):
        if when not in YEARS:
            msg = f"year must be from 1 to 9999, not {short(str(when))}"
            raise ValueError(msg)
        return dt.date(when, 12, 31)
    if isinstance(when, str):
        text = when.strip()
        when = FiscalYear.parse(text) if text[:2].upper() == "FY" or text.endswith("年度") else PartialDate.parse(text)
    if isinstance(when, PartialDate | FiscalYear):
        return when.end()
    msg = f"expected a date, a year, a fiscal year or an ISO date string, got {type(when).__name__}"
    raise TypeError(msg)


@attrs.frozen(repr=False)
class Period(Record):
    """
    When something held: from :attr:`start` (inclusive) to :attr:`end` (exclusive), each a day.

    None is an open bound. A period built from partial dates starts on the first
    day of its first bound and ends before the first day of its last one.

    Attributes:
        start: The first day, or None if unknown or unbounded.
        end: The day it ended (exclusive), or None while it holds.

    Example:
        >>> p = Period.of(PartialDate(2001, 1, 6), PartialDate(2014, 5, 19))
        >>> dt.date(2010, 1, 1) in p, dt.date(2014, 5, 19) in p
        (True, False)
    """

    start: dt.date | None = None
    end: dt.date | None = None

    @classmethod
    def of(cls, start: PartialDate | None, end: PartialDate | None) -> Period:
        """
        The period from *start* to *end*, partial dates counted from their first day.

        Example:
            >>> Period.of(PartialDate(2001, 4), None)
            Period(start=datetime.date(2001, 4, 1), end=None)
        """
        return cls(None if start is None else start.start(), None if end is None else end.start())

    @classmethod
    def of_fiscal_years(cls, first: int | None, last: int | None) -> Period:
        """
        The period from the start of fiscal year *first* to the end of fiscal year *last* (None: open).

        Example:
            >>> Period.of_fiscal_years(2014, 2018)
            Period(start=datetime.date(2014, 4, 1), end=datetime.date(2019, 4, 1))
        """
        return cls(
            None if first is None else FiscalYear(first).start(),
            # The last fiscal year whose end is a date: a later one runs on, open.
            None if last is None or last >= FISCAL_YEARS[-1] else FiscalYear(last + 1).start(),
        )

    def __contains__(self, when: object) -> bool:
        """Whether a :class:`datetime.date` falls within this period."""
        if not isinstance(when, dt.date):
            return False
        return (self.start is None or self.start <= when) and (self.end is None or when < self.end)
