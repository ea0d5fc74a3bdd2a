"""A big picture summarised, not cut: the most active actors drawn by name, the rest grouped by
community into one node each, which the visitor opens with a click.

A node of hundreds of unnamed dots says nothing at first sight; a community node ("38 more:
mostly business, e.g. …") keeps the rest of the ecosystem in the picture, where it is, with
its ties. Communities are Louvain's (seeded, so a view always groups the same way), numbered by
size from 1.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from math import sqrt
from typing import Any

import networkx as nx

from helixgraph.analysis.nodes import community_index

#: Actors drawn one by one at first sight: the most active (most collaborations), besides every
#: cluster and its members; measured on the default store's Hungarian ecosystem, the 100 most
#: active are 84 % named, the 200 most active 64 %, all 449 52 %.
FIRST_SIGHT = 100
#: Communities smaller than this are gathered into one group (0).
MIN_COMMUNITY = 5
#: Pictures up to this many nodes are drawn whole.
SUMMARISE_ABOVE = 200

# Okabe-Ito and Tol's muted scheme: told apart with the common forms of colour blindness.
COMMUNITY_COLOURS = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#332288",
    "#117733",
    "#882255",
    "#44AA99",
    "#999933",
)


def community_colour(k: int) -> str:
    """The colour of community ``k`` (grey for the small groups, 0)."""
    return COMMUNITY_COLOURS[(k - 1) % len(COMMUNITY_COLOURS)] if k else "#999999"


def activity(node: dict[str, Any], degree: int) -> int:
    """How active a node is: an actor's collaborations where known, else its ties drawn."""
    return len(node.get("memberships") or []) or degree


def summarise(
    data: dict[str, Any],
    G: nx.Graph,
    first_sight: int = FIRST_SIGHT,
    say: Callable[[str], str] = str,
    labels: dict[str, str] | None = None,
) -> None:
    """Mark each of ``data``'s vis-network nodes ``core`` (drawn at first sight) or not, and
    add one node per community of the others (``kind`` ``"community"``, at their centre, with
    their ``members``) and the ties of those groups, summed (``summary: true``). ``G`` is the
    simple graph drawn. Small pictures get no groups, every node ``core``. ``say`` puts the
    groups' words in the page's language, ``labels`` the helices'."""
    nodes = data["nodes"]
    community = community_index(G, MIN_COMMUNITY)
    for node in nodes:
        node["community"] = community.get(node["id"], 0)
        node["community_color"] = community_colour(node["community"])
        node["core"] = True
    if len(nodes) <= SUMMARISE_ABOVE:
        return
    core = _core(nodes, G, first_sight)
    for node in nodes:
        node["core"] = node["id"] in core
    grouped: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for node in nodes:
        if not node["core"]:
            grouped[node["community"]].append(node)
    groups = [_group_node(k, members, say, labels or {}) for k, members in sorted(grouped.items())]
    group_edges = _group_edges(data["edges"], {n["id"]: n for n in nodes})
    _lay_out(nodes, groups, data["edges"], group_edges)
    data["nodes"] = nodes + groups
    data["edges"] = data["edges"] + group_edges


def _lay_out(
    nodes: list[dict[str, Any]],
    groups: list[dict[str, Any]],
    edges: list[dict[str, Any]],
    group_edges: list[dict[str, Any]],
) -> None:
    """Positions for the summarised picture: the drawn nodes and the groups laid out together
    (the whole picture's layout crowds the few drawn nodes into its middle), each group's
    members around their hexagon as they lay in the whole, the small separate parts beside."""
    from helixgraph.web.viz import LAYOUT_SCALE, layout

    drawn = nx.Graph()
    drawn.add_nodes_from(n["id"] for n in nodes if n["core"])
    drawn.add_nodes_from(g["id"] for g in groups if g["community"] != 0)
    for edge in (*edges, *group_edges):
        if edge["from"] in drawn and edge["to"] in drawn:
            drawn.add_edge(edge["from"], edge["to"])
    at = layout(drawn, spread=True)
    for node in nodes:
        if node["core"]:
            node["x"], node["y"] = at[node["id"]]
    for group in groups:
        if group["community"] == 0:  # the small separate parts: beside the picture, not amid it
            left = min(x for x, _ in at.values()) - LAYOUT_SCALE / 4
            centre = (left, max(y for _, y in at.values()))
        else:
            centre = at[group["id"]]
        members = [n for n in nodes if n["id"] in set(group["members"])]
        mx = sum(n["x"] for n in members) / len(members)
        my = sum(n["y"] for n in members) / len(members)
        spread = max(max(abs(n["x"] - mx), abs(n["y"] - my)) for n in members) or 1.0
        radius = 30 + 12 * sqrt(len(members))
        for member in members:
            member["x"] = centre[0] + (member["x"] - mx) * radius / spread
            member["y"] = centre[1] + (member["y"] - my) * radius / spread
        group["x"], group["y"] = centre


def _core(nodes: list[dict[str, Any]], G: nx.Graph, first_sight: int) -> set[Any]:
    """The most active actors, every cluster and its members, and the collaborations that join
    two of them."""
    actors = [n for n in nodes if n["kind"] == "actor"]
    actors.sort(key=lambda n: (-activity(n, G.degree(n["id"])), str(n["id"])))
    core = {n["id"] for n in actors[:first_sight]}
    for node in nodes:
        if node["kind"] == "cluster":
            core.add(node["id"])
            core.update(G[node["id"]])
        elif node["kind"] == "actor" and any(
            m.get("kind") == "cluster" for m in node.get("memberships") or []
        ):
            core.add(node["id"])
    for node in nodes:
        joined = sum(1 for other in G[node["id"]] if other in core)
        if node["kind"] not in ("actor", "cluster") and joined >= 2:
            core.add(node["id"])
    return core


def _group_node(
    k: int, members: list[dict[str, Any]], say: Callable[[str], str], labels: dict[str, str]
) -> dict[str, Any]:
    helices = Counter(m["helix"] for m in members if m["kind"] == "actor" and m.get("helix"))
    actors = sum(1 for m in members if m["kind"] == "actor")
    examples = [
        m["label"]
        for m in sorted(members, key=lambda m: str(m["label"]))
        if m["kind"] == "actor" and not str(m["label"]).startswith("unnamed ")
    ][:3]
    mostly = helices.most_common(1)[0][0] if helices else ""
    lines = [
        (say("Community {k}:").format(k=k) if k else say("In small separate groups:"))
        + " "
        + say("{n} more actors").format(n=actors)
        + (
            say(", {n} collaborations").format(n=len(members) - actors)
            if len(members) > actors
            else ""
        ),
        say("mostly {helix}").format(helix=labels.get(mostly, mostly)) if mostly else "",
        (say("e.g. {names}").format(names="; ".join(examples))) if examples else "",
        say("click to draw them one by one"),
    ]
    return {
        "id": f"community:{k}",
        "label": say("{n} more").format(n=len(members)),
        "title": "\n".join(line for line in lines if line),
        "kind": "community",
        "shape": "hexagon",
        "size": 12 + 2 * sqrt(len(members)),
        "color": community_colour(k),
        "community_color": community_colour(k),
        "x": 0.0,
        "y": 0.0,
        "community": k,
        "core": False,
        "members": [m["id"] for m in members],
        "helices": [],
        "country": None,
        "sectors": [],
        "collaborations": [],
        "memberships": [],
        "metrics": {},
    }


def _group_edges(
    edges: list[dict[str, Any]], by_id: dict[Any, dict[str, Any]]
) -> list[dict[str, Any]]:
    """The ties of the groups, summed, for each state the picture can be in: a tie from a node
    drawn to a closed group, and from one closed group to another (a tie inside one group shows
    only when it is opened)."""
    weights: Counter[tuple[Any, Any]] = Counter()
    for edge in edges:
        u, v = by_id[edge["from"]], by_id[edge["to"]]
        weight = edge.get("width") or 1
        group_u, group_v = _group_id(u), _group_id(v)
        if (u["core"] and v["core"]) or (not u["core"] and not v["core"] and group_u == group_v):
            continue  # drawn as it is, or inside one group (shown when it is opened)
        if not v["core"]:
            weights[_pair(u["id"], group_v)] += weight
        if not u["core"]:
            weights[_pair(group_u, v["id"])] += weight
        if not u["core"] and not v["core"]:
            weights[_pair(group_u, group_v)] += weight
    return [
        {
            "from": u,
            "to": v,
            "width": min(1 + sqrt(w), 8),
            "weight": w,
            "title": f"{w} tie{'' if w == 1 else 's'} summed",
            "summary": True,
        }
        for (u, v), w in weights.items()
    ]


def _group_id(node: dict[str, Any]) -> str:
    return f"community:{node['community']}"


def _pair(a: Any, b: Any) -> tuple[Any, Any]:
    return (a, b) if str(a) <= str(b) else (b, a)
