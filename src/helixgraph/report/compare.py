"""Several scopes side by side: where a manager's ecosystem stands among its peers.

Only the headline figures, computed as the report computes them (exact up to the precision's
limit), so that comparing five countries costs five networks, not five reports. A store holding
one country's projects (the default store: every Horizon 2020 project with a Hungarian partner)
sees a peer country only through its joint projects with that country; the comparison says so
where it finds it, instead of passing those figures off as the peer's own ecosystem.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

from helixgraph.analysis.compiled import CompiledGraph
from helixgraph.analysis.fragmentation import fragmentation
from helixgraph.analysis.summary import component_sizes, helix_counts
from helixgraph.analysis.synergy import helix_synergy
from helixgraph.network import views
from helixgraph.network.scope import Scope, Through, scoped_network
from helixgraph.report.computing import computing_lock
from helixgraph.report.precision import Precision
from helixgraph.report.reach import reach_through_all
from helixgraph.settings import read_settings
from helixgraph.store import KnowledgeGraph
from helixgraph.store.kept import kept


def compare_scopes(
    kg: KnowledgeGraph,
    scopes: list[Scope],
    *,
    through: Through = "scope",
    precision: Precision | None = None,
    seed: int = 1,
    wait: float | None = None,
) -> list[dict[str, Any]]:
    """One row of headline figures per scope, the first scope (the user's own) first.

    >>> rows = compare_scopes(KnowledgeGraph.in_memory(), [Scope(country="HU")])
    >>> rows[0]["scope"], rows[0]["actors"] > 0
    ('country=HU', True)
    """
    precision = precision or Precision.from_settings(read_settings())
    with computing_lock(wait):
        rows = [dict(_figures(kg, scope, through, precision, seed)) for scope in scopes]
    for scope, row in zip(scopes[1:], rows[1:], strict=True):
        row["seen_through_joint_projects"] = _seen_through(kg, scope, scopes[0])
        if row["seen_through_joint_projects"]:
            row["note"] = (
                f"every collaboration of {scope.describe()} in this store includes an actor of "
                f"{scopes[0].describe()}: the store sees {scope.describe()} only through its "
                "joint projects with it, so these figures are not that ecosystem's own (import "
                "the whole programme to compare ecosystems)"
            )
    return rows


def peer_scopes(kg: KnowledgeGraph, scope: Scope, most: int = 3) -> list[Scope]:
    """The scopes a manager compares theirs with: for a cluster, the store's other clusters; for
    a country, the ``most`` countries with the most actors; the other filters kept alike.

    >>> kg = KnowledgeGraph.in_memory()
    >>> [p.country for p in peer_scopes(kg, Scope(country="HU"), most=2)]
    ['DE', 'ES']
    """
    if scope.cluster:
        own = scope.cluster.lower()
        others = sorted(
            views.local_name(c)
            for c, attrs in views.collaboration_attributes(kg).items()
            if attrs["kind"] == "cluster"
            and views.local_name(c).lower() != own
            and c.lower() != own
        )
        return [replace(scope, cluster=other) for other in others[:most]]
    if scope.country:
        countries = Counter(
            a["country"] for a in views.actor_attributes(kg).values() if a["country"]
        )
        others = [c for c, _ in countries.most_common() if c != scope.country.upper()]
        return [replace(scope, country=other) for other in others[:most]]
    return []


@kept  # each page of a country compares it with the same few peers: their rows are shared
def _figures(
    kg: KnowledgeGraph, scope: Scope, through: Through, precision: Precision, seed: int
) -> dict[str, Any]:
    """The headline row of one scope (its caller copies it before adding to it)."""
    net = scoped_network(kg, scope)
    N, A = net.actors, net.affiliation
    n = N.number_of_nodes()
    exact = precision.exact(n)
    samples = n if exact else precision.fragmentation_samples
    df, error = CompiledGraph(N).estimate_distance_fragmentation(samples, seed=seed)
    sizes = component_sizes(N)
    every = n <= precision.reach_sources
    wider = (
        reach_through_all(
            net, kg, samples=None if every else precision.fragmentation_samples, seed=seed
        )
        if n and scope.has_actor_filter
        else None
    )
    helix_sets = [
        {A.nodes[m]["helix"] for m in A[c]}
        for c, side in A.nodes(data="bipartite")
        if side == 1 and A.degree(c) > 0
    ]
    row = {
        "scope": scope.text(),
        "description": scope.describe(),
        "actors": n,
        "ties": N.number_of_edges(),
        "parts": len(sizes),
        "largest": sizes[0] if sizes else 0,
        "fragmentation": fragmentation(N),
        "fragmentation_through_all": wider.fragmentation if wider else None,
        "distance_fragmentation": df,
        "distance_fragmentation_error": error,
        "collaborations": len(helix_sets),
        "synergy_bits_3d": helix_synergy(helix_sets) if helix_sets else None,
        "helices": helix_counts(N),
        "exact": exact,
        "note": None,
        "seen_through_joint_projects": False,
    }
    if through == "all" and wider:
        row["distance_fragmentation"] = wider.distance_fragmentation
        row["distance_fragmentation_error"] = wider.distance_fragmentation_error
    return row


@kept  # a page in another language asks again
def _seen_through(kg: KnowledgeGraph, peer: Scope, own_scope: Scope) -> bool:
    """Whether every collaboration of the peer scope includes an actor of the user's own
    scope: the store then holds the peer only as the partner of the user's ecosystem."""
    own_actors = scoped_network(kg, own_scope).actors
    A = scoped_network(kg, peer).affiliation
    collaborations = [c for c, side in A.nodes(data="bipartite") if side == 1]
    if not collaborations:
        return False
    every = scoped_network(kg, Scope(sector=peer.sector, years=peer.years)).collaborations
    own = set(own_actors)
    joint = sum(1 for c in collaborations if not every.get(c, set()).isdisjoint(own))
    return joint == len(collaborations)
