"""
The policy system: a dataset and its index, behind the queries researchers ask.

The facade holds no logic of its own beyond resolving keys: search, snapshots, the
hierarchy, citations and exports each live in a module of their own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, TypeVar, cast, overload

from . import _hierarchy
from ._bodies import Agency, BusinessFederation, Council, Ministry, Organization
from ._dataset import Dataset
from ._dates import FiscalYear, PartialDate, as_date
from ._enums import RelationKind
from ._identifiers import IdentifierScheme, normalize_identifier
from ._index import Index
from ._records import Entity
from ._registry import (
    AWARDS,
    CAVEATS,
    COVERAGE,
    EVENTS,
    LAWS,
    MEMBERSHIPS,
    ORGANIZATIONS,
    PLANS,
    PROGRAMS,
    PUBLICATIONS,
    RECOMMENDATIONS,
    RELATIONS,
    SOURCES,
    STRATEGIES,
    Collection,
    collection_of,
)
from .exceptions import UnknownEntityError

if TYPE_CHECKING:
    import os
    from pathlib import Path

    from ._facts import Caveat, Coverage, Event, MembershipCount, Relation, Source
    from ._laws import Law
    from ._plans import Plan
    from ._programs import Program
    from ._search import Match, Tables

_T = TypeVar("_T")
_O = TypeVar("_O", bound=Organization)
_R = TypeVar("_R")
_MISSING: Any = object()

#: Anything that names an entity: the entity itself, its id, or any of its names.
Key: TypeAlias = "str | Entity"
#: A record that states facts: an entity, a relation, an event or a membership count.
Fact: TypeAlias = "Entity | Relation | Event | MembershipCount"


def _missing(value: object) -> bool:
    """Whether *value* is a missing value: None, NaN, or pandas' NA."""
    if value is None:
        return True
    if isinstance(value, str):
        return False
    try:
        return bool(value != value)  # noqa: PLR0124 - NaN is the one value not equal to itself
    except TypeError:  # pandas.NA will not be a bool
        return True


class PolicySystem:
    """
    Japan's manufacturing-policy system: every record, indexed for queries.

    Get one with :func:`jp_mfg_policy.load`. A system is immutable: queries return
    tuples and frozen records; :meth:`at` returns a new system for a past day.

    Iterating yields every entity (bodies, laws, programmes, publications, awards,
    strategies, recommendations, plans); ``len()`` counts them; ``key in system``
    tells whether :meth:`get` would find *key*. Systems pickle and copy (for
    multiprocessing), and compare equal when their records are.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> system = jmp.load()
        >>> system["経済産業省"].acronym
        'METI'
        >>> "RIETI" in [body.label for body in system.children("METI")]
        True
    """

    __slots__ = ("__weakref__", "_index", "_search")

    def __init__(self, dataset: Dataset, *, root: Index | None = None) -> None:
        # A snapshot looks names up through its whole record's index (*root*).
        self._index = Index(dataset, root)
        self._search: Tables | None = None

    # -- the records ----------------------------------------------------------

    @property
    def dataset(self) -> Dataset:
        """
        Every record, collection by collection (see :mod:`the registry <jp_mfg_policy>`).

        Example:
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().dataset.as_of is None
            True
        """
        return self._index.dataset

    @property
    def index(self) -> Index:
        """
        The lookup tables (private in all but name: their shape may change).

        Example:
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().index.dataset is jmp.load().dataset
            True
        """
        return self._index

    @property
    def as_of(self) -> dt.date | None:
        """
        The day this system describes (a snapshot from :meth:`at`), or None for the whole record.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().at(1999).as_of
            datetime.date(1999, 12, 31)
        """
        return self.dataset.as_of

    sources = SOURCES
    organizations = ORGANIZATIONS
    laws = LAWS
    programs = PROGRAMS
    publications = PUBLICATIONS
    awards = AWARDS
    strategies = STRATEGIES
    recommendations = RECOMMENDATIONS
    plans = PLANS
    events = EVENTS
    memberships = MEMBERSHIPS
    caveats = CAVEATS

    def _of_kind(self, cls: type[_O]) -> tuple[_O, ...]:
        return tuple(org for org in self.dataset[ORGANIZATIONS] if isinstance(org, cls))

    @property
    def ministries(self) -> tuple[Ministry, ...]:
        """
        The ministries, current and former.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> "MITI" in [m.label for m in jmp.load().ministries]
            True
        """
        return self._of_kind(Ministry)

    @property
    def agencies(self) -> tuple[Agency, ...]:
        """
        The agencies, institutes, bureaus and companies under a supervising body.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> "AIST" in [a.label for a in jmp.load().agencies]
            True
        """
        return self._of_kind(Agency)

    @property
    def councils(self) -> tuple[Council, ...]:
        """
        The councils and headquarters.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> "csti" in [c.id for c in jmp.load().councils]
            True
        """
        return self._of_kind(Council)

    @property
    def business_federations(self) -> tuple[BusinessFederation, ...]:
        """
        The business federations and industry associations.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> "Keidanren" in [b.label for b in jmp.load().business_federations]
            True
        """
        return self._of_kind(BusinessFederation)

    # -- the container protocol ---------------------------------------------------

    def __iter__(self) -> Iterator[Entity]:
        return iter(self._index.by_id.values())

    def __len__(self) -> int:
        return len(self._index.by_id)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str | Entity) and self.get(key, None) is not None

    def __getitem__(self, key: Key) -> Entity:
        return self.get(key)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PolicySystem):
            return NotImplemented
        return self.dataset == other.dataset

    def __hash__(self) -> int:
        return hash(self.dataset)

    def __reduce__(self) -> tuple[Any, ...]:
        # The tables are rebuilt on first use: only the records travel.
        return (PolicySystem, (self.dataset,))

    def __repr__(self) -> str:
        when = f", as of {self.as_of}" if self.as_of else ""
        bodies = len(self.dataset[ORGANIZATIONS])
        return (
            f"<PolicySystem: {bodies} organizations, {len(self) - bodies} other entities, "
            f"{len(self.dataset[RELATIONS])} relations{when}>"
        )

    # -- lookups ----------------------------------------------------------------

    @overload
    def get(self, key: Key) -> Entity: ...
    @overload
    def get(self, key: Key, default: _T) -> Entity | _T: ...

    def get(self, key: Key, default: Any = _MISSING) -> Any:
        """
        The entity named by *key*: an id, acronym, name, Japanese name, alias or former name.

        Case, spacing, punctuation and full-width forms are ignored. An entity from
        another system (say, a snapshot) fetches this system's version.

        Raises:
            UnknownEntityError: If nothing matches and no *default* is given; its
                ``suggestions`` are the closest names.
            TypeError: If *key* is neither a string nor an entity.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> system = jmp.load()
            >>> system.get("ｍｅｔｉ").id, system.get("Japan Patent Office").id, system.get("nope", None)
            ('meti', 'jpo', None)
        """
        if type(key) is str and self._index.root is None:
            # The commonest lookup, a body by its id or name as written, without the general path.
            entity = self._index.bodies_as_written.get(key) or self._index.lookup(key)
        elif isinstance(key, str):
            entity = self._index.lookup(key)
        elif isinstance(cast("object", key), Organization) and self._index.root is None:
            # A body's id is in the bodies' own table: asking about one builds no law or plan.
            entity = self._index.body_ids.get(key.id)
        elif isinstance(cast("object", key), Entity):
            entity = self._index.by_id.get(key.id)
        else:  # a caller without type checking
            msg = f"expected an entity or a string to look up, got {type(key).__name__}"
            raise TypeError(msg)
        if entity is not None:
            return entity
        if default is not _MISSING:
            return default
        raise UnknownEntityError(key, self._suggest(key if isinstance(key, str) else key.id))

    def _suggest(self, key: str, limit: int = 3) -> tuple[str, ...]:
        import difflib  # for a name not found only

        from ._normalize import normalize_key

        keys = self._index.keys()
        close = difflib.get_close_matches(normalize_key(key[:200]), keys, n=limit, cutoff=0.5)
        return tuple(dict.fromkeys(keys[match].label for match in close))

    def organization(self, key: Key) -> Organization:
        """
        The body named by *key*, as :meth:`get` finds it, typed as an :class:`Organization`.

        Raises:
            UnknownEntityError: If nothing matches.
            TypeError: If *key* names an entity that is not a body (a law, say).

        Example:
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().organization("特許庁").acronym
            'JPO'
        """
        if type(key) is str and self._index.root is None:
            # The commonest case, as in get(): a body by its id or name as written.
            found = self._index.bodies_as_written.get(key)
            if isinstance(found, Organization):
                return found
        entity = self.get(key)
        if not isinstance(entity, Organization):
            msg = f"{entity.id!r} is a {type(entity).__name__}, not an organization"
            raise TypeError(msg)
        return entity

    def search(self, text: str, *, limit: int | None = 10) -> tuple[Match, ...]:
        """
        Entities matching *text*, best first, each with the field that matched and how.

        Whole names rank first, then names that begin with *text*, then names containing
        it, then entities whose descriptions, roles, missions, legal bases, requirements,
        goals or history contain every word of it.

        Raises:
            TypeError: If *text* is not a string.
            ValueError: If *limit* is negative.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> [(m.entity.id, m.field) for m in jmp.load().search("ものづくり基盤技術振興基本法")][:2]
            [('monodzukuri-basic-act', 'name_ja'), ('monodzukuri-white-paper', 'legal_basis')]
        """
        if not isinstance(cast("object", text), str):
            msg = f"expected a string to search for, got {type(text).__name__}"
            raise TypeError(msg)
        if limit is not None and (not isinstance(cast("object", limit), int) or isinstance(limit, bool) or limit < 0):
            msg = f"limit must be None or a whole number from 0, not {limit!r}"
            raise ValueError(msg)
        from ._search import Tables, search

        entities = list(self._index.by_id.values())
        if self._search is None:
            self._search = Tables.of(entities, self._index)
        return search(self._search, entities, text, limit)

    def find(self, text: str, *, limit: int | None = 10) -> tuple[Entity, ...]:
        """
        Entities matching *text*, best first: :meth:`search` without the explanations.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> [e.id for e in jmp.load().find("patent office")][0]
            'jpo'
        """
        return tuple(match.entity for match in self.search(text, limit=limit))

    def by_identifier(
        self,
        scheme: IdentifierScheme | str,
        value: object,
        default: Any = _MISSING,
    ) -> Any:
        """
        The body with identifier *value* in *scheme*, in any common written form.

        ROR IDs bare or as URLs; Wikidata QIDs, entity URIs (as SPARQL returns them) or page
        URLs; corporate numbers with or without hyphens; Funder IDs bare or as DOIs. A
        missing value (None, NaN, pandas' NA) matches nothing.

        Raises:
            UnknownEntityError: If no body has it (or the value is missing) and no *default* is given.
            ValueError: If *value* is malformed and no *default* is given.
            TypeError: If *scheme* is not a string.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> system = jmp.load()
            >>> system.by_identifier("ror", "https://ror.org/00097mb19").acronym
            'JST'
            >>> system.by_identifier("wikidata", "http://www.wikidata.org/entity/Q1197264").acronym
            'METI'
            >>> system.by_identifier("wikidata", float("nan"), None) is None
            True
        """
        if not isinstance(cast("object", scheme), str):
            msg = f"expected an identifier scheme such as 'ror', got {type(scheme).__name__}"
            raise TypeError(msg)
        scheme = IdentifierScheme(scheme)
        if _missing(value):
            if default is not _MISSING:
                return default
            msg_0 = f"{scheme}:{value}"
            raise UnknownEntityError(msg_0)
        text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
        try:
            canonical = normalize_identifier(scheme, cast("str", text))  # a non-string is refused inside
        except (ValueError, TypeError):
            if default is not _MISSING:
                return default
            raise
        org = self._index.identifiers.get((scheme.value, canonical))
        if org is not None:
            return org
        if default is not _MISSING:
            return default
        msg_0 = f"{scheme}:{canonical}"
        raise UnknownEntityError(msg_0)

    def source(self, ident: str) -> Source:
        """
        The source with id *ident*.

        Raises:
            UnknownEntityError: If there is none.
            TypeError: If *ident* is not a string.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().source("ror-meti").url
            'https://ror.org/055tm7f07'
        """
        if not isinstance(cast("object", ident), str):
            msg = f"expected a source id, got {type(ident).__name__}"
            raise TypeError(msg)
        # Until the sources are all built, the one asked for is built alone (a page cites a few).
        dataset = self._index.dataset
        found = self._index.sources.get(ident) if dataset.built(SOURCES) else dataset.find(SOURCES, ident)
        if found is None:
            import difflib  # for an id not found only

            suggestions = tuple(difflib.get_close_matches(ident[:200], self._index.sources))
            raise UnknownEntityError(ident, suggestions)
        return found

    def origin(self, record: Key | Relation | Event | MembershipCount | Caveat | Source | Coverage) -> str:
        """
        The data file a record came from (the one that last changed it, for an overridden record).

        Bundled records come from ``jp_mfg_policy/data/<file>.json``.

        Raises:
            UnknownEntityError: If *record* is not a record of this system.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().origin("METI")
            'jp_mfg_policy/data/organizations.json'
        """
        if isinstance(record, str):
            record = self.get(record)
        collection = collection_of(record)
        found = self.dataset.origin(collection, collection.identity(record))
        if found is None:
            raise UnknownEntityError(record)
        return found

    # -- the hierarchy and the lineage ------------------------------------------------

    def children(self, key: Key) -> tuple[Organization, ...]:
        """
        The bodies directly under *key*: overseen, contained or hosted by it, in data order.

        On the whole record only relations that still hold count; use
        ``system.at(year).children(key)`` for the past.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> [body.acronym for body in jmp.load().children("MEXT")][:3]
            ['JST', 'JSPS', 'NISTEP']
        """
        return _hierarchy.children(self._index, self.organization(key))

    def descendants(self, key: Key) -> tuple[Organization, ...]:
        """
        Every body below *key*, breadth first; never *key* itself.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> "CRDS" in [body.acronym for body in jmp.load().descendants("MEXT")]
            True
        """
        return _hierarchy.descendants(self._index, self.organization(key))

    def parent(self, key: Key) -> Organization | None:
        """
        The body *key* sits under, or None for a top-level body (or a former one, on the whole record).

        Example:
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().parent("CRDS").acronym
            'JST'
        """
        return _hierarchy.parent(self._index, self.organization(key))

    def ministry_of(self, key: Key, at: Any = None) -> Organization | None:
        """
        The body of ministry rank *key* belongs to: itself, or the nearest one above it.

        Ministry rank: a ministry, the Cabinet Office, or an agency headed by a Minister of
        State (大臣庁, such as the Science and Technology Agency before 2001). *at* is
        anything :meth:`at` takes; by default today, or a former body's last day.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> system = jmp.load()
            >>> system.ministry_of("CRDS").acronym, system.ministry_of("NISTEP", at=1999).name
            ('MEXT', 'Science and Technology Agency')
            >>> system.ministry_of("MITI Research Institute", at=1999).acronym
            'MITI'
        """
        org = self.organization(key)
        if at is None:
            return _hierarchy.ministry_of(self._index, org)
        found = _hierarchy.ministry_of(self._index, org, as_date(at).toordinal())
        # As the snapshot of that day shows it: under the name and form it had then.
        return None if found is None else self.at(at).organization(found.id)

    def relations(
        self,
        *,
        subject: Key | None = None,
        object: Key | None = None,  # noqa: A002 - the field's name
        kind: RelationKind | str | None = None,
    ) -> tuple[Relation, ...]:
        """
        The relations matching every given filter, current and past.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> [(r.subject, str(r.kind)) for r in jmp.load().relations(object="NEDO")][:2]
            [('meti', 'oversees'), ('meti', 'funds')]
        """
        subject_id = None if subject is None else self.get(subject).id
        object_id = None if object is None else self.get(object).id
        wanted = None if kind is None else RelationKind(kind)
        return tuple(
            relation
            for relation in self._naming(RELATIONS, subject_id or object_id)
            if (subject_id is None or relation.subject == subject_id)
            and (object_id is None or relation.object == object_id)
            and (wanted is None or relation.kind is wanted)
        )

    def history(self, key: Key) -> tuple[Event, ...]:
        """
        The events of an entity's life in date order, undated ones last.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> [(str(e.date), str(e.kind)) for e in jmp.load().history("CSTI")]
            [('2001-01-06', 'founded'), ('2014-05-19', 'renamed')]
        """
        return self._index.events_by_body[self.get(key).id]

    def predecessors(self, key: Key) -> tuple[Organization, ...]:
        """
        The bodies *key* directly succeeded, as its events and theirs record.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> [body.label for body in jmp.load().predecessors("METI")]
            ['MITI', 'EPA']
        """
        return self._linked(key, 0)

    def successors(self, key: Key) -> tuple[Organization, ...]:
        """
        The bodies that directly succeeded *key*.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> [body.label for body in jmp.load().successors("MITI")]
            ['METI']
        """
        return self._linked(key, 1)

    def _linked(self, key: Key, side: Literal[0, 1]) -> tuple[Organization, ...]:
        links = self._index.lineage[side][self.organization(key).id]
        return tuple(org for ident in links if isinstance(org := self._index.by_id.get(ident), Organization))

    def lineage(self, key: Key) -> tuple[Organization, ...]:
        """
        A body with all its predecessors and successors, oldest first.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> [body.label for body in jmp.load().lineage("METI")]
            ['Ministry of Commerce and Industry', 'ESB', 'EDA', 'MITI', 'EPA', 'METI']
        """
        return _hierarchy.lineage(self._index, self.organization(key))

    # -- time ------------------------------------------------------------------------

    def at(self, when: Any) -> PolicySystem:
        """
        The system as it stood on *when*: a date, a year, a fiscal year or an ISO date string.

        A year (``1999``, ``"1999"``) or a fiscal year (``"FY2018"``, 1 April 2018 to
        31 March 2019) means its last day. The snapshot holds the entities that stood
        that day, under the names and legal forms they had, the relations that held,
        and the events and counts up to that day; nothing later. See the docs'
        "How time works" for the rules.

        Raises:
            TypeError: If *when* is not a date, a year, a fiscal year or a string.
            ValueError: If it is, but not a real day.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> system = jmp.load()
            >>> "MITI" in system.at(1999), "METI" in system.at(1999)
            (True, False)
            >>> system.at(2010).get("CSTI").name
            'Council for Science and Technology Policy'
        """
        from ._snapshot import snapshot

        return PolicySystem(snapshot(self._index, as_date(when)), root=self._index.root or self._index)

    def in_force(self, when: Any) -> tuple[Law | Plan | Program, ...]:
        """
        The laws, plans and programmes in force at any time within a period.

        *when* is a fiscal year (``"FY2018"``, :class:`FiscalYear`), a calendar year, a
        :class:`PartialDate` or a day. A plan or programme is in force over its fiscal
        years, a law from its entry into force to its repeal.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> [e.id for e in jmp.load().in_force("FY2018") if e.id.startswith("basic-plan")]
            ['basic-plan-5']
        """
        first, after = _period_of(when)
        found: list[Law | Plan | Program] = []
        candidates: tuple[Law | Plan | Program, ...] = (
            *self.dataset[LAWS],
            *self.dataset[PLANS],
            *self.dataset[PROGRAMS],
        )
        for entity in candidates:
            held = entity.in_force()
            if held.start is None and held.end is None:
                continue
            if (held.start is None or held.start < after) and (held.end is None or first < held.end):
                found.append(entity)
        return tuple(found)

    def memberships_of(self, key: Key) -> tuple[MembershipCount, ...]:
        """
        A body's dated membership counts, oldest first.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> [str(m.as_of) for m in jmp.load().memberships_of("Keidanren")][:2]
            ['2002-05-28', '2010-06-15']
        """
        return self._index.memberships_by_body.get(self.organization(key).id, ())

    def membership(self, key: Key, as_of: Any = None) -> MembershipCount | None:
        """
        A body's latest membership count on or before *as_of* (default: the latest).

        Example:
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().membership("Keidanren").companies
            1542
        """
        counts = self.memberships_of(key)
        if as_of is None:
            return counts[-1] if counts else None
        day = as_date(as_of)
        earlier = [count for count in counts if count.as_of.start() <= day]
        return earlier[-1] if earlier else None

    # -- provenance --------------------------------------------------------------------

    def caveats_of(self, key: Key) -> tuple[Caveat, ...]:
        """
        The caveats about one entity: where a source hedges or has aged, with the later facts.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> caveat = jmp.load().caveats_of("Keidanren")[0]
            >>> str(caveat.topic), str(caveat.as_of)
            ('membership', '2014-07-01')
        """
        ident = self.get(key).id
        return tuple(caveat for caveat in self._naming(CAVEATS, ident) if caveat.subject == ident)

    def _naming(self, collection: Collection[_R], ident: str | None) -> tuple[_R, ...]:
        """The records of *collection* that may name *ident*: those that do, where found without building them all."""
        dataset = self.dataset
        if ident is not None and dataset.refers and not dataset.built(collection):
            return dataset.referring(collection, ident)
        return dataset[collection]

    def coverage(self, key: Key | None = None) -> tuple[Coverage, ...]:
        """
        Where the data is complete, and where it is a selection, with the date and source of each claim.

        Without *key*: the claims about whole collections. With *key*: the claims about the
        bodies directly under that body, newest first; none means no source says the list
        is complete, so it is a selection.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> claim = jmp.load().coverage("METI")[0]
            >>> claim.complete, str(claim.as_of) >= "2024"
            (True, True)
        """
        if key is None:
            return tuple(claim for claim in self.dataset[COVERAGE] if claim.subject is None)
        ident = self.organization(key).id
        about = [claim for claim in self._naming(COVERAGE, ident) if claim.subject == ident]
        return tuple(sorted(about, key=lambda claim: claim.as_of or PartialDate(1), reverse=True))

    def facts(self, key: Key | Relation | Event | MembershipCount) -> tuple[Any, ...]:
        """
        The records that state facts about *key*: itself, its relations, events, counts and caveats.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> sorted({type(r).__name__ for r in jmp.load().facts("Keidanren")})
            ['BusinessFederation', 'Caveat', 'Event', 'MembershipCount', 'Relation']
        """
        from ._facts import Event, MembershipCount, Relation

        if isinstance(key, Relation | Event | MembershipCount):
            return (key,)
        entity = self.get(key)
        relations = [r for r in self.dataset[RELATIONS] if entity.id in (r.subject, r.object)]
        events = self._index.events_by_body[entity.id]
        counts = self._index.memberships_by_body.get(entity.id, ())
        return (entity, *relations, *events, *counts, *self.caveats_of(entity))

    def cite(self, key: Key | Relation | Event | MembershipCount, *, bibtex: bool = False) -> str:
        """
        A citation of the facts behind *key*: the data release and every source, with its passages.

        *key* may be an entity (all its facts), or one relation, event or count. Plain
        text by default; with ``bibtex=True``, BibTeX entries for the dataset and each
        source.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> print(jmp.load().cite("MITI").splitlines()[0])  # doctest: +ELLIPSIS
            MITI (Ministry of International Trade and Industry): jp-mfg-policy data 2026.2 (...), citing:
        """
        from ._cite import as_bibtex, as_text, gather, subject

        records = self.facts(key)
        cited = gather(records, self._index.sources)
        return as_bibtex(cited) if bibtex else as_text(subject(records[0]), cited)

    # -- leaving Python ------------------------------------------------------------------

    def to_records(self, kind: str) -> list[dict[str, object]]:
        """
        One collection, or a long table, as flat records: plain dicts with stable columns.

        *kind* is a collection name (``"organizations"``, ``"laws"``, ``"relations"`` ...)
        or a long table (``"names"``, ``"identifiers"``). Values are strings, numbers,
        booleans or None; dates are ISO text at their own precision. See the data
        dictionary for every column.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> record = next(r for r in jmp.load().to_records("organizations") if r["id"] == "meti")
            >>> record["id"], record["ministry"], record["wikidata_url"][:31]
            ('meti', 'meti', 'http://www.wikidata.org/entity/')
        """
        from ._tables import records

        return records(self._index, kind)

    def to_json(self) -> str:
        """
        The whole system as one JSON document in the bundled data's shape.

        ``jmp.load(extra=[file], bundled=False)`` reads it back as an equal system.

        Example:
            >>> import json, jp_mfg_policy as jmp
            >>> sorted(json.loads(jmp.load().to_json()))[:3]
            ['about', 'awards', 'caveats']
        """
        from ._export import to_json

        return to_json(self.dataset)

    def export(self, path: str | os.PathLike[str], *, format: str = "json", bom: bool = True) -> list[Path]:  # noqa: A002 - the CLI's word
        """
        Write the system to *path*: one JSON file, or a folder of JSON Lines, CSV or a data package.

        ``"json"`` writes one document in the bundled data's shape; ``"jsonl"`` and
        ``"csv"`` one file per collection and long table into the folder *path*
        (created if needed); ``"datapackage"`` CSV files with a Frictionless
        ``datapackage.json``. CSV files are UTF-8 with a byte-order mark, so that
        spreadsheet programs read the Japanese right (``bom=False`` for plain UTF-8), and
        cells that a spreadsheet would run as a formula are prefixed with ``'``.

        Every file is written to a temporary file and renamed into place: a failure
        leaves existing files as they were and no half-written set.

        Raises:
            ValueError: For an unknown format or an empty path.
            OSError: If a file cannot be written, or *path* is a symbolic link.

        Example:
            >>> import tempfile, jp_mfg_policy as jmp
            >>> [f.name for f in jmp.load().export(tempfile.mkdtemp(), format="csv")][:2]
            ['sources.csv', 'organizations.csv']
        """
        from ._export import export

        return export(self._index, path, format, bom=bom)

    def to_pandas(self, kind: str) -> Any:
        """
        One collection or long table as a tidy pandas DataFrame (needs the ``pandas`` extra).

        One row per record, one scalar per cell: dates as ``datetime64`` (the first day
        of their period) with a ``<column>_precision`` column and a nullable integer
        ``<column>_year``; integers as ``Int64``; text as ``string``. Lists are long
        tables of their own: ``"names"``, ``"identifiers"``, and the ``relations``,
        ``events`` and ``memberships`` collections.

        Raises:
            ImportError: If pandas is not installed, naming the extra to install.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> frame = jmp.load().to_pandas("organizations")
            >>> str(frame["established_year"].dtype), str(frame["legal_form"].dtype)
            ('Int64', 'string')
        """
        from ._frames import to_pandas

        return to_pandas(self._index, kind)

    def to_networkx(self, kind: str = "all", at: Any = None) -> Any:
        """
        The system as a networkx ``MultiDiGraph`` (needs the ``networkx`` extra).

        *kind* picks the edges: ``"hierarchy"`` (oversight, containment, hosting),
        ``"succession"`` (each body to its successors, dated), ``"policy"`` (laws, plans,
        programmes and strategies with the bodies that make, run, fund and follow them),
        or ``"all"``. Nodes are entity ids carrying their records' scalar fields. With
        *at* (anything :meth:`at` takes), the graph of that day.

        Raises:
            ImportError: If networkx is not installed, naming the extra to install.
            ValueError: For an unknown *kind*.

        Example:
            >>> import networkx as nx, jp_mfg_policy as jmp
            >>> "meti" in nx.ancestors(jmp.load().to_networkx("hierarchy"), "aist")
            True
        """
        from ._frames import to_networkx

        system = self if at is None else self.at(at)
        return to_networkx(system._index, kind)  # noqa: SLF001 - the same class

    def to_mermaid(self, root: Key | None = None) -> str:
        """
        The organisation chart as a Mermaid flowchart, left to right.

        The bodies that stand and the relations that hold (of this system's day), or with
        *root*, that body and everything under it. For a past year, chart ``system.at(year)``.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> print(jmp.load().to_mermaid(root="JST").splitlines()[0])
            flowchart LR
        """
        from ._chart import to_mermaid

        return to_mermaid(self._index, None if root is None else self.organization(root))

    def to_dot(self, root: Key | None = None) -> str:
        """
        The organisation chart in Graphviz DOT, as :meth:`to_mermaid` draws it.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> "digraph policy_system {" in jmp.load().to_dot()
            True
        """
        from ._chart import to_dot

        return to_dot(self._index, None if root is None else self.organization(root))


def _period_of(when: Any) -> tuple[dt.date, dt.date]:
    """The first day and the day after the last of a fiscal year, a year, a partial date or a day."""
    if isinstance(when, str):
        text = when.strip()
        when = FiscalYear.parse(text) if text[:2].upper() == "FY" or text.endswith("年度") else PartialDate.parse(text)
    if isinstance(when, int) and not isinstance(when, bool):
        when = PartialDate(when)
    if isinstance(when, FiscalYear | PartialDate):
        return when.start(), when.end() + dt.timedelta(days=1)
    if isinstance(when, dt.date):
        day = when.date() if isinstance(when, dt.datetime) else when
        return day, day + dt.timedelta(days=1)
    msg = f"expected a fiscal year, a year, a partial date or a day, got {type(when).__name__}"
    raise TypeError(msg)
