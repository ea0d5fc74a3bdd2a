"""SPARQL's terminals, read with a regular expression: a leaf the store may use too (to place
a ``VALUES`` block), where the grammar (:mod:`helixgraph.guard.grammar`) is not needed.

It reads texts already checked, or the application's own; a public request is decided on the
grammar's parse (:mod:`helixgraph.guard.checks`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from helixgraph.errors import QuerySyntaxError

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
