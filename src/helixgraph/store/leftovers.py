"""What a store's folder keeps that nothing needs: the sorted files of a killed bulk load, and
RocksDB's old information logs (one more at every open: 58 were seen in one store).

:func:`tidy` removes them at every open, read-only ones included, but only when no process is
writing to the store: with the write lock in hand, or when the lock can be taken (and is let go
at once). A bulk load under way in another process, or in this one, is never touched.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

#: RocksDB information logs kept besides the current one.
KEEP_OLD_LOGS = 5

#: Stores this process has open for writing: an fcntl lock taken here would not tell them.
writing_here: set[Path] = set()


def tidy(location: Path, *, locked: bool) -> None:
    """Remove a killed bulk load's files and all but the newest :data:`KEEP_OLD_LOGS` old logs
    from ``location``; ``locked``: this process holds the store's write lock."""
    if not locked and not _nobody_writes(location):
        return
    for leftover in location.glob("bulk-*.sst"):
        leftover.unlink(missing_ok=True)
    old_logs = sorted(location.glob("LOG.old.*"), key=lambda p: p.stat().st_mtime, reverse=True)
    for log in old_logs[KEEP_OLD_LOGS:]:
        log.unlink(missing_ok=True)


def _nobody_writes(location: Path) -> bool:
    """Whether no process holds the store's write lock (RocksDB's fcntl lock on ``LOCK``)."""
    if location.resolve() in writing_here:
        return False
    try:
        descriptor = os.open(location / "LOCK", os.O_RDWR)
    except OSError:
        return False
    try:
        fcntl.lockf(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    else:
        with contextlib.suppress(OSError):
            fcntl.lockf(descriptor, fcntl.LOCK_UN)
        return True
    finally:
        os.close(descriptor)
