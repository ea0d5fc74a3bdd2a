"""The spreadsheet template's tables, as CSV files or as sheets of an .xlsx workbook.

Managers keep their ecosystem in Excel or LibreOffice; saving four sheets as four UTF-8 CSV
files is where they stumble. A workbook is read as it is: a file named after a table
(``actors.xlsx``) is that table (its first sheet); any other workbook holds the tables as
sheets named after them (``actors``, ``memberships``, ``ties``, ``services``). Either way a
row is a dict of stripped text cells and its line is the spreadsheet's row number.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from helixgraph.errors import InputError
from helixgraph.importers.bounded import open_text
from helixgraph.importers.csv_text import check_header, read_errors

#: A header and the rows under it: (line, {column: cell}).
Rows = tuple[list[str], Iterator[tuple[int, dict[str, str]]]]


@dataclass(frozen=True)
class Table:
    """One table of the template: ``name`` is the template file it stands for
    (``actors.csv``), ``where`` how messages name it (the file, or ``book.xlsx[actors]``)."""

    name: str
    where: str
    path: Path
    sheet: str | None = None  # None: a CSV file

    @contextmanager
    def rows(self) -> Iterator[Rows]:
        """The header and an iterator over the rows; reading errors name the file and line."""
        if self.sheet is None:
            with _csv_rows(self.path) as found:
                yield found
            return
        book = _workbook(self.path)
        try:
            yield _sheet_rows(book[self.sheet], self.where)
        finally:
            book.close()


def tables(paths: Sequence[Path], names: Mapping[str, object]) -> dict[str, Table]:
    """The tables the given files hold, by template name (a key of ``names``); a folder stands
    for the template files (and workbooks) in it."""
    found: dict[str, Table] = {}
    expected = ", ".join(names)
    for path in template_files(paths, names):
        if path.suffix.lower() == ".xlsx":
            held = _workbook_tables(path, names)
        elif path.name.lower() in names:
            held = [Table(path.name.lower(), str(path), path)]
        else:
            raise InputError(
                f"{path}: not a template file; the template has {expected} "
                "(or an .xlsx workbook with those sheets)"
            )
        for table in held:
            if (earlier := found.get(table.name)) is not None:
                twice = f"{table.name} is given twice (also {earlier.where})"
                raise InputError(f"{table.where}: {twice}")
            found[table.name] = table
    return found


def template_files(paths: Sequence[Path], names: Mapping[str, object]) -> list[Path]:
    """``paths`` with each folder replaced by the template files and workbooks it holds."""
    found: list[Path] = []
    for path in paths:
        if not path.exists() and not path.suffix:  # a missing file is said when it is read
            raise InputError(f"{path}: no such file or folder")
        if not path.is_dir():
            found.append(path)
            continue
        held = sorted(
            p for p in path.iterdir()
            if p.is_file() and (p.name.lower() in names or p.suffix.lower() == ".xlsx")
        )  # fmt: skip
        if not held:
            raise InputError(f"{path}: a folder without the template's files ({', '.join(names)})")
        found += held
    return found


@contextmanager
def _csv_rows(path: Path) -> Iterator[Rows]:
    line = 1
    with read_errors(path, lambda: line), open_text(path) as file:
        reader = csv.DictReader(file)
        header = list(reader.fieldnames or [])
        check_header(path, header)

        def rows() -> Iterator[tuple[int, dict[str, str]]]:
            nonlocal line
            for row in reader:
                line = reader.line_num
                yield line, {k: (v or "").strip() for k, v in row.items() if k}

        yield header, rows()


def _workbook(path: Path) -> Any:
    import zipfile
    from xml.etree.ElementTree import ParseError

    from openpyxl import load_workbook

    if not path.is_file():
        raise InputError(f"{path}: no such file")
    try:
        _check_unzipped_size(path)
        # data_only: a formula's value as the spreadsheet last computed it, never the formula
        return load_workbook(path, read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, ParseError) as error:
        raise InputError(f"{path}: not a readable .xlsx workbook ({error})") from None


def _check_unzipped_size(path: Path) -> None:
    """Refuse a workbook that unzips past ``HELIX_MAX_WORKBOOK_BYTES`` before reading any of it:
    the sizes its zip directory declares are what reading it may produce (Python's zip reader
    stops at the declared size), and one 4 GB cell is a few megabytes zipped."""
    import zipfile

    from helixgraph.settings import read_settings

    largest = read_settings().max_workbook_bytes
    with zipfile.ZipFile(path) as archive:
        unzipped = sum(item.file_size for item in archive.infolist())
    if unzipped > largest:
        raise InputError(
            f"{path}: unzips to {unzipped:,} bytes, over {largest:,} (HELIX_MAX_WORKBOOK_BYTES); "
            "refused as a likely zip bomb: a member list is a few megabytes, or raise the limit"
        )


def _workbook_tables(path: Path, names: Mapping[str, object]) -> list[Table]:
    book = _workbook(path)
    book.close()  # the sheet names are read; each table opens the book again to read rows
    own = path.stem.lower() + ".csv"
    if own in names:
        first = book.worksheets[0].title
        return [Table(own, f"{path}[{first}]", path, first)]
    held = [
        Table(title.lower() + ".csv", f"{path}[{title}]", path, title)
        for title in book.sheetnames
        if title.strip().lower() + ".csv" in names
    ]
    if not held:
        wanted = ", ".join(name.removesuffix(".csv") for name in names)
        raise InputError(
            f"{path}: no sheet of the template; name the sheets {wanted} (found: "
            f"{', '.join(book.sheetnames)})"
        )
    return held


def _sheet_rows(sheet: Any, where: str) -> Rows:
    lines = _readable(sheet.iter_rows(values_only=True), where)
    header = [_text(cell) for cell in next(lines, ())]
    while header and not header[-1]:
        header.pop()  # the empty columns a sheet's formatting reaches to
    check_header(where, header)

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        for number, cells in enumerate(lines, start=2):
            row = {name: _text(cell) for name, cell in zip(header, cells, strict=False) if name}
            if any(row.values()):  # the empty rows below the data that sheets keep
                yield number, row

    return header, rows()


def _readable(lines: Iterator[tuple[object, ...]], where: str) -> Iterator[tuple[object, ...]]:
    """A sheet's rows, a sheet whose XML cannot be read said as the input's fault: openpyxl
    parses the sheet as it goes, and expat refuses entity expansions (a "billion laughs") and
    external entities there."""
    from xml.etree.ElementTree import ParseError

    try:
        yield from lines
    except ParseError as error:
        raise InputError(
            f"{where}: the sheet's XML cannot be read ({error}); save the workbook again from "
            "a spreadsheet program (entity declarations are refused)"
        ) from None


def _text(cell: object) -> str:
    """A cell as the template's text: numbers without a spurious ``.0``, dates as YYYY-MM-DD.

    >>> _text(2016.0), _text(0.5), _text(datetime(2016, 3, 1)), _text(None), _text(" x ")
    ('2016', '0.5', '2016-03-01', '', 'x')
    """
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == datetime.min.time() else cell.isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()
