"""One reading of a SPARQL request: the SPARQL 1.1 grammar's, and the engine runs what it read.

A guard that reads a request one way while the engine reads it another can be walked around:
``FILTER(1<2)SERVICEp:x#>`` is one IRI to a tokenizer that knows no context, and to Oxigraph a
less-than, a ``SERVICE`` call and a comment. So the request is parsed here with a full SPARQL 1.1
grammar (sparqlkit's, on Lark's LALR parser with its contextual lexer, which, like Oxigraph's
parser, reads ``<`` as an IRI only where the grammar has an IRI), every decision is taken on that
parse, and the engine is sent only :attr:`Reading.text`: the terminals of that parse written
again one space apart, comments left out, each on the line it came from. Whatever the engine
makes of the original characters, what it runs is what was checked.

Bounds are taken on the same terminals: nesting deeper than :data:`MAX_DEPTH`, more than
:data:`MAX_TOKENS` terminals outside ``VALUES`` and ``DATA`` blocks, and more than
:data:`MAX_OPERATORS` operators in a row (``1+1+…``) are refused: engines build such chains
as trees they walk recursively, and Oxigraph server's own stack overflows on a 4,995-term sum.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from helixgraph.errors import QueryError, QueryRefusedError, QuerySyntaxError

#: Deepest nesting of ``{``, ``(`` and ``[`` a request may have (real queries stay under twenty).
MAX_DEPTH = 128
#: Most terminals a request may have outside VALUES and DATA blocks.
MAX_TOKENS = 10_000
#: Deepest tree a request may make the engine build: its nesting plus the operators and groups
#: chained at each open level (``1+1+…``, ``a/b/…``, ``{…} UNION {…}``, ``OPTIONAL {…} …``).
#: Oxigraph server survives 2,000 of each and overflows its stack at 4,995 to 10,000.
MAX_OPERATORS = 1_000

_OPEN, _CLOSE = frozenset("{(["), frozenset("})]")
_CHAINING = frozenset(("+", "-", "*", "/", "||", "&&", "=", "!=", "<", ">", "<=", ">=", "|"))
# each makes one more level of the algebra's tree: a UNION, a join of groups, an optional part
_CHAINING_WORDS = frozenset(("UNION", "OPTIONAL", "MINUS", "FILTER", "BIND", "GRAPH"))
_SIGNED = ("_POSITIVE", "_NEGATIVE")  # `1+1` reads as 1 and +1


@dataclass(frozen=True)
class Term:
    """One terminal of the parse: the grammar's name for it, its text, where it starts."""

    #: the grammar's name for the terminal (``IRIREF``, ``VAR1``, a keyword's own name)
    kind: str
    text: str
    #: where it starts, from 1 (0 where the parser gave no place)
    line: int = 0
    column: int = 0

    def at(self) -> str:
        """Where the terminal starts, as messages say it: ``line 2, column 3``."""
        return f"line {self.line}, column {self.column}"


@dataclass(frozen=True)
class Reading:
    """A request as the grammar read it.

    ``text`` is what the engine is given; ``terms`` its terminals; ``rules`` the names of the
    grammar rules the parse went through (``service_graph_pattern``, ``load``, …), each with
    the first terminal under it.
    """

    text: str
    terms: tuple[Term, ...]
    rules: tuple[tuple[str, Term], ...]
    update: bool
    #: the parse itself, and where each of its tokens stands in ``terms`` (by ``id``)
    tree: Tree[Token] = field(compare=False, repr=False)
    index: dict[int, int] = field(compare=False, repr=False)


_PATCHES = (
    # SPARQL's white space includes the carriage return, and Oxigraph ends a comment at one
    ('COMMENT: "#" /[^\\n]/*', 'COMMENT: "#" /[^\\r\\n]/*'),
    ("%ignore /[ \\t\\n]/+", "%ignore /[ \\t\\r\\n]/+"),
    # one terminal for `*` and `+` wherever they stand, so that the LALR lexer never has to
    # choose between a path's modifier and the same character elsewhere (`rdfs:subClassOf*`)
    ("path_mod: PATH_MOD", 'path_mod: "?" | ASTERIX | PLUS'),
)


def _grammar_file() -> Path:
    """sparqlkit's grammar.lark, found without importing sparqlkit: its package builds three
    parsers of its own on import (0.9 s in every process that reads a query)."""
    spec = importlib.util.find_spec("sparqlkit")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "sparqlkit is not installed: its grammar.lark is what queries are read with"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "grammar.lark"


@functools.cache
def _parser(start: str) -> Lark:
    grammar = _grammar_file().read_text(encoding="utf-8")
    for old, new in _PATCHES:
        if old not in grammar:  # another sparqlkit: its grammar must be looked at again
            raise RuntimeError(f"sparqlkit's grammar.lark has no {old!r} to patch")
        grammar = grammar.replace(old, new)
    return Lark(
        grammar, start=start, parser="lalr", lexer="contextual", keep_all_tokens=True, cache=True
    )


def prepare(examples: Sequence[str] = ()) -> None:
    """Build both parsers now, and read ``examples``: lark builds its tables, and its lexer
    its patterns state by state, on first use, which would cost the first request a second."""
    read("ASK { ?s ?p ?o FILTER(?o < 1) }")
    read("INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }", update=True)
    for example in examples:
        with contextlib.suppress(QueryError):
            read(example)


def read(sparql: str, *, update: bool = False) -> Reading:
    """Parse a query (or, with ``update``, an update) and re-emit it; a request that does not
    parse is a :class:`QuerySyntaxError` naming its line and column.

    >>> read("SELECT * WHERE { FILTER(1<2)SERVICE <urn:x>#>\\n{ ?s ?p ?o } }").text
    'SELECT * WHERE { FILTER( 1 < 2 ) SERVICE <urn:x>\\n{ ?s ?p ?o } }'
    >>> [rule for rule, _ in read("ASK { SERVICE <urn:x> {} }").rules if "service" in rule]
    ['service_graph_pattern']
    """
    bounds = _Bounds()
    try:
        # token by token, so that a request past the bounds is refused where it passes them,
        # not after the whole of it was parsed (16 s for a 20,000-term UNION chain)
        reading = _parser("update_unit" if update else "query_unit").parse_interactive(sparql)
        last = None
        for last in reading.iter_parse():
            bounds.see(Term(last.type, str(last), last.line or 0, last.column or 0))
        tree = reading.feed_eof(last)  # type: ignore[no-untyped-call]  # lark: unannotated
    except UnexpectedInput as error:
        raise _syntax_error(sparql, error, update) from None
    terms: list[Term] = []
    rules: list[tuple[str, Term]] = []
    index: dict[int, int] = {}
    pending: list[str] = []
    stack: list[Tree[Token] | Token] = [tree]
    while stack:  # depth first, left to right, without recursion (a tree may be deep)
        node = stack.pop()
        if isinstance(node, Token):
            term = Term(node.type, str(node), node.line or 0, node.column or 0)
            index[id(node)] = len(terms)
            terms.append(term)
            rules.extend((name, term) for name in pending)
            pending.clear()
        else:
            pending.append(str(node.data))
            stack.extend(reversed(node.children))
    return Reading(emit(terms), tuple(terms), tuple(rules), update, tree, index)


def emit(terms: Sequence[Term], instead: Mapping[int, str] | None = None) -> str:
    """The terminals one space apart, a terminal starting a new line where it did; a terminal
    whose index is in ``instead`` is written as the text given there."""
    parts, line = [], 1
    previous: Term | None = None
    instead = instead or {}
    for number, term in enumerate(terms):
        if term.line > line:
            parts.append("\n" * (term.line - line))
        elif parts and not _glued(previous, term):
            parts.append(" ")
        parts.append(instead.get(number, term.text))
        line = term.line + term.text.count("\n")
        previous = term
    return "".join(parts)


def _glued(previous: Term | None, term: Term) -> bool:
    """A literal's language tag and datatype stay on it (``"x"@en``, ``"1"^^xsd:int``), and a
    function's name on its arguments (Oxigraph 0.5 reads ``COALESCE (`` as an error)."""
    if term.text.startswith("@") or term.text == "^^":
        return True
    return previous is not None and (
        previous.text == "^^" or (term.text == "(" and previous.text.replace("_", "").isalpha())
    )


class _Bounds:
    """The request's depth, length and chains, checked terminal by terminal as it is read."""

    def __init__(self) -> None:
        self.depth = self.deepest = self.counted = 0
        self.chains = [0]  # operators chained so far at each depth
        self.bulk_at: int | None = None  # the depth a VALUES or DATA block opened at
        self.expect_bulk = False
        self.previous = ""

    def see(self, term: Term) -> None:
        """Take the next terminal; :class:`QueryRefusedError` where the request passes a bound."""
        text, previous = term.text, self.previous
        self.previous = text
        if text.upper() in ("VALUES", "DATA"):
            self.expect_bulk = True
        if text in _OPEN:
            if text == "{" and self.bulk_at is None and previous in ("}", "."):  # joined groups
                self.chains[-1] += 1
                _check_chain(self.depth + sum(self.chains), term)
            if text == "{" and self.expect_bulk and self.bulk_at is None:
                self.bulk_at, self.expect_bulk = self.depth, False
            self.depth += 1
            self.chains.append(0)
            self.deepest = max(self.deepest, self.depth)
            if self.deepest > MAX_DEPTH:
                raise QueryRefusedError(
                    f"{term.at()}: nested more than {MAX_DEPTH} levels deep; flatten the query"
                )
        elif text in _CLOSE:
            self.depth -= 1
            if len(self.chains) > 1:
                self.chains.pop()
            if self.bulk_at is not None and self.depth <= self.bulk_at:
                self.bulk_at = None
        if self.bulk_at is not None:
            return
        self.counted += 1
        if self.counted > MAX_TOKENS:
            raise QueryRefusedError(
                f"{term.at()}: over {MAX_TOKENS:,} tokens outside VALUES and DATA blocks; "
                "split the query or pass the long lists as VALUES"
            )
        if text in _CHAINING or text.upper() in _CHAINING_WORDS or term.kind.endswith(_SIGNED):
            self.chains[-1] += 1
            _check_chain(self.depth + sum(self.chains), term)
        elif text in (".", ";", ","):
            self.chains[-1] = 0


def _check_chain(length: int, term: Term) -> None:
    if length > MAX_OPERATORS:
        raise QueryRefusedError(
            f"{term.at()}: the engine would build a tree over {MAX_OPERATORS:,} deep from the "
            "operators, path steps, UNIONs or groups chained here (1+1+…, a|b|…, {…} UNION {…} "
            "…); compute in steps, or pass long lists as VALUES"
        )


def _syntax_error(sparql: str, error: UnexpectedInput, update: bool) -> QuerySyntaxError:
    line, column = error.line or 0, error.column or 0
    if isinstance(error, UnexpectedEOF):
        lines = sparql.splitlines() or [""]
        line, column = len(lines), len(lines[-1]) + 1
        what = "the request ends too early (an unclosed group, string or IRI?)"
    elif isinstance(error, UnexpectedCharacters):
        char = sparql[error.pos_in_stream or 0]
        what = f"{char!r} cannot stand here" + (
            " (an unclosed string or IRI?)" if char in "<\"'" else ""
        )
    elif isinstance(error, UnexpectedToken):
        token = str(error.token)
        what = f"{token[:40]!r} cannot stand here"
        expected = _expected(error.expected, update)
        if expected:
            what += f"; expected {expected}"
        if token.startswith("<") and len(token) > 1 and "LT" in error.expected:
            what += " (to compare, put a space after `<`)"
    else:
        what = "not SPARQL"
    return QuerySyntaxError(f"line {line}, column {column}: {what}", line, column)


def _expected(names: set[str], update: bool) -> str:
    """The terminals the grammar wanted, as a reader writes them (a few, sorted)."""
    parser = _parser("update_unit" if update else "query_unit")
    written = set()
    for name in names:
        try:
            pattern = parser.get_terminal(name).pattern
        except KeyError:
            continue
        value = pattern.value if pattern.type == "str" else name
        if name.startswith("__ANON") and pattern.type == "re":
            value = pattern.value.upper()
        written.add(value if len(value) < 20 else name)
    shown = [f"`{value}`" for value in sorted(written)]
    return " ".join(shown[:8]) + (" …" if len(shown) > 8 else "")
