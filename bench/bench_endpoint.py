"""The SPARQL endpoint and REST API over HTTP on loopback, on the default (Hungarian) ecosystem.

1. Latency: p50 / p90 of every named query and of ``/api/actors/{id}`` through a real
   ``helixgraph serve``, against the same query run on pyoxigraph in-process (the overhead ratio).
2. Load: 50 concurrent clients for 30 s, named queries and SPARQL mixed: requests/s, p50, p99,
   errors; then the same with one client sending a runaway query over and over.
3. Peer: graph-wide aggregates through rdflib-endpoint (rdflib's evaluator, the usual FastAPI
   SPARQL endpoint) serving the same quads, in the same run: the ratio.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
from rich.console import Console
from rich.table import Table

from helixgraph.rdf.namespaces import PREFIXES
from helixgraph.sparql.catalogue import bind, named_queries
from helixgraph.sparql.evaluation import term_from_spec
from helixgraph.store import KnowledgeGraph

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
AGGREGATES = ("actors-per-helix", "actors-per-country", "collaborations-by-size")
MIXED_SPARQL = [
    "SELECT ?c (COUNT(?m) AS ?n) WHERE { ?m org:organization ?c } "
    "GROUP BY ?c ORDER BY DESC(?n) LIMIT 10",
    "ASK { ?a org:classification hx:government }",
    'SELECT ?a ?l WHERE { ?a hx:country "HU" ; skos:prefLabel ?l } LIMIT 50',
]


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_for(url: str, process: subprocess.Popen[bytes], timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: the server exited")
        try:
            httpx.get(url, timeout=5)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise TimeoutError(url)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def latency(base: str, store: Path, console: Console, *, kept: bool) -> None:
    """p50/p90 of every named query and of one actor's record through HTTP (30 requests after 8
    that open every worker's caches), against the same query on pyoxigraph in-process."""
    where = "answers kept (the default)" if kept else "every answer from the engine"
    table = Table(title=f"Latency through HTTP on loopback, default ecosystem: {where}")
    for column in ("request", "rows", "p50 HTTP", "p90 HTTP", "raw pyoxigraph p50", "ratio"):
        table.add_column(column)
    raw = KnowledgeGraph.open(store, read_only=True)._store
    with httpx.Client(base_url=base, timeout=60) as client:
        for query in named_queries():
            params = {p.name: p.default for p in query.parameters if p.default}
            times = []
            for attempt in range(38):
                start = time.perf_counter()
                response = client.get(f"/api/queries/{query.name}", params=params)
                if attempt >= 8:
                    times.append(time.perf_counter() - start)
                response.raise_for_status()
            rows = len(response.json()["results"]["bindings"])
            substitutions = {
                ox.Variable(name): term_from_spec(spec)
                for name, spec in bind(query, params).items()
            }
            direct = []
            for _ in range(30):
                start = time.perf_counter()
                result = raw.query(
                    query.sparql,
                    use_default_graph_as_union=True,
                    prefixes=PREFIXES,
                    substitutions=substitutions or None,
                )
                result.serialize(format=ox.QueryResultsFormat.JSON)
                direct.append(time.perf_counter() - start)
            p50, p50_direct = statistics.median(times), statistics.median(direct)
            table.add_row(
                query.name,
                str(rows),
                f"{p50 * 1000:.1f} ms",
                f"{percentile(times, 0.9) * 1000:.1f} ms",
                f"{p50_direct * 1000:.1f} ms",
                f"{p50 / p50_direct:.2f}x",
            )
        times = []
        for _ in range(30):
            start = time.perf_counter()
            client.get("/api/actors/mediklaszter").raise_for_status()
            times.append(time.perf_counter() - start)
        table.add_row(
            "/api/actors/mediklaszter",
            "1",
            f"{statistics.median(times) * 1000:.1f} ms",
            f"{percentile(times, 0.9) * 1000:.1f} ms",
            "-",
            "-",
        )
    console.print(table)


async def load(base: str, clients: int, seconds: float, runaway: bool | int) -> dict[str, float]:
    """``clients`` concurrent clients for ``seconds``; with ``runaway``, that many more clients
    (one for True) send runaway queries in a loop, each worded differently by a comment (their
    503s are expected and not counted)."""
    names = [
        q.name for q in named_queries() if not q.parameters or all(p.default for p in q.parameters)
    ]
    times: list[float] = []
    errors = 0
    stop = time.monotonic() + seconds

    async def client(index: int, http: httpx.AsyncClient) -> None:
        nonlocal errors
        step = index
        # each client its own address, as a reverse proxy in front of the server names it
        me = {"X-Forwarded-For": f"198.51.100.{index % 250 + 1}"}
        while time.monotonic() < stop:
            step += 1
            if step % 2:
                request = http.get(f"/api/queries/{names[step % len(names)]}", headers=me)
            else:
                request = http.get(
                    "/sparql",
                    params={"query": MIXED_SPARQL[step % len(MIXED_SPARQL)]},
                    headers=me,
                )
            start = time.perf_counter()
            try:
                response = await request
                ok = response.status_code == 200
            except httpx.HTTPError:
                ok = False
            times.append(time.perf_counter() - start)
            errors += not ok

    async def runaway_client(index: int, http: httpx.AsyncClient) -> None:
        sent = 0
        me = {"X-Forwarded-For": f"203.0.113.{index % 250 + 1}"}
        while time.monotonic() < stop:
            sent += 1
            query = f"{RUNAWAY} # client {index}, query {sent}"
            with contextlib.suppress(httpx.HTTPError):
                await http.get("/sparql", params={"query": query}, headers=me)

    runaways = int(runaway)
    limits = httpx.Limits(max_connections=clients + runaways + 2)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as http:
        tasks = [client(i, http) for i in range(clients)]
        tasks += [runaway_client(i, http) for i in range(runaways)]
        await asyncio.gather(*tasks)
    return {
        "requests": len(times),
        "per_second": len(times) / seconds,
        "p50": statistics.median(times),
        "p99": percentile(times, 0.99),
        "errors": errors,
        "error_share": errors / max(1, len(times)),
    }


def fair_share() -> None:
    """40 clients asking cheap queries beside 10 sending runaways (each worded anew, none
    honouring Retry-After), 30 s, 4 query workers: with the two lanes (the default) and with one
    lane (the peer: as before), with answers kept (the default) and with every answer from the
    engine; and the same 40 clients with no runaway, for the baseline."""
    console = Console(width=150)
    folder = Path(tempfile.mkdtemp(prefix="helixgraph-bench-fair-"))
    store = folder / "store"
    KnowledgeGraph.open(store).close()
    table = Table(title="40 cheap-query clients beside 10 runaway clients, 30 s, 4 workers")
    columns = (
        "lanes",
        "answers kept",
        "client budget",
        "runaways",
        "cheap requests",
        "requests/s",
        "p50",
        "p99",
    )
    for column in (*columns, "errors", "error share"):
        table.add_column(column)
    runs = (
        ("one lane (peer)", "0", True, 10, "0"),
        ("two lanes (default)", "", True, 10, "0"),
        ("two lanes (default)", "", True, 10, ""),
        ("two lanes (default)", "", True, 0, ""),
        ("one lane (peer)", "0", False, 10, "0"),
        ("two lanes (default)", "", False, 10, "0"),
        ("two lanes (default)", "", False, 10, ""),
        ("two lanes (default)", "", False, 0, ""),
    )
    for name, slow, kept, runaways, budget in runs:
        settings = {"HELIX_QUERY_WORKERS": "4"}
        if budget:
            settings["HELIX_CLIENT_QUERY_SECONDS"] = budget
        if not kept:
            settings["HELIX_QUERY_CACHE_BYTES"] = "0"
        if slow:
            settings["HELIX_SLOW_QUERY_WORKERS"] = slow
        process, base = serve(store, **settings)
        try:
            figures = asyncio.run(load(base, 40, 30, runaway=runaways))
        finally:
            process.terminate()
            process.wait(timeout=10)
        table.add_row(
            name,
            "yes" if kept else "no",
            "none" if budget else "30 s a minute (default)",
            str(runaways),
            f"{figures['requests']:.0f}",
            f"{figures['per_second']:.0f}",
            f"{figures['p50'] * 1000:.0f} ms",
            f"{figures['p99'] * 1000:.0f} ms",
            f"{figures['errors']:.0f}",
            f"{figures['error_share']:.2%}",
        )
    console.print(table)


def peer(store: Path, base: str, console: Console, folder: Path) -> None:
    """The aggregates on rdflib-endpoint over the same quads, and on helixgraph."""
    dump = folder / "store.nq"
    raw = KnowledgeGraph.open(store, read_only=True)._store
    raw.dump(str(dump), format=ox.RdfFormat.N_QUADS)
    port = free_port()
    script = folder / "peer.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import rdflib, uvicorn
            from rdflib_endpoint import SparqlEndpoint
            data = rdflib.Dataset(default_union=True)
            data.parse({str(dump)!r}, format="nquads")
            app = SparqlEndpoint(graph=data)
            uvicorn.run(app, host="127.0.0.1", port={port}, log_level="warning")
            """
        )
    )
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, str(script)], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/?query=ASK%7B%7D", process)
        loaded = time.perf_counter() - started
        table = Table(
            title=f"Graph-wide aggregates: helixgraph vs rdflib-endpoint (loaded in {loaded:.0f} s)"
        )
        for column in (
            "query",
            "helixgraph p50 (5 runs, warm workers)",
            "rdflib-endpoint (1 run)",
            "ratio",
            "same rows",
        ):
            table.add_column(column)
        prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
        accept = {"accept": "application/sparql-results+json"}
        http = httpx.Client(timeout=1200)  # one client: a new one costs ~20 ms (TLS context)
        for name in AGGREGATES:
            query = next(q for q in named_queries() if q.name == name)
            times = []
            for attempt in range(13):  # the first 8 open every worker's caches; 5 are timed
                start = time.perf_counter()
                ours = http.get(
                    f"{base}/sparql", params={"query": query.sparql}, headers=accept, timeout=600
                )
                if attempt >= 8:
                    times.append(time.perf_counter() - start)
            start = time.perf_counter()
            theirs = http.get(
                f"http://127.0.0.1:{port}/",
                params={"query": prologue + query.sparql},
                headers=accept,
                timeout=1200,
            )
            peer_seconds = time.perf_counter() - start
            same = len(ours.json()["results"]["bindings"]) == len(
                theirs.json()["results"]["bindings"]
            )
            p50 = statistics.median(times)
            table.add_row(
                name,
                f"{p50 * 1000:.0f} ms",
                f"{peer_seconds:.1f} s",
                f"{peer_seconds / p50:.0f}x",
                str(same),
            )
        console.print(table)
    finally:
        process.terminate()
        process.wait(timeout=10)


def serve(store: Path, **settings: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith("HELIX_")}
    environment |= {"HELIX_WARM_UP": "false", "HELIX_TRUSTED_PROXIES": '["127.0.0.1"]', **settings}
    process = subprocess.Popen(
        [sys.executable, "-m", "helixgraph", "serve", "--store", str(store), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        env=environment,
    )
    base = f"http://127.0.0.1:{port}"
    wait_for(base + "/health", process)
    return process, base


def main() -> None:
    console = Console(width=150)
    folder = Path(tempfile.mkdtemp(prefix="helixgraph-bench-endpoint-"))
    store = folder / "store"
    KnowledgeGraph.open(store).close()
    table = Table(title="50 concurrent clients for 30 s (named queries and SPARQL, mixed)")
    for column in ("answers kept", "run", "requests", "requests/s", "p50", "p99", "errors"):
        table.add_column(column)
    for kept, settings in (
        ("no (every answer from the engine)", {"HELIX_QUERY_CACHE_BYTES": "0"}),
        ("yes (the default)", {}),
    ):
        process, base = serve(store, **settings)
        try:
            latency(base, store, console, kept=not settings)
            if settings:
                peer(store, base, console, folder)
            calm = asyncio.run(load(base, 50, 30, runaway=False))
            stormy = asyncio.run(load(base, 50, 30, runaway=True))
        finally:
            process.terminate()
            process.wait(timeout=10)
        for name, figures in (("without a runaway", calm), ("with one runaway client", stormy)):
            table.add_row(
                kept,
                name,
                f"{figures['requests']:.0f}",
                f"{figures['per_second']:.0f}",
                f"{figures['p50'] * 1000:.0f} ms",
                f"{figures['p99'] * 1000:.0f} ms",
                f"{figures['errors']:.0f}",
            )
        table.add_row(
            kept,
            "p99 with the runaway / without",
            "",
            "",
            "",
            f"{stormy['p99'] / calm['p99']:.2f}x",
            "",
        )
    console.print(table)


if __name__ == "__main__":
    main()
