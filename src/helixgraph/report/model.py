"""The ecosystem report's shape: what `/api/analysis/report` answers, what `analyze --json`
prints, and the parts the API serves one by one (:data:`PARTS`)."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, Field


class Scope(BaseModel):
    years: list[int] | None = Field(description="[first, last] year, or null for every year")


class Headline(BaseModel):
    nodes: int
    ties: int
    components: int
    largest_component_share: float
    isolates: int
    fragmentation: float = Field(description="Borgatti's F: share of pairs that cannot reach")
    distance_fragmentation: float = Field(description="Borgatti's distance-weighted DF")
    distance_fragmentation_error: float = Field(description="95% interval half-width (0: exact)")


class Ranked(BaseModel):
    actor: str
    label: str
    value: float


class Centrality(BaseModel):
    degree: list[Ranked]
    betweenness: list[Ranked]
    pagerank: list[Ranked]
    closeness: list[Ranked] | None = None


class Broker(BaseModel):
    """Gould-Fernandez brokerage roles with the helix as group: counts of open two-paths."""

    actor: str
    label: str
    coordinator: int
    itinerant: int
    representative: int
    gatekeeper: int
    liaison: int
    total: int


class KeyPlayers(BaseModel):
    actors: list[str]
    labels: list[str]
    distance_fragmentation_without_them: float


class Synergy(BaseModel):
    bits_3d: float = Field(description="triple-helix mutual information (bits)")
    bits_4d: float = Field(description="quadruple-helix mutual information (bits)")
    collaborations: int


class Mixing(BaseModel):
    ties: dict[str, dict[str, int]]
    density: dict[str, dict[str, float]]
    assortativity: float | None


class Cluster(BaseModel):
    cluster: str
    label: str
    members: int
    size: int = Field(description="the larger of the members in the graph and those declared")
    below_critical_mass: bool
    helices: dict[str, int]
    missing: list[str]
    shannon: float
    blau: float = Field(description="Blau's index of helix diversity, 1 - sum p^2")
    internal_density: float
    in_other_clusters: float
    sectors: list[str]


class ParallelInitiative(BaseModel):
    first: str
    second: str
    jaccard: float
    sectors: list[str]
    shared_members: list[str]
    ties_between: int


class Recommendation(BaseModel):
    tie: tuple[str, str]
    gain: float | None
    kind: Literal["tie", "partner"]
    reason: str


class Communities(BaseModel):
    count: int
    modularity: float
    largest: int
    nmi_with_declared_clusters: float | None


class ReportParts(BaseModel):
    """Every part of the report; each is absent where the report left it out (``methods``
    says why)."""

    headline: Headline | None = None
    helices: dict[str, int] | None = None
    mixing: Mixing | None = None
    ei_index: float | None = None
    group_ei_index: dict[str, float | None] | None = None
    synergy: Synergy | None = None
    centrality: Centrality | None = None
    constraint: list[Ranked] | None = None
    brokerage: list[Broker] | None = None
    key_players: KeyPlayers | None = None
    recommendations: list[Recommendation] | None = None
    clusters: list[Cluster] | None = None
    parallel_initiatives: list[ParallelInitiative] | None = None
    communities: Communities | None = None
    findings: list[str] | None = None


class EcosystemReport(ReportParts):
    """The whole report."""

    scope: Scope
    methods: dict[str, str] = Field(description="how each estimated figure was estimated")
    headline: Headline
    helices: dict[str, int]
    findings: list[str]


#: The parts `/api/analysis/{part}` serves: route name -> the report's fields that make it.
PARTS: dict[str, tuple[str, ...]] = {
    "fragmentation": ("headline",),
    "key-players": ("key_players",),
    "brokerage": ("brokerage", "constraint"),
    "centrality": ("centrality",),
    "synergy": ("synergy", "mixing", "ei_index", "group_ei_index"),
    "clusters": ("clusters",),
    "parallel-initiatives": ("parallel_initiatives",),
    "recommendations": ("recommendations",),
    "communities": ("communities",),
    "findings": ("findings",),
}
Part = Literal[
    "fragmentation",
    "key-players",
    "brokerage",
    "centrality",
    "synergy",
    "clusters",
    "parallel-initiatives",
    "recommendations",
    "communities",
    "findings",
]
# the route's Literal must be spelled out for the schema; it may not drift from the table
assert set(get_args(Part)) == set(PARTS), "Part and PARTS disagree"
assert all(f in ReportParts.model_fields for fields in PARTS.values() for f in fields)


class ReportPart(BaseModel):
    """One part of the report, with its scope and the methods behind the whole report."""

    part: Part
    scope: Scope
    data: ReportParts
    methods: dict[str, str]
