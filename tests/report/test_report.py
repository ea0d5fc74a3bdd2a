"""The assembled report and `helixgraph analyze` on the seed ecosystem, checked against what the
seed file says and the functions' own published-value tests."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from conftest import SEED_FILE
from typer.testing import CliRunner

from helixgraph.analysis import cluster_diagnostics, parallel_initiatives, what_if
from helixgraph.cli.commands import app
from helixgraph.network import views
from helixgraph.report.ecosystem import ecosystem_report
from helixgraph.store import KnowledgeGraph

CLUSTER = "https://w3id.org/helixgraph/id/cluster/"


@pytest.fixture(scope="module")
def seed_only() -> KnowledgeGraph:
    kg = KnowledgeGraph.in_memory(default_data=False)
    kg.load([SEED_FILE])
    return kg


@pytest.fixture(scope="module")
def seed_as_if_real(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeGraph:
    """The seed with its examples' hx:illustrative marks taken away: a small ecosystem with
    two clusters in one sector, to check the measures on by hand."""
    import rdflib

    from helixgraph.rdf.vocab import HX

    seed = rdflib.Graph().parse(SEED_FILE)
    seed.remove((None, rdflib.URIRef(HX.illustrative), None))
    path = tmp_path_factory.mktemp("seed") / "seed-as-if-real.ttl"
    seed.serialize(path, format="turtle")
    kg = KnowledgeGraph.in_memory(default_data=False)
    kg.load([path])
    return kg


def test_examples_take_no_part_in_the_seed_s_clusters(seed_only: KnowledgeGraph) -> None:
    rows = {r["cluster"]: r for r in cluster_diagnostics(views.affiliation_graph(seed_only))}
    # cluster B is an example; MediKlaszter's three example SMEs are not members
    assert set(rows) == {CLUSTER + "mediklaszter"}
    medi = rows[CLUSTER + "mediklaszter"]
    # 7 institutes and the manager, 49 members declared
    assert (medi["members"], medi["size"]) == (8, 49)
    assert medi["helices"] == {"government": 0, "academia": 7, "business": 0, "community": 1}
    assert (
        parallel_initiatives(views.affiliation_graph(seed_only), views.relation_graph(seed_only))
        == []
    )


def test_seed_clusters(seed_as_if_real: KnowledgeGraph) -> None:
    A = views.affiliation_graph(seed_as_if_real)
    rows = {r["cluster"]: r for r in cluster_diagnostics(A)}
    medi = rows[CLUSTER + "mediklaszter"]
    # 7 institutes, the manager and 3 illustrative SMEs in the graph; 49 members declared
    assert (medi["members"], medi["size"], medi["below_critical_mass"]) == (11, 49, False)
    assert medi["helices"] == {"government": 0, "academia": 7, "business": 3, "community": 1}
    assert medi["missing"] == ["government"]
    b = rows[CLUSTER + "example-health-cluster-b"]
    assert (b["size"], b["below_critical_mass"]) == (12, True)
    # the digital health SME and the University of Szeged are in both clusters
    assert b["in_other_clusters"] == pytest.approx(2 / 5)
    assert medi["in_other_clusters"] == pytest.approx(2 / 11)


def test_seed_parallel_initiatives(seed_as_if_real: KnowledgeGraph) -> None:
    (pair,) = parallel_initiatives(
        views.affiliation_graph(seed_as_if_real), views.relation_graph(seed_as_if_real)
    )
    assert {pair["first"], pair["second"]} == {
        CLUSTER + "mediklaszter",
        CLUSTER + "example-health-cluster-b",
    }
    assert pair["sectors"] == ["sectorHealth"]
    assert pair["jaccard"] == pytest.approx(2 / 14)
    assert pair["ties_between"] == 0


def test_what_if_the_kite_loses_heather() -> None:
    result = what_if(nx.krackhardt_kite_graph(), remove=[7])
    assert result["after"]["fragmentation"] == pytest.approx(0.388889, abs=1e-6)
    assert result["after"]["distance_fragmentation"] == pytest.approx(0.486111, abs=1e-6)
    assert result["before"]["components"] == 1
    assert result["after"]["components"] == 2


def test_what_if_merging_joins_parts() -> None:
    G = nx.Graph([("a", "c1"), ("b", "c2")])
    result = what_if(G, merge=[("c1", "c2")])
    assert (result["before"]["components"], result["after"]["components"]) == (2, 1)


def test_report_on_the_seed(seed_only: KnowledgeGraph) -> None:
    import rdflib

    report = ecosystem_report(seed_only, top=3)
    seed = rdflib.Graph().parse(SEED_FILE)
    real = seed.query(
        """SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a org:classification ?h
             FILTER NOT EXISTS { ?a hx:illustrative true } }""",
        initNs={
            "org": rdflib.Namespace("http://www.w3.org/ns/org#"),
            "hx": rdflib.Namespace("https://w3id.org/helixgraph/ns#"),
        },
    )
    assert report.headline.nodes == int(next(iter(real))[0]) == 13
    assert report.headline.components == 2  # the EU funds a project, not an actor
    # the EU alone: F = 1 - (12 * 11) / (13 * 12)
    assert report.headline.fragmentation == pytest.approx(1 - 132 / 156)
    assert "illustrative" not in report.model_dump_json()
    assert report.methods["distance_fragmentation"] == "exact"
    assert report.methods["key_players"].startswith("distance fragmentation, ")
    players = report.key_players
    assert players is not None
    assert players.distance_fragmentation_without_them > report.headline.distance_fragmentation
    assert 3 <= len(report.findings) <= 6
    assert "MediKlaszter" in report.findings[-1]  # the parallel initiative, by name
    assert players.holds_together  # exact: any rise counts
    assert all(label in " ".join(report.findings) for label in players.labels)
    assert report.centrality
    assert len(report.centrality.degree) == 3


def test_analyze_prints_the_findings(tmp_path: object) -> None:
    store = tmp_path / "store"  # type: ignore[operator]
    with KnowledgeGraph.open(store, default_data=False) as kg:
        kg.load([SEED_FILE])
    table = CliRunner().invoke(app, ["analyze", "--top", "2", "--store", str(store)])
    assert table.exit_code == 0, table.output
    assert "Findings" in table.stdout
    assert "MediKlaszter" in table.stdout


@pytest.mark.slow
def test_analyze_the_default_ecosystem_estimates_and_says_so(read_store: object) -> None:
    result = CliRunner().invoke(
        app, ["analyze", "--json", "--top", "2", "--store", str(read_store)]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["headline"]["nodes"] > 2000
    assert report["methods"]["betweenness"].startswith("estimated from 1024 random sources")
    assert 0 < report["headline"]["distance_fragmentation_error"] < 0.05


def test_a_report_in_a_worker_is_the_report_and_stops_at_its_deadline(read_store: Path) -> None:
    from helixgraph.errors import AnalysisTimeoutError
    from helixgraph.network.scope import Scope

    health = Scope.parse("country=HU,sector=health")
    with KnowledgeGraph.open(read_store, read_only=True) as kg:
        with pytest.raises(AnalysisTimeoutError, match="deadline"):
            ecosystem_report(kg, scope=health, deadline=0.05)
        built_apart = ecosystem_report(kg, scope=health, deadline=120)
        kg.forget()
        built_here = ecosystem_report(kg, scope=health)
    # the same figures as built in this process (which the scope tests check independently)
    assert built_apart == built_here
    assert built_apart.headline.nodes > 0


@pytest.mark.timing
def test_a_fresh_workers_store_wide_views_are_not_counted_in_a_deadline(read_store: Path) -> None:
    """A fresh analysis worker builds the store-wide views when a request first needs them
    (Hungary's report of 2016-2017 does; Hungary's health actors do not: their sector's
    slice); the time
    they take (seconds, with the worker's start) is not the request's: both are answered
    within a deadline shorter than the whole call, and answer what this process computes."""
    import time

    from helixgraph.network.scope import Scope
    from helixgraph.report.key import ReportKey
    from helixgraph.report.precision import Precision
    from helixgraph.report.worker import AnalysisWorker

    deadline = 1.0
    with KnowledgeGraph.open(read_store, read_only=True) as kg:
        for scope in (
            Scope(country="HU", sector="health"),
            Scope(country="HU", years=(2016, 2017)),
        ):
            worker = AnalysisWorker(read_store)
            try:
                started = time.perf_counter()
                apart = worker.report(kg, ReportKey(scope, "scope", 10, 1, Precision()), deadline)
                took = time.perf_counter() - started
            finally:
                worker.stop()
            here = ecosystem_report(kg, scope=scope, precision=Precision())
            assert apart.headline == here.headline
            if scope.years:  # the views were built in the call, and not counted
                assert took > deadline, took


def test_an_idle_analysis_worker_ends_and_the_next_request_starts_one(read_store: Path) -> None:
    """The worker's views are the store's size: idle past ``idle_after`` it ends (its memory
    back to the system), and the next request starts a fresh one that answers the same."""
    import multiprocessing
    import time

    from helixgraph.network.scope import Scope
    from helixgraph.report.key import ReportKey
    from helixgraph.report.precision import Precision
    from helixgraph.report.worker import AnalysisWorker
    from helixgraph.settings import Settings

    def analysis_workers() -> set[int]:  # this process's, other tests' included
        names = multiprocessing.active_children()
        return {p.pid for p in names if p.name == "helixgraph-analysis" and p.pid}

    key = ReportKey(Scope.parse("country=HU,sector=health"), "scope", 10, 1,
                    Precision.from_settings(Settings()))  # fmt: skip
    others = analysis_workers()
    worker = AnalysisWorker(read_store)
    worker.idle_after = 2.0
    with KnowledgeGraph.open(read_store, read_only=True) as kg:
        first = worker.report(kg, key, deadline=120)
        (mine,) = analysis_workers() - others
        time.sleep(1.2)
        worker.report(kg, key, deadline=120)  # a request re-arms the idle time
        time.sleep(1.2)
        assert mine in analysis_workers()  # 2.4 s after the first request, 1.2 s idle
        ended = time.monotonic() + 10
        while mine in analysis_workers() and time.monotonic() < ended:
            time.sleep(0.1)
        assert mine not in analysis_workers()
        again = worker.report(kg, key, deadline=120)
        assert len(analysis_workers() - others - {mine}) == 1  # a fresh one
        worker.stop()
    assert again == first
    assert first.headline.nodes > 0


def test_a_cluster_scope_is_named_by_the_cluster_s_name(seed_only: KnowledgeGraph) -> None:
    import rdflib

    from helixgraph.network.scope import Scope
    from helixgraph.report.findings import findings

    cluster = rdflib.URIRef("https://w3id.org/helixgraph/id/cluster/mediklaszter")
    seed = rdflib.Graph().parse(SEED_FILE)
    name = str(seed.value(cluster, rdflib.SKOS.prefLabel))
    report = ecosystem_report(seed_only, scope=Scope.parse("cluster=mediklaszter"))
    assert report.scope.description == f"cluster {name}"
    assert f"(cluster {name})" in report.findings[0]
    assert f"klaszter: {name}" in findings(report, "hu")[0]
