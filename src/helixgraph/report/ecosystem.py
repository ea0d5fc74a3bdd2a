"""Assemble analyses of a knowledge graph: derive the views, call the pure functions."""

from __future__ import annotations

import copy
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from helixgraph.analysis.summary import component_sizes, helix_counts
from helixgraph.errors import AnalysisBusyError, InputError
from helixgraph.network import views
from helixgraph.network.census import census
from helixgraph.network.scope import Scope, Through, yearly
from helixgraph.report.precision import Precision
from helixgraph.report.worker import worker_for
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
    examples = views.all_actor_attributes(kg).keys() - views.actor_attributes(kg).keys()
    return {
        "actors": {
            "total": N.number_of_nodes(),
            "by_helix": helix_counts(N),
            "in_several_helices": multi,
            "examples": len(examples),  # hx:illustrative: in the store, in no figure
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


_COMPUTING = threading.Lock()


@dataclass(frozen=True)
class ReportKey:
    """Under what :meth:`KnowledgeGraph.memo` keeps a report: its arguments (the defaults are
    :func:`ecosystem_report`'s, so others can look for the default report of a window)."""

    scope: Scope = field(default_factory=Scope)
    through: Through = "scope"
    top: int = 10
    seed: int = 1
    precision: Precision = field(default_factory=Precision)


@dataclass(frozen=True)
class _FragmentationByYearKey:
    last: int
    scope: Scope


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
) -> dict[str, Any]:
    """Everything the analysis layer says about the ecosystem, as JSON-ready values.

    ``scope`` says which part of the store (:class:`Scope`; ``years`` is a shorthand for its
    years), ``through`` whether paths may pass through actors outside it. Headline figures,
    the fragmentation both ways, helices and their mixing, synergy, the most central actors,
    brokers and key players, recommendations, cluster diagnostics, parallel initiatives,
    communities against declared clusters, the scope year by year, and the findings a cluster
    manager should look at first, by name. ``methods`` says, for every
    estimated figure, how it was estimated and how precise it is. Kept until the store changes:
    asking again costs a copy. One report is computed at a time; with ``wait`` seconds given, a
    caller that waits longer for another one's computation gets :class:`AnalysisBusyError`.
    With a ``deadline`` (seconds), a report of a store on disk is built in a worker process
    killed past it (:mod:`helixgraph.report.worker`: :class:`QueryTimeoutError`).

    >>> report = ecosystem_report(KnowledgeGraph.in_memory(default_data=False))
    >>> report["headline"]["nodes"], report["findings"]
    (0, ['The store holds no actors yet: import a source first.'])
    """
    global _being_computed
    precision = precision or Precision.from_settings()
    scope = (scope or Scope()).with_years(years) if years else scope or Scope()
    key = ReportKey(scope, through, top, seed, precision)
    report = kg.kept(key)
    if report is not None:  # kept: no need to wait for another computation
        return copy.deepcopy(report)
    # one report at a time: a second asker waits for the first one's answer, and for its own
    # report (the start-up warm-up computes the default one) as long as that takes
    with computing_lock(None if _being_computed == key else wait):
        _being_computed = key
        try:
            worker = worker_for(kg) if deadline is not None else None
            if worker is not None and deadline is not None:
                report = kg.memo(key, lambda: worker.report(kg, key, deadline), scope=scope)
            else:
                report = kg.memo(key, lambda: _report(kg, key), scope=scope)
            return copy.deepcopy(report)
        finally:
            _being_computed = None


def _report(kg: KnowledgeGraph, key: ReportKey) -> dict[str, Any]:
    from helixgraph.report.parts import build_report

    return build_report(kg, key.scope, key.through, key.top, key.seed, key.precision)


@contextmanager
def computing_lock(wait: float | None) -> Iterator[None]:
    """Hold the one-computation-at-a-time lock; :class:`AnalysisBusyError` after ``wait``
    seconds (None: wait as long as it takes)."""
    if not _COMPUTING.acquire(timeout=-1 if wait is None else wait):
        raise AnalysisBusyError(
            f"another analysis has been computing for over {wait:g} s; ask again shortly"
        )
    try:
        yield
    finally:
        _COMPUTING.release()


def computing() -> bool:
    """Whether a report (or the fragmentation by year) is being computed right now."""
    return _COMPUTING.locked()


def scope_by_year(kg: KnowledgeGraph, scope: Scope) -> list[dict[str, Any]]:
    """The report's year-by-year table of ``scope``: its years (at most the last 15), or the
    store's last 15 years with activity, kept as :func:`fragmentation_by_year` keeps them."""
    if scope.years:
        first, last = scope.years
        return yearly(kg, scope, list(range(max(first, last - 14), last + 1)))
    rows: list[dict[str, Any]] = kg.memo(
        _FragmentationByYearKey(15, scope), lambda: _fragmentation_by_year(kg, 15, scope)
    )
    return rows


def activity_years(kg: KnowledgeGraph) -> tuple[int, int] | None:
    """The first and last year any membership or collaboration is dated, or None; kept until
    the store changes.

    >>> activity_years(KnowledgeGraph.in_memory(default_data=False)) is None
    True
    """
    span: tuple[int, int] | None = kg.memo(_ActivityYearsKey(), lambda: _activity_years(kg))
    return span


def within_activity(kg: KnowledgeGraph, years: tuple[int, int]) -> tuple[int, int]:
    """``years`` cut to the years the data holds activity in (``1-3000`` and ``2014-2024`` are
    one window); :class:`InputError` for a window with no activity at all. What the pages and
    the command line both do with a window of years.

    >>> within_activity(KnowledgeGraph.in_memory(), (1900, 2016))[1]
    2016
    """
    span = activity_years(kg) or years
    first, last = max(years[0], span[0]), min(years[1], span[1])
    if first > last:
        window = f"{years[0]}" if years[0] == years[1] else f"{years[0]}-{years[1]}"
        raise InputError(f"{window!r}: the data has activity in {span[0]}-{span[1]} only")
    return first, last


@dataclass(frozen=True)
class _ActivityYearsKey:
    pass


def _activity_years(kg: KnowledgeGraph) -> tuple[int, int] | None:
    years = [
        int(row["o"][:4])
        for row in kg.select(
            "SELECT DISTINCT ?o WHERE { { ?i time:inXSDDate ?o } UNION { ?i time:inXSDgYear ?o } }"
        )
        if row["o"][:4].isdigit()
    ]
    return (min(years), max(years)) if years else None


def fragmentation_by_year(
    kg: KnowledgeGraph, *, last: int = 15, scope: Scope | None = None
) -> list[dict[str, Any]]:
    """The scope (default: the whole store) year by year, at most the ``last`` years with dated
    activity: the actors active that year (in a collaboration running in it), the parts they
    fall into, Borgatti's F among them and the synergy of their collaborations; the same
    semantics as ``--years``. Kept until the store changes.
    """
    scope = (scope or Scope()).with_years(None)
    with _COMPUTING:
        found = kg.memo(
            _FragmentationByYearKey(last, scope), lambda: _fragmentation_by_year(kg, last, scope)
        )
        return list(found)


def _fragmentation_by_year(kg: KnowledgeGraph, last: int, scope: Scope) -> list[dict[str, Any]]:
    span = activity_years(kg)
    if span is None:
        return []
    return [
        {**row, "active_actors": row["actors"]}
        for row in yearly(kg, scope, list(range(max(span[0], span[1] - last + 1), span[1] + 1)))
    ]
