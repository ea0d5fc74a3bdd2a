"""Reading a CSV source within bounds: what a file expands to is counted while it streams, so
that a gzip bomb or a line without end is refused after a few megabytes, not after gigabytes.

:func:`open_text` gives a text stream over the file (gunzipped when it is gzip, whatever its
name) that raises :class:`~helixgraph.errors.InputError` as soon as the file has expanded past
``HELIX_MAX_EXPANDED_BYTES`` or one line passes ``HELIX_MAX_LINE_BYTES``, naming the file, the
line and the setting.
"""

from __future__ import annotations

import gzip
import io
from pathlib import Path
from typing import IO, Any

from helixgraph.errors import InputError
from helixgraph.settings import Settings, read_settings


class _Counted(io.RawIOBase):
    """The bytes of ``source``, counted: in all, and since the last line break."""

    def __init__(self, source: Any, path: Path, settings: Settings):
        self._source = source
        self._path = path
        self._max_total = settings.max_expanded_bytes
        self._max_line = settings.max_line_bytes
        self._total = self._line = 0
        self._lines = 1

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer)
        chunk = self._source.read(min(len(view), 1 << 16))
        count = len(chunk)
        view[:count] = chunk
        self._total += count
        if self._total > self._max_total:
            raise InputError(
                f"{self._path}: expands past {self._max_total:,} bytes "
                "(HELIX_MAX_EXPANDED_BYTES); refused as a likely gzip bomb, or raise the limit"
            )
        last = chunk.rfind(b"\n")
        if last < 0:
            self._line += count
        else:
            self._lines += chunk.count(b"\n")
            self._line = count - last - 1
        if self._line > self._max_line:
            raise InputError(
                f"{self._path}:{self._lines}: a line longer than {self._max_line:,} bytes "
                "(HELIX_MAX_LINE_BYTES): not a CSV row (a quote that never closes, or no line "
                "breaks); fix the file or raise the limit"
            )
        return count

    def close(self) -> None:
        self._source.close()
        super().close()


def open_text(path: Path, settings: Settings | None = None) -> IO[str]:
    """A CSV file as text within the bounds above, gunzipped when it is gzip."""
    settings = settings or read_settings()
    with path.open("rb") as raw:
        compressed = raw.read(2) == b"\x1f\x8b"
    source = gzip.open(path, "rb") if compressed else path.open("rb")  # noqa: SIM115 (closed by the caller, with the stream)
    counted = io.BufferedReader(_Counted(source, path, settings), buffer_size=1 << 16)
    return io.TextIOWrapper(counted, encoding="utf-8-sig", newline="")
