"""PartialDate: dates honest to their precision."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jp_mfg_policy import PartialDate
from jp_mfg_policy._dates import as_date, in_period
from strategies import partial_dates


class TestPartialDate:
    @given(partial_dates())
    def test_text_round_trip(self, date: PartialDate) -> None:
        """Writing a date and reading it back gives the same date and precision."""
        parsed = PartialDate.parse(str(date))
        assert date == parsed
        assert date.precision == parsed.precision

    @given(partial_dates())
    def test_period_bounds(self, date: PartialDate) -> None:
        """A date's period starts no later than it ends, and contains both ends."""
        assert date.start() <= date.end()
        assert date.start() in date
        assert date.end() in date

    @given(partial_dates(), partial_dates())
    def test_order_agrees_with_first_days(self, a: PartialDate, b: PartialDate) -> None:
        """If one date's first day is earlier, it sorts first."""
        if a.start() < b.start():
            assert a < b
            assert b > a

    def test_year_sorts_before_its_first_day(self) -> None:
        """'2001' stands before '2001-01', which stands before '2001-01-01'."""
        assert PartialDate(2001) < PartialDate(2001, 1) < PartialDate(2001, 1, 1)

    def test_does_not_pretend_to_a_day(self) -> None:
        """A year-only date has no month or day."""
        date = PartialDate.parse("2005")
        assert (2005, None, None, "year") == (date.year, date.month, date.day, date.precision)

    @pytest.mark.parametrize("text", ["", "01", "2001-13", "2001-02-30", "2001/01/01", "2001-1-1", "abcd", "0000"])
    def test_rejects_malformed(self, text: str) -> None:
        """Anything but a real ISO date is rejected with a ValueError."""
        with pytest.raises(ValueError, match=r"date|month|day|year"):
            PartialDate.parse(text)

    def test_day_needs_month(self) -> None:
        """A day without a month is meaningless."""
        with pytest.raises(ValueError, match="needs a month"):
            PartialDate(2001, None, 5)


class TestAsDate:
    def test_year_means_its_last_day(self) -> None:
        """A year asks about the system as the year closed."""
        assert dt.date(1999, 12, 31) == as_date(1999)

    @given(st.dates())
    def test_date_passes_through(self, day: dt.date) -> None:
        """A full date is taken as it is."""
        assert day == as_date(day)

    @pytest.mark.parametrize("bad", [True, 1.5, None, [2001]])
    def test_rejects_other_types(self, bad: object) -> None:
        """Only dates, years and partial dates are accepted."""
        with pytest.raises(TypeError, match="date or a year"):
            as_date(bad)  # type: ignore[arg-type]

    @given(st.dates(), st.none() | partial_dates(), st.none() | partial_dates())
    def test_in_period_uses_first_days(self, day: dt.date, start: PartialDate | None, end: PartialDate | None) -> None:
        """A period runs from its start's first day up to, not including, its end's first day."""
        expected = (start is None or start.start() <= day) and (end is None or day < end.start())
        assert expected == in_period(day, start, end)
