"""
The bodies: ministries, agencies, councils, business federations and other organisations.

Every body is frozen and slotted, holds other entities by id, and cites its sources.
Pure data, no I/O.
"""

from typing import ClassVar

import attrs

from . import _fields as f
from ._dates import PartialDate, Period
from ._enums import LegalForm
from ._identifiers import IdentifierScheme
from ._records import Citation, Entity, Identifier, MissingIdentifier, Name
from ._repr import Record


@attrs.frozen(kw_only=True, repr=False)
class ResearchStream(Record):
    """
    A named stream of an institute's research, in the source's words.

    Attributes:
        name: The stream's name.
        description: What the source says it is.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> jmp.load().get("AIST").research_streams[0].name
        'Type I Basic Research'
    """

    name: str = f.line()
    description: str = f.text(optional=False)


@attrs.frozen(kw_only=True, repr=False)
class Organization(Entity):
    """
    A body of the policy system; the base of every kind of body.

    Bodies that fit no narrower class (the Cabinet Office, a foreign laboratory)
    are plain ``Organization`` instances. The name fields hold the current name
    (or, for a former body, the last); :attr:`former_names` the earlier ones with
    their periods. Where a body sits in the hierarchy, and what preceded and
    succeeded it, follow from the relations and events: see
    :meth:`PolicySystem.parent` and :meth:`PolicySystem.lineage`.

    Attributes:
        id: A stable lower-case slug, such as ``"meti"``.
        name: The official English name (the current one, or the last one); where the sources give
            no English name, the official Japanese name (and the note says so).
        name_ja: The official Japanese name, with its legal-form prefix where it has one.
        short_name_ja: The usual Japanese short form (経産省 for 経済産業省), where the sources give one.
        acronym: The English acronym, or None.
        aliases: Other current names: romanisations, informal forms.
        former_names: Names no longer in use, each with its period.
        description: What the source says the body is or does, in its words.
        role: The body's role as the source states it.
        missions: Stated missions, in order.
        functions: Stated functions.
        established: When the body began, to the precision known.
        dissolved: When it ended, or None if it still exists.
        legal_form: Its current (or last) legal form; earlier ones are ``legal_form_changed`` events.
        website: Its official website.
        identifiers: Its identifiers in other datasets.
        missing_identifiers: Why it has no identifier of a scheme, where it has none.
        research_streams: How it divides its research, in the source's words.
        country: ISO 3166-1 alpha-2 code of its country.
        sources: The citations behind the entity.
        note: Anything a reader should know.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> sandia = jmp.load().get("Sandia")
        >>> type(sandia).__name__, sandia.country, str(sandia.established)
        ('Organization', 'US', '1949')
    """

    #: The ``kind`` tag of the class in data files.
    TAG: ClassVar[str] = "organization"

    id: str = f.slug()
    name: str = f.line()
    name_ja: str | None = f.line(optional=True)
    short_name_ja: str | None = f.line(optional=True)
    acronym: str | None = f.line(optional=True)
    aliases: tuple[str, ...] = f.lines()
    former_names: tuple[Name, ...] = attrs.field(default=(), repr=False)
    description: str | None = f.text(shown=False)
    role: str | None = f.text(shown=False)
    missions: tuple[str, ...] = f.lines(shown=False)
    functions: tuple[str, ...] = f.lines(shown=False)
    established: PartialDate | None = None
    dissolved: PartialDate | None = None
    legal_form: LegalForm | None = None
    website: str | None = f.url()
    identifiers: tuple[Identifier, ...] = attrs.field(default=(), repr=False)
    missing_identifiers: tuple[MissingIdentifier, ...] = attrs.field(default=(), repr=False)
    research_streams: tuple[ResearchStream, ...] = attrs.field(default=(), repr=False)
    country: str = f.country()
    sources: tuple[Citation, ...] = attrs.field(default=(), repr=False)
    note: str | None = f.text(shown=False)

    @property
    def period(self) -> Period:
        """
        From :attr:`established` to :attr:`dissolved`.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().get("METI").period.end is None
            True
        """
        return Period.of(self.established, self.dissolved)

    def identifier(self, scheme: IdentifierScheme | str) -> str | None:
        """
        This body's identifier in *scheme*, or None.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().get("METI").identifier("wikidata")
            'Q1197264'
        """
        scheme = IdentifierScheme(scheme)
        return next((i.value for i in self.identifiers if i.scheme is scheme), None)


# The kinds of body add no fields: plain subclasses, which attrs need not generate again.
class Ministry(Organization):
    """
    A ministry of the Government of Japan (省), current or former.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> jmp.load().get("MEXT").name_ja
        '文部科学省'
    """

    __slots__ = ()
    TAG: ClassVar[str] = "ministry"


class Agency(Organization):
    """
    An agency, institute, bureau or company working under a supervising body.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> system = jmp.load()
        >>> aist = system.get("AIST")
        >>> system.parent(aist).acronym, aist.legal_form.label
        ('METI', 'specified national research and development agency')
    """

    __slots__ = ()
    TAG: ClassVar[str] = "agency"


class Council(Organization):
    """
    A policy council or headquarters, such as the Council for Science, Technology and Innovation.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> jmp.load().parent("CSTI").name
        'Cabinet Office'
    """

    __slots__ = ()
    TAG: ClassVar[str] = "council"


class BusinessFederation(Organization):
    """
    A federation or association of businesses, such as Keidanren.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> jmp.load().get("経団連").acronym
        'Keidanren'
    """

    __slots__ = ()
    TAG: ClassVar[str] = "business_federation"
