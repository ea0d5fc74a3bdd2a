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
_LOAD = re.compile(r"(?<![\w?$:])LOAD(?![\w:])", re.IGNORECASE)
_FROM = re.compile(r"(?<![\w?$:])FROM(\s+NAMED)?(?![\w:])", re.IGNORECASE)
_DATASET_KEYWORDS = re.compile(r"(?<![\w?$:])(USING|WITH)(?![\w:])", re.IGNORECASE)
_PREFIX = re.compile(r"PREFIX\s+([\w.-]*):\s*<([^>]*)>", re.IGNORECASE)
_NAME = re.compile(r"\s*(?:<([^>]*)>|([\w.-]*):([\w.:%-]*))")
#: Graph names a query may use: the store's own are web IRIs; file:, data: and their kin are not.
SAFE_SCHEMES = ("http://", "https://", "urn:", "tag:")


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


def check_update(sparql: str) -> None:
    """Refuse an update that would reach out: ``LOAD`` fetches a document, ``SERVICE`` calls an
    endpoint; say where.

    >>> check_update("CLEAR ALL ; INSERT DATA { <http://example.org/s> <http://example.org/p> 1 }")
    >>> check_update("LOAD <http://example.org/data.ttl>")
    Traceback (most recent call last):
    ...
    helixgraph.errors.QueryRefusedError: line 1, column 1: LOAD is not allowed here: ...
    """
    code = code_only(sparql)
    for pattern, what in ((_LOAD, "LOAD"), (_SERVICE, "SERVICE")):
        if match := pattern.search(code):
            line, column = position(sparql, match.start())
            raise QueryRefusedError(
                f"line {line}, column {column}: {what} is not allowed here: "
                "nothing may reach the network or the file system"
            )


def names_dataset(sparql: str) -> bool:
    """Whether an update says which graphs it reads (``USING`` or ``WITH``).

    >>> names_dataset("WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }")
    True
    """
    return bool(_DATASET_KEYWORDS.search(code_only(sparql)))


def dataset_graphs(sparql: str, prefixes: dict[str, str]) -> list[tuple[str, int, int]]:
    """The graphs a query's ``FROM`` and ``FROM NAMED`` clauses name: (IRI, line, column).

    Prefixed names are expanded with the query's own ``PREFIX`` declarations, then ``prefixes``.

    >>> query = "PREFIX ex: <http://example.org/>\\nSELECT * FROM ex:g FROM NAMED <urn:x> {}"
    >>> dataset_graphs(query, {})
    [('http://example.org/g', 2, 15), ('urn:x', 2, 31)]
    """
    code = code_only(sparql)
    declared = dict(prefixes) | {m[1]: m[2] for m in _PREFIX.finditer(sparql)}
    found = []
    for match in _FROM.finditer(code):
        name = _NAME.match(sparql, match.end())
        if not name:
            continue
        start = name.start() + len(name[0]) - len(name[0].lstrip())
        if name[1] is not None:
            iri = name[1]
        elif name[2] in declared:
            iri = declared[name[2]] + name[3]
        else:
            continue  # an undeclared prefix: the parser will say so
        found.append((iri, *position(sparql, start)))
    return found


def check_graph_names(names: list[tuple[str, int | None, int | None]]) -> None:
    """Refuse a dataset that names a graph outside the web's schemes (``file:``, ``data:``...):
    no store graph has such a name, and no query may point at the file system.

    >>> check_graph_names([("https://w3id.org/helixgraph/graph/seed-ecosystem", 1, 15)])
    >>> check_graph_names([("file:///etc/passwd", 1, 15)])
    Traceback (most recent call last):
    ...
    helixgraph.errors.QueryRefusedError: line 1, column 15: <file:///etc/passwd> is not a graph ...
    """
    for iri, line, column in names:
        if not iri.lower().startswith(SAFE_SCHEMES):
            where = f"line {line}, column {column}: " if line is not None else ""
            raise QueryRefusedError(
                f"{where}<{iri}> is not a graph of this store; graphs are named by http(s), "
                "urn: or tag: IRIs, and nothing is read from files or the network"
            )


def uses_from(sparql: str) -> bool:
    """Whether a query names its own dataset (``FROM`` or ``FROM NAMED``).

    >>> uses_from('SELECT * FROM <urn:g> { ?s ?p "FROM" }'), uses_from('SELECT * { ?s ?p "FROM" }')
    (True, False)
    """
    return bool(_FROM.search(code_only(sparql)))


def with_using(update: str, default: list[str], named: list[str]) -> str:
    """The update with the protocol's ``using-graph-uri`` / ``using-named-graph-uri`` written in
    as ``USING`` / ``USING NAMED`` clauses before the ``WHERE`` of each DELETE/INSERT operation
    (SPARQL 1.1 Protocol 2.2.3: the two mean the same). Operations without a WHERE clause read
    no dataset and are left alone.

    >>> with_using("CLEAR ALL ; INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }", ["urn:g"], [])
    'CLEAR ALL ; INSERT { ?s ?p 1 } USING <urn:g> WHERE { ?s ?p ?o }'
    """
    clause = "".join(f"USING <{g}> " for g in default) + "".join(
        f"USING NAMED <{g}> " for g in named
    )
    code = code_only(update)
    depth, starts, inserts = 0, [0], []
    for offset, char in enumerate(code):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == ";" and depth == 0:
            starts.append(offset + 1)
    for match in re.finditer(r"(?<![\w?$:])WHERE(?![\w:])", code, re.IGNORECASE):
        offset = match.start()
        if code[:offset].count("{") != code[:offset].count("}"):
            continue
        start = max(s for s in starts if s <= offset)
        head = re.sub(r"(?is)(BASE\s*|PREFIX\s+[\w.-]*:\s*)", "", code[start:offset]).strip()
        if re.match(r"(?i)(DELETE|INSERT|WITH)\b", head) and head.upper() != "DELETE":
            inserts.append(offset)
    for offset in reversed(inserts):
        update = update[:offset] + clause + update[offset:]
    return update
