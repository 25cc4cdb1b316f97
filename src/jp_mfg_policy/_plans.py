"""
Multi-year government plans.

Imported when its collection is first read. Pure data, no I/O.
"""

import attrs

from . import _fields as f
from ._dates import PartialDate, Period
from ._records import Citation, Entity
from ._strategies import Target


@attrs.frozen(kw_only=True, repr=False)
class Plan(Entity):
    """
    A multi-year government plan, such as a Science and Technology Basic Plan.

    Attributes:
        id: A stable slug.
        name: Its English name.
        name_ja: Its Japanese name.
        number: Its place in the series (1 for the 1st plan).
        first_fiscal_year: The first Japanese fiscal year it covers (April to March).
        last_fiscal_year: The last fiscal year it covers.
        adopted: When the Cabinet adopted it, where known.
        legal_basis: The law it is made under, as the sources give it.
        law: The id of that law.
        targets: Its quantified targets, as the sources give them.
        sources: The citations behind it.
        note: Anything a reader should know.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> plan = jmp.load().get("第4期科学技術基本計画")
        >>> plan.first_fiscal_year, plan.last_fiscal_year, str(plan.adopted)
        (2011, 2015, '2011-08-19')
    """

    id: str = f.slug()
    name: str = f.line()
    name_ja: str | None = f.line(optional=True)
    number: int | None = f.number()
    first_fiscal_year: int | None = f.fiscal_year()
    last_fiscal_year: int | None = f.fiscal_year()
    adopted: PartialDate | None = None
    legal_basis: str | None = f.text(shown=False)
    law: str | None = f.ref("law", optional=True)
    targets: tuple[Target, ...] = attrs.field(default=(), repr=False)
    sources: tuple[Citation, ...] = attrs.field(default=(), repr=False)
    note: str | None = f.text(shown=False)

    @property
    def period(self) -> Period:
        """
        From its adoption (or, where that is not known, its first fiscal year) to the end of its last fiscal year.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().get("basic-plan-2").period
            Period(start=datetime.date(2001, 3, 30), end=datetime.date(2006, 4, 1))
        """
        years = self.in_force()
        return Period(years.start if self.adopted is None else self.adopted.start(), years.end)

    def in_force(self) -> Period:
        """
        The fiscal years it covers: from 1 April of the first to 1 April after the last.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().get("basic-plan-1").in_force()
            Period(start=datetime.date(1996, 4, 1), end=datetime.date(2001, 4, 1))
        """
        return Period.of_fiscal_years(self.first_fiscal_year, self.last_fiscal_year)
