"""Dependencies, declared once as ``Annotated`` types for the routes to take."""

from __future__ import annotations

from importlib import resources
from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request
from fastapi.templating import Jinja2Templates

from helixgraph.errors import InputError
from helixgraph.settings import Settings
from helixgraph.sparql.pool import QueryPool
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
    request: Request,
    years: Annotated[
        str | None,
        Query(description="only collaborations active in these years: 2016 or 2014-2016"),
    ] = None,
) -> tuple[int, int] | None:
    """The years window asked for, cut to the years the data holds (so that ``1-3000`` and
    ``2014-2024`` are one window, computed once); empty means every year."""
    from helixgraph.network.views import parse_years
    from helixgraph.report.ecosystem import activity_years

    if years is None or not years.strip():
        return None
    try:
        first, last = parse_years(years) or (0, 0)
    except InputError as error:
        raise HTTPException(422, detail=str(error)) from None
    span = activity_years(get_kg(request)) or (first, last)
    first, last = max(first, span[0]), min(last, span[1])
    if first > last:
        raise HTTPException(
            422, detail=f"{years!r}: the data has activity in {span[0]}-{span[1]} only"
        )
    return first, last


KG = Annotated[KnowledgeGraph, Depends(get_kg)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
PoolDep = Annotated[QueryPool, Depends(get_pool)]
YearsDep = Annotated[tuple[int, int] | None, Depends(get_years)]

templates = Jinja2Templates(directory=str(resources.files("helixgraph.web") / "templates"))
