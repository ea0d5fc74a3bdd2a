"""``/api/helices`` and ``/api/graph``: the helices, and the nodes and edges of a view."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from helixgraph.network import views
from helixgraph.network.records import helices_overview
from helixgraph.network.registry import VIEWS, ViewName
from helixgraph.web.deps import KG, YearsDep
from helixgraph.web.schemas import GraphPublic, HelicesPublic, Helix

router = APIRouter(prefix="/api", tags=["ecosystem"])


@router.get("/helices", response_model=HelicesPublic)
def list_helices(kg: KG) -> dict[str, object]:
    """The four helices: labels by language, definition, and their actors."""
    data = helices_overview(kg)
    return {"data": data, "count": len(data)}


@router.get("/graph", response_model=GraphPublic)
def read_graph(
    kg: KG,
    years: YearsDep,
    view: Annotated[
        ViewName,
        Query(description="; ".join(f"{name}: {item.description}" for name, item in VIEWS.items())),
    ] = ViewName.actors,
    helix: Annotated[Helix | None, Query(description="keep the actors of this helix")] = None,
    country: Annotated[str | None, Query(pattern="^[A-Za-z]{2}$")] = None,
    min_weight: Annotated[
        int, Query(ge=0, description="keep ties shared by at least this many collaborations")
    ] = 0,
    limit: Annotated[int, Query(ge=1, le=20000, description="at most this many nodes")] = 500,
) -> dict[str, object]:
    """Nodes and edges of a view, filtered; above ``limit`` nodes, the best-connected ones."""
    G = views.view(kg, view, years=years if VIEWS[view].dated else None)

    def kept(node: str, attrs: dict[str, Any]) -> bool:
        if attrs.get("kind", "actor") != "actor":
            return True  # collaborations stay; their members are filtered
        if helix and helix not in (attrs.get("helices") or []):
            return False
        return not country or str(attrs.get("country") or "").upper() == country.upper()

    H = G.subgraph([n for n, a in G.nodes(data=True) if kept(n, a)])
    if min_weight:
        H = H.edge_subgraph(
            [(u, v) for u, v, w in H.edges(data="weight", default=1) if (w or 0) >= min_weight]
        )
    total = {"nodes": H.number_of_nodes(), "edges": H.number_of_edges()}
    truncated = H.number_of_nodes() > limit
    if truncated:
        best = sorted(H.degree, key=lambda item: (-item[1], str(item[0])))[:limit]
        H = H.subgraph(n for n, _ in best)
    nodes = [
        {
            "id": node,
            "label": str(attrs.get("label") or node),
            "kind": str(attrs.get("kind") or "actor"),
            "helix": attrs.get("helix"),
            "degree": H.degree(node),
        }
        for node, attrs in H.nodes(data=True)
    ]
    edges = [
        {"source": u, "target": v, "weight": float(w if w is not None else 1)}
        for u, v, w in H.edges(data="weight")
    ]
    return {"view": view, "nodes": nodes, "edges": edges, "count": total, "truncated": truncated}
