"""Measures of each node the explorer shows: its part, its community, its centralities."""

from __future__ import annotations

from typing import Any

import networkx as nx

from helixgraph.analysis.brokerage import brokerage_roles
from helixgraph.analysis.centrality import louvain
from helixgraph.analysis.compiled import CompiledGraph


def component_index(G: nx.Graph) -> dict[Any, int]:
    """Each node's component, numbered by size: 1 is the largest.

    >>> sorted(component_index(nx.Graph([(1, 2), (2, 3), (4, 5)])).items())
    [(1, 1), (2, 1), (3, 1), (4, 2), (5, 2)]
    """
    undirected = G.to_undirected(as_view=True) if G.is_directed() else G
    parts = sorted(nx.connected_components(undirected), key=lambda c: (-len(c), min(map(str, c))))
    return {node: i for i, part in enumerate(parts, start=1) for node in part}


def community_index(G: nx.Graph, min_size: int = 1) -> dict[Any, int]:
    """Each node's community (Louvain on the tie weights, seeded), numbered by size: 1 is the
    largest; 0 gathers the communities of fewer than ``min_size`` nodes (the small separate
    parts of a scope), which would otherwise each make a group of their own.

    >>> G = nx.disjoint_union(nx.complete_graph(4), nx.complete_graph(3))
    >>> sorted(community_index(G).items())
    [(0, 1), (1, 1), (2, 1), (3, 1), (4, 2), (5, 2), (6, 2)]
    >>> sorted(community_index(G, min_size=4).values())
    [0, 0, 0, 1, 1, 1, 1]
    """
    if G.number_of_nodes() == 0:
        return {}
    ordered = sorted(louvain(G), key=lambda part: (-len(part), min(map(str, part))))
    return {
        node: i if len(part) >= min_size else 0
        for i, part in enumerate(ordered, start=1)
        for node in part
    }


def node_measures(
    G: nx.Graph, *, exact: bool, betweenness_samples: int
) -> dict[str, dict[Any, float]]:
    """Degree, betweenness (estimated from ``betweenness_samples`` sources unless ``exact``),
    brokerage (Gould and Fernandez, over the nodes' helix or kind; only when ``exact``: it
    counts two-paths, quadratic in degree) and two-step reach of each node of ``G``.

    >>> m = node_measures(nx.path_graph(3), exact=True, betweenness_samples=8)
    >>> m["degree"][1], m["betweenness"][1], m["reach"][0]
    (2.0, 1.0, 1.0)
    """
    n = G.number_of_nodes()
    result: dict[str, dict[Any, float]] = {"degree": {v: float(d) for v, d in G.degree}}
    result["betweenness"] = CompiledGraph(G, weight=None).betweenness(
        None if exact else betweenness_samples
    )
    if exact:
        grouped = nx.Graph(G)
        for _, attrs in grouped.nodes(data=True):
            attrs["group"] = attrs.get("helix") or attrs.get("kind") or "other"
        roles = brokerage_roles(grouped, group="group")
        result["brokerage"] = {v: float(r["total"]) for v, r in roles.items()}
    else:
        result["brokerage"] = {}
    result["reach"] = {
        v: (len(nx.single_source_shortest_path_length(G, v, cutoff=2)) - 1) / (n - 1)
        if n > 1
        else 0.0
        for v in G
    }
    return result
