"""The query workers on their own: a store in memory copied into them, deadlines, kept answers
forgotten when the store changes."""

from __future__ import annotations

import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import SEED_FILE

from helixgraph.errors import QuerySyntaxError, QueryTimeoutError
from helixgraph.sparql.evaluation import QueryRequest
from helixgraph.sparql.pool import QueryPool
from helixgraph.store import KnowledgeGraph

pytestmark = pytest.mark.timing  # deadlines and latencies: run alone

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
ASK = "ASK { <https://example.org/a> <https://example.org/b> ?o }"


@pytest.fixture
def pool() -> QueryPool:
    kg = KnowledgeGraph.in_memory(default_data=False)  # a store in memory: the seed alone
    kg.load([SEED_FILE], validate=False)
    with QueryPool(kg, workers=2, timeout=1.5) as running:
        yield running


def test_a_store_in_memory_is_copied_into_the_workers(pool: QueryPool) -> None:
    answer = pool.run(
        QueryRequest("SELECT ?n WHERE { ?c hx:declaredMemberCount ?n }", format="csv")
    )
    assert answer.media == "text/csv"
    assert set(answer.body.decode().split("\r\n")[1:-1]) == {"49", "12"}


def test_past_the_deadline_the_worker_is_killed_and_replaced(pool: QueryPool) -> None:
    started = time.perf_counter()
    with pytest.raises(QueryTimeoutError):
        pool.run(QueryRequest(RUNAWAY))
    assert time.perf_counter() - started < 1.5 + 1
    assert pool.run(QueryRequest("ASK {}")).body == b'{"head": {}, "boolean": true}'
    with pytest.raises(QuerySyntaxError) as error:
        pool.run(QueryRequest("SELECT * WHERE {\n  ?s ?p }"))
    assert error.value.line == 2


def worker_pids(pool: QueryPool) -> set[int]:
    return {worker.worker.pid for lane in (pool._idle, pool._slow_idle) for worker in lane.queue}


def test_answers_are_kept_until_the_store_changes(pool: QueryPool) -> None:
    first = pool.run(QueryRequest(ASK))
    again = pool.run(QueryRequest(ASK))
    assert (first.cached, again.cached) == (False, True)
    assert again.body == first.body == b'{"head": {}, "boolean": false}'
    before = worker_pids(pool)
    with pool.exclusive():
        triple = "<https://example.org/a> <https://example.org/b> 1"
        pool.kg.update(f"INSERT DATA {{ GRAPH <https://example.org/g> {{ {triple} }} }}")
    after = pool.run(QueryRequest(ASK))
    assert after.cached is False
    assert after.body == b'{"head": {}, "boolean": true}'
    assert worker_pids(pool) == before  # the same workers read the store anew: no process start


def test_after_a_write_every_worker_sees_it_and_a_dead_one_is_replaced(tmp_path: Path) -> None:
    with KnowledgeGraph.open(tmp_path / "store", default_data=False) as kg:
        kg.load([SEED_FILE], validate=False)
    kg = KnowledgeGraph.open(tmp_path / "store")
    with QueryPool(kg, workers=2, slow_workers=1, timeout=5) as pool:
        dead, *alive = sorted(worker_pids(pool))
        os.kill(dead, signal.SIGKILL)
        with pool.exclusive():
            triple = "<https://example.org/a> <https://example.org/b> 1"
            kg.update(f"INSERT DATA {{ GRAPH <https://example.org/g> {{ {triple} }} }}")
        pids = worker_pids(pool)
        assert len(pids) == 3
        assert dead not in pids
        assert set(alive) <= pids
        # two at once, as many as the fast lane has workers: each answers from the new state
        with ThreadPoolExecutor(2) as run:
            asked = [run.submit(pool.run, QueryRequest(ASK + f" # {n}")) for n in range(2)]
            assert {future.result().body for future in asked} == {b'{"head": {}, "boolean": true}'}
    kg.close()


def test_runaways_move_to_the_slow_lane_and_cheap_queries_keep_their_workers() -> None:
    from helixgraph.errors import QueryBusyError

    kg = KnowledgeGraph.in_memory(default_data=False)
    kg.load([SEED_FILE], validate=False)
    with QueryPool(kg, workers=2, slow_workers=1, timeout=4) as pool, ThreadPoolExecutor(4) as run:
        first = run.submit(pool.run, QueryRequest(RUNAWAY))
        time.sleep(1.5)  # past a second: it traded places with the slow lane's worker
        second = run.submit(pool.run, QueryRequest(RUNAWAY + " # again, in other words"))
        # the same shape is known slow: it waits for the slow lane, never takes a fast worker
        cheap = []
        for _ in range(20):
            started = time.perf_counter()
            pool.run(QueryRequest(f"ASK {{ ?s ?p {len(cheap)} }}"))
            cheap.append(time.perf_counter() - started)
        assert max(cheap) < 1.0, cheap
        with pytest.raises(QueryTimeoutError):
            first.result()
        with pytest.raises((QueryTimeoutError, QueryBusyError)):
            second.result()
        # another long query while the slow lane is full is stopped after a second, not at 4 s
        blocker = run.submit(pool.run, QueryRequest(RUNAWAY.replace("?l", "?m")))
        time.sleep(1.3)
        started = time.perf_counter()
        with pytest.raises(QueryBusyError, match="workers for long queries were busy"):
            pool.run(QueryRequest(RUNAWAY.replace("?l", "?n")))
        assert time.perf_counter() - started < 2.5
        with pytest.raises(QueryTimeoutError):
            blocker.result()
        assert pool.run(QueryRequest("ASK {}")).body == b'{"head": {}, "boolean": true}'
