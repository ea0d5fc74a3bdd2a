"""SPARQL on the store: helixgraph vs raw pyoxigraph vs rdflib's own Python evaluator; the
views' table scans read from TSV against the JSON results they were read from before.

Same data, same queries, one run. Reports the median of several repetitions and two ratios:
how much faster than rdflib, and helixgraph's overhead over calling pyoxigraph directly.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rich.console import Console
from rich.table import Table

from bench.bench_map import h2020_store
from bench.synthetic import ecosystem
from helixgraph.network.tables import TABLES
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


def tables(repeat: int = 3) -> None:
    """The views' table scans on all of H2020: each table's rows read from the TSV results
    (what the views use) against the same rows read from the JSON results document (what
    they used before), medians of ``repeat``; the same rows checked."""
    table = Table(
        "table", "rows", "JSON results", "TSV rows", "JSON / TSV",
        title=f"The views' table scans on all of H2020, median of {repeat}",
    )  # fmt: skip
    with KnowledgeGraph.open(h2020_store(), read_only=True) as kg:
        totals = [0.0, 0.0]
        for name in ("member", "organization", "memberDuring", "prefLabel", "classification"):
            query = TABLES[name]
            json_rows = _json_rows(kg, query)
            _, tsv_rows = kg.rows(query)
            assert sorted(json_rows) == sorted(tsv_rows), name
            seconds = [
                median_seconds(lambda q=query: _json_rows(kg, q), repeat),
                median_seconds(lambda q=query: kg.rows(q), repeat),
            ]
            totals = [a + b for a, b in zip(totals, seconds, strict=True)]
            table.add_row(
                name, f"{len(tsv_rows):,}", f"{seconds[0]:.2f} s", f"{seconds[1]:.2f} s",
                f"{seconds[0] / seconds[1]:.2f}x",
            )  # fmt: skip
        table.add_row(
            "(these five)", "", f"{totals[0]:.2f} s", f"{totals[1]:.2f} s",
            f"{totals[0] / totals[1]:.2f}x",
        )  # fmt: skip
    Console(width=160).print(table)


def _json_rows(kg: KnowledgeGraph, query: str) -> list[tuple[str | None, ...]]:
    """A SELECT's rows read as the JSON results document, as the views did before."""
    solutions = kg.query(query)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [variable.value for variable in solutions.variables]
    document = json.loads(solutions.serialize(format=ox.QueryResultsFormat.JSON) or b"{}")
    return [
        tuple(row[name]["value"] if name in row else None for name in names)
        for row in document["results"]["bindings"]
    ]


def _to_rdflib(term: object) -> rdflib.term.Identifier:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    assert isinstance(term, ox.Literal)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
