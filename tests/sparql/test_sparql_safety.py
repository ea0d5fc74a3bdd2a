"""The endpoint facing the public: deadlines, limits, tokens, CORS, dataset names, formats.

A real server on 127.0.0.1 with a 2 s deadline, 5 result rows, 2,000-byte bodies and an update
token; listeners on 127.0.0.1 stand where a query would reach out, and must get no connection.
"""

from __future__ import annotations

import csv
import io
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import rdflib
from conftest import Server, listener, running_server

pytestmark = pytest.mark.timing  # deadlines and latencies: run alone

TOKEN = "s3cret-token"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory, read_store: Path) -> Iterator[Server]:
    import shutil

    folder = tmp_path_factory.mktemp("guarded")
    store = folder / "store"
    shutil.copytree(read_store, store)
    env = {
        "HELIX_QUERY_TIMEOUT": "2",
        "HELIX_MAX_ROWS": "5",
        "HELIX_MAX_BODY": "2000",
        "HELIX_UPDATE_TOKEN": TOKEN,
        "HELIX_UPDATE_TIMEOUT": "2",
        "HELIX_QUERY_WORKERS": "2",
        "HELIX_WARM_UP": "false",  # an idle server, so that its CPU time tells
    }
    with running_server(folder, store, env) as server:
        yield server


@pytest.fixture(scope="module")
def client(guarded: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=guarded.base, timeout=30) as http:
        yield http


def cpu_seconds(pid: int) -> float:
    """CPU time of a process and all its descendants, from /proc."""
    total = 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / 100
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return total
    return total + sum(cpu_seconds(int(child)) for child in children)


def test_a_runaway_query_is_stopped_and_others_are_served(
    client: httpx.Client, guarded: Server
) -> None:
    answers: dict[str, float] = {}

    def quick() -> None:
        time.sleep(0.5)  # while the runaway runs
        start = time.perf_counter()
        response = client.get("/sparql", params={"query": "ASK { ?s a hx:Cluster }"})
        assert response.json()["boolean"] is True
        answers["quick"] = time.perf_counter() - start

    thread = threading.Thread(target=quick)
    thread.start()
    start = time.perf_counter()
    response = client.get("/sparql", params={"query": RUNAWAY})
    elapsed = time.perf_counter() - start
    thread.join()
    assert response.status_code == 503
    assert "deadline" in response.json()["detail"]
    assert 2 <= elapsed <= 3 + 0.5  # the deadline, plus one second, plus loopback slack
    assert answers["quick"] < 1.0
    # the runaway's worker was killed: once its replacement has started, all is idle again
    time.sleep(3)
    before = cpu_seconds(guarded.pid)
    time.sleep(1.5)
    assert cpu_seconds(guarded.pid) - before < 0.5
    assert client.get("/sparql", params={"query": "ASK {}"}).json()["boolean"] is True


def test_results_stop_at_the_row_limit_and_say_so(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p ?o }"})
    assert response.headers["helix-results-truncated"] == "true"
    assert len(response.json()["results"]["bindings"]) == 5
    small = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s a hx:Cluster }"})
    assert "helix-results-truncated" not in small.headers


def test_a_large_body_is_413(client: httpx.Client) -> None:
    query = "ASK {}" + " " * 3000
    response = client.post(
        "/sparql", content=query, headers={"content-type": "application/sparql-query"}
    )
    assert response.status_code == 413


def test_cors_is_open_for_reads_without_credentials(client: httpx.Client) -> None:
    origin = {"origin": "https://researcher.example"}
    response = client.get("/sparql", params={"query": "ASK {}"}, headers=origin)
    assert response.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in response.headers
    preflight = client.options(
        "/sparql",
        headers={
            **origin,
            "access-control-request-method": "POST",
            "access-control-request-headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    with_token = client.options(
        "/sparql",
        headers={
            **origin,
            "access-control-request-method": "POST",
            "access-control-request-headers": "authorization",
        },
    )
    assert with_token.status_code == 400  # a page elsewhere may not send the update token


def test_updates_need_the_token_and_never_load(client: httpx.Client) -> None:
    update = "INSERT DATA { GRAPH <https://e.org/g> { <https://e.org/a> <https://e.org/b> 1 } }"
    headers = {"content-type": "application/sparql-update"}
    assert client.post("/sparql", content=update, headers=headers).status_code == 401
    wrong = {**headers, "authorization": "Bearer not-the-token"}
    assert client.post("/sparql", content=update, headers=wrong).status_code == 401
    ask = {"query": "ASK { <https://e.org/a> ?p ?o }"}
    assert client.get("/sparql", params=ask).json()["boolean"] is False
    right = {**headers, "authorization": f"Bearer {TOKEN}"}
    with listener() as (port, connections):
        load = client.post(
            "/sparql", content=f"LOAD <http://127.0.0.1:{port}/data.ttl>", headers=right
        )
    assert load.status_code == 400
    assert "LOAD is not allowed" in load.json()["detail"]
    assert connections == []
    assert client.post("/sparql", content=update, headers=right).status_code == 204
    assert client.get("/sparql", params=ask).json()["boolean"] is True
    broken = client.post("/sparql", content="INSERT DATA {\n  <a> }", headers=right)
    assert broken.status_code == 400
    assert broken.json()["line"] == 2


def test_a_runaway_update_is_stopped_and_writes_nothing(client: httpx.Client) -> None:
    headers = {"content-type": "application/sparql-update", "authorization": f"Bearer {TOKEN}"}
    count = {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}
    json_results = {"accept": "application/sparql-results+json"}

    def triples() -> int:
        answer = client.get("/sparql", params=count, headers=json_results).json()
        return int(answer["results"]["bindings"][0]["n"]["value"])

    before = triples()
    runaway = (
        "INSERT { GRAPH <https://e.org/runaway> { ?a <https://e.org/p> ?c } } "
        "WHERE { GRAPH ?x { ?a ?b ?c } GRAPH ?y { ?d ?e ?f } GRAPH ?z { ?g ?h ?i } }"
    )
    started = time.perf_counter()
    stopped = client.post("/sparql", content=runaway, headers=headers)
    elapsed = time.perf_counter() - started
    assert stopped.status_code == 503
    assert "deadline" in stopped.json()["detail"]
    assert "nothing was written" in stopped.json()["detail"]
    # the 2 s deadline, plus starting the writer and the fresh query workers
    assert elapsed < 8
    assert triples() == before
    ask = {"query": "ASK { GRAPH <https://e.org/runaway> { ?s ?p ?o } }"}
    assert client.get("/sparql", params=ask).json()["boolean"] is False
    # and the next update is written
    small = "INSERT DATA { GRAPH <https://e.org/after> { <https://e.org/x> <https://e.org/y> 2 } }"
    assert client.post("/sparql", content=small, headers=headers).status_code == 204
    assert triples() == before + 1


def test_graphs_outside_the_web_are_refused_and_none_is_fetched(client: httpx.Client) -> None:
    refused = client.get(
        "/sparql", params={"query": "SELECT * FROM <file:///etc/passwd> { ?s ?p ?o }"}
    )
    assert refused.status_code == 400
    assert refused.json()["detail"].startswith(
        "query refused: line 1, column 15: <file:///etc/passwd>"
    )
    by_protocol = client.get(
        "/sparql", params={"query": "ASK { ?s ?p ?o }", "default-graph-uri": "file:///etc/passwd"}
    )
    assert by_protocol.status_code == 400
    with listener() as (port, connections):
        remote = f"http://127.0.0.1:{port}/data.ttl"
        response = client.get(
            "/sparql",
            params={"query": f"ASK FROM <{remote}> {{ ?s ?p ?o }}", "named-graph-uri": remote},
        )
    assert response.status_code == 200
    assert response.json()["boolean"] is False  # a graph the store does not hold is empty
    assert response.headers["helix-unknown-graphs"] == f"<{remote}>"
    assert connections == []


def test_results_in_every_format(client: httpx.Client) -> None:
    query = {"query": "SELECT ?c ?n WHERE { ?c hx:declaredMemberCount ?n } ORDER BY ?c"}
    as_csv = client.get("/sparql", params=query, headers={"accept": "text/csv"})
    assert as_csv.headers["content-type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(as_csv.text)))
    assert rows[0] == ["c", "n"]
    assert ["https://w3id.org/helixgraph/id/cluster/mediklaszter", "49"] in rows
    as_tsv = client.get("/sparql", params={**query, "format": "tsv"})
    assert "<https://w3id.org/helixgraph/id/cluster/mediklaszter>\t49" in as_tsv.text
    as_xml = client.get(
        "/sparql", params=query, headers={"accept": "application/sparql-results+xml"}
    )
    parsed = rdflib.query.Result.parse(io.BytesIO(as_xml.content), format="xml")
    assert {str(row[1]) for row in parsed} >= {"49"}
    construct = {"query": "CONSTRUCT WHERE { ?c hx:declaredMemberCount ?n }"}
    for media, syntax in (("application/rdf+xml", "xml"), ("application/ld+json", "json-ld")):
        response = client.get("/sparql", params=construct, headers={"accept": media})
        assert response.headers["content-type"].startswith(media)
        with warnings.catch_warnings():  # rdflib's JSON-LD parser warns about its own internals
            warnings.simplefilter("ignore", DeprecationWarning)
            graph = rdflib.Graph().parse(data=response.content, format=syntax)
        assert (None, None, rdflib.Literal(49)) in graph
    assert client.get("/sparql", params=query, headers={"accept": "text/turtle"}).status_code == 406


def test_the_reviewed_probes_reach_nothing_and_are_told_why(client: httpx.Client) -> None:
    from test_guard import counting_listener

    right = {"content-type": "application/sparql-update", "authorization": f"Bearer {TOKEN}"}
    with counting_listener() as (port, connections):
        url = f"http://127.0.0.1:{port}/x"
        probe = (
            rf"SELECT * WHERE {{ BIND(hx:a\' AS ?q) SERVICE <{url}> {{ ?x ?y ?z }} "
            "FILTER(?q != 'x') }"
        )
        refused = client.get("/sparql", params={"query": probe})
        glued = client.get(
            "/sparql", params={"query": f"PREFIX : <{url}> SELECT * {{ SERVICE:x {{ }} }}"}
        )
        load = client.post(
            "/sparql",
            content=rf"INSERT DATA {{ <urn:a> <urn:b> hx:a\' }} ; LOAD <{url}>",
            headers=right,
        )
    assert (refused.status_code, glued.status_code, load.status_code) == (400, 400, 400)
    assert "SERVICE is not allowed" in refused.json()["detail"]
    assert "LOAD is not allowed" in load.json()["detail"]
    assert connections == []


def test_a_query_too_deep_for_the_engine_is_a_bad_query_and_the_workers_live(
    client: httpx.Client,
) -> None:
    deep = client.post(
        "/sparql",
        content="ASK " + "{" * 900 + "}" * 900,
        headers={"content-type": "application/sparql-query"},
    )
    assert deep.status_code == 400
    assert "nested more than 128 levels" in deep.json()["detail"]
    for bad in ("http://a b", "http://[x"):
        response = client.get("/sparql", params={"query": "ASK {}", "default-graph-uri": bad})
        assert response.status_code == 400
        assert "is not a valid IRI" in response.json()["detail"]
    named = client.get("/api/queries/partners-of-actor", params={"actor": "http://[x"})
    assert named.status_code == 422
    assert client.get("/sparql", params={"query": "ASK {}"}).json()["boolean"] is True


def test_every_route_caps_its_body_and_echoes_none_of_it(client: httpx.Client) -> None:
    big = b'{"remove": ["' + b"x" * 5000 + b'"]}'
    response = client.post(
        "/api/analysis/what-if", content=big, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["detail"] == "the request body is over 2,000 bytes"

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        yield b'{"remove": ["'
        for _ in range(10):
            yield b"x" * 500
        yield b'"]}'

    streamed = client.post(
        "/api/analysis/what-if", content=chunks(), headers={"content-type": "application/json"}
    )
    assert streamed.status_code == 413
    wrong = client.post(
        "/api/analysis/what-if",
        content=b'{"remove": "' + b"y" * 1500 + b'"}',
        headers={"content-type": "application/json"},
    )
    assert wrong.status_code == 422
    assert "yyyyyyyy" not in wrong.text
    nothing = client.post("/api/analysis/what-if", json={})
    assert nothing.status_code == 422
    assert nothing.json()["detail"] == "say what changes: remove, add, merge or join"


def test_years_are_cut_to_the_data_and_empty_means_all(client: httpx.Client) -> None:
    far = client.get("/api/analysis/fragmentation", params={"years": "1900-1950"})
    assert far.status_code == 422
    assert "the data has activity in" in far.json()["detail"]
    assert client.get("/viz", params={"years": ""}).status_code == 200


def test_a_second_analysis_waits_no_longer_than_the_deadline(client: httpx.Client) -> None:
    # the analysis worker started and the store's countries read first (a country it does not
    # hold): a request that starts it asks the worker twice, and the second request below
    # could take the worker between the two; and its store-wide views built (a country's year:
    # not a slice), whose building a request does not count as another's computing
    assert client.get("/api/analysis/fragmentation", params={"country": "XX"}).status_code == 422
    built = client.get("/api/analysis/fragmentation", params={"country": "HU", "years": "2016"})
    assert built.status_code == 200
    first: dict[str, httpx.Response] = {}
    thread = threading.Thread(
        target=lambda: first.update(
            # every year of the data: the whole network, many seconds
            answer=client.get(
                "/api/analysis/fragmentation", params={"years": "1-3000"}, timeout=300
            )
        )
    )
    thread.start()
    time.sleep(0.5)  # the first one is computing (seconds)
    started = time.perf_counter()
    second = client.get("/api/analysis/fragmentation", params={"years": "2017"})
    waited = time.perf_counter() - started
    first_still_running = thread.is_alive()
    thread.join()
    assert second.status_code == 503
    assert second.headers["retry-after"] == "30"
    assert "another analysis has been computing for over 2 s" in second.json()["detail"]
    # told while the first one still computes (the computing thread holds the GIL for long
    # stretches in compiled code, so the 2 s wait can run over on a busy machine)
    assert first_still_running
    assert waited < 2 + 6
    assert first["answer"].status_code == 200
    again = client.get("/api/analysis/fragmentation", params={"years": "2000-2100"})
    assert again.json() == first["answer"].json()  # the same window, kept: no waiting
