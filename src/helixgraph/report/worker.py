"""Analysis computed in a process of its own, stopped at a deadline.

The web app computes, for anyone who asks, reports of scopes nobody asked for before (a
country, a sector, a window of years) and what-if scenarios; each takes seconds of CPU, and the
views a report needs take memory. A thread cannot be stopped, a process can: a worker does the
one computation, sends the answer back and exits, so the server keeps only the answer and gets
the memory back. Past the deadline the worker is killed and the asker told so (503).

Workers cannot open network sockets where the platform allows it
(:mod:`helixgraph.sparql.sandbox`).
"""

from __future__ import annotations

import contextlib
import multiprocessing
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from helixgraph.errors import QueryTimeoutError, StoreError

if TYPE_CHECKING:
    from helixgraph.report.ecosystem import ReportKey

T = TypeVar("T")


def call_in_worker(function: Callable[..., T], *args: Any, deadline: float, **kwargs: Any) -> T:
    """``function(*args, **kwargs)`` in a worker process, within ``deadline`` seconds
    (:class:`QueryTimeoutError` past it; the worker is killed). ``function`` and what it is given
    and answers cross by pickling; what it raises is raised here."""
    context = multiprocessing.get_context("spawn")  # no fork of a threaded server
    parent, child = context.Pipe(duplex=False)
    process = context.Process(
        target=_run, args=(child, function, args, kwargs), daemon=True, name="helixgraph-analysis"
    )
    process.start()
    child.close()
    try:
        if not parent.poll(deadline):
            raise QueryTimeoutError(
                f"the analysis ran past the {deadline:g} s deadline and was stopped; narrow the "
                "scope, or run `helixgraph analyze`, which has none (HELIX_ANALYSIS_TIMEOUT "
                "sets it)"
            )
        try:
            ok, value = parent.recv()
        except EOFError:
            raise StoreError("the analysis worker stopped unexpectedly; try again") from None
    finally:
        process.kill()
        process.join(timeout=10)
        parent.close()
    if not ok:
        raise value
    answer: T = value
    return answer


def _run(conn: Connection, function: Callable[..., Any], args: Any, kwargs: Any) -> None:
    """The worker's life: lose the network, compute, send, exit."""
    from helixgraph.sparql.sandbox import SandboxUnavailable, deny_network

    with contextlib.suppress(SandboxUnavailable):
        deny_network()
    try:
        answer = function(*args, **kwargs)
    except Exception as error:  # the asker raises it: the same message as in the server
        conn.send((False, error))
        return
    conn.send((True, answer))


def report_of_store(location: str, key: ReportKey) -> dict[str, Any]:
    """The report ``key`` asks for, of the store at ``location`` opened read-only (what a worker
    computes: it has none of the server's views)."""
    from helixgraph.report.parts import build_report
    from helixgraph.store import KnowledgeGraph

    with KnowledgeGraph.open(Path(location), read_only=True) as kg:
        return build_report(kg, key.scope, key.through, key.top, key.seed, key.precision)
