"""Shared fixtures: stores on disk, the shipped files, a real server on 127.0.0.1."""

from __future__ import annotations

import contextlib
import csv
import fcntl
import functools
import gzip
import importlib.util
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import pytest

from helixgraph.store import KnowledgeGraph

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).parent / "fixtures"
SEED_FILE = ROOT / "data" / "seed-ecosystem.ttl"
ONTOLOGY_FILE = ROOT / "ontology" / "helixgraph.ttl"
SHAPES_FILE = ROOT / "ontology" / "shapes.ttl"
H2020 = SHARED / "data" / "cordis-h2020" / "h2020.csv.gz"
H2020_PARTS = SHARED / "data" / "cordis-h2020" / "programme_parts.csv.gz"
H2020_NAMES = SHARED / "data" / "cordis-names" / "organisations.csv.gz"

# The apps the tests make in their own process ask one query at a time: one query worker (and
# one for long queries), as the servers they start have, not the four and two each app would
# spawn by default on this machine (each a process that imports helixgraph and opens the store:
# half a second of CPU). The tests of the pool's lanes and of concurrent clients ask for more.
os.environ.setdefault("HELIX_QUERY_WORKERS", "1")


def load_script(name: str) -> ModuleType:
    """One of the repository's scripts (``scripts/NAME.py``) as a module."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def h2020_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """The whole of Horizon 2020 (participations, programme parts, names) imported into a fresh
    store once per run, and what the import reported. Under xdist the first worker to ask
    builds it under a lock in the run's shared folder and the others read it: the import costs
    30-60 s of CPU."""
    from helixgraph.importers.cordis import import_cordis

    folder = run_folder(tmp_path_factory, "h2020")
    done = folder / "import.json"
    with (folder / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            with KnowledgeGraph.open(folder / "store", default_data=False) as kg:
                report = import_cordis(kg, [H2020, H2020_PARTS, H2020_NAMES])
            figures = {
                "named": report.named,
                "rows_read": report.rows_read or 0,
                "rows_rejected": report.rows_rejected,
            }
            done.write_text(json.dumps(figures))
    return folder / "store", json.loads(done.read_text())


@pytest.fixture(scope="session")
def seed_kg() -> KnowledgeGraph:
    """The default store, in memory: read it, never write to it."""
    return KnowledgeGraph.in_memory()


@pytest.fixture
def store_dir(read_store: Path, tmp_path: Path) -> Path:
    """A fresh default store on disk, for tests that write: a copy of ``read_store`` (making
    one, with the Hungarian slice, takes seconds)."""
    return Path(shutil.copytree(read_store, tmp_path / "store"))


@pytest.fixture
def empty_store_dir(tmp_path: Path) -> Path:
    """Where a store does not exist yet: for tests of making one."""
    return tmp_path / "store"


@pytest.fixture(scope="session")
def read_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A default store on disk, made once per run (under xdist by the first worker to ask, in
    the run's shared folder): for tests that only read, and the original of their copies."""
    folder = run_folder(tmp_path_factory, "read-store")
    with (folder / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "made").exists():
            KnowledgeGraph.open(folder / "store").close()
            (folder / "made").touch()
    return folder / "store"


def run_folder(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    """A folder of this run that every xdist worker shares (a worker's own without xdist)."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return tmp_path_factory.mktemp(name)
    folder = tmp_path_factory.getbasetemp().parent / name
    folder.mkdir(exist_ok=True)
    return folder


@contextlib.contextmanager
def listener() -> Iterator[tuple[int, list[object]]]:
    """A TCP listener on 127.0.0.1 standing where a query would reach out; yields its port and
    the connections it received (there must be none)."""
    connections: list[object] = []
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        sock.settimeout(0.5)

        def accept() -> None:
            with contextlib.suppress(OSError):
                connection, _ = sock.accept()
                connections.append(connection.getpeername())
                connection.close()

        thread = threading.Thread(target=accept)
        thread.start()
        yield sock.getsockname()[1], connections
        thread.join()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_for(url: str, process: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


class Server:
    def __init__(self, base: str, store: Path, log: Path, pid: int = 0):
        self.base = base
        self.store = store
        self.log = log
        self.pid = pid


@contextlib.contextmanager
def running_server(
    folder: Path, store: Path, env: dict[str, str] | None = None
) -> Iterator[Server]:
    """A real `helixgraph serve` (uvicorn) on 127.0.0.1 over ``store``, with ``HELIX_*``
    variables from ``env`` only. Unless ``env`` says otherwise: one query worker (and one for
    long queries; each is a process of its own, and a test asks one query at a time), and no
    start-up warm-up (the report a test does not ask for would cost the run its CPU)."""
    port = free_port()
    log = folder / f"server-{port}.log"
    environment = {k: v for k, v in os.environ.items() if not k.startswith("HELIX_")}
    environment |= {"HELIX_QUERY_WORKERS": "1", "HELIX_WARM_UP": "false"} | (env or {})
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "helixgraph",
                "serve",
                "--port",
                str(port),
                "--store",
                str(store),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=environment,
            cwd=folder,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/health", process)
        yield Server(base, store, log, process.pid)
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory, read_store: Path) -> Iterator[Server]:
    """A real `helixgraph serve` (uvicorn) on 127.0.0.1 with a fresh default store (a copy),
    warmed up at its start as users start it."""
    folder = tmp_path_factory.mktemp("server")
    store = Path(shutil.copytree(read_store, folder / "store"))
    with running_server(folder, store, {"HELIX_WARM_UP": "true"}) as running:
        yield running


@pytest.fixture(scope="session")
def app_client(tmp_path_factory: pytest.TempPathFactory, read_store: Path) -> Iterator[TestClient]:
    """The web app in this process over a fresh store, asked through FastAPI's TestClient (no
    socket, no uvicorn): for what the app answers. `server` (a real uvicorn) stays for what a
    real server is needed for: browsers, clients, deadlines, addresses. No start-up warm-up:
    each page computes what it shows when first asked (the warm-up's own tests start theirs)."""
    from fastapi.testclient import TestClient

    from helixgraph.settings import Settings
    from helixgraph.web import create_app

    store = shutil.copytree(read_store, tmp_path_factory.mktemp("app") / "store")  # fresh: a copy
    settings = Settings(store=str(store), warm_up=False)
    with TestClient(create_app(settings), follow_redirects=False) as client:
        yield client


CORDIS_HELIX = {
    "HES": "academia",
    "REC": "academia",
    "PRC": "business",
    "PUB": "government",
    "OTH": "community",
}


@functools.cache
def hungarian_slice_counts() -> dict[str, object]:
    """Independently of helixgraph, from the shared CSV: what data/cordis-hu.nt.gz must hold
    (every H2020 project with a participant in HU, and all of its participants)."""
    with gzip.open(SHARED / "data" / "cordis-h2020" / "h2020.csv.gz", "rt") as file:
        rows = list(csv.DictReader(file))
    projects = {row["rcn"] for row in rows if row["country"] == "HU"}
    kept = [row for row in rows if row["rcn"] in projects]
    types = {row["pic"]: row["type"] for row in kept}
    return {
        "actors": len(types),
        "by_helix": Counter(CORDIS_HELIX[t] for t in types.values()),
        "projects": len(projects),
        "memberships": len(kept),
        "by_country": Counter(row["country"] for row in {r["pic"]: r for r in kept}.values()),
    }


HELIX_ORDER = ("government", "academia", "business", "community")
#: The IRI the CORDIS importer gives an organisation, less its PIC.
ACTOR_IRI = "https://w3id.org/helixgraph/id/actor/pic-"


@functools.cache
def default_actors() -> dict[str, dict[str, object]]:
    """Independently of helixgraph: every actor of the default store by IRI, with its helices
    (all), primary helix (the seed's hx:primaryHelix, else the first in helix order) and country,
    from the seed Turtle and the shared CORDIS CSV. The seed names the organisations that take
    part in EU programmes by their CORDIS IRI (actor/pic-N), so those are one actor. The seed's
    examples (hx:illustrative true) are no actors of the ecosystem."""
    import rdflib
    from rdflib.namespace import RDF

    org = rdflib.Namespace("http://www.w3.org/ns/org#")
    hx = rdflib.Namespace("https://w3id.org/helixgraph/ns#")
    with gzip.open(SHARED / "data" / "cordis-h2020" / "h2020.csv.gz", "rt") as file:
        rows = list(csv.DictReader(file))
    projects = {row["rcn"] for row in rows if row["country"] == "HU"}
    actors: dict[str, dict[str, object]] = {}
    for row in rows:
        if row["rcn"] in projects:
            country = {"UK": "GB", "EL": "GR"}.get(row["country"], row["country"])
            actors[ACTOR_IRI + row["pic"]] = {
                "helices": {CORDIS_HELIX[row["type"]]},
                "primary": None,
                "country": country,
            }
    seed = rdflib.Graph().parse(SEED_FILE)
    examples = set(seed.subjects(hx.illustrative, rdflib.Literal(True)))
    for actor in set(seed.subjects(RDF.type, org.FormalOrganization)) - examples:
        record = actors.setdefault(str(actor), {"helices": set(), "primary": None})
        record["helices"] |= {  # type: ignore[operator]
            str(h).rsplit("#", 1)[1] for h in seed.objects(actor, org.classification)
        }
        primary = seed.value(actor, hx.primaryHelix)
        record["primary"] = str(primary).rsplit("#", 1)[1] if primary else None
        record["country"] = str(seed.value(actor, hx.country) or record.get("country") or "")
    for record in actors.values():
        if record["primary"] is None:
            record["primary"] = min(record["helices"], key=HELIX_ORDER.index)  # type: ignore[call-overload]
    return actors


@functools.cache
def default_component_sizes() -> list[int]:
    """Independently of helixgraph: the sizes of the connected parts of the default store's
    actor network (actors linked when they share a project or cluster, or have a direct tie),
    from the shared CORDIS CSV and the seed file."""
    import itertools

    import networkx as nx
    import rdflib
    from rdflib.namespace import RDF

    org = rdflib.Namespace("http://www.w3.org/ns/org#")
    hx = rdflib.Namespace("https://w3id.org/helixgraph/ns#")
    with gzip.open(SHARED / "data" / "cordis-h2020" / "h2020.csv.gz", "rt") as file:
        rows = list(csv.DictReader(file))
    projects = {row["rcn"] for row in rows if row["country"] == "HU"}
    members: dict[object, set[str]] = {}
    for row in rows:
        if row["rcn"] in projects:
            members.setdefault(row["rcn"], set()).add(ACTOR_IRI + row["pic"])
    seed = rdflib.Graph().parse(SEED_FILE)
    examples = set(seed.subjects(hx.illustrative, rdflib.Literal(True)))
    actors = set(seed.subjects(RDF.type, org.FormalOrganization)) - examples
    for membership in set(seed.subjects(RDF.type, org.Membership)) - examples:
        collaboration = seed.value(membership, org.organization)
        if collaboration in examples or seed.value(membership, org.member) in examples:
            continue
        members.setdefault(collaboration, set()).add(str(seed.value(membership, org.member)))
    G = nx.Graph()
    G.add_nodes_from(str(a) for a in actors)
    for group in members.values():
        G.add_nodes_from(group)
        G.add_edges_from(itertools.combinations(sorted(group), 2))
    for relation in (hx.funds, hx.collaboratesWith, hx.providesServiceTo, org.linkedTo):
        for s, o in seed.subject_objects(relation):
            if s in actors and o in actors:
                G.add_edge(str(s), str(o))
    return sorted((len(c) for c in nx.connected_components(G)), reverse=True)


# -- a real browser ----------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
#: Where page tests leave their screenshots, for a person to look at.
OUTPUT = ROOT / "test-output"


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """A real headless Chromium (Debian's), one per test process, with a fresh profile."""
    if not Path(CHROMIUM).exists():
        pytest.fail(
            "Debian's chromium is not installed: `make test` installs it (as root), "
            "or run apt-get install chromium"
        )
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield context
        context.close()


def visit(browser: object, url: str) -> tuple[object, list[str], list[str]]:
    """A new page at ``url``, with every request it makes and every error it reports."""
    page = browser.new_page()  # type: ignore[attr-defined]
    requests: list[str] = []
    problems: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(url)
    return page, requests, problems
