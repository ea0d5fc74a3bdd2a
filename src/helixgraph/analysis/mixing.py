"""Who ties to whom across groups: the Krackhardt-Stern E-I index, helix x helix mixing, and
attribute assortativity.

References
----------
.. [1] D. Krackhardt and R. N. Stern, "Informal networks and organizational crises: an
   experimental simulation", Social Psychology Quarterly 51 (1988) 123-140.
.. [2] M. E. J. Newman, "Mixing patterns in networks", Physical Review E 67 (2003) 026126.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable
from typing import Any

import networkx as nx

from helixgraph.analysis.preconditions import requires_node_attribute


def _ties(G: nx.Graph, attr: str) -> list[tuple[Any, Any]]:
    values = nx.get_node_attributes(G, attr)
    return [(values[u], values[v]) for u, v in G.edges() if u != v]


@requires_node_attribute("attr")
def ei_index(G: nx.Graph, attr: str) -> float:
    """Return the E-I index of the whole graph: (external - internal) / (external + internal).

    A tie is internal when both ends share ``attr``. -1: every tie stays inside its group;
    +1: every tie crosses groups. 0 for a graph with no ties.

    Examples
    --------
    >>> G = nx.Graph([(0, 1), (1, 2)])
    >>> nx.set_node_attributes(G, {0: "a", 1: "a", 2: "b"}, "helix")
    >>> ei_index(G, "helix")
    0.0
    """
    ties = _ties(G, attr)
    if not ties:
        return 0.0
    external = sum(1 for a, b in ties if a != b)
    return (2 * external - len(ties)) / len(ties)


@requires_node_attribute("attr")
def group_ei_index(G: nx.Graph, attr: str) -> dict[Any, float]:
    """Return the E-I index of each group: its members' external vs internal ties.

    An internal tie counts once for its group; an external tie counts for both groups it joins.

    Examples
    --------
    >>> G = nx.Graph([(0, 1), (1, 2)])
    >>> nx.set_node_attributes(G, {0: "a", 1: "a", 2: "b"}, "helix")
    >>> group_ei_index(G, "helix")
    {'a': 0.0, 'b': 1.0}
    """
    internal: Counter[Any] = Counter()
    external: Counter[Any] = Counter()
    for a, b in _ties(G, attr):
        if a == b:
            internal[a] += 1
        else:
            external[a] += 1
            external[b] += 1
    groups = sorted(set(nx.get_node_attributes(G, attr).values()), key=str)
    return {
        g: (external[g] - internal[g]) / (external[g] + internal[g])
        if external[g] + internal[g]
        else 0.0
        for g in groups
    }


@requires_node_attribute("attr")
def node_ei_index(G: nx.Graph, attr: str) -> dict[Hashable, float]:
    """Return each node's E-I index over its own ties (0 for an isolated node).

    Examples
    --------
    >>> G = nx.Graph([(0, 1), (1, 2)])
    >>> nx.set_node_attributes(G, {0: "a", 1: "a", 2: "b"}, "helix")
    >>> node_ei_index(G, "helix")
    {0: -1.0, 1: 0.0, 2: 1.0}
    """
    values = nx.get_node_attributes(G, attr)
    result = {}
    for node in G:
        neighbours = [v for v in G[node] if v != node]
        if not neighbours:
            result[node] = 0.0
            continue
        external = sum(1 for v in neighbours if values[v] != values[node])
        result[node] = (2 * external - len(neighbours)) / len(neighbours)
    return result


@requires_node_attribute("attr")
def helix_mixing(G: nx.Graph, attr: str = "helix") -> dict[str, Any]:
    """Return tie counts and densities group x group, and the attribute assortativity.

    ``ties[g][h]``: ties between a node of group g and one of group h (symmetric for an
    undirected graph). ``density[g][h]``: those ties over the pairs that could tie (g == h:
    n_g (n_g - 1) / 2). ``assortativity``: Newman's coefficient for ``attr``
    (networkx's ``attribute_assortativity_coefficient``).

    Examples
    --------
    >>> G = nx.Graph([(0, 1), (1, 2)])
    >>> nx.set_node_attributes(G, {0: "a", 1: "a", 2: "b"}, "helix")
    >>> mixing = helix_mixing(G)
    >>> mixing["ties"], mixing["density"]["a"]["b"]
    ({'a': {'a': 1, 'b': 1}, 'b': {'a': 1, 'b': 0}}, 0.5)
    """
    sizes = Counter(nx.get_node_attributes(G, attr).values())
    groups = sorted(sizes, key=str)
    ties: dict[Any, dict[Any, int]] = {g: dict.fromkeys(groups, 0) for g in groups}
    for a, b in _ties(G, attr):
        ties[a][b] += 1
        if a != b and not G.is_directed():
            ties[b][a] += 1
    density: dict[Any, dict[Any, float]] = defaultdict(dict)
    for g in groups:
        for h in groups:
            pairs = sizes[g] * (sizes[g] - 1) / 2 if g == h else sizes[g] * sizes[h]
            density[g][h] = ties[g][h] / pairs if pairs else 0.0
    return {"ties": ties, "density": dict(density), "assortativity": _assortativity(G, ties)}


def _assortativity(G: nx.Graph, ties: dict[Any, dict[Any, int]]) -> float:
    """Newman's attribute assortativity from the group x group tie counts: the value networkx's
    ``attribute_assortativity_coefficient`` gives, without a second pass over the edges.

    networkx counts an undirected tie in both directions, so a tie inside a group counts twice.
    """
    mixing = {
        g: {h: count * (2 if g == h and not G.is_directed() else 1) for h, count in row.items()}
        for g, row in ties.items()
    }
    total = sum(sum(row.values()) for row in mixing.values())
    if not total or len(mixing) < 2:
        return 0.0
    out = {g: sum(row.values()) / total for g, row in mixing.items()}
    into = {h: sum(row[h] for row in mixing.values()) / total for h in mixing}
    expected = sum(out[g] * into[g] for g in mixing)
    observed = sum(mixing[g][g] for g in mixing) / total
    return float((observed - expected) / (1 - expected)) if expected < 1 else 0.0
