"""Assemble the web app: settings, the store, routers, static files, error mapping."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from helixgraph import __version__
from helixgraph.errors import (
    AnalysisBusyError,
    DeadlineError,
    InputError,
    NotAcceptableError,
    QueryBusyError,
    QueryError,
    QueryRefusedError,
    QuerySyntaxError,
    StoreError,
    UpdateRefusedError,
)
from helixgraph.guard.grammar import prepare
from helixgraph.report.worker import worker_for
from helixgraph.settings import Settings, read_settings
from helixgraph.sparql.budget import ClientBudget, OverBudgetError
from helixgraph.sparql.catalogue import named_queries
from helixgraph.sparql.pool import QueryPool
from helixgraph.store import KnowledgeGraph
from helixgraph.web.deps import templates
from helixgraph.web.routes import (
    actors,
    analysis,
    collaborations,
    data,
    ecosystem,
    health,
    pages,
    queries,
    sparql,
)
from helixgraph.web.warm_up import warm_up


def create_app(settings: Settings | None = None, *, kg: KnowledgeGraph | None = None) -> FastAPI:
    """The helixgraph web app. Opens the store of ``settings`` at start-up unless given ``kg``."""
    settings = settings or read_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        own = kg is None
        app.state.kg = kg if kg is not None else KnowledgeGraph.open(settings.store)
        pool = QueryPool(
            app.state.kg,
            workers=settings.query_workers,
            slow_workers=settings.slow_query_workers,
            timeout=settings.query_timeout,
            cache_bytes=settings.query_cache_bytes,
        )
        # the guard's parser is built before the first request rather than during it, while
        # the query workers start (they are other processes: this one only waits for them)
        guard = threading.Thread(
            target=prepare, args=([query.sparql for query in named_queries()],), daemon=True
        )
        guard.start()
        app.state.queries = await run_in_threadpool(pool.start)
        await run_in_threadpool(guard.join)
        app.state.budget = ClientBudget(settings.client_query_seconds)
        if (analysis := worker_for(app.state.kg)) is not None:
            analysis.idle_after = settings.analysis_idle
        if settings.warm_up:
            threading.Thread(
                target=warm_up,
                args=(app.state.kg, settings),
                daemon=True,
                name="helixgraph-warm-up",
            ).start()
        try:
            yield
        finally:
            pool.close()
            if own:
                app.state.kg.close()

    app = FastAPI(
        title="helixgraph",
        version=__version__,
        summary="The quadruple helix of an innovation ecosystem: REST API and SPARQL endpoint.",
        lifespan=lifespan,
        # FastAPI's own docs pages load Swagger UI from a CDN; the schema stays at /openapi.json
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    # Anyone may read from any page; no cookies or tokens travel cross-origin, so no update can.
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_credentials=False,
        allow_methods=["GET", "POST"],
        allow_headers=["Accept", "Content-Type"],
        expose_headers=sparql.EXPOSED_HEADERS,
        max_age=3600,
    )
    app.include_router(pages.router)
    app.include_router(actors.router)
    app.include_router(collaborations.router)
    app.include_router(ecosystem.router)
    app.include_router(analysis.router)
    app.include_router(data.router)
    app.include_router(queries.router)
    app.include_router(sparql.router)
    app.include_router(health.router)
    static = resources.files("helixgraph.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.add_middleware(
        BodyLimit, limit=settings.max_body, uploads={"/api/imports": settings.max_upload}
    )
    _map_errors(app)
    return app


class BodyLimit:
    """Refuse with 413 any request body over ``limit`` bytes, on every route: by its declared
    length before a byte is read, else as soon as the bytes read pass it."""

    def __init__(self, app: ASGIApp, limit: int, uploads: dict[str, int] | None = None) -> None:
        self.app = app
        self.limit = limit
        self.uploads = uploads or {}  # path -> its own limit: where files are sent

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.uploads.get(scope["path"], self.limit)
        too_large = HTTPException(413, detail=f"the request body is over {limit:,} bytes")
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            response = JSONResponse({"detail": too_large.detail}, status_code=413)
            await response(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > limit:
                raise too_large
            return message

        await self.app(scope, limited, send)


def _map_errors(app: FastAPI) -> None:
    """Domain errors -> HTTP, in one place: a short ``detail`` that tests assert on."""

    @app.exception_handler(404)
    def not_found(request: Request, error: Exception) -> Response:
        # a person's browser gets a page in its language; a script gets JSON
        wants_page = "text/html" in request.headers.get("accept", "")
        if wants_page and not request.url.path.startswith(("/api/", "/static/")):
            return templates.TemplateResponse(
                request, "not_found.html", {"title": "helixgraph"}, status_code=404
            )
        detail = getattr(error, "detail", "Not Found")
        return JSONResponse({"detail": detail}, status_code=404)

    @app.exception_handler(RequestValidationError)
    def invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
        # what was wrong and where, never the input itself (it may be megabytes)
        problems = [
            {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", ""))[:300]}
            for e in error.errors()[:20]
        ]
        return JSONResponse({"detail": problems}, status_code=422)

    @app.exception_handler(QuerySyntaxError)
    def query_syntax(request: Request, error: QuerySyntaxError) -> JSONResponse:
        return JSONResponse(
            {"detail": f"bad query: {error}", "line": error.line, "column": error.column},
            status_code=400,
        )

    @app.exception_handler(QueryRefusedError)
    def query_refused(request: Request, error: QueryRefusedError) -> JSONResponse:
        status = 403 if isinstance(error, UpdateRefusedError) else 400
        return JSONResponse({"detail": f"query refused: {error}"}, status_code=status)

    @app.exception_handler(DeadlineError)
    def past_deadline(request: Request, error: DeadlineError) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=503)

    @app.exception_handler(AnalysisBusyError)
    def analysis_busy(request: Request, error: AnalysisBusyError) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=503, headers={"Retry-After": "30"})

    @app.exception_handler(OverBudgetError)
    def over_budget(request: Request, error: OverBudgetError) -> JSONResponse:
        headers = {"Retry-After": str(error.retry_after)}
        return JSONResponse({"detail": str(error)}, status_code=429, headers=headers)

    @app.exception_handler(QueryBusyError)
    def query_busy(request: Request, error: QueryBusyError) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=503, headers={"Retry-After": "5"})

    @app.exception_handler(NotAcceptableError)
    def not_acceptable(request: Request, error: NotAcceptableError) -> JSONResponse:
        return JSONResponse({"detail": f"not acceptable: {error}"}, status_code=406)

    @app.exception_handler(QueryError)
    def query_failed(request: Request, error: QueryError) -> JSONResponse:
        return JSONResponse({"detail": f"query failed: {error}"}, status_code=400)

    @app.exception_handler(InputError)
    def bad_input(request: Request, error: InputError) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=422)

    @app.exception_handler(StoreError)
    def store_error(request: Request, error: StoreError) -> JSONResponse:
        return JSONResponse({"detail": f"store unavailable: {error}"}, status_code=503)
