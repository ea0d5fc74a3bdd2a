"""What a SPARQL request may do here, checked before Oxigraph evaluates anything.

helixgraph serves SPARQL to the public: no query may reach the network (``SERVICE``) and nothing
is written through the query interface. The check is lexical: strings, IRIs and comments are
blanked out first, so ``"SERVICE"`` in a literal or ``?service`` as a variable are fine.
"""

from __future__ import annotations

import re

from helixgraph.errors import QueryRefusedError

# Strings (long ones first), IRI references and comments, in the order SPARQL's grammar reads them.
_OPAQUE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n]*",
    re.DOTALL,
)
_UPDATE = re.compile(
    r"(?<![\w?$:])(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY)(?![\w:])", re.IGNORECASE
)
_SERVICE = re.compile(r"(?<![\w?$:])SERVICE(?![\w:])", re.IGNORECASE)


def _blank(match: re.Match[str]) -> str:
    # keep newlines so positions stay right
    return re.sub(r"[^\n]", " ", match[0])


def code_only(sparql: str) -> str:
    """The query with strings, IRIs and comments blanked out (same length, same lines).

    >>> code_only('SELECT * { ?s ?p "SERVICE" } # SERVICE')
    'SELECT * { ?s ?p           }          '
    """
    return _OPAQUE.sub(_blank, sparql)


def position(sparql: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of a character offset.

    >>> position("SELECT *\\nWHERE { }", 9)
    (2, 1)
    """
    line = sparql.count("\n", 0, offset) + 1
    return line, offset - (sparql.rfind("\n", 0, offset) + 1) + 1


def check_query(sparql: str) -> None:
    """Refuse a query that would write or call another endpoint; say where.

    >>> check_query("SELECT ?service WHERE { ?service a <http://example.org/SERVICE> }")
    >>> check_query("SELECT * WHERE {\\n  SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    helixgraph.errors.QueryRefusedError: line 2, column 3: SERVICE is not allowed here: ...
    """
    code = code_only(sparql)
    if match := _SERVICE.search(code):
        line, column = position(sparql, match.start())
        raise QueryRefusedError(
            f"line {line}, column {column}: SERVICE is not allowed here: "
            "queries may not reach other endpoints"
        )
    match = _UPDATE.search(code)
    if match and _starts_operation(code, match.start()):
        line, column = position(sparql, match.start())
        raise QueryRefusedError(
            f"line {line}, column {column}: {match[1].upper()} is an update; "
            "this endpoint answers queries only"
        )


def _starts_operation(code: str, offset: int) -> bool:
    """An update keyword counts when it opens the request or follows ``;`` or a prologue."""
    before = re.sub(r"(?is)(BASE\s*|PREFIX\s+[\w.-]*:\s*)", "", code[:offset]).strip()
    return before == "" or before.endswith(";")
