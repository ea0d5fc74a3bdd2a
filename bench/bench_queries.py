"""SPARQL on the store: helixgraph vs raw pyoxigraph vs rdflib's own Python evaluator.

Same data, same queries, one run. Reports the median of several repetitions and two ratios:
how much faster than rdflib, and helixgraph's overhead over calling pyoxigraph directly.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rich.console import Console
from rich.table import Table

from bench.synthetic import ecosystem
from helixgraph.rdf.namespaces import PREFIXES
from helixgraph.store import KnowledgeGraph

PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())

QUERIES = {
    "actors per helix": """
        SELECT ?h (COUNT(DISTINCT ?a) AS ?n) WHERE {
          ?a org:classification ?h . ?h skos:inScheme hx:Helix } GROUP BY ?h""",
    "memberships of business actors": """
        SELECT ?a ?c WHERE { ?m org:member ?a ; org:organization ?c .
          ?a org:classification hx:business }""",
    "co-members (2 hops)": """
        SELECT (COUNT(*) AS ?n) WHERE { ?m1 org:member ?a ; org:organization ?c .
          ?m2 org:member ?b ; org:organization ?c . FILTER(STR(?a) < STR(?b)) }""",
    "ties under org:linkedTo": """
        SELECT ?s ?p ?o WHERE { ?p rdfs:subPropertyOf* org:linkedTo . ?s ?p ?o }""",
}


def median_seconds(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def consume(result: object) -> int:
    return sum(1 for _ in result)  # type: ignore[attr-defined]


def main(actors: int = 2000, collaborations: int = 600, repeat: int = 5) -> None:
    folder = Path(tempfile.mkdtemp(prefix="helixgraph-bench-"))
    data = folder / "synthetic.ttl"
    data.write_text(ecosystem(actors, collaborations), encoding="utf-8")
    kg = KnowledgeGraph.open(folder / "store", default_data=False)
    kg.load([data], validate=False)
    raw: ox.Store = kg._store
    graph = rdflib.Dataset(default_union=True)
    for quad in kg.quads():
        graph.add((_to_rdflib(quad.subject), _to_rdflib(quad.predicate), _to_rdflib(quad.object)))

    table = Table(
        title=f"SPARQL on {len(kg)} quads ({actors} actors, {collaborations} projects), "
        f"median of {repeat} runs"
    )
    columns = (
        "query",
        "rows",
        "rdflib",
        "pyoxigraph",
        "kg.query",
        "kg.select (dicts)",
        "rdflib / kg.query",
        "kg.query / pyoxigraph",
    )
    for column in columns:
        table.add_column(column, justify="left" if column == "query" else "right")
    for name, body in QUERIES.items():
        text = PROLOGUE + body
        rows = consume(raw.query(text, use_default_graph_as_union=True))
        t_rdflib = median_seconds(lambda q=text: consume(graph.query(q)), max(1, repeat // 2))
        t_raw = median_seconds(
            lambda q=text: consume(raw.query(q, use_default_graph_as_union=True)), repeat
        )
        t_query = median_seconds(lambda q=body: consume(kg.query(q)), repeat)
        t_select = median_seconds(lambda q=body: kg.select(q), repeat)
        table.add_row(
            name,
            str(rows),
            f"{t_rdflib * 1000:.1f} ms",
            f"{t_raw * 1000:.1f} ms",
            f"{t_query * 1000:.1f} ms",
            f"{t_select * 1000:.1f} ms",
            f"{t_rdflib / t_query:.0f}x",
            f"{t_query / t_raw:.2f}x",
        )
    Console(width=160).print(table)
    kg.close()


def _to_rdflib(term: object) -> rdflib.term.Identifier:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    assert isinstance(term, ox.Literal)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
