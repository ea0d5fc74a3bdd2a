"""The files commands write: refused before any work when they cannot be written, and a write
that fails on the way (a full disk) said in one line, never a traceback."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from helixgraph.errors import OutputError


def check_output(out: Path, *, folder: bool = False) -> None:
    """Raise :class:`OutputError` unless ``out`` can be written: a file (or, with ``folder``, a
    folder) in a folder that exists, not a device, a pipe or a folder where a file is meant.

    >>> check_output(Path("/dev/full"))
    Traceback (most recent call last):
    ...
    helixgraph.errors.OutputError: /dev/full: not a regular file (a device); write to a file
    """
    if not out.parent.is_dir():
        raise OutputError(
            f"{out}: the folder {out.parent} does not exist (no such folder; nothing was written)"
        )
    try:
        mode = out.stat().st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise OutputError(f"{out}: cannot write: {error.strerror}") from None
    if folder and not stat.S_ISDIR(mode):
        raise OutputError(f"{out}: exists and is not a folder; name a folder to write into")
    if not folder and not stat.S_ISREG(mode):
        kind = "a folder" if stat.S_ISDIR(mode) else "a device" if _is_device(mode) else "a pipe"
        raise OutputError(f"{out}: not a regular file ({kind}); write to a file")
    if not os.access(out, os.W_OK):
        raise OutputError(f"{out}: cannot write: permission denied")


def _is_device(mode: int) -> bool:
    return stat.S_ISCHR(mode) or stat.S_ISBLK(mode)


@contextlib.contextmanager
def writing(out: Path) -> Iterator[None]:
    """Turn a failed write into :class:`OutputError` naming ``out`` (disk full, I/O error)."""
    try:
        yield
    except OSError as error:
        reason = error.strerror or str(error)
        raise OutputError(f"{out}: cannot write: {reason}; nothing usable was written") from None
