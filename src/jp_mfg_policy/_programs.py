"""
Government research and innovation programmes, their phases and goals.

Imported when its collection is first read. Pure data, no I/O.
"""

import attrs

from . import _fields as f
from ._dates import PartialDate, Period
from ._records import Citation, Entity, Identifier
from ._repr import Record


@attrs.frozen(kw_only=True, repr=False)
class ProgramPhase(Record):
    """
    One phase of a programme.

    Attributes:
        number: Its place among the phases (1 for the first).
        name: Its English name.
        name_ja: Its Japanese name.
        first_fiscal_year: The first fiscal year it covers.
        last_fiscal_year: The last fiscal year it covers, or None if not fixed.
        description: What the sources say of it.
        sources: The citations behind it.
        note: Anything a reader should know.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> [(p.number, p.first_fiscal_year) for p in jmp.load().get("SIP").phases][:2]
        [(1, 2014), (2, 2018)]
    """

    number: int | None = f.number()
    name: str = f.line()
    name_ja: str | None = f.line(optional=True)
    first_fiscal_year: int | None = f.fiscal_year()
    last_fiscal_year: int | None = f.fiscal_year()
    description: str | None = f.text()
    sources: tuple[Citation, ...] = ()
    note: str | None = f.text()


@attrs.frozen(kw_only=True, repr=False)
class Goal(Record):
    """
    A goal of a programme, in the sources' words.

    Attributes:
        number: Its number.
        text: The goal in English, verbatim, where an English source gives it.
        text_ja: The goal in Japanese, verbatim.
        adopted: When it was decided, where the sources say.
        sources: The citations behind it.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> jmp.load().get("moonshot").goals[0].number
        1
    """

    number: int | None = f.number()
    text: str | None = f.text()
    text_ja: str | None = f.text()
    adopted: PartialDate | None = None
    sources: tuple[Citation, ...] = ()

    @text_ja.validator
    def _some_text(self, _attribute: "attrs.Attribute[str | None]", value: str | None) -> None:
        if self.text is None and value is None:
            msg = "a goal needs its text, in English (text) or Japanese (text_ja)"
            raise ValueError(msg)


@attrs.frozen(kw_only=True, repr=False)
class Program(Entity):
    """
    A government research or innovation programme, such as SIP or the Moonshot programme.

    Who owns, manages and funds it are relations (``owns``, ``manages``, ``funds``).

    Attributes:
        id: A stable slug.
        name: Its English name.
        name_ja: Its Japanese name.
        acronym: Its acronym, or None.
        aliases: Other names.
        description: What the sources say it is, in their words.
        first_fiscal_year: The first fiscal year it ran.
        last_fiscal_year: The last fiscal year it ran or is set to run, or None.
        phases: Its phases, in order.
        goals: Its goals, in order.
        website: Its website.
        identifiers: Its identifiers in other datasets.
        sources: The citations behind it.
        note: Anything a reader should know.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> sip = jmp.load().get("SIP")
        >>> sip.name_ja, sip.first_fiscal_year
        ('戦略的イノベーション創造プログラム', 2014)
    """

    id: str = f.slug()
    name: str = f.line()
    name_ja: str | None = f.line(optional=True)
    acronym: str | None = f.line(optional=True)
    aliases: tuple[str, ...] = f.lines()
    description: str | None = f.text(shown=False)
    first_fiscal_year: int | None = f.fiscal_year()
    last_fiscal_year: int | None = f.fiscal_year()
    phases: tuple[ProgramPhase, ...] = attrs.field(default=(), repr=False)
    goals: tuple[Goal, ...] = attrs.field(default=(), repr=False)
    website: str | None = f.url()
    identifiers: tuple[Identifier, ...] = attrs.field(default=(), repr=False)
    sources: tuple[Citation, ...] = attrs.field(default=(), repr=False)
    note: str | None = f.text(shown=False)

    @property
    def period(self) -> Period:
        """
        From the start of its first fiscal year to the end of its last.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> str(jmp.load().get("ImPACT").period.start)
            '2014-04-01'
        """
        return self.in_force()

    def in_force(self) -> Period:
        """
        The fiscal years it runs: the same as :attr:`period`.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().get("SIP").in_force().end is None
            True
        """
        return Period.of_fiscal_years(self.first_fiscal_year, self.last_fiscal_year)
