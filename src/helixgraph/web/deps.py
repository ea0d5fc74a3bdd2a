"""Dependencies, declared once as ``Annotated`` types for the routes to take."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from importlib import resources
from typing import Annotated, Any, Literal

from fastapi import Depends, HTTPException, Query, Request
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from helixgraph.errors import InputError, QueryTimeoutError
from helixgraph.language import Language
from helixgraph.network.scope import Scope, check_country, countries_held
from helixgraph.report.worker import computed_and_kept
from helixgraph.settings import Settings
from helixgraph.sparql.budget import ClientBudget, client_address
from helixgraph.sparql.evaluation import QueryRequest
from helixgraph.sparql.pool import QueryAnswer, QueryPool
from helixgraph.store import KnowledgeGraph
from helixgraph.web.i18n import page_language, request_language


def get_kg(request: Request) -> KnowledgeGraph:
    kg: KnowledgeGraph = request.app.state.kg
    return kg


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_pool(request: Request) -> QueryPool:
    pool: QueryPool = request.app.state.queries
    return pool


async def run_counted(request: Request, wanted: QueryRequest) -> QueryAnswer:
    """Run a query against the asking client's budget of query time: refused (429) when it is
    spent, charged with the worker's time (the whole deadline for a query that ran into it)."""
    settings: Settings = request.app.state.settings
    budget: ClientBudget = request.app.state.budget
    client = client_address(
        request.client.host if request.client else None,
        request.headers.get("x-forwarded-for"),
        settings.trusted_proxies,
    )
    budget.check(client)
    try:
        answer: QueryAnswer = await run_in_threadpool(request.app.state.queries.run, wanted)
    except QueryTimeoutError:
        budget.spend(client, settings.query_timeout)
        raise
    if not answer.cached:  # an answer kept in memory cost no worker anything
        budget.spend(client, answer.seconds)
    return answer


def check_writer(request: Request, settings: Settings) -> None:
    """Let a write through only with ``Authorization: Bearer <HELIX_UPDATE_TOKEN>``: 403 while
    no token is set (the service is read-only), 401 without the right one."""
    token = settings.update_token
    if token is None:
        raise HTTPException(
            403, detail="updates are not accepted: the endpoint is read-only (HELIX_UPDATE_TOKEN)"
        )
    sent = request.headers.get("authorization", "")
    scheme, _, credential = sent.partition(" ")
    expected = token.get_secret_value().encode()
    if scheme.lower() != "bearer" or not hmac.compare_digest(credential.encode(), expected):
        raise HTTPException(
            401,
            detail="updates need the header Authorization: Bearer <token>",
            headers={"WWW-Authenticate": 'Bearer realm="helixgraph"'},
        )


def get_years(
    request: Request,
    years: Annotated[
        str | None,
        Query(description="only collaborations active in these years: 2016 or 2014-2016"),
    ] = None,
) -> tuple[int, int] | None:
    """The years window asked for, cut to the years the data holds (so that ``1-3000`` and
    ``2014-2024`` are one window, computed once); empty means every year."""
    from helixgraph.network.views import parse_years
    from helixgraph.report.years import within_activity

    if years is None or not years.strip():
        return None
    try:
        first, last = parse_years(years) or (0, 0)
    except InputError as error:
        raise HTTPException(422, detail=str(error)) from None
    try:
        return within_activity(get_kg(request), (first, last))
    except InputError as error:
        raise HTTPException(422, detail=str(error)) from None


def _filter(description: str) -> Any:
    return Query(description=description, max_length=200)


def get_scope(
    request: Request,
    years: Annotated[tuple[int, int] | None, Depends(get_years)],
    country: Annotated[str | None, _filter("ISO country code of the actors, such as HU")] = None,
    region: Annotated[str | None, _filter("NUTS code prefix of the actors, such as HU1")] = None,
    sector: Annotated[str | None, _filter("sector of the collaborations, such as health")] = None,
    helix: Annotated[str | None, _filter("helix of the actors, such as academia")] = None,
    cluster: Annotated[str | None, _filter("the members of this cluster (IRI or id)")] = None,
    source: Annotated[
        str | None, _filter("the actors of this graph, such as a spreadsheet")
    ] = None,
) -> Scope:
    """The scope the query string asks for (README, "Scope"); empty parameters are left out.
    A country no actor of the store is in is refused with the codes it holds."""
    kg = get_kg(request)
    try:
        scope = Scope.of(
            country=country,
            region=region,
            sector=sector,
            helix=helix,
            cluster=cluster,
            source=source,
            years=years,
        )
        deadline = get_settings(request).analysis_timeout
        check_country(kg, scope, computed_and_kept(kg, countries_held, deadline=deadline))
        return scope
    except InputError as error:
        raise HTTPException(422, detail=str(error)) from None


@dataclass(frozen=True)
class PageScope:
    """The scope a page's form asks for, or what was wrong with it: the page is then shown again
    for the rest of the form (``scope``), with ``error`` beside the ``field`` as it was sent."""

    scope: Scope
    error: str | None = None
    field: str | None = None
    sent: str | None = None


def get_page_scope(request: Request) -> PageScope:
    """:func:`get_scope` for a page: a bad value is the page's to say, not a JSON 422."""
    params = {name: request.query_params.get(name) for name in FILTER_NAMES}
    sent_years = request.query_params.get("years")
    try:
        years = get_years(request, sent_years)
    except HTTPException as error:
        return _rest_of_form(request, None, params, str(error.detail), "years", sent_years)
    try:
        return PageScope(get_scope(request, years, **params))
    except HTTPException as error:
        detail = str(error.detail)  # "country 'XX': …", "helix 'x': …"
        named = detail.split(" ", 1)[0]
        field = named if named in FILTER_NAMES else None
        return _rest_of_form(request, years, params, detail, field, params.get(named))


def _rest_of_form(
    request: Request,
    years: tuple[int, int] | None,
    params: dict[str, str | None],
    detail: str,
    field: str | None,
    sent: str | None,
) -> PageScope:
    """The scope without the field at fault (the whole store if the rest fails too)."""
    without = {name: value for name, value in params.items() if name != field}
    try:
        scope = get_scope(request, years, **without)
    except HTTPException:
        scope = Scope()
    return PageScope(scope, detail, field, sent)


FILTER_NAMES = ("country", "region", "sector", "helix", "cluster", "source")

KG = Annotated[KnowledgeGraph, Depends(get_kg)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
PoolDep = Annotated[QueryPool, Depends(get_pool)]
YearsDep = Annotated[tuple[int, int] | None, Depends(get_years)]
ScopeDep = Annotated[Scope, Depends(get_scope)]
PageScopeDep = Annotated[PageScope, Depends(get_page_scope)]
ThroughDep = Annotated[
    Literal["scope", "all"],
    Query(
        description="scope: the scope's actors among themselves; all: paths may pass "
        "through actors outside the scope"
    ),
]

LangDep = Annotated[Language, Depends(request_language)]

templates = Jinja2Templates(
    directory=str(resources.files("helixgraph.web") / "templates"),
    context_processors=[page_language],
)
