"""Headline counts of an ecosystem network: actors per helix, component sizes."""

from __future__ import annotations

from collections import Counter

import networkx as nx

from helixgraph.helices import HELICES


def helix_counts(G: nx.Graph, attr: str = "helix") -> dict[str, int]:
    """Number of nodes per value of ``attr``, every helix listed (0 when absent).

    Nodes without the attribute (collaborations in an affiliation graph) are not counted.

    >>> G = nx.Graph()
    >>> G.add_nodes_from([(1, {"helix": "academia"}), (2, {"helix": "academia"}), (3, {})])
    >>> helix_counts(G)
    {'government': 0, 'academia': 2, 'business': 0, 'community': 0}
    """
    counts = Counter(value for _, value in G.nodes(data=attr) if value is not None)
    result = {helix: counts.pop(helix, 0) for helix in HELICES}
    result.update(sorted(counts.items()))
    return result


def component_sizes(G: nx.Graph) -> list[int]:
    """Sizes of the connected components, largest first (isolated nodes count as 1).

    >>> component_sizes(nx.Graph([(0, 1), (1, 2), (3, 4)]))
    [3, 2]
    """
    return sorted((len(c) for c in nx.connected_components(G)), reverse=True)
