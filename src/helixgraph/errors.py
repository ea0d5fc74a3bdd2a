"""The exceptions helixgraph raises, one tree::

    HelixgraphError                 catch it to handle anything helixgraph reports
    ├── StoreError                  the store cannot be opened or written (locked, not a store)
    ├── InputError                  input data is wrong; nothing was written
    │   ├── RDFSyntaxError          a file does not parse: .path, .line, .column
    │   ├── UnsupportedFormatError  a file whose format helixgraph does not read
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


class ValidationError(InputError):
    """Data breaks the shapes in ``ontology/shapes.ttl``; ``violations`` lists every result."""

    MAX_LISTED = 20

    def __init__(self, source: str, violations: list[Violation]):
        self.source = source
        self.violations = violations
        listed = "\n".join(f"  {source}: {v}" for v in violations[: self.MAX_LISTED])
        more = len(violations) - self.MAX_LISTED
        tail = f"\n  … and {more} more" if more > 0 else ""
        super().__init__(
            f"{source}: {len(violations)} SHACL violation(s) against ontology/shapes.ttl; "
            f"nothing was written:\n{listed}{tail}"
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
