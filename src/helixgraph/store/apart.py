"""A write done by a process of its own, stopped at a deadline: an import or a drop asked of a
running server, as SPARQL updates are (:mod:`helixgraph.store.writer`).

The server lets go of the store's write lock and keeps reading; a writer process takes the
lock, runs the job on the store and exits. Writes are all or nothing and safe against a kill
(:mod:`helixgraph.store.graph`), so a writer stopped past its deadline, or killed, leaves the
store as it was: what it half-wrote is marked pending, which readers ignore and the next
writable open removes.
"""

from __future__ import annotations

from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, TypeVar

from helixgraph.errors import InputError, StoreError, UpdateTimeoutError
from helixgraph.store.graph import KnowledgeGraph
from helixgraph.store.previous import keep_previous
from helixgraph.workers.process import WorkerDied, WorkerProcess, WorkerSilent

T = TypeVar("T")

#: Seconds a writer may take to start and take the lock before the deadline starts.
STARTUP = 60.0


def write_apart(
    kg: KnowledgeGraph, job: Callable[..., T], *args: Any, deadline: float, what: str = "write"
) -> T:
    """``job(store, *args)`` on the store ``kg`` reads, in a writer process stopped past
    ``deadline`` seconds (:class:`UpdateTimeoutError`, nothing written); what the job raises is
    raised here. ``job`` is a module-level function (it crosses to the writer by name). A store
    in memory or a remote one runs it here. ``kg`` reads the new state after."""
    location = kg.path if isinstance(kg.path, Path) else None
    if location is None:
        return job(kg, *args)
    with kg.written_apart(location):
        writer = WorkerProcess(_run, str(location), job, args, name="helixgraph-write")
        try:
            first = writer.receive(STARTUP)
            if first != "ready":
                raise StoreError(f"{location}: the writer could not take the store: {first}")
            done, answer = writer.receive(deadline)
        except WorkerSilent:
            raise UpdateTimeoutError(
                f"the {what} ran past the {deadline:g} s deadline and was stopped; nothing was "
                "written"
            ) from None
        except WorkerDied as died:
            raise StoreError(
                f"{location}: the writer stopped ({died}); nothing was written"
            ) from None
        finally:
            writer.kill()
    kg.forget()  # whatever the job wrote, what was kept describes the store as it was
    if not done:
        raise answer
    result: T = answer
    return result


def dropped(kg: KnowledgeGraph, graph: str, keep: Path | None = None) -> list[str]:
    """Drop ``graph`` (or every graph of that source) from ``kg``: what was dropped; with
    ``keep``, what it held is kept there to bring back. A job for :func:`write_apart`."""
    if keep is not None:
        for info in kg.graphs(sizes=False):
            if info.source_graph and graph in (info.graph, info.source_graph):
                keep_previous(kg, info.source_graph, keep)
    return kg.drop(graph)


def _run(
    conn: Connection, sandboxed: bool, location: str, job: Callable[..., Any], args: Any
) -> None:
    """The writer's life: open the store writable (its lock), run the job, say how it went."""
    try:  # the caller's process may hold the store it let go of for a moment yet
        kg = KnowledgeGraph.open(Path(location), default_data=False)
    except StoreError as error:
        conn.send(str(error))
        return
    conn.send("ready")
    try:
        answer = job(kg, *args)
    except InputError as error:  # the asker raises it, with the same message
        conn.send((False, InputError(str(error))))
    except Exception as error:
        conn.send((False, StoreError(f"{location}: nothing was written: {error}")))
    else:
        conn.send((True, answer))
    finally:
        kg.close()
