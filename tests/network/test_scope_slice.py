"""Issue 27: a sector's or a country's report reads its slice of the store, not the whole
store's tables, and says what the whole store's reading says."""

from __future__ import annotations

from pathlib import Path

import pytest

from helixgraph.network.scope import Scope
from helixgraph.network.scope_slice import country_slice, sector_slice, sliceable
from helixgraph.network.tables import (
    ACTOR_TABLES,
    MEMBERSHIP_TABLES,
    STORE_WIDE_TABLES,
    TABLES,
    TIME_TABLES,
    fetch_tables,
)
from helixgraph.report.ecosystem import ecosystem_report
from helixgraph.report.parts import build_report, read_from
from helixgraph.report.precision import Precision
from helixgraph.store import KnowledgeGraph

FIXTURES = Path(__file__).parents[1] / "fixtures"

# The small ecosystem (fixtures/small-ecosystem.ttl: P1 2014-2016 of A, B, C; the cluster P2
# from 2018 of A, B) with P1 in health, and P3, a health project of B and D in 2019-2020. Every
# period is a blank node, as hand-written Turtle has them.
HEALTH = """
@prefix hx:   <https://w3id.org/helixgraph/ns#> .
@prefix org:  <http://www.w3.org/ns/org#> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .
@prefix ex:   <https://example.org/eco/> .
ex:P1 hx:sector hx:sectorHealth .
ex:P3 a hx:Project ; hx:sector hx:sectorHealth .
ex:m6 a org:Membership ; org:member ex:B ; org:organization ex:P3 ;
    org:memberDuring [ a time:Interval ;
        time:hasBeginning [ a time:Instant ; time:inXSDDate "2019-01-01"^^xsd:date ] ;
        time:hasEnd [ a time:Instant ; time:inXSDDate "2020-12-31"^^xsd:date ] ] .
ex:m7 a org:Membership ; org:member ex:D ; org:organization ex:P3 ;
    org:memberDuring [ a time:Interval ;
        time:hasBeginning [ a time:Instant ; time:inXSDDate "2019-01-01"^^xsd:date ] ;
        time:hasEnd [ a time:Instant ; time:inXSDDate "2020-12-31"^^xsd:date ] ] .
"""


@pytest.fixture
def small_health(tmp_path: Path) -> KnowledgeGraph:
    health = tmp_path / "health.ttl"
    health.write_text(HEALTH, encoding="utf-8")
    kg = KnowledgeGraph.in_memory(default_data=False)
    kg.load([FIXTURES / "small-ecosystem.ttl", health], validate=False)
    return kg


@pytest.mark.parametrize(
    ("years", "actors", "ties"),
    [
        (None, {"A", "B", "C", "D"}, 4),  # P1's triangle, and B-D through P3
        ((2015, 2015), {"A", "B", "C"}, 3),  # P1 alone runs in 2015
        ((2019, 2019), {"B", "D"}, 1),  # P3 alone: its blank-node period is read
        ((2017, 2017), set(), 0),  # no health project runs in 2017 (the cluster has no sector)
    ],
)
def test_a_sector_scope_is_read_from_its_slice_with_its_periods(
    small_health: KnowledgeGraph, years: tuple[int, int] | None, actors: set[str], ties: int
) -> None:
    scope = Scope(sector="health", years=years)
    part = sector_slice(small_health, scope)
    assert part is not None
    report = build_report(part, scope, "scope", 10, 1, Precision())
    assert report.headline.nodes == len(actors)
    assert report.headline.ties == ties
    ranked = report.centrality.degree if report.centrality else []
    assert {row.actor.rsplit("/", 1)[1] for row in ranked} == actors


def test_a_sector_scopes_report_reads_none_of_the_store_wide_tables(
    read_store: Path,
) -> None:
    """Counted, not timed: the default store's report of Hungary's health actors reads the
    slice (the health collaborations, their memberships and members) and no store-wide table of
    actors or memberships; the slice is a small part of what those tables hold."""
    scope = Scope(country="HU", sector="health")
    with KnowledgeGraph.open(read_store, read_only=True) as kg:
        report = ecosystem_report(kg, scope=scope)
        assert report.headline.nodes > 0
        for table in (*MEMBERSHIP_TABLES, *TIME_TABLES, "classification", "prefLabel", "country"):
            assert kg.kept(("table", table)) is None, table
        part = sector_slice(kg, scope)
        assert part is not None
        tables = fetch_tables(kg, *ACTOR_TABLES, *MEMBERSHIP_TABLES, *TIME_TABLES, "sector")
        rows = sum(len(found) for found in tables.values())
        assert len(part) * 4 < rows, (len(part), rows)


@pytest.mark.parametrize(
    "text",
    ["country=HU,sector=health", "sector=health,years=2016-2017", "region=HU1,sector=health"],
)
def test_a_slice_says_what_the_whole_store_says(read_store: Path, text: str) -> None:
    scope = Scope.parse(text)
    with KnowledgeGraph.open(read_store, read_only=True) as kg:
        part = read_from(kg, scope)  # the slice, told the whole store's years of activity
        assert part is not kg
        sliced = build_report(part, scope, "all", 10, 1, Precision())
        whole = build_report(kg, scope, "all", 10, 1, Precision())
        assert read_from(kg, scope) is kg  # the store-wide views built: they answer
    assert sliced.headline == whole.headline
    assert sliced.reach == whole.reach
    assert sliced.brokerage == whole.brokerage
    assert [row.year for row in sliced.by_year] == [row.year for row in whole.by_year]


def test_scopes_that_name_a_cluster_or_a_source_are_not_sliced() -> None:
    assert sliceable(Scope(sector="health"))
    assert sliceable(Scope(country="HU"))
    assert not sliceable(Scope(sector="health", cluster="mediklaszter"))
    assert not sliceable(Scope(sector="health", source="seed-ecosystem"))
    assert not sliceable(Scope(country="HU", cluster="mediklaszter"))
    assert not sliceable(Scope(country="HU", years=(2016, 2017)))  # every membership's dates
    assert not sliceable(Scope(helix="academia"))


# Three Hungarian actors, one of them (H3) known by two IRIs, only the other stating its
# country; two German partners. P1 joins H1, H3 (as H3b) and X; P2 joins X and Y; P3 Y and H2.
# Among the Hungarians alone: {H1, H3} and {H2}, F = 1 - 2/6; through the partners, one part.
CHAIN = """
@prefix hx:   <https://w3id.org/helixgraph/ns#> .
@prefix org:  <http://www.w3.org/ns/org#> .
@prefix owl:  <http://www.w3.org/2002/07/owl#> .
@prefix ex:   <https://example.org/chain/> .
ex:H1 org:classification hx:academia ; hx:country "HU" .
ex:H2 org:classification hx:business ; hx:country "HU" .
ex:H3 org:classification hx:government ; owl:sameAs ex:H3b .
ex:H3b hx:country "HU" .
ex:X org:classification hx:business ; hx:country "DE" .
ex:Y org:classification hx:academia ; hx:country "DE" .
ex:P1 a hx:Project . ex:P2 a hx:Project . ex:P3 a hx:Project .
ex:m1 org:member ex:H1 ; org:organization ex:P1 .
ex:m2 org:member ex:X ; org:organization ex:P1 .
ex:m3 org:member ex:H3b ; org:organization ex:P1 .
ex:m4 org:member ex:X ; org:organization ex:P2 .
ex:m5 org:member ex:Y ; org:organization ex:P2 .
ex:m6 org:member ex:Y ; org:organization ex:P3 .
ex:m7 org:member ex:H2 ; org:organization ex:P3 .
"""


def test_a_country_is_read_from_its_slice_and_reaches_through_the_partners(
    tmp_path: Path,
) -> None:
    chain = tmp_path / "chain.ttl"
    chain.write_text(CHAIN, encoding="utf-8")
    kg = KnowledgeGraph.in_memory(default_data=False)
    kg.load([chain], validate=False)
    scope = Scope(country="HU")
    part = country_slice(kg, scope)
    assert part is not None
    report = build_report(part, scope, "scope", 10, 1, Precision())
    head = report.headline
    assert (head.nodes, head.ties, head.components) == (3, 1, 2)
    assert head.fragmentation == pytest.approx(1 - 2 / 6)
    assert report.reach is not None
    wider = report.reach.through_all
    assert (wider.parts, wider.outside_partners, wider.fragmentation) == (1, 2, 0.0)
    # H1 to H3 one tie, to H2 three (H1-X, X-Y, Y-H2), H3 to H2 three: DF = 1 - mean(1/d)
    assert wider.distance_fragmentation == pytest.approx(1 - (1 + 1 / 3 + 1 / 3) / 3)


@pytest.mark.parametrize(
    "text",
    [
        "country=HU",
        "country=DE",
        "country=HU,region=HU1",
        "country=HU,helix=academia",
    ],
)
def test_a_country_slice_says_what_the_whole_store_says(read_store: Path, text: str) -> None:
    scope = Scope.parse(text)
    with KnowledgeGraph.open(read_store, read_only=True) as kg:
        part = read_from(kg, scope)
        assert part is not kg
        sliced = build_report(part, scope, "all", 10, 1, Precision())
        whole = build_report(kg, scope, "all", 10, 1, Precision())
    assert sliced.headline == whole.headline
    assert sliced.reach == whole.reach
    assert sliced.brokerage == whole.brokerage
    assert sliced.clusters == whole.clusters
    assert sliced.recommendations == whole.recommendations
    assert sliced.by_year == whole.by_year
    assert sliced.findings == whole.findings


def test_a_countrys_report_reads_a_part_of_the_store_wide_tables(read_store: Path) -> None:
    """Counted, not timed: Hungary's report reads no store-wide table of roles, dates or
    labels; what it reads (its slice, and the tables of the actors, the collaborations and the
    memberships' two ends) is under four fifths of the rows of the tables a report read before
    (every store-wide table; on all of H2020 two fifths)."""
    with KnowledgeGraph.open(read_store, read_only=True) as kg:
        report = ecosystem_report(kg, scope=Scope(country="HU"))
        assert report.headline.nodes > 0
        for table in ("role", *TIME_TABLES, "prefLabel", "sector", "title"):
            assert kg.kept(("table", table)) is None, table
        told = sum(len(kg.kept(("table", name)) or []) for name in TABLES)
        part = country_slice(kg, Scope(country="HU"))
        assert part is not None
        read = told + len(part)
        every = sum(len(rows) for rows in fetch_tables(kg, *STORE_WIDE_TABLES).values())
    assert read * 5 < every * 4, (read, every)
