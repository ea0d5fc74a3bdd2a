"""Updates cannot forge the store's bookkeeping, however they compute the IRIs (the second
review's inputs): the seed graph stays visible, and the next open replaces nothing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from helixgraph.errors import QueryRefusedError
from helixgraph.store import KnowledgeGraph

SEED = "https://w3id.org/helixgraph/graph/seed-ecosystem"
SHEET = "https://w3id.org/helixgraph/graph/spreadsheet-example"
HX = "https://w3id.org/helixgraph/ns#"

HIDE_THE_SEED = (
    'INSERT { GRAPH ?g { ?g ?p "true" } } WHERE { '
    f"BIND(<{SEED}> AS ?g) "
    f'BIND(IRI(CONCAT("{HX}", "pending", "Import")) AS ?p) }}'
)
FORGE_A_NEWER_VERSION = (
    'INSERT { GRAPH ?g { ?g ?p ?s . ?g ?t "2999-01-01T00:00:00Z"^^xsd:dateTime . '
    '?g hx:sha256 "x" } } WHERE { '
    f"BIND(<{SHEET}/v9> AS ?g) BIND(<{SHEET}> AS ?s) "
    f'BIND(IRI(CONCAT("{HX}", "source", "Graph")) AS ?p) BIND(prov:generatedAtTime AS ?t) }}'
)
PROVENANCE_BY_NAME = (
    'INSERT { GRAPH ?g { ?g prov:generatedAtTime "2999-01-01T00:00:00Z"^^xsd:dateTime } } '
    f"WHERE {{ BIND(<{SHEET}/v9> AS ?g) }}"
)


@pytest.fixture(scope="module")
def reviewed_store(tmp_path_factory: pytest.TempPathFactory, read_store: Path) -> Path:
    """The default store with the example spreadsheet imported (the review's store), made once
    for the module: each test writes to a copy of it (``store_dir``)."""
    store = Path(shutil.copytree(read_store, tmp_path_factory.mktemp("reviewed") / "store"))
    example = ROOT / "data" / "templates" / "example"
    done = subprocess.run(
        [sys.executable, "-m", "helixgraph", "import", "spreadsheet",
         *map(str, sorted(example.glob("*.csv"))), "--quiet", "--store", str(store)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return store


@pytest.fixture
def store_dir(reviewed_store: Path, tmp_path: Path) -> Path:
    """A fresh copy of the review's store, for a test that writes."""
    return Path(shutil.copytree(reviewed_store, tmp_path / "store"))


def _triples(kg: KnowledgeGraph, graph: str) -> int:
    rows = kg.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    return int(rows[0]["n"])


@pytest.mark.parametrize("update", [HIDE_THE_SEED, FORGE_A_NEWER_VERSION, PROVENANCE_BY_NAME])
def test_computed_bookkeeping_is_never_written(update: str, store_dir: Path) -> None:
    with KnowledgeGraph.open(store_dir) as kg:
        graphs = {info.graph: info.triples for info in kg.graphs()}
        assert SEED in graphs
        assert SHEET in graphs
        kg.update(update)  # confined: it runs, and writes none of it
        assert {info.graph: info.triples for info in kg.graphs()} == graphs
        assert not kg.ask(f"ASK {{ GRAPH <{SHEET}/v9> {{ ?s ?p ?o }} }}")
    with KnowledgeGraph.open(store_dir) as kg:  # the next writable open replaces nothing
        assert {info.graph: info.triples for info in kg.graphs()} == graphs


@pytest.mark.parametrize(
    "update",
    [
        f"INSERT DATA {{ GRAPH <urn:x> {{ <urn:x> <{HX}pending\\u0049mport> true }} }}",
        f"BASE <{HX[:-1]}> INSERT DATA {{ GRAPH <urn:x> {{ <urn:x> <#pendingImport> true }} }}",
        f"INSERT DATA {{ GRAPH <{SHEET}/v9> {{ <{SHEET}/v9> hx:sha256 'x' }} }}",
    ],
)
def test_bookkeeping_written_out_is_refused(update: str, store_dir: Path) -> None:
    with KnowledgeGraph.open(store_dir) as kg, pytest.raises(QueryRefusedError):
        kg.update(update)


def test_ordinary_updates_still_write(store_dir: Path) -> None:
    with KnowledgeGraph.open(store_dir) as kg:
        kg.update(
            "INSERT { GRAPH <urn:mine> { ?a hx:note ?name } } WHERE { "
            "GRAPH ?g { ?a a org:FormalOrganization ; skos:prefLabel ?name } }"
        )
        assert _triples(kg, "urn:mine") > 100
        kg.update("DELETE WHERE { GRAPH <urn:mine> { ?a hx:note ?name } }")
        assert _triples(kg, "urn:mine") == 0
