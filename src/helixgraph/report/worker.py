"""Analysis computed in a process of its own, stopped at a deadline.

The web app computes, for anyone who asks, reports of scopes nobody asked for before (a
country, a sector, a window of years) and what-if scenarios; each takes CPU, and the views a
report needs take memory. A thread cannot be stopped, a process can: one long-lived worker per
store opens it read-only, keeps its own views and reports (so that the next window of years costs
what it costs in the server), and answers one request at a time. Past the deadline it is killed,
and the next request starts a fresh one; so it is when the store changed.

The worker builds the store-wide views when a request first needs them, and that time is not
counted in the request's deadline (:data:`STARTUP`): it tells the asker ``"building"`` before
and ``"built"`` after. A report of a sector or a country scope needs none (it reads its
slice, :mod:`helixgraph.network.scope_slice`), nor do the countries held (four tables): right
after a start, a manager's sector or country is answered in seconds on a store whose views take
a minute.

The worker cannot open network sockets where the platform allows it
(:mod:`helixgraph.workers.sandbox`).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, TypeVar

from helixgraph.errors import AnalysisBusyError, AnalysisTimeoutError, StoreError
from helixgraph.network import views
from helixgraph.network.scope import countries_held
from helixgraph.network.scope_slice import sliceable
from helixgraph.network.tables import (
    MEMBERSHIP_TABLES,
    STORE_WIDE_TABLES,
    TIME_TABLES,
    keep_tables,
)
from helixgraph.report.key import ReportKey
from helixgraph.report.model import EcosystemReport
from helixgraph.report.parts import report_of
from helixgraph.store import KnowledgeGraph
from helixgraph.store.kept import key_of
from helixgraph.store.opening import compacted_away
from helixgraph.workers.process import WorkerDied, WorkerProcess, WorkerSilent

#: Seconds a worker may take to start and open the store, or to build the store-wide views, not
#: counted in a request's deadline: their cost is the store's size (minutes at 16 M triples,
#: README "Scaling out"), not the request's, and counted in it no report of a big store would
#: ever be answered (every fresh worker killed while building them).
STARTUP = 1800.0

T = TypeVar("T")


class AnalysisWorker:
    """The worker process of one store on disk; see the module docstring."""

    def __init__(self, location: Path) -> None:
        self.location = location
        self._worker: WorkerProcess | None = None
        self._generation: int | None = None  # the store's generation the worker opened
        self._lock = threading.Lock()
        #: Seconds without a request after which the worker ends and gives its memory back
        #: (None: never); the server sets it from ``HELIX_ANALYSIS_IDLE``.
        self.idle_after: float | None = None
        self._retiring: threading.Timer | None = None
        self._starting = False  # :meth:`start` holds the lock while the worker starts

    def report(
        self, kg: KnowledgeGraph, key: ReportKey, deadline: float, wait: float | None = None
    ) -> EcosystemReport:
        """The report ``key`` asks for, built (and kept) in the worker; ``wait``: seconds to wait
        for the worker's computation of another report (default: the deadline)."""
        report: EcosystemReport = self._ask(kg, ("report", key), deadline, wait)
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

    def call_on_store(
        self,
        kg: KnowledgeGraph,
        function: Callable[..., Any],
        *args: Any,
        deadline: float,
        **kwargs: Any,
    ) -> Any:
        """``function(store, *args, **kwargs)`` in the worker, on the worker's own reading of
        the store (its views already built): the heavy work out of the server's process and its
        lock, as :meth:`report`."""
        return self._ask(kg, ("store", function, args, kwargs), deadline)

    def start(self, kg: KnowledgeGraph) -> None:
        """Start the worker now (a server's start-up), so that the first request finds it with
        the store open; returns once it is ready. A request meanwhile waits for the start, as
        it would for its own, not only its ``wait`` for another's analysis."""
        with self._lock:
            self._starting = True
            try:
                self._ready(kg.generation)
            finally:
                self._starting = False
                self._retire_later()

    def stop(self) -> None:
        if self._worker is not None:
            self._worker.kill()
        self._worker = self._generation = None

    def _ask(
        self,
        kg: KnowledgeGraph,
        request: tuple[Any, ...],
        deadline: float,
        wait: float | None = None,
    ) -> Any:
        wait = deadline if wait is None else wait
        taken = self._lock.acquire(timeout=wait)
        if not taken and self._starting:  # the start-up's views, not another's analysis
            taken = self._lock.acquire(timeout=STARTUP)
        if not taken:
            raise AnalysisBusyError(
                f"another analysis has been computing for over {wait:g} s; ask again shortly"
            )
        try:
            worker = self._ready(kg.generation)
            worker.send(request)
            try:
                ok, value = _answer_to(worker, deadline)
            except WorkerSilent:
                self.stop()
                raise AnalysisTimeoutError(
                    f"the analysis ran past the {deadline:g} s deadline and was stopped; narrow "
                    "the scope, or run `helixgraph analyze`, which has none "
                    "(HELIX_ANALYSIS_TIMEOUT sets it)"
                ) from None
            except WorkerDied:
                self.stop()
                raise StoreError("the analysis worker stopped unexpectedly; try again") from None
        finally:
            self._retire_later()
            self._lock.release()
        if not ok:
            raise value
        return value

    def _retire_later(self) -> None:
        """(Under the lock) end the worker after :attr:`idle_after` seconds without a request:
        its views are the store's size, and an idle server need not hold them."""
        if self._retiring is not None:
            self._retiring.cancel()
        if self.idle_after is not None and self._worker is not None:
            self._retiring = threading.Timer(self.idle_after, self._retire)
            self._retiring.daemon = True
            self._retiring.start()

    def _retire(self) -> None:
        if self._lock.acquire(blocking=False):  # busy: a request came, which re-arms the timer
            try:
                if self._retiring is threading.current_thread():
                    self.stop()
            finally:
                self._lock.release()

    def _ready(self, generation: int) -> WorkerProcess:
        """The worker; a fresh one where there is none, it died, or the store changed since it
        opened it (a read-only store does not see later writes)."""
        worker = self._worker
        if worker is not None and worker.alive() and self._generation == generation:
            return worker
        self.stop()
        worker = self._worker = WorkerProcess(
            _serve, str(self.location), name="helixgraph-analysis"
        )
        try:
            started = worker.receive(STARTUP) == "ready"
        except (WorkerSilent, WorkerDied):
            started = False
        if not started:
            self.stop()
            raise StoreError(f"{self.location}: the analysis worker could not open the store")
        self._generation = generation
        return worker


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


def computed(
    kg: KnowledgeGraph,
    function: Callable[..., Any],
    *args: Any,
    deadline: float | None,
    **kwargs: Any,
) -> Any:
    """``function(kg, *args, **kwargs)`` in the analysis worker of ``kg``'s store, stopped past
    ``deadline`` (:meth:`AnalysisWorker.call_on_store`: what the pages compute stays out of
    the server's memory), or in this process for a store in memory or without a deadline."""
    worker = worker_for(kg)
    if worker is None or deadline is None:
        return function(kg, *args, **kwargs)
    return worker.call_on_store(kg, function, *args, deadline=deadline, **kwargs)


def computed_and_kept(
    kg: KnowledgeGraph, function: Callable[..., T], *args: Any, deadline: float | None
) -> T:
    """``function(kg, *args)``, a :func:`~helixgraph.store.kept.kept` function of the whole
    store (the home scope, the countries held), computed in the analysis worker of a store on
    disk and kept here under the function's own key: the server keeps the small answer, never
    the store-wide views it is computed from. Here for a store in memory or without a
    ``deadline``."""
    worker = worker_for(kg)
    if worker is None or deadline is None:
        return function(kg, *args)
    found: T = kg.memo(
        key_of(function, kg, *args),
        lambda: worker.call_on_store(kg, function, *args, deadline=deadline),
    )
    return found


def _answer_to(worker: WorkerProcess, deadline: float) -> Any:
    """The worker's answer to the request sent, within ``deadline`` seconds, less the time it
    took to build the store-wide views where the request was the first to need them."""
    answer = worker.receive(deadline)
    if answer == "building":
        answer = worker.receive(STARTUP)  # "built", or the error that stopped the building
        if answer == "built":
            answer = worker.receive(deadline)
    return answer


def _serve(conn: Connection, sandboxed: bool, location: str) -> None:
    """The worker's life (without the network where the platform allows it): open the store
    read-only, then answer until the pipe closes, building the store-wide views a step at a
    time while no request waits (see the module docstring)."""
    kg = KnowledgeGraph.open(Path(location), read_only=True)
    conn.send("ready")
    steps = _view_steps(kg)
    while True:
        if steps and not conn.poll(0):  # idle: one more step of the store-wide views
            kg, steps = _step(kg, steps, location, stop=lambda: bool(conn.poll(0)))
            continue
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        try:
            if steps and _needs_views(request):
                conn.send("building")
                while steps:
                    kg, steps = _step(kg, steps, location)
                conn.send("built")
            try:
                answer = _answer(kg, request)
            except Exception as error:
                if not compacted_away(error):
                    raise
                if steps:  # the views are still to be built, from the store read anew
                    kg = _reopened(location)
                    steps = _view_steps(kg)
                else:
                    kg = store_with_views(Path(location))
                answer = _answer(kg, request)
        except Exception as error:  # the asker raises it: the same message as in the server
            conn.send((False, error))
        else:
            conn.send((True, answer))


#: A step of the store-wide views: given whether to stop early (a request waits), whether it
#: is done.
Step = Callable[[Callable[[], bool]], bool]


def _view_steps(kg: KnowledgeGraph) -> list[Step]:
    """:func:`views.build_store_wide` in steps: the tables (see :func:`_fetch_tables`), then the
    attributes, the dated memberships and the direct ties (a second or so each on H2020)."""

    def built(view: Callable[[KnowledgeGraph], object]) -> Step:
        def step(stop: Callable[[], bool]) -> bool:
            view(kg)  # a second or so: not stopped halfway
            return True

        return step

    done = (views.collaboration_attributes, views.dated_memberships, views.relation_graph)
    return [functools.partial(_fetch_tables, kg), *(built(view) for view in done)]


def _fetch_tables(kg: KnowledgeGraph, stop: Callable[[], bool]) -> bool:
    """The store-wide tables (:func:`~helixgraph.network.tables.keep_tables`), the actors'
    first (what the countries held read) and the memberships' last (the biggest: a request
    arriving meanwhile waits for the scans under way)."""
    order = sorted(STORE_WIDE_TABLES, key=lambda n: n in MEMBERSHIP_TABLES or n in TIME_TABLES)
    return keep_tables(kg, order, stop)


def _step(
    kg: KnowledgeGraph, steps: list[Step], location: str, stop: Callable[[], bool] | None = None
) -> tuple[KnowledgeGraph, list[Step]]:
    """Take the first of ``steps``, stopping early where ``stop()`` says (None: never): the
    store and the steps left. The store is read anew (and the steps begun again) where the
    writer's compaction removed files under the reader; a step that fails while no request
    waits (a ``stop`` given) leaves the views to be built when asked for, where the failure
    reaches the asker."""
    try:
        done = steps[0](stop or (lambda: False))
    except Exception as error:
        if compacted_away(error):
            kg = _reopened(location)
            return kg, _view_steps(kg)
        if stop is not None:
            return kg, []
        raise
    return kg, steps[1:] if done else steps


def _needs_views(request: tuple[Any, ...]) -> bool:
    """Whether answering ``request`` reads the store-wide views: all but a sector's or a
    country's report (its slice) and the countries held (tables), and calls that are given no
    store."""
    if request[0] == "report":
        return not sliceable(request[1].scope)
    return request[0] == "store" and request[1] is not countries_held


def _answer(kg: KnowledgeGraph, request: tuple[Any, ...]) -> Any:
    if request[0] == "report":
        return report_of(kg, request[1])
    _, function, args, kwargs = request
    return function(kg, *args, **kwargs) if request[0] == "store" else function(*args, **kwargs)


def store_with_views(location: Path) -> KnowledgeGraph:
    """The store read-only, its store-wide views built; read anew once if the writer's
    compaction removed files under the reader meanwhile (a server's start-up)."""
    kg = _reopened(str(location))
    try:
        views.build_store_wide(kg)
    except Exception as error:
        if not compacted_away(error):
            raise
        kg = _reopened(str(location))
        views.build_store_wide(kg)
    return kg


def _reopened(location: str) -> KnowledgeGraph:
    return KnowledgeGraph.open(Path(location), read_only=True)
