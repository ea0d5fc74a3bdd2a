"""networkx -> interactive graph data for vis-network, never mutating its input.

The nodes and edges are vis-network's own dicts, built here in one pass: ``pyvis``'s
``Network.from_nx`` checks every new edge against all earlier ones (quadratic in the edges;
``python -m bench viz`` compares them). Positions are computed here
(igraph, seeded, so a view looks the same every time) and physics is off: the page is interactive
at once, whatever the size. The page itself (``web/templates/viz.html``) loads vis-network from the
package, never a CDN.
"""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

# Okabe-Ito colours: distinguishable with the common forms of colour blindness.
HELIX_COLOURS = {
    "government": "#0072B2",
    "academia": "#E69F00",
    "business": "#009E73",
    "community": "#CC79A7",
}
COLLABORATION_COLOUR = "#999999"
LAYOUT_SCALE = 600
SMALL_GRAPH = 300


def node_colour(attrs: dict[str, Any]) -> str:
    """The fill colour of a node: its helix's, or grey for a collaboration.

    >>> node_colour({"helix": "academia"})
    '#E69F00'
    >>> node_colour({"kind": "cluster", "helix": None})
    '#999999'
    """
    return HELIX_COLOURS.get(attrs.get("helix") or "", COLLABORATION_COLOUR)


def tooltip(attrs: dict[str, Any], words: dict[str, str] | None = None) -> str:
    """Plain-text hover text: name, helices or kind, country; ``words`` puts the words
    ("helix", "academia", "project" …) in the page's language.

    >>> tooltip({"label": "X", "helices": ["academia"]}, {"helix": "spirál"})
    'X\\nspirál: academia'
    """
    say = (words or {}).get
    lines = [str(attrs.get("label") or "")]
    if attrs.get("title"):  # a project's title beside its acronym
        lines.append(str(attrs["title"]))
    if attrs.get("helices"):
        lines.append(f"{say('helix', 'helix')}: " + ", ".join(say(h, h) for h in attrs["helices"]))
    elif attrs.get("kind"):
        lines.append(say(attrs["kind"], attrs["kind"]))
    if attrs.get("country"):
        lines.append(f"{say('country', 'country')}: " + attrs["country"])
    return "\n".join(lines)


def largest_part(G: nx.Graph, max_nodes: int, max_edges: int | None = None) -> nx.Graph:
    """``G`` itself if small enough, else its ``max_nodes`` best-connected nodes (highest degree,
    ties broken by id, so a view always shows the same part; isolated nodes left out) and among
    them about ``max_edges`` edges: every node's strongest tie, then the heaviest (``weight``)
    of the rest; a node the caps leave without any of its ties is left out.

    >>> largest_part(nx.star_graph(5), 3).number_of_nodes()
    3
    >>> 0 in largest_part(nx.star_graph(5), 3)
    True
    >>> largest_part(nx.complete_graph(6), 6, max_edges=4).number_of_edges()  # one per node
    5
    >>> largest_part(nx.complete_graph(6), 6, max_edges=8).number_of_edges()
    8
    """
    original = G
    if len(G) > max_nodes:
        # isolated nodes say nothing in a picture of a part: they are left out
        ranked = sorted(
            ((n, d) for n, d in G.degree if d > 0), key=lambda item: (-item[1], str(item[0]))
        )
        G = G.subgraph(node for node, _ in ranked[:max_nodes])
    if max_edges is not None and G.number_of_edges() > max_edges:
        ranked_edges = sorted(
            G.edges(keys=True, data="weight") if G.is_multigraph() else G.edges(data="weight"),
            key=lambda e: (-(e[-1] or 1), str(e[0]), str(e[1])),
        )
        # every node keeps its strongest tie, then the strongest of the rest fill the budget
        kept: dict[tuple[Any, ...], Any] = {}
        for edge in ranked_edges:
            for end in edge[:2]:
                if end not in kept:
                    kept[end] = edge
        edges = list(dict.fromkeys(kept.values()))
        chosen = set(edges)
        for edge in ranked_edges:
            if len(edges) >= max_edges:
                break
            if edge not in chosen:
                edges.append(edge)
                chosen.add(edge)
        H = G.__class__()
        H.add_nodes_from(G.nodes(data=True))
        H.add_edges_from((*e[:-1], G.get_edge_data(*e[:-1])) for e in edges)
        G = H
    # nodes the caps cut off from all their ties would only float around the picture
    stranded = [n for n in G if G.degree(n) == 0 and original.degree(n) > 0]
    return G.subgraph(set(G) - set(stranded)) if stranded else G


def layout(G: nx.Graph, *, seed: int = 1, spread: bool = False) -> dict[Any, tuple[float, float]]:
    """Node positions: Kamada-Kawai for small graphs (readable, keeps islands near), else
    igraph's Fruchterman-Reingold (seeded; compiled, where networkx's spring layout is Python),
    spread wider as the graph grows. ``spread``: Fruchterman-Reingold whatever the size (on a
    dense core of a hundred named actors it leaves each node more room than Kamada-Kawai does,
    measured on the Hungarian first view).

    >>> sorted(layout(nx.path_graph(3)))
    [0, 1, 2]
    """
    if len(G) == 0:
        return {}
    if len(G) <= SMALL_GRAPH and not spread:
        positions = nx.kamada_kawai_layout(G, scale=LAYOUT_SCALE)
        return {node: (float(x), float(y)) for node, (x, y) in positions.items()}
    import random

    import igraph as ig

    from helixgraph.analysis.compiled import CompiledGraph

    simple = G.to_undirected(as_view=True) if G.is_directed() else G
    compiled = CompiledGraph(nx.Graph(simple) if simple.is_multigraph() else simple, weight=None)
    ig.set_random_number_generator(random.Random(seed))  # noqa: S311 - a layout, not a secret
    try:
        coordinates = compiled.igraph.layout_fruchterman_reingold(niter=300, grid="auto").coords
    finally:
        ig.set_random_number_generator(random)
    xs = [x for x, _ in coordinates]
    ys = [y for _, y in coordinates]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
    scale = 2 * LAYOUT_SCALE * max(1.0, (len(G) / SMALL_GRAPH) ** 0.5) / span
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {
        node: (float((x - cx) * scale), float((y - cy) * scale))
        for node, (x, y) in zip(compiled.nodes, coordinates, strict=True)
    }


def network_data(
    G: nx.Graph, *, seed: int = 1, words: dict[str, str] | None = None
) -> dict[str, Any]:
    """vis-network ``nodes``, ``edges`` and ``options`` for ``G``, laid out by igraph (seeded).

    Nodes keep their IRI as ``id`` and carry ``helix`` and ``kind`` for filtering in the page.

    >>> G = nx.Graph()
    >>> G.add_node("a", label="A", helix="academia", helices=["academia"], kind="actor")
    >>> G.add_node("b", label="B", helix="business", helices=["business"], kind="actor")
    >>> G.add_edge("a", "b", weight=2)
    >>> data = network_data(G)
    >>> [(n["id"], n["color"]) for n in data["nodes"]], data["edges"][0]["width"]
    ([('a', '#E69F00'), ('b', '#009E73')], 2)
    >>> G.nodes["a"].get("size"), G.edges["a", "b"].get("width")
    (None, None)
    """
    simple = nx.Graph(G) if G.is_multigraph() else G
    positions = layout(simple, seed=seed)
    nodes = []
    for node, attrs in G.nodes(data=True):
        collaboration = attrs.get("kind") not in (None, "actor")
        x, y = positions[node]
        nodes.append(
            {
                "id": node,
                "label": str(attrs.get("label") or node),
                "title": tooltip(attrs, words),
                "color": node_colour(attrs),
                "shape": "square" if collaboration else "dot",
                "size": 14 if collaboration else 10,
                "x": x,
                "y": y,
                "helix": attrs.get("helix"),
                "kind": attrs.get("kind", "actor"),
            }
        )
    edges = [
        {
            "from": u,
            "to": v,
            "width": attrs.get("weight") or 1,
            "title": _edge_title(G, u, v, attrs),
        }
        for u, v, attrs in simple.edges(data=True)
    ]
    options = {
        "physics": {"enabled": False},
        "interaction": {"hover": True, "navigationButtons": False, "keyboard": True},
        "nodes": {"font": {"size": 12}},
        "edges": {"color": {"color": "#bbbbbb", "highlight": "#333333"}, "smooth": False},
    }
    return {"nodes": nodes, "edges": edges, "options": options}


def _edge_title(G: nx.Graph, u: Any, v: Any, attrs: dict[str, Any]) -> str:
    if G.is_multigraph():
        keys = sorted({str(k) for k in G.get_edge_data(u, v, default={})})
        keys += sorted({str(k) for k in G.get_edge_data(v, u, default={})} - set(keys))
        return ", ".join(keys)
    parts = []
    if attrs.get("weight"):
        parts.append(f"{attrs['weight']} shared collaboration(s)")
    if attrs.get("relations"):
        parts.append(", ".join(attrs["relations"]))
    if attrs.get("role"):
        parts.append(f"role: {attrs['role']}")
    return "; ".join(parts)


def script_json(value: Any) -> str:
    """JSON safe to put inside a ``<script>`` element (no ``</script>`` can close it early).

    >>> script_json({"label": "</script>"})
    '{"label": "\\\\u003c/script\\\\u003e"}'
    """
    return json.dumps(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
