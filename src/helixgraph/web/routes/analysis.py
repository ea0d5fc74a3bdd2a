"""``/api/analysis``: the ecosystem report, whole or by part, and what-if scenarios.

The report is computed once per state of the store (seconds on the Hungarian ecosystem) and
served from memory afterwards; ``methods`` says how each estimated figure was estimated.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from helixgraph.analysis.whatif import headline, what_if
from helixgraph.errors import QueryBusyError
from helixgraph.network import views
from helixgraph.network.records import actor_iri
from helixgraph.report.ecosystem import ecosystem_report
from helixgraph.report.model import PARTS, EcosystemReport, Part, ReportPart
from helixgraph.web.deps import KG, SettingsDep, YearsDep
from helixgraph.web.schemas import WhatIfRequest

router = APIRouter(prefix="/api/analysis", tags=["analysis"])

Top = Annotated[int, Query(ge=1, le=100, description="how many actors each ranking lists")]


@router.get("/report", response_model=EcosystemReport)
def read_report(kg: KG, years: YearsDep, settings: SettingsDep, top: Top = 10) -> dict[str, Any]:
    """The whole ecosystem report: headline figures, helices, synergy, centralities, brokers,
    key players, clusters, parallel initiatives, communities, recommendations and findings."""
    return ecosystem_report(kg, years=years, top=top, wait=settings.query_timeout)


@router.get("/{part}", response_model=ReportPart, response_model_exclude_unset=True)
def read_report_part(
    kg: KG, part: Part, years: YearsDep, settings: SettingsDep, top: Top = 10
) -> dict[str, Any]:
    """One part of the report, with the methods behind it."""
    report = ecosystem_report(kg, years=years, top=top, wait=settings.query_timeout)
    data = {key: report.get(key) for key in PARTS[part]}
    return {"part": part, "scope": report["scope"], "data": data, "methods": report["methods"]}


#: A scenario recomputes every headline figure (seconds to tens of seconds): one at a time.
_WHAT_IF = threading.Lock()


@router.post("/what-if")
def post_what_if(kg: KG, scenario: WhatIfRequest, years: YearsDep) -> dict[str, Any]:
    """Every headline figure before and after: actors leaving, new ties, actors merging.
    One scenario is computed at a time; another asked meanwhile gets 503 and Retry-After."""
    if not (scenario.remove or scenario.add or scenario.merge):
        raise HTTPException(422, detail="say what changes: remove, add or merge")
    if not _WHAT_IF.acquire(blocking=False):
        raise QueryBusyError("another what-if scenario is being computed; ask again shortly")
    try:
        return _what_if(kg, scenario, years)
    finally:
        _WHAT_IF.release()


def _what_if(kg: KG, scenario: WhatIfRequest, years: tuple[int, int] | None) -> dict[str, Any]:
    N = views.actor_network(kg, years=years)

    def node(identifier: str) -> str:
        iri = actor_iri(identifier)
        if iri not in N:
            raise HTTPException(422, detail=f"{identifier!r}: no such actor in the network")
        return iri

    remove = [node(a) for a in scenario.remove]  # unknown actors refused before any work
    add = [(node(a), node(b)) for a, b in scenario.add]
    merge = [[node(a) for a in group] for group in scenario.merge]
    before = kg.memo(_HeadlineKey(years), lambda: headline(N), scope=years)
    return what_if(N, before=before, remove=remove, add=add, merge=merge)


@dataclass(frozen=True)
class _HeadlineKey:
    """The actor network's headline figures for a window: what every what-if starts from."""

    years: tuple[int, int] | None
