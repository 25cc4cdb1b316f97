"""
The organisation chart as Mermaid or Graphviz DOT text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._models import Agency, BusinessFederation, Council, Ministry, Organization, Relation, RelationKind

if TYPE_CHECKING:
    from ._system import Key, PolicySystem

#: The relations the chart draws.
CHART_RELATIONS = (
    RelationKind.OVERSEES,
    RelationKind.CONTAINS,
    RelationKind.HOSTS,
    RelationKind.FUNDS,
    RelationKind.COLLABORATES_WITH,
)

_STYLE = {  # kind of body: (Mermaid class, DOT shape, fill colour)
    Ministry: ("ministry", "box", "#dbe9f6"),
    Agency: ("agency", "ellipse", "#e3f1df"),
    Council: ("council", "hexagon", "#fbeccb"),
    BusinessFederation: ("federation", "house", "#f4dede"),
    Organization: ("other", "octagon", "#eeeeee"),
}
_MERMAID_LINK = {
    RelationKind.OVERSEES: "-->|oversees|",
    RelationKind.CONTAINS: "==>|contains|",
    RelationKind.HOSTS: "-->|hosts|",
    RelationKind.FUNDS: "-.->|funds|",
    RelationKind.COLLABORATES_WITH: "<-.->|collaborates with|",
}
_DOT_EDGE = {
    RelationKind.OVERSEES: 'label="oversees"',
    RelationKind.CONTAINS: 'label="contains", style=bold',
    RelationKind.HOSTS: 'label="hosts"',
    RelationKind.FUNDS: 'label="funds", style=dashed, color="#1f6f3f"',
    RelationKind.COLLABORATES_WITH: 'label="collaborates with", style=dotted, dir=both, color="#7a4f9a"',
}


def _style(org: Organization) -> tuple[str, str, str]:
    return next(style for cls, style in _STYLE.items() if isinstance(org, cls))


def chart_parts(system: PolicySystem, root: Key | None = None) -> tuple[list[Organization], list[Relation]]:
    """The bodies and relations a chart shows: the current ones, or those under *root*."""
    if root is not None:
        top = system.organization(root)
        bodies = [top, *system.descendants(top)]
    elif system.as_of is None:
        bodies = [org for org in system.organizations if org.dissolved is None]
    else:
        bodies = list(system.organizations)
    shown = {org.id for org in bodies}
    links = [
        relation
        for relation in system.relations()
        if relation.kind in CHART_RELATIONS
        and (system.as_of is not None or relation.valid_until is None)
        and relation.subject in shown
        and (relation.object in shown or (root is not None and not relation.kind.hierarchical))
    ]
    for relation in links:  # a funded or partner body outside the subtree is drawn too
        if relation.object not in shown:
            bodies.append(system.organization(relation.object))
            shown.add(relation.object)
    return bodies, links


def _label(org: Organization) -> list[str]:
    lines = [org.acronym or org.name]
    if org.acronym:
        lines.append(org.name)
    if org.name_ja:
        lines.append(org.name_ja)
    return lines


def _mermaid_id(ident: str) -> str:
    return ident.replace("-", "_")


def to_mermaid(system: PolicySystem, root: Key | None = None) -> str:
    """See :meth:`PolicySystem.to_mermaid`."""
    bodies, links = chart_parts(system, root)
    lines = ["flowchart TD"]
    for org in bodies:
        label = "<br/>".join(text.replace('"', "#quot;") for text in _label(org))
        lines.append(f'    {_mermaid_id(org.id)}["{label}"]:::{_style(org)[0]}')
    lines += [f"    {_mermaid_id(r.subject)} {_MERMAID_LINK[r.kind]} {_mermaid_id(r.object)}" for r in links]
    lines += [f"    classDef {name} fill:{fill},stroke:#555" for name, _, fill in _STYLE.values()]
    return "\n".join(lines) + "\n"


def _dot_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def to_dot(system: PolicySystem, root: Key | None = None) -> str:
    """See :meth:`PolicySystem.to_dot`."""
    bodies, links = chart_parts(system, root)
    title = "Japan's manufacturing-policy system" + (f", as of {system.as_of}" if system.as_of else "")
    lines = [
        "digraph policy_system {",
        f'    label="{_dot_text(title)}"; labelloc=t; rankdir=TB;',
        '    node [style=filled, fontname="Noto Sans CJK JP, Helvetica", fontsize=11];',
        '    edge [fontname="Helvetica", fontsize=9];',
    ]
    for org in bodies:
        _, shape, fill = _style(org)
        label = "\\n".join(_dot_text(text) for text in _label(org))
        lines.append(f'    "{org.id}" [label="{label}", shape={shape}, fillcolor="{fill}"];')
    lines += [f'    "{r.subject}" -> "{r.object}" [{_DOT_EDGE[r.kind]}];' for r in links]
    lines.append("}")
    return "\n".join(lines) + "\n"
