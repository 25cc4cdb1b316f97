"""
The organisation chart as Mermaid or Graphviz DOT text, laid out left to right.

Every node id is derived from a slug (so no data can make a Mermaid keyword such as
``end`` of it, or break out of DOT's quotes) and every label is escaped.
"""

from __future__ import annotations

from . import _hierarchy
from ._bodies import Agency, BusinessFederation, Council, Ministry, Organization
from ._dates import NEVER_AFTER
from ._enums import RelationKind
from ._facts import Relation
from ._index import Index
from ._registry import ORGANIZATIONS, RELATIONS

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
    Agency: ("agency", "box", "#e3f1df"),
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
    return next(_STYLE[cls] for cls in type(org).__mro__ if cls in _STYLE)


def chart_parts(index: Index, root: Organization | None = None) -> tuple[list[Organization], list[Relation]]:
    """The bodies and relations a chart shows: those that stand and hold, or those under *root*."""
    if root is not None:
        bodies = [root, *_hierarchy.descendants(index, root)]
    else:
        spans = index.timeline.spans
        bodies = [org for org in index.dataset[ORGANIZATIONS] if spans[org.id][1] == NEVER_AFTER]
    shown = {org.id for org in bodies}
    links = [
        relation
        for relation, (_, end) in zip(index.dataset[RELATIONS], index.relation_days, strict=True)
        if relation.kind in CHART_RELATIONS
        and end == NEVER_AFTER
        and relation.subject in shown
        and (relation.object in shown or (root is not None and not relation.kind.hierarchical))
    ]
    for relation in links:  # a funded or partner body outside the subtree is drawn too
        other = index.by_id.get(relation.object)
        if relation.object not in shown and isinstance(other, Organization):
            bodies.append(other)
            shown.add(relation.object)
    return bodies, [r for r in links if r.object in shown]


def _label(org: Organization) -> list[str]:
    lines = [org.acronym or org.name]
    if org.acronym:
        lines.append(org.name)
    if org.name_ja:
        lines.append(org.name_ja)
    return [" ".join(line.split()) for line in lines]  # no line breaks of the data's own


def mermaid_id(ident: str) -> str:
    """
    A Mermaid node id for a slug: prefixed, so that no id is a Mermaid keyword.

    Example:
        >>> mermaid_id("end"), mermaid_id("sme-agency")
        ('b_end', 'b_sme_agency')
    """
    return "b_" + "".join(char if char.isalnum() else "_" for char in ident)


def mermaid_text(text: str) -> str:
    """
    Text made safe inside a quoted Mermaid label.

    Example:
        >>> mermaid_text('A "B" <i>#1</i>')
        'A #quot;B#quot; #lt;i#gt;#35;1#lt;/i#gt;'
    """
    return text.replace("#", "#35;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")


def to_mermaid(index: Index, root: Organization | None = None) -> str:
    """See :meth:`PolicySystem.to_mermaid`."""
    bodies, links = chart_parts(index, root)
    lines = ["flowchart LR"]
    for org in bodies:
        label = "<br/>".join(mermaid_text(text) for text in _label(org))
        lines.append(f'    {mermaid_id(org.id)}["{label}"]:::{_style(org)[0]}')
    lines += [f"    {mermaid_id(r.subject)} {_MERMAID_LINK[r.kind]} {mermaid_id(r.object)}" for r in links]
    lines += [f"    classDef {name} fill:{fill},stroke:#555" for name, _, fill in _STYLE.values()]
    return "\n".join(lines) + "\n"


def dot_text(text: str) -> str:
    r"""
    Text made safe inside a double-quoted DOT string.

    Example:
        >>> print(dot_text('a "b" \\ c'))
        a \"b\" \\ c
    """
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("\r", " ")


def to_dot(index: Index, root: Organization | None = None) -> str:
    """See :meth:`PolicySystem.to_dot`."""
    bodies, links = chart_parts(index, root)
    as_of = index.dataset.as_of
    title = "Japan's manufacturing-policy system" + (f", as of {as_of}" if as_of else "")
    if root is not None:
        title = f"{root.label} and the bodies under it" + (f", as of {as_of}" if as_of else "")
    lines = [
        "digraph policy_system {",
        f'    label="{dot_text(title)}"; labelloc=t; rankdir=LR; nodesep=0.15; ranksep=0.6;',
        '    node [style="filled,rounded", fontname="Noto Sans CJK JP, Helvetica", fontsize=11];',
        '    edge [fontname="Helvetica", fontsize=9];',
    ]
    for org in bodies:
        _, shape, fill = _style(org)
        label = "\\n".join(dot_text(text) for text in _label(org))
        lines.append(f'    "{dot_text(org.id)}" [label="{label}", shape={shape}, fillcolor="{fill}"];')
    lines += [f'    "{dot_text(r.subject)}" -> "{dot_text(r.object)}" [{_DOT_EDGE[r.kind]}];' for r in links]
    lines.append("}")
    return "\n".join(lines) + "\n"
