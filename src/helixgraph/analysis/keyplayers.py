"""Key players by exact distance fragmentation, fast enough for a country's ecosystem.

Borgatti's KPP-Neg asks for the k actors whose removal leaves the rest most fragmented (the
distance-weighted DF). Scored naively, each candidate set costs a breadth-first search from every
node of the whole graph. Two facts make the search affordable up to a few thousand actors:

- DF(G - S) = 1 - (T - L(S)) / ((n - k)(n - k - 1)), with T the sum of 1/d over ordered pairs and
  L(S) what removing S takes from it; for fixed k, maximising DF is maximising L;
- L is a sum over components: removing nodes of one component leaves the others' pairs as they
  were, so a trial re-measures only the components it touches (the largest of a country's
  ecosystem holds a few hundred of its actors; the rest are small), and a component's loss for a
  given subset is computed once.

The search is Borgatti's greedy swap with restarts: the first start takes the k best single
removals, the others start at random; a swap of a member for an outsider is kept when it raises
L, until no swap improves or the time budget runs out. Outsiders come from a shortlist: the
``shortlist`` nodes whose own removal costs most (a re-measure of the largest component takes
about a millisecond, and a node whose own removal barely matters rarely makes a key set;
``make bench`` compares the answer with an exhaustive search).

References
----------
.. [1] S. P. Borgatti, "Identifying sets of key players in a social network", Computational and
   Mathematical Organization Theory 12 (2006) 21-34, sections 3-4.
"""

from __future__ import annotations

import random
import time
from collections.abc import Hashable
from dataclasses import dataclass

import networkx as nx


@dataclass(frozen=True)
class KeyPlayerSearch:
    """What the search found: the ``players``, DF ``before`` and ``after`` removing them, each
    player's own effect (DF without that one alone, minus ``before``), whether the search
    ran to a local optimum from every start (``complete``) and how many sets it scored."""

    players: tuple[Hashable, ...]
    before: float
    after: float
    alone: dict[Hashable, float]
    complete: bool
    starts: int
    trials: int


class RemovalScores:
    """Distance fragmentation of a graph with some nodes removed, re-measured per component."""

    def __init__(self, G: nx.Graph) -> None:
        import igraph as ig

        self.nodes: list[Hashable] = list(G)
        index = {node: i for i, node in enumerate(self.nodes)}
        self.graph = ig.Graph(
            n=len(self.nodes), edges=[(index[u], index[v]) for u, v in G.edges() if u != v]
        )
        self.component = self.graph.connected_components().membership
        groups: dict[int, list[int]] = {}
        for vertex, component in enumerate(self.component):
            groups.setdefault(component, []).append(vertex)
        self.members = groups
        self.base = {c: self._sum(vs) for c, vs in groups.items()}
        self.total = sum(self.base.values())
        self._losses: dict[tuple[int, frozenset[int]], float] = {}
        self.trials = 0

    def _sum(self, vertices: list[int]) -> float:
        """Sum of 1/d over the ordered pairs of the graph induced by ``vertices``."""
        if len(vertices) < 2:
            return 0.0
        if len(vertices) == len(self.members[self.component[vertices[0]]]) == 2:
            return 2.0  # a whole component of two: one tie
        sub = self.graph.induced_subgraph(vertices)
        return float(sum(sub.harmonic_centrality(normalized=False)))

    def loss(self, removed: frozenset[int]) -> float:
        """What removing ``removed`` (vertex numbers) takes from the sum of 1/d."""
        by_component: dict[int, set[int]] = {}
        for v in removed:
            by_component.setdefault(self.component[v], set()).add(v)
        total = 0.0
        for component, gone in by_component.items():
            key = (component, frozenset(gone))
            if key not in self._losses:
                self.trials += 1
                kept = [v for v in self.members[component] if v not in gone]
                self._losses[key] = self.base[component] - self._sum(kept)
            total += self._losses[key]
        return total

    def fragmentation(self, removed: frozenset[int] = frozenset()) -> float:
        """DF of the graph without ``removed``."""
        n = len(self.nodes) - len(removed)
        if n < 2:
            return 0.0
        return 1.0 - (self.total - self.loss(removed)) / (n * (n - 1))


def search_key_players(
    G: nx.Graph,
    k: int,
    *,
    seed: int = 1,
    restarts: int = 3,
    budget: float = 1.0,
    shortlist: int = 30,
    order: list[Hashable] | None = None,
) -> KeyPlayerSearch:
    """Return the ``k`` nodes whose removal raises distance fragmentation most, as far as
    Borgatti's swap search finds them within ``budget`` seconds.

    ``shortlist``: how many of the best single removals the swaps draw on. ``order``: the nodes
    to measure first (say by betweenness) where the budget may not reach every single removal;
    by default the graph's order. Distances count steps (weights ignored).

    Examples
    --------
    The kite: removing node 7 cuts the tail off (Borgatti's own example network).

    >>> found = search_key_players(nx.krackhardt_kite_graph(), 1)
    >>> found.players, round(found.after, 6), found.complete
    ((7,), 0.486111, True)
    """
    n = len(G)
    if not 0 < k <= n:
        raise ValueError(f"k={k}: choose between 1 and the {n} nodes of the graph")
    deadline = time.monotonic() + budget
    scores = RemovalScores(G)
    index = {node: i for i, node in enumerate(scores.nodes)}
    singles: dict[int, float] = {}
    for node in order or scores.nodes:
        if time.monotonic() > deadline and len(singles) >= k:
            break
        singles[index[node]] = scores.loss(frozenset([index[node]]))
    complete = len(singles) == n
    candidates = sorted(singles, key=lambda v: (-singles[v], v))[: max(shortlist, 2 * k)]
    rng = random.Random(seed)  # noqa: S311 - a search heuristic, not cryptography
    starts = [frozenset(candidates[:k])] + [
        frozenset(rng.sample(candidates, k)) for _ in range(max(0, restarts - 1))
    ]
    best: tuple[float, frozenset[int]] = (-1.0, starts[0])
    done = 0
    for start in starts:
        chosen, finished = _swap(scores, start, candidates, deadline)
        done += 1
        complete &= finished
        value = scores.loss(chosen)
        if value > best[0] + 1e-12:
            best = (value, chosen)
        if not finished:
            break
    before = scores.fragmentation()
    players = tuple(sorted((scores.nodes[v] for v in best[1]), key=str))
    alone = {scores.nodes[v]: scores.fragmentation(frozenset([v])) - before for v in best[1]}
    return KeyPlayerSearch(
        players, before, scores.fragmentation(best[1]), alone, complete, done, scores.trials
    )


def _swap(
    scores: RemovalScores, chosen: frozenset[int], candidates: list[int], deadline: float
) -> tuple[frozenset[int], bool]:
    """Borgatti's greedy: keep the first swap that raises the loss, until none does (True) or
    the deadline passes (False)."""
    value = scores.loss(chosen)
    while True:
        improved = False
        for member in sorted(chosen):
            for outsider in candidates:
                if outsider in chosen:
                    continue
                if time.monotonic() > deadline:
                    return chosen, False
                trial = (chosen - {member}) | {outsider}
                trial_value = scores.loss(trial)
                if trial_value > value + 1e-12:
                    chosen, value, improved = trial, trial_value, True
                    break
            if improved:
                break
        if not improved:
            return chosen, True
