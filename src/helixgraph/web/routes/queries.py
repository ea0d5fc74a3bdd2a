"""``/api/queries``: the catalogue of named queries (``api/queries/*.rq``), and running one.

Parameters come as query-string values, are checked against their declared type (422 when
wrong) and are bound by SPARQL substitution, never pasted into the text. A named query runs
like any other: in a worker process, within the deadline, with content negotiation.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from helixgraph.sparql.catalogue import bind, named_queries, named_query
from helixgraph.sparql.evaluation import QueryRequest
from helixgraph.web.deps import SettingsDep, run_counted
from helixgraph.web.routes.sparql import answer_response
from helixgraph.web.schemas import NamedQueriesPublic, NamedQueryPublic

router = APIRouter(prefix="/api/queries", tags=["named queries"])


def _public(name: str) -> dict[str, Any]:
    query = named_query(name)
    if query is None:
        raise HTTPException(404, detail=f"no named query {name!r}")
    return {
        "name": query.name,
        "title": query.title,
        "description": query.description,
        "parameters": [vars(p) for p in query.parameters],
        "sparql": query.sparql,
    }


@router.get("", response_model=NamedQueriesPublic)
def list_queries() -> dict[str, object]:
    """Every named query with its title, description, parameters and text."""
    data = [_public(q.name) for q in named_queries()]
    return {"data": data, "count": len(data)}


@router.get("/{name}/describe", response_model=NamedQueryPublic)
def describe_query(name: str) -> dict[str, Any]:
    """One named query's title, description, parameters and text, without running it."""
    return _public(name)


@router.get(
    "/{name}",
    response_class=Response,
    responses={200: {"description": "SPARQL results (JSON, XML, CSV or TSV by Accept)"}},
)
async def run_query(name: str, request: Request, settings: SettingsDep) -> Response:
    """Run a named query with its parameters from the query string (defaults where missing)."""
    query = named_query(name)
    if query is None:
        raise HTTPException(404, detail=f"no named query {name!r}")
    params = request.query_params
    known = {p.name for p in query.parameters} | {"format"}
    unknown = sorted(set(params) - known)
    if unknown:
        raise HTTPException(422, detail=f"{unknown[0]}: not a parameter of {name!r}")
    wanted = QueryRequest(
        sparql=query.sparql,
        accept=request.headers.get("accept"),
        format=params.get("format"),
        substitutions=bind(query, params),
        max_rows=settings.max_rows,
        formula_safe=True,  # opened in spreadsheets; /sparql's text/csv gives the raw values
    )
    return answer_response(await run_counted(request, wanted))
