"""
The records that are not entities: sources, relations, events, membership counts, caveats and coverage.

Pure data, no I/O.
"""

import warnings

import attrs

from . import _fields as f
from ._dates import PartialDate, Period
from ._enums import FROM_PREDECESSORS, TO_SUCCESSORS, CaveatTopic, EventKind, RelationKind, SourceKind
from ._records import Citation
from ._repr import Record


@attrs.frozen(kw_only=True, repr=False)
class Source(Record):
    """
    A document the data cites.

    Attributes:
        id: A stable slug.
        title: The document's title (the original's, where a copy was read).
        publisher: Who published it (the original's publisher).
        url: The original publisher's address.
        kind: What it is.
        language: Its language as a BCP 47 tag (``"en"``, ``"ja"``).
        published: When it was published, where known.
        accessed: When it was last read and checked.
        copy_url: The address of the copy that was read (a mirror, an archive), where that differs from *url*.
        text: The file name of the copy bundled in ``jp_mfg_policy/data/texts``.
        excerpts: Verbatim passages of the source as seen when it was checked.
        note: Anything a reader should know about the source.

    Example:
        >>> Source(id="s", title="A page", publisher="A publisher").kind
        <SourceKind.WEB_PAGE: 'web_page'>
    """

    id: str = f.slug()
    title: str = f.line()
    publisher: str = f.line()
    url: str | None = f.url()
    kind: SourceKind = SourceKind.WEB_PAGE
    language: str = f.language()
    published: PartialDate | None = None
    accessed: PartialDate | None = None
    copy_url: str | None = f.url()
    text: str | None = f.line(optional=True)
    excerpts: tuple[str, ...] = f.lines(shown=False)
    note: str | None = f.text(shown=False)


@attrs.frozen(kw_only=True, repr=False)
class Relation(Record):
    """
    A dated, sourced relation between two entities; read "*subject* *kind* *object*".

    Attributes:
        subject: The id of the entity the relation goes from.
        kind: The kind of relation.
        object: The id of the entity it goes to.
        valid_from: When it began; None for "as long as both ends existed, as far as the sources tell".
        valid_until: When it ended (exclusive); None while it holds.
        sources: The citations that attest it.
        note: Anything a reader should know.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> sorted({str(r.kind) for r in jmp.load().relations(subject="NEDO")})
        ['collaborates_with', 'manages']
    """

    subject: str = f.ref("entity")
    kind: RelationKind
    object: str = f.ref("entity")
    valid_from: PartialDate | None = None
    valid_until: PartialDate | None = None
    sources: tuple[Citation, ...] = ()
    note: str | None = f.text()

    @property
    def period(self) -> Period:
        """
        When the relation held, as days.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().relations(subject="MITI", object="JPO")[0].period.end
            datetime.date(2001, 1, 6)
        """
        return Period.of(self.valid_from, self.valid_until)


@attrs.frozen(kw_only=True, repr=False)
class Event(Record):
    """
    A dated change in the life of an entity.

    Attributes:
        body: The id of the entity the event happened to.
        kind: What happened.
        date: When, to the precision known; None where no source dates it.
        other: Ids of the other bodies involved (predecessors, the successor, the absorbed body ...).
        legal_basis: The law or decision behind it, as the source gives it.
        law: The id of that law, where it is a :class:`Law` of the data.
        from_value: The value before the change (an old name, an old legal form).
        to_value: The value after it.
        sources: The citations that attest it.
        note: Anything a reader should know.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> [str(e.kind) for e in jmp.load().history("MITI")]
        ['founded', 'succeeded_by']
    """

    body: str = f.ref("entity")
    kind: EventKind
    date: PartialDate | None = None
    other: tuple[str, ...] = f.refs("organization")
    legal_basis: str | None = f.text()
    law: str | None = f.ref("law", optional=True)
    from_value: str | None = f.line(optional=True)
    to_value: str | None = f.line(optional=True)
    sources: tuple[Citation, ...] = ()
    note: str | None = f.text()

    def successions(self) -> tuple[tuple[str, str], ...]:
        """
        The (predecessor, successor) pairs of ids this event states: founding from others, or handing on.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> [e.successions() for e in jmp.load().history("METI") if e.successions()]
            [(('miti', 'meti'), ('economic-planning-agency', 'meti'))]
        """
        if self.kind in FROM_PREDECESSORS:
            return tuple((other, self.body) for other in self.other)
        if self.kind in TO_SUCCESSORS:
            return tuple((self.body, other) for other in self.other)
        return ()


@attrs.frozen(kw_only=True, repr=False)
class MembershipCount(Record):
    """
    A body's membership as counted on a given date.

    Attributes:
        body: The id of the body counted.
        as_of: The date of the count.
        total: All members, where the source gives a total.
        companies: Corporate members.
        industrial_associations: Nationwide industrial associations.
        regional_organizations: Regional economic organizations.
        group_members: All group (association) members, where counted as one figure.
        special_members: Special members.
        approximate: Whether the source gives the figures as approximate.
        sources: The citations behind it.
        note: Anything a reader should know.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> jmp.load().membership("Keidanren", as_of=2014).companies
        1309
    """

    body: str = f.ref("organization")
    as_of: PartialDate
    total: int | None = f.count()
    companies: int | None = f.count()
    industrial_associations: int | None = f.count()
    regional_organizations: int | None = f.count()
    group_members: int | None = f.count()
    special_members: int | None = f.count()
    approximate: bool = False
    sources: tuple[Citation, ...] = ()
    note: str | None = f.text()

    @property
    def regional_organisations(self) -> int | None:
        """
        Deprecated British spelling of :attr:`regional_organizations`.

        .. deprecated:: 0.2.0
           Use :attr:`regional_organizations`; the API spells "organization" the US way throughout.

        Example:
            >>> import warnings, jp_mfg_policy as jmp
            >>> with warnings.catch_warnings(record=True) as caught:
            ...     warnings.simplefilter("always")
            ...     count = jmp.load().membership("Keidanren", as_of=2014).regional_organisations
            >>> count, caught[0].category.__name__
            (47, 'DeprecationWarning')
        """
        warnings.warn(
            "MembershipCount.regional_organisations is deprecated; use regional_organizations",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.regional_organizations


@attrs.frozen(kw_only=True, repr=False)
class Caveat(Record):
    """
    Where a source hedges, leaves something out or has aged, and what later sources say.

    The source's statement is kept with its date, beside the later fact and its
    references, so that a reader sees both. Caveats speak of the sources, not of a
    day: :meth:`PolicySystem.at` leaves them out.

    Attributes:
        subject: The id of the entity concerned.
        topic: What the caveat is about.
        statement: What the source says, verbatim.
        source: The id of the source that says it.
        as_of: The date the statement speaks of, where the source gives one.
        later: The later or fuller fact.
        sources: The citations for the later fact.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> [str(c.topic) for c in jmp.load().caveats_of("AIST")]
        ['legal_form']
    """

    subject: str = f.ref("entity")
    topic: CaveatTopic
    statement: str = f.text(optional=False)
    source: str = f.ref("source")
    as_of: PartialDate | None = None
    later: str = f.text(optional=False)
    sources: tuple[Citation, ...] = ()


@attrs.frozen(kw_only=True, repr=False)
class Coverage(Record):
    """
    Where the data is complete and where it is a selection, as of a date, and who says so.

    With a ``subject``, the statement is about the bodies directly under that body
    (its children in the hierarchy); without, about a whole collection.

    Attributes:
        collection: The collection concerned (``"organizations"``, ``"laws"`` ...).
        subject: The id of the body whose subordinate bodies are meant, or None for the whole collection.
        complete: Whether the data lists all of them (True) or a selection (False).
        as_of: The date the claim holds for: the date of the list it was checked against.
        description: What is covered, in words.
        sources: The list the claim was checked against (an organisation chart, an official list).
        note: Anything a reader should know.

    Example:
        >>> Coverage(collection="organizations", complete=False, description="a selection").subject is None
        True
    """

    collection: str = f.line()
    subject: str | None = f.ref("organization", optional=True)
    complete: bool
    as_of: PartialDate | None = None
    description: str = f.text(optional=False)
    sources: tuple[Citation, ...] = ()
    note: str | None = f.text()
