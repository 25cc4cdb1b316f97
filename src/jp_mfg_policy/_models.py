"""
The entities of the policy system: pure data, no I/O.

Every class is frozen and slotted; collections are tuples, so an entity is
immutable and hashable. References to other entities are held as ids and
resolved by :class:`~jp_mfg_policy.PolicySystem`.
"""

from __future__ import annotations

import enum
import re
from typing import Any, TypeAlias

import attrs

from ._dates import PartialDate
from ._identifiers import IdentifierScheme, normalize_identifier

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _slug(_instance: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not _SLUG.fullmatch(value):
        msg = f"{attribute.name} must be a lower-case slug like 'meti' or 'sme-agency', not {value!r}"
        raise ValueError(msg)


def _slugs(_instance: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for item in value:
        _slug(_instance, attribute, item)


def _text(_instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and not value.strip():
        msg = f"{attribute.name} must not be blank"
        raise ValueError(msg)


def _texts(_instance: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    for item in value:
        _text(_instance, attribute, item)


class LegalForm(enum.StrEnum):
    """
    The legal or administrative form of a body.

    Example:
        >>> LegalForm.EXTERNAL_AGENCY.label_ja
        '外局'
    """

    MINISTRY = "ministry"
    CABINET_OFFICE = "cabinet_office"
    EXTERNAL_AGENCY = "external_agency"
    INTERNAL_BUREAU = "internal_bureau"
    INTERNAL_UNIT = "internal_unit"
    NATIONAL_RESEARCH_INSTITUTION = "national_research_institution"
    INCORPORATED_ADMINISTRATIVE_AGENCY = "incorporated_administrative_agency"
    NATIONAL_RESEARCH_AND_DEVELOPMENT_AGENCY = "national_research_and_development_agency"
    SPECIFIED_NATIONAL_RESEARCH_AND_DEVELOPMENT_AGENCY = "specified_national_research_and_development_agency"
    SPECIAL_CORPORATION = "special_corporation"
    INCORPORATED_FOUNDATION = "incorporated_foundation"
    INCORPORATED_ASSOCIATION = "incorporated_association"
    GENERAL_INCORPORATED_ASSOCIATION = "general_incorporated_association"
    COUNCIL_ON_IMPORTANT_POLICY = "council_on_important_policy"
    NATIONAL_LABORATORY = "national_laboratory"

    @property
    def label(self) -> str:
        """
        The English term.

        Example:
            >>> LegalForm.INTERNAL_BUREAU.label
            'internal bureau of a ministry'
        """
        return _LEGAL_FORM_LABELS[self][0]

    @property
    def label_ja(self) -> str:
        """
        The Japanese term.

        Example:
            >>> LegalForm.NATIONAL_RESEARCH_AND_DEVELOPMENT_AGENCY.label_ja
            '国立研究開発法人'
        """
        return _LEGAL_FORM_LABELS[self][1]


_LEGAL_FORM_LABELS = {
    LegalForm.MINISTRY: ("ministry", "省"),
    LegalForm.CABINET_OFFICE: ("Cabinet Office", "内閣府"),
    LegalForm.EXTERNAL_AGENCY: ("external agency of a ministry", "外局"),
    LegalForm.INTERNAL_BUREAU: ("internal bureau of a ministry", "内部部局"),
    LegalForm.INTERNAL_UNIT: ("internal unit of another body", "内部組織"),
    LegalForm.NATIONAL_RESEARCH_INSTITUTION: ("national research institution", "国立試験研究機関"),
    LegalForm.INCORPORATED_ADMINISTRATIVE_AGENCY: ("incorporated administrative agency", "独立行政法人"),
    LegalForm.NATIONAL_RESEARCH_AND_DEVELOPMENT_AGENCY: (
        "national research and development agency",
        "国立研究開発法人",
    ),
    LegalForm.SPECIFIED_NATIONAL_RESEARCH_AND_DEVELOPMENT_AGENCY: (
        "specified national research and development agency",
        "特定国立研究開発法人",
    ),
    LegalForm.SPECIAL_CORPORATION: ("special corporation", "特殊法人"),
    LegalForm.INCORPORATED_FOUNDATION: ("incorporated foundation", "財団法人"),
    LegalForm.INCORPORATED_ASSOCIATION: ("incorporated association", "社団法人"),
    LegalForm.GENERAL_INCORPORATED_ASSOCIATION: ("general incorporated association", "一般社団法人"),
    LegalForm.COUNCIL_ON_IMPORTANT_POLICY: ("council on important policy", "重要政策に関する会議"),
    LegalForm.NATIONAL_LABORATORY: ("national laboratory (United States)", "国立研究所 (米国)"),
}


class NameKind(enum.StrEnum):
    """
    What kind of name a :class:`Name` is.

    Example:
        >>> NameKind("acronym")
        <NameKind.ACRONYM: 'acronym'>
    """

    OFFICIAL = "official"
    SHORT = "short"
    ACRONYM = "acronym"
    ALIAS = "alias"


class RelationKind(enum.StrEnum):
    """
    How two entities are related; the first three form the hierarchy.

    Example:
        >>> RelationKind.OVERSEES.hierarchical, RelationKind.FUNDS.hierarchical
        (True, False)
    """

    OVERSEES = "oversees"
    CONTAINS = "contains"
    HOSTS = "hosts"
    FUNDS = "funds"
    COLLABORATES_WITH = "collaborates_with"
    IMPLEMENTS = "implements"
    FORMULATES = "formulates"

    @property
    def hierarchical(self) -> bool:
        """
        Whether the subject is the object's parent in the organisation chart.

        Example:
            >>> RelationKind.HOSTS.hierarchical
            True
        """
        # Plain strings: an enum member hashes in Python, a str in C, and this runs per relation.
        return self._value_ in _HIERARCHICAL


_HIERARCHICAL = frozenset({"oversees", "contains", "hosts"})


class EventKind(enum.StrEnum):
    """
    The kinds of change in a body's life.

    Example:
        >>> [str(kind) for kind in EventKind][:3]
        ['founded', 'renamed', 'merged_into']
    """

    FOUNDED = "founded"
    RENAMED = "renamed"
    MERGED_INTO = "merged_into"
    ABSORBED = "absorbed"
    SUCCEEDED_BY = "succeeded_by"
    LEGAL_FORM_CHANGED = "legal_form_changed"
    REORGANISED = "reorganised"
    DISSOLVED = "dissolved"


@attrs.frozen(kw_only=True)
class Citation:
    """
    A pointer from a statement to the source that supports it.

    Attributes:
        source: The id of a :class:`Source`.
        quote: The passage of the source that supports the statement, verbatim.
        note: What the citation supports, or how the source was read.

    Example:
        >>> Citation(source="cambridge-actors", quote="set up in the Cabinet Office in 2001").source
        'cambridge-actors'
    """

    source: str = attrs.field(validator=_slug)
    quote: str | None = attrs.field(default=None, validator=_text)
    note: str | None = attrs.field(default=None, validator=_text)


@attrs.frozen(kw_only=True)
class Source:
    """
    A document the data cites.

    Attributes:
        id: A stable slug.
        title: The document's title.
        publisher: Who published it.
        url: Where it is published.
        kind: What it is (``"web_page"``, ``"registry_record"``, ``"encyclopedia"`` ...).
        language: Its language as a BCP 47 tag (``"en"``, ``"ja"``).
        published: When it was published, where known.
        accessed: When it was read, where recorded.
        copy_url: The address of the copy that was read, where that differs from *url*.
        text: The file name of the copy bundled in ``jp_mfg_policy/data/texts``.
        excerpts: Verbatim passages of the source as recorded when it was checked.
        note: Anything a reader should know about the source.

    Example:
        >>> Source(id="s", title="A page", publisher="A publisher").published is None
        True
    """

    id: str = attrs.field(validator=_slug)
    title: str = attrs.field(validator=_text)
    publisher: str = attrs.field(validator=_text)
    url: str | None = None
    kind: str = "web_page"
    language: str = "en"
    published: PartialDate | None = None
    accessed: PartialDate | None = None
    copy_url: str | None = None
    text: str | None = None
    excerpts: tuple[str, ...] = attrs.field(default=(), validator=_texts, repr=False)
    note: str | None = None


@attrs.frozen(kw_only=True)
class Name:
    """
    A name a body bears or bore, with the period it was used.

    Attributes:
        text: The name as written.
        lang: ``"en"``, ``"ja"`` or ``"ja-Latn"`` (romanised Japanese).
        kind: Official name, short form, acronym or other alias.
        valid_from: When the name came into use, where known.
        valid_until: When it went out of use (exclusive); None while in use.
        sources: The citations that attest it.

    Example:
        >>> Name(text="総合科学技術会議", lang="ja", kind=NameKind.OFFICIAL).kind
        <NameKind.OFFICIAL: 'official'>
    """

    text: str = attrs.field(validator=_text)
    lang: str = "en"
    kind: NameKind = NameKind.OFFICIAL
    valid_from: PartialDate | None = None
    valid_until: PartialDate | None = None
    sources: tuple[Citation, ...] = ()


@attrs.frozen(kw_only=True)
class Identifier:
    """
    An identifier of a body in another dataset, checked for form.

    Attributes:
        scheme: The identifier scheme.
        value: The identifier in canonical form (a bare ROR ID, an upper-case QID).
        sources: The citations that attest it.
        note: How well attested it is, where that matters.

    Example:
        >>> Identifier(scheme=IdentifierScheme.ROR, value="https://ror.org/055tm7f07").value
        '055tm7f07'
    """

    scheme: IdentifierScheme = attrs.field(converter=IdentifierScheme)
    value: str
    sources: tuple[Citation, ...] = ()
    note: str | None = None

    def __attrs_post_init__(self) -> None:
        # Canonicalise once here so that equality and lookups see one form.
        object.__setattr__(self, "value", normalize_identifier(self.scheme, self.value))


@attrs.frozen(kw_only=True)
class ResearchStream:
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

    name: str = attrs.field(validator=_text)
    description: str = attrs.field(validator=_text)


@attrs.frozen(kw_only=True)
class Organization:
    """
    A body of the policy system; the base of every kind of body.

    Concrete bodies that fit no narrower class (the Cabinet Office, a foreign
    laboratory) are plain ``Organization`` instances. The ``repr`` shows who and when; the
    long fields (descriptions, identifiers, sources, notes) are left out of it.

    Attributes:
        id: A stable lower-case slug, such as ``"meti"``.
        name: The official English name (the current one, or the last one).
        name_ja: The official Japanese name, where it has one.
        short_name_ja: The usual Japanese short form (経産省 for 経済産業省), where the sources give one.
        acronym: The English acronym, or None.
        aliases: Other current names: Japanese short forms, romanisations.
        former_names: Names no longer in use, each with its period.
        description: What the source says the body is or does, in its words.
        role: The body's role as the source states it.
        missions: Stated missions, in order.
        functions: Stated functions.
        established: When the body began, to the precision known.
        dissolved: When it ended, or None if it still exists.
        legal_form: Its current (or last) legal form.
        website: Its official website.
        identifiers: Its identifiers in other datasets.
        predecessors: Ids of bodies it succeeded.
        successors: Ids of bodies that succeeded it.
        country: ISO 3166-1 alpha-2 code of its country.
        sources: The citations behind the entity.
        note: Anything a reader should know.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> sandia = jmp.load().get("Sandia")
        >>> type(sandia).__name__, sandia.country, str(sandia.established)
        ('Organization', 'US', '1949')
    """

    id: str = attrs.field(validator=_slug)
    name: str = attrs.field(validator=_text)
    name_ja: str | None = attrs.field(default=None, validator=_text)
    short_name_ja: str | None = attrs.field(default=None, validator=_text)
    acronym: str | None = attrs.field(default=None, validator=_text)
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_texts)
    former_names: tuple[Name, ...] = attrs.field(default=(), repr=False)
    description: str | None = attrs.field(default=None, validator=_text, repr=False)
    role: str | None = attrs.field(default=None, validator=_text, repr=False)
    missions: tuple[str, ...] = attrs.field(default=(), validator=_texts, repr=False)
    functions: tuple[str, ...] = attrs.field(default=(), validator=_texts, repr=False)
    established: PartialDate | None = None
    dissolved: PartialDate | None = None
    legal_form: LegalForm | None = None
    website: str | None = None
    identifiers: tuple[Identifier, ...] = attrs.field(default=(), repr=False)
    predecessors: tuple[str, ...] = attrs.field(default=(), validator=_slugs)
    successors: tuple[str, ...] = attrs.field(default=(), validator=_slugs)
    country: str = "JP"
    sources: tuple[Citation, ...] = attrs.field(default=(), repr=False)
    note: str | None = attrs.field(default=None, repr=False)

    @property
    def label(self) -> str:
        """
        The acronym where there is one, else the name.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().get("JST").label, jmp.load().get("製造産業局").label
            ('JST', 'Manufacturing Industries Bureau')
        """
        return self.acronym or self.name

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


@attrs.frozen(kw_only=True)
class Ministry(Organization):
    """
    A ministry of the Government of Japan (省), current or former.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> jmp.load().get("MEXT").name_ja
        '文部科学省'
    """


@attrs.frozen(kw_only=True)
class Agency(Organization):
    """
    An agency, institute or bureau working under a supervising body.

    Attributes:
        supervisor: The id of its current (or last) supervising body.
        research_streams: How it divides its research, in the source's words.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> aist = jmp.load().get("AIST")
        >>> aist.supervisor, aist.legal_form.label
        ('meti', 'specified national research and development agency')
    """

    supervisor: str | None = attrs.field(default=None)
    research_streams: tuple[ResearchStream, ...] = attrs.field(default=(), repr=False)


@attrs.frozen(kw_only=True)
class Council(Organization):
    """
    A policy council, such as the Council for Science, Technology and Innovation.

    Attributes:
        host: The id of the body it is set up in.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> jmp.load().get("CSTI").host
        'cabinet-office'
    """

    host: str | None = attrs.field(default=None)


@attrs.frozen(kw_only=True)
class BusinessFederation(Organization):
    """
    A federation of businesses, such as Keidanren.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> jmp.load().get("経団連").acronym
        'Keidanren'
    """


AnyOrganization: TypeAlias = Organization | Ministry | Agency | Council | BusinessFederation


@attrs.frozen(kw_only=True)
class Relation:
    """
    A dated, sourced relation between two entities.

    Attributes:
        subject: The id of the entity the relation goes from.
        kind: The kind of relation; read as "*subject* *kind* *object*".
        object: The id of the entity it goes to.
        valid_from: When it began, where known.
        valid_until: When it ended (exclusive); None while it holds.
        sources: The citations that attest it.
        note: Anything a reader should know.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> [str(r.kind) for r in jmp.load().relations(subject="NEDO")]
        ['collaborates_with']
    """

    subject: str = attrs.field(validator=_slug)
    kind: RelationKind
    object: str = attrs.field(validator=_slug)
    valid_from: PartialDate | None = None
    valid_until: PartialDate | None = None
    sources: tuple[Citation, ...] = ()
    note: str | None = None


@attrs.frozen(kw_only=True)
class Event:
    """
    A dated change in the life of a body.

    Attributes:
        body: The id of the body the event happened to.
        kind: What happened.
        date: When, to the precision known; None where no source dates it.
        other: Ids of the other bodies involved (the successor, the absorbed body ...).
        legal_basis: The law or decision behind it, where a source gives one.
        from_value: The value before the change (an old name, an old legal form).
        to_value: The value after it.
        sources: The citations that attest it.
        note: Anything a reader should know.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> [str(e.kind) for e in jmp.load().history("MITI")]
        ['founded', 'succeeded_by']
    """

    body: str = attrs.field(validator=_slug)
    kind: EventKind
    date: PartialDate | None = None
    other: tuple[str, ...] = attrs.field(default=(), validator=_slugs)
    legal_basis: str | None = None
    from_value: str | None = None
    to_value: str | None = None
    sources: tuple[Citation, ...] = ()
    note: str | None = None


class _Titled:
    """Gives an entity with a ``title`` the ``name`` every entity has."""

    __slots__ = ()
    title: str

    @property
    def name(self) -> str:
        """
        The title, so that every entity has a ``name``.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().strategies[0].name
            'Keidanren growth strategy (2011)'
        """
        return self.title


@attrs.frozen(kw_only=True)
class Publication(_Titled):
    """
    A recurring publication, such as a white paper.

    Attributes:
        id: A stable slug.
        title: Its English title.
        title_ja: Its Japanese title.
        aliases: Other titles it is known by.
        kind: What it is (``"white_paper"``).
        frequency: How often it appears (``"annual"``).
        publishers: Ids of the bodies that publish it.
        description: What the source says of it, in its words.
        title_meaning: What the key word of its title means, in the source's words.
        legal_basis: The law that requires it, where a source gives one.
        website: Where it is published.
        sources: The citations behind it.
        note: Anything a reader should know.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> paper = jmp.load().get("ものづくり白書")
        >>> paper.frequency, paper.publishers
        ('annual', ('meti', 'mhlw', 'mext'))
    """

    id: str = attrs.field(validator=_slug)
    title: str = attrs.field(validator=_text)
    title_ja: str | None = None
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_texts)
    kind: str = "report"
    frequency: str | None = None
    publishers: tuple[str, ...] = attrs.field(default=(), validator=_slugs)
    description: str | None = None
    title_meaning: str | None = None
    legal_basis: str | None = None
    website: str | None = None
    sources: tuple[Citation, ...] = ()
    note: str | None = None


@attrs.frozen(kw_only=True)
class Award:
    """
    An award or prize.

    Attributes:
        id: A stable slug.
        name: Its English name.
        name_ja: Its Japanese name.
        aliases: Other names.
        frequency: How often it is awarded (``"biennial"``).
        established: When it was established, to the precision known.
        organisers: Ids of the bodies that run it.
        description: What the source says of it.
        website: Its website.
        sources: The citations behind it.
        note: Anything a reader should know.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> award = jmp.load().get("ものづくり日本大賞")
        >>> award.frequency, str(award.established), award.organisers
        ('biennial', '2005-08', ('meti', 'mext', 'mhlw', 'mlit'))
    """

    id: str = attrs.field(validator=_slug)
    name: str = attrs.field(validator=_text)
    name_ja: str | None = None
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_texts)
    frequency: str | None = None
    established: PartialDate | None = None
    organisers: tuple[str, ...] = attrs.field(default=(), validator=_slugs)
    description: str | None = None
    website: str | None = None
    sources: tuple[Citation, ...] = ()
    note: str | None = None


@attrs.frozen(kw_only=True)
class Target:
    """
    A quantified goal of a strategy.

    Attributes:
        indicator: What is measured.
        value: The goal.
        unit: The unit of *value* (``"%"``).
        basis: The basis of measurement (``"real"``, ``"nominal"``).
        quote: The source's words.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> [(t.value, t.unit, t.basis) for t in jmp.load().strategies[0].targets]
        [(2.0, '%', 'real'), (3.0, '%', 'nominal')]
    """

    indicator: str = attrs.field(validator=_text)
    value: float
    unit: str
    basis: str | None = None
    quote: str | None = None


@attrs.frozen(kw_only=True)
class Strategy(_Titled):
    """
    A published strategy with its targets.

    Its recommendations are :class:`Recommendation` entities that name it.

    Attributes:
        id: A stable slug.
        title: Its title, or a description where the source gives none.
        publisher: The id of the body that published it.
        published: When it was published.
        description: What the source says it does.
        purpose: The aim of its recommendations, in the source's words.
        targets: Its quantified goals.
        sources: The citations behind it.
        note: Anything a reader should know.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> strategy = jmp.load().get("keidanren-growth-strategy-2011")
        >>> strategy.publisher, str(strategy.published)
        ('keidanren', '2011')
    """

    id: str = attrs.field(validator=_slug)
    title: str = attrs.field(validator=_text)
    publisher: str = attrs.field(validator=_slug)
    published: PartialDate | None = None
    description: str | None = None
    purpose: str | None = None
    targets: tuple[Target, ...] = ()
    sources: tuple[Citation, ...] = ()
    note: str | None = None


@attrs.frozen(kw_only=True)
class Recommendation:
    """
    One recommendation of a strategy, in the source's words.

    Attributes:
        id: A stable slug.
        strategy: The id of the :class:`Strategy` it belongs to.
        number: Its position in the strategy's list (1-based), or None if unnumbered.
        text: The recommendation, verbatim.
        kind: ``"policy"`` (to government) or ``"corporate_action"`` (to companies).
        sources: The citations behind it.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> jmp.load().recommendations[0].text
        'Fundamentally revising energy and environmental policies'
    """

    id: str = attrs.field(validator=_slug)
    strategy: str = attrs.field(validator=_slug)
    number: int | None = None
    text: str = attrs.field(validator=_text)
    kind: str = "policy"
    sources: tuple[Citation, ...] = ()

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
class Plan:
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
        legal_basis: The law it is made under.
        sources: The citations behind it.
        note: Anything a reader should know.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> plan = jmp.load().get("第4期科学技術基本計画")
        >>> plan.first_fiscal_year, plan.last_fiscal_year, str(plan.adopted)
        (2011, 2015, '2011-08-19')
    """

    id: str = attrs.field(validator=_slug)
    name: str = attrs.field(validator=_text)
    name_ja: str | None = None
    number: int | None = None
    first_fiscal_year: int | None = None
    last_fiscal_year: int | None = None
    adopted: PartialDate | None = None
    legal_basis: str | None = None
    sources: tuple[Citation, ...] = ()
    note: str | None = None


@attrs.frozen(kw_only=True)
class MembershipCount:
    """
    A body's membership as counted on a given date.

    Attributes:
        body: The id of the body counted.
        as_of: The date of the count.
        total: All members, where the source gives a total.
        companies: Corporate members.
        industrial_associations: Nationwide industrial associations.
        regional_organisations: Regional economic organisations.
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

    body: str = attrs.field(validator=_slug)
    as_of: PartialDate
    total: int | None = None
    companies: int | None = None
    industrial_associations: int | None = None
    regional_organisations: int | None = None
    group_members: int | None = None
    special_members: int | None = None
    approximate: bool = False
    sources: tuple[Citation, ...] = ()
    note: str | None = None


@attrs.frozen(kw_only=True)
class Caveat:
    """
    Where a source hedges, leaves something out or has aged, and what later sources say.

    The source's statement is kept with its date, beside the later fact and its
    references, so that a reader sees both.

    Attributes:
        subject: The id of the entity concerned.
        topic: What the caveat is about (``"name"``, ``"legal_form"``, ``"membership"`` ...).
        statement: What the source says, verbatim.
        source: The id of the source that says it.
        as_of: The date the statement speaks of, where the source gives one.
        later: The later or fuller fact.
        sources: The citations for the later fact.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> [c.topic for c in jmp.load().caveats_of("AIST")]
        ['legal_form']
    """

    subject: str = attrs.field(validator=_slug)
    topic: str = attrs.field(validator=_text)
    statement: str = attrs.field(validator=_text)
    source: str = attrs.field(validator=_slug)
    as_of: PartialDate | None = None
    later: str = attrs.field(validator=_text)
    sources: tuple[Citation, ...] = ()


Entity: TypeAlias = AnyOrganization | Publication | Award | Strategy | Recommendation | Plan
