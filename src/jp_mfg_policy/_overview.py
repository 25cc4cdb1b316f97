"""
A readable, plain-text overview of the policy system.
"""

from __future__ import annotations

from collections.abc import Iterator

from ._models import Organization
from ._system import PolicySystem


def describe(org: Organization) -> str:
    """
    One line naming a body: acronym, English and Japanese names, years.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> describe(jmp.load().get("MITI"))
        'MITI  Ministry of International Trade and Industry  通商産業省  (1949–2001)'
    """
    parts = [org.acronym] if org.acronym else []
    parts.append(org.name)
    if org.name_ja:
        parts.append(org.name_ja)
    start = str(org.established.year) if org.established else "?"
    years = f"{start}–{org.dissolved.year}" if org.dissolved else f"founded {start}" if org.established else ""
    country = "" if org.country == "JP" else f"{org.country}, "
    if years or country:
        parts.append(f"({country}{years})" if years else f"({country.rstrip(', ')})")
    return "  ".join(parts)


def tree(system: PolicySystem, root: Organization | None = None) -> Iterator[str]:
    """
    The bodies as a tree under their ministries or hosts, one line each.

    Without *root*, every top-level body that still exists is a root.
    """
    roots = (
        [root]
        if root is not None
        else [org for org in system.organizations if org.dissolved is None and system.parent(org) is None]
    )
    for index, org in enumerate(roots):
        yield from _branch(system, org, "", last=index == len(roots) - 1, top=root is not None)


def _branch(system: PolicySystem, org: Organization, prefix: str, *, last: bool, top: bool) -> Iterator[str]:
    if top:
        yield describe(org)
        child_prefix = ""
    else:
        yield f"{prefix}{'└── ' if last else '├── '}{describe(org)}"
        child_prefix = prefix + ("    " if last else "│   ")
    children = system.children(org)
    for index, child in enumerate(children):
        yield from _branch(system, child, child_prefix, last=index == len(children) - 1, top=False)


def overview(system: PolicySystem, *, header: str) -> str:
    """The whole overview, as printed by ``jp-mfg-policy``."""
    lines = [header, ""]
    former = [org for org in system.organizations if org.dissolved is not None]
    lines.append(
        f"{len(system.organizations)} bodies ({len(former)} former), {len(system.relations())} relations, "
        f"{len(system.events)} dated events, {len(system.sources)} sources"
    )
    lines += ["", "Bodies today, under their ministries or hosts:"]
    lines += [f"  {line}" for line in tree(system)]
    lines += ["", "Former bodies, and what succeeded them:"]
    for org in former:
        successors = ", ".join(system.get(ident).label for ident in org.successors)  # type: ignore[union-attr]
        lines.append(f"  {describe(org)}" + (f"  → {successors}" if successors else ""))
    lines += ["", "Publications and awards:"]
    for publication in system.publications:
        publishers = ", ".join(system.get(ident).label for ident in publication.publishers)  # type: ignore[union-attr]
        lines.append(f"  {publication.title} ({publication.title_ja}): {publication.frequency}, by {publishers}")
    for award in system.awards:
        organisers = ", ".join(system.get(ident).label for ident in award.organisers)  # type: ignore[union-attr]
        lines.append(f"  {award.name} ({award.name_ja}): {award.frequency} since {award.established}, by {organisers}")
    lines += ["", "Strategies and their recommendations:"]
    for strategy in system.strategies:
        targets = ", ".join(f"{t.value:g}{t.unit} {t.basis}" for t in strategy.targets)
        lines.append(f"  {strategy.title}: growth targets {targets}" if targets else f"  {strategy.title}")
        for recommendation in system.recommendations:
            if recommendation.strategy == strategy.id:
                mark = f"{recommendation.number}." if recommendation.number else "-"
                lines.append(f"    {mark} {recommendation.text} ({recommendation.kind.replace('_', ' ')})")
    lines += ["", "Government plans:"]
    for plan in system.plans:
        lines.append(f"  {plan.name} ({plan.name_ja}): FY{plan.first_fiscal_year}–{plan.last_fiscal_year}")
    lines += ["", "Membership counts:"]
    for org in system.organizations:
        counts = system.memberships_of(org)
        if counts:
            latest = counts[-1]
            figures = [
                f"{value:,} {label}"
                for value, label in (
                    (latest.companies, "companies"),
                    (latest.industrial_associations, "industrial associations"),
                    (latest.regional_organisations, "regional organisations"),
                )
                if value is not None
            ]
            lines.append(
                f"  {org.label}: {', '.join(figures)} (as of {latest.as_of}; {len(counts)} counts since "
                f"{counts[0].as_of.year})"
            )
    return "\n".join(lines)
