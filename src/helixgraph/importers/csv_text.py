"""Reading CSV sources: every way a file can fail to read becomes an :class:`InputError` that
names the file and line, never a traceback."""

from __future__ import annotations

import csv
import gzip
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from helixgraph.errors import InputError, Problem
from helixgraph.formulas import spreadsheet_safe


@contextmanager
def read_errors(path: Path, line: Callable[[], int]) -> Iterator[None]:
    """Turn what reading ``path`` raises into an :class:`InputError` at ``line()``."""
    try:
        yield
    except UnicodeDecodeError as error:
        # the decoder reads ahead: find the line in the file itself
        where, byte = _first_bad_line(path) or (line(), error.object[error.start])
        raise InputError(
            f"{path}:{where}: not UTF-8 (byte 0x{byte:02x}); save the file as UTF-8"
        ) from None
    except csv.Error as error:
        hint = " (a quote that never closes?)" if "field limit" in str(error) else ""
        raise InputError(f"{path}:{line()}: {error}{hint}") from None
    except (EOFError, zlib.error, gzip.BadGzipFile) as error:
        raise InputError(f"{path}: not a readable gzip file ({error})") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None


def check_header(path: Path | str, header: list[str]) -> None:
    """Refuse a header that names a column twice: which value would count?

    >>> check_header(Path("actors.csv"), ["id", "name", "id"])
    Traceback (most recent call last):
    ...
    helixgraph.errors.InputError: actors.csv:1: header: column 'id' appears twice
    """
    seen: set[str] = set()
    for name in header:
        if name in seen:
            raise InputError(f"{path}:1: header: column {name!r} appears twice")
        seen.add(name)


def _first_bad_line(path: Path) -> tuple[int, int] | None:
    """The first line of ``path`` (gunzipped if gzip) that is not UTF-8, and its first bad byte."""
    with path.open("rb") as raw:
        compressed = raw.read(2) == b"\x1f\x8b"
    with gzip.open(path, "rb") if compressed else path.open("rb") as lines:
        for number, content in enumerate(lines, start=1):
            try:
                content.decode("utf-8")
            except UnicodeDecodeError as error:
                return number, content[error.start]
    return None


@dataclass
class Rejected:
    """A row left out by --skip-invalid: where it was, what it held, what was wrong with it."""

    path: str
    line: int
    row: dict[str, str]
    problems: list[Problem]


def write_rejects(path: Path, rejected: list[Rejected]) -> None:
    """The rejected rows as CSV: where they came from, what was wrong, then the row itself."""
    columns: list[str] = []
    for item in rejected:
        columns += [c for c in item.row if c not in columns]
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["file", "line", "problems", *columns])
        for item in rejected:
            problems = "; ".join(f"{p.column}: {p.message}" for p in item.problems)
            cells = [item.path, item.line, problems, *(item.row.get(c, "") for c in columns)]
            writer.writerow([spreadsheet_safe(cell) for cell in cells])
