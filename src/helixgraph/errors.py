"""The exceptions helixgraph raises, one tree::

    HelixgraphError                 catch it to handle anything helixgraph reports
    ├── StoreError                  the store cannot be opened or written (locked, not a store)
    ├── AnalysisBusyError           another analysis is being computed; ask again shortly
    ├── OutputError                 a file cannot be written where it was asked for
    ├── InputError                  input data is wrong; nothing was written
    │   ├── RDFSyntaxError          a file does not parse: .path, .line, .column
    │   ├── UnsupportedFormatError  a file whose format helixgraph does not read
    │   ├── RowsError               rows of a CSV source are invalid: .problems (file:line: column)
    │   └── ValidationError         data parses but breaks ontology/shapes.ttl: .violations
    └── QueryError                  a SPARQL query is not accepted
        ├── QuerySyntaxError        it does not parse: .line, .column
        └── QueryRefusedError       it parses but may not run here (SERVICE, updates, …)

Every message says what was wrong, where, and what to do about it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class HelixgraphError(Exception):
    """Base of every error helixgraph raises on purpose."""


class StoreError(HelixgraphError):
    """The store cannot be opened or written. Catch it to report and stop."""


class AnalysisBusyError(HelixgraphError):
    """Another analysis has been computing for longer than the caller would wait; answer 503
    with Retry-After."""


class OutputError(HelixgraphError):
    """A result cannot be written where it was asked for (a device, a full disk, a folder that
    is not there). Catch it to report and stop."""


class InputError(HelixgraphError):
    """Input data is wrong and nothing was written. Catch it to report the input problem."""


class UnsupportedFormatError(InputError):
    """A file has an extension helixgraph does not read."""


class RDFSyntaxError(InputError):
    """An RDF file does not parse; ``path``, ``line`` and ``column`` (1-based) say where."""

    def __init__(self, path: Path | str, line: int | None, column: int | None, message: str):
        self.path = str(path)
        self.line = line
        self.column = column
        self.reason = message
        where = self.path
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the resource at fault, the property, and what is wrong."""

    focus: str
    path: str | None
    message: str
    value: str | None = None

    def __str__(self) -> str:
        where = f"<{self.focus}>"
        if self.path:
            where += f" {self.path}"
        value = f" (value: {self.value})" if self.value else ""
        return f"{where}: {self.message}{value}"


def _listing(lines: list[str], cap: int) -> str:
    """The first ``cap`` lines, indented, and how many more there are."""
    listed = "\n".join(f"  {line}" for line in lines[:cap])
    more = len(lines) - cap
    return listed + (f"\n  … and {more} more" if more > 0 else "")


class ValidationError(InputError):
    """Data breaks the shapes in ``ontology/shapes.ttl``; ``violations`` lists every result."""

    MAX_LISTED = 20

    def __init__(self, source: str, violations: list[Violation]):
        self.source = source
        self.violations = violations
        listing = _listing([f"{source}: {v}" for v in violations], self.MAX_LISTED)
        super().__init__(
            f"{source}: {len(violations)} SHACL violation(s) against ontology/shapes.ttl; "
            f"nothing was written:\n{listing}"
        )


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one row of a CSV source."""

    path: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.column}: {self.message}"


class RowsError(InputError):
    """Rows of a CSV source are invalid: ``problems`` lists them all. Nothing was written."""

    MAX_LISTED = 50

    def __init__(self, problems: list[Problem], rows: int):
        self.problems = problems
        listing = _listing([str(p) for p in problems], self.MAX_LISTED)
        super().__init__(
            f"{len(problems)} problem(s) in {rows} invalid row(s); nothing was written "
            f"(--skip-invalid writes the valid rows and lists the rest):\n{listing}"
        )


class QueryError(HelixgraphError):
    """A SPARQL query is not accepted. Catch it to answer 400 or print the message."""


class QuerySyntaxError(QueryError):
    """The query does not parse; ``line`` and ``column`` (1-based) point at the problem."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        self.line = line
        self.column = column
        super().__init__(message)


class QueryRefusedError(QueryError):
    """The query parses but may not run here: it would reach out (SERVICE) or write."""


class UpdateRefusedError(QueryRefusedError):
    """An update sent where only queries are answered; answer 403."""


class DeadlineError(HelixgraphError):
    """Work in a worker process ran past its deadline and the worker was stopped; answer 503."""


class QueryTimeoutError(DeadlineError, QueryError):
    """The query ran past its deadline and was stopped; answer 503."""


class UpdateTimeoutError(DeadlineError):
    """The update ran past its deadline; its writer was stopped and nothing was written."""


class AnalysisTimeoutError(DeadlineError):
    """The analysis ran past its deadline and its worker was stopped."""


class QueryBusyError(QueryError):
    """Every query worker stayed busy past the deadline; answer 503 and ask to retry."""


class NotAcceptableError(QueryError):
    """The result cannot be given in any format the client accepts; answer 406."""
