"""Analysis computed in a process of its own, stopped at a deadline.

The web app computes, for anyone who asks, reports of scopes nobody asked for before (a
country, a sector, a window of years) and what-if scenarios; each takes CPU, and the views a
report needs take memory. A thread cannot be stopped, a process can: one long-lived worker per
store opens it read-only, keeps its own views and reports (so that the next window of years costs
what it costs in the server), and answers one request at a time. Past the deadline it is killed,
and the next request starts a fresh one; so it is when the store changed. The deadline counts
from when the worker has built the store-wide views (:data:`STARTUP`).

The worker cannot open network sockets where the platform allows it
(:mod:`helixgraph.sparql.sandbox`).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from helixgraph.errors import AnalysisBusyError, QueryTimeoutError, StoreError

if TYPE_CHECKING:
    from helixgraph.report.ecosystem import ReportKey
    from helixgraph.store import KnowledgeGraph

#: Seconds a worker may take to start, open the store and build the store-wide views, not
#: counted in a request's deadline: their cost is the store's size (minutes at 16 M triples,
#: README "Scaling out"), not the request's, and counted in it no report of a big store would
#: ever be answered (every fresh worker killed while building them).
STARTUP = 1800.0


class AnalysisWorker:
    """The worker process of one store on disk; see the module docstring."""

    def __init__(self, location: Path) -> None:
        self.location = location
        self._process: Any = None
        self._conn: Connection | None = None
        self._generation: int | None = None  # the store's generation the worker opened
        self._lock = threading.Lock()

    def report(self, kg: KnowledgeGraph, key: ReportKey, deadline: float) -> dict[str, Any]:
        """The report ``key`` asks for, built (and kept) in the worker."""
        report: dict[str, Any] = self._ask(kg, ("report", key), deadline)
        return report

    def call(
        self,
        kg: KnowledgeGraph,
        function: Callable[..., Any],
        *args: Any,
        deadline: float,
        **kwargs: Any,
    ) -> Any:
        """``function(*args, **kwargs)`` in the worker: what it is given and answers cross by
        pickling, what it raises is raised here."""
        return self._ask(kg, ("call", function, args, kwargs), deadline)

    def stop(self) -> None:
        if self._process is not None:
            with contextlib.suppress(Exception):
                self._process.kill()
                self._process.join(timeout=10)
        if self._conn is not None:
            self._conn.close()
        self._process = self._conn = self._generation = None

    def _ask(self, kg: KnowledgeGraph, request: tuple[Any, ...], deadline: float) -> Any:
        if not self._lock.acquire(timeout=deadline):
            raise AnalysisBusyError(
                f"another analysis has been computing for over {deadline:g} s; ask again shortly"
            )
        try:
            conn = self._ready(kg.generation)
            conn.send(request)
            if not conn.poll(deadline):
                self.stop()
                raise QueryTimeoutError(
                    f"the analysis ran past the {deadline:g} s deadline and was stopped; narrow "
                    "the scope, or run `helixgraph analyze`, which has none "
                    "(HELIX_ANALYSIS_TIMEOUT sets it)"
                )
            try:
                ok, value = conn.recv()
            except EOFError:
                self.stop()
                raise StoreError("the analysis worker stopped unexpectedly; try again") from None
        finally:
            self._lock.release()
        if not ok:
            raise value
        return value

    def _ready(self, generation: int) -> Connection:
        """The worker's pipe; a fresh worker where there is none, it died, or the store changed
        since it opened it (a read-only store does not see later writes)."""
        alive = self._process is not None and self._process.is_alive()
        if alive and self._generation == generation and self._conn is not None:
            return self._conn
        self.stop()
        context = multiprocessing.get_context("spawn")  # no fork of a threaded server
        parent, child = context.Pipe()
        process = context.Process(
            target=_serve, args=(child, str(self.location)), daemon=True, name="helixgraph-analysis"
        )
        process.start()
        child.close()
        self._process, self._conn = process, parent
        try:
            started = parent.poll(STARTUP) and parent.recv() == "ready"
        except EOFError:
            started = False
        if not started:
            self.stop()
            raise StoreError(
                f"{self.location}: the analysis worker could not open the store and build its views"
            )
        self._generation = generation
        return parent


_workers: dict[Path, AnalysisWorker] = {}
_workers_lock = threading.Lock()


def worker_for(kg: KnowledgeGraph) -> AnalysisWorker | None:
    """The analysis worker of ``kg``'s store (one per store, made when first asked); None for a
    store in memory or a remote one, which a worker cannot open: the caller computes itself."""
    if not isinstance(kg.path, Path):
        return None
    with _workers_lock:
        if kg.path not in _workers:
            _workers[kg.path] = AnalysisWorker(kg.path)
        return _workers[kg.path]


def _serve(conn: Connection, location: str) -> None:
    """The worker's life: lose the network, open the store read-only, build the store-wide
    views, answer until the pipe closes."""
    from helixgraph.network import views
    from helixgraph.report.ecosystem import ecosystem_report
    from helixgraph.sparql.lifeline import die_with_parent
    from helixgraph.sparql.sandbox import SandboxUnavailable, deny_network
    from helixgraph.store import KnowledgeGraph

    die_with_parent()
    with contextlib.suppress(SandboxUnavailable):
        deny_network()
    kg = KnowledgeGraph.open(Path(location), read_only=True)
    views.build_store_wide(kg)
    conn.send("ready")
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        try:
            if request[0] == "report":
                key = request[1]
                answer = ecosystem_report(
                    kg,
                    scope=key.scope,
                    through=key.through,
                    top=key.top,
                    seed=key.seed,
                    precision=key.precision,
                )
            else:
                _, function, args, kwargs = request
                answer = function(*args, **kwargs)
        except Exception as error:  # the asker raises it: the same message as in the server
            conn.send((False, error))
        else:
            conn.send((True, answer))
