"""The shapes of the REST API's answers (pydantic): ``XPublic`` for one, ``XsPublic`` for a page."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, Field

from helixgraph.helices import HELICES

#: Spelled out for the schema (and for mypy); it may not drift from the ontology's helices.
Helix = Literal["government", "academia", "business", "community"]
assert get_args(Helix) == HELICES, "Helix and HELICES disagree"


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
    same_as: list[str] = Field(
        default_factory=list,
        description="other IRIs of this actor (owl:sameAs, e.g. from `helixgraph link --apply`)",
    )


class ActorMetricsPublic(BaseModel):
    degree: int = Field(description="actors it shares a collaboration or a direct tie with")
    shared_collaborations: int = Field(description="collaborations shared, summed over partners")
    collaborations: int = Field(description="clusters and projects it belongs to")
    component_size: int = Field(description="actors it can reach through the network, itself too")
    degree_centrality: float = Field(description="degree / (actors - 1)")


class ActorFullPublic(ActorDetailPublic):
    metrics: ActorMetricsPublic


class CollaborationPublic(BaseModel):
    id: str = Field(description="short id: the IRI's last part for helixgraph IRIs")
    iri: str
    kind: Literal["cluster", "project", "initiative"]
    label: str
    country: str | None
    sectors: list[str]
    members: int = Field(description="members recorded in the store")
    declared_members: int | None = Field(description="members the cluster says it has")
    helices: list[Helix] = Field(description="helices among the members")
    missing_helices: list[Helix]


class CollaborationsPublic(BaseModel):
    data: list[CollaborationPublic]
    count: int


class MemberPublic(BaseModel):
    id: str
    iri: str
    label: str
    helix: Helix | None
    role: str | None


class CollaborationDetailPublic(CollaborationPublic):
    member_list: list[MemberPublic]


class HelixPublic(BaseModel):
    id: Helix
    iri: str
    labels: dict[str, str] = Field(description="label by language tag")
    definition: str | None
    actors: int = Field(description="actors in this helix (an actor may be in several)")
    primary: int = Field(description="actors whose primary helix this is")


class HelicesPublic(BaseModel):
    data: list[HelixPublic]
    count: int


class GraphNodePublic(BaseModel):
    id: str
    label: str
    kind: str
    helix: Helix | None
    degree: int


class GraphEdgePublic(BaseModel):
    source: str
    target: str
    weight: float


class GraphPublic(BaseModel):
    view: str
    nodes: list[GraphNodePublic]
    edges: list[GraphEdgePublic]
    count: dict[str, int] = Field(description="nodes and edges of the whole view, before the cap")
    truncated: bool = Field(description="the view was cut to the best-connected nodes")


class QueryParameterPublic(BaseModel):
    name: str
    type: Literal["helix", "iri", "string", "integer"]
    default: str | None
    description: str


class NamedQueryPublic(BaseModel):
    name: str
    title: str
    description: str
    parameters: list[QueryParameterPublic]
    sparql: str


class NamedQueriesPublic(BaseModel):
    data: list[NamedQueryPublic]
    count: int


class WhatIfRequest(BaseModel):
    remove: list[str] = Field(
        default=[], max_length=100, description="actors (ids or IRIs) that leave"
    )
    add: list[tuple[str, str]] = Field(
        default=[], max_length=100, description="new ties between two actors"
    )
    merge: list[list[str]] = Field(
        default=[], max_length=20, description="groups of actors that become one"
    )
    join: list[tuple[str, str]] = Field(
        default=[],
        max_length=10,
        description="two clusters (ids or IRIs) that merge: every member of one then shares a "
        "collaboration with every member of the other",
    )


class SourcePublic(BaseModel):
    """A named graph of the store and where it came from."""

    graph: str
    name: str = Field(description="the graph's name under the store's graph base")
    triples: int
    source_graph: str | None = Field(description="the source this graph is a version of")
    source_file: str | None
    sha256: str | None
    loaded: str | None = Field(description="when it was written (ISO 8601)")
    importer: str | None
    rows: dict[str, int] = Field(description="rowsRead, rowsWritten, rowsRejected")


class ImportPublic(BaseModel):
    """What an import did, or (``checked``) would do."""

    kind: str
    source: str = Field(description="the source's name (a member list's graph is named after it)")
    checked: bool = Field(description="true: a dry run, nothing was written")
    summary: str = Field(description="what comes in, in words")
    graphs: list[str]
    rows_read: int | None
    rows_written: int | None
    rows_rejected: int
    triples: int | None = Field(description="triples written (null for a dry run)")


class LinkPublic(BaseModel):
    """One actor of a member list and the EU organisation it most likely is."""

    id: str
    name: str
    pic: str | None = Field(description="the EU record proposed; null: none close enough")
    matched_name: str | None = Field(description="the name it was found by (also when too far)")
    matched_city: str | None
    score: float = Field(description="0-100; a proposal needs 90 and a clear lead")


class LinkChoice(BaseModel):
    id: str = Field(max_length=200, description="the actor's id in the member list")
    pic: str = Field(pattern=r"^[0-9]{9}$", description="the EU record accepted")


class LinkChoices(BaseModel):
    source: str = Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,99}$", description="the member list's name"
    )
    links: list[LinkChoice] = Field(max_length=100_000)


class LinkApplied(BaseModel):
    graph: str
    links: int = Field(description="links recorded")
