"""``/api/analysis``: the ecosystem report, whole or by part, and what-if scenarios.

The report is computed once per state of the store (seconds on the Hungarian ecosystem) and
served from memory afterwards; ``methods`` says how each estimated figure was estimated.
"""

from __future__ import annotations

import threading
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from helixgraph.analysis.whatif import what_if
from helixgraph.errors import InputError, QueryBusyError
from helixgraph.network import views
from helixgraph.network.records import actor_iri
from helixgraph.network.scope import Scope, Through, cluster_iri, scoped_network
from helixgraph.report.compare import compare_scopes
from helixgraph.report.ecosystem import ecosystem_report
from helixgraph.report.model import PARTS, EcosystemReport, Part, ReportPart, ScopeFigures
from helixgraph.report.precision import Precision
from helixgraph.report.worker import worker_for
from helixgraph.settings import Settings
from helixgraph.web.deps import KG, ScopeDep, SettingsDep, ThroughDep
from helixgraph.web.schemas import WhatIfRequest

router = APIRouter(prefix="/api/analysis", tags=["analysis"])

Top = Annotated[int, Query(ge=1, le=100, description="how many actors each ranking lists")]


@router.get("/report", response_model=EcosystemReport)
def read_report(
    kg: KG, scope: ScopeDep, settings: SettingsDep, through: ThroughDep = "scope", top: Top = 10
) -> EcosystemReport:
    """The ecosystem report of a scope (default: the whole store): headline figures, the
    fragmentation among the scope's actors and through outside partners, helices, synergy,
    centralities, brokers, key players, clusters, parallel initiatives, communities,
    recommendations, the scope year by year and findings by name."""
    return _report(kg, scope, settings, through, top)


@router.get("/compare", response_model=list[ScopeFigures])
def read_comparison(
    kg: KG,
    settings: SettingsDep,
    scope: Annotated[
        list[str], Query(description="a scope each, such as country=HU,sector=health")
    ],
    through: ThroughDep = "scope",
) -> list[dict[str, Any]]:
    """The headline figures of several scopes side by side (the first is the user's own)."""
    if not 1 <= len(scope) <= 10:
        raise HTTPException(422, detail="give between 1 and 10 scopes to compare")
    try:
        scopes = [Scope.parse(text) for text in scope]
    except InputError as error:
        raise HTTPException(422, detail=str(error)) from None
    precision = Precision.from_settings(settings)
    worker = worker_for(kg)
    if worker is not None:  # in the analysis worker: the server's own computing never blocks it
        rows: list[dict[str, Any]] = worker.call_on_store(
            kg, compare_scopes, scopes, through=through, precision=precision,
            deadline=settings.analysis_timeout,
        )  # fmt: skip
        return rows
    return compare_scopes(
        kg, scopes, through=through, wait=settings.query_timeout, precision=precision
    )


@router.get("/{part}", response_model=ReportPart, response_model_exclude_unset=True)
def read_report_part(
    kg: KG,
    part: Part,
    scope: ScopeDep,
    settings: SettingsDep,
    through: ThroughDep = "scope",
    top: Top = 10,
) -> dict[str, Any]:
    """One part of the report of a scope, with the methods behind it."""
    report = _report(kg, scope, settings, through, top)
    data = {key: getattr(report, key) for key in PARTS[part]}
    return {"part": part, "scope": report.scope, "data": data, "methods": report.methods}


def _report(
    kg: KG, scope: Scope, settings: Settings, through: Through, top: int
) -> EcosystemReport:
    """The report as the API serves it: one computation at a time (an asker waits at most the
    query deadline for another's), new scopes in the analysis worker."""
    return ecosystem_report(
        kg,
        scope=scope,
        through=through,
        top=top,
        wait=settings.query_timeout,
        deadline=settings.analysis_timeout,
        precision=Precision.from_settings(settings),
    )


#: A scenario recomputes every headline figure (seconds to tens of seconds): one at a time.
_WHAT_IF = threading.Lock()


@router.post("/what-if")
def post_what_if(
    kg: KG, scenario: WhatIfRequest, scope: ScopeDep, settings: SettingsDep
) -> dict[str, Any]:
    """Every headline figure of a scope's network before and after: actors leaving, new ties,
    actors merging. One scenario is computed at a time, in the store's analysis worker (stopped
    past HELIX_ANALYSIS_TIMEOUT: 503); another asked meanwhile gets 503 and Retry-After."""
    if not (scenario.remove or scenario.add or scenario.merge or scenario.join):
        raise HTTPException(422, detail="say what changes: remove, add, merge or join")
    if not _WHAT_IF.acquire(blocking=False):
        raise QueryBusyError("another what-if scenario is being computed; ask again shortly")
    try:
        return _what_if(kg, scenario, scope, settings.analysis_timeout)
    finally:
        _WHAT_IF.release()


def _what_if(kg: KG, scenario: WhatIfRequest, scope: Scope, deadline: float) -> dict[str, Any]:
    N = scoped_network(kg, scope).actors

    def node(identifier: str) -> str:
        iri = actor_iri(identifier)
        if iri in views.illustrative(kg):
            raise HTTPException(
                422, detail=f"{identifier!r} is an example (hx:illustrative): not in the analysis"
            )
        if iri not in N:
            raise HTTPException(422, detail=f"{identifier!r}: no such actor in the network")
        return iri

    _check_scenario(scenario)
    remove = [node(a) for a in scenario.remove]  # unknown actors refused before any work
    add = [(node(a), node(b)) for a, b in scenario.add]
    merge = [[node(a) for a in group] for group in scenario.merge]
    gone = set(remove)
    for first, second in scenario.join:  # merged clusters: their members all work together
        ours = [_members(kg, first, N), _members(kg, second, N)]
        add += [(u, v) for u in ours[0] for v in ours[1] if u != v and not {u, v} & gone]
    key = ("what-if headline", scope)  # every scenario on a scope starts from its figures
    before = kg.kept(key)
    worker = worker_for(kg)
    try:
        if worker is not None:
            result: dict[str, Any] = worker.call(
                kg, what_if, N, before=before, remove=remove, add=add, merge=merge,
                deadline=deadline,
            )  # fmt: skip
        else:  # a store in memory or a remote one: no worker of its own
            result = what_if(N, before=before, remove=remove, add=add, merge=merge)
    except ValueError as error:  # what the checks above let through: still the request's
        raise HTTPException(422, detail=str(error)) from None
    kg.memo(key, lambda: result["before"], scope=scope)  # every scenario on it starts there
    return result


def _check_scenario(scenario: WhatIfRequest) -> None:
    """Refuse a scenario that contradicts itself (422), in the words it was asked in."""
    removed = set(scenario.remove)
    for a, b in scenario.add:
        if a == b:
            raise HTTPException(422, detail=f"add: a tie needs two actors, not {a!r} twice")
        for actor in (a, b):
            if actor in removed:
                raise HTTPException(422, detail=f"add: {actor!r} is removed in this scenario")
    merged: set[str] = set()
    for group in scenario.merge:
        if len(group) < 2:
            raise HTTPException(422, detail="merge: each group names two actors or more")
        for actor in group:
            if actor in removed:
                raise HTTPException(422, detail=f"merge: {actor!r} is removed in this scenario")
            if actor in merged:
                raise HTTPException(422, detail=f"merge: {actor!r} is named twice")
            merged.add(actor)


def _members(kg: KG, cluster: str, N: Any) -> list[str]:
    """The members of ``cluster`` (id, IRI or label) in the scope's network."""
    try:
        iri = cluster_iri(kg, cluster)
    except InputError as error:
        raise HTTPException(422, detail=str(error)) from None
    A = views.affiliation_graph(kg)
    return sorted(m for m in A[iri] if m in N)
