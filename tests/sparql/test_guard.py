"""The two layers that keep a query from reaching the network, and the engine from crashing.

A listener on 127.0.0.1 stands where a query would reach out; it counts every connection it
receives, and must receive none. The guard's reading is checked against Oxigraph's own: every
query the guard lets through is evaluated by Oxigraph, outside any sandbox, beside the listener.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helixgraph.errors import QueryError, QueryRefusedError, QuerySyntaxError
from helixgraph.guard.checks import MAX_DEPTH, check_query, check_update
from helixgraph.rdf.namespaces import PREFIXES
from helixgraph.sparql.evaluation import QueryRequest
from helixgraph.sparql.pool import QueryPool
from helixgraph.store import KnowledgeGraph


@contextlib.contextmanager
def counting_listener() -> Iterator[tuple[int, list[object]]]:
    """A TCP listener on 127.0.0.1 for the whole block; yields its port and the connections."""
    connections: list[object] = []
    stop = threading.Event()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(64)
        sock.settimeout(0.05)

        def accept() -> None:
            while not stop.is_set():
                with contextlib.suppress(OSError):
                    connection, peer = sock.accept()
                    connections.append(peer)
                    connection.close()

        thread = threading.Thread(target=accept, daemon=True)
        thread.start()
        try:
            yield sock.getsockname()[1], connections
        finally:
            stop.set()
            thread.join()


@pytest.fixture(scope="module")
def port_and_hits() -> Iterator[tuple[int, list[object]]]:
    with counting_listener() as found:
        yield found


def _oxigraph_reaches_out(query: str, port: int, hits: list[object], update: bool) -> bool:
    """Whether Oxigraph, unguarded and unsandboxed, opens a connection for ``query``."""
    before = len(hits)
    store = ox.Store()
    with contextlib.suppress(SyntaxError, OSError, ValueError, RuntimeError):
        if update:
            store.update(query, prefixes=PREFIXES)
        else:
            result = store.query(query, prefixes=PREFIXES)
            if not isinstance(result, ox.QueryBoolean):
                list(result)
    deadline = threading.Event()
    deadline.wait(0.1)  # the listener's accept loop polls every 50 ms
    return len(hits) > before


# Each names the listener as {url}; every one of them does call out in Oxigraph (checked below).
REACHING_QUERIES = [
    # the second review's: a tokenizer reads `<2)SERVICEp:x#>` as one IRI, Oxigraph a
    # less-than, a call and a comment
    "PREFIX p: <{url}>\nSELECT * WHERE { FILTER(1<2)SERVICEp:x#>\n{ ?s ?p ?o } }",
    # the review's probe: `\'` ends a prefixed name, not a string
    r"SELECT * WHERE { BIND(hx:a\' AS ?q) SERVICE <{url}> { ?x ?y ?z } FILTER(?q != 'x') }",
    "SELECT * WHERE { SERVICE <{url}> { ?x ?y ?z } }",
    "select * where { service silent <{url}> { ?x ?y ?z } }",
    "SELECT * WHERE { SeRvIcE <{url}> { ?x ?y ?z } }",
    # Oxigraph matches keywords with no word boundary
    "SELECT * WHERE { SERVICESILENT<{url}>{ ?x ?y ?z } }",
    "SELECT * WHERE { {}SERVICE<{url}>{ ?x ?y ?z } }",
    "PREFIX : <{url}> SELECT * WHERE { SERVICE:x { ?x ?y ?z } }",
    # a comment ends at \r
    "SELECT * WHERE { #c\rSERVICE <{url}> { ?x ?y ?z } }",
    # strings with every escape, before the call
    "SELECT * WHERE { BIND('\\'' AS ?a) BIND(\"\\\"\" AS ?b) SERVICE <{url}> { ?x ?y ?z } }",
    "SELECT * WHERE { BIND('''a''b''' AS ?a) SERVICE <{url}> { ?x ?y ?z } }",
    'SELECT * WHERE { BIND("\\u0022" AS ?a) SERVICE <{url}> { ?x ?y ?z } }',
    r"SELECT * WHERE { BIND(hx:\~x AS ?a) BIND(hx:a%27 AS ?b) SERVICE <{url}> { ?x ?y ?z } }",
    # SERVICE in every position a pattern can stand
    "SELECT * WHERE { OPTIONAL { SERVICE <{url}> { ?x ?y ?z } } }",
    "SELECT * WHERE { { SELECT * WHERE { SERVICE <{url}> { ?x ?y ?z } } } }",
    "SELECT * WHERE { GRAPH ?g { SERVICE <{url}> { ?x ?y ?z } } }",
    "SELECT * WHERE { BIND(1 AS ?a) MINUS { SERVICE <{url}> { ?a ?y ?z } } }",
    "SELECT * WHERE { { } UNION { SERVICE <{url}> { ?x ?y ?z } } }",
    "SELECT * WHERE { FILTER EXISTS { SERVICE <{url}> { ?x ?y ?z } } }",
    "ASK { SERVICE <{url}> { ?x ?y ?z } }",
    "CONSTRUCT { ?x ?y ?z } WHERE { SERVICE <{url}> { ?x ?y ?z } }",
    "DESCRIBE ?x WHERE { SERVICE <{url}> { ?x ?y ?z } }",
]

REACHING_UPDATES = [
    "LOAD <{url}>",
    "load silent <{url}> into graph <urn:g>",
    "LOADSILENT<{url}>",
    "INSERT DATA { <urn:a> <urn:b> 'x' } ; LOAD <{url}>",
    r"INSERT DATA { <urn:a> <urn:b> hx:a\' } ; LOAD <{url}>",
    "INSERT { ?x ?y ?z } WHERE { SERVICE <{url}> { ?x ?y ?z } }",
    # the second review's differential, in an update (it connected from the server itself)
    "PREFIX p: <{url}>\nINSERT { ?s ?p ?o } WHERE { FILTER(1<2)SERVICEp:x#>\n{ ?s ?p ?o } }",
]

ALLOWED_QUERIES = [
    "SELECT ?service WHERE { ?service a <http://example.org/SERVICE> }",
    "SELECT * WHERE { ?a hx:providesServiceTo ?b . ?s a schema:Service }",
    'SELECT * WHERE { ?s ?p "SERVICE <http://127.0.0.1/>" } # SERVICE <http://127.0.0.1/>',
    "SELECT * WHERE { ?s ?p 'it\\'s a SERVICE' }",
]


def test_a_service_named_by_a_variable_is_refused_too() -> None:
    with pytest.raises(QueryRefusedError):
        check_query("SELECT * WHERE { BIND(<http://127.0.0.1/> AS ?e) SERVICE ?e { ?x ?y ?z } }")


@pytest.mark.parametrize("template", REACHING_QUERIES)
def test_every_form_of_service_is_refused(template: str, port_and_hits: tuple) -> None:
    port, hits = port_and_hits
    query = template.replace("{url}", f"http://127.0.0.1:{port}/sparql")
    assert _oxigraph_reaches_out(query, port, hits, update=False), "not a real probe"
    # refused: as SERVICE where the grammar reads one, else as what the grammar cannot read
    with pytest.raises(QueryError, match=r"SERVICE is not allowed|cannot stand here"):
        check_query(query)


@pytest.mark.parametrize("template", REACHING_UPDATES)
def test_every_form_of_load_is_refused(template: str, port_and_hits: tuple) -> None:
    port, hits = port_and_hits
    update = template.replace("{url}", f"http://127.0.0.1:{port}/data.ttl")
    assert _oxigraph_reaches_out(update, port, hits, update=True), "not a real probe"
    with pytest.raises(QueryError, match=r"is not allowed here|cannot stand here"):
        check_update(update)


@pytest.mark.parametrize("query", ALLOWED_QUERIES)
def test_the_words_alone_are_no_reason_to_refuse(query: str) -> None:
    check_query(query)


# Pieces a query is made of, with every quote, escape and comment form that could make one
# reader see code where another sees a string, IRI or comment.
PIECES = [
    "SERVICE",
    "SILENT",
    "service",
    "<{url}>",
    "{ ?x ?y ?z }",
    "{",
    "}",
    "'",
    '"',
    "'''",
    '"""',
    "\\",
    "\\'",
    '\\"',
    "\\u0027",
    "\\u0022",
    "#",
    "\n",
    "\r",
    " ",
    "hx:a",
    "hx:",
    ":",
    ".",
    "<",
    ">",
    "?x",
    "BIND(",
    " AS ?q)",
    "FILTER(",
    ")",
    "%27",
    "@en",
    "_:b",
    # the parser differential of the second review, in pieces
    "1",
    "<2)",
    "1<2)",
    "SERVICEp:x",
    "p:x",
    "#>",
    ")SERVICE",
    "\\u0053ERVICE",
    "\\u003e",
    "<urn:x",
]


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(pieces=st.lists(st.sampled_from(PIECES), min_size=1, max_size=12))
def test_what_the_guard_lets_through_never_reaches_out(pieces: list[str], port_and_hits) -> None:
    port, hits = port_and_hits
    body = "".join(pieces).replace("{url}", f"http://127.0.0.1:{port}/x")
    query = f"PREFIX p: <http://127.0.0.1:{port}/p>\nSELECT * WHERE {{ {body} }}"
    try:
        runs = check_query(query)
    except QueryError:
        return
    # what the engine is given is the guard's reading: Oxigraph's reading of it calls nobody
    assert not _oxigraph_reaches_out(runs, port, hits, update=False), (query, runs)


def test_nesting_is_refused_before_the_engine_overflows() -> None:
    deep = "SELECT * WHERE " + "{" * 5000 + "}" * 5000
    with pytest.raises(QueryRefusedError, match=f"nested more than {MAX_DEPTH} levels"):
        check_query(deep)
    with pytest.raises(QueryRefusedError, match="nested"):
        check_update("INSERT DATA { <urn:a> <urn:b> " + "(" * 5000 + ")" * 5000 + " }")
    check_query("SELECT * WHERE " + "{" * 100 + "}" * 100)


def test_long_chains_are_refused_and_long_values_are_not() -> None:
    chain = "SELECT * WHERE { " + " UNION ".join(["{ BIND(1 AS ?x) }"] * 20_000) + " }"
    with pytest.raises(QueryRefusedError, match="chained here"):
        check_query(chain)
    with pytest.raises(QueryRefusedError, match="tokens outside VALUES"):
        check_query("SELECT * WHERE { " + " ".join(["?s ?p ?o ."] * 3_000) + " }")
    values = " ".join(f"<urn:x{i}>" for i in range(30_000))
    check_query(f"SELECT * WHERE {{ VALUES ?x {{ {values} }} }}")
    check_update(f"INSERT DATA {{ {' '.join(f'<urn:s> <urn:p> {i} .' for i in range(10_000))} }}")


def test_what_cannot_be_read_is_refused_with_its_place() -> None:
    with pytest.raises(QuerySyntaxError, match=r"line 2, column 3: '\\\\'"):
        check_query("SELECT *\n{ \\u0053ERVICE <http://127.0.0.1/> { } }")
    with pytest.raises(QuerySyntaxError, match="line 1, column 18"):
        check_query("SELECT * { ?s ?p 'unclosed }")


def test_a_worker_cannot_reach_the_network_even_unguarded(port_and_hits: tuple) -> None:
    port, hits = port_and_hits
    kg = KnowledgeGraph.in_memory(default_data=False)
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?x ?y ?z }} }}"
    assert _oxigraph_reaches_out(query, port, hits, update=False), "not a real probe"
    before = len(hits)
    with QueryPool(kg, workers=1, timeout=5) as pool:
        assert pool._idle.queue[0].sandboxed
        with pytest.raises(QueryError, match="Permission denied"):
            pool.run(QueryRequest(query, format="json"))  # the pool itself has no guard
        still_serving = pool.run(QueryRequest("ASK { }", format="json"))
    assert b"true" in still_serving.body
    threading.Event().wait(0.2)
    assert len(hits) == before


def test_a_bad_iri_is_the_request_s_error_not_the_worker_s() -> None:
    kg = KnowledgeGraph.in_memory(default_data=False)
    with QueryPool(kg, workers=1, timeout=5) as pool:
        with pytest.raises(QueryError):
            pool.run(QueryRequest("ASK { }", default_graphs=("http://a b",)))
        with pytest.raises(QueryError):
            pool.run(QueryRequest("ASK { ?s ?p ?o }", substitutions={"s": ("iri", "http://[x")}))
        assert b"true" in pool.run(QueryRequest("ASK { }", format="json")).body


def test_an_undeclared_prefix_is_named_with_its_place_and_the_declared_ones() -> None:
    from helixgraph.errors import QuerySyntaxError
    from helixgraph.guard.checks import check_query, check_update

    with pytest.raises(QuerySyntaxError) as caught:
        check_query("SELECT * WHERE {\n  ?s foo:bar ?o }")
    assert str(caught.value).startswith("unknown prefix `foo:` at line 2, column 6; declared: ")
    assert "hx, org, prov" in str(caught.value)
    assert (caught.value.line, caught.value.column) == (2, 6)
    # declared by the query itself, or only inside a string or an IRI: fine
    check_query("PREFIX foo: <http://example.org/> SELECT * WHERE { ?s foo:bar 'x:y' }")
    check_query("SELECT * WHERE { ?s <urn:foo:bar> ?o }")
    with pytest.raises(QuerySyntaxError, match="unknown prefix `ex:`"):
        check_update("INSERT DATA { ex:a ex:b ex:c }")


def test_terms_the_ontology_does_not_define_are_named() -> None:
    from helixgraph.guard.checks import unknown_terms

    assert unknown_terms("SELECT * { ?a org:classification hx:busines ; a hx:Cluster }") == [
        "hx:busines"
    ]
    assert unknown_terms("SELECT * { ?a <https://w3id.org/helixgraph/ns#Clustr> ?o }") == [
        "hx:Clustr"
    ]
    assert unknown_terms("SELECT * { ?a org:classification hx:business }") == []


def test_the_review_s_differential_is_refused_with_its_place_and_a_hint() -> None:
    differential = "PREFIX p: <http://127.0.0.1:9/>\nSELECT * { FILTER(1<2)SERVICEp:x#>\n{ } }"
    with pytest.raises(QuerySyntaxError) as caught:
        check_query(differential)
    assert (caught.value.line, caught.value.column) == (2, 20)
    assert "put a space after `<`" in str(caught.value)
    # what the hint says works, and runs as written
    assert check_query("SELECT * WHERE { FILTER(1 < 2) }") == "SELECT * WHERE { FILTER( 1 < 2 ) }"
