"""Schemathesis over the published API description (api/openapi.json), against a live server:
whatever a client sends, within the schema (positive cases) or outside it (negative ones), the
answer is never a server error, never a traceback, and the store is unchanged."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import ROOT, Server, running_server
from hypothesis import HealthCheck, given, settings, strategies
from schemathesis import GenerationMode

pytestmark = pytest.mark.slow

#: Examples per operation: enough to reach every parameter's edge cases, few enough for CI. The
#: what-if route recomputes the ecosystem's fragmentation for each valid body (seconds each).
EXAMPLES = {"POST /api/analysis/what-if": 4, "GET /api/analysis/report": 6}
DEFAULT_EXAMPLES = 10

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory, read_store: Path) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("fuzz")
    store = shutil.copytree(read_store, folder / "store")  # a fresh default store
    # short deadlines keep a generated runaway query from holding the run
    with running_server(folder, store, {"HELIX_QUERY_TIMEOUT": "5"}) as server:
        yield server


def _quads(server: Server) -> str:
    answer = httpx.get(
        server.base + "/sparql",
        params={"query": COUNT},
        headers={"Accept": "text/csv"},
        timeout=30,
    )
    answer.raise_for_status()
    return answer.text


def _operations() -> list[Any]:
    import schemathesis

    schema = schemathesis.openapi.from_path(Path(ROOT / "api" / "openapi.json"))
    return [result.ok() for result in schema.get_all_operations()]


@pytest.mark.parametrize("operation", _operations(), ids=lambda op: op.label)
def test_no_request_gets_a_server_error_or_a_traceback(operation: Any, live: Server) -> None:
    before = _quads(live)
    cases = strategies.one_of(*(operation.as_strategy(mode) for mode in GenerationMode))

    @settings(
        max_examples=EXAMPLES.get(operation.label, DEFAULT_EXAMPLES),
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=cases)
    def check(case: Any) -> None:
        response = case.call(base_url=live.base, timeout=120)
        sent = f"{case.method} {response.request.url}"
        status = response.status_code
        # 503 is the one 5xx the service means: busy, with Retry-After
        assert status < 500 or (status == 503 and "retry-after" in response.headers), (
            f"{sent} -> {status}: {response.text[:500]}"
        )
        assert "Traceback" not in response.text, sent

    check()
    assert _quads(live) == before
