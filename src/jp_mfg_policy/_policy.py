"""
The policy entities: laws, programmes, plans, strategies, recommendations, publications and awards.

Imported when one of their collections is first read. Pure data, no I/O.
"""

import attrs

from . import _fields as f
from ._dates import FiscalYear, PartialDate, Period
from ._enums import Frequency, PublicationKind, RecommendationKind, StrategyKind
from ._records import Citation, Entity, Identifier, Name


@attrs.frozen(kw_only=True)
class Target:
    """
    A quantified goal of a strategy or plan, as its sources give it.

    Attributes:
        indicator: What is measured ("government R&D investment over the plan").
        value: The goal.
        unit: The unit of *value* (``"%"``, ``"trillion yen"``).
        basis: The basis of measurement (``"real"``, ``"nominal"``, ``"total over five years"``).
        sources: The citations that give it, with the sources' words.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> [(t.value, t.unit, t.basis) for t in jmp.load().get("keidanren-growth-strategy-2011").targets]
        [(2.0, '%', 'real'), (3.0, '%', 'nominal')]
    """

    indicator: str = f.line()
    value: float = f.finite()
    unit: str = f.line()
    basis: str | None = f.line(optional=True)
    sources: tuple[Citation, ...] = ()


@attrs.frozen(kw_only=True)
class Requirement:
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


@attrs.frozen(kw_only=True)
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


def _fiscal_period(first: int | None, last: int | None) -> Period:
    return Period(
        None if first is None else FiscalYear(first).start(),
        None if last is None else FiscalYear(last + 1).start() if last < 9998 else None,  # noqa: PLR2004 - the last fiscal year a date can end
    )


@attrs.frozen(kw_only=True)
class ProgramPhase:
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


@attrs.frozen(kw_only=True)
class Goal:
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


@attrs.frozen(kw_only=True)
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
        return _fiscal_period(self.first_fiscal_year, self.last_fiscal_year)


@attrs.frozen(kw_only=True)
class Publication(Entity):
    """
    A recurring publication, such as a white paper.

    Attributes:
        id: A stable slug.
        title: Its English title.
        title_ja: Its Japanese title.
        aliases: Other titles it is known by.
        kind: What it is.
        frequency: How often it appears.
        first_published: When it first appeared, where known.
        publishers: Ids of the bodies that publish it.
        description: What the source says of it, in its words.
        title_meaning: What the key word of its title means, in the source's words.
        legal_basis: The law that requires it, as the sources give it.
        law: The id of that law.
        website: Where it is published.
        sources: The citations behind it.
        note: Anything a reader should know.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> paper = jmp.load().get("ものづくり白書")
        >>> str(paper.frequency), paper.publishers
        ('annual', ('meti', 'mhlw', 'mext'))
    """

    id: str = f.slug()
    title: str = f.line()
    title_ja: str | None = f.line(optional=True)
    aliases: tuple[str, ...] = f.lines()
    kind: PublicationKind = PublicationKind.REPORT
    frequency: Frequency | None = None
    first_published: PartialDate | None = None
    publishers: tuple[str, ...] = f.refs("organization")
    description: str | None = f.text(shown=False)
    title_meaning: str | None = f.text(shown=False)
    legal_basis: str | None = f.text(shown=False)
    law: str | None = f.ref("law", optional=True)
    website: str | None = f.url()
    sources: tuple[Citation, ...] = attrs.field(default=(), repr=False)
    note: str | None = f.text(shown=False)

    @property
    def name(self) -> str:
        """
        The title, so that every entity has a ``name``.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().publications[0].name
            'White Paper on Manufacturing Industries (Monodzukuri)'
        """
        return self.title

    @property
    def period(self) -> Period:
        """
        From its first edition on.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().publications[0].period.end is None
            True
        """
        return Period.of(self.first_published, None)


@attrs.frozen(kw_only=True)
class Award(Entity):
    """
    An award or prize.

    Attributes:
        id: A stable slug.
        name: Its English name.
        name_ja: Its Japanese name.
        aliases: Other names.
        frequency: How often it is awarded.
        established_fiscal_year: The fiscal year it was created in, where the sources give one.
        established: When it was created or first presented, to the precision known.
        organisers: Ids of the bodies that run it.
        description: What the source says of it.
        website: Its website.
        sources: The citations behind it.
        note: Anything a reader should know.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> award = jmp.load().get("ものづくり日本大賞")
        >>> str(award.frequency), award.organisers
        ('biennial', ('meti', 'mext', 'mhlw', 'mlit'))
    """

    id: str = f.slug()
    name: str = f.line()
    name_ja: str | None = f.line(optional=True)
    aliases: tuple[str, ...] = f.lines()
    frequency: Frequency | None = None
    established_fiscal_year: int | None = f.fiscal_year()
    established: PartialDate | None = None
    organisers: tuple[str, ...] = f.refs("organization")
    description: str | None = f.text(shown=False)
    website: str | None = f.url()
    sources: tuple[Citation, ...] = attrs.field(default=(), repr=False)
    note: str | None = f.text(shown=False)

    @property
    def period(self) -> Period:
        """
        From its creation on: the start of its fiscal year of creation, else :attr:`established`.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().get("ものづくり日本大賞").period.end is None
            True
        """
        if self.established_fiscal_year is not None:
            return Period(FiscalYear(self.established_fiscal_year).start(), None)
        return Period.of(self.established, None)


@attrs.frozen(kw_only=True)
class Edition:
    """
    One edition of a strategy revised from year to year.

    Attributes:
        title: Its English title.
        title_ja: Its Japanese title.
        adopted: When it was adopted (a Cabinet decision, say).
        sources: The citations behind it.
        note: Anything a reader should know.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> str(jmp.load().get("integrated-innovation-strategy").editions[0].adopted)[:4]
        '2018'
    """

    title: str = f.line()
    title_ja: str | None = f.line(optional=True)
    adopted: PartialDate | None = None
    sources: tuple[Citation, ...] = ()
    note: str | None = f.text()


@attrs.frozen(kw_only=True)
class Strategy(Entity):
    """
    A published strategy, concept or basic plan, with its targets and editions.

    Its recommendations are :class:`Recommendation` entities that name it.

    Attributes:
        id: A stable slug.
        kind: What it is.
        title: Its English title, or a description where the source gives none.
        title_ja: Its Japanese title.
        aliases: Other titles.
        publisher: The id of the body that published it.
        published: When it was first published or adopted.
        description: What the source says it does.
        purpose: The aim of its recommendations, in the source's words.
        targets: Its quantified goals.
        editions: Its yearly editions, for a strategy revised each year.
        website: Where it is published.
        sources: The citations behind it.
        note: Anything a reader should know.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> strategy = jmp.load().get("keidanren-growth-strategy-2011")
        >>> strategy.publisher, str(strategy.kind)
        ('keidanren', 'growth_strategy')
    """

    id: str = f.slug()
    kind: StrategyKind = StrategyKind.STRATEGY
    title: str = f.line()
    title_ja: str | None = f.line(optional=True)
    aliases: tuple[str, ...] = f.lines()
    publisher: str | None = f.ref("organization", optional=True)
    published: PartialDate | None = None
    description: str | None = f.text(shown=False)
    purpose: str | None = f.text(shown=False)
    targets: tuple[Target, ...] = attrs.field(default=(), repr=False)
    editions: tuple[Edition, ...] = attrs.field(default=(), repr=False)
    website: str | None = f.url()
    sources: tuple[Citation, ...] = attrs.field(default=(), repr=False)
    note: str | None = f.text(shown=False)

    @property
    def name(self) -> str:
        """
        The title, so that every entity has a ``name``.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().get("society-5-0").name
            'Society 5.0'
        """
        return self.title

    @property
    def period(self) -> Period:
        """
        From publication on.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().get("keidanren-growth-strategy-2011").period.start.year
            2011
        """
        return Period.of(self.published, None)


@attrs.frozen(kw_only=True)
class Recommendation(Entity):
    """
    One recommendation of a strategy, in the source's words.

    Attributes:
        id: A stable slug.
        strategy: The id of the :class:`Strategy` it belongs to.
        number: Its position in the strategy's list (1-based), or None if unnumbered.
        text: The recommendation, verbatim.
        kind: Whom it is addressed to.
        sources: The citations behind it.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> jmp.load().recommendations[0].text
        'Fundamentally revising energy and environmental policies'
    """

    id: str = f.slug()
    strategy: str = f.ref("strategy")
    number: int | None = f.number()
    text: str = f.text(optional=False)
    kind: RecommendationKind = RecommendationKind.POLICY
    sources: tuple[Citation, ...] = attrs.field(default=(), repr=False)

    @property
    def name(self) -> str:
        """
        The text, so that every entity has a ``name``.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().recommendations[0].name[:25]
            'Fundamentally revising en'
        """
        return self.text


@attrs.frozen(kw_only=True)
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
        return _fiscal_period(self.first_fiscal_year, self.last_fiscal_year)
