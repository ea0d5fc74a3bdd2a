"""Cluster diagnostics from the affiliation graph: critical mass, missing helices, diversity,
internal ties, overlap; and parallel initiatives in the same sector.

References
----------
.. [1] European Cluster Collaboration Platform, cluster labelling: 15 members is the bar used
   here for critical mass (the press release's Hungarian clusters average 30-40).
.. [2] P. M. Blau, Inequality and Heterogeneity (1977): the index 1 - sum p_i^2.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Collection, Hashable
from typing import Any

import networkx as nx

from helixgraph.helices import HELICES

CRITICAL_MASS = 15


def _collaborations(A: nx.Graph, kinds: Collection[str]) -> list[Hashable]:
    return sorted(
        (n for n, d in A.nodes(data=True) if d.get("bipartite") == 1 and d.get("kind") in kinds),
        key=str,
    )


def cluster_diagnostics(
    A: nx.Graph,
    G: nx.Graph | None = None,
    *,
    critical_mass: int = CRITICAL_MASS,
    kinds: Collection[str] = ("cluster",),
) -> list[dict[str, Any]]:
    """Return one row per cluster of the affiliation graph ``A`` (collaborations: ``bipartite=1``).

    ``members`` (in the graph) and ``size`` (the larger of that and ``declared_members``, the
    count a source states); ``below_critical_mass`` (``size`` under ``critical_mass``);
    ``helices`` present (a member counts under its primary ``helix``) and ``missing`` (the
    helices no member has, primary or not: a university hospital is academia and community); helix
    diversity as ``shannon`` (bits) and ``blau`` (1 - sum p^2); ``internal_density``: the share
    of member pairs tied in ``G`` (default: tied through another collaboration of ``A``, since
    sharing this one ties them all); ``in_other_clusters``: the share of members that belong to
    another collaboration of ``kinds`` too.

    Examples
    --------
    >>> A = nx.Graph()
    >>> A.add_node("c", bipartite=1, kind="cluster", label="C")
    >>> for n, h in [("a", "academia"), ("b", "business"), ("d", "business")]:
    ...     A.add_node(n, bipartite=0, helix=h)
    ...     A.add_edge(n, "c")
    >>> row = cluster_diagnostics(A, critical_mass=15)[0]
    >>> row["members"], row["missing"], round(row["blau"], 4)
    (3, ['government', 'community'], 0.4444)
    >>> A.nodes["a"]["helices"] = ["academia", "community"]  # a university hospital
    >>> cluster_diagnostics(A)[0]["missing"]
    ['government']
    """
    clusters = _collaborations(A, kinds)
    rows = []
    for cluster in clusters:
        members = sorted(A[cluster], key=str)
        counts = Counter(A.nodes[m].get("helix") for m in members)
        present = {
            h for m in members for h in A.nodes[m].get("helices") or [A.nodes[m].get("helix")]
        }
        n = len(members)
        shares = [c / n for h, c in counts.items() if h is not None] if n else []
        if G is None:
            tied = sum(
                1
                for u, v in itertools.combinations(members, 2)
                if (set(A[u]) & set(A[v])) - {cluster}
            )
        else:
            tied = sum(1 for u, v in itertools.combinations(members, 2) if G.has_edge(u, v))
        pairs = n * (n - 1) / 2
        elsewhere = sum(1 for m in members if any(c != cluster and c in clusters for c in A[m]))
        size = max(n, A.nodes[cluster].get("declared_members") or 0)
        rows.append(
            {
                "cluster": cluster,
                "label": A.nodes[cluster].get("label"),
                "members": n,
                "size": size,
                "below_critical_mass": size < critical_mass,
                "helices": {h: counts.get(h, 0) for h in HELICES},
                "missing": [h for h in HELICES if h not in present],
                "shannon": -sum(p * math.log2(p) for p in shares if p) + 0.0,
                "blau": 1.0 - sum(p * p for p in shares) if shares else 0.0,
                "internal_density": tied / pairs if pairs else 0.0,
                "in_other_clusters": elsewhere / n if n else 0.0,
                "sectors": list(A.nodes[cluster].get("sectors", [])),
            }
        )
    return rows


def parallel_initiatives(
    A: nx.Graph,
    G: nx.Graph | None = None,
    *,
    kinds: Collection[str] = ("cluster",),
    max_ties: int = 0,
) -> list[dict[str, Any]]:
    """Return pairs of clusters in the same sector that barely tie to each other.

    Two clusters are parallel initiatives when they share a sector (``sectors`` on their nodes)
    and, where both state a ``country``, the same one; and at most ``max_ties`` ties of ``G``
    (default: none) join a member of one to a member of the other that is not in both. Each pair
    comes with its evidence: the shared sectors, the Jaccard overlap of their members, the members
    they share and the ties between them; the most overlapping first.

    Examples
    --------
    >>> A = nx.Graph()
    >>> for c in ("c1", "c2"):
    ...     A.add_node(c, bipartite=1, kind="cluster", sectors=["sectorHealth"], country="HU")
    >>> A.add_edges_from([("a", "c1"), ("b", "c1"), ("b", "c2"), ("d", "c2")])
    >>> [(p["first"], p["second"], round(p["jaccard"], 3)) for p in parallel_initiatives(A)]
    [('c1', 'c2', 0.333)]
    """
    G = G if G is not None else nx.Graph()
    clusters = _collaborations(A, kinds)
    found = []
    for first, second in itertools.combinations(clusters, 2):
        a, b = A.nodes[first], A.nodes[second]
        sectors = sorted(set(a.get("sectors", [])) & set(b.get("sectors", [])))
        if not sectors:
            continue
        if a.get("country") and b.get("country") and a["country"] != b["country"]:
            continue
        one, two = set(A[first]), set(A[second])
        shared = one & two
        ties = sum(
            1 for u in one - shared for v in two - shared if G.has_edge(u, v) or G.has_edge(v, u)
        )
        if ties > max_ties:
            continue
        union = one | two
        found.append(
            {
                "first": first,
                "second": second,
                "sectors": sectors,
                "jaccard": len(shared) / len(union) if union else 0.0,
                "shared_members": sorted(shared, key=str),
                "ties_between": ties,
            }
        )
    return sorted(found, key=lambda p: (-p["jaccard"], str(p["first"]), str(p["second"])))
