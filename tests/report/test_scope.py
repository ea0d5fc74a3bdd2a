"""Issue 13: analysis scoped to a country, sector, cluster, source or years.

The figures of the whole of Horizon 2020 are the issue's, computed independently from the
shared CSV (networkx on the rows, see ``independent_figures``); the small graphs' key players
and tie gains are checked against exhaustive networkx computations.
"""

from __future__ import annotations

import csv
import gzip
import itertools
import json
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import httpx
import networkx as nx
import pytest
from conftest import H2020, H2020_PARTS, Server, default_actors
from typer.testing import CliRunner

from helixgraph.analysis.fragmentation import distance_fragmentation, key_players
from helixgraph.analysis.keyplayers import search_key_players
from helixgraph.analysis.recommend import recommend_ties
from helixgraph.cli.commands import app
from helixgraph.errors import InputError
from helixgraph.network import views
from helixgraph.network.scope import Scope, scoped_network
from helixgraph.report.compare import compare_scopes
from helixgraph.report.ecosystem import ecosystem_report
from helixgraph.report.years import fragmentation_by_year, yearly
from helixgraph.store import KnowledgeGraph

# -- the scope as users write it ----------------------------------------------------------------


def test_a_scope_is_parsed_and_normalised() -> None:
    scope = Scope.parse("country=uk, sector=health,years=2016-2017")
    assert (scope.country, scope.sector, scope.years) == ("GB", "health", (2016, 2017))
    assert scope.text() == "country=GB,sector=health,years=2016-2017"
    assert Scope.parse(None).whole
    assert Scope.parse("").whole


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("contry=HU", "say one of country, region, sector"),
        ("country=", "give a value after '='"),
        ("country=HU,country=CZ", "country is given twice"),
        ("helix=industry", "one of government, academia, business, community"),
        ("years=2017-2016", "give a year or a range of years"),
    ],
)
def test_a_wrong_scope_says_what_is_wrong(text: str, says: str) -> None:
    with pytest.raises(InputError, match=says):
        Scope.parse(text)


def test_a_scope_naming_nothing_the_store_knows_is_refused(seed_kg: KnowledgeGraph) -> None:
    with pytest.raises(InputError, match=r"not a sector of the ontology; one of .*health"):
        scoped_network(seed_kg, Scope(sector="helth"))
    with pytest.raises(InputError, match=r"no such cluster; the clusters: .*mediklaszter"):
        scoped_network(seed_kg, Scope(cluster="nope"))
    with pytest.raises(InputError, match=r"no such graph; the graphs: .*seed-ecosystem"):
        scoped_network(seed_kg, Scope(source="nope"))


def test_the_cli_refuses_a_wrong_scope_without_a_traceback(tmp_path: Path) -> None:
    store = tmp_path / "store"
    with KnowledgeGraph.open(store):
        pass
    result = CliRunner().invoke(app, ["analyze", "--scope", "sector=helth", "--store", str(store)])
    assert result.exit_code != 0
    assert "sector 'helth': not a sector" in result.output
    assert "Traceback" not in result.output


# -- a cluster's members, a source's actors -------------------------------------------------------


def test_a_cluster_scope_is_its_members_tied_by_their_other_collaborations(
    seed_kg: KnowledgeGraph,
) -> None:
    """MediKlaszter's real members, tied only where they share something besides the cluster."""
    cluster = "https://w3id.org/helixgraph/id/cluster/mediklaszter"
    rows = seed_kg.select(
        "SELECT ?a ?c WHERE { ?m org:member ?a ; org:organization ?c . "
        f"?n org:member ?a ; org:organization <{cluster}> . "
        + " ".join(f"FILTER NOT EXISTS {{ ?{v} hx:illustrative true }}" for v in "acmn")
        + " }"
    )
    members = {r["a"] for r in rows}
    others: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        if r["c"] != cluster:
            others[r["a"]].add(r["c"])
    expected = {
        frozenset((u, v))
        for u, v in itertools.combinations(sorted(members), 2)
        if others[u] & others[v]
    }
    N = scoped_network(seed_kg, Scope(cluster="mediklaszter")).actors
    assert set(N) == members
    tied = {frozenset((u, v)) for u, v, w in N.edges(data="weight") if w}
    assert tied == expected
    assert len(members) > len(tied)  # the cluster alone would have tied them all


def test_a_source_scope_is_the_actors_of_that_graph(seed_kg: KnowledgeGraph) -> None:
    stated = {
        r["s"]
        for r in seed_kg.select(
            "SELECT DISTINCT ?s WHERE { GRAPH <https://w3id.org/helixgraph/graph/seed-ecosystem>"
            " { ?s org:classification ?h } ?h skos:inScheme hx:Helix"
            " FILTER NOT EXISTS { ?s hx:illustrative true } }"
        )
    }
    N = scoped_network(seed_kg, Scope(source="seed-ecosystem")).actors
    assert set(N) <= stated
    assert len(N) >= len(stated) - 2  # an actor with neither membership nor tie is left out


# -- exact key players and tie gains ------------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("k", [1, 2, 3])
def test_the_key_player_search_finds_the_exhaustive_optimum(seed: int, k: int) -> None:
    G = nx.gnm_random_graph(24, 32, seed=seed)
    found = search_key_players(G, k)
    _, best = key_players(G, k, method="exhaustive")
    assert found.after == pytest.approx(best, abs=1e-12)
    assert found.after == pytest.approx(
        distance_fragmentation(G.subgraph(set(G) - set(found.players)))
    )
    assert found.before == pytest.approx(distance_fragmentation(G))
    assert found.complete


@pytest.mark.parametrize("size", [30, 70])  # every missing tie scored at once; by candidates
def test_a_recommended_tie_gains_what_networkx_measures(size: int) -> None:
    G = nx.connected_watts_strogatz_graph(size, 4, 0.05, seed=4)
    G.add_edges_from([(100, 101), (101, 102)])  # a separate part
    before = distance_fragmentation(G)
    first, second = recommend_ties(G, n=2)
    H = nx.Graph(G)
    H.add_edge(*first["tie"])
    assert first["gain"] == pytest.approx(before - distance_fragmentation(H), abs=1e-12)
    H.add_edge(*second["tie"])
    assert second["gain"] == pytest.approx(
        before - first["gain"] - distance_fragmentation(H), abs=1e-12
    )


# -- the default store: Hungary with its partners -------------------------------------------------


def test_the_report_of_a_scope_names_its_actors(seed_kg: KnowledgeGraph) -> None:
    report = ecosystem_report(seed_kg, scope=Scope(country="HU"))
    assert report.scope.filters == {"country": "HU"}
    assert report.scope.exact is True
    assert report.centrality
    assert report.reach
    assert report.by_year
    labels = {row.label for row in report.centrality.degree}
    assert not any(label.startswith("PIC ") for label in labels)  # named, or described
    assert report.reach.through_all.fragmentation <= report.reach.through_scope.fragmentation
    assert any("separate parts" in f for f in report.findings)
    whole_years = {row["year"]: row["actors"] for row in fragmentation_by_year(seed_kg)}
    for row in report.by_year:  # Hungary's actors are some of each year's actors
        assert 0 < row.actors <= min(whole_years[row.year], report.headline.nodes)


def test_years_count_only_the_actors_active_then(seed_kg: KnowledgeGraph) -> None:
    """No phantom isolates: `--years` and the per-year table agree on who is there."""
    rows = {row["year"]: row for row in fragmentation_by_year(seed_kg)}
    year = max(rows, key=lambda y: rows[y]["actors"])
    report = ecosystem_report(seed_kg, years=(year, year))
    assert report.headline.nodes == rows[year]["actors"]
    assert report.headline.fragmentation == pytest.approx(rows[year]["fragmentation"])
    assert report.headline.components == rows[year]["parts"]


# -- the whole of Horizon 2020: the issue's figures --------------------------------------


def independent_figures(country: str, part: str | None, years: tuple[int, int] | None) -> tuple:
    """Actors, ties, parts, largest, F, DF of a country's actors, straight from the CSV."""
    with gzip.open(H2020_PARTS, "rt") as file:
        parts: dict[str, set[str]] = defaultdict(set)  # a project may be in several parts
        for r in csv.DictReader(file):
            parts[r["rcn"]].add(r["programme_part"])
    projects: dict[str, set[str]] = defaultdict(set)
    with gzip.open(H2020, "rt") as file:
        for r in csv.DictReader(file):
            if r["country"] != country or (part and part not in parts[r["rcn"]]):
                continue
            first = None if r["start_year"] == "NA" else int(r["start_year"])
            last = None if r["end_year"] == "NA" else int(r["end_year"])
            if years and not (
                (first is None or first <= years[1]) and (last is None or last >= years[0])
            ):
                continue
            projects[r["rcn"]].add(r["pic"])
    G = nx.Graph()
    for members in projects.values():
        G.add_nodes_from(members)
        G.add_edges_from(itertools.combinations(sorted(members), 2))
    sizes = sorted((len(c) for c in nx.connected_components(G)), reverse=True)
    n = len(G)
    F = 1 - sum(s * (s - 1) for s in sizes) / (n * (n - 1))
    return n, G.number_of_edges(), len(sizes), sizes[0], F, distance_fragmentation(G)


@pytest.fixture(scope="module")
def h2020(h2020_store: tuple[Path, dict[str, int]]) -> Iterator[KnowledgeGraph]:
    """The whole of H2020 imported into a fresh store (conftest), opened once, read-only: its
    views (20 s to build) serve every test, built first (a country's report would read its
    slice, the years' report build them after it: tests/network/test_scope_slice.py holds
    that both say the same)."""
    kg = KnowledgeGraph.open(h2020_store[0], read_only=True)
    views.build_store_wide(kg)
    yield kg
    kg.close()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("scope", "expected", "independent"),
    [
        ("country=HU", (438, 373, 230, 169, 0.850767, 0.958019), ("HU", None, None)),
        ("country=HU,sector=health", (41, 4, 37, 3, 0.993902, 0.994512), ("HU", "SC1", None)),
        (
            "country=HU,years=2016-2017",
            (267, 205, 149, 86, 0.895131, 0.970979),
            ("HU", None, (2016, 2017)),
        ),
    ],
)
def test_the_issues_figures_on_the_whole_of_horizon_2020(
    h2020: KnowledgeGraph, scope: str, expected: tuple, independent: tuple
) -> None:
    report = ecosystem_report(h2020, scope=Scope.parse(scope))
    head = report.headline
    largest = round(head.largest_component_share * head.nodes)
    found = (head.nodes, head.ties, head.components, largest)
    assert found == expected[:4] == independent_figures(*independent)[:4]
    assert head.fragmentation == pytest.approx(expected[4], abs=1e-6)
    assert head.distance_fragmentation == pytest.approx(expected[5], abs=1e-6)
    assert head.distance_fragmentation_error == 0.0
    assert report.scope.exact is True
    assert report.methods["distance_fragmentation"] == "exact"
    assert report.key_players
    assert report.key_players.holds_together is True
    assert report.brokerage
    assert report.recommendations
    years = Scope.parse(scope).years
    if years:  # `--years` and the per-year table agree: the same actors, the same F
        (row,) = yearly(h2020, Scope.parse(scope).with_years(None), [years[0]])
        one = ecosystem_report(h2020, scope=Scope.parse(scope).with_years((years[0],) * 2))
        assert (row["actors"], row["parts"]) == (one.headline.nodes, one.headline.components)
        assert row["fragmentation"] == pytest.approx(one.headline.fragmentation)


@pytest.mark.slow
def test_through_all_partners_on_the_whole_of_horizon_2020(h2020: KnowledgeGraph) -> None:
    report = ecosystem_report(h2020, scope=Scope(country="HU"), through="all")
    head = report.headline
    assert head.nodes == 438
    assert head.fragmentation == pytest.approx(0.361775, abs=1e-6)
    assert (head.components, round(head.largest_component_share * 438)) == (84, 350)
    both = report.reach
    assert both
    assert both.through_scope.fragmentation == pytest.approx(0.850767, abs=1e-6)
    assert any("through outside partners" in f for f in report.findings)


@pytest.mark.slow
def test_compare_on_the_whole_of_horizon_2020(h2020: KnowledgeGraph) -> None:
    hu, cz = compare_scopes(
        h2020, [Scope.parse("country=HU,sector=health"), Scope.parse("country=CZ,sector=health")]
    )
    assert (hu["actors"], hu["ties"], hu["parts"]) == (41, 4, 37)
    assert hu["fragmentation"] == pytest.approx(0.993902, abs=1e-6)
    assert cz["actors"] == independent_figures("CZ", "SC1", None)[0]
    assert cz["note"] is None  # the whole programme: Czech projects without Hungarians too


def test_the_rest_api_takes_the_scope(server: Server, seed_kg: KnowledgeGraph) -> None:
    """The default store's server: the scope as query parameters, a wrong one refused."""
    health = scoped_network(seed_kg, Scope(country="HU", sector="health")).actors
    with httpx.Client(base_url=server.base, timeout=120) as http:
        for _ in range(30):  # the start-up warm-up may hold the analysis: 503 + Retry-After
            body = http.get(
                "/api/analysis/report",
                params={"country": "HU", "sector": "health"},
                headers={"Connection": "close"},  # idle connections are dropped within seconds
            )
            if body.status_code != 503:
                break
            time.sleep(float(body.headers.get("Retry-After", "2")))
        assert body.status_code == 200, body.text
        report = body.json()
        assert report["scope"]["filters"] == {"country": "HU", "sector": "health"}
        assert report["headline"]["nodes"] == len(health)
        assert report["headline"]["ties"] == health.number_of_edges()
        wrong = http.get("/api/analysis/report", params={"sector": "helth"})
        assert wrong.status_code == 422
        assert "not a sector" in wrong.json()["detail"]
        page = http.get("/", params={"country": "HU", "sector": "health"})
        assert page.status_code == 200
        assert "country HU, sector health" in page.text
        compared = http.get(
            "/api/analysis/compare",
            params=[("scope", "country=HU,sector=health"), ("scope", "country=CZ,sector=health")],
        ).json()
        assert compared[0]["actors"] == len(health)
        assert "only through its joint projects" in compared[1]["note"]


def test_analyze_and_compare_on_the_command_line(read_store: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        app,
        ["analyze", "--scope", "country=HU,sector=health", "--json", "--store", str(read_store)],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["scope"]["filters"] == {"country": "HU", "sector": "health"}
    table = runner.invoke(
        app,
        ["compare", "--scope", "country=HU", "--with", "country=CZ", "--store", str(read_store)],
    )
    assert table.exit_code == 0, table.output
    assert "F among themselves" in table.stdout
    assert "only through its joint projects" in table.stdout


def test_compare_on_the_default_store_says_peers_are_seen_through_hungary(
    seed_kg: KnowledgeGraph,
) -> None:
    """The default store holds the projects with a Hungarian partner: a peer country's actors
    there are all Hungary's partners, and comparing them as an ecosystem would mislead."""
    hu, cz = compare_scopes(seed_kg, [Scope(country="HU"), Scope(country="CZ")])
    assert hu["note"] is None
    assert "only through its joint projects" in cz["note"]
    czech = [a for a in default_actors().values() if a["country"] == "CZ"]  # from the CSV
    assert cz["actors"] == len(czech) > 0


@pytest.mark.parametrize("written", ["HU", "hu", "Hungary", "Magyarország", "magyarorszag"])
def test_a_country_by_its_code_or_its_name_in_english_or_hungarian(written: str) -> None:
    assert Scope.parse(f"country={written}") == Scope(country="HU")


def test_a_country_nobody_knows_is_refused_with_how_to_write_one() -> None:
    from helixgraph.errors import InputError

    with pytest.raises(InputError, match="'Atlantis': give its ISO code"):
        Scope.parse("country=Atlantis")


def test_a_cluster_with_no_outside_tie_has_no_outside_partner_to_speak_of(
    tmp_path: Path,
) -> None:
    """The default store's 6,900 CORDIS actors are no partners of a cluster none of whose
    members works with them: the finding says it has none (it spoke of 6,914)."""
    from helixgraph.importers.spreadsheet import import_spreadsheet
    from helixgraph.report.ecosystem import ecosystem_report

    (tmp_path / "actors.csv").write_text(
        "id,name,helix,country\na,Alpha,business,HU\nb,Beta,academia,HU\nc,Gamma,community,HU\n",
        encoding="utf-8",
    )
    (tmp_path / "memberships.csv").write_text(
        "actor,collaboration,role,start,end\n"
        + "".join(f"{who},Lonely Cluster,clusterMember,,\n" for who in "abc"),
        encoding="utf-8",
    )
    kg = KnowledgeGraph.in_memory()
    import_spreadsheet(kg, [tmp_path])
    report = ecosystem_report(kg, scope=Scope(cluster="lonely-cluster"), through="all")
    assert report.reach
    assert report.reach.through_all.outside_partners == 0
    assert "no outside partner" in " ".join(report.findings)
    assert "outside partners:" not in " ".join(report.findings)


def test_a_member_lists_own_cluster_ties_nobody_in_its_source_scope(tmp_path: Path) -> None:
    """A manager's list: a cluster of four, two of whom also share a project. Scoped by the
    list (its source), as by the cluster, the cluster is the scope itself and ties nobody:
    counted by hand, one tie (c-d) and three parts {a} {b} {c, d}; F = 1 - 2/12."""
    from helixgraph.importers.spreadsheet import import_spreadsheet

    folder = tmp_path / "valley"
    folder.mkdir()
    (folder / "actors.csv").write_text(
        "id,name,helix,country\na,Alpha,business,HU\nb,Beta,academia,HU\n"
        "c,Gamma,community,HU\nd,Delta,government,HU\n",
        encoding="utf-8",
    )
    (folder / "memberships.csv").write_text(
        "actor,collaboration,role,start,end,kind\n"
        + "".join(f"{who},Valley Cluster,clusterMember,,,cluster\n" for who in "abcd")
        + "c,Joint Project,,,,project\nd,Joint Project,,,,project\n",
        encoding="utf-8",
    )
    kg = KnowledgeGraph.in_memory(default_data=False)
    import_spreadsheet(kg, [folder])
    for scope in (Scope(source="spreadsheet-valley"), Scope(cluster="valley-cluster")):
        N = scoped_network(kg, scope).actors
        assert (N.number_of_nodes(), N.number_of_edges()) == (4, 1), scope
        assert sorted(len(c) for c in nx.connected_components(N)) == [1, 1, 2]
