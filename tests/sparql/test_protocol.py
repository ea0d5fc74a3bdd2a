"""The 34 W3C SPARQL 1.1 Protocol tests (``../shared/conformance``) against real servers.

Read-only (the default): every query test passes, every update is answered 403, the ``bad_*``
tests get their 4xx. With ``HELIX_UPDATE_TOKEN`` set and the token sent: all 34 pass.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox
import pytest
from conftest import SHARED, Server, running_server

from helixgraph.store import KnowledgeGraph

SUITE = SHARED / "conformance" / "sparql11-protocol"
TESTS: list[dict[str, Any]] = json.loads((SUITE / "tests.json").read_text(encoding="utf-8"))
TOKEN = "conformance-token"
SPARQL_RESULTS = {
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
}
RDF_SYNTAXES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}


def _insert_data(test_data: list[list[str]]) -> str:
    """An update that puts each of the suite's data files into its named graph."""
    parts = []
    for file, graph in test_data:
        triples = (SUITE / file).read_text(encoding="utf-8")
        parts.append(
            f"DROP SILENT GRAPH <{graph}> ; INSERT DATA {{ GRAPH <{graph}> {{ {triples} }} }}"
        )
    return " ; ".join(parts)


def _store_with_suite_data(folder: Path) -> Path:
    """A store holding data1-3.nt in the graphs the suite names (what every test needs)."""
    path = folder / "store"
    every = sorted({tuple(d) for test in TESTS for d in test["data"]})
    with KnowledgeGraph.open(path) as kg:
        kg.update(_insert_data([list(d) for d in every]))
    return path


@pytest.fixture(scope="module")
def read_only_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("protocol-read-only")
    with running_server(folder, _store_with_suite_data(folder)) as server:
        yield server


@pytest.fixture(scope="module")
def update_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("protocol-update")
    env = {"HELIX_UPDATE_TOKEN": TOKEN}
    with running_server(folder, _store_with_suite_data(folder), env) as server:
        yield server


def _is_update(request: dict[str, Any]) -> bool:
    content_type = request["headers"].get("content-type", "")
    body = request["body"] or ""
    return (
        "sparql-update" in content_type
        or body.startswith("update=")
        or "update=" in request["path"]
    )


def _send(base: str, request: dict[str, Any], token: str | None) -> httpx.Response:
    body = request["body"]
    content = body.encode(request["enc"] or "utf-8") if body is not None else None
    headers = dict(request["headers"])
    if token:
        headers["Authorization"] = f"Bearer {token}"
    url = base + request["path"].replace("/sparql/", "/sparql", 1)
    return httpx.request(request["method"], url, content=content, headers=headers, timeout=30)


def _check(response: httpx.Response, request: dict[str, Any]) -> None:
    status_class = f"StatusCode{response.status_code // 100}xx"
    assert status_class in request["status"], (response.status_code, response.text[:300])
    if status_class != "StatusCode2xx" or request["format"] is None:
        return
    media = response.headers["content-type"].split(";")[0].strip()
    if request["format"] == "boolean":
        if media == "application/sparql-results+json":
            value = response.json()["boolean"]
        else:
            assert media == "application/sparql-results+xml", media
            found = re.search(r"<boolean>(true|false)</boolean>", response.text)
            assert found, response.text
            value = found[1] == "true"
        if request["boolean"] is not None:
            assert value == (request["boolean"] == "true")
    elif request["format"] == "tabular":
        assert media in SPARQL_RESULTS, media
        if media == "application/sparql-results+json":
            assert "vars" in response.json()["head"]
    else:
        assert media in RDF_SYNTAXES, media
        list(ox.parse(response.content, format=RDF_SYNTAXES[media]))


@pytest.mark.parametrize("test", TESTS, ids=[t["id"] for t in TESTS])
def test_read_only_endpoint(read_only_server: Server, test: dict[str, Any]) -> None:
    first = test["requests"][0]
    if _is_update(first) and not test["id"].startswith("bad_"):
        response = _send(read_only_server.base, first, token=None)
        assert response.status_code == 403, response.text
        return
    for request in test["requests"]:
        _check(_send(read_only_server.base, request, token=None), request)


@pytest.mark.parametrize("test", TESTS, ids=[t["id"] for t in TESTS])
def test_endpoint_with_updates(update_server: Server, test: dict[str, Any]) -> None:
    if test["data"]:
        reset = {
            "body": _insert_data(test["data"]),
            "enc": None,
            "method": "POST",
            "path": "/sparql/",
        }
        reset["headers"] = {"content-type": "application/sparql-update"}
        assert _send(update_server.base, reset, TOKEN).status_code == 204
    for request in test["requests"]:
        _check(_send(update_server.base, request, TOKEN), request)
