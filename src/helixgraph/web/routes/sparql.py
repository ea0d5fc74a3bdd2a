"""``/sparql``: the SPARQL 1.1 Protocol, read-only, on Oxigraph's engine.

GET ``query=``, POST form-encoded ``query=`` or POST ``application/sparql-query``. SELECT and ASK
answer SPARQL JSON; CONSTRUCT and DESCRIBE answer Turtle or N-Triples, by the Accept header.
``SERVICE`` and updates are refused before evaluation. SELECT answers stop at
``HELIX_MAX_ROWS`` rows; the header ``Helix-Results-Truncated: true`` says when they did.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs

import pyoxigraph as ox
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from helixgraph.sparql import check_query
from helixgraph.store import KnowledgeGraph, Term
from helixgraph.web.deps import KG, SettingsDep, templates

router = APIRouter(tags=["sparql"])

SPARQL_JSON = "application/sparql-results+json"
GRAPH_TYPES = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES}
MAX_QUERY_BYTES = 1_000_000


@router.get("/sparql", response_model=None)
def sparql_get(
    request: Request, kg: KG, settings: SettingsDep, query: str | None = None
) -> Response:
    """Run ``query``; with no query, a query page for a browser or a service description."""
    if query is None:
        if "text/html" in request.headers.get("accept", ""):
            return templates.TemplateResponse(request, "sparql.html", {"title": "SPARQL"})
        return _service_description(request)
    return _answer(request, kg, query, settings.max_rows)


@router.post("/sparql", response_model=None)
async def sparql_post(request: Request, kg: KG, settings: SettingsDep) -> Response:
    """Run a query sent as a form (``query=``) or as ``application/sparql-query``."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await request.body()
    if len(body) > MAX_QUERY_BYTES:
        raise HTTPException(413, detail=f"request body over {MAX_QUERY_BYTES} bytes")
    if content_type == "application/sparql-query":
        query = body.decode("utf-8", errors="replace")
    elif content_type == "application/x-www-form-urlencoded":
        form = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
        if "update" in form:
            raise HTTPException(403, detail="updates are not accepted: the endpoint is read-only")
        if len(form.get("query", [])) != 1:
            raise HTTPException(400, detail="send exactly one query=… in the form")
        query = form["query"][0]
    elif content_type == "application/sparql-update":
        raise HTTPException(403, detail="updates are not accepted: the endpoint is read-only")
    else:
        raise HTTPException(
            415,
            detail="send application/sparql-query or application/x-www-form-urlencoded",
        )
    from starlette.concurrency import run_in_threadpool

    # evaluation is CPU-bound: keep it off the event loop
    return await run_in_threadpool(_answer, request, kg, query, settings.max_rows)


def _answer(request: Request, kg: KnowledgeGraph, query: str, max_rows: int) -> Response:
    check_query(query)
    result = kg.query(query)
    accept = request.headers.get("accept", "*/*")
    if isinstance(result, ox.QueryBoolean):
        return Response(json.dumps({"head": {}, "boolean": bool(result)}), media_type=SPARQL_JSON)
    if isinstance(result, ox.QuerySolutions):
        return _solutions(result, max_rows)
    media = _pick(accept, list(GRAPH_TYPES))
    if media is None:
        raise HTTPException(
            406, detail="graph results come as text/turtle or application/n-triples"
        )
    return Response(result.serialize(format=GRAPH_TYPES[media]), media_type=media)


def _solutions(solutions: ox.QuerySolutions, max_rows: int) -> Response:
    names = [v.value for v in solutions.variables]
    bindings: list[dict[str, dict[str, str]]] = []
    truncated = False
    for row in solutions:
        if len(bindings) == max_rows:
            truncated = True
            break
        bindings.append({n: _term(row[n]) for n in names if row[n] is not None})
    body = {"head": {"vars": names}, "results": {"bindings": bindings}}
    headers = {"Helix-Results-Truncated": "true"} if truncated else {}
    return Response(json.dumps(body), media_type=SPARQL_JSON, headers=headers)


def _term(term: Term) -> dict[str, str]:
    """One RDF term in the SPARQL 1.1 JSON results format."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    raise HTTPException(500, detail="quoted triples are not supported in results")


def _pick(accept: str, offered: list[str]) -> str | None:
    """The offered media type the Accept header likes best (q-values honoured), or None.

    >>> _pick("application/n-triples;q=0.9, text/turtle", ["text/turtle", "application/n-triples"])
    'text/turtle'
    >>> _pick("text/*;q=0.5, application/n-triples", ["text/turtle", "application/n-triples"])
    'application/n-triples'
    >>> _pick("image/png", ["text/turtle"]) is None
    True
    """
    best, best_q = None, 0.0
    for index, media in enumerate(offered):
        q = _quality(accept, media)
        if q > best_q or (q == best_q and q > 0 and best is None):
            best, best_q = offered[index], q
    return best


def _quality(accept: str, media: str) -> float:
    kind = media.split("/")[0]
    found: tuple[int, float] = (-1, 0.0)  # (specificity, q)
    for part in accept.split(","):
        pieces = [p.strip() for p in part.split(";")]
        pattern = pieces[0].lower()
        q = 1.0
        for param in pieces[1:]:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        specificity = {media: 2, f"{kind}/*": 1, "*/*": 0}.get(pattern, -1)
        if specificity > found[0]:
            found = (specificity, q)
    return found[1]


def _service_description(request: Request) -> Response:
    endpoint = str(request.url.replace(query=""))
    try:
        ox.NamedNode(endpoint)  # a forged Host header must not break out of the IRI
    except ValueError:
        raise HTTPException(400, detail="the request's Host header makes no valid IRI") from None
    body = f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
<{endpoint}> a sd:Service ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_JSON> ,
        <http://www.w3.org/ns/formats/Turtle> , <http://www.w3.org/ns/formats/N-Triples> ;
    sd:feature sd:UnionDefaultGraph .
"""
    return Response(body, media_type="text/turtle")
