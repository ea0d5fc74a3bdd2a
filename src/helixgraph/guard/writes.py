"""What an update may write: never the store's bookkeeping, however the update computes it.

The store keeps its bookkeeping in the data (a graph pending, the source a graph replaces, when
it was loaded: :data:`helixgraph.store.graph.BOOKKEEPING` and the provenance each graph states
about itself). Reading an update's text for those IRIs is not enough: ``BIND(IRI(CONCAT(…,
"pending", "Import")) AS ?p)`` names none of them and writes one. So every update is confined
by what it can write, on the grammar's reading (:mod:`helixgraph.guard.grammar`):

- an IRI written in the update (an IRI, a prefixed name, escapes decoded, relative IRIs
  resolved against its ``BASE``) that is reserved refuses it; so does a template that states a
  graph's provenance about a constant graph name;
- every variable of an ``INSERT`` or ``DELETE`` template gets a filter in the operation's
  ``WHERE`` clause: it may be unbound or anything but a reserved IRI (and, where the template
  states provenance, anything but a graph name). ``DELETE WHERE { P }`` is written out as
  ``DELETE { P } WHERE { { P } FILTER(…) }``, which means the same.

What runs is that rewritten text, whatever the engine behind (embedded or remote).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import replace
from urllib.parse import urljoin

from lark import Token, Tree

from helixgraph.errors import QueryRefusedError
from helixgraph.guard.grammar import Reading, emit

_TEMPLATES = ("insert_clause", "delete_clause", "quad_pattern", "quad_data")
_UCHAR = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def confine(
    reading: Reading,
    *,
    reserved: Mapping[str, str],
    about_graphs: Collection[str],
    graph_base: str,
    prefixes: Mapping[str, str],
) -> str:
    """The text of an update that cannot write ``reserved`` IRIs (IRI -> why) nor the
    ``about_graphs`` predicates about a name under ``graph_base``; refused where the update
    says so in so many words.

    >>> from helixgraph.guard.grammar import read
    >>> confine(read("INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }", update=True),
    ...         reserved={"urn:r": "is reserved"}, about_graphs=(), graph_base="urn:g/",
    ...         prefixes={})
    'INSERT { ?s ?p 1 } WHERE { { ?s ?p ?o } FILTER(... }'
    """
    iris = dict(_iris(reading, prefixes))
    for index, iri in iris.items():
        if iri in reserved:
            raise QueryRefusedError(f"{reading.terms[index].at()}: <{iri}> {reserved[iri]}")
    forbidden = sorted({*reserved, *about_graphs})
    instead: dict[int, str] = {}
    for operation in _subtrees(reading.tree, ("modify", "delete_where", "insert_data")):
        template = [t for sub in _subtrees(operation, _TEMPLATES) for t in _tokens(sub)]
        states_provenance = any(iris.get(reading.index[id(t)]) in about_graphs for t in template)
        if states_provenance:
            for token in template:
                iri = iris.get(reading.index[id(token)], "")
                if iri.startswith(graph_base):
                    raise QueryRefusedError(
                        f"{reading.terms[reading.index[id(token)]].at()}: <{iri}> is a graph "
                        "of this store, whose provenance only the store states"
                    )
        names = sorted({str(t) for t in template if t.type in ("VAR1", "VAR2")})
        if not names:
            continue
        condition = " && ".join(
            _allowed(name, forbidden, graph_base if states_provenance else None) for name in names
        )
        _filter(reading, operation, condition, instead)
    return emit(reading.terms, instead) if instead else reading.text


def _allowed(variable: str, forbidden: list[str], graph_base: str | None) -> str:
    test = f"{variable} NOT IN ({', '.join(f'<{iri}>' for iri in forbidden)})"
    if graph_base is not None:
        test += f' && !(isIRI({variable}) && STRSTARTS(STR({variable}), "{graph_base}"))'
    return f"(!BOUND({variable}) || ({test}))"


def _filter(
    reading: Reading, operation: Tree[Token], condition: str, instead: dict[int, str]
) -> None:
    """Write ``FILTER(condition)`` into the operation's WHERE clause (made one for DELETE WHERE)."""
    if operation.data == "modify":
        where = operation.children[-1]
        assert isinstance(where, Tree)
        tokens = list(_tokens(where))
        first, last = reading.index[id(tokens[0])], reading.index[id(tokens[-1])]
        instead[first] = "{ {"
        instead[last] = f"}} FILTER({condition}) }}"
    elif operation.data == "delete_where":
        keyword = operation.children[1]
        pattern = operation.children[2]
        assert isinstance(keyword, Token)
        assert isinstance(pattern, Tree)
        tokens = list(_tokens(pattern))
        inner = [replace(reading.terms[reading.index[id(t)]], line=1) for t in tokens[1:-1]]
        instead[reading.index[id(keyword)]] = ""
        instead[reading.index[id(tokens[-1])]] = (
            f"}} WHERE {{ {{ {emit(inner)} }} FILTER({condition}) }}"
        )


def _iris(reading: Reading, prefixes: Mapping[str, str]) -> Iterator[tuple[int, str]]:
    """(term index, IRI) for each IRI the update writes out, as the engine resolves it."""
    declared = dict(prefixes)
    base: str | None = None
    terms = reading.terms
    for index, term in enumerate(terms):
        previous = terms[index - 1].text.upper() if index else ""
        if term.kind == "IRIREF":
            iri = _UCHAR.sub(_unescape, term.text[1:-1])
            if base is not None and previous != "BASE":
                iri = urljoin(base, iri)
            if previous == "BASE":
                base = iri if base is None else urljoin(base, iri)
            elif index >= 2 and terms[index - 2].text.upper() == "PREFIX":
                declared[terms[index - 1].text[:-1]] = iri
            yield index, iri
        elif term.kind == "PNAME_LN":
            prefix, _, local = term.text.partition(":")
            if prefix in declared:
                yield index, declared[prefix] + re.sub(r"\\(.)", r"\1", local)


def _unescape(match: re.Match[str]) -> str:
    return chr(int(match[1] or match[2], 16))


def _subtrees(tree: Tree[Token], names: tuple[str, ...]) -> Iterator[Tree[Token]]:
    """The subtrees called one of ``names``, in order, without recursion."""
    stack: list[Tree[Token] | Token] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, Tree):
            if node.data in names:
                yield node
            else:
                stack.extend(reversed(node.children))


def _tokens(tree: Tree[Token]) -> Iterator[Token]:
    stack: list[Tree[Token] | Token] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, Token):
            yield node
        else:
            stack.extend(reversed(node.children))
