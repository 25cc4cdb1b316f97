"""
The closed vocabularies of the model: legal forms, kinds of name, relation, event, source and the rest.
"""

from __future__ import annotations

import enum


class LegalForm(enum.StrEnum):
    """
    The legal or administrative form of a body, with its English and Japanese terms.

    Example:
        >>> LegalForm.EXTERNAL_AGENCY.label_ja
        '外局'
        >>> sorted(form.value for form in LegalForm.from_name_ja("国立研究開発法人理化学研究所"))
        ['national_research_and_development_agency', 'specified_national_research_and_development_agency']
    """

    CABINET = "cabinet"
    MINISTRY = "ministry"
    CABINET_OFFICE = "cabinet_office"
    MINISTERIAL_AGENCY = "ministerial_agency"
    EXTERNAL_AGENCY = "external_agency"
    INTERNAL_BUREAU = "internal_bureau"
    INTERNAL_UNIT = "internal_unit"
    NATIONAL_RESEARCH_INSTITUTION = "national_research_institution"
    INCORPORATED_ADMINISTRATIVE_AGENCY = "incorporated_administrative_agency"
    NATIONAL_RESEARCH_AND_DEVELOPMENT_AGENCY = "national_research_and_development_agency"
    SPECIFIED_NATIONAL_RESEARCH_AND_DEVELOPMENT_AGENCY = "specified_national_research_and_development_agency"
    SPECIAL_CORPORATION = "special_corporation"
    AUTHORIZED_CORPORATION = "authorized_corporation"
    SPECIAL_PRIVATE_CORPORATION = "special_private_corporation"
    STOCK_COMPANY = "stock_company"
    INCORPORATED_FOUNDATION = "incorporated_foundation"
    PUBLIC_INTEREST_INCORPORATED_FOUNDATION = "public_interest_incorporated_foundation"
    GENERAL_INCORPORATED_FOUNDATION = "general_incorporated_foundation"
    INCORPORATED_ASSOCIATION = "incorporated_association"
    PUBLIC_INTEREST_INCORPORATED_ASSOCIATION = "public_interest_incorporated_association"
    GENERAL_INCORPORATED_ASSOCIATION = "general_incorporated_association"
    COUNCIL_ON_IMPORTANT_POLICY = "council_on_important_policy"
    DELIBERATIVE_COUNCIL = "deliberative_council"
    CABINET_HEADQUARTERS = "cabinet_headquarters"
    CABINET_COUNCIL = "cabinet_council"
    NATIONAL_LABORATORY = "national_laboratory"

    @property
    def label(self) -> str:
        """
        The English term.

        Example:
            >>> LegalForm.INTERNAL_BUREAU.label
            'internal bureau of a ministry'
        """
        return _LABELS[self][0]

    @property
    def label_ja(self) -> str:
        """
        The Japanese term.

        Example:
            >>> LegalForm.NATIONAL_RESEARCH_AND_DEVELOPMENT_AGENCY.label_ja
            '国立研究開発法人'
        """
        return _LABELS[self][1]

    @property
    def legal_person(self) -> bool:
        """
        Whether a body of this form is a legal person, and so has a corporate number.

        The ministries and the Cabinet Office count: they hold corporate numbers as
        organs of the State (国の機関).

        Example:
            >>> LegalForm.INCORPORATED_ADMINISTRATIVE_AGENCY.legal_person, LegalForm.INTERNAL_BUREAU.legal_person
            (True, False)
        """
        return self in _LEGAL_PERSONS

    @classmethod
    def known(cls, value: str | None) -> LegalForm | None:
        """
        The legal form *value* names, or None if it names none (an event's free text, say).

        Example:
            >>> LegalForm.known("ministry"), LegalForm.known("a special corporation")
            (<LegalForm.MINISTRY: 'ministry'>, None)
        """
        return cls._value2member_map_.get(value) if value is not None else None  # type: ignore[return-value]  # the map holds members only

    @classmethod
    def from_name_ja(cls, name: str) -> frozenset[LegalForm] | None:
        """
        The legal forms a Japanese name's prefix implies, or None if it has no such prefix.

        ``国立研究開発法人`` prefixes both national and specified national R&D agencies:
        the specified ones keep it in their names.

        Example:
            >>> LegalForm.from_name_ja("独立行政法人日本学術振興会")
            frozenset({<LegalForm.INCORPORATED_ADMINISTRATIVE_AGENCY: 'incorporated_administrative_agency'>})
            >>> LegalForm.from_name_ja("日本学術振興会") is None
            True
        """
        if not name.startswith(_PREFIX_TEXTS):  # most names, in one call at C speed
            return None
        for prefix, forms in _PREFIXES:  # longest first: 一般社団法人 before 社団法人
            if name.startswith(prefix):
                return forms
        return None


_LABELS = {
    LegalForm.CABINET: ("the Cabinet", "内閣"),
    LegalForm.MINISTRY: ("ministry", "省"),
    LegalForm.CABINET_OFFICE: ("Cabinet Office", "内閣府"),
    LegalForm.MINISTERIAL_AGENCY: ("agency headed by a Minister of State", "大臣庁"),
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
    LegalForm.AUTHORIZED_CORPORATION: ("authorized corporation", "認可法人"),
    LegalForm.SPECIAL_PRIVATE_CORPORATION: ("special private corporation", "特別民間法人"),
    LegalForm.STOCK_COMPANY: ("stock company", "株式会社"),
    LegalForm.INCORPORATED_FOUNDATION: ("incorporated foundation", "財団法人"),
    LegalForm.PUBLIC_INTEREST_INCORPORATED_FOUNDATION: ("public interest incorporated foundation", "公益財団法人"),
    LegalForm.GENERAL_INCORPORATED_FOUNDATION: ("general incorporated foundation", "一般財団法人"),
    LegalForm.INCORPORATED_ASSOCIATION: ("incorporated association", "社団法人"),
    LegalForm.PUBLIC_INTEREST_INCORPORATED_ASSOCIATION: ("public interest incorporated association", "公益社団法人"),
    LegalForm.GENERAL_INCORPORATED_ASSOCIATION: ("general incorporated association", "一般社団法人"),
    LegalForm.COUNCIL_ON_IMPORTANT_POLICY: ("council on important policy", "重要政策に関する会議"),
    LegalForm.DELIBERATIVE_COUNCIL: ("deliberative council", "審議会等"),
    LegalForm.CABINET_HEADQUARTERS: ("headquarters in the Cabinet", "内閣に置かれる本部"),
    LegalForm.CABINET_COUNCIL: ("council set up by Cabinet decision", "閣議決定により設置された会議"),
    LegalForm.NATIONAL_LABORATORY: ("national laboratory (United States)", "国立研究所 (米国)"),
}
_LEGAL_PERSONS = frozenset(
    {
        LegalForm.MINISTRY,
        LegalForm.CABINET_OFFICE,
        LegalForm.INCORPORATED_ADMINISTRATIVE_AGENCY,
        LegalForm.NATIONAL_RESEARCH_AND_DEVELOPMENT_AGENCY,
        LegalForm.SPECIFIED_NATIONAL_RESEARCH_AND_DEVELOPMENT_AGENCY,
        LegalForm.SPECIAL_CORPORATION,
        LegalForm.AUTHORIZED_CORPORATION,
        LegalForm.SPECIAL_PRIVATE_CORPORATION,
        LegalForm.STOCK_COMPANY,
        LegalForm.INCORPORATED_FOUNDATION,
        LegalForm.PUBLIC_INTEREST_INCORPORATED_FOUNDATION,
        LegalForm.GENERAL_INCORPORATED_FOUNDATION,
        LegalForm.INCORPORATED_ASSOCIATION,
        LegalForm.PUBLIC_INTEREST_INCORPORATED_ASSOCIATION,
        LegalForm.GENERAL_INCORPORATED_ASSOCIATION,
    }
)
_NRDA = frozenset(
    {LegalForm.NATIONAL_RESEARCH_AND_DEVELOPMENT_AGENCY, LegalForm.SPECIFIED_NATIONAL_RESEARCH_AND_DEVELOPMENT_AGENCY}
)
# The prefixes official Japanese names carry, longest first.
_PREFIXES: tuple[tuple[str, frozenset[LegalForm]], ...] = tuple(
    sorted(
        [
            ("特定国立研究開発法人", frozenset({LegalForm.SPECIFIED_NATIONAL_RESEARCH_AND_DEVELOPMENT_AGENCY})),
            ("国立研究開発法人", _NRDA),
            ("独立行政法人", frozenset({LegalForm.INCORPORATED_ADMINISTRATIVE_AGENCY})),
            ("一般社団法人", frozenset({LegalForm.GENERAL_INCORPORATED_ASSOCIATION})),
            ("公益社団法人", frozenset({LegalForm.PUBLIC_INTEREST_INCORPORATED_ASSOCIATION})),
            ("社団法人", frozenset({LegalForm.INCORPORATED_ASSOCIATION})),
            ("一般財団法人", frozenset({LegalForm.GENERAL_INCORPORATED_FOUNDATION})),
            ("公益財団法人", frozenset({LegalForm.PUBLIC_INTEREST_INCORPORATED_FOUNDATION})),
            ("財団法人", frozenset({LegalForm.INCORPORATED_FOUNDATION})),
            ("株式会社", frozenset({LegalForm.STOCK_COMPANY})),
            ("認可法人", frozenset({LegalForm.AUTHORIZED_CORPORATION})),
        ],
        key=lambda item: -len(item[0]),
    )
)
_PREFIX_TEXTS = tuple(prefix for prefix, _ in _PREFIXES)


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
    How two entities are related; read "*subject* *kind* *object*". The first three form the hierarchy.

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
    OWNS = "owns"
    MANAGES = "manages"
    ADMINISTERS = "administers"
    MANDATES = "mandates"
    ADOPTS = "adopts"

    @property
    def hierarchical(self) -> bool:
        """
        Whether the subject is the object's parent in the organisation chart.

        Example:
            >>> RelationKind.HOSTS.hierarchical
            True
        """
        return self in HIERARCHICAL


#: The relations that make the organisation chart: a body's parent is the subject of one of these.
HIERARCHICAL = frozenset({RelationKind.OVERSEES, RelationKind.CONTAINS, RelationKind.HOSTS})


class EventKind(enum.StrEnum):
    """
    The kinds of change in an entity's life.

    The lineage follows from them: a body's predecessors are the ``other`` bodies of
    its ``founded`` and ``absorbed`` events, its successors those of its
    ``succeeded_by`` and ``merged_into`` events (and each link is seen from both ends).

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

    @property
    def ends_life(self) -> bool:
        """
        Whether the event ends the life of the body it happens to.

        Example:
            >>> EventKind.MERGED_INTO.ends_life, EventKind.ABSORBED.ends_life
            (True, False)
        """
        return self in ENDS_LIFE


#: The events that end the life of the body they happen to.
ENDS_LIFE = frozenset({EventKind.SUCCEEDED_BY, EventKind.MERGED_INTO, EventKind.DISSOLVED})
#: Events whose ``other`` bodies are the body's predecessors; those of the others in :data:`ENDS_LIFE`
#: are its successors.
FROM_PREDECESSORS = frozenset({EventKind.FOUNDED, EventKind.ABSORBED})
TO_SUCCESSORS = frozenset({EventKind.SUCCEEDED_BY, EventKind.MERGED_INTO})


class SourceKind(enum.StrEnum):
    """
    What kind of document a :class:`Source` is.

    Example:
        >>> SourceKind("law").value
        'law'
    """

    WEB_PAGE = "web_page"
    ENCYCLOPEDIA = "encyclopedia"
    REGISTRY_RECORD = "registry_record"
    LAW = "law"
    NEWS_RELEASE = "news_release"
    NEWS_ARTICLE = "news_article"
    REPORT = "report"
    BOOK = "book"
    ARTICLE = "article"
    MINUTES = "minutes"
    DATASET_DOCUMENTATION = "dataset_documentation"
    LEAFLET = "leaflet"
    DOCUMENTATION = "documentation"
    THIRD_PARTY_FILE = "third_party_file"


class PublicationKind(enum.StrEnum):
    """
    What kind of recurring publication a :class:`Publication` is.

    Example:
        >>> PublicationKind.WHITE_PAPER.value
        'white_paper'
    """

    WHITE_PAPER = "white_paper"
    REPORT = "report"


class RecommendationKind(enum.StrEnum):
    """
    To whom a :class:`Recommendation` is addressed.

    Example:
        >>> RecommendationKind("corporate_action")
        <RecommendationKind.CORPORATE_ACTION: 'corporate_action'>
    """

    POLICY = "policy"
    CORPORATE_ACTION = "corporate_action"


class StrategyKind(enum.StrEnum):
    """
    What kind of document or idea a :class:`Strategy` is.

    Example:
        >>> StrategyKind.CONCEPT.value
        'concept'
    """

    STRATEGY = "strategy"
    GROWTH_STRATEGY = "growth_strategy"
    CONCEPT = "concept"
    BASIC_PLAN = "basic_plan"


class CaveatTopic(enum.StrEnum):
    """
    What a :class:`Caveat` is about.

    Example:
        >>> CaveatTopic.LEGAL_FORM.value
        'legal_form'
    """

    NAME = "name"
    LEGAL_FORM = "legal_form"
    MEMBERSHIP = "membership"
    OVERSIGHT = "oversight"
    ORGANISERS = "organisers"
    TITLE = "title"
    BASIC_PLAN = "basic_plan"
    LEGAL_BASIS = "legal_basis"
    COLLABORATION = "collaboration"
    DATE = "date"
    SCOPE = "scope"


class Frequency(enum.StrEnum):
    """
    How often something recurs.

    Example:
        >>> Frequency.BIENNIAL.value
        'biennial'
    """

    ANNUAL = "annual"
    BIENNIAL = "biennial"
    IRREGULAR = "irregular"
