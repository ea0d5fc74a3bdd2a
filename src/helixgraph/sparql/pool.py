"""Public queries run in worker processes, so that a runaway one can be stopped.

Oxigraph cannot cancel a query, and a thread cannot be killed; a process can. Each worker opens
the store read-only (or, for a store in memory, a copy of it) and answers one query at a time:
the request goes down a pipe, the serialised answer comes back. A query past its deadline has its
worker killed (the CPU comes back at once) and replaced in the background.

Two lanes keep cheap queries flowing while runaways run: a query running longer than a second
is reniced and moves to the slow lane (half as many workers), trading places with an idle worker
there so the fast lane stays whole; the pool remembers its shape (text without comments, dataset,
parameters) and sends it to the slow lane directly next time. With the slow lane full, a query
turning long is stopped at once with :class:`QueryBusyError` (503, Retry-After). Workers cannot
open network sockets (:mod:`helixgraph.workers.sandbox`) and evaluate on a deep stack.

Answers are kept (up to ``cache_bytes``) until the store changes: the same query with the same
parameters and format is answered from memory. Most of what a public endpoint is asked is asked
again (the named queries, the pages' queries), and an answer from memory costs a tiny share
of Oxigraph's evaluation (``python -m bench endpoint``).

The pool is also the store's gate for writes: :meth:`QueryPool.exclusive` takes every worker out
(waiting for running queries, each bounded by the deadline), lets the caller write, and has
them read the store anew (a fresh worker only where one cannot).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import queue
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helixgraph.errors import (
    NotAcceptableError,
    QueryBusyError,
    QueryError,
    QueryTimeoutError,
    StoreError,
)
from helixgraph.sparql.evaluation import QueryRequest, ReadAnew, serve
from helixgraph.store import KnowledgeGraph, RemoteEndpoint, query_syntax_error
from helixgraph.workers.process import WorkerProcess


@dataclass(frozen=True)
class QueryAnswer:
    """The serialised answer: body in ``media``, ``rows`` rows (or triples), cut at the limit
    when ``truncated``."""

    media: str
    body: bytes
    rows: int
    truncated: bool
    seconds: float
    #: Answered from memory: the same request was answered since the store last changed.
    cached: bool = False


class QueryPool:
    """Worker processes answering read-only queries against ``kg``, each within ``timeout``."""

    def __init__(
        self,
        kg: KnowledgeGraph,
        *,
        workers: int = 4,
        timeout: float = 10.0,
        cache_bytes: int = 64_000_000,
        slow_workers: int | None = None,
    ) -> None:
        if workers < 1:
            raise ValueError("a query pool needs at least one worker")
        self.kg = kg
        self.size = workers
        #: Workers of the lane for long queries (past :data:`SLOW_AFTER` seconds).
        self.slow_size = max(1, workers // 2) if slow_workers is None else slow_workers
        self.timeout = timeout
        self.cache_bytes = cache_bytes
        self._answers: OrderedDict[tuple[Any, ...], tuple[Any, ...]] = OrderedDict()
        self._answers_size = 0
        self._answers_lock = threading.Lock()
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._slow_idle: queue.Queue[_Worker] = queue.Queue()
        # the shapes of queries seen running past SLOW_AFTER: they go to the slow lane directly
        self._known_slow: OrderedDict[tuple[Any, ...], None] = OrderedDict()
        self._running_slow: set[tuple[Any, ...]] = set()
        self._closed = False
        self._dump: bytes | None = None

    # -- life cycle ------------------------------------------------------------------------

    def start(self) -> QueryPool:
        """Start the workers and wait until every one has opened the store."""
        self._dump = None if self.kg.path is not None else self.kg.dump_nquads()
        lanes = [self._idle] * self.size + [self._slow_idle] * self.slow_size
        starting = [(self._spawn(), lane) for lane in lanes]
        for worker, lane in starting:
            worker.wait_ready()
            worker.lane = lane
            lane.put(worker)
        return self

    def close(self) -> None:
        """Stop every worker (running queries are killed)."""
        self._closed = True
        for lane in (self._idle, self._slow_idle):
            while True:
                try:
                    lane.get_nowait().kill()
                except queue.Empty:
                    break

    def __enter__(self) -> QueryPool:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _spawn(self) -> _Worker:
        location = self.kg.path
        path = str(location) if isinstance(location, Path) else location
        return _Worker(
            WorkerProcess(
                serve,
                path,
                self._dump,
                name="helixgraph-query",
                sandbox=not isinstance(path, RemoteEndpoint),  # a remote store is on the network
                deep_stack=True,
            )
        )

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` and put a fresh one in its lane, in the background."""
        worker.kill()
        lane = worker.lane

        def respawn() -> None:
            if self._closed:
                return
            fresh = self._spawn()
            try:
                fresh.wait_ready()
            except StoreError:
                fresh.kill()
                return
            fresh.lane = lane
            lane.put(fresh)

        threading.Thread(target=respawn, daemon=True, name="helixgraph-respawn").start()

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold every worker while the caller writes to the store; afterwards they read it anew.

        Waits for the running queries (each ends by its deadline); queries asked meanwhile wait
        for the workers to have read the new state.
        """
        held = [self._idle.get() for _ in range(self.size)]
        held += [self._slow_idle.get() for _ in range(self.slow_size)]
        try:
            yield
        finally:
            self.forget()
            if self._closed:
                for worker in held:
                    worker.kill()
            else:
                self._read_anew(held)

    def _read_anew(self, held: list[_Worker]) -> None:
        """Have the held workers read the store as it is now and put them back in their lanes;
        one that cannot is replaced by a fresh one (a process start: 0.75 s of CPU, which a
        reading anew saves each worker at each write)."""
        self._dump = None if self.kg.path is not None else self.kg.dump_nquads()
        for worker in held:
            with contextlib.suppress(OSError):  # a worker that died meanwhile is replaced below
                worker.conn.send(ReadAnew(self._dump))
        for done, worker in enumerate(held):
            lane = worker.lane
            try:
                worker.wait_ready()
            except StoreError:  # it is killed
                worker = self._spawn()
                try:
                    worker.wait_ready()
                except StoreError:  # the store cannot be read: as a start would, say so
                    for left in held[done + 1 :]:
                        left.kill()
                    raise
                worker.lane = lane
            lane.put(worker)

    # -- answering -------------------------------------------------------------------------

    def forget(self) -> None:
        """Drop every kept answer (the store changed)."""
        with self._answers_lock:
            self._answers.clear()
            self._answers_size = 0

    def _recall(self, key: tuple[Any, ...]) -> tuple[Any, ...] | None:
        with self._answers_lock:
            reply = self._answers.get(key)
            if reply is not None:
                self._answers.move_to_end(key)
            return reply

    def _keep(self, key: tuple[Any, ...], reply: tuple[Any, ...]) -> None:
        size = len(reply[2]) if reply[0] == "ok" else 0
        if reply[0] != "ok" or size > self.cache_bytes // 8:
            return
        with self._answers_lock:
            if key in self._answers:
                return
            self._answers[key] = reply
            self._answers_size += size
            while self._answers_size > self.cache_bytes:
                _, dropped = self._answers.popitem(last=False)
                self._answers_size -= len(dropped[2])

    def run(self, request: QueryRequest) -> QueryAnswer:
        """Answer ``request`` from memory or in a worker; blocks the calling thread (run it off
        the event loop). Raises :class:`QueryTimeoutError` past the deadline,
        :class:`QueryBusyError` when no worker came free within it, and the query's own
        errors."""
        key = _cache_key(request)
        started = time.perf_counter()
        remembered = self._recall(key)
        if remembered is not None:
            return _answer(remembered, time.perf_counter() - started, cached=True)
        reply = self._ask_worker(request, _shape(request))
        self._keep(key, reply)
        return _answer(reply, time.perf_counter() - started)

    def _ask_worker(self, request: QueryRequest, shape: tuple[Any, ...]) -> tuple[Any, ...]:
        """Run ``request`` in a worker: in the fast lane, or in the slow lane when a query of
        its shape ran long before. A query that runs past :data:`SLOW_AFTER` in the fast lane
        trades places with an idle slow-lane worker, so that the fast lane stays whole; with
        none idle, it is stopped and told to come back (503), and goes to the slow lane then.
        """
        slow = shape in self._known_slow
        if slow and not self._start_slow(shape):
            raise QueryBusyError(
                "the same long query is running already; ask again when it is done"
            )
        counted = [slow]  # whether this request counts as the running long query of its shape
        try:
            return self._in_lane(request, shape, counted)
        finally:
            if counted[0]:
                self._end_slow(shape)

    def _in_lane(
        self, request: QueryRequest, shape: tuple[Any, ...], counted: list[bool]
    ) -> tuple[Any, ...]:
        slow = counted[0]
        lane = self._slow_idle if slow else self._idle
        try:
            worker = lane.get(timeout=self.timeout)
        except queue.Empty:
            raise QueryBusyError(
                f"every worker for {'long ' if slow else ''}queries stayed busy for "
                f"{self.timeout:g} s; try again shortly"
            ) from None
        started = time.perf_counter()
        try:
            worker.conn.send(request)
            cpu_before = worker.cpu_seconds()
            done = worker.conn.poll(min(SLOW_AFTER, self.timeout))
            # waiting for a core on a busy machine is not running long: it takes a second of
            # the worker's own CPU time (where the platform tells) to count as long
            while not done and worker.cpu_seconds() - cpu_before < SLOW_AFTER:
                left = self.timeout - (time.perf_counter() - started)
                if left <= 0:
                    break
                done = worker.conn.poll(min(0.25, left))
            if not done:
                worker.lower_priority()
                if not slow and self.slow_size > 0:
                    self._learn_slow(shape)
                    counted[0] = self._start_slow(shape)
                    if not counted[0] or not self._hand_over(worker):
                        self._replace(worker)
                        raise QueryBusyError(
                            f"this query ran past {SLOW_AFTER:g} s while the {self.slow_size} "
                            "workers for long queries were busy; it was stopped: try again "
                            "shortly"
                        )
                done = worker.conn.poll(max(0.0, self.timeout - (time.perf_counter() - started)))
            if not done:
                self._replace(worker)
                raise QueryTimeoutError(
                    f"the query ran past the {self.timeout:g} s deadline and was stopped; "
                    "narrow it (LIMIT, more specific patterns) or ask for less"
                )
            reply: tuple[Any, ...] = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._replace(worker)
            raise StoreError("a query worker stopped unexpectedly; try again") from None
        if worker.reniced and not worker.restore_priority():
            self._replace(worker)
        else:
            worker.lane.put(worker)
        return reply

    def _hand_over(self, worker: _Worker) -> bool:
        """Move a fast-lane worker running long into the slow lane, in exchange for an idle
        slow-lane worker; False when none is idle."""
        try:
            spare = self._slow_idle.get_nowait()
        except queue.Empty:
            return False
        spare.lane, worker.lane = self._idle, self._slow_idle
        self._idle.put(spare)
        return True

    def _start_slow(self, shape: tuple[Any, ...]) -> bool:
        """Count a long query of ``shape`` in; False when one of that shape runs already (one
        client repeating a runaway may not fill the slow lane)."""
        with self._answers_lock:
            if shape in self._running_slow:
                return False
            self._running_slow.add(shape)
            return True

    def _end_slow(self, shape: tuple[Any, ...]) -> None:
        with self._answers_lock:
            self._running_slow.discard(shape)

    def _learn_slow(self, shape: tuple[Any, ...]) -> None:
        with self._answers_lock:
            self._known_slow[shape] = None
            self._known_slow.move_to_end(shape)
            while len(self._known_slow) > 1000:
                self._known_slow.popitem(last=False)


_CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
#: Seconds after which a query counts as long: it is reniced and moves to the slow lane.
SLOW_AFTER = 1.0


def _shape(request: QueryRequest) -> tuple[Any, ...]:
    """What makes a query long: its text without comments or spacing, and its dataset."""
    from helixgraph.guard.tokens import tokens

    try:
        text = " ".join(t.text for t in tokens(request.sparql) if t.kind != "comment")
    except QueryError:
        text = request.sparql
    return (
        text,
        request.default_graphs,
        request.named_graphs,
        tuple(sorted(request.substitutions.items())),
    )


def _cache_key(request: QueryRequest) -> tuple[Any, ...]:
    return (
        request.sparql,
        request.accept,
        request.format,
        request.default_graphs,
        request.named_graphs,
        request.has_dataset_clause,
        tuple(sorted(request.substitutions.items())),
        request.max_rows,
        request.base_iri,
        request.formula_safe,
    )


def _answer(reply: tuple[Any, ...], seconds: float, *, cached: bool = False) -> QueryAnswer:
    status = reply[0]
    if status == "ok":
        _, media, body, rows, truncated = reply
        return QueryAnswer(media, body, rows, truncated, seconds, cached)
    message = reply[1]
    if status == "syntax":
        raise query_syntax_error(message)
    if status == "not-acceptable":
        raise NotAcceptableError(message)
    raise QueryError(message)


class _Worker:
    """A query worker as the pool sees it: its process, its lane, its priority."""

    def __init__(self, worker: WorkerProcess) -> None:
        self.worker = worker
        #: The pipe to the worker (requests down, answers up).
        self.conn = worker.conn
        self.reniced = False
        #: The lane the worker returns to when it is done.
        self.lane: queue.Queue[_Worker] = queue.Queue()
        #: The native id of the worker's answering thread.
        self.thread_id: int = worker.pid
        #: The worker cannot open network sockets (see :mod:`helixgraph.workers.sandbox`).
        self.sandboxed = False

    def wait_ready(self, timeout: float = 120.0) -> None:
        if not self.conn.poll(timeout):
            self.kill()
            raise StoreError("a query worker did not open the store in time")
        try:
            message = self.conn.recv()
        except EOFError:
            message = ("error", "the worker exited")
        if message[0] != "ready":
            self.kill()
            raise StoreError(f"a query worker could not open the store: {message[1]}")
        self.sandboxed = bool(message[1])
        self.thread_id = int(message[2])
        if not self.sandboxed:
            _warn_unsandboxed(remote=bool(message[3]))

    def cpu_seconds(self) -> float:
        """CPU time the answering thread has used; +inf where the platform does not say (then
        wall time alone decides what is long)."""
        try:
            stat = Path(f"/proc/{self.worker.pid}/task/{self.thread_id}/stat").read_text()
        except OSError:
            return float("inf")
        fields = stat.rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS

    def lower_priority(self) -> None:
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, self.thread_id, 15)
            self.reniced = True

    def restore_priority(self) -> bool:
        """Back to normal priority; False where that takes a privilege the server lacks."""
        try:
            os.setpriority(os.PRIO_PROCESS, self.thread_id, 0)
        except OSError:
            return False
        self.reniced = False
        return True

    def kill(self) -> None:
        self.worker.kill()


@functools.cache
def _warn_unsandboxed(*, remote: bool) -> None:
    if remote:
        reason = "they talk to the remote store over the network"
    else:
        reason = "this platform offers none"
    logging.getLogger("helixgraph").warning(
        f"query workers run without the network sandbox ({reason}): only the query guard "
        "keeps SERVICE and LOAD from reaching the network"
    )
