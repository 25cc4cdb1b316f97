"""Dates to their precision, fiscal years, periods, and the days queries look at."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import jp_mfg_policy as jmp
from jp_mfg_policy._dates import as_date, first_day, last_day
from strategies import partial_dates


class TestPartialDate:
    @given(partial_dates())
    def test_text_round_trip(self, date: jmp.PartialDate) -> None:
        """A partial date written as ISO 8601 reads back as itself, precision included."""
        again = jmp.PartialDate.parse(str(date))
        assert date == again
        assert date.precision == again.precision

    @given(partial_dates())
    def test_first_and_last_day_are_those_of_its_period(self, date: jmp.PartialDate) -> None:
        """The ordinals a date keeps for lifetimes are those of the first and last days it names."""
        assert date.start().toordinal() == first_day(date, 0)
        assert date.end().toordinal() == last_day(date, 0)
        assert (-1, -2) == (first_day(None, -1), last_day(None, -2))

    @given(partial_dates(), partial_dates())
    def test_order_follows_the_first_day_then_precision(self, a: jmp.PartialDate, b: jmp.PartialDate) -> None:
        """Dates sort by year, month and day, a coarser date before a finer one of the same start."""
        key = (a.year, a.month or 0, a.day or 0) < (b.year, b.month or 0, b.day or 0)
        assert key == (a < b)
        assert (a <= b) == (a < b or a == b)

    @given(partial_dates())
    def test_period_contains_its_days(self, date: jmp.PartialDate) -> None:
        """A partial date's first and last days are in it, the days around it are not."""
        assert date.start() in date
        assert date.end() in date
        assert date.start() <= date.end()
        if date.start() > dt.date.min:
            assert date.start() - dt.timedelta(days=1) not in date

    @pytest.mark.parametrize(
        ("text", "problem"),
        [
            ("2001-13", "month must be 1 to 12"),
            ("2001-02-30", "day must be 1 to 28"),
            ("2000-02-30", "day must be 1 to 29"),
            ("0000", "year must be an integer from 1 to 9999"),
            ("2001-4", "expected a date"),
            ("２００１", "expected a date"),  # full-width digits are not ASCII digits
            ("٢٠٠١", "expected a date"),  # nor are Arabic-Indic ones
            ("2001-04-01T00:00", "expected a date"),
            ("", "expected a date"),
        ],
    )
    def test_refuses(self, text: str, problem: str) -> None:
        """Bad dates are refused, saying what is wrong."""
        with pytest.raises(ValueError, match=problem):
            jmp.PartialDate.parse(text)

    def test_parse_needs_text(self) -> None:
        """A number is not a date string."""
        with pytest.raises(TypeError, match="expected a date"):
            jmp.PartialDate.parse(2001)  # type: ignore[arg-type]

    def test_equal_dates_hash_alike(self) -> None:
        """Equal partial dates are one key in a dict."""
        assert {jmp.PartialDate(2001, 4): 1}[jmp.PartialDate.parse("2001-04")] == 1
        assert jmp.PartialDate(2001) != jmp.PartialDate(2001, 1)


class TestFiscalYear:
    @given(st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)))
    def test_every_day_is_in_its_fiscal_year(self, day: dt.date) -> None:
        """A day lies in the fiscal year of() gives, which runs April to March."""
        year = jmp.FiscalYear.of(day)
        assert day in year
        assert year.start().month == 4
        assert year.start().day == 1
        assert (year.end() - year.start()).days in (364, 365)

    @pytest.mark.parametrize("text", ["FY2018", "fy2018", "FY 2018", "2018年度", " FY2018 "])
    def test_written_forms(self, text: str) -> None:
        """FY2018 may be written in the usual English and Japanese ways."""
        assert jmp.FiscalYear(2018) == jmp.FiscalYear.parse(text)

    @pytest.mark.parametrize("text", ["2018", "FY18", "FY2018-19", "平成30年度", "FY9999"])
    def test_refuses(self, text: str) -> None:
        """Other text is not a fiscal year (FY9999 would end in 10000)."""
        with pytest.raises(ValueError, match="fiscal year"):
            jmp.FiscalYear.parse(text)


class TestAsDate:
    @pytest.mark.parametrize(
        ("when", "day"),
        [
            (1999, dt.date(1999, 12, 31)),
            ("1999", dt.date(1999, 12, 31)),
            ("1999-04", dt.date(1999, 4, 30)),
            ("1999-04-01", dt.date(1999, 4, 1)),
            ("FY2018", dt.date(2019, 3, 31)),
            ("2018年度", dt.date(2019, 3, 31)),
            (jmp.FiscalYear(2000), dt.date(2001, 3, 31)),
            (jmp.PartialDate(2001, 1), dt.date(2001, 1, 31)),
            (dt.date(2001, 1, 6), dt.date(2001, 1, 6)),
            (dt.datetime(2001, 1, 6, 12, 30), dt.date(2001, 1, 6)),
        ],
    )
    def test_a_period_means_its_last_day(self, when: object, day: dt.date) -> None:
        """A year, a fiscal year or a partial date means its last day; a date means itself."""
        assert day == as_date(when)

    @pytest.mark.parametrize("when", [True, None, 1.5, [2001]])
    def test_refuses_other_types(self, when: object) -> None:
        """Booleans, None, floats and lists are no point in time."""
        with pytest.raises(TypeError, match="expected a date"):
            as_date(when)

    @pytest.mark.parametrize("when", [0, 10_000, 10**30, -5])
    def test_refuses_years_out_of_range(self, when: int) -> None:
        """A year outside 1-9999 is refused as a value, however large."""
        with pytest.raises(ValueError, match="year must be from 1 to 9999"):
            as_date(when)


class TestPeriod:
    def test_bounds(self) -> None:
        """A period holds from its first day and ends before its last bound; None is open."""
        period = jmp.Period.of(jmp.PartialDate(2001, 1, 6), jmp.PartialDate(2014, 5, 19))
        assert dt.date(2001, 1, 6) in period
        assert dt.date(2014, 5, 18) in period
        assert dt.date(2014, 5, 19) not in period
        assert dt.date(1999, 1, 1) in jmp.Period.of(None, jmp.PartialDate(2001))
        assert "2001-01-01" not in period
