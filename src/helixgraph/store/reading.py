"""Reading the knowledge graph: queries with the union of the visible named graphs as the default
graph, the graphs and their provenance, and the memo of values derived from the store."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pyoxigraph as ox

from helixgraph.errors import (
    QueryRefusedError,
    QuerySyntaxError,
    StoreError,
)
from helixgraph.rdf.namespaces import GRAPH_BASE, PREFIXES, XSD
from helixgraph.rdf.vocab import HX
from helixgraph.store.remote import RemoteEndpoint, RemoteStore
from helixgraph.store.tsv_rows import parse_tsv

#: While this is on a graph, the graph is being written or retired: readers do not see it.
PENDING = HX.pendingImport


PENDING_MARK = ox.NamedNode(PENDING)


#: "This store was made without, or dropped, the shipped graph G": ``G hx:declinedDefault true``
#: in the store's own default graph, which queries never read (they read the named graphs).
DECLINED = ox.NamedNode(HX.declinedDefault)


TRUE = ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean"))


T = TypeVar("T")


#: Any RDF term pyoxigraph hands out.
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


@dataclass(frozen=True)
class GraphInfo:
    """A named graph in the store and its provenance."""

    graph: str
    triples: int
    source_graph: str | None = None
    source_file: str | None = None
    sha256: str | None = None
    loaded: str | None = None
    importer: str | None = None
    rows: dict[str, int] = field(default_factory=dict)


class GraphReader:
    """What :class:`~helixgraph.store.graph.KnowledgeGraph` reads, and the state it holds."""

    def __init__(
        self,
        store: ox.Store | RemoteStore,
        *,
        path: Path | RemoteEndpoint | None = None,
        read_only: bool = False,
    ):
        self._store = store
        #: Where the store lives: its folder, a remote store's endpoint, or None (in memory).
        self.path = path
        self.read_only = read_only
        # whether ``_store`` holds the write lock of a store on disk (it lets go of it while a
        # writer process applies an update, and takes it again at the next write)
        self._write_locked = not read_only and isinstance(path, Path)
        #: Increases on every write, so derived views know when to recompute.
        self.generation = 0
        # what :meth:`memo` keeps, and per scope (a years window, a page's choice) the keys kept
        # for it, oldest first
        self._kept: dict[Hashable, Any] = {}
        self._scopes: OrderedDict[Hashable, set[Hashable]] = OrderedDict()
        self._keeping = threading.Lock()
        self._building: dict[Hashable, threading.Event] = {}  # keys being built: set when done

    #: How many scopes (years windows, explorer choices) keep their views and reports at once;
    #: each costs up to a hundred megabytes on the Hungarian ecosystem. A dashboard asks for
    #: six (its scope, three peers, the peers' whole sector, the wider network): with fewer,
    #: its own report is dropped before the page is done, and computed again for the next.
    SCOPES_KEPT = 8

    def memo(self, key: Hashable, build: Callable[[], T], *, scope: Hashable = None) -> T:
        """What ``build()`` answers, computed once and kept under ``key`` until the store changes.

        Guarded: a value built while the store changed describes the store as it was; it is
        returned to its caller but not kept. Values of a ``scope`` other than None are kept for
        the :data:`SCOPES_KEPT` scopes asked most recently, so that asking for many windows
        cannot fill the memory. Keys are small frozen dataclasses, one kind per subject.
        """
        with self._keeping:
            if key in self._kept:
                if scope in self._scopes:
                    self._scopes.move_to_end(scope)  # asked again: the newest scope now
                kept: T = self._kept[key]
                return kept
            # one thread builds a value at a time: the start-up warm-up and the first request
            # both want the views, and building them twice takes each twice as long
            building = self._building.get(key)
            mine = building is None
            if building is None:
                building = self._building[key] = threading.Event()
        if not mine:
            building.wait()
            return self.memo(key, build, scope=scope)  # kept now, or built here (it failed)
        try:
            generation = self.generation
            value = build()
            with self._keeping:
                if self.generation == generation:
                    self._keep(key, value, scope)
            return value
        finally:
            with self._keeping:
                del self._building[key]
            building.set()

    def seed(self, values: Iterable[tuple[Hashable, Any]], generation: int) -> bool:
        """Keep values computed elsewhere (another process's reading of the store) under their
        keys, where the store is still at ``generation`` (what they describe) and nothing is
        kept under the key yet; whether it was."""
        with self._keeping:
            if self.generation != generation:
                return False
            for key, value in values:
                self._kept.setdefault(key, value)
            return True

    def forget(self) -> None:
        """Drop everything :meth:`memo` keeps (as a write does; benchmarks start cold with it)."""
        with self._keeping:
            self.generation += 1  # what is being built now is built from what was
            self._kept.clear()
            self._scopes.clear()

    def kept(self, key: Hashable) -> Any:
        """The value :meth:`memo` keeps under ``key``, or None: never computes it."""
        return self._kept.get(key)

    def _keep(self, key: Hashable, value: Any, scope: Hashable) -> None:
        if scope is not None:
            self._scopes.setdefault(scope, set()).add(key)
            self._scopes.move_to_end(scope)
            while len(self._scopes) > self.SCOPES_KEPT:
                _, dropped = self._scopes.popitem(last=False)
                for old in dropped:
                    self._kept.pop(old, None)
        self._kept[key] = value

    def declined_defaults(self) -> set[str]:
        """The shipped graphs this store was made without or had dropped: not loaded again."""
        return {
            q.subject.value
            for q in self._store.quads_for_pattern(None, DECLINED, None, ox.DefaultGraph())
            if isinstance(q.subject, ox.NamedNode)
        }

    def query(
        self, sparql: str, *, substitutions: Mapping[str, Term] | None = None
    ) -> ox.QuerySolutions | ox.QueryBoolean | Iterable[ox.Triple]:
        """Run a SPARQL query on Oxigraph; the default graph is the union of all graphs.

        Raises :class:`QuerySyntaxError` (with line and column) for a query that does not parse
        and :class:`QueryRefusedError` for an update.
        """
        subs = {ox.Variable(k): v for k, v in (substitutions or {}).items()}
        try:
            return self._store.query(
                sparql,
                **visible_dataset(self._store),
                prefixes=PREFIXES,
                substitutions=subs or None,
            )
        except SyntaxError as error:
            raise query_syntax_error(str(error)) from None

    def rows(self, sparql: str, **bindings: Term) -> tuple[list[str], list[tuple[str | None, ...]]]:
        """The variables of a SELECT query and its rows: each term's lexical value (an IRI's
        text, a literal's text without language or datatype), None where unbound.

        ``bindings`` fix variables to terms (SPARQL substitution, never string pasting); a fixed
        variable must be in the SELECT clause. The rows cross from Oxigraph as one TSV document
        (:mod:`helixgraph.store.tsv_rows`), several times faster than term by term for the
        views' hundred-thousand-row queries.
        """
        solutions = self.query(sparql, substitutions=bindings)
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryRefusedError("select() takes a SELECT query")
        try:
            serialised = solutions.serialize(format=ox.QueryResultsFormat.TSV)
        except SyntaxError as error:  # a remote store's answer, read as it arrives
            message = f"{self.path}: the store answered what is not SPARQL results: {error}"
        else:
            return parse_tsv(serialised or b"")
        del solutions  # dropped on the thread that made it (pyoxigraph's results are unsendable)
        raise StoreError(message)

    def select(self, sparql: str, **bindings: Term) -> list[dict[str, str]]:
        """Rows of a SELECT query as dicts of bound variables to lexical values (IRI, text)."""
        names, rows = self.rows(sparql, **bindings)
        return [
            {name: value for name, value in zip(names, row, strict=True) if value is not None}
            for row in rows
        ]

    def ask(self, sparql: str, **bindings: Term) -> bool:
        """The answer of an ASK query."""
        return bool(self.query(sparql, substitutions=bindings))

    def dump_nquads(self) -> bytes:
        """Every quad of the store as N-Quads (to copy a store in memory into another process)."""
        return self._store.dump(format=ox.RdfFormat.N_QUADS) or b""

    def __len__(self) -> int:
        """The number of quads in the store."""
        return len(self._store)

    def graph_names(self) -> list[str]:
        """The IRIs of the named graphs, sorted."""
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def own_graph_names(self) -> list[str]:
        """The named graphs helixgraph made (under ``graph/``): a remote store may hold others."""
        return [name for name in self.graph_names() if name.startswith(GRAPH_BASE)]

    def graphs(self, *, sizes: bool = True, pending: bool = False) -> list[GraphInfo]:
        """Every named graph with its provenance, sorted by name, and its size unless
        ``sizes=False`` (counting reads every quad: seconds on a store of millions). Graphs
        marked pending (half-written, or being retired) are left out unless ``pending``."""
        names = self.graph_names()
        if not pending:
            marked = {q.graph_name for q in self._store.quads_for_pattern(None, PENDING_MARK, None)}
            names = [name for name in names if ox.NamedNode(name) not in marked]
        facts: dict[str, dict[str, str]] = {name: {} for name in names}
        for row in self.select(
            "SELECT ?g ?p ?o WHERE { GRAPH ?g { ?g ?p ?o } "
            "FILTER(STRSTARTS(STR(?p), STR(hx:)) || ?p = prov:generatedAtTime) }"
        ):
            if row["g"] in facts:
                facts[row["g"]][row["p"].rsplit("#", 1)[-1]] = row["o"]
        counts: dict[str, int] = {}
        if sizes:
            query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
            counts = {row["g"]: int(row["n"]) for row in self.select(query)}
        return [
            GraphInfo(
                graph=graph,
                triples=counts.get(graph, 0),
                # graphs loaded before provenance named the source are their own source
                source_graph=known.get("sourceGraph") or (graph if "sha256" in known else None),
                source_file=known.get("sourceFile"),
                sha256=known.get("sha256"),
                loaded=known.get("generatedAtTime"),
                importer=known.get("importer"),
                rows={
                    key: int(value)
                    for key, value in known.items()
                    if key in ("rowsRead", "rowsWritten", "rowsRejected")
                },
            )
            for graph, known in sorted(facts.items())
        ]

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """Every quad, or those of one named graph."""
        return self._store.quads_for_pattern(
            None, None, None, ox.NamedNode(graph) if graph else None
        )


def visible_dataset(store: ox.Store | RemoteStore) -> dict[str, Any]:
    """The dataset options of a query that reads what the store holds: the union of every
    named graph, or, while a write is under way or after one was interrupted, of every graph but
    those marked pending (half-written, or being retired)."""
    marked = {q.graph_name for q in store.quads_for_pattern(None, PENDING_MARK, None)}
    if not marked:
        return {"use_default_graph_as_union": True}
    visible = [g for g in store.named_graphs() if g not in marked]
    return {"default_graph": visible, "named_graphs": visible}


def query_syntax_error(message: str) -> QuerySyntaxError:
    """Turn Oxigraph's "error at L:C: reason" into a QuerySyntaxError that points at the spot."""
    match = re.match(r"error at (\d+):(\d+): (.*)", message, re.DOTALL)
    if not match:
        return QuerySyntaxError(message)
    line, column, reason = int(match[1]), int(match[2]), match[3]
    return QuerySyntaxError(f"line {line}, column {column}: {reason}", line, column)
