"""Dependencies, declared once as ``Annotated`` types for the routes to take."""

from __future__ import annotations

from importlib import resources
from typing import Annotated

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates

from helixgraph.settings import Settings
from helixgraph.store import KnowledgeGraph


def get_kg(request: Request) -> KnowledgeGraph:
    kg: KnowledgeGraph = request.app.state.kg
    return kg


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


KG = Annotated[KnowledgeGraph, Depends(get_kg)]
SettingsDep = Annotated[Settings, Depends(get_settings)]

templates = Jinja2Templates(directory=str(resources.files("helixgraph.web") / "templates"))
