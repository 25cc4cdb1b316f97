"""
Dates known only as precisely as their sources state them.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

import attrs

_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in_month(year: int, month: int) -> int:
    leap = month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)  # noqa: PLR2004 - February
    return _DAYS[month - 1] + leap


def _check_month(_instance: PartialDate, _attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is not None and not 1 <= value <= 12:  # noqa: PLR2004 - months of the year
        msg = f"month must be 1 to 12, not {value}"
        raise ValueError(msg)


def _check_day(instance: PartialDate, _attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is None:
        return
    if instance.month is None:
        msg = "a day needs a month"
        raise ValueError(msg)
    last = _days_in_month(instance.year, instance.month)
    if not 1 <= value <= last:
        msg = f"day must be 1 to {last} in {instance.year:04d}-{instance.month:02d}, not {value}"
        raise ValueError(msg)


def _check_year(_instance: PartialDate, _attribute: attrs.Attribute[int], value: int) -> None:
    if not 1 <= value <= 9999:  # noqa: PLR2004 - the range datetime.date covers
        msg = f"year must be 1 to 9999, not {value}"
        raise ValueError(msg)


@attrs.frozen(eq=False, order=False, repr=False)
class PartialDate:
    """
    A calendar date known to the year, the month or the day.

    A source that says "April 2001" gives ``PartialDate(2001, 4)``, which never
    pretends to a day. Written and read as ISO 8601 (``"2001"``, ``"2001-04"``,
    ``"2001-04-01"``).

    The rule for comparisons and :meth:`PolicySystem.at`: a partial date
    stands for the **first day** of the period it names. ``"2001"`` sorts
    before ``"2001-01"``, which sorts before ``"2001-01-01"``; a body founded
    in ``"2001-04"`` exists from 1 April 2001.

    Attributes:
        year: The year.
        month: The month (1-12), or None if only the year is known.
        day: The day of the month, or None if it is not known.

    Example:
        >>> d = PartialDate.parse("2001-04")
        >>> d.year, d.month, d.day, d.precision
        (2001, 4, None, 'month')
        >>> str(d), d.start(), d.end()
        ('2001-04', datetime.date(2001, 4, 1), datetime.date(2001, 4, 30))
    """

    year: int = attrs.field(validator=_check_year)
    month: int | None = attrs.field(default=None, validator=_check_month)
    day: int | None = attrs.field(default=None, validator=_check_day)
    # Derived once, because time queries compare bounds over and over.
    _first: dt.date = attrs.field(init=False, eq=False, repr=False)
    _last: dt.date = attrs.field(init=False, eq=False, repr=False)
    _sort: tuple[int, int, int] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        month = self.month or 12
        object.__setattr__(self, "_first", dt.date(self.year, self.month or 1, self.day or 1))
        object.__setattr__(self, "_last", dt.date(self.year, month, self.day or _days_in_month(self.year, month)))
        object.__setattr__(self, "_sort", (self.year, self.month or 0, self.day or 0))

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """
        Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

        Raises:
            ValueError: If *text* is not one of those forms or not a real date.

        Example:
            >>> PartialDate.parse("2014-05-19")
            PartialDate(2014, 5, 19)
        """
        # Data files may hold anything; the type hint is no guarantee.
        if not isinstance(text, str):
            msg = f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {text!r}"  # type: ignore[unreachable]
            raise ValueError(msg)  # noqa: TRY004 - callers catch ValueError for any bad date
        return _parse(text) if cls is PartialDate else cls._from_text(text)

    @classmethod
    def _from_text(cls, text: str) -> PartialDate:
        match = _ISO.fullmatch(text)
        if match is None:
            msg = f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {text!r}"
            raise ValueError(msg)
        year, month, day = (int(part) if part else None for part in match.groups())
        assert year is not None  # noqa: S101 - the pattern requires the year
        return cls(year, month, day)

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
    def precision(self) -> str:
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
        return self._first

    def end(self) -> dt.date:
        """
        The last day of the period this date names.

        Example:
            >>> PartialDate(2024, 2).end()
            datetime.date(2024, 2, 29)
        """
        return self._last

    def __contains__(self, when: object) -> bool:
        """Whether a :class:`datetime.date` falls within this period."""
        return isinstance(when, dt.date) and self.start() <= when <= self.end()

    def _key(self) -> tuple[int, int, int]:
        return self._sort

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __lt__(self, other: PartialDate) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() < other._key()

    def __le__(self, other: PartialDate) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() <= other._key()

    def __gt__(self, other: PartialDate) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() > other._key()

    def __ge__(self, other: PartialDate) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() >= other._key()

    def __repr__(self) -> str:
        parts = [self.year, self.month, self.day]
        return f"PartialDate({', '.join(str(part) for part in parts if part is not None)})"

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text


@functools.lru_cache(maxsize=4096)
def _parse(text: str) -> PartialDate:
    # Data repeats its dates; immutable values can be shared.
    return PartialDate._from_text(text)  # noqa: SLF001 - the class's own parser


def date_sort_key(date: PartialDate | None) -> tuple[int, int, int, int]:
    """
    A sort key putting unknown (None) dates after every known one.

    Example:
        >>> sorted([None, PartialDate(2001), PartialDate(1999)], key=date_sort_key)
        [PartialDate(1999), PartialDate(2001), None]
    """
    return (1, 0, 0, 0) if date is None else (0, *date._sort)  # noqa: SLF001 - the class's own key


def as_date(when: dt.date | int | PartialDate | str) -> dt.date:
    """
    The day a query "as of *when*" looks at.

    A year, or a partial date, stands for the **last** day of the period it
    names: ``at(2001)`` is the system as 2001 closed. (A lifetime's bounds
    stand for their first day; see :class:`PartialDate`.)

    Example:
        >>> as_date(2001), as_date("2014-05")
        (datetime.date(2001, 12, 31), datetime.date(2014, 5, 31))
    """
    if isinstance(when, bool):
        msg = f"expected a date or a year, got {when!r}"
        raise TypeError(msg)
    if isinstance(when, dt.datetime):
        return when.date()
    if isinstance(when, dt.date):
        return when
    if isinstance(when, int):
        return dt.date(when, 12, 31)
    if isinstance(when, str):
        when = PartialDate.parse(when)
    if isinstance(when, PartialDate):
        return when.end()
    msg = f"expected a date or a year, got {when!r}"  # type: ignore[unreachable]
    raise TypeError(msg)


def in_period(when: dt.date, start: PartialDate | None, end: PartialDate | None) -> bool:
    """Whether *when* lies in ``[start, end)``, an unknown bound being open."""
    return (start is None or start.start() <= when) and (end is None or when < end.start())
