"""Worker processes: each with its parent's environment as it is when the worker starts (what a
fork server, tried in stop 34, broke: its environment is the one it started with)."""

from __future__ import annotations

import os
from multiprocessing.connection import Connection

import pytest

from helixgraph.workers.process import WorkerProcess


def say_the_probe(conn: Connection, sandboxed: bool) -> None:
    conn.send((os.environ.get("HELIX_PROBE"), sandboxed))


def test_a_worker_takes_the_environment_its_parent_has_when_it_starts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A setting given after the first worker started reaches the next worker, and one taken
    away is gone: a worker opening a store reads HELIX_* as the server has them now (a stale
    wrong value made every later worker of a test process fail to open its store)."""
    answers = []
    for value in ("first", "second", None):
        if value is None:
            monkeypatch.delenv("HELIX_PROBE")
        else:
            monkeypatch.setenv("HELIX_PROBE", value)
        worker = WorkerProcess(say_the_probe, name="helixgraph-probe")
        try:
            answers.append(worker.receive(30))
        finally:
            worker.kill()
    assert [probe for probe, _ in answers] == ["first", "second", None]
