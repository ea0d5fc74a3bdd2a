"""The ecosystem report, one builder per part: each reads what the scope's network and the
parts built before it hold, and returns its typed piece (:mod:`helixgraph.report.model`).
``ALWAYS`` and ``WITH_ACTORS`` list them in order; ``report/ecosystem.py`` keeps, locks and
serves what they build.

Every builder says in ``methods`` how its figures were computed, and whether they are exact or
estimated (decided once, by :class:`Precision`).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field, replace
from typing import Any

import networkx as nx

from helixgraph.analysis.brokerage import brokerage_roles
from helixgraph.analysis.centrality import betweenness_error_bound
from helixgraph.analysis.clusters import cluster_diagnostics, parallel_initiatives
from helixgraph.analysis.compiled import CompiledGraph
from helixgraph.analysis.fragmentation import fragmentation
from helixgraph.analysis.keyplayers import search_key_players
from helixgraph.analysis.mixing import ei_index, group_ei_index, helix_mixing
from helixgraph.analysis.recommend import recommend_ties
from helixgraph.analysis.summary import component_sizes, helix_counts
from helixgraph.analysis.synergy import helix_synergy, normalized_mutual_information
from helixgraph.network import views
from helixgraph.network.scope import Scope, ScopedNetwork, Through, cluster_iri, scoped_network
from helixgraph.network.scope_slice import scope_slice, sliceable
from helixgraph.report.findings import findings
from helixgraph.report.key import ReportKey
from helixgraph.report.model import (
    Broker,
    Centrality,
    Cluster,
    Communities,
    EcosystemReport,
    Headline,
    KeyPlayerAlone,
    KeyPlayers,
    Mixing,
    ParallelInitiative,
    Ranked,
    Reach,
    ReachSide,
    Recommendation,
    ReportParts,
    ScopeSummary,
    Synergy,
    YearRow,
)
from helixgraph.report.precision import Precision
from helixgraph.report.reach import reach_through_all
from helixgraph.report.years import activity_years, scope_by_year
from helixgraph.store import KnowledgeGraph
from helixgraph.store.kept import key_of


@dataclass
class Build:
    """What every part of one report is computed from, and what parts hand on to later ones."""

    kg: KnowledgeGraph
    scope: Scope
    through: Through
    top: int
    seed: int
    precision: Precision
    net: ScopedNetwork
    N: nx.Graph
    A: nx.Graph
    C: CompiledGraph
    exact: bool
    methods: dict[str, str] = field(default_factory=dict)
    #: F, DF and parts among the scope's actors alone (the headline's, before ``through``)
    alone: ReachSide | None = None
    #: betweenness, shared by the centrality ranking and the key-player search
    central: dict[Any, float] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return int(self.N.number_of_nodes())

    def ranked(self, values: dict[Any, float]) -> list[Ranked]:
        """The ``top`` actors by ``values``, with their labels."""
        best = sorted(values.items(), key=lambda item: (-item[1], str(item[0])))[: self.top]
        return [Ranked(actor=a, label=self.N.nodes[a]["label"], value=v) for a, v in best]

    def label(self, actor: Hashable) -> str:
        return str(self.N.nodes[actor]["label"])


#: A part of the report: what the scope's network and the parts built so far say -> its piece
Builder = Callable[[Build, ReportParts], ReportParts]


def report_of(kg: KnowledgeGraph, key: ReportKey) -> EcosystemReport:
    """The report ``key`` names, built once and kept until the store changes."""
    report: EcosystemReport = kg.memo(
        key,
        lambda: build_report(
            read_from(kg, key.scope), key.scope, key.through, key.top, key.seed, key.precision
        ),
        scope=key.scope,
    )
    return report


def read_from(kg: KnowledgeGraph, scope: Scope) -> KnowledgeGraph:
    """Where ``scope``'s report reads: its sector's or its country's slice of ``kg``
    (:mod:`helixgraph.network.scope_slice`, told the years of activity of the whole store: the
    span its year-by-year rows cover) where it has one and the store-wide views are not built
    yet, else ``kg`` (once built, the views answer a scope faster than a slice is read)."""
    if not sliceable(scope) or kg.kept(key_of(views.dated_memberships, kg)) is not None:
        return kg
    part = scope_slice(kg, scope)
    if part is None:
        return kg
    part.seed([(key_of(activity_years, part), activity_years(kg))], part.generation)
    return part


def build_report(
    kg: KnowledgeGraph, scope: Scope, through: Through, top: int, seed: int, precision: Precision
) -> EcosystemReport:
    """The report of ``scope``: every builder in turn, then the findings."""
    net = scoped_network(kg, scope)
    N = net.actors
    n = N.number_of_nodes()
    build = Build(
        kg, scope, through, top, seed, precision, net, N, net.affiliation,
        CompiledGraph(N, weight="weight"), precision.exact(n),
    )  # fmt: skip
    # a cluster is named in words by its name (MediKlaszter), not the id it was given by
    cluster = scope.cluster and net.affiliation.nodes.get(cluster_iri(kg, scope.cluster), {})
    name = str(cluster["label"]) if cluster and cluster.get("label") else None
    summary = ScopeSummary(
        years=list(scope.years) if scope.years else None,
        filters=scope.filters,
        labels={"cluster": name} if name else {},
        description=replace(scope, cluster=name or scope.cluster).describe(),
        through=through,
        actors=n,
        exact=build.exact,
    )
    parts = ReportParts()
    # a scope without actors has its headline and a finding, nothing to rank
    for builder in ALWAYS + (WITH_ACTORS if n else ()):
        piece = builder(build, parts)
        for name in piece.model_fields_set:
            setattr(parts, name, getattr(piece, name))
    built = {name: getattr(parts, name) for name in parts.model_fields_set}
    report = EcosystemReport(scope=summary, methods=build.methods, findings=[], **built)
    report.findings = findings(report)
    return report


def headline(b: Build, report: ReportParts) -> ReportParts:
    """Actors, ties, parts, F and DF among the scope's actors."""
    n, samples = b.n, b.precision.fragmentation_samples
    sizes = component_sizes(b.N)
    df, df_error = b.C.estimate_distance_fragmentation(n if b.exact else samples, seed=b.seed)
    b.methods["distance_fragmentation"] = (
        "exact"
        if b.exact
        else f"estimated from {samples} random sources (seed {b.seed}); 95% interval "
        f"±{df_error:.4f}"
    )
    b.alone = ReachSide(
        fragmentation=fragmentation(b.N),
        distance_fragmentation=df,
        distance_fragmentation_error=df_error,
        parts=len(sizes),
        largest=sizes[0] if sizes else 0,
    )
    return ReportParts(
        headline=Headline(
            nodes=n,
            ties=b.N.number_of_edges(),
            components=len(sizes),
            largest_component_share=sizes[0] / n if n else 0.0,
            isolates=sizes.count(1),
            fragmentation=b.alone.fragmentation,
            distance_fragmentation=df,
            distance_fragmentation_error=df_error,
        )
    )


def reach(b: Build, report: ReportParts) -> ReportParts:
    """F and DF through the wider network beside those among the actors alone; with
    ``through="all"`` the headline follows the wider network."""
    n = b.n
    if not (b.scope.has_actor_filter and n and b.alone and report.headline):
        return ReportParts()
    samples = b.precision.fragmentation_samples
    every = n <= b.precision.reach_sources
    wider = reach_through_all(b.net, b.kg, samples=None if every else samples, seed=b.seed)
    b.methods["reach"] = (
        "through_all: paths may pass through any actor of an in-scope collaboration; F "
        "exact, distance fragmentation "
        + (
            "exact"
            if every
            else f"from {samples} random focal sources (seed {b.seed}), 95% interval "
            f"±{wider.distance_fragmentation_error:.4f}"
        )
    )
    found = ReportParts(reach=Reach(through_scope=b.alone, through_all=wider))
    if b.through == "all":
        found.headline = report.headline.model_copy(
            update={
                "components": wider.parts,
                "largest_component_share": wider.largest / n,
                "isolates": wider.isolates,
                "fragmentation": wider.fragmentation,
                "distance_fragmentation": wider.distance_fragmentation,
                "distance_fragmentation_error": wider.distance_fragmentation_error,
            }
        )
    return found


def helices(b: Build, report: ReportParts) -> ReportParts:
    return ReportParts(helices=helix_counts(b.N))


def mixing(b: Build, report: ReportParts) -> ReportParts:
    """Ties between helices, and the E-I indices."""
    return ReportParts(
        mixing=Mixing(**helix_mixing(b.N, "helix")),
        ei_index=ei_index(b.N, "helix"),
        group_ei_index={str(g): v for g, v in group_ei_index(b.N, "helix").items()},
    )


def synergy(b: Build, report: ReportParts) -> ReportParts:
    """Triple- and quadruple-helix synergy of the in-scope collaborations."""
    A = b.A
    collaborations = [
        {A.nodes[m]["helix"] for m in A[c]}
        for c, side in A.nodes(data="bipartite")
        if side == 1 and A.degree(c) > 0
    ]
    if not collaborations:
        return ReportParts(synergy=None)
    four = ("academia", "business", "government", "community")
    return ReportParts(
        synergy=Synergy(
            bits_3d=helix_synergy(collaborations),
            bits_4d=helix_synergy(collaborations, four),
            collaborations=len(collaborations),
        )
    )


def centrality(b: Build, report: ReportParts) -> ReportParts:
    """The most central actors by degree, betweenness, PageRank (and closeness when exact)."""
    samples = b.precision.betweenness_samples
    if b.exact:
        b.central = b.C.betweenness()
        b.methods["betweenness"] = "exact (igraph)"
    else:
        b.central = b.C.betweenness(samples, seed=b.seed)
        bound = betweenness_error_bound(b.n, samples)
        b.methods["betweenness"] = (
            f"estimated from {samples} random sources (Brandes-Pich, igraph, seed {b.seed}): "
            f"unbiased, every value within ±{bound:.4f} of the exact one with 95% probability "
            "(Hoeffding); top-50 overlap with the exact ranking 0.92 on the Hungarian "
            "ecosystem (make bench)"
        )
    found = Centrality(
        degree=b.ranked(nx.degree_centrality(b.N)),
        betweenness=b.ranked(b.central),
        pagerank=b.ranked(b.C.pagerank()),
    )
    if b.exact:
        found.closeness = b.ranked(b.C.closeness())
    return ReportParts(centrality=found)


def brokerage(b: Build, report: ReportParts) -> ReportParts:
    """Structural holes (constraint), Gould-Fernandez brokers and the ties worth building:
    exact only (quadratic in degree, and a distance matrix)."""
    if not b.exact:
        for part in ("closeness", "constraint", "brokerage", "recommendations"):
            b.methods[part] = f"left out above {b.precision.exact_limit} actors"
        return ReportParts()
    N = b.N
    brokers = sorted(brokerage_roles(N).items(), key=lambda i: (-i[1]["total"], str(i[0])))
    b.methods["recommendations"] = "greedy, exact distance fragmentation gain"
    return ReportParts(
        constraint=b.ranked({a: -c for a, c in nx.constraint(N).items() if c == c}),
        brokerage=[
            Broker(actor=str(a), label=b.label(a), **counts) for a, counts in brokers[: b.top]
        ],
        recommendations=_named_pairs(recommend_ties(N, n=min(b.top, 5), A=b.A), N, b.A),
    )


def key_players(b: Build, report: ReportParts) -> ReportParts:
    return ReportParts(key_players=_key_players(b))


def clusters(b: Build, report: ReportParts) -> ReportParts:
    """Each cluster's size, helices and density; clusters that work in parallel."""
    R = views.relation_graph(b.kg)
    return ReportParts(
        clusters=[Cluster(**row) for row in cluster_diagnostics(b.A, R)],
        parallel_initiatives=[ParallelInitiative(**row) for row in parallel_initiatives(b.A, R)],
    )


def communities(b: Build, report: ReportParts) -> ReportParts:
    """Louvain communities, and how far they follow the declared clusters (NMI)."""
    A, declared_clusters = b.A, report.clusters or []
    found_parts = b.C.louvain(b.seed)
    declared = {
        actor: cluster.cluster
        for cluster in declared_clusters
        for actor in A[cluster.cluster]
        if sum(1 for c in declared_clusters if actor in A[c.cluster]) == 1
    }
    found = {actor: i for i, part in enumerate(found_parts) for actor in part}
    b.methods["communities"] = f"Louvain (igraph, seed {b.seed}), weighted by shared collaborations"
    return ReportParts(
        communities=Communities(
            count=len(found_parts),
            modularity=b.C.modularity(found_parts),
            largest=max(len(c) for c in found_parts),
            nmi_with_declared_clusters=normalized_mutual_information(
                [declared[a] for a in declared], [found[a] for a in declared]
            )
            if len(set(declared.values())) > 1
            else None,
        )
    )


def by_year(b: Build, report: ReportParts) -> ReportParts:
    """The scope year by year, kept with the store's other per-year tables."""
    b.methods["by_year"] = (
        "each year alone, with this scope: the actors active that year (in an in-scope "
        "collaboration running in it), F among them, synergy of their collaborations"
    )
    return ReportParts(by_year=[YearRow(**row) for row in scope_by_year(b.kg, b.scope)])


#: The parts every report has, then those of a scope with actors, in the order they are built
#: (``reach`` reads the headline, ``key_players`` the betweenness, ``communities`` the clusters).
ALWAYS: tuple[Builder, ...] = (headline, reach, helices)
WITH_ACTORS: tuple[Builder, ...] = (
    mixing,
    synergy,
    centrality,
    brokerage,
    key_players,
    clusters,
    communities,
    by_year,
)


def _key_players(b: Build) -> KeyPlayers:
    """The key-player set and whether it matters: reported only when removing it changes
    distance fragmentation by more than the figure's own error (exact: any rise)."""
    N, C, central, exact = b.N, b.C, b.central, b.exact
    precision, seed, methods = b.precision, b.seed, b.methods

    n = N.number_of_nodes()
    k = min(3, n)
    if exact:
        order = sorted(central, key=lambda a: (-central[a], str(a)))
        found = search_key_players(N, k, seed=seed, budget=precision.key_player_budget, order=order)
        players, before, after, error = found.players, found.before, found.after, 0.0
        alone = found.alone
        searched = [
            f"every candidate set in {len(found.exhaustive_parts)} part(s)"
            if found.exhaustive_parts
            else "",
            f"Borgatti's greedy swaps in {len(found.swapped_parts)} larger part(s) "
            f"({found.starts} starts, seed {seed})"
            if found.swapped_parts
            else "",
        ]
        methods["key_players"] = (
            "distance fragmentation, exact; "
            + ", ".join(part for part in searched if part)
            + f"; {found.trials} sets scored"
            + (
                ""
                if found.complete
                else f"; stopped by the {precision.key_player_budget:g} s budget "
                "(HELIX_KEY_PLAYER_BUDGET)"
            )
        )
    else:
        samples = precision.fragmentation_samples
        players = tuple(sorted(central, key=lambda a: (-central[a], str(a)))[:k])
        before, e1 = C.estimate_distance_fragmentation(samples, seed=seed)
        after, e2 = C.estimate_distance_fragmentation(samples, seed=seed, without=set(players))
        error = (e1 * e1 + e2 * e2) ** 0.5
        alone = {}
        methods["key_players"] = (
            f"above {precision.exact_limit} actors: the {k} most between actors, distance "
            f"fragmentation without them estimated from {samples} random sources; a change "
            f"within ±{error:.4f} is no evidence"
        )
    change = after - before
    holds = change > error + 1e-12
    return KeyPlayers(
        actors=[str(p) for p in players] if holds else [],
        labels=[b.label(p) for p in players] if holds else [],
        tested=[b.label(p) for p in players],
        distance_fragmentation_before=before,
        distance_fragmentation_without_them=after,
        distance_fragmentation_change=change,
        error=error,
        holds_together=holds,
        alone=[
            KeyPlayerAlone(actor=str(p), label=b.label(p), distance_fragmentation_change=c)
            for p, c in sorted(alone.items(), key=lambda i: (-i[1], str(i[0])))
        ]
        if holds
        else [],
    )


def _named_pairs(found: list[dict[str, Any]], N: nx.Graph, A: nx.Graph) -> list[Recommendation]:
    """Recommendations with the labels of both ends (an actor, or a cluster for a partner)."""
    return [
        Recommendation(
            **row,
            labels=[
                (N.nodes[end] if end in N else A.nodes[end]).get("label") or end
                for end in row["tie"]
            ],
        )
        for row in found
    ]
