"""
The hierarchy and the lineage: who sits under whom, and what preceded and succeeded what.
"""

from __future__ import annotations

from ._bodies import Ministry, Organization
from ._enums import LegalForm
from ._index import Index
from ._registry import RELATIONS

#: Legal forms of ministry rank: the ministries (the Prime Minister's Office among them), the Cabinet
#: Office, and the agencies headed by a Minister of State (大臣庁) such as the Science and Technology Agency.
MINISTERIAL_FORMS = frozenset({LegalForm.MINISTRY, LegalForm.CABINET_OFFICE, LegalForm.MINISTERIAL_AGENCY})


def children(index: Index, org: Organization) -> tuple[Organization, ...]:
    """The bodies directly under *org*, in data order."""
    return index.hierarchy[0][org.id]


def parent(index: Index, org: Organization) -> Organization | None:
    """The body *org* sits under, or None."""
    return index.hierarchy[1][org.id]


def descendants(index: Index, org: Organization) -> tuple[Organization, ...]:
    """Every body below *org*, breadth first, each once; never *org* itself."""
    below = index.hierarchy[0]
    found: list[Organization] = []
    seen = {org.id}
    queue = [org]
    for body in queue:  # the queue grows as we go: breadth first
        for child in below[body.id]:
            if child.id not in seen:
                seen.add(child.id)
                found.append(child)
                queue.append(child)
    return tuple(found)


def is_ministerial(org: Organization) -> bool:
    """
    Whether *org* is of ministry rank: a ministry, the Cabinet Office, or an agency headed by a Minister of State.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> system = jmp.load()
        >>> is_ministerial(system.get("METI")), is_ministerial(system.get("JPO"))
        (True, False)
    """
    return isinstance(org, Ministry) or org.legal_form in MINISTERIAL_FORMS


def parent_on(index: Index, org: Organization, day: int) -> Organization | None:
    """The body *org* sat under on *day* (an ordinal), from the relations that held that day."""
    relations = index.dataset[RELATIONS]
    for position in index.parent_relations.get(org.id, ()):
        start, end = index.relation_span(relations[position])
        if start <= day < end:
            found = index.by_id.get(relations[position].subject)
            if isinstance(found, Organization):
                return found
    return None


def ministry_of(index: Index, org: Organization, day: int | None = None) -> Organization | None:
    """
    The nearest body of ministry rank at or above *org*, or None.

    On *day* (an ordinal) if given; otherwise today, or a former body's last day.
    """
    if day is None:
        if org.period.end is not None:  # a former body: as of its last day (a body with no dated fact has none)
            start, end = index.timeline.spans[org.id]
            if start < end:
                day = end - 1
    elif not index.timeline.spans[org.id][0] <= day < index.timeline.spans[org.id][1]:
        return None
    seen: set[str] = set()
    body: Organization | None = org
    while body is not None and body.id not in seen:
        if is_ministerial(body):
            return body
        seen.add(body.id)
        body = parent(index, body) if day is None else parent_on(index, body, day)
    return None


def lineage(index: Index, org: Organization) -> tuple[Organization, ...]:
    """*org* with all its predecessors and successors, transitively, oldest first."""
    before, after = index.lineage
    found = {org.id: org}
    for links in (before, after):
        queue = [org]
        for current in queue:
            for ident in links[current.id]:
                other = index.by_id.get(ident)
                if isinstance(other, Organization) and ident not in found:
                    found[ident] = other
                    queue.append(other)
    order = index.order
    spans = index.timeline.spans
    return tuple(sorted(found.values(), key=lambda body: (spans[body.id][1], spans[body.id][0], order[body.id])))
