"""The guard's reading of a request: what one reading (the full grammar, then the text
re-emitted) costs per request, against the readers beside it in the same run.

Peers: the tokenizer the guard used before (`guard.tokens`, which could be read differently
from the engine), Oxigraph's own parser (the raw engine: parsing plus evaluating on an empty
store), rdflib's SPARQL parser (pyparsing), and sparqlkit's default Earley parser (the same
grammar as ours, the parser lark picks by default). Medians of several repetitions.
"""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox
from rich.console import Console
from rich.table import Table

from bench.bench_queries import median_seconds
from helixgraph.guard import checks as guard
from helixgraph.rdf.namespaces import PREFIXES
from helixgraph.sparql.catalogue import named_queries

PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def _requests() -> dict[str, str]:
    found = {f"named: {q.name}": q.sparql for q in named_queries()}
    values = " ".join(f"<https://e.org/a{i}>" for i in range(2000))
    found["VALUES, 2,000 IRIs"] = f"SELECT ?a WHERE {{ VALUES ?a {{ {values} }} ?a ?p ?o }}"
    unions = " UNION ".join(["{ ?a org:member ?b }"] * 400)
    found["400 UNIONs"] = f"SELECT * WHERE {{ {unions} }}"
    return found


def main(repeat: int = 7) -> None:
    from rdflib.plugins.sparql.parser import parseQuery
    from sparqlkit.parser import sparql_query_parser as earley

    empty = ox.Store()
    readers: dict[str, Callable[[str], object]] = {
        "guard (grammar + re-emit)": guard.check_query,
        "old tokenizer": lambda text: guard.tokens.__wrapped__(text),
        "Oxigraph (raw engine)": lambda text: empty.query(text, prefixes=PREFIXES),
        "rdflib parser": lambda text: parseQuery(PROLOGUE + text),
        "sparqlkit Earley": lambda text: earley.parse(PROLOGUE + text),
    }
    guard.check_query("ASK {}")  # the parser's tables are built once per process
    table = Table(title="Reading one request (median ms; ratio: guard / peer)")
    table.add_column("request")
    for name in readers:
        table.add_column(name, justify="right")
    for label, text in _requests().items():
        cells = []
        ours = median_seconds(lambda text=text: guard.check_query(text), repeat)
        for name, reader in readers.items():
            slow = name == "sparqlkit Earley" and len(text) > 20_000
            if slow:  # seconds a request: measured once
                seconds = median_seconds(lambda reader=reader, text=text: reader(text), 1)
            else:
                seconds = median_seconds(lambda reader=reader, text=text: reader(text), repeat)
            ratio = "" if name.startswith("guard") else f" ({ours / seconds:.1f}x)"
            cells.append(f"{seconds * 1000:.2f}{ratio}")
        table.add_row(label, *cells)
    Console(width=160).print(table)
