"""
Recurring publications, such as white papers, and awards.

Imported when its collection is first read. Pure data, no I/O.
"""

import attrs

from . import _fields as f
from ._dates import FiscalYear, PartialDate, Period
from ._enums import Frequency, PublicationKind
from ._records import Citation, Entity


@attrs.frozen(kw_only=True, repr=False)
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


@attrs.frozen(kw_only=True, repr=False)
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
