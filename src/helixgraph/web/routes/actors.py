"""``/api/actors``: the ecosystem's actors, filtered and paginated; one actor in full."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from helixgraph.network.records import actor_detail, actor_iri, actors_page, collaboration_iri
from helixgraph.report.actor_metrics import actor_metrics
from helixgraph.report.worker import computed
from helixgraph.web.deps import KG, SettingsDep
from helixgraph.web.schemas import ActorFullPublic, ActorsPublic, Helix

router = APIRouter(prefix="/api/actors", tags=["actors"])


@router.get("", response_model=ActorsPublic)
def list_actors(
    kg: KG,
    settings: SettingsDep,
    helix: Helix | None = None,
    country: Annotated[str | None, Query(pattern="^[A-Za-z]{2}$")] = None,
    q: Annotated[str | None, Query(max_length=200, description="text in the name")] = None,
    cluster: Annotated[str | None, Query(description="members of this cluster (id or IRI)")] = None,
    project: Annotated[str | None, Query(description="members of this project (id or IRI)")] = None,
    skip: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> dict[str, object]:
    """Actors sorted by name; filter by helix (any of theirs), country, text in the name and
    membership of a cluster or project."""
    if cluster and project:
        raise HTTPException(422, detail="filter by cluster or by project, not both")
    collaboration = (
        collaboration_iri(cluster, "cluster")
        if cluster
        else collaboration_iri(project, "project")
        if project
        else None
    )
    filters = {"helix": helix, "country": country, "text": q, "collaboration": collaboration}
    if collaboration is None:  # the search box: from the names kept here, at once
        return actors_page(kg, skip, limit, **filters)
    # a collaboration's members: the memberships of the whole store, read in the analysis worker
    page: dict[str, object] = computed(
        kg, actors_page, skip, limit, **filters, deadline=settings.analysis_timeout
    )
    return page


@router.get("/{actor_id:path}", response_model=ActorFullPublic)
def read_actor(kg: KG, settings: SettingsDep, actor_id: str) -> dict[str, object]:
    """One actor with its memberships, ties, roles, services and network metrics."""
    detail = actor_detail(kg, actor_iri(actor_id))
    if detail is None:
        raise HTTPException(status_code=404, detail=f"no actor with id {actor_id!r}")
    # its place in the whole network: counted in the analysis worker, beside its views
    place = computed(kg, actor_metrics, detail["iri"], deadline=settings.analysis_timeout)
    detail["metrics"] = {**place, **detail["metrics"]}
    return detail
