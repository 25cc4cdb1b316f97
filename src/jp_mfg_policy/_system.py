"""
The policy system: indexed entities and the queries over them.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar, overload

import attrs

from ._dates import PartialDate, as_date, date_sort_key, in_period
from ._identifiers import IdentifierScheme, normalize_identifier
from ._index import Index
from ._load import without_gc
from ._models import (
    Agency,
    Award,
    BusinessFederation,
    Caveat,
    Council,
    Entity,
    Event,
    LegalForm,
    MembershipCount,
    Ministry,
    NameKind,
    Organization,
    Plan,
    Publication,
    Recommendation,
    Relation,
    RelationKind,
    Source,
    Strategy,
)
from ._normalize import normalize_key
from .exceptions import UnknownEntityError

if TYPE_CHECKING:
    import os
    from pathlib import Path

_T = TypeVar("_T")
_MISSING: Any = object()

Key = str | Organization | Publication | Award | Strategy | Recommendation | Plan
"""Anything that names an entity: the entity itself, its id, or any of its names."""


@attrs.frozen(eq=False, repr=False)
class PolicySystem:
    """
    Japan's manufacturing-policy system: every entity, indexed for queries.

    Get one with :func:`jp_mfg_policy.load`. A system is immutable: queries
    return tuples and frozen entities; :meth:`at` returns a new system.

    Iterating yields every entity (bodies, publications, awards, strategies,
    recommendations, plans); ``len()`` counts them; ``key in system`` tells
    whether :meth:`get` would find *key*.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> system = jmp.load()
        >>> system["経済産業省"].acronym
        'METI'
        >>> [body.label for body in system.children("METI")]
        ['AIST', 'SMEA', 'Manufacturing Industries Bureau', 'JETRO', 'JPO', 'NEDO']
    """

    _sources: tuple[Source, ...]
    _organizations: tuple[Organization, ...]
    _relations: tuple[Relation, ...]
    _events: tuple[Event, ...]
    _publications: tuple[Publication, ...]
    _awards: tuple[Award, ...]
    _strategies: tuple[Strategy, ...]
    _recommendations: tuple[Recommendation, ...]
    _plans: tuple[Plan, ...]
    _memberships: tuple[MembershipCount, ...]
    _caveats: tuple[Caveat, ...] = ()
    _origins: Mapping[object, str] = attrs.field(factory=dict, eq=False, repr=False)
    #: The day this system describes, or None for the whole record.
    as_of: dt.date | None = None
    # The system this one is a snapshot of, whose index work can be reused; dropped once used.
    _previous: PolicySystem | None = attrs.field(default=None, eq=False, repr=False)
    # Lookup keys the loader has already computed while validating; dropped once used.
    _keys: Mapping[str, frozenset[str]] | None = attrs.field(default=None, eq=False, repr=False)
    _index: Index = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        previous = self._previous._index if self._previous is not None else None  # noqa: SLF001 - same class
        object.__setattr__(
            self,
            "_index",
            Index(
                organizations=self._organizations,
                relations=self._relations,
                events=self._events,
                others=(*self._publications, *self._awards, *self._strategies, *self._recommendations, *self._plans),
                strategies=self._strategies,
                recommendations=self._recommendations,
                memberships=self._memberships,
                sources=self._sources,
                current_only=self.as_of is None,
                events_sorted=self._previous is not None,  # a snapshot's events come from a sorted index
                previous=previous,
                known=self._keys,
            ),
        )
        object.__setattr__(self, "_previous", None)
        object.__setattr__(self, "_keys", None)

    # -- the collections ----------------------------------------------------

    @property
    def sources(self) -> tuple[Source, ...]:
        """
        Every source the data cites.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> len(jmp.load().sources) > 80
            True
        """
        return self._sources

    @property
    def organizations(self) -> tuple[Organization, ...]:
        """
        Every body, of every kind, in data order.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().organizations[1].acronym
            'METI'
        """
        return self._organizations

    @property
    def ministries(self) -> tuple[Ministry, ...]:
        """
        The ministries, current and former.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> [m.label for m in jmp.load().ministries][:3]
            ['METI', 'MITI', 'Ministry of Commerce and Industry']
        """
        return tuple(org for org in self._organizations if isinstance(org, Ministry))

    @property
    def agencies(self) -> tuple[Agency, ...]:
        """
        The agencies, institutes and bureaus.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().agencies[0].acronym
            'AIST'
        """
        return tuple(org for org in self._organizations if isinstance(org, Agency))

    @property
    def councils(self) -> tuple[Council, ...]:
        """
        The councils.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> [c.id for c in jmp.load().councils]
            ['csti', 'council-for-science-and-technology']
        """
        return tuple(org for org in self._organizations if isinstance(org, Council))

    @property
    def business_federations(self) -> tuple[BusinessFederation, ...]:
        """
        The business federations.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> [b.acronym for b in jmp.load().business_federations]
            ['Keidanren', 'Nikkeiren']
        """
        return tuple(org for org in self._organizations if isinstance(org, BusinessFederation))

    @property
    def publications(self) -> tuple[Publication, ...]:
        """
        The publications.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().publications[0].title_ja
            'ものづくり基盤技術の振興施策'
        """
        return self._publications

    @property
    def awards(self) -> tuple[Award, ...]:
        """
        The awards.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().awards[0].name
            'Monodzukuri Nippon Grand Award'
        """
        return self._awards

    @property
    def strategies(self) -> tuple[Strategy, ...]:
        """
        The strategies.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().strategies[0].publisher
            'keidanren'
        """
        return self._strategies

    @property
    def recommendations(self) -> tuple[Recommendation, ...]:
        """
        Every recommendation, by strategy and then in the strategy's own order.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().recommendations[4].number
            5
        """
        return self._index.recommendations

    @property
    def plans(self) -> tuple[Plan, ...]:
        """
        The government plans, in series order.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> [p.first_fiscal_year for p in jmp.load().plans][:2]
            [1996, 2001]
        """
        return self._plans

    @property
    def events(self) -> tuple[Event, ...]:
        """
        Every recorded event, in date order (undated ones last).

        Example:
            >>> import jp_mfg_policy as jmp
            >>> str(jmp.load().events[0].date)
            '1885-04-18'
        """
        return self._index.events

    @property
    def memberships(self) -> tuple[MembershipCount, ...]:
        """
        Every dated membership count.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().memberships[0].body
            'keidanren'
        """
        return self._memberships

    @property
    def caveats(self) -> tuple[Caveat, ...]:
        """
        Where the sources hedge or have aged, with the later facts.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().caveats[0].subject
            'csti'
        """
        return self._caveats

    def caveats_of(self, key: Key) -> tuple[Caveat, ...]:
        """
        The caveats about one entity.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> caveat = jmp.load().caveats_of("Keidanren")[0]
            >>> caveat.topic, str(caveat.as_of), caveat.statement[:15]
            ('membership', '2014-07-01', '1,309 companies')
        """
        ident = self.get(key).id
        return tuple(caveat for caveat in self._caveats if caveat.subject == ident)

    # -- the container protocol --------------------------------------------

    def __iter__(self) -> Iterator[Entity]:
        return iter(self._index.by_id.values())

    def __len__(self) -> int:
        return len(self._index.by_id)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str | Organization | Publication | Award | Strategy | Recommendation | Plan) and (
            self.get(key, None) is not None
        )

    def __getitem__(self, key: Key) -> Entity:
        return self.get(key)

    def __repr__(self) -> str:
        when = f", as of {self.as_of}" if self.as_of else ""
        return (
            f"<PolicySystem: {len(self._organizations)} organizations, {len(self._relations)} relations, "
            f"{len(self) - len(self._organizations)} other entities{when}>"
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PolicySystem):
            return NotImplemented
        return self._content() == other._content()

    def __hash__(self) -> int:
        return hash(self._content())

    def origin(self, key: Key | Relation | Event | MembershipCount | Caveat | Source) -> str:
        """
        The data file a record came from (the one that last changed it, for an overridden record).

        Bundled records come from ``jp_mfg_policy/data/<file>.json``.

        Raises:
            UnknownEntityError: If *key* is not a record of this system.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().origin("METI")
            'jp_mfg_policy/data/organizations.json'
        """
        if isinstance(key, Relation | Event | MembershipCount | Caveat | Source):
            found = self._origins.get(key)
        else:
            found = self._origins.get(self.get(key).id)
        if found is None:
            raise UnknownEntityError(key)
        return found

    def _content(self) -> tuple[object, ...]:
        # Events and recommendations compare in their canonical order, as the public API shows them.
        return tuple(
            getattr(self, field.name.lstrip("_"))
            if field.name in {"_events", "_recommendations"}
            else getattr(self, field.name)
            for field in attrs.fields(PolicySystem)
            if field.init and field.eq
        )

    # -- lookups ------------------------------------------------------------

    @overload
    def get(self, key: Key) -> Entity: ...
    @overload
    def get(self, key: Key, default: _T) -> Entity | _T: ...

    def get(self, key: Key, default: Any = _MISSING) -> Any:
        """
        The entity named by *key*: an id, acronym, name, Japanese name or alias.

        Case, spacing, punctuation and full-width forms are ignored. An entity
        from another system (say, a snapshot) fetches this system's version.

        Raises:
            UnknownEntityError: If nothing matches and no *default* is given;
                its ``suggestions`` are the closest names.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> system = jmp.load()
            >>> system.get("ｍｅｔｉ").id, system.get("Japan Patent Office").id, system.get("nope", None)
            ('meti', 'jpo', None)
        """
        if isinstance(key, str):
            index = self._index
            exact = index.exact
            if exact is not None:  # the fast path, once the name tables exist
                entity = exact.get(key) or exact.get(key.casefold()) or index.by_key.get(normalize_key(key))  # type: ignore[union-attr]
            else:
                entity = index.lookup(key)
        elif isinstance(key, Organization | Publication | Award | Strategy | Recommendation | Plan):
            entity = self._index.by_id.get(key.id)
        else:  # a caller without a type checker
            msg = f"expected an entity or a string to look up, got {type(key).__name__}"  # type: ignore[unreachable]
            raise TypeError(msg)
        if entity is not None:
            return entity
        if default is not _MISSING:
            return default
        raise UnknownEntityError(key, self._suggest(key if isinstance(key, str) else key.id))

    def _suggest(self, key: str, limit: int = 3) -> tuple[str, ...]:
        import difflib  # noqa: PLC0415 - only failed lookups need it

        wanted = normalize_key(key)
        by_key = self._index.key_table()
        close = difflib.get_close_matches(wanted, by_key, n=limit, cutoff=0.5)
        labels: list[str] = []
        for match in close:
            entity = by_key[match]
            label = getattr(entity, "acronym", None) or entity.id
            if label not in labels:
                labels.append(label)
        return tuple(labels)

    def find(self, text: str, *, limit: int | None = 10) -> tuple[Entity, ...]:
        """
        Entities matching *text*, best first.

        Exact names rank first, then names that begin with *text*, then names
        containing it, then entities whose descriptions contain every word of it.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> [e.id for e in jmp.load().find("patent")]
            ['jpo']
        """
        wanted = normalize_key(text)
        if not wanted:
            return ()
        names, name_starts, name_owner, texts, text_starts = self._index.search_tables()
        best: dict[int, int] = {}
        # Names: 3 for the whole name, 2 for its beginning, 1 anywhere in it.
        position = names.find(wanted)
        while position != -1:
            slot = bisect.bisect_right(name_starts, position) - 1
            start = name_starts[slot]
            whole = names.startswith("\n", start + len(wanted))
            score = 1 if position != start else 3 if whole else 2
            owner = name_owner[slot]
            best[owner] = max(best.get(owner, 0), score)
            position = names.find(wanted, position + 1)
        # Free text: 0 when every word of the query occurs in it.
        words = [word for word in map(normalize_key, text.split()) if word]
        if words:
            ends = [*text_starts[1:], len(texts)]
            position = texts.find(words[0])
            while position != -1:
                owner = bisect.bisect_right(text_starts, position) - 1
                blob = texts[text_starts[owner] : ends[owner]]
                if owner not in best and all(word in blob for word in words[1:]):
                    best[owner] = 0
                position = texts.find(words[0], ends[owner])
        ranked = sorted(best, key=lambda owner: (-best[owner], owner))
        entities = self._index._entities  # noqa: SLF001 - the index belongs to this system
        return tuple(entities[owner] for owner in ranked[:limit])

    def by_identifier(
        self,
        scheme: IdentifierScheme | str,
        value: str,
        default: Any = _MISSING,  # noqa: ANN401 - returned as given, like getattr's
    ) -> Any:  # noqa: ANN401 - an Organization, or the default
        """
        The body with identifier *value* in *scheme* (``"wikidata"``, ``"ror"``, ``"corporate_number"`` ...).

        A ROR ID may be given bare or as its URL.

        Raises:
            UnknownEntityError: If no body has it and no *default* is given.
            ValueError: If *value* is not a well-formed identifier of *scheme*.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().by_identifier("ror", "https://ror.org/00097mb19").acronym
            'JST'
        """
        canonical = normalize_identifier(scheme, value)
        org = self._index.identified().get((IdentifierScheme(scheme).value, canonical))
        if org is not None:
            return org
        if default is not _MISSING:
            return default
        wanted = f"{scheme}:{value}"
        raise UnknownEntityError(wanted)

    def source(self, ident: str) -> Source:
        """
        The source with id *ident*.

        Raises:
            UnknownEntityError: If there is none.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().source("ror-meti").url
            'https://ror.org/055tm7f07'
        """
        try:
            return self._index.sources[ident]
        except KeyError:
            import difflib  # noqa: PLC0415 - only failed lookups need it

            suggestions = tuple(difflib.get_close_matches(ident, self._index.sources))
            raise UnknownEntityError(ident, suggestions) from None

    def facts(self, key: Key | Relation | Event | MembershipCount) -> tuple[object, ...]:
        """
        The records that state facts about *key*: itself, its relations, events, counts and caveats.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> sorted({type(r).__name__ for r in jmp.load().facts("Keidanren")})
            ['BusinessFederation', 'Caveat', 'Event', 'MembershipCount', 'Relation']
        """
        if isinstance(key, Relation | Event | MembershipCount):
            return (key,)
        entity = self.get(key)
        relations = [r for r in self._relations if entity.id in (r.subject, r.object)]
        events = self._index.events_by_body.get(entity.id, ())
        counts = self._index.memberships_by_body.get(entity.id, ())
        caveats = [c for c in self._caveats if c.subject == entity.id]
        return (entity, *relations, *events, *counts, *caveats)

    def cite(self, key: Key | Relation | Event | MembershipCount, *, bibtex: bool = False) -> str:
        """
        A citation of the facts behind *key*: the data release and every source, with its passages.

        Plain text by default; with ``bibtex=True``, BibTeX entries for the dataset and each source.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> print(jmp.load().cite("MITI").splitlines()[0])
            MITI (Ministry of International Trade and Industry): jp-mfg-policy data 2026.1 (2026-11-25), citing:
            >>> print(jmp.load().cite("MITI", bibtex=True).splitlines()[0])
            @misc{jp-mfg-policy-2026.1,
        """
        from ._cite import as_bibtex, as_text, gather  # noqa: PLC0415 - only citing needs it

        records = self.facts(key)
        cited = gather(records, dict(self._index.sources))
        if bibtex:
            return as_bibtex(cited)
        first = records[0]
        subject = (
            f"{first.label} ({first.name})"
            if isinstance(first, Organization) and first.acronym
            else getattr(first, "name", None) or type(first).__name__
        )
        return as_text(subject, cited)

    # -- leaving Python -----------------------------------------------------

    def to_records(self, kind: str) -> list[dict[str, object]]:
        """
        One collection as flat records: plain dicts with stable columns.

        *kind* is a collection: ``"organizations"``, ``"relations"``, ``"events"``,
        ``"publications"``, ``"awards"``, ``"strategies"``, ``"recommendations"``,
        ``"plans"``, ``"memberships"``, ``"caveats"`` or ``"sources"``. Every record
        has every column of its collection, in the same order; values are
        strings, numbers, booleans or None. Dates are ISO text at their own
        precision; lists are joined with ``"; "``; citations become source ids;
        organisations get one column per identifier scheme.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().to_records("relations")[0]["subject"]
            'meti'
        """
        from ._export import records  # noqa: PLC0415 - exporting is optional work

        return records(self, kind)

    def to_json(self) -> str:
        """
        The whole system as one JSON document in the bundled data's shape.

        ``jmp.load(extra=[file], bundled=False)`` reads it back as an equal system.

        Example:
            >>> import json, jp_mfg_policy as jmp
            >>> sorted(json.loads(jmp.load().to_json()))[:3]
            ['about', 'awards', 'caveats']
        """
        from ._export import to_json  # noqa: PLC0415 - exporting is optional work

        return to_json(self)

    def export(self, path: str | os.PathLike[str], *, format: str = "json") -> list[Path]:  # noqa: A002 - the CLI's word
        """
        Write the system to *path*: one JSON file, or a folder of JSON Lines or CSV files.

        ``format="json"`` writes one document in the bundled data's shape;
        ``"jsonl"`` and ``"csv"`` write one UTF-8 file per collection into the
        folder *path* (created if needed). Returns the files written.

        Raises:
            ValueError: For an unknown format.
            OSError: If a file cannot be written.

        Example:
            >>> import tempfile, jp_mfg_policy as jmp
            >>> [f.name for f in jmp.load().export(tempfile.mkdtemp(), format="csv")][:2]
            ['sources.csv', 'organizations.csv']
        """
        from ._export import export  # noqa: PLC0415 - exporting is optional work

        return export(self, path, format)

    def to_pandas(self, kind: str) -> Any:  # noqa: ANN401 - pandas is optional, so its types are too
        """
        One collection as a pandas DataFrame (needs the ``pandas`` extra).

        Columns are those of :meth:`to_records`, typed: dates as ``datetime64``
        (the first day of their period) each followed by a ``<column>_precision``
        column (``year``, ``month`` or ``day``), integers as nullable ``Int64``,
        booleans as ``boolean`` and text as ``string``.

        Raises:
            ImportError: If pandas is not installed, naming the extra to install.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> str(jmp.load().to_pandas("memberships")["companies"].dtype)
            'Int64'
        """
        from ._tables import to_pandas  # noqa: PLC0415 - pandas is optional

        return to_pandas(self, kind)

    def to_networkx(self) -> Any:  # noqa: ANN401 - networkx is optional, so its types are too
        """
        The system as a networkx ``MultiDiGraph`` (needs the ``networkx`` extra).

        Nodes are entity ids carrying their records' fields; edges are relations
        keyed by kind and carrying their validity, sources and note, plus
        ``succeeded_by`` edges from each body to its successors.

        Raises:
            ImportError: If networkx is not installed, naming the extra to install.

        Example:
            >>> import networkx as nx, jp_mfg_policy as jmp
            >>> "meti" in nx.ancestors(jmp.load().to_networkx(), "aist")
            True
        """
        from ._tables import to_networkx  # noqa: PLC0415 - networkx is optional

        return to_networkx(self)

    def to_mermaid(self, root: Key | None = None) -> str:
        """
        The organisation chart as a Mermaid flowchart.

        Draws oversight, containment, hosting, funding and collaboration,
        styled by kind of body and of relation: the bodies that exist today, or
        with *root*, that body and everything under it. For a past year, chart
        ``system.at(year)``.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> print(jmp.load().to_mermaid(root="JST"))  # doctest: +ELLIPSIS
            flowchart TD
                jst["JST<br/>Japan Science and Technology Agency<br/>国立研究開発法人科学技術振興機構"]:::agency
                crds[...]:::agency
                jst ==>|contains| crds
            ...
        """
        from ._chart import to_mermaid  # noqa: PLC0415 - charts are optional work

        return to_mermaid(self, root)

    def to_dot(self, root: Key | None = None) -> str:
        """
        The organisation chart in Graphviz DOT, as :meth:`to_mermaid` draws it.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> "digraph policy_system {" in jmp.load().to_dot()
            True
        """
        from ._chart import to_dot  # noqa: PLC0415 - charts are optional work

        return to_dot(self, root)

    # -- the hierarchy ------------------------------------------------------

    def organization(self, key: Key) -> Organization:
        """
        The body named by *key*, as :meth:`get` finds it, typed as an :class:`Organization`.

        Raises:
            UnknownEntityError: If nothing matches.
            TypeError: If *key* names an entity that is not a body (a plan, say).

        Example:
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().organization("特許庁").acronym
            'JPO'
        """
        entity = self.get(key)
        if not isinstance(entity, Organization):
            msg = f"{entity.id!r} is a {type(entity).__name__}, not an organization"
            raise TypeError(msg)
        return entity

    def children(self, key: Key) -> tuple[Organization, ...]:
        """
        The bodies directly under *key*: overseen, contained or hosted by it.

        On the whole record (not a snapshot) only relations that still hold
        count; use ``system.at(year).children(key)`` for the past.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> [body.acronym for body in jmp.load().children("MEXT")]
            ['JST', 'JSPS', 'NISTEP']
        """
        return self._index.hierarchy[0].get(self.organization(key).id, ())

    def descendants(self, key: Key) -> tuple[Organization, ...]:
        """
        Every body below *key*, breadth first; never *key* itself.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> [body.acronym for body in jmp.load().descendants("MEXT")]
            ['JST', 'JSPS', 'NISTEP', 'CRDS']
        """
        root = self.organization(key)
        children = self._index.hierarchy[0]
        found: list[Organization] = []
        seen = {root.id}
        queue = [root]
        for body in queue:  # the queue grows as we go: breadth first, each body once
            for child in children.get(body.id, ()):
                if child.id not in seen:
                    seen.add(child.id)
                    found.append(child)
                    queue.append(child)
        return tuple(found)

    def parent(self, key: Key) -> Organization | None:
        """
        The body *key* sits under, or None for a top-level body.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().parent("CRDS").acronym
            'JST'
        """
        return self._index.hierarchy[1].get(self.organization(key).id)

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
            >>> [(r.subject, str(r.kind)) for r in jmp.load().relations(object="NEDO")]
            [('meti', 'oversees'), ('meti', 'funds'), ('miti', 'oversees')]
        """
        subject_id = None if subject is None else self.get(subject).id
        object_id = None if object is None else self.get(object).id
        wanted_kind = None if kind is None else RelationKind(kind)
        return tuple(
            relation
            for relation in self._relations
            if (subject_id is None or relation.subject == subject_id)
            and (object_id is None or relation.object == object_id)
            and (wanted_kind is None or relation.kind is wanted_kind)
        )

    # -- time ---------------------------------------------------------------

    def history(self, key: Key) -> tuple[Event, ...]:
        """
        The events of a body's life in date order, undated ones last.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> [(str(e.date), str(e.kind)) for e in jmp.load().history("CSTI")]
            [('2001-01-06', 'founded'), ('2014-05-19', 'renamed')]
        """
        return self._index.events_by_body.get(self.organization(key).id, ())

    def lineage(self, key: Key) -> tuple[Organization, ...]:
        """
        A body with all its predecessors and successors, oldest first.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> [body.label for body in jmp.load().lineage("METI")]
            ['Ministry of Commerce and Industry', 'MITI', 'Economic Planning Agency', 'METI']
        """
        org = self.organization(key)
        found = {org.id: org}
        for field in ("predecessors", "successors"):
            queue = [org]
            for current in queue:
                for ident in getattr(current, field):
                    other = self._index.by_id.get(ident)
                    if isinstance(other, Organization) and ident not in found:
                        found[ident] = other
                        queue.append(other)
        order = self._index.order
        return tuple(
            sorted(
                found.values(),
                key=lambda body: (date_sort_key(body.dissolved), date_sort_key(body.established), order[body.id]),
            )
        )

    def memberships_of(self, key: Key) -> tuple[MembershipCount, ...]:
        """
        A body's dated membership counts, oldest first.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> [str(m.as_of) for m in jmp.load().memberships_of("Keidanren")][:2]
            ['2002-05-28', '2010-06-15']
        """
        return self._index.memberships_by_body.get(self.organization(key).id, ())

    def membership(self, key: Key, as_of: dt.date | int | PartialDate | str | None = None) -> MembershipCount | None:
        """
        A body's latest membership count on or before *as_of* (default: the latest).

        A year means the end of that year, as in :meth:`at`.

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

    def at(self, when: dt.date | int | PartialDate | str) -> PolicySystem:
        """
        The system as it stood on *when*: a date, or a year (meaning its last day).

        Bodies not yet founded or already dissolved are left out; the others
        carry the names, legal forms and supervisors they had then. A date
        known only to its year or month counts from the first day of that
        period (see :class:`PartialDate`). Relations and events come with
        them; undated changes are taken not to have happened yet.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> system = jmp.load()
            >>> "MITI" in system.at(1999), "METI" in system.at(1999)
            (True, False)
            >>> system.at(2010).get("CSTI").name
            'Council for Science and Technology Policy'
        """
        with without_gc():  # a snapshot is a large batch of new, acyclic objects
            return self._snapshot(as_date(when))

    def _snapshot(self, day: dt.date) -> PolicySystem:
        index = self._index
        org_starts, org_ends, rel_starts, rel_ends, event_days = index.times()
        today = day.toordinal()
        alive = [
            org
            for org, start, end in zip(self._organizations, org_starts, org_ends, strict=True)
            if start <= today < end
        ]
        present = {org.id for org in alive}
        # Everything a relation may join that exists on the day: bodies, plans begun, other entities.
        joinable = present | {
            ident
            for ident, entity in index.by_id.items()
            if not isinstance(entity, Organization)
            and not (isinstance(entity, Plan) and not _plan_started(entity, day))
        }
        relations = tuple(
            relation
            for relation, start, end in zip(self._relations, rel_starts, rel_ends, strict=True)
            if start <= today < end and relation.subject in joinable and relation.object in joinable
        )
        changing = index.legal_changes
        parents = {r.object: r.subject for r in relations if r.kind.hierarchical}
        organizations = tuple(
            _with_parent(
                self._as_of(org, day) if org.former_names or org.id in changing else org,
                parents.get(org.id),
            )
            for org in alive
        )
        strategies = tuple(s for s in self._strategies if s.published is None or s.published.start() <= day)
        kept = {s.id for s in strategies}
        return PolicySystem(
            sources=self._sources,
            organizations=organizations,
            relations=relations,
            events=tuple(
                event
                for event, when in zip(index.events, event_days, strict=True)
                if when <= today and event.body in present
            ),
            publications=self._publications,
            awards=tuple(a for a in self._awards if a.established is None or a.established.start() <= day),
            strategies=strategies,
            recommendations=tuple(r for r in self._recommendations if r.strategy in kept),
            plans=tuple(p for p in self._plans if _plan_started(p, day)),
            memberships=tuple(m for m in self._memberships if m.as_of.start() <= day and m.body in present),
            caveats=tuple(c for c in self._caveats if c.subject in joinable),
            origins=self._origins,
            as_of=day,
            previous=self,
        )

    def _as_of(self, org: Organization, day: dt.date) -> Organization:
        changes: dict[str, Any] = {}
        for name in org.former_names:
            if in_period(day, name.valid_from, name.valid_until):
                field = _NAME_FIELDS.get((name.lang, name.kind))
                if field is not None:
                    changes[field] = name.text
        legal_form = org.legal_form
        for event in reversed(self._index.legal_changes.get(org.id, ())):
            if event.date is not None and event.date.start() <= day:
                break
            legal_form = LegalForm(event.from_value) if event.from_value else None
        if legal_form != org.legal_form:
            changes["legal_form"] = legal_form
        return attrs.evolve(org, **changes) if changes else org


_NAME_FIELDS = {
    ("en", NameKind.OFFICIAL): "name",
    ("ja", NameKind.OFFICIAL): "name_ja",
    ("en", NameKind.ACRONYM): "acronym",
}


def _with_parent(org: Organization, parent: str | None) -> Organization:
    if isinstance(org, Agency) and org.supervisor != parent:
        return attrs.evolve(org, supervisor=parent)
    if isinstance(org, Council) and org.host != parent:
        return attrs.evolve(org, host=parent)
    return org


def _plan_started(plan: Plan, day: dt.date) -> bool:
    # Japanese fiscal years begin on 1 April.
    return plan.first_fiscal_year is None or dt.date(plan.first_fiscal_year, 4, 1) <= day
