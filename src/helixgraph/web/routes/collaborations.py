"""``/api/clusters`` and ``/api/projects``: the collaborations, largest first; one in full."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Query

from helixgraph.network.records import collaboration_detail, collaboration_iri, collaborations_page
from helixgraph.report.worker import computed
from helixgraph.web.deps import KG, SettingsDep
from helixgraph.web.schemas import CollaborationDetailPublic, CollaborationsPublic, Helix

router = APIRouter(prefix="/api", tags=["clusters and projects"])


# read in the analysis worker, from its store-wide views (the memberships of the whole store
# stay out of the server's memory)


def _one(
    kg: KG, settings: SettingsDep, kind: Literal["cluster", "project"], identifier: str
) -> dict[str, object]:
    iri = collaboration_iri(identifier, kind)
    detail: dict[str, object] | None = computed(
        kg, collaboration_detail, iri, kind, deadline=settings.analysis_timeout
    )
    if detail is None:
        raise HTTPException(404, detail=f"no {kind} with id {identifier!r}")
    return detail


Text = Annotated[str | None, Query(max_length=200, description="text in the name")]
Sector = Annotated[
    str | None, Query(max_length=100, description="a sector's local name, e.g. sectorHealth")
]
HelixAmong = Annotated[Helix | None, Query(description="with a member of this helix")]


@dataclass(frozen=True)
class Listing:
    """Which collaborations a listing asks for, and which page of them."""

    q: str | None
    sector: str | None
    helix: Helix | None
    skip: int
    limit: int

    def of(
        self, kg: KG, settings: SettingsDep, kind: Literal["cluster", "project"]
    ) -> dict[str, object]:
        filters = {"text": self.q, "sector": self.sector, "helix": self.helix}
        page: dict[str, object] = computed(
            kg, collaborations_page, kind, self.skip, self.limit, **filters,
            deadline=settings.analysis_timeout,
        )  # fmt: skip
        return page


def _listing(
    q: Text = None,
    sector: Sector = None,
    helix: HelixAmong = None,
    skip: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> Listing:
    return Listing(q, sector, helix, skip, limit)


Asked = Annotated[Listing, Depends(_listing)]


@router.get("/clusters", response_model=CollaborationsPublic)
def list_clusters(kg: KG, settings: SettingsDep, asked: Asked) -> dict[str, object]:
    """Clusters, most members first, with the helices among their members and those missing."""
    return asked.of(kg, settings, "cluster")


@router.get("/clusters/{cluster_id:path}", response_model=CollaborationDetailPublic)
def read_cluster(kg: KG, settings: SettingsDep, cluster_id: str) -> dict[str, object]:
    """One cluster with its members, their helices and roles."""
    return _one(kg, settings, "cluster", cluster_id)


@router.get("/projects", response_model=CollaborationsPublic)
def list_projects(kg: KG, settings: SettingsDep, asked: Asked) -> dict[str, object]:
    """Projects, most participants first."""
    return asked.of(kg, settings, "project")


@router.get("/projects/{project_id:path}", response_model=CollaborationDetailPublic)
def read_project(kg: KG, settings: SettingsDep, project_id: str) -> dict[str, object]:
    """One project with its participants, their helices and roles."""
    return _one(kg, settings, "project", project_id)
