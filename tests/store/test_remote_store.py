"""A remote store (``--store URL``) against a real Oxigraph server (``oxigraph serve``, started
and stopped here on 127.0.0.1): every command, the web app, all-or-nothing writes, and a server
stopped in the middle of an import."""

from __future__ import annotations

import csv
import gzip
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from conftest import FIXTURES, SHARED, default_actors, free_port, listener, running_server, wait_for
from typer.testing import CliRunner

from helixgraph.cli.commands import app
from helixgraph.store import KnowledgeGraph
from helixgraph.store.remote import OWN_DEFAULT_GRAPH

runner = CliRunner()
ORG = "http://www.w3.org/ns/org#"
HX = "https://w3id.org/helixgraph/ns#"


MEMBERS_PER_COLLABORATION = """SELECT ?c (COUNT(?m) AS ?n) WHERE {
    ?m org:organization ?c ; a org:Membership } GROUP BY ?c ORDER BY DESC(?n) ?c LIMIT 20"""


def run(*args: str) -> object:
    return runner.invoke(app, list(args))


class Oxigraph:
    """An ``oxigraph serve`` on a folder of its own, which can be killed and started again."""

    def __init__(self, location: Path):
        self.location = location
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> Oxigraph:
        binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
        self.process = subprocess.Popen(
            [binary, "serve", "--location", str(self.location), "--bind", f"127.0.0.1:{self.port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        wait_for(self.url + "/query?query=ASK%7B%7D", self.process)
        return self

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def select(self, sparql: str) -> list[dict[str, str]]:
        """Rows as the server itself answers them (helixgraph's client not involved)."""
        response = httpx.post(
            self.url + "/query",
            params={"union-default-graph": ""},
            content=sparql,
            headers={
                "content-type": "application/sparql-query",
                "accept": "application/sparql-results+json",
            },
            timeout=60,
        )
        response.raise_for_status()
        return [
            {name: term["value"] for name, term in row.items()}
            for row in response.json()["results"]["bindings"]
        ]

    def graphs(self) -> dict[str, int]:
        """Every named graph the server holds, with its size (pending ones too)."""
        rows = self.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        return {row["g"]: int(row["n"]) for row in rows}


@pytest.fixture(scope="module")
def remote(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Oxigraph]:
    """A server made a helixgraph store with `helixgraph init --store URL`: read it only."""
    server = Oxigraph(tmp_path_factory.mktemp("oxigraph") / "data").start()
    try:
        result = run("init", "--store", server.url)
        assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
        yield server
    finally:
        server.stop()


@pytest.fixture
def empty_remote(tmp_path: Path) -> Iterator[Oxigraph]:
    """A server made an empty helixgraph store (the ontology only): for tests that write."""
    server = Oxigraph(tmp_path / "oxigraph").start()
    try:
        result = run("init", "--empty", "--store", server.url)
        assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
        yield server
    finally:
        server.stop()


def test_a_url_is_never_taken_for_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    closed = f"http://127.0.0.1:{free_port()}"
    result = run("stats", "--store", closed)
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert f"{closed}: no SPARQL store answers here (connection refused)" in result.stderr  # type: ignore[attr-defined]
    other = run("stats", "--store", "ftp://ann:secret@127.0.0.1/x")
    assert other.exit_code == 1  # type: ignore[attr-defined]
    assert "ftp://127.0.0.1/x: a remote store is an http:// or https:// URL" in other.stderr  # type: ignore[attr-defined]
    assert "secret" not in other.output  # type: ignore[attr-defined]
    with_user = run("stats", "--store", closed.replace("://", "://ann:secret@"))
    assert f"{closed}: no SPARQL store answers here" in with_user.stderr  # type: ignore[attr-defined]
    assert "secret" not in with_user.output  # type: ignore[attr-defined]
    assert list(tmp_path.iterdir()) == []  # no folder `http:` or `ftp:` made


def test_init_puts_the_default_ecosystem_on_the_server(remote: Oxigraph) -> None:
    # the server itself counts: as many real actors as the shared CSV and the seed file hold
    rows = remote.select(
        f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ ?a <{ORG}classification> ?h "
        f"VALUES ?h {{ <{HX}government> <{HX}academia> <{HX}business> <{HX}community> }} "
        f"FILTER NOT EXISTS {{ ?a <{HX}illustrative> true }} }}"
    )
    assert int(rows[0]["n"]) == len(default_actors()) == 6904  # 6,914 with the 10 examples
    assert sorted(g.rsplit("/", 1)[-1] for g in remote.graphs()) == [
        "cordis-hu",
        "cordis-hu-names",
        "ontology",
        "seed-ecosystem",
    ]
    again = run("init", "--store", remote.url)
    assert again.exit_code == 1  # type: ignore[attr-defined]
    assert "a store is there already" in again.stderr  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "command",
    [
        ["stats", "--json"],
        ["query", "--format", "csv", MEMBERS_PER_COLLABORATION],
        ["query", "CONSTRUCT { ?c skos:prefLabel ?l } WHERE { ?c a hx:Cluster; skos:prefLabel ?l}"],
        ["analyze", "--scope", "country=HU", "--json"],  # the country's slice
        ["analyze", "--scope", "country=HU,sector=health", "--json"],  # the sector's slice
        ["export", "--view", "actors", "--format", "csv"],
    ],
    ids=["stats", "select", "construct", "analyze", "analyze-sector", "export"],
)  # fmt: skip
def test_commands_answer_as_on_the_embedded_store(
    remote: Oxigraph, read_store: Path, command: list[str], tmp_path: Path
) -> None:
    answers = []
    for name, store in (("embedded", str(read_store)), ("remote", remote.url)):
        out = tmp_path / name  # export's csv: a folder of nodes.csv and edges.csv
        given = [*command, "--out", str(out)] if command[0] == "export" else command
        result = run(*given, "--store", store)
        assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
        if command[0] == "export":
            tables = (
                (out / table).read_text().splitlines() for table in ("nodes.csv", "edges.csv")
            )
            answers.append("\n".join(line for lines in tables for line in sorted(lines)))
        else:
            answers.append(result.stdout)  # type: ignore[attr-defined]
    assert answers[0] == answers[1]
    assert len(answers[0]) > 200


def test_sources_lists_the_remote_graphs(remote: Oxigraph) -> None:
    result = run("sources", "--json", "--store", remote.url)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    listed = {item["graph"]: item["triples"] for item in json.loads(result.stdout)}  # type: ignore[attr-defined]
    assert listed == remote.graphs()


def test_load_import_and_drop_write_all_or_nothing(empty_remote: Oxigraph, tmp_path: Path) -> None:
    url = empty_remote.url
    loaded = run("load", str(FIXTURES / "small-ecosystem.ttl"), "--store", url)
    assert loaded.exit_code == 0, loaded.output  # type: ignore[attr-defined]
    imported = run("import", "cordis", str(FIXTURES / "cordis-hu-2016.csv"), "--store", url)
    assert imported.exit_code == 0, imported.output  # type: ignore[attr-defined]
    assert "imported 2374 of 2374 rows" in imported.stderr  # type: ignore[attr-defined]
    with (FIXTURES / "cordis-hu-2016.csv").open(newline="") as file:
        pics = {row["pic"] for row in csv.DictReader(file)}
    rows = empty_remote.select(
        f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ GRAPH ?g {{ ?a <{ORG}classification> ?h }} "
        f"FILTER(STRENDS(STR(?g), 'cordis-hu-2016')) }}"
    )
    assert int(rows[0]["n"]) == len(pics)
    before = empty_remote.graphs()
    # again: the graph keeps its name and its size
    again = run("import", "cordis", str(FIXTURES / "cordis-hu-2016.csv"), "--store", url)
    assert again.exit_code == 0, again.output  # type: ignore[attr-defined]
    assert empty_remote.graphs() == before
    # a broken file: its line named, nothing written
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix ex: <https://example.org/> .\nex:a ex:b .\n")
    bad = run("load", str(broken), "--store", url)
    assert bad.exit_code == 1  # type: ignore[attr-defined]
    assert "broken.ttl:2:11: " in bad.stderr  # type: ignore[attr-defined]
    assert empty_remote.graphs() == before
    dropped = run("drop", "small-ecosystem", "--store", url)
    assert dropped.exit_code == 0, dropped.output  # type: ignore[attr-defined]
    assert sorted(empty_remote.graphs()) == sorted(g for g in before if "small-ecosystem" not in g)


@pytest.mark.slow
def test_serve_answers_from_the_remote_store(remote: Oxigraph, tmp_path: Path) -> None:
    with (
        running_server(tmp_path, remote.url, {"HELIX_QUERY_TIMEOUT": "2"}) as server,  # type: ignore[arg-type]
        httpx.Client(base_url=server.base, timeout=60, follow_redirects=True) as client,
    ):
        found = client.get("/api/actors", params={"q": "mediklaszter"}).json()["data"]
        assert [a["id"] for a in found] == ["mediklaszter"]
        count = client.get(
            "/sparql",
            params={"query": "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a org:classification ?h "
                     "VALUES ?h { hx:government hx:academia hx:business hx:community } }"},
            headers={"accept": "application/sparql-results+json"},
        )  # fmt: skip
        assert count.json()["results"]["bindings"][0]["n"]["value"] == "6914"
        viz = client.get("/viz")
        assert viz.status_code == 200
        assert "country=HU" in str(viz.url)
        dashboard = client.get("/", params={"country": "HU"})
        assert dashboard.status_code == 200
        assert "449" in dashboard.text


@pytest.mark.slow
@pytest.mark.timing
def test_the_public_endpoints_safety_stands_in_front_of_a_remote_store(
    empty_remote: Oxigraph, tmp_path: Path
) -> None:
    # the ontology alone (~700 triples) makes a runaway that costs the store CPU, not memory:
    # three unjoined patterns over the whole store never end by themselves
    env = {"HELIX_QUERY_TIMEOUT": "2"}
    with (
        running_server(tmp_path, empty_remote.url, env) as server,  # type: ignore[arg-type]
        httpx.Client(base_url=server.base, timeout=60) as client,
    ):
        with listener() as (port, connections):
            service = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}"
            refused = client.get("/sparql", params={"query": service})
        assert refused.status_code == 400
        assert connections == []
        # the second review: a parser differential that made the store call out 10 times
        with listener() as (port, connections):
            differential = (
                f"PREFIX p: <http://127.0.0.1:{port}/>\n"
                "SELECT * WHERE { FILTER(1<2)SERVICEp:x#>\n{ ?s ?p ?o } }"
            )
            refused = client.get("/sparql", params={"query": differential})
            time.sleep(0.5)  # a call out would come now
        assert refused.status_code == 400
        assert connections == []
        # ... and a sum of 4,995 terms that overflowed the store's stack: refused, store up
        long_sum = client.get("/sparql", params={"query": f"SELECT (1{'+1' * 4994} AS ?x) {{}}"})
        assert long_sum.status_code == 400
        assert "chained" in long_sum.json()["detail"]
        assert empty_remote.process is not None
        assert empty_remote.process.poll() is None
        within = client.get("/sparql", params={"query": f"SELECT (1{'+1' * 500} AS ?x) {{}}"})
        assert within.status_code == 200
        # the deadline: the worker waiting on the store is stopped, the client answered
        started = time.perf_counter()
        runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
        stopped = client.get("/sparql", params={"query": runaway})
        assert stopped.status_code == 503
        assert "deadline" in stopped.json()["detail"]
        assert time.perf_counter() - started < 4


def _slice_of_h2020(path: Path, countries: set[str]) -> Path:
    """The H2020 rows of projects with a participant in ``countries`` (all their participants)."""
    with gzip.open(SHARED / "data" / "cordis-h2020" / "h2020.csv.gz", "rt", newline="") as file:
        reader = csv.DictReader(file)
        rows = list(reader)
        fields = reader.fieldnames
    projects = {row["rcn"] for row in rows if row["country"] in countries}
    with path.open("w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=fields or [])
        writer.writeheader()
        writer.writerows(row for row in rows if row["rcn"] in projects)
    return path


@pytest.mark.slow
def test_a_store_stopped_mid_import_is_as_before(empty_remote: Oxigraph, tmp_path: Path) -> None:
    url = empty_remote.url
    assert run("load", str(FIXTURES / "small-ecosystem.ttl"), "--store", url).exit_code == 0  # type: ignore[attr-defined]
    before = empty_remote.graphs()
    source = _slice_of_h2020(tmp_path / "h2020-slice.csv", {"DE", "FR"})
    importing = subprocess.Popen(
        [sys.executable, "-m", "helixgraph", "import", "cordis", "--quiet", str(source)],
        env={**os.environ, "HELIX_STORE": url},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while not any(g not in before for g in empty_remote.graphs()):  # the new graph is arriving
        assert importing.poll() is None, importing.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    empty_remote.kill()
    _, stderr = importing.communicate(timeout=60)
    assert importing.returncode == 1
    assert f"{url}: no SPARQL store answers here" in stderr
    assert "nothing was committed" in stderr
    assert "Traceback" not in stderr
    empty_remote.start()
    # readers see what was there before; the half-written graph, marked pending, is ignored ...
    listed = run("sources", "--json", "--store", url)
    sources = {g: n for g, n in before.items() if g != OWN_DEFAULT_GRAPH.value}  # not a source
    assert listed.exit_code == 0, listed.output  # type: ignore[attr-defined]
    assert {i["graph"]: i["triples"] for i in json.loads(listed.stdout)} == sources  # type: ignore[attr-defined]
    # ... and the next writable open removes it
    KnowledgeGraph.open(url, default_data=False).close()
    assert empty_remote.graphs() == before


VIRTUOSO_INI = """[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DirsAllowed = .
NumberOfBuffers = 170000
MaxDirtyBuffers = 130000
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerThreads = 10
[SPARQL]
ResultSetMaxRows = 100000000
MaxQueryExecutionTime = 0
"""

#: How helixgraph reaches Virtuoso (README, "Scaling out").
VIRTUOSO_SETTINGS = {
    "HELIX_QUERY_URL": "{url}/sparql",
    "HELIX_UPDATE_URL": "{url}/sparql",
    "HELIX_GSP_URL": "{url}/sparql-graph-crud",
    "HELIX_GSP_GRAPH_PARAMETER": "graph-uri",
    "HELIX_GSP_BULK_PARAMETER": "",
    "HELIX_RESULTS_FORMAT": "xml",
    "HELIX_UNION_PARAMETER": "native",
}


@pytest.fixture
def virtuoso(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Virtuoso Open Source (Debian's virtuoso-opensource) on 127.0.0.1, its anonymous SPARQL
    user allowed to write (as a deployment behind helixgraph's own token would be)."""
    binary = shutil.which("virtuoso-t")
    if binary is None:
        pytest.skip("virtuoso-opensource is not installed (scripts/install-test-packages.sh)")
    sql_port, http_port = free_port(), free_port()
    ini = tmp_path / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(folder=tmp_path, sql_port=sql_port, http_port=http_port))
    process = subprocess.Popen(
        [binary, "+configfile", str(ini), "+foreground"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{http_port}"
    try:
        wait_for(url + "/sparql?query=ASK%7B%7D", process, timeout=120)
        isql = shutil.which("isql-vt") or "isql-vt"
        grant = 'exec=GRANT SPARQL_UPDATE TO "SPARQL";'
        subprocess.run([isql, f"127.0.0.1:{sql_port}", "dba", "dba", grant], check=True)
        for name, value in VIRTUOSO_SETTINGS.items():
            monkeypatch.setenv(name, value.format(url=url))
        yield url
    finally:
        process.terminate()
        process.wait(timeout=60)


@pytest.mark.slow
def test_virtuoso_answers_as_the_embedded_store(virtuoso: str, tmp_path: Path) -> None:
    """The same small ecosystem made with the same commands in Virtuoso and in a folder: the
    same counts and the same report (the default ecosystem takes minutes on a fresh Virtuoso)."""
    answers = []
    for store in (virtuoso, str(tmp_path / "embedded")):
        for command in (
            ["init", "--empty"],
            ["load", str(FIXTURES / "small-ecosystem.ttl")],
            ["import", "cordis", str(FIXTURES / "cordis-hu-2016.csv")],
        ):
            done = run(*command, "--store", store)
            assert done.exit_code == 0, done.output  # type: ignore[attr-defined]
        stats = run("stats", "--json", "--store", store)
        analysed = run("analyze", "--scope", "country=HU", "--json", "--store", store)
        assert stats.exit_code == analysed.exit_code == 0, analysed.output  # type: ignore[attr-defined]
        report = json.loads(analysed.stdout)  # type: ignore[attr-defined]
        answers.append((json.loads(stats.stdout), report["headline"]))  # type: ignore[attr-defined]
    (counted, headline), (expected, embedded) = answers
    for key in ("actors", "collaborations", "memberships", "ties", "components"):
        assert counted[key] == expected[key], key
    with (FIXTURES / "cordis-hu-2016.csv").open(newline="") as file:
        pics = {row["pic"] for row in csv.DictReader(file)}
    assert counted["actors"]["total"] >= len(pics)
    assert headline == pytest.approx(embedded, abs=1e-12)
