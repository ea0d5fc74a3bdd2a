"""A SPARQL store on another machine, behind the SPARQL 1.1 Protocol and Graph Store Protocol.

:class:`RemoteStore` offers the part of pyoxigraph's ``Store`` interface that
:class:`~helixgraph.store.graph.KnowledgeGraph` and the query workers use, so that everything
above the store works unchanged on Oxigraph server, Virtuoso or any store with the two
protocols. What it asks of the store:

- queries (``HELIX_QUERY_URL``, default ``URL/query``), sent as forms, answered as TSV (or XML,
  ``HELIX_RESULTS_FORMAT``) and N-Triples, which pyoxigraph parses in compiled code;
- updates (``HELIX_UPDATE_URL``, default ``URL/update``), each request applied all or nothing
  (Oxigraph server and Virtuoso run one update request in one transaction);
- whole graphs posted as N-Triples to the Graph Store Protocol (``HELIX_GSP_URL``, default
  ``URL/store``), spooled to a temporary file and sent with their length, so an import of
  millions of triples never sits in memory (and stores that take no chunked body get it whole).

helixgraph's own prefixes and base IRI travel as ``PREFIX``/``BASE`` lines in front of the
query; a variable substitution travels as a ``VALUES`` block at the start of the query's
``WHERE`` clause. Credentials (``HELIX_STORE_USER`` and ``HELIX_STORE_PASSWORD``, or
``HELIX_STORE_TOKEN`` for a bearer token) are sent, never printed: an endpoint prints as its
URL without them.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import IO, Any
from urllib.parse import urlsplit, urlunsplit

import httpx
import pyoxigraph as ox

from helixgraph.errors import StoreError
from helixgraph.rdf.namespaces import GRAPH_BASE

#: Seconds to wait for a connection: an unreachable store fails fast, with its URL.
CONNECT_TIMEOUT = 5.0
#: Where a remote store keeps what the embedded one keeps in its default graph (the shipped
#: graphs a store declined): some stores have no default graph of their own (Virtuoso's is
#: the union of all), so it is a named graph, left out of :meth:`RemoteStore.named_graphs`.
OWN_DEFAULT_GRAPH = ox.NamedNode(GRAPH_BASE + "store")
#: Most quads written with one ``INSERT DATA``; more go by the Graph Store Protocol.
INSERT_DATA_LIMIT = 50
#: Bytes per chunk of a streamed upload.
UPLOAD_CHUNK = 1 << 20

_TSV = "text/tab-separated-values"
_NTRIPLES = "application/n-triples"


def is_url(text: str) -> bool:
    """Whether ``--store`` names a remote store rather than a folder: any ``scheme://`` (a
    scheme other than http and https is then refused, never made a folder).

    >>> is_url("http://127.0.0.1:7878"), is_url("./store"), is_url("HTTPS://x"), is_url("ftp://x")
    (True, False, True, True)
    """
    return re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", text) is not None


@dataclass(frozen=True)
class RemoteEndpoint:
    """Where a remote store answers, and how helixgraph proves who it is.

    Prints (``str``, ``repr``) as its URL without user name or password, so a message or a log
    line never carries a credential.

    >>> e = RemoteEndpoint.from_url("http://ann:secret@127.0.0.1:7878/", environ={})
    >>> str(e), e.query_url, e.gsp_url
    ('http://127.0.0.1:7878', 'http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/store')
    >>> "secret" in repr(e)
    False
    """

    url: str
    query_url: str
    update_url: str
    gsp_url: str
    #: The query parameter that makes the default graph the union of all graphs (Oxigraph
    #: server's); ``native``: the store's default graph is that union already (Virtuoso);
    #: empty: the graphs are listed as ``default-graph-uri`` (any store, slower on some).
    union_parameter: str = "union-default-graph"
    #: The Graph Store Protocol parameter that loads without a transaction (Oxigraph server's
    #: bulk loader, twice as fast); safe here because a graph being written is marked pending
    #: until one update commits it. Empty: plain POST.
    bulk_parameter: str = "no_transaction"
    #: The results format asked for: ``tsv`` (parsed in compiled code; the default), or
    #: ``xml`` for stores whose TSV is not the standard's (Virtuoso's quotes IRIs).
    results: str = "tsv"
    #: The Graph Store Protocol's name of the graph parameter (Virtuoso: ``graph-uri``).
    graph_parameter: str = "graph"
    user: str | None = field(default=None, repr=False)
    password: str | None = field(default=None, repr=False)
    token: str | None = field(default=None, repr=False)

    @classmethod
    def from_url(cls, url: str, *, environ: Mapping[str, str] | None = None) -> RemoteEndpoint:
        """The endpoint at ``url``, completed from ``HELIX_QUERY_URL``, ``HELIX_UPDATE_URL``,
        ``HELIX_GSP_URL``, ``HELIX_UNION_PARAMETER`` and the credentials' variables."""
        env = os.environ if environ is None else environ
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            raise StoreError(
                f"{_without_credentials(url)}: a remote store is an http:// or https:// URL "
                "with a host (a folder name has no `://`)"
            )
        results = env.get("HELIX_RESULTS_FORMAT", "tsv").lower()
        if results not in _ACCEPT:
            raise StoreError(f"HELIX_RESULTS_FORMAT={results!r}: give tsv, xml or json")
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        bare = urlunsplit((parts.scheme.lower(), host, parts.path.rstrip("/"), "", ""))
        return cls(
            url=bare,
            query_url=env.get("HELIX_QUERY_URL") or f"{bare}/query",
            update_url=env.get("HELIX_UPDATE_URL") or f"{bare}/update",
            gsp_url=env.get("HELIX_GSP_URL") or f"{bare}/store",
            union_parameter=env.get("HELIX_UNION_PARAMETER", "union-default-graph"),
            bulk_parameter=env.get("HELIX_GSP_BULK_PARAMETER", "no_transaction"),
            results=results,
            graph_parameter=env.get("HELIX_GSP_GRAPH_PARAMETER", "graph"),
            user=parts.username or env.get("HELIX_STORE_USER") or None,
            password=parts.password or env.get("HELIX_STORE_PASSWORD") or None,
            token=env.get("HELIX_STORE_TOKEN") or None,
        )

    def __str__(self) -> str:
        return self.url

    def client(self, timeout: float | None = None) -> httpx.Client:
        """An HTTP client carrying the credentials; ``timeout``: seconds a read may wait."""
        headers = {"User-Agent": "helixgraph"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        auth = httpx.BasicAuth(self.user, self.password or "") if self.user else None
        return httpx.Client(
            headers=headers,
            auth=auth,
            timeout=httpx.Timeout(timeout, connect=CONNECT_TIMEOUT),
            follow_redirects=False,
        )


class RemoteStore:
    """pyoxigraph's ``Store`` interface, as far as helixgraph uses it, over HTTP.

    ``timeout``: seconds any one request may wait for the store (None: as long as it takes,
    for imports and the views of a large graph).
    """

    def __init__(self, endpoint: RemoteEndpoint, *, timeout: float | None = None):
        self.endpoint = endpoint
        self._http = endpoint.client(timeout)

    def check(self) -> None:
        """Raise :class:`StoreError` naming the URL unless a SPARQL store answers there."""
        self.query("ASK {}")

    def close(self) -> None:
        self._http.close()

    def __del__(self) -> None:  # a command that exits without closing leaves no open socket
        if hasattr(self, "_http"):
            self.close()

    # -- reading ---------------------------------------------------------------------------

    def query(
        self,
        sparql: str,
        *,
        base_iri: str | None = None,
        prefixes: Mapping[str, str] | None = None,
        use_default_graph_as_union: bool = False,
        default_graph: Any = None,
        named_graphs: Any = None,
        substitutions: Mapping[ox.Variable, Any] | None = None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | Iterable[ox.Triple]:
        """A query, checked by Oxigraph's own parser here first (a syntax error names its line
        and column in the text as given), then answered by the store."""
        # the answer's kind, asked alone: Virtuoso refuses (406) a CONSTRUCT whose Accept lists
        # a results format first, however N-Triples is weighted after it
        triples = isinstance(_parse_here(sparql, base_iri, prefixes), ox.QueryTriples)
        text = _prologue(base_iri, prefixes) + _with_values(sparql, substitutions)
        params: list[tuple[str, str]] = []
        if use_default_graph_as_union and self.endpoint.union_parameter != "native":
            if self.endpoint.union_parameter:
                params.append((self.endpoint.union_parameter, "true"))
            else:
                params += [("default-graph-uri", g.value) for g in self.named_graphs()]
        for name, graphs in (
            ("default-graph-uri", default_graph),
            ("named-graph-uri", named_graphs),
        ):
            if graphs is None:
                continue
            for graph in graphs if isinstance(graphs, list) else [graphs]:
                if isinstance(graph, ox.NamedNode):
                    params.append((name, graph.value))
        # a form, as every store takes it (Virtuoso ignores a body of application/sparql-query)
        response = self._send(
            "POST",
            self.endpoint.query_url,
            data=_form(("query", text), *params),
            headers={"Accept": _NTRIPLES if triples else _ACCEPT[self.endpoint.results]},
        )
        kind = response.headers.get("content-type", "").split(";")[0].strip()
        if kind == _TSV:
            return ox.parse_query_results(response.content, format=ox.QueryResultsFormat.TSV)
        if kind == "application/sparql-results+xml":
            # Virtuoso writes blank node labels as nodeID://b1 (not a label SPARQL allows)
            body = response.content.replace(b"<bnode>nodeID://", b"<bnode>")
            return ox.parse_query_results(body, format=ox.QueryResultsFormat.XML)
        if kind == "application/sparql-results+json":
            return ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
        if kind in (_NTRIPLES, "text/plain"):
            return _Triples(ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES))
        raise StoreError(f"{self.endpoint}: the store answered a query as {kind!r}")

    def quads_for_pattern(
        self, subject: Any, predicate: Any, object: Any, graph_name: Any = None
    ) -> Iterator[ox.Quad]:
        """The quads matching a pattern (None: any), in any graph unless ``graph_name``."""
        terms = {"s": subject, "p": predicate, "o": object}
        values = "".join(
            f"VALUES ?{name} {{ {term} }} " for name, term in terms.items() if term is not None
        )
        if graph_name is not None:
            where = f"{values} GRAPH ?g {{ ?s ?p ?o }} VALUES ?g {{ {_named(graph_name)} }}"
        else:
            where = f"{values} GRAPH ?g {{ ?s ?p ?o }}"
        for row in self._solutions(f"SELECT ?s ?p ?o ?g WHERE {{ {where} }}"):
            graph = ox.DefaultGraph() if row["g"] == OWN_DEFAULT_GRAPH else row["g"]
            yield ox.Quad(row["s"], row["p"], row["o"], graph)

    def named_graphs(self) -> Iterator[ox.NamedNode]:
        for row in self._solutions("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"):
            if row["g"] != OWN_DEFAULT_GRAPH:
                yield row["g"]

    def __len__(self) -> int:
        return self._count("GRAPH ?g { ?s ?p ?o }")

    def dump(self, *, format: ox.RdfFormat) -> bytes:
        """Every quad as N-Quads (the Graph Store Protocol's whole dataset)."""
        response = self._send("GET", self.endpoint.gsp_url, headers={"Accept": format.media_type})
        return response.content

    # -- writing ---------------------------------------------------------------------------

    def update(
        self,
        sparql: str,
        *,
        base_iri: str | None = None,
        prefixes: Mapping[str, str] | None = None,
    ) -> None:
        """An update, applied by the store in one request (all or nothing)."""
        _parse_update_here(sparql, base_iri, prefixes)
        text = _prologue(base_iri, prefixes) + sparql
        self._send("POST", self.endpoint.update_url, data={"update": text})

    def extend(self, quads: Iterable[ox.Quad]) -> None:
        """Add quads: a few (bookkeeping) in one ``INSERT DATA``, more as :meth:`bulk_extend`
        (some stores cap the size of an update: Virtuoso at 10,000 lines of generated SQL)."""
        listed = list(quads)
        if len(listed) > INSERT_DATA_LIMIT:
            self.bulk_extend(listed)
        elif listed:
            self.update(f"INSERT DATA {{ {' '.join(_as_data(q) for q in listed)} }}")

    def bulk_extend(self, quads: Iterable[ox.Quad]) -> None:
        """Add many quads (a graph being copied), spooled to a file per graph, never held in
        memory, and posted to the Graph Store Protocol one graph at a time."""
        spools: dict[Any, IO[bytes]] = {}
        with contextlib.ExitStack() as files:
            for q in quads:
                if (spool := spools.get(q.graph_name)) is None:
                    spool = spools[q.graph_name] = files.enter_context(tempfile.TemporaryFile())
                spool.write(f"{q.subject} {q.predicate} {q.object} .\n".encode())
            for graph, spool in spools.items():
                self._post_spool(graph, spool)

    def bulk_load(
        self, input: IO[bytes] | bytes, *, format: ox.RdfFormat, to_graph: Any = None
    ) -> None:
        """Stream N-Triples into a graph with the Graph Store Protocol (``POST ?graph=``)."""
        if format is not ox.RdfFormat.N_TRIPLES or to_graph is None:
            raise StoreError("a remote store takes bulk loads as N-Triples into a named graph")
        stream = io.BytesIO(input) if isinstance(input, bytes) else input
        self._post_graph(to_graph, iter(lambda: stream.read(UPLOAD_CHUNK), b""), bulk=True)

    def graph_size(self, graph: ox.NamedNode) -> int:
        """The number of triples the store holds in ``graph``."""
        return self._count(f"GRAPH {graph} {{ ?s ?p ?o }}")

    def _solutions(self, sparql: str) -> ox.QuerySolutions:
        solutions = self.query(sparql)
        assert isinstance(solutions, ox.QuerySolutions)
        return solutions

    def _count(self, pattern: str) -> int:
        row = next(iter(self._solutions(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")))
        return int(row["n"].value)

    def remove(self, quad: ox.Quad) -> None:
        self.update(f"DELETE DATA {{ {_as_data(quad)} }}")

    def remove_graph(self, graph: ox.NamedNode) -> None:
        self.update(f"DROP SILENT GRAPH {graph}")

    def flush(self) -> None:
        """Nothing to do: the store made each request durable before it answered."""

    # -- HTTP ------------------------------------------------------------------------------

    def _post_graph(self, graph: Any, chunks: Iterator[bytes], *, bulk: bool = False) -> None:
        with tempfile.TemporaryFile() as spool:
            for chunk in chunks:
                spool.write(chunk)
            self._post_spool(graph, spool, bulk=bulk)

    def _post_spool(self, graph: Any, spool: IO[bytes], *, bulk: bool = False) -> None:
        """POST a spooled file of N-Triples into ``graph``, with its length: some stores take
        no chunked body (Virtuoso answers 201 and keeps nothing)."""
        params = {self.endpoint.graph_parameter: _named(graph).value}
        if bulk and self.endpoint.bulk_parameter:
            params[self.endpoint.bulk_parameter] = ""
        size = spool.tell()
        spool.seek(0)
        self._send(
            "POST",
            self.endpoint.gsp_url,
            params=params,
            content=spool,
            headers={"Content-Type": _NTRIPLES, "Content-Length": str(size)},
        )

    def _send(self, method: str, url: str, **options: Any) -> httpx.Response:
        try:
            response = self._http.request(method, url, **options)
        except httpx.TimeoutException:
            raise StoreError(f"{self.endpoint}: the store did not answer in time") from None
        except httpx.TransportError as error:
            raise StoreError(
                f"{self.endpoint}: no SPARQL store answers here ({_reason(error)}); "
                "is the server running, and is the URL right?"
            ) from None
        if response.status_code in (401, 403):
            raise StoreError(
                f"{self.endpoint}: the store refused helixgraph's credentials "
                f"(HTTP {response.status_code}); set HELIX_STORE_USER and HELIX_STORE_PASSWORD, "
                "or HELIX_STORE_TOKEN"
            )
        if response.status_code >= 400:
            said = self._redacted(" ".join(response.text.strip().splitlines()[:3]))
            raise StoreError(
                f"{self.endpoint}: the store answered HTTP {response.status_code} to "
                f"{method} {urlsplit(url).path or '/'}: {said[:300]}"
            )
        return response

    def _redacted(self, said: str) -> str:
        """What the store said, less any credential it echoed (a store that repeats the
        request would have helixgraph print the Authorization header's value)."""
        import base64

        secrets = [self.endpoint.token, self.endpoint.password]
        if self.endpoint.user:
            pair = f"{self.endpoint.user}:{self.endpoint.password or ''}".encode()
            secrets.append(base64.b64encode(pair).decode())
        for secret in filter(None, secrets):
            said = said.replace(secret, "[redacted]")
        return re.sub(r"(?i)(authorization\W+\w+\s+)\S+", r"\1[redacted]", said)


#: what a SELECT or an ASK is asked for, by HELIX_RESULTS_FORMAT (a CONSTRUCT: N-Triples)
_ACCEPT = {
    "tsv": _TSV,
    "xml": "application/sparql-results+xml",
    "json": "application/sparql-results+json",
}


def _form(*fields: tuple[str, str]) -> dict[str, list[str]]:
    """Form fields, a name repeated as often as given (``default-graph-uri`` ...).

    >>> _form(("query", "ASK {}"), ("default-graph-uri", "a"), ("default-graph-uri", "b"))
    {'query': ['ASK {}'], 'default-graph-uri': ['a', 'b']}
    """
    form: dict[str, list[str]] = {}
    for name, value in fields:
        form.setdefault(name, []).append(value)
    return form


class _Triples:
    """The triples of a CONSTRUCT or DESCRIBE answer, iterated like pyoxigraph's QueryTriples."""

    def __init__(self, quads: Iterator[ox.Quad]):
        self._quads = quads

    def __iter__(self) -> Iterator[ox.Triple]:
        return (q.triple for q in self._quads)


def _without_credentials(url: str) -> str:
    """``url`` less any ``user:password@``.

    >>> _without_credentials("ftp://ann:secret@host/x")
    'ftp://host/x'
    """
    return re.sub(r"(?<=://)[^/@]*@", "", url)


def _reason(error: httpx.TransportError) -> str:
    text = str(error) or type(error).__name__
    return "connection refused" if "refused" in text.lower() else text


def _prologue(base_iri: str | None, prefixes: Mapping[str, str] | None) -> str:
    """``BASE`` and ``PREFIX`` lines, on one line, so the query's own lines keep their numbers
    but one (errors are read on the text as given, by :func:`_parse_here`)."""
    parts = [f"BASE <{base_iri}>"] if base_iri else []
    parts += [f"PREFIX {name}: <{iri}>" for name, iri in (prefixes or {}).items()]
    return " ".join(parts) + "\n" if parts else ""


def _with_values(sparql: str, substitutions: Mapping[ox.Variable, Any] | None) -> str:
    """The query with its substituted variables fixed by a ``VALUES`` block opening the
    ``WHERE`` clause (the group after the ``WHERE`` keyword, else the first group).

    >>> _with_values("SELECT ?o WHERE { ?s ?p ?o }", {ox.Variable("s"): ox.NamedNode("http://x")})
    'SELECT ?o WHERE { VALUES (?s) { (<http://x>) } ?s ?p ?o }'
    """
    if not substitutions:
        return sparql
    from helixgraph.guard.tokens import tokens

    found = tokens(sparql)
    after_where = [i for i, t in enumerate(found) if t.kind == "word" and t.text.upper() == "WHERE"]
    start = after_where[0] if after_where else 0
    brace = next(t for t in found[start:] if t.text == "{")
    names = " ".join(str(v) for v in substitutions)
    row = " ".join(str(term) for term in substitutions.values())
    cut = brace.start + 1
    return f"{sparql[:cut]} VALUES ({names}) {{ ({row}) }}{sparql[cut:]}"


def _as_data(quad: ox.Quad) -> str:
    graph = _named(quad.graph_name)
    return f"GRAPH {graph} {{ {quad.subject} {quad.predicate} {quad.object} }}"


def _named(graph: Any) -> ox.NamedNode:
    """The graph itself, or for the default graph :data:`OWN_DEFAULT_GRAPH`."""
    return OWN_DEFAULT_GRAPH if isinstance(graph, ox.DefaultGraph) else graph


_EMPTY = ox.Store()


def _parse_here(
    sparql: str, base_iri: str | None, prefixes: Mapping[str, str] | None
) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    """Raise the ``SyntaxError`` Oxigraph's parser raises for a query that does not parse; else
    its (empty) answer, whose kind says the query's.

    Evaluated against an empty store: parsing is the point, and an empty store answers at once.
    """
    return _EMPTY.query(sparql, base_iri=base_iri, prefixes=dict(prefixes or {}))


def _parse_update_here(
    sparql: str, base_iri: str | None, prefixes: Mapping[str, str] | None
) -> None:
    """Raise the ``SyntaxError`` of an update that does not parse, without running it: the
    text is checked as an update applied to a store of its own, thrown away after."""
    ox.Store().update(sparql, base_iri=base_iri, prefixes=dict(prefixes or {}))
