"""The focal actors' reach when paths may pass through actors outside the scope
(``through="all"``): their foreign partners, and the partners' partners."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np

from helixgraph.analysis.compiled import fragmentation_from_sources
from helixgraph.analysis.fragmentation import fragmentation_of_parts
from helixgraph.network import views
from helixgraph.network.scope import ScopedNetwork, wider_network
from helixgraph.store import KnowledgeGraph


def reach_through_all(
    net: ScopedNetwork, kg: KnowledgeGraph, *, samples: int | None = None, seed: int = 1
) -> dict[str, Any]:
    """The focal actors' fragmentation when paths may pass through any actor of an in-scope
    collaboration (and, without a sector, any direct tie): F, distance fragmentation among the
    focal pairs (exact, or from ``samples`` random focal sources with its 95% interval), the
    parts the focal actors fall into and the largest.

    Distances are read on the bipartite actor-collaboration graph (half its path lengths):
    it has as many edges as memberships, where the actor network has a tie per pair.
    """
    graph, index, wider = wider_network(net, kg)
    focal = [index[a] for a in net.actors]
    membership = graph.connected_components().membership
    counts: dict[int, int] = defaultdict(int)
    for v in focal:
        counts[membership[v]] += 1
    n = len(focal)
    actors = views.actor_attributes(kg)
    # the actors outside the scope that paths between focal actors can pass through: those in a
    # part of the wider network that holds a focal actor
    outside = sum(1 for iri, v in index.items() if iri in actors and membership[v] in counts) - n
    result: dict[str, Any] = {
        "actors_in_wider_network": wider,
        "outside_partners": outside,
        "parts": len(counts),
        "largest": max(counts.values(), default=0),
        "isolates": sum(1 for c in counts.values() if c == 1),
        "fragmentation": fragmentation_of_parts(counts.values()),
    }
    if n < 2:
        result |= {"distance_fragmentation": 0.0, "distance_fragmentation_error": 0.0}
        return result
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
            inverse = np.where(np.isfinite(lengths) & (lengths > 0), 2.0 / lengths, 0.0)
        per_source.append(inverse.sum(axis=1) / (n - 1))
    df, error = fragmentation_from_sources(np.concatenate(per_source), sampled=sampled)
    result |= {"distance_fragmentation": df, "distance_fragmentation_error": error}
    return result
