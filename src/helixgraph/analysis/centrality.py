"""Betweenness, PageRank and communities on igraph's compiled code, with networkx's values.

igraph's exact betweenness takes about as long as networkx's estimate from a few hundred sampled
sources, and its Louvain is several times faster (``python -m bench analysis`` measures both on
real data), so these use igraph through
:class:`~helixgraph.analysis.compiled.CompiledGraph`; the results come back keyed by networkx
node and scaled as networkx scales them.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Hashable, Iterable

import networkx as nx

from helixgraph.analysis.compiled import CompiledGraph


def betweenness(G: nx.Graph) -> dict[Hashable, float]:
    """Exact betweenness centrality of an undirected graph, normalised as networkx's
    ``betweenness_centrality`` normalises it (by 2 / ((n - 1)(n - 2))).

    >>> b = betweenness(nx.path_graph(3))
    >>> b == nx.betweenness_centrality(nx.path_graph(3))
    True
    """
    return CompiledGraph(G, weight=None).betweenness()


def estimate_betweenness(G: nx.Graph, samples: int = 512, seed: int = 1) -> dict[Hashable, float]:
    """Betweenness estimated from ``samples`` random sources (Brandes and Pich, 2007), on igraph.

    Each node's dependency on the sampled sources, scaled by n / samples, estimates its exact
    (networkx-normalised) betweenness without bias; exact when ``samples`` covers every node.
    :func:`betweenness_error_bound` says how far any estimate can be from the exact value.

    >>> G = nx.path_graph(4)
    >>> estimate_betweenness(G, samples=4) == betweenness(G)
    True
    """
    return CompiledGraph(G, weight=None).betweenness(samples, seed)


def betweenness_error_bound(n: int, samples: int, confidence: float = 0.95) -> float:
    """The largest error of an estimate from ``samples`` random sources, for every one of the
    ``n`` nodes at once, with probability ``confidence`` (networkx-normalised betweenness).

    One source's contribution to a node, scaled by n, normalised, lies in [0, n / (n - 1)]; by
    Hoeffding's inequality and a union bound over the n nodes the mean of ``samples`` of them is
    within (n / (n - 1)) sqrt(ln(2n / delta) / (2 samples)) of the exact value, delta = 1 -
    ``confidence``. A worst-case bound: the ranking's top is usually far better (``make bench``
    measures its overlap with the exact one). 0 when every node is a source.

    >>> round(betweenness_error_bound(6923, 1024), 4)
    0.0782
    >>> betweenness_error_bound(10, 10)
    0.0
    """
    if samples >= n:
        return 0.0
    delta = 1.0 - confidence
    return n / (n - 1) * math.sqrt(math.log(2 * n / delta) / (2 * samples))


def pagerank(
    G: nx.Graph, weight: str | None = "weight", alpha: float = 0.85
) -> dict[Hashable, float]:
    """PageRank of an undirected graph on igraph's PRPACK solver: networkx's ``pagerank`` values
    (which networkx reaches by power iteration, to within its tolerance), several times faster.

    >>> G = nx.karate_club_graph()
    >>> ours, theirs = pagerank(G), nx.pagerank(G, weight="weight")
    >>> max(abs(ours[v] - theirs[v]) for v in G) < 1e-5
    True
    """
    return CompiledGraph(G, weight).pagerank(alpha)


def modularity(
    G: nx.Graph, communities: Iterable[Collection[Hashable]], weight: str | None = "weight"
) -> float:
    """Newman's modularity of a partition of ``G`` (resolution 1), on igraph: the value of
    networkx's ``community.modularity``.

    >>> G = nx.karate_club_graph()
    >>> parts = [{v for v in G if G.nodes[v]["club"] == c} for c in ("Mr. Hi", "Officer")]
    >>> round(modularity(G, parts, weight=None), 4)
    0.3582
    """
    return CompiledGraph(G, weight).modularity(communities)


def louvain(G: nx.Graph, weight: str | None = "weight", seed: int = 1) -> list[set[Hashable]]:
    """Louvain communities (igraph's multilevel method), as sets of networkx nodes.

    ``seed`` fixes igraph's random order, so the same graph gives the same communities.

    >>> G = nx.disjoint_union(nx.complete_graph(4), nx.complete_graph(4))
    >>> sorted(len(c) for c in louvain(G, weight=None))
    [4, 4]
    """
    return CompiledGraph(G, weight).louvain(seed)
