"""A networkx graph handed once to compiled code: a scipy CSR matrix and an igraph Graph.

networkx keeps a graph as dicts of dicts, which its algorithms walk in Python. The measures that
visit every pair (distances, betweenness) or iterate to convergence (PageRank, Louvain) run
far faster in scipy's and igraph's C code (``python -m bench analysis``); converting the graph
costs about as much as one such measure, so a report converts it once and asks everything of
the one :class:`CompiledGraph`. Results come back keyed by networkx node, scaled as networkx
scales them.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Collection, Hashable, Iterable
from typing import Any

import networkx as nx

#: igraph's one random number generator, set to a seed for each Louvain run
_IGRAPH_RANDOM = threading.Lock()


def adjacency_matrix(G: nx.Graph, weight: str | None) -> Any:
    """The adjacency of ``G`` as a scipy CSR matrix of ``weight`` values (1 when None or missing),
    rows in ``G``'s node order.

    Read straight from the adjacency dicts: copying the graph and calling networkx's
    ``to_scipy_sparse_array`` cost a large share of a whole report.
    Parallel edges of a multigraph keep their smallest value (read as a length: the shortest).

    >>> adjacency_matrix(nx.path_graph(3), None).toarray().tolist()
    [[0.0, 1.0, 0.0], [1.0, 0.0, 1.0], [0.0, 1.0, 0.0]]
    """
    import numpy as np
    from scipy.sparse import csr_matrix

    index = {node: i for i, node in enumerate(G)}
    rows: list[int] = []
    columns: list[int] = []
    values: list[float] = []
    multigraph = G.is_multigraph()
    for node, neighbours in G.adjacency():
        i = index[node]
        for neighbour, data in neighbours.items():
            rows.append(i)
            columns.append(index[neighbour])
            if weight is None:
                values.append(1.0)
            elif multigraph:
                values.append(min(d.get(weight, 1) for d in data.values()))
            else:
                values.append(data.get(weight, 1))
    n = len(index)
    return csr_matrix((np.asarray(values, dtype=float), (rows, columns)), shape=(n, n))


def inverse_distance_sums(
    matrix: Any, *, directed: bool, unweighted: bool, rows: Iterable[int] | None = None
) -> Any:
    """For each source row (default every row), the sum of 1 / d to every node it reaches.

    Shortest paths run in scipy's compiled code, 256 sources at a time (networkx's pure-Python
    all-pairs search is some 20 times slower on the Hungarian ecosystem).

    >>> inverse_distance_sums(adjacency_matrix(nx.path_graph(3), None), directed=False,
    ...                       unweighted=True).tolist()
    [1.5, 2.0, 1.5]
    """
    import numpy as np
    from scipy.sparse.csgraph import shortest_path

    sources = np.arange(matrix.shape[0]) if rows is None else np.asarray(list(rows))
    sums = [np.zeros(0)]
    for start in range(0, len(sources), 256):
        lengths = shortest_path(
            matrix,
            method="D",
            directed=directed,
            unweighted=unweighted,
            indices=sources[start : start + 256],
        )
        with np.errstate(divide="ignore"):
            inverse = np.where(np.isfinite(lengths) & (lengths > 0), 1.0 / lengths, 0.0)
        sums.append(inverse.sum(axis=1))
    return np.concatenate(sums)


def focal_distance_fragmentation(
    graph: Any,
    focal: list[int],
    *,
    samples: int | None = None,
    seed: int = 1,
    steps_per_tie: int = 1,
) -> tuple[float, float]:
    """Distance fragmentation among the ``focal`` vertices of an igraph ``graph`` (paths may run
    through any vertex), exact or from ``samples`` random focal sources, and the half-width of
    its 95% interval. ``steps_per_tie``: how many of the graph's steps make one tie (2 on a
    bipartite actor-collaboration graph, where two actors are a collaboration apart).

    >>> import igraph as ig
    >>> focal_distance_fragmentation(ig.Graph([(0, 1), (1, 2)]), [0, 2])
    (0.5, 0.0)
    >>> focal_distance_fragmentation(ig.Graph([(0, 1), (1, 2)]), [0, 2], steps_per_tie=2)
    (0.0, 0.0)
    """
    import numpy as np

    n = len(focal)
    if n < 2:
        return 0.0, 0.0
    sampled = samples is not None and samples < n
    sources = (
        sorted(np.random.default_rng(seed).choice(focal, samples, replace=False).tolist())
        if sampled
        else focal
    )
    per_source = []
    for start in range(0, len(sources), 256):  # a block at a time: memory stays bounded
        lengths = np.asarray(
            graph.distances(source=sources[start : start + 256], target=focal), dtype=float
        )
        with np.errstate(divide="ignore"):
            inverse = np.where(
                np.isfinite(lengths) & (lengths > 0), float(steps_per_tie) / lengths, 0.0
            )
        per_source.append(inverse.sum(axis=1) / (n - 1))
    return fragmentation_from_sources(np.concatenate(per_source), sampled=sampled)


def fragmentation_from_sources(per_source: Any, *, sampled: bool) -> tuple[float, float]:
    """Distance fragmentation from each source's mean 1 / d to the others, and the half-width of
    its 95% interval (1.96 standard errors of the mean; 0 when every node was a source).

    >>> fragmentation_from_sources([0.5, 1.0], sampled=False)
    (0.25, 0.0)
    """
    import numpy as np

    values = np.asarray(per_source, dtype=float)
    value = 1.0 - float(values.mean())
    if not sampled:
        return value, 0.0
    if len(values) < 2:
        return value, 1.0
    return value, 1.96 * float(values.std(ddof=1)) / len(values) ** 0.5


class CompiledGraph:
    """An undirected networkx graph as a CSR matrix and an igraph Graph, built once.

    ``weight`` names the edge attribute read as a tie's strength (PageRank, Louvain, modularity);
    distances and betweenness count steps.

    >>> C = CompiledGraph(nx.path_graph(4))
    >>> C.betweenness() == nx.betweenness_centrality(nx.path_graph(4))
    True
    """

    def __init__(self, G: nx.Graph, weight: str | None = "weight") -> None:
        import igraph as ig
        from scipy.sparse import triu

        if G.is_directed():
            raise ValueError("CompiledGraph takes an undirected graph")
        self.nodes: list[Hashable] = list(G)
        self.weight = weight
        self.matrix = adjacency_matrix(G, weight)
        upper = triu(self.matrix, k=1).tocoo()
        self.igraph = ig.Graph(
            n=len(self.nodes), edges=list(zip(upper.row.tolist(), upper.col.tolist(), strict=True))
        )
        self.igraph.es["weight"] = [value or 1.0 for value in upper.data.tolist()]

    def __len__(self) -> int:
        return len(self.nodes)

    def _keyed(self, values: Iterable[float], scale: float = 1.0) -> dict[Hashable, float]:
        return {node: value * scale for node, value in zip(self.nodes, values, strict=True)}

    def _weights(self) -> str | None:
        return "weight" if self.weight is not None else None

    def estimate_distance_fragmentation(
        self, samples: int, *, seed: int | None = None, without: Collection[Hashable] = ()
    ) -> tuple[float, float]:
        """Distance fragmentation (unweighted) from ``samples`` random sources, and the half-width
        of its 95% interval; exact (half-width 0) when ``samples`` covers every node.
        ``without``: the nodes to remove first (a key-player set).
        """
        import numpy as np

        graph = self.igraph
        if without:
            gone = set(without)
            graph = graph.induced_subgraph([i for i, v in enumerate(self.nodes) if v not in gone])
        n = graph.vcount()
        if n < 2:
            return 0.0, 0.0
        rows = None if samples >= n else np.random.default_rng(seed).choice(n, samples, False)
        # harmonic centrality, normalised, is a source's mean 1 / d to the n - 1 others: igraph's
        # breadth-first search beats scipy's shortest_path here (python -m bench analysis)
        per_source = np.asarray(
            graph.harmonic_centrality(vertices=None if rows is None else rows.tolist())
        )
        return fragmentation_from_sources(per_source, sampled=rows is not None)

    def betweenness(self, samples: int | None = None, seed: int = 1) -> dict[Hashable, float]:
        """Betweenness normalised as networkx normalises it (by 2 / ((n - 1)(n - 2))): exact, or
        estimated from ``samples`` random sources (Brandes and Pich, 2007), which scaled by
        n / samples estimates the exact value without bias.
        """
        n = len(self)
        if n < 3:
            return dict.fromkeys(self.nodes, 0.0)
        scale = 2.0 / ((n - 1) * (n - 2))
        if samples is None or samples >= n:
            return self._keyed(self.igraph.betweenness(directed=False), scale)
        chosen = random.Random(seed).sample(range(n), samples)  # noqa: S311 - sampling
        raw = self.igraph.betweenness(directed=False, sources=chosen, targets=None)
        return self._keyed(raw, scale * n / samples)

    def closeness(self) -> dict[Hashable, float]:
        """Closeness as networkx computes it (Wasserman-Faust, for graphs in several parts):
        (r - 1) / sum of distances, times (r - 1) / (n - 1), with r the nodes a node reaches
        (itself included); 0 for an isolate. networkx walks every source in Python: minutes on
        a country of a few thousand actors, where igraph takes a second.

        >>> G = nx.Graph([(0, 1), (1, 2), (3, 4)])
        >>> CompiledGraph(G).closeness() == nx.closeness_centrality(G)
        True
        """
        n = len(self)
        if n < 2:
            return dict.fromkeys(self.nodes, 0.0)
        membership = self.igraph.connected_components().membership
        sizes: dict[int, int] = {}
        for part in membership:
            sizes[part] = sizes.get(part, 0) + 1
        raw = self.igraph.closeness(normalized=True)
        return {
            node: 0.0 if sizes[part] < 2 else value * (sizes[part] - 1) / (n - 1)
            for node, value, part in zip(self.nodes, raw, membership, strict=True)
        }

    def pagerank(self, alpha: float = 0.85) -> dict[Hashable, float]:
        """PageRank on igraph's PRPACK solver (networkx's values, to its power-iteration
        tolerance)."""
        if not self.nodes:
            return {}
        return self._keyed(self.igraph.pagerank(damping=alpha, weights=self._weights()))

    def louvain(self, seed: int = 1) -> list[set[Hashable]]:
        """Louvain communities (igraph's multilevel method); ``seed`` fixes igraph's random
        order, so the same graph gives the same communities."""
        import igraph as ig

        if not self.nodes:
            return []
        # igraph's random numbers come from one generator for the whole process: two threads
        # (the server's warm-up and a request) must not draw from each other's seeds
        with _IGRAPH_RANDOM:
            ig.set_random_number_generator(random.Random(seed))  # noqa: S311 - reproducible
            try:
                parts = self.igraph.community_multilevel(weights=self._weights())
            finally:
                ig.set_random_number_generator(random)
        return [{self.nodes[i] for i in part} for part in parts]

    def modularity(self, communities: Iterable[Collection[Hashable]]) -> float:
        """Newman's modularity of a partition (resolution 1): networkx's
        ``community.modularity``."""
        if self.igraph.ecount() == 0:
            return 0.0
        part = {node: i for i, community in enumerate(communities) for node in community}
        membership = [part[node] for node in self.nodes]
        return float(self.igraph.modularity(membership, weights=self._weights()))
