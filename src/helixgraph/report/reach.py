"""The focal actors' reach when paths may pass through actors outside the scope
(``through="all"``): their foreign partners, and the partners' partners."""

from __future__ import annotations

from collections import defaultdict

from helixgraph.analysis.compiled import focal_distance_fragmentation
from helixgraph.analysis.fragmentation import fragmentation_of_parts
from helixgraph.network import views
from helixgraph.network.scope import ScopedNetwork, wider_network
from helixgraph.report.model import ReachAll
from helixgraph.store import KnowledgeGraph


def reach_through_all(
    net: ScopedNetwork, kg: KnowledgeGraph, *, samples: int | None = None, seed: int = 1
) -> ReachAll:
    """The focal actors' fragmentation when paths may pass through any actor of an in-scope
    collaboration (and, without a sector, any direct tie): F, distance fragmentation among the
    focal pairs (exact, or from ``samples`` random focal sources with its 95% interval), the
    parts the focal actors fall into and the largest.

    Distances are read on the bipartite actor-collaboration graph (half its path lengths):
    it has as many edges as memberships, where the actor network has a tie per pair.
    """
    graph, index, collaborating = wider_network(net, kg)
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
    # distances on the bipartite graph: two steps are one tie
    df, error = focal_distance_fragmentation(
        graph, focal, samples=samples, seed=seed, steps_per_tie=2
    )
    return ReachAll(
        actors_in_wider_network=len(collaborating | set(net.actors)),
        outside_partners=outside,
        parts=len(counts),
        largest=max(counts.values(), default=0),
        isolates=sum(1 for c in counts.values() if c == 1),
        fragmentation=fragmentation_of_parts(counts.values()),
        distance_fragmentation=df,
        distance_fragmentation_error=error,
    )
