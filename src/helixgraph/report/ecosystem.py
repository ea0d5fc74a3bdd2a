"""Assemble analyses of a knowledge graph: derive the views, call the pure functions."""

from __future__ import annotations

from collections import Counter
from typing import Any

from helixgraph.analysis.summary import count_helices
from helixgraph.network import views
from helixgraph.network.census import census
from helixgraph.network.records import collaboration_members
from helixgraph.network.scope import Scope, Through
from helixgraph.report.actor_metrics import part_sizes
from helixgraph.report.computing import computing_lock
from helixgraph.report.key import ReportKey
from helixgraph.report.model import EcosystemReport
from helixgraph.report.parts import report_of
from helixgraph.report.precision import Precision
from helixgraph.report.worker import worker_for
from helixgraph.settings import read_settings
from helixgraph.store import KnowledgeGraph


def ecosystem_stats(kg: KnowledgeGraph) -> dict[str, Any]:
    """Headline figures of the ecosystem in the store, as plain JSON-ready values.

    >>> stats = ecosystem_stats(KnowledgeGraph.in_memory())
    >>> seed = stats["by_graph"]["https://w3id.org/helixgraph/graph/seed-ecosystem"]
    >>> seed["actors"], seed["collaborations_by_kind"]
    (23, {'cluster': 2, 'project': 1})
    """
    # from the store-wide views every scope starts from, not the graphs of every membership
    # and every shared collaboration (on all of Horizon 2020 a million edges: 13 s, 650 MB)
    actors = views.actor_attributes(kg)
    kinds = Counter(c["kind"] for c in views.collaboration_attributes(kg).values())
    members = collaboration_members(kg)
    R = views.relation_graph(kg)
    sizes = part_sizes(kg)  # kept: an actor's record reads the same parts
    # a symmetric tie (collaboratesWith) is one tie drawn as two arcs
    ties = Counter(
        key for _, _, key, sym in R.edges(keys=True, data="symmetric") for _ in range(2 - sym)
    )
    multi = sum(1 for a in actors.values() if len(a["helices"]) > 1)
    examples = views.all_actor_attributes(kg).keys() - actors.keys()
    return {
        "actors": {
            "total": len(actors),
            "by_helix": count_helices(a["helix"] for a in actors.values()),
            "in_several_helices": multi,
            "examples": len(examples),  # hx:illustrative: in the store, in no figure
        },
        "collaborations": {"total": sum(kinds.values()), "by_kind": dict(sorted(kinds.items()))},
        "memberships": sum(len(them) for them in members.values()),
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


#: The key of the report being computed under _COMPUTING, if any.
_being_computed: ReportKey | None = None


def ecosystem_report(
    kg: KnowledgeGraph,
    *,
    scope: Scope | None = None,
    years: tuple[int, int] | None = None,
    through: Through = "scope",
    top: int = 10,
    seed: int = 1,
    precision: Precision | None = None,
    wait: float | None = None,
    deadline: float | None = None,
) -> EcosystemReport:
    """Everything the analysis layer says about the ecosystem (:class:`EcosystemReport`).

    ``scope`` says which part of the store (:class:`Scope`; ``years`` is a shorthand for its
    years), ``through`` whether paths may pass through actors outside it. Headline figures,
    the fragmentation both ways, helices and their mixing, synergy, the most central actors,
    brokers and key players, recommendations, cluster diagnostics, parallel initiatives,
    communities against declared clusters, the scope year by year, and the findings a cluster
    manager should look at first, by name. ``methods`` says, for every estimated figure, how
    it was estimated and how precise it is; ``model_dump(exclude_unset=True)`` gives the JSON's
    values. Kept until the store changes: asking again costs a copy. One report is computed at
    a time; with ``wait`` seconds given, a caller that waits longer for another one's
    computation gets :class:`AnalysisBusyError`.
    With a ``deadline`` (seconds), a report of a store on disk is built in a worker process
    killed past it (:mod:`helixgraph.report.worker`: :class:`AnalysisTimeoutError`), which
    waits only for the worker's other requests, never for the server's start-up warm-up (the
    home report, computed in the server; asked for while it computes, it is waited for). Without a
    ``precision``, the ``HELIX_*`` settings' (the web app hands down its own).

    >>> report = ecosystem_report(KnowledgeGraph.in_memory(default_data=False))
    >>> report.headline.nodes, report.findings
    (0, ['The store holds no actors yet: import a source first.'])
    """
    global _being_computed
    precision = precision or Precision.from_settings(read_settings())
    scope = (scope or Scope()).with_years(years) if years else scope or Scope()
    key = ReportKey(scope, through, top, seed, precision)
    report: EcosystemReport | None = kg.kept(key)
    if report is not None:  # kept: no need to wait for another computation
        return report.model_copy(deep=True)
    worker = worker_for(kg) if deadline is not None else None
    if worker is not None and deadline is not None and _being_computed != key:
        # in the analysis worker, a process of its own: it waits for none of the server's own
        # computations (the start-up warm-up's), only for another request's in the worker
        report = kg.memo(key, lambda: worker.report(kg, key, deadline, wait), scope=scope)
        return report.model_copy(deep=True)
    # one report at a time in the server: a second asker waits for the first one's answer,
    # and for its own report (the start-up warm-up computes the home one) as long as that takes
    with computing_lock(None if _being_computed == key else wait):
        _being_computed = key
        try:
            if worker is not None and deadline is not None:
                report = kg.memo(key, lambda: worker.report(kg, key, deadline), scope=scope)
            else:
                report = report_of(kg, key)
            return report.model_copy(deep=True)
        finally:
            _being_computed = None
