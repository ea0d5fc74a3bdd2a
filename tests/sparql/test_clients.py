"""helixgraph's endpoint as researchers reach it: SPARQLWrapper, rdflib's SPARQLStore, and a
federated query from a real Oxigraph server (`oxigraph serve`, on 127.0.0.1) whose SERVICE
clause calls helixgraph."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import rdflib
from conftest import Server, free_port, wait_for
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, XML, SPARQLWrapper

MEDIKLASZTER = "https://w3id.org/helixgraph/id/cluster/mediklaszter"
MEMBERS = "https://w3id.org/helixgraph/ns#declaredMemberCount"
QUERY = f"SELECT ?n WHERE {{ <{MEDIKLASZTER}> <{MEMBERS}> ?n }}"


def test_sparqlwrapper_json_and_xml(server: Server) -> None:
    client = SPARQLWrapper(server.base + "/sparql")
    client.setQuery(QUERY)
    client.setReturnFormat(JSON)
    rows = client.queryAndConvert()["results"]["bindings"]  # type: ignore[index]
    assert [row["n"]["value"] for row in rows] == ["49"]
    client.setReturnFormat(XML)
    document = client.queryAndConvert()
    values = [node.firstChild.data for node in document.getElementsByTagName("literal")]  # type: ignore[union-attr]
    assert values == ["49"]


def test_rdflib_sparqlstore(server: Server) -> None:
    graph = rdflib.Graph(SPARQLStore(server.base + "/sparql", returnFormat="json"))
    rows = list(graph.query(QUERY))
    assert [int(row[0]) for row in rows] == [49]  # type: ignore[index]
    members = rdflib.URIRef(MEMBERS)
    assert graph.value(rdflib.URIRef(MEDIKLASZTER), members) == rdflib.Literal(49)


@pytest.fixture
def oxigraph_server(tmp_path: Path) -> Iterator[str]:
    binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    port = free_port()
    process = subprocess.Popen(
        [binary, "serve", "--location", str(tmp_path / "oxigraph"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/query?query=ASK%7B%7D", process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_federated_query_from_oxigraph_serve(server: Server, oxigraph_server: str) -> None:
    federated = f"""SELECT ?cluster ?n WHERE {{
        VALUES ?cluster {{ <{MEDIKLASZTER}> }}
        SERVICE <{server.base}/sparql> {{ ?cluster <{MEMBERS}> ?n }}
    }}"""
    response = httpx.post(
        oxigraph_server + "/query",
        content=federated,
        headers={
            "content-type": "application/sparql-query",
            "accept": "application/sparql-results+json",
        },
        timeout=30,
    )
    assert response.status_code == 200, response.text
    rows = response.json()["results"]["bindings"]
    assert [(row["cluster"]["value"], row["n"]["value"]) for row in rows] == [(MEDIKLASZTER, "49")]
