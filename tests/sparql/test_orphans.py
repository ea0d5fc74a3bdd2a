"""Worker processes die with the server: after ``kill -9`` of a real server in the middle of a
runaway query and a report, or of a runaway update, no process it started lives more than 2 s."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import threading
import time
from pathlib import Path

import httpx
import pytest
from conftest import running_server

pytestmark = pytest.mark.timing  # waits on processes: run alone

TOKEN = "orphan-token"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
RUNAWAY_UPDATE = (
    "INSERT { GRAPH <https://e.org/runaway> { ?a <https://e.org/p> ?c } } "
    "WHERE { GRAPH ?x { ?a ?b ?c } GRAPH ?y { ?d ?e ?f } GRAPH ?z { ?g ?h ?i } }"
)
ENV = {
    "HELIX_QUERY_TIMEOUT": "120",
    "HELIX_UPDATE_TIMEOUT": "120",
    "HELIX_ANALYSIS_TIMEOUT": "120",
    "HELIX_UPDATE_TOKEN": TOKEN,
    "HELIX_WARM_UP": "false",
}


def descendants(pid: int) -> set[int]:
    """Every process below ``pid``, from /proc (the children of each of its threads)."""
    found: set[int] = set()
    with contextlib.suppress(OSError):
        for thread in os.listdir(f"/proc/{pid}/task"):
            with contextlib.suppress(OSError):
                children = Path(f"/proc/{pid}/task/{thread}/children").read_text().split()
                for child in map(int, children):
                    found |= {child} | descendants(child)
    return found


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def kill_while_busy(folder: Path, store: Path, asks: list[dict[str, object]], more: int) -> None:
    """Start a server, send ``asks`` (each in a thread), wait until ``more`` processes joined
    the server's own, kill the server with SIGKILL and check they all end within 2 s."""
    with running_server(folder, store, ENV) as server:
        client = httpx.Client(base_url=server.base, timeout=180)

        def ask(request: dict[str, object]) -> None:
            with contextlib.suppress(httpx.HTTPError):  # the server is killed under it
                client.request(**request)  # type: ignore[arg-type]

        before = len(descendants(server.pid))
        for request in asks:
            threading.Thread(target=ask, args=(request,), daemon=True).start()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(descendants(server.pid)) < before + more:
            time.sleep(0.1)
        workers = descendants(server.pid)
        start = {pid: cpu_seconds(pid) for pid in workers}
        while time.monotonic() < deadline and not any(
            cpu_seconds(pid) - start[pid] > 1.0 for pid in workers
        ):
            time.sleep(0.1)  # until one of them is busy with a request
        assert len(workers) >= max(2, before + more), "the requests started no process"
        os.kill(server.pid, signal.SIGKILL)
        killed_at = time.monotonic()
        while time.monotonic() < killed_at + 2.0 and any(alive(pid) for pid in workers):
            time.sleep(0.05)
        left = {pid for pid in workers if alive(pid)}
        for pid in left:  # leave no runaway behind, whatever the verdict
            os.kill(pid, signal.SIGKILL)
        assert not left, f"{len(left)} of {len(workers)} processes outlived the server by 2 s"


def test_no_query_or_analysis_worker_outlives_a_killed_server(
    tmp_path: Path, read_store: Path
) -> None:
    store = tmp_path / "store"
    shutil.copytree(read_store, store)
    asks = [
        {"method": "GET", "url": "/sparql", "params": {"query": RUNAWAY}},
        # a new scope: the analysis worker starts and builds the store-wide views
        {"method": "GET", "url": "/api/analysis/report", "params": {"country": "DE"}},
    ]
    kill_while_busy(tmp_path, store, asks, more=0)  # the workers wait from the start


def test_no_writer_outlives_a_killed_server(tmp_path: Path, read_store: Path) -> None:
    store = tmp_path / "store"
    shutil.copytree(read_store, store)
    headers = {"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"}
    update = {"method": "POST", "url": "/sparql", "content": RUNAWAY_UPDATE, "headers": headers}
    kill_while_busy(tmp_path, store, [update], more=1)
