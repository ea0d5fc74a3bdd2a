"""Dependencies, declared once as ``Annotated`` types for the routes to take."""

from __future__ import annotations

from importlib import resources
from typing import Annotated

from fastapi import Depends, Request
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


KG = Annotated[KnowledgeGraph, Depends(get_kg)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
PoolDep = Annotated[QueryPool, Depends(get_pool)]

templates = Jinja2Templates(directory=str(resources.files("helixgraph.web") / "templates"))
