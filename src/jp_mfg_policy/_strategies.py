"""
Strategies and concepts, their editions and targets.

Imported when its collection is first read. Pure data, no I/O.
"""

import attrs

from . import _fields as f
from ._dates import PartialDate, Period
from ._enums import StrategyKind
from ._records import Citation, Entity
from ._repr import Record


@attrs.frozen(kw_only=True, repr=False)
class Target(Record):
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


@attrs.frozen(kw_only=True, repr=False)
class Edition(Record):
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


@attrs.frozen(kw_only=True, repr=False)
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
