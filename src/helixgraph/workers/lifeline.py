"""Worker processes die with the process that started them.

The query workers, the update writer and the analysis worker are started by the server. Should
the server be killed (``kill -9``, the OOM killer), nothing tells them: a worker in a runaway
query would go on at full CPU with the store's files open. :func:`die_with_parent` starts a
thread in the worker that waits on multiprocessing's own parent sentinel (a pipe whose other end
only the parent holds: it reads end-of-file the moment the parent is gone, however it went) and
ends the worker at once. Oxigraph lets go of the interpreter while it evaluates, and networkx
gives it up between steps, so the thread runs even while the worker is busy.

``prctl(PR_SET_PDEATHSIG)`` would not do: it fires when the *thread* that started the worker
ends, and the server starts workers from short-lived threads.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from multiprocessing.connection import wait


def die_with_parent() -> None:
    """In a worker process: end this process as soon as its parent is gone."""
    parent = multiprocessing.parent_process()
    if parent is None:  # not a multiprocessing child
        return
    sentinel = parent.sentinel

    def watch() -> None:
        wait([sentinel])
        os._exit(1)  # no clean-up: the store is opened so that an unfinished write is lost

    threading.Thread(target=watch, daemon=True, name="helixgraph-lifeline").start()
