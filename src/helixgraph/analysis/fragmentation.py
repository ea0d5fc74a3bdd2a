"""Fragmentation and key players (Borgatti): how far the network falls apart, and who holds it.

References
----------
.. [1] S. P. Borgatti, "Identifying sets of key players in a social network", Computational and
   Mathematical Organization Theory 12 (2006) 21-34.
"""

from __future__ import annotations

import itertools
import math
import random
import time
from collections.abc import Callable, Collection, Hashable, Iterable
from typing import Any, Literal

import networkx as nx

from helixgraph.analysis.compiled import (
    adjacency_matrix,
    fragmentation_from_sources,
    inverse_distance_sums,
)

Objective = Literal["fragmentation", "distance_fragmentation", "reach"]
Method = Literal["auto", "exhaustive", "greedy"]

#: "auto" searches exhaustively while the candidate sets times the graph's size stay below this.
EXHAUSTIVE_BUDGET = 3_000_000


def fragmentation(G: nx.Graph) -> float:
    """Return Borgatti's fragmentation: the share of ordered pairs that cannot reach each other.

    F = 1 - sum_k s_k (s_k - 1) / (n (n - 1)) over the (weakly) connected components of sizes
    s_k. 0 for a connected graph, 1 for a graph with no edges; 0 for fewer than two nodes.

    References
    ----------
    .. [1] Borgatti (2006), eq. 1.

    Examples
    --------
    >>> fragmentation(nx.Graph([(0, 1), (2, 3)]))
    0.6666666666666667
    >>> fragmentation(nx.path_graph(4))
    0.0
    """
    components = (
        nx.weakly_connected_components(G) if G.is_directed() else nx.connected_components(G)
    )
    return fragmentation_of_parts([len(c) for c in components])


def fragmentation_of_parts(sizes: Iterable[int]) -> float:
    """Borgatti's fragmentation of nodes falling into parts of ``sizes`` (every node in one):
    what :func:`fragmentation` computes from the components.

    >>> fragmentation_of_parts([2, 2]), fragmentation_of_parts([4]), fragmentation_of_parts([1])
    (0.6666666666666667, 0.0, 0.0)
    """
    sizes = list(sizes)
    n = sum(sizes)
    if n < 2:
        return 0.0
    return float(1.0 - sum(s * (s - 1) for s in sizes) / (n * (n - 1)))


def distance_fragmentation(G: nx.Graph, weight: str | None = None) -> float:
    """Return Borgatti's distance-weighted fragmentation.

    DF = 1 - sum_{i != j} (1 / d_ij) / (n (n - 1)), with 1/d = 0 for pairs that cannot reach
    each other. ``weight`` names an edge attribute read as a length (None: every edge is 1).

    References
    ----------
    .. [1] Borgatti (2006), eq. 4.

    Examples
    --------
    >>> round(distance_fragmentation(nx.path_graph(3)), 6)
    0.166667
    >>> distance_fragmentation(nx.empty_graph(3))
    1.0
    """
    n = G.number_of_nodes()
    if n < 2:
        return 0.0
    sums = inverse_distance_sums(
        adjacency_matrix(G, weight), directed=G.is_directed(), unweighted=weight is None
    )
    return float(1.0 - sums.sum() / (n * (n - 1)))


def estimate_distance_fragmentation(
    G: nx.Graph, samples: int = 256, *, weight: str | None = None, seed: int | None = None
) -> tuple[float, float]:
    """Return an estimate of :func:`distance_fragmentation` from ``samples`` random sources, and
    the half-width of its 95% confidence interval (1.96 standard errors of the sample mean).

    Exact (half-width 0) when ``samples`` covers every node.

    >>> value, error = estimate_distance_fragmentation(nx.path_graph(3), samples=10)
    >>> round(value, 6), error
    (0.166667, 0.0)
    """
    import numpy as np

    n = G.number_of_nodes()
    if n < 2:
        return 0.0, 0.0
    if samples >= n:
        return distance_fragmentation(G, weight), 0.0
    sources = np.random.default_rng(seed).choice(n, size=samples, replace=False)
    sums = inverse_distance_sums(
        adjacency_matrix(G, weight),
        directed=G.is_directed(),
        unweighted=weight is None,
        rows=sources,
    )
    return fragmentation_from_sources(sums / (n - 1), sampled=True)


def reach(G: nx.Graph, S: Iterable[Hashable], weight: str | None = None) -> float:
    """Return the distance-weighted reach of the set ``S``: (1/n) sum_j 1 / d(S, j).

    d(S, j) is the distance from the nearest member of ``S``; members of ``S`` count 1 and nodes
    ``S`` cannot reach count 0. 1 when ``S`` touches everyone.

    References
    ----------
    .. [1] Borgatti (2006), eq. 5 (KPP-Pos).

    Examples
    --------
    >>> reach(nx.star_graph(3), {0})
    1.0
    >>> round(reach(nx.path_graph(3), {0}), 4)  # (1 + 1/1 + 1/2) / 3
    0.8333
    """
    members = set(S)
    n = G.number_of_nodes()
    if n == 0 or not members:
        return 0.0
    if weight is None:
        lengths = nx.multi_source_dijkstra_path_length(G, members, weight=lambda u, v, d: 1)
    else:
        lengths = nx.multi_source_dijkstra_path_length(G, members, weight=weight)
    total = sum(1.0 if d == 0 else 1.0 / d for d in lengths.values())
    return float(total / n)


def _score(G: nx.Graph, S: Collection[Hashable], objective: Objective, weight: str | None) -> float:
    if objective == "reach":
        return reach(G, S, weight)
    H = G.subgraph(set(G) - set(S))
    if objective == "fragmentation":
        return fragmentation(H)
    return distance_fragmentation(H, weight)


def key_player_method(G: nx.Graph, k: int) -> Literal["exhaustive", "greedy"]:
    """The search ``key_players(..., method="auto")`` uses for ``k`` players in ``G``.

    Exhaustive while every k-set can be scored within the budget, else greedy.

    >>> key_player_method(nx.krackhardt_kite_graph(), 2)
    'exhaustive'
    >>> key_player_method(nx.gnm_random_graph(2000, 8000, seed=1), 3)
    'greedy'
    """
    n, m = G.number_of_nodes(), G.number_of_edges()
    cost = math.comb(n, k) * max(1, n) * max(1, n + m)
    return "exhaustive" if cost <= EXHAUSTIVE_BUDGET else "greedy"


def key_players(
    G: nx.Graph,
    k: int,
    *,
    objective: Objective = "distance_fragmentation",
    method: Method = "auto",
    weight: str | None = None,
    seed: int | None = None,
    max_rounds: int = 50,
    restarts: int = 5,
) -> tuple[set[Hashable], float]:
    """Return the ``k`` key players and the value of the objective they reach.

    KPP-Neg (``"fragmentation"``, ``"distance_fragmentation"``): the k nodes whose removal leaves
    the rest most fragmented. KPP-Pos (``"reach"``): the k nodes that reach the rest best.
    ``"exhaustive"`` scores every k-set (exact); ``"greedy"`` is Borgatti's swap optimisation:
    from a random start (``seed``), swap a member for a non-member while that improves the
    objective, at most ``max_rounds`` passes; the best of ``restarts`` starts is kept, as a
    swap search can stop at a local optimum. ``"auto"`` chooses by :func:`key_player_method`.

    References
    ----------
    .. [1] Borgatti (2006), section 4 (the greedy algorithm).

    Examples
    --------
    >>> players, value = key_players(nx.krackhardt_kite_graph(), 1)
    >>> players, round(value, 6)
    ({7}, 0.486111)
    """
    nodes = list(G)
    if not 0 < k <= len(nodes):
        raise ValueError(f"k={k}: choose between 1 and the {len(nodes)} nodes of the graph")
    if method == "auto":
        method = key_player_method(G, k)
    if method == "exhaustive":
        best: tuple[float, tuple[Hashable, ...]] = (-1.0, ())
        for candidate in itertools.combinations(nodes, k):
            value = _score(G, candidate, objective, weight)
            if value > best[0] + 1e-12:
                best = (value, candidate)
        return set(best[1]), best[0]
    if method != "greedy":
        raise ValueError(f"method={method!r}: one of 'auto', 'exhaustive', 'greedy'")
    rng = random.Random(seed)  # noqa: S311 - a search heuristic, not cryptography
    best_set: set[Hashable] = set()
    best_value = -1.0
    for _ in range(max(1, restarts)):
        chosen, value = _swap_search(G, set(rng.sample(nodes, k)), objective, weight, max_rounds)
        if value > best_value + 1e-12:
            best_set, best_value = chosen, value
    return best_set, best_value


def _swap_search(
    G: nx.Graph,
    chosen: set[Hashable],
    objective: Objective,
    weight: str | None,
    max_rounds: int,
) -> tuple[set[Hashable], float]:
    found, value, _ = greedy_swaps(
        frozenset(chosen), list(G), lambda S: _score(G, S, objective, weight), max_rounds
    )
    return set(found), value


def greedy_swaps(
    chosen: frozenset[Any],
    candidates: list[Any],
    score: Callable[[frozenset[Any]], float],
    max_rounds: int | None = None,
    deadline: float | None = None,
) -> tuple[frozenset[Any], float, bool]:
    """Borgatti's greedy: swap a member for an outsider (``candidates`` in order) when that
    raises ``score``, the first improving swap each round, until none improves; at most
    ``max_rounds`` swaps, and never past ``deadline`` (``time.monotonic()``). Returns the set,
    its score, and whether it stopped because nothing improved.

    >>> greedy_swaps(frozenset({0}), [0, 1, 2], lambda S: float(sum(S)))
    (frozenset({2}), 2.0, True)
    """
    value = score(chosen)
    rounds = 0
    while max_rounds is None or rounds < max_rounds:
        rounds += 1
        improved = False
        for member in sorted(chosen, key=str):
            for outsider in candidates:
                if outsider in chosen:
                    continue
                if deadline is not None and time.monotonic() > deadline:
                    return chosen, value, False
                trial = (chosen - {member}) | {outsider}
                trial_value = score(trial)
                if trial_value > value + 1e-12:
                    chosen, value, improved = trial, trial_value, True
                    break
            if improved:
                break
        if not improved:
            return chosen, value, True
    return chosen, value, False
