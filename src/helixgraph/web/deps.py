"""Dependencies, declared once as ``Annotated`` types for the routes to take."""

from __future__ import annotations

from importlib import resources
from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request
from fastapi.templating import Jinja2Templates

from helixgraph.query_pool import QueryPool
from helixgraph.settings import Settings
from helixgraph.store import KnowledgeGraph


def get_kg(request: Request) -> KnowledgeGraph:
    kg: KnowledgeGraph = request.app.state.kg
    return kg


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_pool(request: Request) -> QueryPool:
    pool: QueryPool = request.app.state.queries
    return pool


def get_years(
    years: Annotated[
        str | None,
        Query(description="only collaborations active in these years: 2016 or 2014-2016"),
    ] = None,
) -> tuple[int, int] | None:
    from helixgraph.views import parse_years

    try:
        return parse_years(years)
    except ValueError as error:
        raise HTTPException(422, detail=str(error)) from None


KG = Annotated[KnowledgeGraph, Depends(get_kg)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
PoolDep = Annotated[QueryPool, Depends(get_pool)]
YearsDep = Annotated[tuple[int, int] | None, Depends(get_years)]

templates = Jinja2Templates(directory=str(resources.files("helixgraph.web") / "templates"))
