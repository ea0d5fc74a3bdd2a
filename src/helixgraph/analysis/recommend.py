"""The ties worth building: the new ties that would cut distance fragmentation most, and the
partners that would give a cluster the helix it misses."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Hashable
from typing import Any

import networkx as nx

from helixgraph.analysis.clusters import cluster_diagnostics
from helixgraph.analysis.compiled import CompiledGraph

#: What stands for "cannot reach" in the distance matrix (distances count steps).
UNREACHABLE = 65535


def _distances(G: nx.Graph) -> Any:
    """Steps between every pair, as a matrix of 16-bit integers (:data:`UNREACHABLE` for none):
    50 MB for 5,000 actors, where floats would take 200. igraph's breadth-first search, 256
    rows at a time: about 1.5 times as fast as scipy's ``shortest_path`` on a year of the
    default store."""
    import numpy as np

    graph = CompiledGraph(G, weight=None).igraph  # rows in G's node order; distances count steps
    n = len(G)
    D = np.empty((n, n), dtype=np.uint16)
    for start in range(0, n, 256):
        rows = np.array(graph.distances(source=range(start, min(n, start + 256))), dtype=float)
        D[start : start + 256] = np.where(np.isfinite(rows), rows, UNREACHABLE)
    return D


def _inverse(D: Any) -> Any:
    """1 / d for every step count of ``D`` (0 for none or unreachable), read from a table:
    an array division per candidate took most of a small scope's recommendations."""
    return _reciprocals().take(D)


@functools.cache
def _reciprocals() -> Any:
    import numpy as np

    table = np.zeros(UNREACHABLE + 1)
    table[1:UNREACHABLE] = 1.0 / np.arange(1, UNREACHABLE)
    return table


def _gain(D: Any, u: int, v: int) -> float:
    """What a new tie u-v adds to the sum of 1/d over ordered pairs: only pairs (i, j) with i
    nearer to u than to v and j nearer to v than to u can get shorter (i -> u -> v -> j)."""
    import numpy as np

    du, dv = D[:, u].astype(np.int32), D[:, v].astype(np.int32)
    rows, columns = np.flatnonzero(du + 1 < dv), np.flatnonzero(dv + 1 < du)
    if not len(rows) or not len(columns):
        return 0.0
    old = D[np.ix_(rows, columns)].astype(np.int32)
    new = np.minimum(old, du[rows, None] + 1 + dv[None, columns])
    return 2.0 * float((_inverse(new) - _inverse(old)).sum())


def _gains(D: Any, pairs: list[tuple[int, int]]) -> list[float]:
    """:func:`_gain` of every pair: the pairs sharing an end in one array operation where the
    graph is small (every missing tie of a 60-actor scope is a candidate), else one by one."""
    import numpy as np

    if len(D) > 60:
        return [_gain(D, u, v) for u, v in pairs]
    by_first: dict[int, list[int]] = {}
    for u, v in pairs:
        by_first.setdefault(u, []).append(v)
    old = _inverse(D)
    found: dict[tuple[int, int], float] = {}
    for u, ends in by_first.items():
        du = D[:, u].astype(np.int32)
        via = du[None, :, None] + 1 + D[ends, :].astype(np.int32)[:, None, :]  # i -> u -> v -> j
        new = _inverse(np.minimum(D.astype(np.int32)[None], via))
        for v, gain in zip(ends, (new - old[None]).sum(axis=(1, 2)).tolist(), strict=True):
            found[u, v] = 2.0 * gain
    return [found[pair] for pair in pairs]


def _candidates(
    G: nx.Graph, D: Any, index: dict[Hashable, int], limit: int
) -> list[tuple[Hashable, Hashable]]:
    """Pairs worth scoring: every missing tie in a small graph; in a big one, ties from the best
    connected node of each of the larger other parts to the hubs of the largest part, and
    between well-connected nodes three or more steps apart."""
    if len(G) <= 60:
        return [(u, v) for u, v in itertools.combinations(G, 2) if not G.has_edge(u, v)]
    by_degree = sorted(G, key=lambda n: (-G.degree(n), str(n)))
    components = sorted(nx.connected_components(G), key=lambda c: (-len(c), min(map(str, c))))
    hubs = [n for n in by_degree if n in components[0]][:10]
    joins = []
    for part in components[1 : 1 + max(1, limit // 20)]:
        anchor = min(part, key=lambda n: (-G.degree(n), str(n)))
        joins += [(anchor, hub) for hub in hubs]
    shortcuts = [
        (u, v)
        for u, v in itertools.combinations(by_degree[:40], 2)
        if 3 <= D[index[u], index[v]] < UNREACHABLE
    ]
    half = limit // 2
    return (joins[:half] + shortcuts)[:limit] if len(joins) > half else (joins + shortcuts)[:limit]


def recommend_ties(
    G: nx.Graph,
    n: int = 10,
    *,
    A: nx.Graph | None = None,
    candidates: int = 200,
) -> list[dict[str, Any]]:
    """Return up to ``n`` new ties, best first, each with its gain and a one-sentence reason.

    Ties are chosen greedily: the missing tie whose addition lowers distance fragmentation most,
    then the next one given the first, and so on (among :func:`_candidates`, at most
    ``candidates`` per step). Gains are exact: each candidate is scored on the distance matrix,
    which the chosen tie then updates. With the affiliation graph ``A``, each cluster missing a
    helix also gets the best-connected actor of that helix outside it as a partner.

    Examples
    --------
    A path 0-1-2 and a lone node 3: tying 3 to the middle gives a star (DF 0.25).

    >>> G = nx.path_graph(3)
    >>> G.add_node(3)
    >>> best = recommend_ties(G, n=1)[0]
    >>> sorted(best["tie"]), round(best["gain"], 4), best["steps_apart"]
    ([1, 3], 0.3333, None)
    """
    import numpy as np

    H = nx.Graph(G)
    nodes = list(H)
    index = {node: i for i, node in enumerate(nodes)}
    found: list[dict[str, Any]] = []
    pairs = len(nodes) * (len(nodes) - 1)
    if not pairs:
        return _helix_partners(G, A) if A is not None else []
    D = _distances(H)
    for _ in range(n):
        best: tuple[float, tuple[Hashable, Hashable] | None] = (0.0, None)
        chosen = _candidates(H, D, index, candidates)
        gains = _gains(D, [(index[u], index[v]) for u, v in chosen])
        for (u, v), gain in zip(chosen, gains, strict=True):
            if gain / pairs > best[0] + 1e-12:
                best = (gain / pairs, (u, v))
        if best[1] is None:
            break
        u, v = best[1]
        i, j = index[u], index[v]
        steps = int(D[i, j])
        H.add_edge(u, v)
        du, dv = D[:, i].astype(np.int32), D[:, j].astype(np.int32)
        via = np.minimum(du[:, None] + 1 + dv[None, :], dv[:, None] + 1 + du[None, :])
        D = np.minimum(D, np.minimum(via, UNREACHABLE)).astype(np.uint16)
        found.append(
            {
                "tie": (u, v),
                "gain": best[0],
                "kind": "tie",
                "steps_apart": None if steps >= UNREACHABLE else steps,
                "reason": (
                    f"{_name(G, u)} and {_name(G, v)} "
                    + (
                        "are in separate parts of the network"
                        if steps >= UNREACHABLE
                        else f"are {_steps(steps)} steps apart"
                    )
                    + f": one joint project would cut distance fragmentation by {best[0]:.4f}."
                ),
            }
        )
    if A is not None:
        found += _helix_partners(G, A)
    return found


def _steps(n: int) -> str:
    words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
    return words[n] if n < len(words) else str(n)


def _helix_partners(G: nx.Graph, A: nx.Graph) -> list[dict[str, Any]]:
    partners = []
    for row in cluster_diagnostics(A):
        members = set(A[row["cluster"]])
        for helix in row["missing"]:
            outside = [a for a, h in G.nodes(data="helix") if h == helix and a not in members]
            if not outside:
                continue
            best = max(outside, key=lambda a: (G.degree(a), str(a)))
            partners.append(
                {
                    "tie": (row["cluster"], best),
                    "gain": None,
                    "kind": "partner",
                    "steps_apart": None,
                    "reason": (
                        f"{row['label']} has no {helix} member; {_name(G, best)} is the "
                        f"best-connected {helix} actor outside it."
                    ),
                }
            )
    return partners


def _name(G: nx.Graph, node: Hashable) -> str:
    attrs = G.nodes[node]
    label = attrs.get("label") or node
    return f"{label} ({attrs['helix']})" if attrs.get("helix") else str(label)
