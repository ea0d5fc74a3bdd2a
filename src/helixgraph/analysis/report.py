"""Assemble analyses of a knowledge graph: derive the views, call the pure functions."""

from __future__ import annotations

from collections import Counter
from typing import Any

from helixgraph import views
from helixgraph.analysis.summary import component_sizes, helix_counts
from helixgraph.census import census
from helixgraph.store import KnowledgeGraph


def ecosystem_stats(kg: KnowledgeGraph) -> dict[str, Any]:
    """Headline figures of the ecosystem in the store, as plain JSON-ready values.

    >>> stats = ecosystem_stats(KnowledgeGraph.in_memory())
    >>> seed = stats["by_graph"]["https://w3id.org/helixgraph/graph/seed-ecosystem"]
    >>> seed["actors"], seed["collaborations_by_kind"]
    (23, {'cluster': 2, 'project': 1})
    """
    A = views.affiliation_graph(kg)
    N = views.actor_network(kg)
    R = views.relation_graph(kg)
    kinds = Counter(kind for _, kind in A.nodes(data="kind") if kind != "actor")
    sizes = component_sizes(N)
    # a symmetric tie (collaboratesWith) is one tie drawn as two arcs
    ties = Counter(
        key for _, _, key, sym in R.edges(keys=True, data="symmetric") for _ in range(2 - sym)
    )
    multi = sum(1 for _, helices in N.nodes(data="helices") if len(helices) > 1)
    return {
        "actors": {
            "total": N.number_of_nodes(),
            "by_helix": helix_counts(N),
            "in_several_helices": multi,
        },
        "collaborations": {"total": sum(kinds.values()), "by_kind": dict(sorted(kinds.items()))},
        "memberships": A.number_of_edges(),
        "ties": {
            "total": sum(ties.values()) // 2,
            "by_relation": {key: n // 2 for key, n in sorted(ties.items())},
        },
        "components": {
            "count": len(sizes),
            "largest": sizes[0] if sizes else 0,
            "isolated": sizes.count(1),
            "sizes": sizes,
        },
        "triples": len(kg),
        "graphs": len(kg.graph_names()),
        "by_graph": census(kg),
    }
