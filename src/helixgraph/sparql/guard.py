"""What a SPARQL request may do here, decided on SPARQL's own tokens before Oxigraph sees it.

helixgraph serves SPARQL to the public: no query may reach the network (``SERVICE``, ``LOAD``),
nothing is written through the query interface, and nothing may crash the engine. The request is
first read completely into the terminals of the SPARQL 1.1 grammar (IRIs, prefixed names with
their ``\\``-escapes, variables, the four kinds of string with their escapes, comments, numbers,
keywords, punctuation); a character that belongs to no terminal refuses the request, with its
line and column. Every decision is then made on those tokens, never on the raw text:

- a keyword that reaches out refuses the request wherever it stands. Oxigraph's grammar matches
  keywords without a word boundary (``SERVICESILENT<…>`` and ``SERVICE:x`` both call out), so
  the guard errs the same way: the keyword anywhere inside a bare word, a prefix, a blank-node
  label or a language tag counts;
- nesting deeper than :data:`MAX_DEPTH` and more than :data:`MAX_TOKENS` tokens outside
  ``VALUES`` and ``DATA`` blocks are refused: Oxigraph's parser and evaluator recurse, and a
  10 KB query of 5,000 nested groups overflows their stack.

The guard is one of two layers: the worker processes that evaluate queries cannot open a network
socket at all (:mod:`helixgraph.sparql.sandbox`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from helixgraph.errors import QueryRefusedError, QuerySyntaxError, UpdateRefusedError

#: Deepest nesting of ``{``, ``(``, ``[`` and ``<<`` a request may have (Oxigraph overflows
#: its stack at a few thousand; real queries stay under twenty).
MAX_DEPTH = 128
#: Graph names a query may use: the store's own are web IRIs; file:, data: and their kin are not.
SAFE_SCHEMES = ("http://", "https://", "urn:", "tag:")
#: Most tokens a request may have outside VALUES and DATA blocks (long chains of UNION, paths or
#: operators make left-deep trees that the engine walks recursively).
MAX_TOKENS = 10_000

# The terminals of SPARQL 1.1 (section 19.8), in the order the grammar prefers them.
_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_CHARS_U = _BASE + "_"
_CHARS = _CHARS_U + "\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"
_ECHAR = r"\\[tbnrf\\\"']|" + _UCHAR
_PREFIX = f"[{_BASE}](?:[{_CHARS}.]*[{_CHARS}])?"
_LOCAL = f"(?:[{_CHARS_U}:0-9]|{_PLX})(?:(?:[{_CHARS}.:]|{_PLX})*(?:[{_CHARS}:]|{_PLX}))?"
_STRING = "|".join(
    (
        f"'''(?:(?:'|'')?(?:[^'\\\\]|{_ECHAR}))*'''",
        f'"""(?:(?:"|"")?(?:[^"\\\\]|{_ECHAR}))*"""',
        f"'(?:[^'\\\\\\n\\r]|{_ECHAR})*'",
        f'"(?:[^"\\\\\\n\\r]|{_ECHAR})*"',
    )
)
_TOKEN = re.compile(
    "|".join(
        f"(?P<{kind}>{pattern})"
        for kind, pattern in (
            ("space", r"[ \t\r\n]+"),
            ("comment", r"#[^\r\n]*"),  # ends at \r too, as Oxigraph's does
            ("string", _STRING),
            ("iri", f'<(?:[^<>"{{}}|^`\\\\\\x00-\\x20]|{_UCHAR})*>'),
            ("pname", f"(?:{_PREFIX})?:(?:{_LOCAL})?"),
            ("var", f"[?$][{_CHARS_U}0-9][{_CHARS_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*"),
            ("bnode", f"_:[{_CHARS_U}0-9](?:[{_CHARS}.]*[{_CHARS}])?"),
            ("langtag", r"@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*"),
            (
                "number",
                r"[0-9]+\.[0-9]*[eE][+-]?[0-9]+|\.?[0-9]+[eE][+-]?[0-9]+|[0-9]*\.[0-9]+|[0-9]+",
            ),
            ("word", r"[A-Za-z_][A-Za-z0-9_]*"),
            ("punct", r"<<|>>|\^\^|&&|\|\||!=|<=|>=|[{}()\[\].,;*/|^!=<>+\-?~]"),
        )
    )
)


@dataclass(frozen=True)
class Token:
    """One terminal of a SPARQL request: its kind, its text and where it starts."""

    kind: str
    text: str
    start: int


@functools.lru_cache(maxsize=32)
def tokens(sparql: str) -> tuple[Token, ...]:
    """The request's terminals, comments included, whitespace left out; a character that starts
    no terminal is a :class:`QuerySyntaxError` naming its line and column. Kept for the last
    few texts: one request is read by the guard, the dataset checks and the pool's lanes alike.

    >>> [(t.kind, t.text) for t in tokens("SELECT * { ?s hx:a\\\\' 'x' } # end")]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('word', 'SELECT'), ('punct', '*'), ('punct', '{'), ('var', '?s'),
     ('pname', "hx:a\\\\'"), ('string', "'x'"), ('punct', '}'), ('comment', '# end')]
    """
    found = []
    offset, end = 0, len(sparql)
    while offset < end:
        match = _TOKEN.match(sparql, offset)
        if match is None or match.end() == offset:
            line, column = position(sparql, offset)
            raise QuerySyntaxError(
                f"line {line}, column {column}: {sparql[offset]!r} starts nothing SPARQL reads "
                "here (an unclosed string or IRI, or a stray character)",
                line,
                column,
            )
        kind = match.lastgroup or ""
        if kind != "space":
            found.append(Token(kind, match[0], offset))
        offset = match.end()
    return tuple(found)


def position(sparql: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of a character offset.

    >>> position("SELECT *\\nWHERE { }", 9)
    (2, 1)
    """
    line = sparql.count("\n", 0, offset) + 1
    return line, offset - (sparql.rfind("\n", 0, offset) + 1) + 1


def _where(sparql: str, token: Token) -> str:
    line, column = position(sparql, token.start)
    return f"line {line}, column {column}"


def _holds_keyword(token: Token, keyword: str) -> bool:
    """Whether Oxigraph could read ``keyword`` out of this token (see the module docstring).

    >>> _holds_keyword(Token("pname", "SERVICE:x", 0), "service")
    True
    >>> _holds_keyword(Token("pname", "hx:providesServiceTo", 0), "service")
    False
    """
    text = token.text.lower()
    if keyword not in text:
        return False
    if token.kind in ("word", "bnode", "langtag"):
        return True
    if token.kind == "pname":
        prefix, _, local = text.partition(":")
        return keyword in prefix or any(c in local[: local.index(keyword)] for c in ".:\\%")
    if token.kind == "iri":
        return ":" not in text  # not an IRI but a stretch of code between < and >
    return False


def _read(sparql: str) -> list[Token]:
    """The request's tokens, refused when too deep or too long for the engine."""
    found = [t for t in tokens(sparql) if t.kind != "comment"]
    depth = deepest = counted = 0
    bulk_at: int | None = None  # the depth a VALUES or DATA block opened at
    expect_bulk = False
    for token in found:
        if token.kind == "word" and token.text.upper() in ("VALUES", "DATA"):
            expect_bulk = True
        if token.text in ("{", "(", "[", "<<"):
            if token.text == "{" and expect_bulk and bulk_at is None:
                bulk_at, expect_bulk = depth, False
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_DEPTH:
                    raise QueryRefusedError(
                        f"{_where(sparql, token)}: nested more than {MAX_DEPTH} levels deep; "
                        "flatten the query"
                    )
        elif token.text in ("}", ")", "]", ">>"):
            depth -= 1
            if bulk_at is not None and depth <= bulk_at:
                bulk_at = None
        if bulk_at is None:
            counted += 1
            if counted > MAX_TOKENS:
                raise QueryRefusedError(
                    f"{_where(sparql, token)}: over {MAX_TOKENS:,} tokens outside VALUES and "
                    "DATA blocks; split the query or pass the long lists as VALUES"
                )
    return found


def check_query(sparql: str) -> None:
    """Refuse a query that would write, call another endpoint or overflow the engine; say where.

    >>> check_query("SELECT ?service WHERE { ?service a <http://example.org/SERVICE> }")
    >>> check_query("SELECT * WHERE {\\n  SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    helixgraph.errors.QueryRefusedError: line 2, column 3: SERVICE is not allowed here: ...
    """
    found = _read(sparql)
    for token in found:
        if _holds_keyword(token, "service"):
            raise QueryRefusedError(
                f"{_where(sparql, token)}: SERVICE is not allowed here: "
                "queries may not reach other endpoints"
            )
    for token in _operation_starts(found):
        if token.kind == "word" and token.text.upper() in _UPDATE_KEYWORDS:
            raise UpdateRefusedError(
                f"{_where(sparql, token)}: {token.text.upper()} is an update; "
                "this endpoint answers queries only"
            )
    _check_prefixes(sparql, found)  # after SERVICE: `SERVICE:x` is refused as what it hides


_UPDATE_KEYWORDS = frozenset(
    ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")
)


def _operation_starts(found: list[Token]) -> Iterator[Token]:
    """The first token of each operation: after the prologue (BASE, PREFIX) and after each
    top-level ``;``."""
    depth, fresh, index = 0, True, 0
    while index < len(found):
        token = found[index]
        if fresh and token.kind == "word" and token.text.upper() in ("BASE", "PREFIX"):
            index += 3 if token.text.upper() == "PREFIX" else 2
            continue
        if fresh:
            yield token
            fresh = False
        if token.text in ("{", "(", "["):
            depth += 1
        elif token.text in ("}", ")", "]"):
            depth -= 1
        elif token.text == ";" and depth == 0:
            fresh = True
        index += 1


def check_update(sparql: str, *, reserved: Mapping[str, str] | None = None) -> None:
    """Refuse an update that would reach out (``LOAD`` fetches a document, ``SERVICE`` calls
    an endpoint), overflow the engine, or name an IRI of ``reserved`` (IRI -> why); say where.

    >>> check_update("CLEAR ALL ; INSERT DATA { <http://example.org/s> <http://example.org/p> 1 }")
    >>> check_update("LOAD <http://example.org/data.ttl>")
    Traceback (most recent call last):
    ...
    helixgraph.errors.QueryRefusedError: line 1, column 1: LOAD is not allowed here: ...
    """
    found = _read(sparql)
    for token in found:
        for keyword in ("load", "service"):
            if _holds_keyword(token, keyword):
                raise QueryRefusedError(
                    f"{_where(sparql, token)}: {keyword.upper()} is not allowed here: "
                    "nothing may reach the network or the file system"
                )
    _check_prefixes(sparql, found)
    if reserved:
        for token, iri in _iris(found, {}):
            if iri in reserved:
                raise QueryRefusedError(f"{_where(sparql, token)}: <{iri}> {reserved[iri]}")


def _check_prefixes(sparql: str, found: list[Token]) -> None:
    """Refuse a prefixed name whose prefix is neither predeclared nor declared by the request,
    in plain words (Oxigraph lists the characters it expected instead).

    >>> _check_prefixes("SELECT * { ?s foo:bar ?o }", _read("SELECT * { ?s foo:bar ?o }"))
    Traceback (most recent call last):
    ...
    helixgraph.errors.QuerySyntaxError: unknown prefix `foo:` at line 1, column 15; declared: ...
    """
    from helixgraph.rdf.namespaces import PREFIXES

    declared = set(PREFIXES)
    for index, token in enumerate(found):
        if token.kind != "pname":
            continue
        prefix = token.text.partition(":")[0]
        if index > 0 and found[index - 1].text.upper() == "PREFIX":
            declared.add(prefix)
        elif prefix not in declared:
            line, column = position(sparql, token.start)
            raise QuerySyntaxError(
                f"unknown prefix `{prefix}:` at line {line}, column {column}; declared: "
                + ", ".join(sorted(declared)),
                line,
                column,
            )


def unknown_terms(sparql: str) -> list[str]:
    """The ``hx:`` terms a query names that the ontology does not define (``hx:busines``): an
    empty answer is then likely a typo, which the endpoint says beside it.

    >>> unknown_terms("SELECT * { ?a org:classification hx:busines ; a hx:Cluster }")
    ['hx:busines']
    """
    from helixgraph.rdf.vocab import HX

    found = [t for t in tokens(sparql) if t.kind != "comment"]
    return sorted(
        {
            "hx:" + iri[len(HX.NS) :]
            for _, iri in _iris(found, {})
            if iri.startswith(HX.NS) and iri[len(HX.NS) :] not in HX.TERMS
        }
    )


def _iris(found: list[Token], prefixes: Mapping[str, str]) -> Iterator[tuple[Token, str]]:
    """Every IRI the tokens name, prefixed names expanded with the request's own PREFIX
    declarations and then ``prefixes``; prefixed names with escapes are read unescaped."""
    from helixgraph.rdf.namespaces import PREFIXES

    declared = dict(PREFIXES) | dict(prefixes)
    for index, token in enumerate(found):
        if token.kind == "iri":
            yield token, token.text[1:-1]
        elif token.kind == "pname":
            if index > 0 and found[index - 1].text.upper() == "PREFIX":
                if index + 1 < len(found) and found[index + 1].kind == "iri":
                    declared[token.text[:-1]] = found[index + 1].text[1:-1]
                continue
            prefix, _, local = token.text.partition(":")
            if prefix in declared:
                yield token, declared[prefix] + re.sub(r"\\(.)", r"\1", local)


def code_only(sparql: str) -> str:
    """The request with strings, IRIs and comments blanked out (same length, same lines).

    >>> code_only('SELECT * { ?s ?p "SERVICE" } # SERVICE')
    'SELECT * { ?s ?p           }          '
    """
    chars = list(sparql)
    for token in tokens(sparql):
        if token.kind in ("string", "iri", "comment"):
            for offset in range(token.start, token.start + len(token.text)):
                if chars[offset] != "\n":
                    chars[offset] = " "
    return "".join(chars)


def names_dataset(sparql: str) -> bool:
    """Whether an update says which graphs it reads (``USING`` or ``WITH``).

    >>> names_dataset("WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }")
    True
    """
    return any(t.kind == "word" and t.text.upper() in ("USING", "WITH") for t in tokens(sparql))


def dataset_graphs(sparql: str, prefixes: Mapping[str, str]) -> list[tuple[str, int, int]]:
    """The graphs a query's ``FROM`` and ``FROM NAMED`` clauses name: (IRI, line, column).

    Prefixed names are expanded with the query's own ``PREFIX`` declarations, then ``prefixes``.

    >>> query = "PREFIX ex: <http://example.org/>\\nSELECT * FROM ex:g FROM NAMED <urn:x> {}"
    >>> dataset_graphs(query, {})
    [('http://example.org/g', 2, 15), ('urn:x', 2, 31)]
    """
    found = [t for t in tokens(sparql) if t.kind != "comment"]
    named = {token.start: iri for token, iri in _iris(found, prefixes)}
    graphs = []
    for index, token in enumerate(found):
        if token.kind != "word" or token.text.upper() != "FROM":
            continue
        following = found[index + 1 : index + 3]
        if following and following[0].text.upper() == "NAMED":
            following = following[1:]
        if following and following[0].start in named:
            graphs.append((named[following[0].start], *position(sparql, following[0].start)))
    return graphs


def check_graph_names(names: list[tuple[str, int | None, int | None]]) -> None:
    """Refuse a dataset that names a graph outside the web's schemes (``file:``, ``data:``...):
    no store graph has such a name, and no query may point at the file system.

    >>> check_graph_names([("https://w3id.org/helixgraph/graph/seed-ecosystem", 1, 15)])
    >>> check_graph_names([("file:///etc/passwd", 1, 15)])
    Traceback (most recent call last):
    ...
    helixgraph.errors.QueryRefusedError: line 1, column 15: <file:///etc/passwd> is not a graph ...
    """
    import pyoxigraph as ox

    for iri, line, column in names:
        where = f"line {line}, column {column}: " if line is not None else ""
        if not iri.lower().startswith(SAFE_SCHEMES):
            raise QueryRefusedError(
                f"{where}<{iri}> is not a graph of this store; graphs are named by http(s), "
                "urn: or tag: IRIs, and nothing is read from files or the network"
            )
        try:
            ox.NamedNode(iri)
        except ValueError as error:
            raise QueryRefusedError(f"{where}<{iri}> is not a valid IRI: {error}") from None


def uses_from(sparql: str) -> bool:
    """Whether a query names its own dataset (``FROM`` or ``FROM NAMED``).

    >>> uses_from('SELECT * FROM <urn:g> { ?s ?p "FROM" }'), uses_from('SELECT * { ?s ?p "FROM" }')
    (True, False)
    """
    return any(t.kind == "word" and t.text.upper() == "FROM" for t in tokens(sparql))


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
