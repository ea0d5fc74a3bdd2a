"""The shapes of the REST API's answers (pydantic): ``XPublic`` for one, ``XsPublic`` for a page."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Helix = Literal["government", "academia", "business", "community"]


class ActorPublic(BaseModel):
    id: str = Field(description="short id: the IRI's last part for helixgraph IRIs, else the IRI")
    iri: str
    label: str
    helix: Helix = Field(description="the primary helix")
    helices: list[Helix] = Field(description="every helix the actor belongs to")
    country: str | None = Field(description="ISO 3166-1 alpha-2 code")


class ActorsPublic(BaseModel):
    data: list[ActorPublic]
    count: int = Field(description="actors matching the filters, before pagination")


class MembershipPublic(BaseModel):
    collaboration: str
    label: str
    role: str | None


class TiePublic(BaseModel):
    relation: str = Field(description="funds, collaboratesWith, providesServiceTo, …")
    direction: Literal["out", "in"]
    other: str = Field(description="IRI of the actor or collaboration at the other end")


class ServicePublic(BaseModel):
    service: str
    type: str


class ActorDetailPublic(ActorPublic):
    illustrative: bool = Field(description="added to illustrate a kind of actor no source names")
    memberships: list[MembershipPublic]
    ties: list[TiePublic]
    roles: list[str]
    services: list[ServicePublic]
