"""One analysis computed at a time in the server: a report or the fragmentation by year each
take the CPU and the views' memory, and a second asker waits for the first one's answer."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from helixgraph.errors import AnalysisBusyError

_COMPUTING = threading.Lock()


@contextmanager
def computing_lock(wait: float | None) -> Iterator[None]:
    """Hold the one-computation-at-a-time lock; :class:`AnalysisBusyError` after ``wait``
    seconds (None: wait as long as it takes)."""
    if not _COMPUTING.acquire(timeout=-1 if wait is None else wait):
        raise AnalysisBusyError(
            f"another analysis has been computing for over {wait:g} s; ask again shortly"
        )
    try:
        yield
    finally:
        _COMPUTING.release()


def computing() -> bool:
    """Whether a report (or the fragmentation by year) is being computed right now."""
    return _COMPUTING.locked()
