"""
Laws: acts of the Diet, and what they require.

Imported when its collection is first read. Pure data, no I/O.
"""

import attrs

from . import _fields as f
from ._dates import PartialDate, Period
from ._records import Citation, Entity, Name
from ._repr import Record


@attrs.frozen(kw_only=True, repr=False)
class Requirement(Record):
    """
    One thing a law requires, in its own words.

    Attributes:
        article: The article that requires it (第八条, Article 8), where the sources give it.
        text: The requirement, verbatim.
        sources: The citations behind it.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> jmp.load().get("monodzukuri-basic-act").requires[0].article
        '第八条 (年次報告)'
    """

    article: str | None = f.line(optional=True)
    text: str = f.text(optional=False)
    sources: tuple[Citation, ...] = ()


@attrs.frozen(kw_only=True, repr=False)
class Law(Entity):
    """
    An act of the Diet, with its number, its dates and what it requires.

    Attributes:
        id: A stable slug.
        name: Its English title (the current one, or the last).
        name_ja: Its Japanese title.
        short_name_ja: The usual Japanese short title, where the sources give one.
        aliases: Other titles it is known by.
        former_names: Earlier titles, each with its period (a renamed act).
        number: Its law number as written in Japanese (平成7年法律第130号).
        number_en: Its law number in English (Act No. 130 of 1995).
        passed: When the Diet passed it.
        promulgated: When it was promulgated.
        effective: When it came into force.
        repealed: When it was repealed, or None.
        description: What the sources say it does, in their words.
        requires: What it requires (a plan, an annual report ...), in its own words.
        website: Its text online (e-Gov, the Japanese Law Translation database).
        sources: The citations behind it.
        note: Anything a reader should know.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> act = jmp.load().get("ものづくり基盤技術振興基本法")
        >>> act.number_en, str(act.promulgated)
        ('Act No. 2 of 1999', '1999-03-19')
    """

    id: str = f.slug()
    name: str = f.line()
    name_ja: str | None = f.line(optional=True)
    short_name_ja: str | None = f.line(optional=True)
    aliases: tuple[str, ...] = f.lines()
    former_names: tuple[Name, ...] = attrs.field(default=(), repr=False)
    number: str | None = f.line(optional=True)
    number_en: str | None = f.line(optional=True)
    passed: PartialDate | None = None
    promulgated: PartialDate | None = None
    effective: PartialDate | None = None
    repealed: PartialDate | None = None
    description: str | None = f.text(shown=False)
    requires: tuple[Requirement, ...] = attrs.field(default=(), repr=False)
    website: str | None = f.url()
    sources: tuple[Citation, ...] = attrs.field(default=(), repr=False)
    note: str | None = f.text(shown=False)

    @property
    def period(self) -> Period:
        """
        From promulgation (or, failing that, entry into force or passage) to repeal.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> str(jmp.load().get("science-and-technology-basic-act").period.start)
            '1995-11-15'
        """
        return Period.of(self.promulgated or self.effective or self.passed, self.repealed)

    def in_force(self) -> Period:
        """
        From entry into force (or promulgation, where that is not known) to repeal.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> str(jmp.load().get("science-and-technology-basic-act").in_force().start)
            '1995-11-15'
        """
        return Period.of(self.effective or self.promulgated, self.repealed)
