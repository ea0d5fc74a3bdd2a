"""A SPARQL update applied in a process of its own, stopped at a deadline.

Oxigraph cannot cancel an update, and a thread cannot be killed; a process can. The caller
lets go of the store's write lock, a writer process takes it, applies the update in one
transaction and exits. Past the deadline the writer is killed: its transaction was never
committed, so the store is exactly as it was (RocksDB replays only committed writes). A crash
of the writer (an update that overflows the engine) likewise costs the caller nothing.

The writer cannot open network sockets where the platform allows it
(:mod:`helixgraph.sparql.sandbox`), so that a guard bug still lets no update reach out.
"""

from __future__ import annotations

import contextlib
import multiprocessing
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from helixgraph.errors import QueryTimeoutError, StoreError

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
    :class:`QueryTimeoutError` past the deadline and :class:`StoreError` when the writer failed;
    the store is unchanged then. A syntax error comes back as the ``SyntaxError`` Oxigraph
    raised, for the caller to place."""
    context = multiprocessing.get_context("spawn")  # no fork of a threaded server
    parent, child = context.Pipe()
    process = context.Process(
        target=_write,
        args=(child, str(location), sparql, base_iri, prefixes),
        daemon=True,
        name="helixgraph-update",
    )
    process.start()
    child.close()
    try:
        first = _receive(parent, process, STARTUP)
        if first != "ready":  # it could not take the store
            outcome, message = first
        elif not parent.poll(deadline):  # counted from when the writer holds the store
            raise QueryTimeoutError(
                f"the update ran past the {deadline:g} s deadline and was stopped; nothing was "
                "written (HELIX_UPDATE_TIMEOUT sets the deadline)"
            )
        else:
            outcome, message = _receive(parent, process, 0)
    finally:
        process.kill()
        process.join(timeout=10)
        parent.close()
    if outcome == "syntax":
        raise SyntaxError(message)
    if outcome != "ok":
        raise StoreError(f"{location}: the update failed and nothing was written: {message}")


def _receive(conn: Connection, process: BaseProcess, timeout: float) -> Any:
    """The writer's next message, or why none came."""
    if not conn.poll(timeout):
        return "error", f"the writer did not start within {timeout:g} s"
    try:
        return conn.recv()
    except EOFError:  # it died: an update that overflowed the engine, or a kill
        process.join(timeout=5)
        code = process.exitcode
        reason = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
        return "crashed", f"the writer stopped ({reason})"


def _write(
    conn: Connection, location: str, sparql: str, base_iri: str | None, prefixes: dict[str, str]
) -> None:
    """The writer's life: lose the network, take the store's write lock, apply, say how it went."""
    from helixgraph.sparql.lifeline import die_with_parent
    from helixgraph.sparql.pool import in_deep_stack
    from helixgraph.sparql.sandbox import SandboxUnavailable, deny_network
    from helixgraph.store.graph import open_writable

    die_with_parent()  # a server killed mid-update takes the unfinished update with it
    with contextlib.suppress(SandboxUnavailable):
        deny_network()

    def apply() -> tuple[str, str]:
        try:  # the caller's process may hold the store it let go of for a moment yet
            store = open_writable(Path(location))
        except StoreError as error:
            return "error", str(error)
        conn.send("ready")
        try:
            store.update(sparql, base_iri=base_iri, prefixes=prefixes)
        except SyntaxError as error:
            return "syntax", str(error)
        except Exception as error:
            return "error", str(error)
        store.flush()
        return "ok", ""

    conn.send(in_deep_stack(apply))  # Oxigraph recurses over the update's tree
