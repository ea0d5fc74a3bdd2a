"""The ecosystem report's shape: what `/api/analysis/report` answers, what `analyze --json`
prints, and the parts the API serves one by one (:data:`PARTS`)."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, Field


class ScopeSummary(BaseModel):
    """What the report is about (README, "Scope")."""

    years: list[int] | None = Field(description="[first, last] year, or null for every year")
    filters: dict[str, str] = Field(
        default_factory=dict, description="country, region, sector, helix, cluster, source"
    )
    description: str = Field(default="the whole store", description="the scope in words")
    labels: dict[str, str] = Field(
        default_factory=dict, description="names of filter values given by id (a cluster's)"
    )
    through: Literal["scope", "all"] = Field(
        default="scope",
        description="scope: the focal network alone; all: paths may pass through outside actors",
    )
    actors: int = Field(default=0, description="focal actors: the nodes of the network")
    exact: bool = Field(default=True, description="whether every measure is exact")


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


class KeyPlayerAlone(BaseModel):
    actor: str
    label: str
    distance_fragmentation_change: float = Field(description="DF without this one alone, minus DF")


class KeyPlayers(BaseModel):
    """The key-player set, reported (``actors``) only when removing it changes distance
    fragmentation by more than the figure's error; ``tested`` names who was tried."""

    actors: list[str]
    labels: list[str]
    tested: list[str] = Field(default_factory=list)
    distance_fragmentation_before: float | None = None
    distance_fragmentation_without_them: float
    distance_fragmentation_change: float | None = None
    error: float = Field(default=0.0, description="what a change must exceed to count")
    holds_together: bool = Field(default=True, description="whether the set matters")
    alone: list[KeyPlayerAlone] = Field(default_factory=list)


class ReachSide(BaseModel):
    fragmentation: float
    distance_fragmentation: float
    distance_fragmentation_error: float
    parts: int = Field(description="parts the focal actors fall into")
    largest: int = Field(description="focal actors in the largest part")


class ReachAll(ReachSide):
    isolates: int
    actors_in_wider_network: int
    outside_partners: int = Field(
        0, description="actors outside the scope that paths between its actors can pass through"
    )


class Reach(BaseModel):
    """The focal actors' fragmentation among themselves and through outside partners."""

    through_scope: ReachSide
    through_all: ReachAll


class YearRow(BaseModel):
    year: int
    actors: int = Field(description="actors in scope active that year")
    collaborations: int
    parts: int
    largest: int
    fragmentation: float
    synergy_bits_3d: float | None


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
    labels: list[str] | None = None
    gain: float | None
    kind: Literal["tie", "partner"]
    steps_apart: int | None = Field(default=None, description="null: in separate parts")
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
    reach: Reach | None = None
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
    by_year: list[YearRow] | None = None
    findings: list[str] | None = None


class EcosystemReport(ReportParts):
    """The whole report."""

    scope: ScopeSummary
    methods: dict[str, str] = Field(description="how each estimated figure was estimated")
    headline: Headline
    helices: dict[str, int]
    findings: list[str]


#: The parts `/api/analysis/{part}` serves: route name -> the report's fields that make it.
PARTS: dict[str, tuple[str, ...]] = {
    "fragmentation": ("headline", "reach"),
    "key-players": ("key_players",),
    "brokerage": ("brokerage", "constraint"),
    "centrality": ("centrality",),
    "synergy": ("synergy", "mixing", "ei_index", "group_ei_index"),
    "clusters": ("clusters",),
    "parallel-initiatives": ("parallel_initiatives",),
    "recommendations": ("recommendations",),
    "communities": ("communities",),
    "by-year": ("by_year",),
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
    "by-year",
    "findings",
]
# the route's Literal must be spelled out for the schema; it may not drift from the table
assert set(get_args(Part)) == set(PARTS), "Part and PARTS disagree"
assert all(f in ReportParts.model_fields for fields in PARTS.values() for f in fields)


class ScopeFigures(BaseModel):
    """One scope's headline figures, as ``compare`` sets them side by side."""

    scope: str = Field(description="the scope as --scope takes it")
    description: str
    actors: int
    ties: int
    parts: int
    largest: int
    fragmentation: float
    fragmentation_through_all: float | None
    distance_fragmentation: float
    distance_fragmentation_error: float
    collaborations: int
    synergy_bits_3d: float | None
    helices: dict[str, int]
    exact: bool
    note: str | None = Field(description="why the figures may not be what they seem")
    seen_through_joint_projects: bool = Field(
        description="every collaboration of this peer includes an actor of the first scope: "
        "the store holds it only as that ecosystem's partner"
    )


class ReportPart(BaseModel):
    """One part of the report, with its scope and the methods behind the whole report."""

    part: Part
    scope: ScopeSummary
    data: ReportParts
    methods: dict[str, str]
