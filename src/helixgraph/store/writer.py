"""A SPARQL update applied in a process of its own, stopped at a deadline.

Oxigraph cannot cancel an update, and a thread cannot be killed; a process can. The caller
lets go of the store's write lock, a writer process takes it, applies the update in one
transaction and exits. Past the deadline the writer is killed: its transaction was never
committed, so the store is exactly as it was (RocksDB replays only committed writes). A crash
of the writer (an update that overflows the engine) likewise costs the caller nothing.

The writer cannot open network sockets where the platform allows it
(:mod:`helixgraph.workers.sandbox`), so that a guard bug still lets no update reach out.
"""

from __future__ import annotations

from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from helixgraph.errors import StoreError, UpdateTimeoutError
from helixgraph.workers.process import WorkerDied, WorkerProcess, WorkerSilent

#: Seconds a writer may take to start and take the lock before the deadline starts.
STARTUP = 60.0


def update_in_writer(
    location: Path,
    sparql: str,
    *,
    base_iri: str | None,
    prefixes: dict[str, str],
    deadline: float,
) -> None:
    """Apply ``sparql`` to the store at ``location`` in a writer process within ``deadline``
    seconds (the caller must not hold the store's write lock). Raises
    :class:`UpdateTimeoutError` past the deadline and :class:`StoreError` when the writer failed;
    the store is unchanged then. A syntax error comes back as the ``SyntaxError`` Oxigraph
    raised, for the caller to place."""
    writer = WorkerProcess(
        _write, str(location), sparql, base_iri, prefixes, name="helixgraph-update", deep_stack=True
    )
    try:
        first = _receive(writer, STARTUP)
        if first != "ready":  # it could not take the store
            outcome, message = first
        else:  # the deadline counts from when the writer holds the store
            try:
                outcome, message = writer.receive(deadline)
            except WorkerSilent:
                raise UpdateTimeoutError(
                    f"the update ran past the {deadline:g} s deadline and was stopped; nothing "
                    "was written (HELIX_UPDATE_TIMEOUT sets the deadline)"
                ) from None
            except WorkerDied as died:  # an update that overflowed the engine, or a kill
                outcome, message = "crashed", f"the writer stopped ({died})"
    finally:
        writer.kill()
    if outcome == "syntax":
        raise SyntaxError(message)
    if outcome != "ok":
        raise StoreError(f"{location}: the update failed and nothing was written: {message}")


def _receive(writer: WorkerProcess, timeout: float) -> Any:
    """The writer's first message, or why none came."""
    try:
        return writer.receive(timeout)
    except WorkerSilent:
        return "error", f"the writer did not start within {timeout:g} s"
    except WorkerDied as died:
        return "crashed", f"the writer stopped ({died})"


def _write(
    conn: Connection,
    sandboxed: bool,
    location: str,
    sparql: str,
    base_iri: str | None,
    prefixes: dict[str, str],
) -> None:
    """The writer's life (on a deep stack, without the network where the platform allows it):
    take the store's write lock, apply, say how it went."""
    from helixgraph.store.opening import open_writable

    try:  # the caller's process may hold the store it let go of for a moment yet
        store = open_writable(Path(location))
    except StoreError as error:
        conn.send(("error", str(error)))
        return
    conn.send("ready")
    try:
        store.update(sparql, base_iri=base_iri, prefixes=prefixes)
    except SyntaxError as error:
        conn.send(("syntax", str(error)))
        return
    except Exception as error:
        conn.send(("error", str(error)))
        return
    store.flush()
    conn.send(("ok", ""))
