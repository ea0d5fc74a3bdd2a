"""The start-up warm-up never stands in a request's way (issue 27, item 1): a report of another
scope asked while the server computes its home report is answered, not 503."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import httpx
import pytest
from conftest import running_server

from helixgraph.network.scope import Scope, home_scope
from helixgraph.report.computing import computing_lock
from helixgraph.report.ecosystem import ecosystem_report
from helixgraph.store import KnowledgeGraph

pytestmark = pytest.mark.slow


def test_a_report_in_the_worker_waits_for_no_computation_of_the_server(read_store: Path) -> None:
    """While the server computes (the lock its warm-up holds), a report with a deadline is
    built in the analysis worker, not refused after ``wait`` seconds."""
    with (
        KnowledgeGraph.open(read_store, read_only=True) as kg,
        computing_lock(None),  # what the warm-up holds while it computes the home report
    ):
        health = Scope(country="HU", sector="health")
        report = ecosystem_report(kg, scope=health, wait=0.5, deadline=120)
    assert report.scope.filters == {"country": "HU", "sector": "health"}
    assert report.headline.nodes > 0


def test_a_comparison_in_the_worker_waits_for_no_computation_of_the_server(
    tmp_path: Path, read_store: Path
) -> None:
    """While the server computes (the lock its warm-up holds), /api/analysis/compare is
    answered from the analysis worker, not refused after the query deadline (503)."""
    from fastapi.testclient import TestClient

    from helixgraph.settings import Settings
    from helixgraph.web import create_app

    store = shutil.copytree(read_store, tmp_path / "store")
    settings = Settings(store=str(store), warm_up=False, query_timeout=0.5)
    with TestClient(create_app(settings)) as client, computing_lock(None):
        answer = client.get(
            "/api/analysis/compare",
            params=[("scope", "country=HU,sector=health"), ("scope", "country=CZ,sector=health")],
        )
    assert answer.status_code == 200, answer.text
    rows = answer.json()
    assert [row["scope"] for row in rows] == [
        "country=HU,sector=health",
        "country=CZ,sector=health",
    ]
    assert rows[0]["actors"] > 0


def test_a_report_asked_during_the_warm_up_is_answered(
    tmp_path_factory: pytest.TempPathFactory, read_store: Path
) -> None:
    folder = tmp_path_factory.mktemp("warm-up")
    store = shutil.copytree(read_store, folder / "store")
    # a one-second wait for another computation: a request that waited for the warm-up
    # (views, then the home report) would be told 503
    env = {"HELIX_WARM_UP": "true", "HELIX_QUERY_TIMEOUT": "1"}
    with running_server(folder, store, env) as server:
        for _ in range(100):  # asked while the page says the warm-up computes, where it can
            page = httpx.get(server.base + "/?country=HU", timeout=60).text
            if 'id="computing"' in page or 'id="findings"' in page:
                break
            time.sleep(0.05)
        asked = {"country": "HU", "sector": "health"}  # not the home scope (country=HU)
        answer = httpx.get(server.base + "/api/analysis/report", params=asked, timeout=300)
        log = server.log.read_text(encoding="utf-8")
    assert answer.status_code == 200, answer.text
    assert answer.json()["scope"]["filters"] == asked
    assert "warming up the ecosystem report failed" not in log


def test_a_store_without_clusters_opens_on_its_country_with_most_actors() -> None:
    """The whole store is no ecosystem a manager looks at first: the country with most actors
    is (counted here from the actors' countries, clusters left out of the store)."""
    kg = KnowledgeGraph.in_memory()
    kg.update("DELETE { GRAPH ?g { ?c ?p ?o } } WHERE { GRAPH ?g { ?c a hx:Cluster ; ?p ?o } }")
    rows = kg.select(
        "SELECT ?country (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a org:classification ?h ; "
        "hx:country ?country FILTER NOT EXISTS { ?a hx:illustrative true } } "
        "GROUP BY ?country ORDER BY DESC(?n)"
    )
    assert home_scope(kg) == Scope(country=rows[0]["country"])
    assert rows[0]["country"] != "HU"  # not the seed's clusters' country any more


def test_a_scopes_dashboard_is_computed_in_the_analysis_worker(
    tmp_path: Path, read_store: Path
) -> None:
    """A dashboard of a scope is built in the analysis worker (issue 27, item 3), also after its
    report was asked through the API: the server keeps the page and the report, not the
    scope's network nor any of the store's tables. The figures are the scope's: its actors as
    counted from the seed and the CORDIS file."""
    from conftest import default_actors
    from fastapi.testclient import TestClient

    from helixgraph.network.scope import scoped_network
    from helixgraph.network.tables import TABLES
    from helixgraph.report.key import ReportKey
    from helixgraph.report.precision import Precision
    from helixgraph.settings import Settings
    from helixgraph.store.kept import held
    from helixgraph.web import create_app

    store = shutil.copytree(read_store, tmp_path / "store")
    settings = Settings(store=str(store), warm_up=False)
    austria = Scope(country="AT")
    with TestClient(create_app(settings)) as client:
        # its report through the API first: the server keeps the report (an answer of the
        # worker), and the dashboard is still built where the scope's network is
        assert client.get("/api/analysis/report", params={"country": "AT"}).status_code == 200
        page = client.get("/", params={"country": "AT"})
        kg = client.app.state.kg  # type: ignore[attr-defined]
        assert page.status_code == 200
        assert not held(scoped_network, kg, austria)
        assert [name for name in TABLES if kg.kept(("table", name)) is not None] == []
        key = ReportKey(austria, "scope", 10, 1, Precision.from_settings(settings))
        assert kg.kept(key) is not None  # the API's answer, kept
    austrian = sum(1 for actor in default_actors().values() if actor["country"] == "AT")
    total = re.search(r'<td id="actors-total">([\d,]+)</td>', page.text)
    assert total is not None
    assert int(total[1].replace(",", "")) == austrian > 0


def test_a_scopes_explorer_is_computed_in_the_analysis_worker(
    tmp_path: Path, read_store: Path
) -> None:
    """The explorer of a scope nobody asked before is laid out in the analysis worker, as its
    dashboard is: the server keeps the page, not the scope's network. It draws the scope's
    actors: the Austrian ones as counted from the seed and the CORDIS file."""
    from conftest import default_actors
    from fastapi.testclient import TestClient

    from helixgraph.network.scope import scoped_network
    from helixgraph.settings import Settings
    from helixgraph.store.kept import held
    from helixgraph.web import create_app

    store = shutil.copytree(read_store, tmp_path / "store")
    with TestClient(create_app(Settings(store=str(store), warm_up=False))) as client:
        page = client.get("/viz", params={"country": "AT", "view": "actors", "limit": 5000})
        kg = client.app.state.kg  # type: ignore[attr-defined]
        assert page.status_code == 200
        assert not held(scoped_network, kg, Scope(country="AT"))
    austrian = sum(1 for actor in default_actors().values() if actor["country"] == "AT")
    drawn = re.search(r"([\d,]+) nodes, ([\d,]+) ties\.", page.text)
    assert drawn is not None, page.text[-3000:]
    assert int(drawn[1].replace(",", "")) == austrian


def test_the_server_builds_no_store_wide_view_for_its_pages(
    tmp_path: Path, read_store: Path
) -> None:
    """The warm-up builds the views in a process of its own, which hands the server the home
    pages and what every page asks of the whole store (the home scope, the countries, the
    form, the counts): the server, asked for the home dashboard in both languages, the
    explorer's first view and a country it does not hold, never reads the store's tables
    (issue 27, item 3). The home dashboard counts the Hungarian actors as the seed and the
    CORDIS file do."""
    from conftest import default_actors
    from fastapi.testclient import TestClient

    from helixgraph.network.tables import TABLES
    from helixgraph.settings import Settings
    from helixgraph.web import create_app
    from helixgraph.web.warm_up import warmed_up

    store = shutil.copytree(read_store, tmp_path / "store")
    settings = Settings(store=str(store), warm_up=True)
    with TestClient(create_app(settings), follow_redirects=False) as client:
        kg = client.app.state.kg  # type: ignore[attr-defined]
        assert warmed_up(kg, 120)
        assert client.get("/").headers["location"] == "/?country=HU"
        english = client.get("/", params={"country": "HU"})
        hungarian = client.get("/", params={"country": "HU", "lang": "hu"})
        explorer = client.get("/viz", params={"lang": "hu"}, follow_redirects=True)
        unknown = client.get("/api/analysis/report", params={"country": "XX"})
        read = [name for name in TABLES if kg.kept(("table", name)) is not None]
    assert [page.status_code for page in (english, hungarian, explorer)] == [200] * 3
    assert unknown.status_code == 422
    assert "HU" in unknown.json()["detail"]
    assert read == []
    hungarians = sum(1 for actor in default_actors().values() if actor["country"] == "HU")
    total = re.search(r'<td id="actors-total">([\d,]+)</td>', english.text)
    assert total is not None
    assert int(total[1].replace(",", "")) == hungarians
    assert 'lang="hu"' in hungarian.text
    assert 'lang="hu"' in explorer.text
