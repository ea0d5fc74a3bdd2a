"""Opening an embedded Oxigraph store on disk: for writing (its lock, waited for) or for
reading beside a writer."""

from __future__ import annotations

import time
from pathlib import Path

import pyoxigraph as ox

from helixgraph.errors import StoreError


def open_writable(location: Path, attempts: int = 50) -> ox.Store:
    """Take a store's write lock, waiting up to ``attempts`` tenths of a second for the process
    or object that had it to let go (a writer process exiting, a reader dropping the store)."""
    for attempt in range(attempts):
        try:
            return ox.Store(str(location))
        except OSError as error:
            if attempt == attempts - 1:
                message = f"{location}: cannot take the store's write lock: {error}"
                raise StoreError(message) from None
            time.sleep(0.1)
    raise AssertionError("unreachable")


def open_read_only(location: Path, attempts: int = 5) -> ox.Store:
    """Open a store read-only, beside a process that may hold it for writing.

    RocksDB lets a reader in while a writer runs, but a background compaction can delete a file
    the reader was about to open; that race is transient, so a few tries get through it.
    """
    for attempt in range(attempts):
        try:
            return ox.Store.read_only(str(location))
        except (OSError, RuntimeError) as error:
            if attempt == attempts - 1:
                raise StoreError(f"{location}: cannot open the store read-only: {error}") from None
            time.sleep(0.2 * (attempt + 1))
    raise AssertionError("unreachable")


def compacted_away(error: object) -> bool:
    """Whether an error is a reader missing a file the writer's compaction removed after the
    reader opened the store (``IO error: No such file or directory: While open a file for
    random read: …/000053.sst``): transient, the store read anew answers.

    >>> compacted_away("IO error: No such file or directory: While open a file for random "
    ...                "read: /s/000053.sst: No such file or directory")
    True
    """
    message = str(error)
    return "No such file or directory" in message and ".sst" in message
