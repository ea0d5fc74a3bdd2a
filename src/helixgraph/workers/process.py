"""One worker process: spawned, sandboxed, answering down a pipe, killed at a deadline.

The parent holds a :class:`WorkerProcess`; the child runs ``target(conn, sandboxed, *args)``
after :func:`~helixgraph.workers.lifeline.die_with_parent` and, where asked,
:func:`~helixgraph.workers.sandbox.deny_network` (``sandboxed`` says whether it took). Workers
are spawned, never forked: the server is threaded, and a fork copies its locks mid-use.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from helixgraph.workers.lifeline import die_with_parent
from helixgraph.workers.sandbox import SandboxUnavailable, deny_network

_SPAWN = multiprocessing.get_context("spawn")

_T = TypeVar("_T")
_stack_size_lock = threading.Lock()
#: Stack of a thread that evaluates queries and updates: 64 MiB of address space, touched only
#: as deep as a query goes (the guard's depth and token limits stay well inside it).
DEEP_STACK = 64 << 20


class WorkerSilent(Exception):
    """The worker said nothing within the seconds it was given (it is still running)."""


class WorkerDied(Exception):
    """The worker's pipe closed: it crashed (a native overflow, the OOM killer) or was killed."""


class WorkerProcess:
    """A spawned worker running ``target(conn, sandboxed, *args)``; see the module docstring."""

    def __init__(
        self,
        target: Callable[..., None],
        *args: Any,
        name: str,
        sandbox: bool = True,
        deep_stack: bool = False,
    ) -> None:
        self.conn, child = _SPAWN.Pipe()
        self.process = _SPAWN.Process(
            target=_life, args=(target, child, sandbox, deep_stack, args), daemon=True, name=name
        )
        self.process.start()
        child.close()  # the parent's copy: the pipe reads end-of-file when the child dies

    @property
    def pid(self) -> int:
        return int(self.process.pid or 0)

    def alive(self) -> bool:
        return bool(self.process.is_alive())

    def send(self, message: Any) -> None:
        self.conn.send(message)

    def receive(self, seconds: float | None) -> Any:
        """The worker's next message, waiting up to ``seconds`` (None: as long as it takes).
        Raises :class:`WorkerSilent` past them, :class:`WorkerDied` when the worker is gone."""
        if seconds is not None and not self.conn.poll(seconds):
            raise WorkerSilent(f"no answer within {seconds:g} s")
        try:
            return self.conn.recv()
        except (EOFError, OSError):
            raise WorkerDied(self._how_it_ended()) from None

    def kill(self) -> None:
        """Stop the worker now (what it was doing is lost) and close the pipe."""
        with contextlib.suppress(Exception):
            self.process.kill()
            self.process.join(timeout=10)
        with contextlib.suppress(Exception):
            self.conn.close()

    def _how_it_ended(self) -> str:
        self.process.join(timeout=5)
        code = self.process.exitcode
        return f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"


def _life(
    target: Callable[..., None],
    conn: Connection,
    sandbox: bool,
    deep_stack: bool,
    args: tuple[Any, ...],
) -> None:
    """The child's side: die with the parent, lose the network where asked, run the target."""
    die_with_parent()
    sandboxed = False
    if sandbox:
        with contextlib.suppress(SandboxUnavailable):
            deny_network()
            sandboxed = True
    if deep_stack:
        in_deep_stack(target, conn, sandboxed, *args)
    else:
        target(conn, sandboxed, *args)


def in_deep_stack(function: Callable[..., _T], *args: Any) -> _T:
    """Call ``function(*args)`` on a thread with a :data:`DEEP_STACK` stack and return what it
    returns (or raise what it raises): Oxigraph recurses over a query's tree."""
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append((True, function(*args)))
        except BaseException as error:
            outcome.append((False, error))

    with _stack_size_lock:
        previous = threading.stack_size(DEEP_STACK)
        try:
            thread = threading.Thread(target=run, name="helixgraph-deep-stack")
            thread.start()
        finally:
            threading.stack_size(previous)
    thread.join()
    ok, value = outcome[0]
    if not ok:
        raise value
    return value  # type: ignore[no-any-return]
