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

The search goes part by part: the best 1 to k players of each part, over every subset where a
part is small enough (most parts of a fragmented ecosystem are), else by Borgatti's greedy swaps
with restarts (the first start takes the j best single removals, the others start at random; a
swap of a member for an outsider is kept when it raises L, until none does or the time budget
runs out), over a shortlist of the nodes whose own removal costs most (a re-measure of a part of
a few hundred nodes takes about a millisecond). The parts' best subsets are then combined exactly,
as a knapsack: the answer is exact wherever no part needed swaps, and ``make bench`` compares it
with an exhaustive search.

References
----------
.. [1] S. P. Borgatti, "Identifying sets of key players in a social network", Computational and
   Mathematical Organization Theory 12 (2006) 21-34, sections 3-4.
"""

from __future__ import annotations

import itertools
import math
import random
import time
from collections.abc import Hashable
from dataclasses import dataclass

import networkx as nx

from helixgraph.analysis.fragmentation import greedy_swaps


@dataclass(frozen=True)
class KeyPlayerSearch:
    """What the search found: the ``players``, DF ``before`` and ``after`` removing them, each
    player's own effect (DF without that one alone, minus ``before``), whether the search
    ran to the end within its budget (``complete``), how many swap starts and scored sets it
    took, and which parts (components) it searched exhaustively and which by swaps."""

    players: tuple[Hashable, ...]
    before: float
    after: float
    alone: dict[Hashable, float]
    complete: bool
    starts: int
    trials: int
    exhaustive_parts: set[int]
    swapped_parts: set[int]


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
        self.edges = dict.fromkeys(groups, 0)
        for u, _ in self.graph.get_edgelist():
            self.edges[self.component[u]] += 1
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


#: A part is searched exhaustively for j players while it has at most this many j-subsets and
#: scoring them all takes at most this many breadth-first steps (a fraction of a second).
EXHAUSTIVE_SUBSETS = 5000
EXHAUSTIVE_STEPS = 30_000_000


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
    """Return the ``k`` nodes whose removal raises distance fragmentation most.

    Part by part (connected components), the best 1 to k players of each part: every subset
    where a part has at most :data:`EXHAUSTIVE_SUBSETS` of them, else Borgatti's swaps with
    ``restarts`` starts over the ``shortlist`` nodes whose own removal costs most; then the
    parts' best subsets are combined exactly (a knapsack over the parts). Exact when no part
    needed swaps. ``budget``: seconds for the whole search (parts with most to lose first);
    ``order``: the nodes to measure first where the budget may not reach them all (say by
    betweenness). Distances count steps (weights ignored).

    Examples
    --------
    The kite: removing node 7 cuts the tail off (Borgatti's own example network).

    >>> found = search_key_players(nx.krackhardt_kite_graph(), 1)
    >>> found.players, round(found.after, 6), found.complete, len(found.swapped_parts)
    ((7,), 0.486111, True, 0)
    """
    n = len(G)
    if not 0 < k <= n:
        raise ValueError(f"k={k}: choose between 1 and the {n} nodes of the graph")
    deadline = time.monotonic() + budget
    scores = RemovalScores(G)
    rank = {node: i for i, node in enumerate(order or scores.nodes)}
    rng = random.Random(seed)  # noqa: S311 - a search heuristic, not cryptography
    search = _PartSearch(scores, rng, restarts, shortlist, deadline)
    best_by_size: dict[int, tuple[float, frozenset[int]]] = {0: (0.0, frozenset())}
    isolated: list[int] = []
    parts = sorted(scores.members, key=lambda c: (-scores.base[c], c))
    for component in parts:
        vertices = sorted(
            scores.members[component], key=lambda v: rank.get(scores.nodes[v], len(rank))
        )
        if scores.base[component] == 0:
            isolated += vertices  # removing one costs nothing: a filler
            continue
        if time.monotonic() > deadline:
            search.complete = False
            break
        options = [search.best(vertices, j) for j in range(1, min(k, len(vertices)) + 1)]
        combined = dict(best_by_size)
        for used, (loss, chosen) in best_by_size.items():
            for j, (more, subset) in enumerate(options, 1):
                if used + j <= k and loss + more > combined.get(used + j, (-1.0,))[0] + 1e-12:
                    combined[used + j] = (loss + more, chosen | subset)
        best_by_size = combined
    size = max(j for j in best_by_size if k - j <= len(isolated))
    loss, chosen = best_by_size[size]
    chosen |= frozenset(isolated[: k - size])
    while len(chosen) < k:  # the budget stopped the search: fill with the best-ranked others
        chosen |= {next(v for v in range(n) if v not in chosen)}
    before = scores.fragmentation()
    players = tuple(sorted((scores.nodes[v] for v in chosen), key=str))
    alone = {scores.nodes[v]: scores.fragmentation(frozenset([v])) - before for v in chosen}
    return KeyPlayerSearch(
        players,
        before,
        scores.fragmentation(chosen),
        alone,
        search.complete,
        search.starts,
        scores.trials,
        search.exhaustive_parts,
        search.swapped_parts,
    )


class _PartSearch:
    """The best j players of one part: exhaustive where affordable, else swaps."""

    def __init__(
        self,
        scores: RemovalScores,
        rng: random.Random,
        restarts: int,
        shortlist: int,
        deadline: float,
    ) -> None:
        self.scores, self.rng, self.restarts = scores, rng, restarts
        self.shortlist, self.deadline = shortlist, deadline
        self.complete = True
        self.starts = 0
        self.exhaustive_parts: set[int] = set()
        self.swapped_parts: set[int] = set()

    def best(self, vertices: list[int], j: int) -> tuple[float, frozenset[int]]:
        scores = self.scores
        part = scores.component[vertices[0]]
        subsets = math.comb(len(vertices), j)
        steps = subsets * len(vertices) * (len(vertices) + 2 * scores.edges[part])
        if subsets <= EXHAUSTIVE_SUBSETS and steps <= EXHAUSTIVE_STEPS:
            self.exhaustive_parts.add(part)
            found = (-1.0, frozenset(vertices[:j]))
            for subset in itertools.combinations(vertices, j):
                if time.monotonic() > self.deadline:
                    self.complete = False
                    break
                loss = scores.loss(frozenset(subset))
                if loss > found[0] + 1e-12:
                    found = (loss, frozenset(subset))
            return found
        self.swapped_parts.add(part)
        singles: dict[int, float] = {}
        for v in vertices:
            if time.monotonic() > self.deadline and len(singles) >= j:
                self.complete = False
                break
            singles[v] = scores.loss(frozenset([v]))
        candidates = sorted(singles, key=lambda v: (-singles[v], v))
        candidates = candidates[: max(self.shortlist, 2 * j)]
        starts = [frozenset(candidates[:j])] + [
            frozenset(self.rng.sample(candidates, j)) for _ in range(max(0, self.restarts - 1))
        ]
        best: tuple[float, frozenset[int]] = (-1.0, starts[0])
        for start in starts:
            self.starts += 1
            chosen, value, finished = greedy_swaps(
                start, candidates, scores.loss, deadline=self.deadline
            )
            self.complete &= finished
            if value > best[0] + 1e-12:
                best = (value, chosen)
            if not finished:
                break
        return best
