"""
Whole-dataset rules: what no single record can check by itself.

Every rule adds :class:`~jp_mfg_policy.exceptions.Problem` entries to a list
instead of raising, so that one load reports everything that is wrong.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import pairwise
from typing import Any

import attrs

from ._dates import PartialDate, date_sort_key
from ._models import (
    Agency,
    Council,
    EventKind,
    LegalForm,
    Organization,
    Strategy,
)
from ._normalize import names_of, normalize_key
from ._serde import COLLECTIONS, Document
from .exceptions import Problem


@attrs.frozen
class Located:
    """A record with the file and the JSON path it was read from."""

    item: Any
    file: str
    path: str


@attrs.frozen
class Merged:
    """Every record of every file, each with where it came from."""

    collections: dict[str, list[Located]]

    @classmethod
    def of(cls, documents: Iterable[tuple[str, Document]]) -> Merged:
        """Gather the records of *documents* in file order."""
        collections: dict[str, list[Located]] = {name: [] for name in COLLECTIONS}
        for file, document in documents:
            for name in COLLECTIONS:
                collections[name].extend(
                    Located(item, file, f"$.{name}[{index}]") for index, item in enumerate(getattr(document, name))
                )
        return cls(collections)

    def items(self, name: str) -> list[Any]:
        """The records of one collection."""
        return [located.item for located in self.collections[name]]


ENTITY_COLLECTIONS = ("organizations", "publications", "awards", "strategies", "recommendations", "plans")
_ENDINGS = {EventKind.SUCCEEDED_BY, EventKind.MERGED_INTO, EventKind.DISSOLVED}


def check(merged: Merged, keys: dict[str, frozenset[str]] | None = None) -> list[Problem]:
    """
    Every whole-dataset problem in *merged*, in file order.

    If *keys* is given, it receives each entity's lookup keys, so that the index need not
    compute them again.
    """
    rules = _Rules(merged, keys)
    for rule in (
        rules.ids,
        rules.citations,
        rules.references,
        rules.dates,
        rules.links,
        rules.hierarchy,
        rules.events,
        rules.names,
        rules.numbering,
    ):
        rule()
    return rules.problems


class _Rules:
    """The whole-dataset rules, one method each, sharing what the first learns about the data."""

    def __init__(self, merged: Merged, keys: dict[str, frozenset[str]] | None) -> None:
        self.merged, self.keys = merged, keys
        self.problems: list[Problem] = []
        self.source_ids: set[str] = set()
        self.entities: dict[str, Located] = {}
        self.orgs: dict[str, Organization] = {}

    def add(self, located: Located, suffix: str, message: str) -> None:
        """Record one problem at *located*'s path plus *suffix*."""
        self.problems.append(Problem(located.file, located.path + suffix, message))

    def need(self, located: Located, suffix: str, ident: str | None, what: str = "organization") -> None:
        """Record a problem unless *ident* names an organisation (or, with what="entity", any entity)."""
        if ident is None:
            return
        target = self.orgs.get(ident) if what == "organization" else self.entities.get(ident)
        if target is None:
            self.add(located, suffix, f"unknown {what} id {ident!r}")

    def ids(self) -> None:
        """Ids: unique within sources, and across all entities."""
        for located in self.merged.collections["sources"]:
            if located.item.id in self.source_ids:
                self.add(located, ".id", f"duplicate source id {located.item.id!r}")
            self.source_ids.add(located.item.id)
        for name in ENTITY_COLLECTIONS:
            for located in self.merged.collections[name]:
                ident = located.item.id
                if ident in self.entities:
                    first = self.entities[ident]
                    self.add(located, ".id", f"duplicate id {ident!r} (first used at {first.file}: {first.path})")
                else:
                    self.entities[ident] = located
        self.orgs.update(
            (ident, located.item) for ident, located in self.entities.items() if isinstance(located.item, Organization)
        )

    def citations(self) -> None:  # noqa: C901 - one loop per place a citation can stand
        """Every statement names a source, and every cited source exists."""
        for name in COLLECTIONS:
            if name == "sources":
                continue
            for located in self.merged.collections[name]:
                item = located.item
                if not item.sources:
                    self.add(located, ".sources", "no source cited: every statement must name its source")
                for index, citation in enumerate(item.sources):
                    if citation.source not in self.source_ids:
                        self.add(located, f".sources[{index}].source", f"unknown source id {citation.source!r}")
                # Names and identifiers are the only nested records that cite sources.
                for field in ("former_names", "identifiers"):
                    for index, child in enumerate(getattr(item, field, ())):
                        if not child.sources:
                            self.add(located, f".{field}[{index}].sources", "no source cited")
                        for number, citation in enumerate(child.sources):
                            if citation.source not in self.source_ids:
                                where = f".{field}[{index}].sources[{number}].source"
                                self.add(located, where, f"unknown source id {citation.source!r}")

    def references(self) -> None:  # noqa: C901, PLR0912 - one check per kind of reference
        """References between entities resolve."""
        for located in self.merged.collections["organizations"]:
            org = located.item
            for field in ("predecessors", "successors"):
                for index, ident in enumerate(getattr(org, field)):
                    self.need(located, f".{field}[{index}]", ident)
            if isinstance(org, Agency):
                self.need(located, ".supervisor", org.supervisor)
            if isinstance(org, Council):
                self.need(located, ".host", org.host)
        for located in self.merged.collections["relations"]:
            self.need(located, ".subject", located.item.subject, "entity")
            self.need(located, ".object", located.item.object, "entity")
        for located in self.merged.collections["events"]:
            self.need(located, ".body", located.item.body)
            for index, ident in enumerate(located.item.other):
                self.need(located, f".other[{index}]", ident)
        for located in self.merged.collections["publications"]:
            for index, ident in enumerate(located.item.publishers):
                self.need(located, f".publishers[{index}]", ident)
        for located in self.merged.collections["awards"]:
            for index, ident in enumerate(located.item.organisers):
                self.need(located, f".organisers[{index}]", ident)
        for located in self.merged.collections["strategies"]:
            self.need(located, ".publisher", located.item.publisher)
        for located in self.merged.collections["memberships"]:
            self.need(located, ".body", located.item.body)
        for located in self.merged.collections["caveats"]:
            self.need(located, ".subject", located.item.subject, "entity")
            if located.item.source not in self.source_ids:
                self.add(located, ".source", f"unknown source id {located.item.source!r}")
        for located in self.merged.collections["recommendations"]:
            strategy = self.entities.get(located.item.strategy)
            if strategy is None or not isinstance(strategy.item, Strategy):
                self.add(located, ".strategy", f"unknown strategy id {located.item.strategy!r}")

    def dates(self) -> None:  # noqa: C901 - one check per dated field
        """Dates in order."""

        def ordered(located: Located, suffix: str, start: PartialDate | None, end: PartialDate | None) -> None:
            # Only a period that certainly ends before it begins is wrong: "2001" to "2001-06" is fine.
            if start is not None and end is not None and end.end() < start.start():
                self.add(located, suffix, f"ends ({end}) before it begins ({start})")

        for located in self.merged.collections["organizations"]:
            org = located.item
            ordered(located, ".dissolved", org.established, org.dissolved)
            for index, name in enumerate(org.former_names):
                ordered(located, f".former_names[{index}].valid_until", name.valid_from, name.valid_until)
        for located in self.merged.collections["relations"]:
            relation = located.item
            ordered(located, ".valid_until", relation.valid_from, relation.valid_until)
            for end, ident in (("subject", relation.subject), ("object", relation.object)):
                body = self.orgs.get(ident)
                if body is None:
                    continue
                if relation.valid_from and body.established and relation.valid_from.end() < body.established.start():
                    self.add(
                        located,
                        ".valid_from",
                        f"begins ({relation.valid_from}) before its {end} {ident!r} "
                        f"was established ({body.established})",
                    )
                if body.dissolved and (
                    relation.valid_until is None or relation.valid_until.start() > body.dissolved.end()
                ):
                    self.add(located, ".valid_until", f"outlives its {end} {ident!r}, dissolved {body.dissolved}")
        for located in self.merged.collections["plans"]:
            first, last = located.item.first_fiscal_year, located.item.last_fiscal_year
            if first is not None and last is not None and first > last:
                self.add(located, ".last_fiscal_year", f"last fiscal year {last} is before the first, {first}")

    def links(self) -> None:
        """Links agree in both directions."""
        for located in self.merged.collections["organizations"]:
            org = located.item
            for index, ident in enumerate(org.successors):
                other = self.orgs.get(ident)
                if other is not None and org.id not in other.predecessors:
                    self.add(
                        located, f".successors[{index}]", f"{ident!r} does not list {org.id!r} among its predecessors"
                    )
            for index, ident in enumerate(org.predecessors):
                other = self.orgs.get(ident)
                if other is not None and org.id not in other.successors:
                    self.add(
                        located, f".predecessors[{index}]", f"{ident!r} does not list {org.id!r} among its successors"
                    )

    def hierarchy(self) -> None:
        """The hierarchy: a supervisor or host agrees with the relations, and has no cycle."""
        parents: dict[str, list[Located]] = defaultdict(list)
        for located in self.merged.collections["relations"]:
            if located.item.kind.hierarchical:
                parents[located.item.object].append(located)
        for located in self.merged.collections["organizations"]:
            org = located.item
            link = "supervisor" if isinstance(org, Agency) else "host" if isinstance(org, Council) else None
            if link is None:
                continue
            stated = getattr(org, link)
            latest = _latest(parents.get(org.id, []))
            actual = latest.item.subject if latest is not None else None
            if stated != actual:
                detail = f"the latest hierarchical relation says {actual!r}" if actual else "no relation says so"
                self.add(located, f".{link}", f"{link} is {stated!r}, but {detail}")
        self.problems.extend(_cycles(parents))

    def events(self) -> None:  # noqa: C901, PLR0912 - one check per kind of event
        """Events agree with the bodies they happen to."""
        legal_changes: dict[str, list[Located]] = defaultdict(list)
        for located in self.merged.collections["events"]:
            event = located.item
            body = self.orgs.get(event.body)
            if body is None:
                continue
            if event.kind is EventKind.FOUNDED and event.date != body.established:
                self.add(
                    located,
                    ".date",
                    f"founding date {event.date} differs from {body.id!r}'s established date {body.established}",
                )
            if event.kind in _ENDINGS:
                if event.date != body.dissolved:
                    self.add(
                        located,
                        ".date",
                        f"date {event.date} differs from {body.id!r}'s dissolved date {body.dissolved}",
                    )
                for index, ident in enumerate(event.other):
                    if ident not in body.successors:
                        self.add(located, f".other[{index}]", f"{ident!r} is not among {body.id!r}'s successors")
            if event.kind is EventKind.LEGAL_FORM_CHANGED:
                legal_changes[body.id].append(located)
            for field in ("from_value", "to_value"):
                value = getattr(event, field)
                if event.kind is EventKind.LEGAL_FORM_CHANGED and value is not None and value not in set(LegalForm):
                    self.add(located, f".{field}", f"{value!r} is not a known LegalForm")
        for ident, changes in legal_changes.items():
            ordered_changes = sorted(changes, key=lambda loc: date_sort_key(loc.item.date))
            for before, after in pairwise(ordered_changes):
                was, now = before.item.to_value, after.item.from_value
                if was is not None and now is not None and was != now:
                    self.add(
                        after, ".from_value", f"changes from {now!r}, but the change before left {ident!r} as {was!r}"
                    )
            last = ordered_changes[-1].item.to_value
            if last is not None and last != self.orgs[ident].legal_form:
                self.add(
                    ordered_changes[-1],
                    ".to_value",
                    f"the last change leaves {ident!r} as {last!r}, "
                    f"but its legal_form is {self.orgs[ident].legal_form!r}",
                )

    def names(self) -> None:
        """Names and identifiers point at one body each."""
        owners: dict[str, str] = {}
        seen_ids: dict[tuple[str, str], str] = {}
        for name in ENTITY_COLLECTIONS:
            for located in self.merged.collections[name]:
                entity = located.item
                found = frozenset(key for key in map(normalize_key, names_of(entity)) if key)
                if self.keys is not None:
                    self.keys[entity.id] = found
                for key in found:
                    owner = owners.setdefault(key, entity.id)
                    if owner != entity.id:
                        self.add(
                            located,
                            ".id",
                            f"a name of {entity.id!r} normalises to {key!r}, which already names {owner!r}",
                        )
                for index, identifier in enumerate(getattr(entity, "identifiers", ())):
                    scheme_value = (identifier.scheme.value, identifier.value)
                    holder = seen_ids.setdefault(scheme_value, entity.id)
                    if holder != entity.id:
                        message = f"{identifier.scheme} {identifier.value} is also {holder!r}'s"
                        self.add(located, f".identifiers[{index}]", message)

    def numbering(self) -> None:
        """Recommendations are numbered once each within a strategy; a body is counted once a day."""
        numbers: dict[tuple[str, int], Located] = {}
        for located in self.merged.collections["recommendations"]:
            number = located.item.number
            if number is None:
                continue
            if number < 1:
                self.add(located, ".number", f"numbers start at 1, got {number}")
            place = (located.item.strategy, number)
            if place in numbers:
                self.add(located, ".number", f"number {number} is already used in strategy {located.item.strategy!r}")
            numbers[place] = located
        counted: set[tuple[str, PartialDate]] = set()
        for located in self.merged.collections["memberships"]:
            count = (located.item.body, located.item.as_of)
            if count in counted:
                self.add(
                    located,
                    ".as_of",
                    f"a count of {located.item.body!r} as of {located.item.as_of} is already recorded",
                )
            counted.add(count)


def _latest(relations: list[Located]) -> Located | None:
    """The hierarchical relation that holds now, or else the one that ended last."""
    if not relations:
        return None
    return max(relations, key=lambda loc: (loc.item.valid_until is None, date_sort_key(loc.item.valid_until)))


def _cycles(parents: dict[str, list[Located]]) -> list[Problem]:
    """A problem for each cycle in the hierarchy, at the relation that closes it."""
    problems: list[Problem] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    # Iterative depth-first search: a user's hierarchy may be deeper than the recursion limit.
    for root in list(parents):
        if root in state:
            continue
        path = [root]
        state[root] = 1
        stack = [iter(parents.get(root, []))]
        while stack:
            located = next(stack[-1], None)
            if located is None:
                state[path.pop()] = 2
                stack.pop()
                continue
            parent = located.item.subject
            if state.get(parent) == 1:
                cycle = " -> ".join(reversed([*path[path.index(parent) :], parent]))
                problems.append(Problem(located.file, located.path, f"cycle in the hierarchy: {cycle}"))
            elif parent not in state:
                state[parent] = 1
                path.append(parent)
                stack.append(iter(parents.get(parent, [])))
    return problems
