"""What a SPARQL request may do here, decided on the grammar's reading of it, which is what runs.

helixgraph serves SPARQL to the public: no query may reach the network (``SERVICE``, ``LOAD``),
nothing is written through the query interface, and nothing may crash the engine. The request is
parsed with the full SPARQL 1.1 grammar (:mod:`helixgraph.guard.grammar`); every decision is
taken on that parse, and :func:`check_query` and :func:`check_update` return the text the engine
must be given: the parse written out again, so that what runs is what was checked.

- a ``SERVICE`` pattern or a ``LOAD`` in the parse refuses the request, with its line and column;
  so does the keyword inside a name where Oxigraph, whose grammar matches keywords without a
  word boundary, would read it (``SERVICE:x``);
- nesting deeper than :data:`MAX_DEPTH`, more than :data:`MAX_TOKENS` terminals outside
  ``VALUES`` and ``DATA`` blocks and long operator chains are refused: engines recurse over
  the trees such requests make, and overflow their stack.

The guard is one of two layers: the worker processes that evaluate queries cannot open a network
socket at all (:mod:`helixgraph.workers.sandbox`). The tokenizer below (:func:`tokens`) only reads
texts already checked, or the application's own.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping

from helixgraph.errors import QueryError, QueryRefusedError, QuerySyntaxError, UpdateRefusedError
from helixgraph.guard.grammar import MAX_DEPTH, MAX_TOKENS, Reading, Term, read
from helixgraph.guard.tokens import Token, position, tokens
from helixgraph.guard.writes import confine
from helixgraph.rdf.namespaces import PREFIXES

__all__ = ["MAX_DEPTH", "MAX_TOKENS", "check_query", "check_update", "tokens"]

#: Graph names a query may use: the store's own are web IRIs; file:, data: and their kin are not.
SAFE_SCHEMES = ("http://", "https://", "urn:", "tag:")


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


#: The guard's kinds of token for the grammar's terminals that can hide a keyword.
_KINDS = {"PNAME_LN": "pname", "PNAME_NS": "pname", "BLANK_NODE_LABEL": "bnode"}
_KINDS |= {"LANGTAG": "langtag", "IRIREF": "iri", "VAR1": "var", "VAR2": "var"}


def _hidden_keyword(reading: Reading, keywords: tuple[str, ...]) -> tuple[str, Term] | None:
    """A keyword the grammar read as part of a name, where Oxigraph's grammar, which matches
    keywords without a word boundary, reads it as the keyword (``SERVICE:x``)."""
    for term in reading.terms:
        kind = _KINDS.get(term.kind)
        if kind is None:
            continue
        for keyword in keywords:
            if _holds_keyword(Token(kind, term.text, 0), keyword):
                return keyword, term
    return None


def check_query(sparql: str) -> str:
    """Refuse a query that would write, call another endpoint or overflow the engine; say where.
    Return the text to run: the query as the grammar read it (:mod:`helixgraph.guard.grammar`).

    >>> check_query("SELECT ?service WHERE { ?service a <http://example.org/SERVICE> }")
    'SELECT ?service WHERE { ?service a <http://example.org/SERVICE> }'
    >>> check_query("SELECT * WHERE {\\n  SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    helixgraph.errors.QueryRefusedError: line 2, column 3: SERVICE is not allowed here: ...
    """
    try:
        reading = read(sparql)
    except QuerySyntaxError:
        try:
            update = read(sparql, update=True)
        except QueryError:
            raise_as_query = True
        else:
            raise_as_query = False
            first = next(term for rule, term in update.rules if rule == "update1")
        if raise_as_query:
            _refuse_hidden(sparql, ("service",))
            raise
        raise UpdateRefusedError(
            f"{first.at()}: {first.text.upper()} is an update; this endpoint answers queries only"
        ) from None
    _refuse_reaching(reading, ("service",))
    _check_prefixes(reading)
    return reading.text


def check_update(
    sparql: str,
    *,
    reserved: Mapping[str, str] | None = None,
    about_graphs: Collection[str] = (),
    graph_base: str = "",
) -> str:
    """Refuse an update that would reach out (``LOAD`` fetches a document, ``SERVICE`` calls
    an endpoint) or overflow the engine; say where. Return the text to run, as
    :func:`check_query` does: with ``reserved`` (IRI -> why), confined so that it writes none
    of those IRIs nor ``about_graphs`` statements about graph names under ``graph_base``,
    however it computes them (:func:`helixgraph.guard.writes.confine`).

    >>> check_update("LOAD <http://example.org/data.ttl>")
    Traceback (most recent call last):
    ...
    helixgraph.errors.QueryRefusedError: line 1, column 1: LOAD is not allowed here: ...
    >>> check_update("CLEAR ALL ; INSERT DATA { <http://example.org/s> <http://example.org/p> 1 }")
    'CLEAR ALL ; INSERT DATA { <http://example.org/s> <http://example.org/p> 1 }'
    """
    try:
        reading = read(sparql, update=True)
    except QuerySyntaxError:
        _refuse_hidden(sparql, ("load", "service"))
        raise
    _refuse_reaching(reading, ("load", "service"))
    _check_prefixes(reading)
    if reserved:
        return confine(
            reading,
            reserved=reserved,
            about_graphs=about_graphs,
            graph_base=graph_base,
            prefixes=PREFIXES,
        )
    return reading.text


_REACHING_RULES = {"service_graph_pattern": "SERVICE", "load": "LOAD"}


def _refuse_reaching(reading: Reading, keywords: tuple[str, ...]) -> None:
    """Refuse what the parse says calls out, and a keyword Oxigraph could read out of a name."""
    for rule, term in reading.rules:
        if rule in _REACHING_RULES:
            keyword = _REACHING_RULES[rule]
            raise QueryRefusedError(f"{term.at()}: {keyword} is not allowed here: " + _WHY[keyword])
    hidden = _hidden_keyword(reading, keywords)
    if hidden:
        keyword, term = hidden
        raise QueryRefusedError(
            f"{term.at()}: {keyword.upper()} is not allowed here: " + _WHY[keyword.upper()]
        )


def _refuse_hidden(sparql: str, keywords: tuple[str, ...]) -> None:
    """For a request the grammar cannot read: say so plainly when a keyword that reaches out
    is in it where Oxigraph would read one (``SERVICE:x {…}``), rather than the grammar's words."""
    try:
        found = tokens(sparql)
    except QueryError:
        return
    for token in found:
        for keyword in keywords:
            if _holds_keyword(token, keyword):
                raise QueryRefusedError(
                    f"{_where(sparql, token)}: {keyword.upper()} is not allowed here: "
                    + _WHY[keyword.upper()]
                ) from None


_WHY = {
    "SERVICE": "queries may not reach other endpoints",
    "LOAD": "nothing may reach the network or the file system",
}


def _check_prefixes(reading: Reading) -> None:
    """Refuse a prefixed name whose prefix is neither predeclared nor declared by the request,
    in plain words (Oxigraph lists the characters it expected instead).

    >>> _check_prefixes(read("SELECT * { ?s foo:bar ?o }"))
    Traceback (most recent call last):
    ...
    helixgraph.errors.QuerySyntaxError: unknown prefix `foo:` at line 1, column 15; declared: ...
    """
    declared = set(PREFIXES)
    for index, term in enumerate(reading.terms):
        if term.kind not in ("PNAME_LN", "PNAME_NS"):
            continue
        prefix = term.text.partition(":")[0]
        if index > 0 and reading.terms[index - 1].text.upper() == "PREFIX":
            declared.add(prefix)
        elif prefix not in declared:
            raise QuerySyntaxError(
                f"unknown prefix `{prefix}:` at {term.at()}; declared: "
                + ", ".join(sorted(declared)),
                term.line,
                term.column,
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
