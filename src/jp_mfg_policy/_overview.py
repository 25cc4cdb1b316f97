"""
Plain-text views of the system: one-line descriptions, trees, the overview and one entity in full.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from ._bodies import Organization
from ._enums import EventKind, LegalForm
from ._facts import Coverage, Event, Relation
from ._identifiers import identifier_url
from ._records import Entity
from ._registry import collection_of
from ._system import PolicySystem

if TYPE_CHECKING:
    from ._laws import Law
    from ._plans import Plan
    from ._programs import Program
    from ._publications import Award, Publication
    from ._recommendations import Recommendation
    from ._strategies import Strategy, Target

#: Adds a labelled line to a page, unless the value is empty.
_Add = Callable[[str, object], None]


def describe(entity: Entity) -> str:
    """
    One line naming an entity: acronym, English and Japanese names, years.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> describe(jmp.load().get("MITI"))
        'MITI  Ministry of International Trade and Industry  通商産業省  (1949–2001)'
    """
    acronym: str | None = getattr(entity, "acronym", None)
    parts = [acronym] if acronym else []
    parts.append(entity.name)
    japanese = getattr(entity, "name_ja", None) or getattr(entity, "title_ja", None)
    if japanese and japanese != entity.name:
        parts.append(japanese)
    start, end = entity.period.start, entity.period.end
    if isinstance(entity, Organization):
        start = entity.established.start() if entity.established else None
        end = entity.dissolved.start() if entity.dissolved else None
    years = f"{start.year if start else '?'}–{end.year}" if end else f"from {start.year}" if start else ""
    if isinstance(entity, Organization) and not end and start:
        years = f"founded {start.year}"
    country = getattr(entity, "country", "JP")
    if country != "JP":
        years = f"{country}, {years}" if years else country
    if years:
        parts.append(f"({years})")
    return "  ".join(parts)


def roots(system: PolicySystem) -> list[Organization]:
    """The top of the tree: bodies that stand (on the system's day) and sit under no other."""
    spans = system.index.timeline.spans
    return [
        org
        for org in system.organizations
        if spans[org.id][1] > spans[org.id][0] and system.parent(org) is None and _standing(system, org)
    ]


def _standing(system: PolicySystem, org: Organization) -> bool:
    return system.as_of is not None or org.dissolved is None


def tree(system: PolicySystem, root: Organization | None = None) -> Iterator[str]:
    """
    The bodies as a tree under their ministries or hosts, one line each.

    Without *root*, every top-level body that stands is a root.
    """
    tops = [root] if root is not None else roots(system)
    for number, org in enumerate(tops):
        yield from _branch(system, org, "", last=number == len(tops) - 1, top=root is not None)


def _branch(system: PolicySystem, org: Organization, prefix: str, *, last: bool, top: bool) -> Iterator[str]:
    if top:
        yield describe(org)
        below = ""
    else:
        yield f"{prefix}{'└── ' if last else '├── '}{describe(org)}"
        below = prefix + ("    " if last else "│   ")
    children = system.children(org)
    for number, child in enumerate(children):
        yield from _branch(system, child, below, last=number == len(children) - 1, top=False)


def coverage_line(system: PolicySystem, org: Organization) -> str:
    """
    How many bodies the data lists under *org*, and how complete the list is, as the sources say.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> coverage_line(jmp.load(), jmp.load().get("CRDS"))
        'CRDS: 0 bodies listed, a selection (no source says the list is complete)'
    """
    count = len(system.children(org))
    listed = f"{org.label}: {count} bod{'y' if count == 1 else 'ies'} listed"
    claims = system.coverage(org)
    if not claims:
        return f"{listed}, a selection (no source says the list is complete)"
    return f"{listed}, " + "; ".join(claim_text(claim) for claim in claims)


def claim_text(claim: Coverage) -> str:
    """
    One coverage claim in words: complete or a selection, as of when, and of what.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> claim_text(jmp.load().coverage("METI")[0])[:20]
        'complete as of 2024-'
    """
    when = f" as of {claim.as_of}" if claim.as_of else ""
    return f"{'complete' if claim.complete else 'a selection'}{when}: {claim.description}"


def _form(value: str | None) -> str:
    form = LegalForm.known(value)
    return form.label if form is not None else value or "?"


def event_text(system: PolicySystem, event: Event) -> str:
    """
    One event in words: 'founded as special corporation', 'renamed A → B' ...

    Example:
        >>> import jp_mfg_policy as jmp
        >>> system = jmp.load()
        >>> event_text(system, system.history("CSTI")[1])[:16]
        'renamed Council '
    """
    others = ", ".join(_label(system, ident) for ident in event.other)
    if event.kind is EventKind.FOUNDED:
        text = "founded" + (f" as {_form(event.to_value)}" if event.to_value else "")
        return text + (f", from {others}" if others else "")
    if event.kind is EventKind.LEGAL_FORM_CHANGED:
        return f"legal form {_form(event.from_value)} → {_form(event.to_value)}"
    if event.kind is EventKind.RENAMED:
        return f"renamed {event.from_value or '?'} → {event.to_value or '?'}"
    return event.kind.value.replace("_", " ") + (f" {others}" if others else "")


def _label(system: PolicySystem, ident: str | None) -> str:
    if ident is None:
        return "?"
    entity = system.index.by_id.get(ident)
    return ident if entity is None else entity.label


def target_text(target: Target) -> str:
    """
    A target in words.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> target_text(jmp.load().get("keidanren-growth-strategy-2011").targets[0])
        'economic growth: 2 % (real)'
    """
    basis = f" ({target.basis})" if target.basis else ""
    return f"{target.indicator}: {target.value:g} {target.unit}{basis}"


def relation_text(system: PolicySystem, relation: Relation) -> str:
    """A relation in words, with its period."""
    period = ""
    if relation.valid_from or relation.valid_until:
        period = f" ({relation.valid_from or '?'} to {relation.valid_until or 'now'})"
    verb = relation.kind.value.replace("_", " ")
    return f"{_label(system, relation.subject)} {verb} {_label(system, relation.object)}{period}"


def show(system: PolicySystem, entity: Entity) -> list[str]:
    """Every field of an entity, as readable lines."""
    lines = [describe(entity), f"  type: {type(entity).__name__}"]

    def add(label: str, value: object) -> None:
        if value not in (None, "", (), []):
            lines.append(f"  {label}: {value}")

    add("Japanese short name", getattr(entity, "short_name_ja", None))
    add("also known as", "; ".join(getattr(entity, "aliases", ())))
    for name in getattr(entity, "former_names", ()):
        add(
            f"former {name.kind.value} name ({name.lang})",
            f"{name.text} ({name.valid_from or '…'} to {name.valid_until or '?'})",
        )
    # A body's page needs no class of laws, plans or strategies: they are imported for theirs only.
    shown = (
        _body_fields(system, entity, add, lines)
        if isinstance(entity, Organization)
        else _policy_fields(system, entity, add)
    )
    for identifier in getattr(entity, "identifiers", ()):
        add(identifier.scheme.label, f"{identifier.value}  {identifier_url(identifier.scheme, identifier.value)}")
    for missing in getattr(entity, "missing_identifiers", ()):
        add(f"no {missing.scheme.label}", missing.reason)
    add("website", getattr(entity, "website", None))
    for field in ("description", "role", "purpose"):
        if field not in shown:
            add(field, getattr(entity, field, None))
    for number, mission in enumerate(getattr(entity, "missions", ()), 1):
        add(f"mission {number}", mission)
    for function in getattr(entity, "functions", ()):
        add("function", function)
    for relation in system.relations(subject=entity):
        add("relation", relation_text(system, relation))
    for relation in system.relations(object=entity):
        add("relation", relation_text(system, relation))
    for event in system.history(entity):
        add(f"{event.date or 'undated'}", event_text(system, event))
    for caveat in system.caveats_of(entity):
        add(f"caveat ({caveat.topic.value.replace('_', ' ')})", caveat.later)
    add("note", getattr(entity, "note", None))
    cited = [system.source(ident) for ident in dict.fromkeys(citation.source for citation in entity.sources)]
    add("sources", "; ".join(f"{source.title} ({source.publisher})" for source in cited))
    return lines


def _body_fields(system: PolicySystem, org: Organization, add: _Add, lines: list[str]) -> set[str]:
    """A body's own lines: dates, legal form, place in the hierarchy, lineage, coverage."""
    add("established", org.established)
    add("dissolved", org.dissolved)
    add("legal form", org.legal_form and f"{org.legal_form.label} ({org.legal_form.label_ja})")
    for event in system.history(org):
        if event.kind is EventKind.LEGAL_FORM_CHANGED:
            add(f"  from {event.date}", f"{_form(event.from_value)} → {_form(event.to_value)}")
    parent = system.parent(org)
    add("under", parent and describe(parent))
    ministry = system.ministry_of(org)
    if ministry is not None and ministry is not org and ministry is not parent:
        add("ministry", ministry.label)
    add("predecessors", ", ".join(body.label for body in system.predecessors(org)))
    add("successors", ", ".join(body.label for body in system.successors(org)))
    children = system.children(org)
    if children:
        add("under it", ", ".join(child.label for child in children))
    claims = system.coverage(org)
    if children or claims:
        add("coverage", f"{len(children)} bod{'y' if len(children) == 1 else 'ies'} listed")
        lines.extend(f"    {claim_text(claim)}" for claim in claims)
        if not claims:
            lines.append("    a selection (no source says the list is complete)")
    add("country", None if org.country == "JP" else org.country)
    for stream in org.research_streams:
        add(stream.name, stream.description)
    return set()


def _policy_fields(system: PolicySystem, entity: Entity, add: _Add) -> set[str]:
    """The own lines of a law, plan, programme, strategy, publication, award or recommendation."""
    # By collection, not isinstance: a page imports the classes of its own kind of entity only.
    return _POLICY_FIELDS[collection_of(entity).name](system, entity, add)


def _law_fields(_system: PolicySystem, law: Law, add: _Add) -> set[str]:
    add("law number", " / ".join(n for n in (law.number, law.number_en) if n))
    for label in ("passed", "promulgated", "effective", "repealed"):
        add(label, getattr(law, label))
    for number, requirement in enumerate(law.requires, 1):
        add(
            f"requires ({number})",
            f"{requirement.article}: {requirement.text}" if requirement.article else requirement.text,
        )
    return set()


def _fiscal_years(entity: Program | Plan, add: _Add) -> None:
    first, last = entity.first_fiscal_year, entity.last_fiscal_year
    add("fiscal years", f"FY{first or '?'}–{'FY' + str(last) if last else 'ongoing'}")


def _targets(entity: Strategy | Plan, add: _Add) -> None:
    for target in entity.targets:
        add("target", target_text(target))


def _program_fields(_system: PolicySystem, program: Program, add: _Add) -> set[str]:
    _fiscal_years(program, add)
    for phase in program.phases:
        add(
            f"phase {phase.number or ''}".rstrip(),
            f"{phase.name} (FY{phase.first_fiscal_year or '?'}–{phase.last_fiscal_year or ''})",
        )
    for goal in program.goals:
        add(f"goal {goal.number or ''}".rstrip(), goal.text)
    return set()


def _plan_fields(_system: PolicySystem, plan: Plan, add: _Add) -> set[str]:
    _fiscal_years(plan, add)
    add("adopted", plan.adopted)
    add("legal basis", plan.legal_basis)
    _targets(plan, add)
    return set()


def _strategy_fields(system: PolicySystem, strategy: Strategy, add: _Add) -> set[str]:
    add("kind", strategy.kind.value.replace("_", " "))
    add("published by", _label(system, strategy.publisher) if strategy.publisher else None)
    add("published", strategy.published)
    for edition in strategy.editions:
        add(f"edition {edition.adopted or ''}".rstrip(), edition.title)
    add("purpose", strategy.purpose)
    for recommendation in system.recommendations:
        if recommendation.strategy == strategy.id:
            add(f"recommendation {recommendation.number or '-'}", recommendation.text)
    _targets(strategy, add)
    return {"purpose"}


def _publication_fields(system: PolicySystem, publication: Publication, add: _Add) -> set[str]:
    add("kind", publication.kind.value.replace("_", " "))
    add("frequency", publication.frequency and publication.frequency.value)
    add("first published", publication.first_published)
    add("published by", ", ".join(_label(system, ident) for ident in publication.publishers))
    add("legal basis", publication.legal_basis)
    add("title means", publication.title_meaning)
    return set()


def _award_fields(system: PolicySystem, award: Award, add: _Add) -> set[str]:
    add("frequency", award.frequency and award.frequency.value)
    add("created", f"FY{award.established_fiscal_year}" if award.established_fiscal_year else None)
    add("first presented", award.established)
    add("organised by", ", ".join(_label(system, ident) for ident in award.organisers))
    return set()


def _recommendation_fields(system: PolicySystem, recommendation: Recommendation, add: _Add) -> set[str]:
    add("strategy", _label(system, recommendation.strategy))
    add("addressed to", recommendation.kind.value.replace("_", " "))
    return set()


#: Each policy collection's own lines, by collection name.
_POLICY_FIELDS: dict[str, Callable[[PolicySystem, Any, _Add], set[str]]] = {
    "laws": _law_fields,
    "programs": _program_fields,
    "plans": _plan_fields,
    "strategies": _strategy_fields,
    "publications": _publication_fields,
    "awards": _award_fields,
    "recommendations": _recommendation_fields,
}


def overview(system: PolicySystem, *, header: str) -> str:
    """The whole overview, as printed by ``jp-mfg-policy``: one short section per kind of thing."""
    lines = [header, ""]
    former = [org for org in system.organizations if org.dissolved is not None]
    lines.append(
        f"{len(system.organizations)} bodies ({len(former)} former), {len(system.laws)} laws, "
        f"{len(system.programs)} programmes, {len(system.plans)} plans, {len(system.strategies)} strategies, "
        f"{len(system.relations())} relations, {len(system.events)} events, {len(system.sources)} sources"
    )
    lines += ["", "Bodies by ministry or host (`tree` draws them all):"]
    for top in roots(system):
        below = system.children(top)
        claims = system.coverage(top)
        state = "" if not below else " (coverage: `show` tells)" if claims else " (a selection)"
        lines.append(f"  {describe(top)}{state}")
        if below:
            lines.append("      " + ", ".join(child.label for child in below))
    if former and system.as_of is None:
        lines += ["", "Former bodies, and what succeeded them:"]
        for org in former:
            successors = ", ".join(body.label for body in system.successors(org))
            lines.append(f"  {describe(org)}" + (f"  → {successors}" if successors else ""))
    sections = (
        ("Laws:", system.laws),
        ("Programmes:", system.programs),
        ("Plans:", system.plans),
        ("Strategies and concepts:", system.strategies),
        ("Publications and awards:", (*system.publications, *system.awards)),
    )
    for title, entities in sections:
        if entities:
            lines += ["", title]
            lines += [f"  {describe(entity)}" for entity in entities]
    counted = [(org, system.memberships_of(org)) for org in system.organizations]
    counted = [(org, counts) for org, counts in counted if counts]
    if counted:
        lines += ["", "Membership counts:"]
        for org, counts in counted:
            latest = counts[-1]
            figures = [
                f"{value:,} {label}"
                for value, label in (
                    (latest.total, "members"),
                    (latest.companies, "companies"),
                    (latest.industrial_associations, "industrial associations"),
                    (latest.regional_organizations, "regional organizations"),
                )
                if value is not None
            ]
            lines.append(f"  {org.label}: {', '.join(figures)} (as of {latest.as_of}; {len(counts)} counts)")
    claims = system.coverage()
    if claims:
        lines += ["", "What the data covers:"]
        lines += [f"  {claim.collection}: {claim_text(claim)}" for claim in claims]
    return "\n".join(lines)
