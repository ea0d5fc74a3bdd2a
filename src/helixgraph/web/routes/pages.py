"""Pages for people: ``/`` (the ecosystem at a glance) and ``/viz`` (the interactive graph)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from helixgraph import views
from helixgraph.analysis.report import ecosystem_stats
from helixgraph.viz import HELIX_COLOURS, largest_part, network_data, script_json
from helixgraph.web.deps import KG, templates

router = APIRouter(tags=["pages"], include_in_schema=False)

View = Literal["affiliation", "collaboration", "relation"]
#: More nodes than this and the page shows the best-connected ones, and says so.
MAX_NODES = 500
MAX_EDGES = 3000
VIEW_NAMES = {
    "affiliation": "actors and the clusters and projects they belong to",
    "collaboration": "actors linked when they share a collaboration",
    "relation": "direct ties: funding, collaboration, services",
}


@router.get("/", response_class=HTMLResponse)
def home(request: Request, kg: KG) -> HTMLResponse:
    """The ecosystem at a glance: actors per helix, collaborations, ties, components."""
    # computed once per state of the store: the views and the census cost seconds on big stores
    stats = kg.cache.get(("page", "stats"))
    if stats is None:
        stats = kg.cache[("page", "stats")] = ecosystem_stats(kg)
    return templates.TemplateResponse(
        request, "index.html", {"title": "helixgraph", "stats": stats, "colours": HELIX_COLOURS}
    )


@router.get("/viz", response_class=HTMLResponse)
def viz(
    request: Request,
    kg: KG,
    view: Annotated[View, Query(description="which network to draw")] = "affiliation",
) -> HTMLResponse:
    """The interactive graph, coloured by helix, laid out on the server."""
    key = ("page", "viz", view)
    if key not in kg.cache:  # the layout takes seconds on big views: once per state of the store
        graph = {
            "affiliation": views.affiliation_graph,
            "collaboration": views.collaboration_graph,
            "relation": views.relation_graph,
        }[view](kg)
        shown = largest_part(graph, MAX_NODES, MAX_EDGES)
        kg.cache[key] = {
            "data_json": script_json(network_data(shown)),
            "nodes": shown.number_of_nodes(),
            "edges": shown.number_of_edges(),
            "all_nodes": graph.number_of_nodes(),
            "all_edges": graph.number_of_edges(),
        }
    return templates.TemplateResponse(
        request,
        "viz.html",
        {
            "title": "helixgraph: the ecosystem graph",
            "view": view,
            "views": VIEW_NAMES,
            "colours": HELIX_COLOURS,
            **kg.cache[key],
        },
    )
