"""Headline counts of an ecosystem network: actors per helix, component sizes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable

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
    return count_helices(value for _, value in G.nodes(data=attr))


def count_helices(helices: Iterable[str | None]) -> dict[str, int]:
    """How many of ``helices`` name each helix, every helix listed (0 when absent), then any
    other value; None is not counted.

    >>> count_helices(["business", None, "academia", "business"])
    {'government': 0, 'academia': 1, 'business': 2, 'community': 0}
    """
    counts = Counter(helix for helix in helices if helix is not None)
    result = {helix: counts.pop(helix, 0) for helix in HELICES}
    result.update(sorted(counts.items()))
    return result


def component_sizes(G: nx.Graph) -> list[int]:
    """Sizes of the connected components, largest first (isolated nodes count as 1).

    >>> component_sizes(nx.Graph([(0, 1), (1, 2), (3, 4)]))
    [3, 2]
    """
    return sorted((len(c) for c in nx.connected_components(G)), reverse=True)


def group_components(
    nodes: Iterable[Hashable],
    groups: Iterable[Iterable[Hashable]],
    ties: Iterable[tuple[Hashable, Hashable]] = (),
) -> dict[Hashable, Hashable]:
    """Each node -> one node of its connected component (the same for the whole component), in
    the graph on ``nodes`` in which the members of each group are linked to one another and
    each tie links its two ends (members and ends that are not ``nodes`` are left out): the
    components of the actors' network an affiliation graph projects to, without drawing it (a
    group of n members is n (n - 1) / 2 edges there, n - 1 unions of a union-find here).

    >>> found = group_components("abcde", ["ab", "bc"], [("d", "z")])
    >>> found["a"] == found["c"], found["a"] == found["d"]
    (True, False)
    >>> parts = group_components(range(7), [[0, 1, 2], [2, 3], [9, 5]], [(4, 5)])
    >>> sorted(Counter(parts.values()).values())
    [1, 2, 4]
    """
    parent = {node: node for node in nodes}

    def root(node: Hashable) -> Hashable:
        while parent[node] != node:
            parent[node] = parent[parent[node]]  # path halving
            node = parent[node]
        return node

    def join(u: Hashable, v: Hashable) -> None:
        ru, rv = root(u), root(v)
        if ru != rv:
            parent[ru] = rv

    for group in groups:
        members = [member for member in group if member in parent]
        for member in members[1:]:
            join(members[0], member)
    for u, v in ties:
        if u in parent and v in parent:
            join(u, v)
    return {node: root(node) for node in parent}
