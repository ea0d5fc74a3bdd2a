"""What if a key player leaves, new ties are made, or clusters merge: every headline figure before
and after."""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable
from typing import Any

import networkx as nx

from helixgraph.analysis.fragmentation import distance_fragmentation, fragmentation


def headline(G: nx.Graph) -> dict[str, Any]:
    """Nodes, ties, density, components, the largest one's share, F and DF.

    >>> headline(nx.Graph([(0, 1), (2, 3)]))["components"]
    2
    """
    n = G.number_of_nodes()
    components = sorted((len(c) for c in nx.connected_components(G)), reverse=True) if n else []
    return {
        "nodes": n,
        "ties": G.number_of_edges(),
        "density": nx.density(G) if n > 1 else 0.0,
        "components": len(components),
        "largest_component_share": components[0] / n if n else 0.0,
        "isolates": sum(1 for size in components if size == 1),
        "fragmentation": fragmentation(G),
        # exact, on igraph's compiled breadth-first search (networkx's is far slower on the
        # Hungarian ecosystem; both are tested equal)
        "distance_fragmentation": _distance_fragmentation(G),
    }


def _distance_fragmentation(G: nx.Graph) -> float:
    """Exact distance fragmentation, from igraph above a few hundred nodes.

    >>> G = nx.gnm_random_graph(400, 500, seed=3)
    >>> abs(_distance_fragmentation(G) - distance_fragmentation(G)) < 1e-12
    True
    """
    n = G.number_of_nodes()
    if n < 300:
        return distance_fragmentation(G)
    from helixgraph.analysis.compiled import CompiledGraph

    value, _ = CompiledGraph(G, weight=None).estimate_distance_fragmentation(samples=n)
    return value


def what_if(
    G: nx.Graph,
    *,
    remove: Iterable[Hashable] = (),
    add: Iterable[tuple[Hashable, Hashable]] = (),
    merge: Iterable[Collection[Hashable]] = (),
    before: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Return the headline figures of ``G`` before and after the changes, and their difference.

    ``remove``: nodes that leave (a key player closes). ``add``: new ties. ``merge``: groups of
    nodes that become one (clusters consolidating: in an affiliation graph the merged cluster
    keeps every member), named after the group's first node. ``G`` is not changed.
    ``before``: ``headline(G)`` if the caller has it already (it takes seconds on big graphs).

    Examples
    --------
    >>> result = what_if(nx.path_graph(3), remove=[1])
    >>> result["before"]["components"], result["after"]["components"]
    (1, 2)
    >>> result["change"]["fragmentation"]
    1.0
    """
    H = nx.Graph(G)
    remove = list(remove)  # read twice below: a generator would be empty the second time
    unknown = [n for n in remove if n not in H]
    if unknown:
        raise ValueError(f"remove: {unknown[0]!r} is not in the graph")
    H.remove_nodes_from(remove)
    for u, v in add:
        if u not in H or v not in H:
            raise ValueError(f"add: ({u!r}, {v!r}) names a node that is not in the graph")
        if u == v:
            raise ValueError(f"add: a tie needs two nodes, not {u!r} twice")
        H.add_edge(u, v)
    for group in merge:
        nodes = list(group)
        for other in nodes:
            if other not in H:
                raise ValueError(f"merge: {other!r} is not in the graph (removed or merged)")
        if len(set(nodes)) != len(nodes):
            raise ValueError(f"merge: a group names a node twice ({nodes!r})")
        for other in nodes[1:]:
            H = nx.contracted_nodes(H, nodes[0], other, self_loops=False, copy=False)
    before, after = before or headline(G), headline(H)
    return {
        "before": before,
        "after": after,
        "change": {key: after[key] - before[key] for key in before},
    }
