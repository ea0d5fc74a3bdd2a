"""Query rows read from Oxigraph's TSV results: every value as the term's own text."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import rdflib

from helixgraph.store import KnowledgeGraph

EX = "http://example.org/"
# values that TSV escapes or writes bare, each on its own subject
TURTLE = r"""
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:tab ex:v "a\tb" .
ex:newline ex:v "first\nsecond\r\n" .
ex:quotes ex:v "say \"hi\" 'there'" .
ex:backslash ex:v "C:\\path\\u0041" .
ex:accents ex:v "Pécsi Tudományegyetem"@hu .
ex:escaped ex:v "P\u00E9cs \U0001F600" .
ex:empty ex:v "" .
ex:date ex:v "2016-01-01"^^xsd:date .
ex:integer ex:v 42 .
ex:decimal ex:v 1.50 .
ex:double ex:v 1.5e3 .
ex:boolean ex:v true .
ex:iri ex:v <http://example.org/a%20b#c> .
ex:tagged ex:v "Budapest"@en-GB .
"""


def test_rows_hold_each_terms_own_text_and_none_where_unbound(tmp_path: Path) -> None:
    source = tmp_path / "values.ttl"
    source.write_text(TURTLE, encoding="utf-8")
    kg = KnowledgeGraph.in_memory(default_data=False)
    kg.load([source], validate=False)
    query = "SELECT ?s ?o (LANG(?o) AS ?lang) WHERE { ?s <http://example.org/v> ?o }"
    names, rows = kg.rows(query)
    assert names == ["s", "o", "lang"]
    # the same answer as SPARQL's JSON results, read by the json module
    document = kg.query(query).serialize(format=ox.QueryResultsFormat.JSON)
    expected = {
        tuple(row[name]["value"] if name in row else None for name in names)
        for row in json.loads(document)["results"]["bindings"]
    }
    assert set(rows) == expected
    strings = {str(s): str(o) for s, _, o in rdflib.Graph().parse(source, format="turtle")}
    for subject, value, _ in rows:  # and the texts the file wrote (numbers aside: Oxigraph
        if not subject.endswith(("decimal", "double")):  # keeps their value, not their text)
            assert value == strings[str(subject)], subject
    assert len(rows) == 14
    selected = kg.select(
        "SELECT ?s ?missing WHERE { ?s <http://example.org/v> ?o "
        "OPTIONAL { ?s <http://example.org/nothing> ?missing } } LIMIT 1"
    )
    assert list(selected[0]) == ["s"]  # unbound: left out, as in the JSON results
    empty = kg.select("SELECT ?o WHERE { <http://example.org/empty> ?p ?o }")
    assert empty == [{"o": ""}]  # bound to the empty string: kept
    unbound = kg.select(
        "SELECT ?missing WHERE { <http://example.org/empty> ?p ?o "
        "OPTIONAL { ?o <http://example.org/nothing> ?missing } }"
    )
    assert unbound == [{}]  # a row, with nothing bound
    assert kg.rows("SELECT * WHERE { <http://example.org/empty> ?p '' }") == (["p"], [(EX + "v",)])
