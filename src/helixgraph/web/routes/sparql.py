"""``/sparql``: the SPARQL 1.1 Protocol on Oxigraph's engine, safe to face the public.

Queries: GET ``query=``, POST form-encoded ``query=`` or POST ``application/sparql-query``, with
``default-graph-uri`` / ``named-graph-uri``; answers by content negotiation (or ``format=``) in
the formats of :mod:`helixgraph.sparql.results`. Queries run in the worker processes of
:mod:`helixgraph.sparql.pool`, each stopped at ``HELIX_QUERY_TIMEOUT`` (503); answers stop at
``HELIX_MAX_ROWS`` rows, and the header ``Helix-Results-Truncated: true`` says when they did.

Updates: POST ``application/sparql-update`` or form ``update=``, only when ``HELIX_UPDATE_TOKEN``
is set and the request carries ``Authorization: Bearer <token>``; ``LOAD`` never.

Refused before evaluation: ``SERVICE``, updates through the query interface, and graph names
outside http(s)/urn:/tag: (``file:`` and its kin). A graph the store does not hold is, as SPARQL
says, an empty graph; the header ``Helix-Unknown-Graphs`` names such graphs so a typo shows, and
``Helix-Unknown-Terms`` the ``hx:`` terms the ontology does not define (``hx:busines``).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs

import pyoxigraph as ox
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import QueryParams

from helixgraph.errors import NotAcceptableError
from helixgraph.guard.checks import (
    check_graph_names,
    check_query,
    check_update,
    dataset_graphs,
    names_dataset,
    unknown_terms,
    uses_from,
    with_using,
)
from helixgraph.helices import HELICES
from helixgraph.rdf.namespaces import PREFIXES
from helixgraph.rdf.vocab import HX
from helixgraph.settings import Settings
from helixgraph.sparql import results
from helixgraph.sparql.evaluation import QueryRequest
from helixgraph.sparql.pool import QueryAnswer
from helixgraph.store import KnowledgeGraph
from helixgraph.store.kept import kept
from helixgraph.web.deps import KG, PoolDep, SettingsDep, check_writer, run_counted, templates
from helixgraph.web.i18n import request_language
from helixgraph.web.viz import script_json

router = APIRouter(tags=["sparql"])

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
EXPOSED_HEADERS = [
    "Helix-Results-Truncated",
    "Helix-Unknown-Graphs",
    "Helix-Unknown-Terms",
    "Helix-Query-Seconds",
    "Helix-Cache",
]


@router.get("/sparql", response_model=None)
async def sparql_get(request: Request, kg: KG, pool: PoolDep, settings: SettingsDep) -> Response:
    """Run ``query``; with no query, a query page for a browser or the service description."""
    params = request.query_params
    if "update" in params:
        raise HTTPException(400, detail="updates are sent by POST, never by GET")
    queries = params.getlist("query")
    if not queries:
        if "text/html" in request.headers.get("accept", "") and "format" not in params:
            return templates.TemplateResponse(request, "sparql.html", _page_context(request, kg))
        return _service_description(request, settings)
    if len(queries) > 1:
        raise HTTPException(400, detail="send exactly one query= parameter")
    return await _query(request, kg, settings, queries[0], params)


@router.post("/sparql", response_model=None)
async def sparql_post(request: Request, kg: KG, pool: PoolDep, settings: SettingsDep) -> Response:
    """Run a query (form ``query=`` or ``application/sparql-query``) or, with the update token,
    an update (form ``update=`` or ``application/sparql-update``)."""
    media, charset = _content_type(request.headers.get("content-type"))
    if media not in (FORM, SPARQL_QUERY, SPARQL_UPDATE):
        raise HTTPException(
            415,
            detail=f"send {SPARQL_QUERY}, {SPARQL_UPDATE} or {FORM}"
            + (f", not {media}" if media else " (the Content-Type header is missing)"),
        )
    if charset not in (None, "utf-8", "utf8"):
        raise HTTPException(415, detail=f"send the body in UTF-8, not {charset}")
    body = await _body(request, settings.max_body)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise HTTPException(400, detail=f"the body is not UTF-8 (byte {error.start})") from None
    params = request.query_params
    if media == FORM:
        form = parse_qs(text, keep_blank_values=True)
        params = QueryParams(
            [*params.multi_items(), *((k, v) for k, vs in form.items() for v in vs)]
        )
        queries, updates = form.get("query", []), form.get("update", [])
        if len(queries) + len(updates) != 1:
            raise HTTPException(400, detail="send exactly one query= or one update= in the form")
        if updates:
            return await _update(request, kg, pool, settings, updates[0], params)
        return await _query(request, kg, settings, queries[0], params)
    if media == SPARQL_UPDATE:
        return await _update(request, kg, pool, settings, text, params)
    return await _query(request, kg, settings, text, params)


def _page_context(request: Request, kg: KnowledgeGraph) -> dict[str, Any]:
    """The query page's examples, prefixes and what the editor completes."""
    from helixgraph.network.names import concept_labels
    from helixgraph.sparql.catalogue import named_queries

    return {
        "title": "SPARQL",
        "examples": named_queries(),
        "prefixes": PREFIXES,
        "helices": HELICES,
        "concepts": concept_labels(kg, request_language(request)),
        "vocabulary": script_json({"prefixes": PREFIXES, "terms": vocabulary(kg)}),
    }


@kept
def vocabulary(kg: KnowledgeGraph) -> list[str]:
    """What the editor completes after a prefix: every term of the ontology and every class and
    property the store uses, as prefixed names; kept until the store changes."""
    iris = {HX.NS + term for term in HX.TERMS}
    iris |= {row["p"] for row in kg.select("SELECT DISTINCT ?p WHERE { ?s ?p ?o }")}
    iris |= {row["c"] for row in kg.select("SELECT DISTINCT ?c WHERE { ?s a ?c }")}
    by_length = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))
    named = set()
    for iri in iris:
        for prefix, namespace in by_length:
            local = iri[len(namespace) :]
            if iri.startswith(namespace) and re.fullmatch(r"[A-Za-z_][\w\-]*", local):
                named.add(f"{prefix}:{local}")
                break
    return sorted(named, key=str.casefold)


async def _query(
    request: Request, kg: KG, settings: Settings, sparql: str, params: QueryParams
) -> Response:
    sparql = await run_in_threadpool(check_query, sparql)  # what runs is what was checked
    default = params.getlist("default-graph-uri")
    named = params.getlist("named-graph-uri")
    from_clause = dataset_graphs(sparql, PREFIXES)
    check_graph_names([(g, None, None) for g in default + named] + list(from_clause))
    wanted = QueryRequest(
        sparql=sparql,
        accept=request.headers.get("accept"),
        format=params.get("format"),
        default_graphs=tuple(default) if default else None,
        named_graphs=tuple(named) if named else None,
        has_dataset_clause=uses_from(sparql),
        max_rows=settings.max_rows,
        base_iri=str(request.url.replace(query="")),
    )
    answer = await run_counted(request, wanted)
    held = set(kg.graph_names())
    unknown = sorted({g for g in default + named + [g for g, _, _ in from_clause] if g not in held})
    headers = {"Helix-Unknown-Graphs": " ".join(f"<{g}>" for g in unknown)} if unknown else {}
    if terms := unknown_terms(sparql):  # hx:busines answers nothing: most likely a typo
        headers["Helix-Unknown-Terms"] = " ".join(terms)
    return answer_response(answer, headers)


def answer_response(answer: QueryAnswer, headers: dict[str, str] | None = None) -> Response:
    """The HTTP response for a query's answer, with the headers that say how it was made."""
    headers = {"Vary": "Accept", "Helix-Query-Seconds": f"{answer.seconds:.4f}", **(headers or {})}
    if answer.truncated:
        headers["Helix-Results-Truncated"] = "true"
    if answer.cached:
        headers["Helix-Cache"] = "hit"
    return Response(answer.body, media_type=results.content_type(answer.media), headers=headers)


async def _update(
    request: Request,
    kg: KG,
    pool: PoolDep,
    settings: Settings,
    sparql: str,
    params: QueryParams,
) -> Response:
    check_writer(request, settings)
    sparql = await run_in_threadpool(check_update, sparql)  # what runs is what was checked
    using = params.getlist("using-graph-uri")
    using_named = params.getlist("using-named-graph-uri")
    if using or using_named:
        if names_dataset(sparql):
            raise HTTPException(
                400,
                detail="the update names its dataset (USING or WITH) and the request gives "
                "using-graph-uri / using-named-graph-uri too: give one or the other",
            )
        check_graph_names([(g, None, None) for g in using + using_named])
        sparql = with_using(sparql, using, using_named)

    def apply() -> None:
        with pool.exclusive():  # no query reads while the store changes
            kg.update(
                sparql,
                base_iri=str(request.url.replace(query="")),
                deadline=settings.update_timeout,
            )

    await run_in_threadpool(apply)
    return Response(status_code=204)


async def _body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it passes ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, detail=f"the request body is over {limit:,} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, detail=f"the request body is over {limit:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _content_type(header: str | None) -> tuple[str, str | None]:
    """(media type, charset) of a Content-Type header, lower-cased; ("", None) when missing.

    >>> _content_type("application/sparql-query; charset=UTF-16")
    ('application/sparql-query', 'utf-16')
    """
    if not header:
        return "", None
    media, *parameters = (part.strip().lower() for part in header.split(";"))
    charset = next((p[8:].strip('"') for p in parameters if p.startswith("charset=")), None)
    return media, charset


def _service_description(request: Request, settings: Settings) -> Response:
    """The SPARQL 1.1 Service Description of this endpoint, as RDF by content negotiation."""
    endpoint = str(request.url.replace(query=""))
    try:
        ox.NamedNode(endpoint)  # a forged Host header must not break out of the IRI
    except ValueError:
        raise HTTPException(400, detail="the request's Host header makes no valid IRI") from None
    languages = "sd:SPARQL11Query" + (", sd:SPARQL11Update" if settings.update_token else "")
    formats = ", ".join(
        f"<http://www.w3.org/ns/formats/{name}>"
        for name in (
            "SPARQL_Results_JSON",
            "SPARQL_Results_XML",
            "SPARQL_Results_CSV",
            "SPARQL_Results_TSV",
            "Turtle",
            "N-Triples",
            "RDF_XML",
            "JSON-LD",
        )
    )
    turtle = f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
<{endpoint}> a sd:Service ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage {languages} ;
    sd:resultFormat {formats} ;
    sd:feature sd:UnionDefaultGraph .
"""
    media = results.negotiate(
        request.headers.get("accept"), "graph", request.query_params.get("format")
    )
    if media is None:
        raise NotAcceptableError(
            "the service description comes as " + ", ".join(results.OFFERED["graph"])
        )
    triples = [quad.triple for quad in ox.parse(turtle.encode(), format=ox.RdfFormat.TURTLE)]
    return Response(results.write_graph(triples, media), media_type=results.content_type(media))
