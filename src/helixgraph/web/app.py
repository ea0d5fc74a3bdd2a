"""Assemble the web app: settings, the store, routers, static files, error mapping."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from helixgraph import __version__
from helixgraph.errors import InputError, QueryRefusedError, QuerySyntaxError, StoreError
from helixgraph.settings import Settings
from helixgraph.store import KnowledgeGraph
from helixgraph.web.routes import actors, health, pages, sparql


def create_app(settings: Settings | None = None, *, kg: KnowledgeGraph | None = None) -> FastAPI:
    """The helixgraph web app. Opens the store of ``settings`` at start-up unless given ``kg``."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        own = kg is None
        app.state.kg = kg if kg is not None else KnowledgeGraph.open(settings.store)
        try:
            yield
        finally:
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
    app.include_router(pages.router)
    app.include_router(actors.router)
    app.include_router(sparql.router)
    app.include_router(health.router)
    static = resources.files("helixgraph.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    _map_errors(app)
    return app


def _map_errors(app: FastAPI) -> None:
    """Domain errors -> HTTP, in one place: a short ``detail`` that tests assert on."""

    @app.exception_handler(QuerySyntaxError)
    def query_syntax(request: Request, error: QuerySyntaxError) -> JSONResponse:
        return JSONResponse(
            {"detail": f"bad query: {error}", "line": error.line, "column": error.column},
            status_code=400,
        )

    @app.exception_handler(QueryRefusedError)
    def query_refused(request: Request, error: QueryRefusedError) -> JSONResponse:
        status = 403 if "update" in str(error) else 400
        return JSONResponse({"detail": f"query refused: {error}"}, status_code=status)

    @app.exception_handler(InputError)
    def bad_input(request: Request, error: InputError) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=422)

    @app.exception_handler(StoreError)
    def store_error(request: Request, error: StoreError) -> JSONResponse:
        return JSONResponse({"detail": f"store unavailable: {error}"}, status_code=503)
