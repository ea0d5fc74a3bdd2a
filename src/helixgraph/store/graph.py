"""The knowledge graph: one named graph per source, in an embedded Oxigraph store on disk or in a
remote SPARQL store (:mod:`helixgraph.store.remote`).

A new store is initialised with the ontology and the default ecosystem shipped in ``data/``
(unless made empty); when a newer helixgraph ships changed files, their graphs are replaced on
the next open. A shipped graph the store was made without, or that was dropped, stays away
until its file is loaded again. Queries run on Oxigraph's own engine, with the union of the
named graphs as the default graph.

Writes are all-or-nothing. Every source is parsed and validated before anything is written, then:

1. each source gets a named graph of its own, marked pending (one small transaction): the
   source's own name (``graph/NAME``), or ``graph/NAME/vN`` while the old ``graph/NAME`` holds
   what is being replaced;
2. the data goes in (Oxigraph's bulk loader for big imports, a transaction for small files);
3. one transaction removes the pending marks, writes the provenance and marks the graphs being
   replaced: this is the commit; readers switch from old to new at this instant;
4. the graphs the sources had before are removed;
5. a version ``NAME/vN`` is copied under the source's own name the same way (pending, copy, one
   committing transaction) and removed, so a source keeps its name across re-imports;
6. after a bulk load, the embedded store is compacted (:meth:`KnowledgeGraph.compact`).

Readers never see a marked graph (:meth:`KnowledgeGraph.visible_graphs`). A crash leaves marked
graphs without provenance, which the next writable open removes, or two committed versions of
a source, of which it keeps the newer (the source's own name on a tie) and finishes step 5.
Either way the store holds exactly what it held before the write, or everything it brought.
"""

from __future__ import annotations

import gc
import hashlib
import io
import json
import logging
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

import pyoxigraph as ox

from helixgraph import __version__
from helixgraph.errors import (
    InputError,
    QueryRefusedError,
    QuerySyntaxError,
    StoreError,
    ValidationError,
)
from helixgraph.rdf import resources
from helixgraph.rdf.namespaces import GRAPH_BASE, PREFIXES, PROV, RDF, XSD
from helixgraph.rdf.parsing import gunzip, rdf_format, read_rdf_bytes, read_triples
from helixgraph.rdf.vocab import HX
from helixgraph.settings import default_data_wanted, store_location
from helixgraph.store.leftovers import tidy, writing_here
from helixgraph.store.names import (
    ONTOLOGY_GRAPH,
    check_source_name,
    default_graphs,
)
from helixgraph.store.remote import RemoteEndpoint, RemoteStore

#: While this is on a graph, the graph is being written or retired: readers do not see it.
PENDING = HX.pendingImport
_PENDING = ox.NamedNode(PENDING)
#: What makes the next writable open delete a graph: "graph A is pending", "graph A is a version
#: of source B". Only the store writes these; data and updates that state them are refused.
#: IRI -> why.
BOOKKEEPING = {
    iri: "is the store's own bookkeeping of its graphs; data and updates may not state it"
    for iri in (PENDING, HX.sourceGraph, HX.declinedDefault)
}
#: "This store was made without, or dropped, the shipped graph G": ``G hx:declinedDefault true``
#: in the store's own default graph, which queries never read (they read the named graphs).
_DECLINED = ox.NamedNode(HX.declinedDefault)
_TRUE = ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean"))
#: The rest of the provenance the store writes about its graphs: refused in data about a graph
#: name (other things, a source document say, may well have a checksum).
_GRAPH_PROVENANCE = {
    HX.term(name)
    for name in ("sourceFile", "sha256", "importer", "tripleCount", "rowsRead", "rowsWritten")
} | {HX.rowsRejected, PROV + "generatedAtTime", PROV + "wasRevisionOf"}

T = TypeVar("T")

#: Any RDF term pyoxigraph hands out.
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

RDF_TYPE = ox.NamedNode(RDF + "type")


@dataclass(frozen=True)
class LoadedGraph:
    """What a write put in the store: one named graph per source."""

    graph: str
    source: str
    triples: int
    replaced: bool


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


@dataclass
class GraphWrite:
    """One source to write into a graph of its own, with its provenance.

    Give the data either as ``triples`` (written in a transaction) or as ``ntriples``, a function
    returning N-Triples lines as bytes (streamed through Oxigraph's bulk loader: for big imports).
    """

    source_graph: str
    file_name: str
    sha256: str
    triples: Sequence[ox.Triple] = ()
    ntriples: Callable[[], Iterator[bytes]] | None = None
    importer: str = f"helixgraph {__version__}"
    rows: dict[str, int] = field(default_factory=dict)


class KnowledgeGraph:
    """The ecosystem's RDF knowledge graph, backed by pyoxigraph.

    Open one with :meth:`open` (on disk) or :meth:`in_memory`; use it as a context manager so the
    store is flushed and released.

    >>> kg = KnowledgeGraph.in_memory()
    >>> kg.ask("ASK { <https://w3id.org/helixgraph/id/actor/mediklaszter> ?p ?o }")
    True
    """

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

    #: How many scopes (years windows, explorer choices) keep their views and reports at once;
    #: each costs up to a hundred megabytes on the Hungarian ecosystem.
    SCOPES_KEPT = 4

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
        generation = self.generation
        value = build()
        with self._keeping:
            if self.generation == generation:
                self._keep(key, value, scope)
        return value

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

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path | str | RemoteEndpoint | None = None,
        *,
        read_only: bool = False,
        initialise: bool = True,
        default_data: bool | None = None,
    ) -> KnowledgeGraph:
        """Open (creating and initialising if needed) the store at ``path``.

        With ``read_only=True`` an existing store is opened without taking its write lock, so a
        running ``helixgraph serve`` does not block queries from the command line.
        ``default_data``: whether the shipped ecosystem is loaded where missing (default: unless
        ``HELIX_DEFAULT_DATA=none``).
        """
        if default_data is None:
            default_data = default_data_wanted()
        location = store_location(path)
        if isinstance(location, RemoteEndpoint):
            return cls.open_remote(
                location, read_only=read_only, initialise=initialise, default_data=default_data
            )
        exists = location.is_dir() and any(location.iterdir())
        if location.exists() and not location.is_dir():
            raise StoreError(f"{location}: not a directory; --store takes a store directory")
        if read_only and exists:
            tidy(location, locked=False)
            return cls(open_read_only(location), path=location, read_only=True)
        try:
            location.mkdir(parents=True, exist_ok=True)
            store = ox.Store(str(location))
        except OSError as error:
            if "lock" in str(error).lower():
                raise StoreError(
                    f"{location}: the store is in use by another process (a running "
                    "`helixgraph serve`?); stop it first, or pass another --store"
                ) from None
            raise StoreError(f"{location}: cannot open the store: {error}") from None
        tidy(location, locked=True)
        writing_here.add(location.resolve())
        kg = cls(store, path=location)
        if initialise:
            kg.initialise(default_data=default_data)
        return kg

    @classmethod
    def open_remote(
        cls,
        endpoint: RemoteEndpoint,
        *,
        read_only: bool = False,
        initialise: bool = True,
        default_data: bool = True,
    ) -> KnowledgeGraph:
        """Open the store behind ``endpoint`` (see :mod:`helixgraph.store.remote`); a store that
        does not answer is a :class:`StoreError` naming its URL. Initialised like a folder."""
        remote = RemoteStore(endpoint)
        remote.check()
        kg = cls(remote, path=endpoint, read_only=read_only)
        if initialise and not read_only:
            kg.initialise(default_data=default_data)
        return kg

    @classmethod
    def in_memory(cls, *, initialise: bool = True, default_data: bool = True) -> KnowledgeGraph:
        """A store in memory (for tests and scripts), initialised like a new one on disk."""
        kg = cls(ox.Store())
        if initialise:
            kg.initialise(default_data=default_data)
        return kg

    def close(self) -> None:
        """Flush and release the store; the object is unusable afterwards (closing it again
        does nothing)."""
        if not hasattr(self, "_store"):
            return
        if self._write_locked:
            self._store.flush()
            if isinstance(self.path, Path):
                writing_here.discard(self.path.resolve())
        if isinstance(self._store, RemoteStore):
            self._store.close()
        del self._store

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def initialise(self, *, default_data: bool = True) -> list[LoadedGraph]:
        """Recover from an interrupted write, then load the ontology and (unless
        ``default_data=False``) the default ecosystem, where missing or outdated.

        Shipped files are trusted (the test suite validates them): they are not validated here.
        """
        if not self.read_only:
            self._recover()
        shipped: list[tuple[Traversable, str]] = [(resources.ontology(), ONTOLOGY_GRAPH)]
        if default_data:
            declined = self.declined_defaults()
            shipped += [
                (item, graph) for item, graph in default_graphs().items() if graph not in declined
            ]
        recorded = {
            info.source_graph: info.sha256 for info in self.graphs(sizes=False, pending=True)
        }
        writes = []
        for item, graph in shipped:
            data = item.read_bytes()
            checksum = hashlib.sha256(data).hexdigest()
            if recorded.get(graph) != checksum:
                path = Path(item.name)
                triples = read_triples(gunzip(path, data), source=path)
                writes.append(GraphWrite(graph, item.name, checksum, triples))
        return self.write(writes) if writes else []

    def declined_defaults(self) -> set[str]:
        """The shipped graphs this store was made without or had dropped: not loaded again."""
        return {
            q.subject.value
            for q in self._store.quads_for_pattern(None, _DECLINED, None, ox.DefaultGraph())
            if isinstance(q.subject, ox.NamedNode)
        }

    def decline_defaults(self, graphs: Iterable[str] | None = None) -> None:
        """Keep the shipped graphs (all of them by default) out of this store from now on:
        those present are dropped, and none is loaded again on the next open."""
        self._check_writable()
        names = set(default_graphs().values()) if graphs is None else set(graphs)
        for name in sorted(names):
            self.drop(name)
        self._store.extend(map(_declined, names))
        self._changed()

    # -- reading ---------------------------------------------------------------------------

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

    def update(
        self, sparql: str, *, base_iri: str | None = None, deadline: float | None = None
    ) -> None:
        """Apply a SPARQL 1.1 update, all of it or nothing (Oxigraph runs it in one transaction).

        Refused (:func:`helixgraph.sparql.guard.check_update`): LOAD, SERVICE, and the predicates of
        the store's bookkeeping (:data:`BOOKKEEPING`). Raises :class:`QuerySyntaxError` with
        line and column for one that does not parse; the store is then unchanged.

        With a ``deadline`` (seconds), a store on disk is updated by a writer process that is
        stopped past it (:mod:`helixgraph.store.writer`): :class:`QueryTimeoutError`, nothing
        written. A store in memory or a remote one applies the update here.
        """
        from helixgraph.sparql.guard import check_update

        location = self.path if isinstance(self.path, Path) else None
        self._check_writable(take_lock=deadline is None or location is None)
        # what runs is what was checked, confined: it cannot write the store's bookkeeping
        sparql = check_update(
            sparql, reserved=BOOKKEEPING, about_graphs=_GRAPH_PROVENANCE, graph_base=GRAPH_BASE
        )
        try:
            if deadline is not None and location is not None:
                self._update_in_writer(sparql, base_iri, deadline, location)
            else:
                self._store.update(sparql, base_iri=base_iri, prefixes=PREFIXES)
        except SyntaxError as error:
            raise query_syntax_error(str(error)) from None
        self._changed()

    def _update_in_writer(
        self, sparql: str, base_iri: str | None, deadline: float, location: Path
    ) -> None:
        from helixgraph.store.writer import update_in_writer

        if self._write_locked:  # let go of the lock, keep reading meanwhile
            self._store.flush()
            self._store = open_read_only(location)
            self._write_locked = False
            writing_here.discard(location.resolve())
            gc.collect()  # the writable store closes when its last reference goes
        try:
            update_in_writer(
                location, sparql, base_iri=base_iri, prefixes=PREFIXES, deadline=deadline
            )
        finally:
            self._store = open_read_only(location)  # the store as the writer left it

    def bindings(self, sparql: str, **bindings: Term) -> list[dict[str, dict[str, str]]]:
        """Rows of a SELECT query in the SPARQL JSON results shape: each bound variable maps to
        ``{"type", "value"}`` and ``"xml:lang"`` or ``"datatype"`` where the term has one.

        ``bindings`` fix variables to terms (SPARQL substitution, never string pasting); a fixed
        variable must be in the SELECT clause. The rows cross from Oxigraph as one JSON document,
        several times faster than term by term for the views' hundred-thousand-row queries.
        """
        solutions = self.query(sparql, substitutions=bindings)
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryRefusedError("select() takes a SELECT query")
        try:
            serialised = solutions.serialize(format=ox.QueryResultsFormat.JSON)
        except SyntaxError as error:  # a remote store's answer, read as it arrives
            message = f"{self.path}: the store answered what is not SPARQL results: {error}"
        else:
            document = json.loads(serialised or b"{}")
            rows: list[dict[str, dict[str, str]]] = document["results"]["bindings"]
            return rows
        del solutions  # dropped on the thread that made it (pyoxigraph's results are unsendable)
        raise StoreError(message)

    def select(self, sparql: str, **bindings: Term) -> list[dict[str, str]]:
        """Rows of a SELECT query as dicts of bound variables to lexical values (IRI, text)."""
        return [
            {name: term["value"] for name, term in row.items()}
            for row in self.bindings(sparql, **bindings)
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
            marked = {q.graph_name for q in self._store.quads_for_pattern(None, _PENDING, None)}
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

    # -- writing ---------------------------------------------------------------------------

    def load(self, paths: Sequence[Path | str], *, validate: bool = True) -> list[LoadedGraph]:
        """Load RDF files, each into its own named graph (replacing an earlier load of it).

        All or nothing: every file is parsed and validated against the shapes before anything is
        written; an :class:`~helixgraph.errors.InputError` leaves the store exactly as it was.
        """
        return self.write(self.check_files(paths, validate=validate))

    def check_files(
        self, paths: Sequence[Path | str], *, validate: bool = True
    ) -> list[GraphWrite]:
        """Parse RDF files and check them against the shapes (with what the store knows of what
        they point at), each prepared as the write of its own graph; nothing is written."""
        writes = []
        for raw in paths:
            path = Path(raw)
            rdf_format(path)  # an unsupported extension fails before the file is read
            data = read_rdf_bytes(path)
            graph = check_source_name(path, data)  # before the work of reading it
            triples = read_triples(gunzip(path, data), source=path)
            refuse_bookkeeping(str(path), triples)
            if validate:
                self.validate(str(path), triples)
            digest = hashlib.sha256(data).hexdigest()
            writes.append(GraphWrite(graph, path.name, digest, triples))
        return writes

    def validate(self, source: str, triples: Sequence[ox.Triple]) -> None:
        """Check triples against the shapes, with what the store knows of what they point at.

        Raises :class:`~helixgraph.errors.ValidationError` listing every violation.
        """
        from helixgraph.rdf.validation import shacl_violations

        violations = shacl_violations(triples, context=self._types_of_objects(triples))
        if violations:
            raise ValidationError(source, violations)

    def write(
        self,
        writes: Sequence[GraphWrite],
        *,
        progress: Callable[[int], None] | None = None,
        compacting: Callable[[], None] | None = None,
    ) -> list[LoadedGraph]:
        """Write sources into fresh named graphs and retire the graphs they replace.

        All or nothing, and safe against a crash at any point (see the module docstring).
        ``progress`` is called with the number of N-Triples lines bulk-loaded so far,
        ``compacting`` when the data is in and the store is being compacted after a bulk load.
        """
        self._check_writable()
        taken = set(self.graph_names())
        before = {
            info.source_graph: info.graph
            for info in self.graphs(sizes=False, pending=True)
            if info.source_graph
        }
        targets = []
        for item in writes:
            target = _free_name(item.source_graph, taken)
            taken.add(target)
            targets.append(target)
        now = ox.Literal(datetime.now(UTC).isoformat(), datatype=ox.NamedNode(XSD + "dateTime"))
        provenance: list[ox.Quad] = []
        loaded = []
        replaced = [before[item.source_graph] for item in writes if item.source_graph in before]
        try:
            self._store.extend(_pending_mark(target) for target in targets)
            for item, target in zip(writes, targets, strict=True):
                graph = ox.NamedNode(target)
                count = len(item.triples)
                if item.triples:
                    self._store.extend(
                        ox.Quad(t.subject, t.predicate, t.object, graph) for t in item.triples
                    )
                if item.ntriples is not None:
                    stream = _LineStream(item.ntriples(), progress)
                    self._store.bulk_load(
                        io.BufferedReader(stream, buffer_size=1 << 20),
                        format=ox.RdfFormat.N_TRIPLES,
                        to_graph=graph,
                    )
                    count += stream.lines
                if isinstance(self._store, RemoteStore):
                    self._check_size(target, item, count)
                provenance += _provenance(target, item, count, now)
                is_replacing = item.source_graph in before
                loaded.append(LoadedGraph(item.source_graph, item.file_name, count, is_replacing))
            self._commit(targets, provenance, retiring=replaced)
        except BaseException as error:
            # nothing was committed: take the half-written graphs out again (were this process
            # killed, or the remote store gone, the next writable open would)
            try:
                for target in targets:
                    self._store.remove_graph(ox.NamedNode(target))
            except (OSError, StoreError):
                raise StoreError(
                    f"{error}; nothing was committed: what was half-written stays marked "
                    "pending, which readers ignore and the next write to the store removes"
                ) from None
            if isinstance(error, OSError):
                raise StoreError(f"{self.path or 'store'}: write failed: {error}") from None
            raise
        try:
            for old in replaced:
                self._store.remove_graph(ox.NamedNode(old))
            for item, target in zip(writes, targets, strict=True):
                if target != item.source_graph:
                    self._settle(target, item.source_graph)
        except OSError as error:
            raise StoreError(
                f"{self.path or 'store'}: the new data is in, but retiring the graph it replaces "
                f"failed ({error}); the next open finishes it"
            ) from None
        for item in writes:  # a shipped file loaded again is back for good
            self._store.remove(_declined(item.source_graph))
        if any(item.ntriples is not None for item in writes):
            if compacting is not None:
                compacting()
            self.compact()
        self._changed()
        return loaded

    def compact(self) -> None:
        """Merge the files Oxigraph's bulk loader added into the store's own levels.

        Each bulk load adds sorted files that every later read has to look into: on the
        16 M-triple synthetic ecosystem of ``python -m bench remote`` the views' scans took 305 s
        before compaction and 87 s after. Compacting costs about a fifth of the import and takes
        more disk (Oxigraph keeps the compacted levels uncompressed). A remote store compacts
        itself, or its administrator does (``oxigraph optimize``).
        """
        if isinstance(self._store, ox.Store) and isinstance(self.path, Path):
            try:
                self._store.optimize()
            except OSError as error:  # the data is in and readable: only slower to read
                logging.getLogger("helixgraph").warning(
                    "%s: compacting the store failed (%s)", self.path, error
                )

    def _check_size(self, target: str, item: GraphWrite, sent: int) -> None:
        """A remote store must hold every triple sent before the write commits (the sizes
        differ only by the duplicates in a file's own triples)."""
        assert isinstance(self._store, RemoteStore)
        held = self._store.graph_size(ox.NamedNode(target)) - 1  # less its pending mark
        expected = len(set(item.triples)) + (sent - len(item.triples))
        if held != expected:
            raise StoreError(
                f"{self.path}: the store holds {held:,} of the {expected:,} triples sent for "
                f"{item.file_name}; nothing was committed"
            )

    def drop(self, graph: str) -> list[str]:
        """Remove a source (every graph holding it) or one named graph; the graphs removed."""
        self._check_writable()
        gone = [
            info.graph
            for info in self.graphs(sizes=False, pending=True)
            if graph in (info.graph, info.source_graph)
        ]
        for name in gone:
            self._store.remove_graph(ox.NamedNode(name))
        shipped = set(default_graphs().values()) & {graph, *gone}
        # a dropped default graph stays dropped: the next open must not reload it
        self._store.extend(map(_declined, shipped))
        if gone:
            self._changed()
        return gone

    def _commit(
        self, targets: list[str], provenance: list[ox.Quad], *, retiring: Sequence[str] = ()
    ) -> None:
        """One transaction: the targets' pending marks go and their provenance comes; the graphs
        they replace are marked, so readers switch from old to new at once."""
        marks = " ".join(_as_data(_pending_mark(t)) for t in targets)
        facts = " ".join(_as_data(q) for q in [*provenance, *map(_pending_mark, retiring)])
        self._store.update(f"DELETE DATA {{ {marks} }} ; INSERT DATA {{ {facts} }}")

    def _settle(self, version: str, source_graph: str) -> None:
        """Copy a committed version (``NAME/vN``) under its source's own name, which is free,
        and remove it: written pending and committed like any write, so a crash on the way
        loses nothing (:meth:`_recover` starts the copy again)."""
        own, temporary = ox.NamedNode(source_graph), ox.NamedNode(version)
        self._store.extend([_pending_mark(source_graph)])
        provenance = [
            ox.Quad(own, q.predicate, q.object, own)
            for q in self._store.quads_for_pattern(temporary, None, None, temporary)
        ]
        self._store.bulk_extend(
            ox.Quad(q.subject, q.predicate, q.object, own)
            for q in self._store.quads_for_pattern(None, None, None, temporary)
            if q.subject != temporary
        )
        self._commit([source_graph], provenance, retiring=[version])
        self._store.remove_graph(temporary)

    def _recover(self) -> None:
        """Remove what an interrupted write left: pending graphs, and superseded versions.

        Only marks this store could have written count: a graph is pending only while it has
        no provenance, and a graph supersedes another only when its name is the source's own
        or a version of it (``source/vN``) and it states one source and one time.
        """
        committed = {info.graph for info in self.graphs(sizes=False, pending=True) if info.sha256}
        marked = {
            q.graph_name.value
            for q in self._store.quads_for_pattern(None, _PENDING, None)
            if isinstance(q.graph_name, ox.NamedNode)
        }
        removed = marked - committed
        for graph in removed:
            self._store.remove_graph(ox.NamedNode(graph))
        ambiguous = {
            row["g"]
            for row in self.select(
                "SELECT ?g WHERE { GRAPH ?g { ?g ?p ?o } "
                "VALUES ?p { hx:sourceGraph prov:generatedAtTime } } "
                "GROUP BY ?g ?p HAVING (COUNT(?o) > 1)"
            )
        }
        newest: dict[str, GraphInfo] = {}
        # oldest first; on a tie (a copy of step 5 and its original) the source's own name wins
        for info in sorted(
            self.graphs(sizes=False, pending=True),
            key=lambda i: (i.loaded or "", i.graph == i.source_graph),
        ):
            source = info.source_graph
            if source is None or info.graph in ambiguous or not _is_version_of(info.graph, source):
                continue
            if (older := newest.get(source)) is not None:
                self._store.remove_graph(ox.NamedNode(older.graph))
            newest[source] = info
        for source, info in newest.items():
            if info.graph in marked:  # the survivor was being retired: it is the store's now
                self._store.remove(_pending_mark(info.graph))
            if info.graph != source:
                self._settle(info.graph, source)
        if removed and not isinstance(self._store, RemoteStore):
            # what a half-written graph took is tombstones now: an H2020 re-import killed after
            # its bulk load (779 MB) recovered to 2,661 MB without a compaction, 1,826 MB with
            self.compact()

    def _types_of_objects(self, triples: Iterable[ox.Triple]) -> list[ox.Triple]:
        """rdf:type triples the store holds for IRIs the new data points at (for sh:class)."""
        targets = {t.object for t in triples if isinstance(t.object, ox.NamedNode)}
        found = []
        batch = sorted(targets, key=lambda n: n.value)
        for start in range(0, len(batch), 500):
            values = " ".join(str(n) for n in batch[start : start + 500])
            query = f"SELECT ?s ?t WHERE {{ VALUES ?s {{ {values} }} ?s a ?t FILTER(isIRI(?t)) }}"
            for row in self.select(query):
                found.append(ox.Triple(ox.NamedNode(row["s"]), RDF_TYPE, ox.NamedNode(row["t"])))
        return found

    def _check_writable(self, *, take_lock: bool = True) -> None:
        """Refuse a write to a store opened read-only; take the write lock again where a writer
        process had it (:meth:`update` with a deadline)."""
        if self.read_only:
            raise StoreError(f"{self.path}: the store is open read-only; nothing was written")
        if take_lock and not self._write_locked and isinstance(self.path, Path):
            self._store = open_writable(self.path)
            self._write_locked = True
            writing_here.add(self.path.resolve())

    def _changed(self) -> None:
        # Flushed at once, so readers that open the store read-only (the CLI while a server runs)
        # see every write.
        if self._write_locked:
            self._store.flush()
        self.forget()


def _declined(graph: str) -> ox.Quad:
    """The mark of a shipped graph kept out of the store (in its own default graph)."""
    return ox.Quad(ox.NamedNode(graph), _DECLINED, _TRUE, ox.DefaultGraph())


def open_writable(location: Path, attempts: int = 50) -> ox.Store:
    """Take a store's write lock, waiting up to ``attempts`` tenths of a second for the process
    or object that had it to let go (a writer process exiting, a reader dropping the store)."""
    for attempt in range(attempts):
        try:
            return ox.Store(str(location))
        except OSError as error:
            if attempt == attempts - 1:
                message = f"{location}: cannot take the store's write lock: {error}"
                raise StoreError(message) from None
            time.sleep(0.1)
    raise AssertionError("unreachable")


def open_read_only(location: Path, attempts: int = 5) -> ox.Store:
    """Open a store read-only, beside a process that may hold it for writing.

    RocksDB lets a reader in while a writer runs, but a background compaction can delete a file
    the reader was about to open; that race is transient, so a few tries get through it.
    """
    for attempt in range(attempts):
        try:
            return ox.Store.read_only(str(location))
        except (OSError, RuntimeError) as error:
            if attempt == attempts - 1:
                raise StoreError(f"{location}: cannot open the store read-only: {error}") from None
            time.sleep(0.2 * (attempt + 1))
    raise AssertionError("unreachable")


def _pending_mark(target: str) -> ox.Quad:
    graph = ox.NamedNode(target)
    return ox.Quad(graph, _PENDING, ox.Literal("true"), graph)


def visible_dataset(store: ox.Store | RemoteStore) -> dict[str, Any]:
    """The dataset options of a query that reads what the store holds: the union of every
    named graph, or, while a write is under way or after one was interrupted, of every graph but
    those marked pending (half-written, or being retired)."""
    marked = {q.graph_name for q in store.quads_for_pattern(None, _PENDING, None)}
    if not marked:
        return {"use_default_graph_as_union": True}
    visible = [g for g in store.named_graphs() if g not in marked]
    return {"default_graph": visible, "named_graphs": visible}


def _as_data(quad: ox.Quad) -> str:
    """A quad in SPARQL ``DATA`` syntax (terms print as N-Triples)."""
    return f"GRAPH {quad.graph_name} {{ {quad.subject} {quad.predicate} {quad.object} }}"


def _provenance(target: str, item: GraphWrite, count: int, now: ox.Literal) -> list[ox.Quad]:
    graph = ox.NamedNode(target)

    def integer(value: int) -> ox.Literal:
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))

    facts: list[tuple[str, ox.NamedNode | ox.Literal]] = [
        (RDF + "type", ox.NamedNode(PROV + "Entity")),
        (HX.sourceGraph, ox.NamedNode(item.source_graph)),
        (HX.sourceFile, ox.Literal(item.file_name)),
        (HX.sha256, ox.Literal(item.sha256)),
        (HX.importer, ox.Literal(item.importer)),
        (PROV + "generatedAtTime", now),
        (HX.tripleCount, integer(count)),
    ]
    facts += [(HX.term(name), integer(value)) for name, value in item.rows.items()]
    return [ox.Quad(graph, ox.NamedNode(p), o, graph) for p, o in facts]


def _is_version_of(graph: str, source_graph: str) -> bool:
    """Whether ``graph`` is a name :func:`_free_name` gives versions of ``source_graph``.

    >>> _is_version_of("https://w3id.org/helixgraph/graph/x/v2", "https://w3id.org/helixgraph/graph/x")
    True
    >>> _is_version_of("https://w3id.org/helixgraph/graph/notes", "https://w3id.org/helixgraph/graph/x")
    False
    """
    return (
        graph == source_graph
        or re.fullmatch(re.escape(source_graph) + r"/v[0-9]+", graph) is not None
    )


def refuse_bookkeeping(source: str, triples: Iterable[ox.Triple]) -> None:
    """Raise :class:`~helixgraph.errors.InputError` when data states the store's bookkeeping
    (:data:`BOOKKEEPING`), naming each such statement."""
    found = [
        t
        for t in triples
        if t.predicate.value in BOOKKEEPING
        or (t.predicate.value in _GRAPH_PROVENANCE and str(t.subject).startswith(f"<{GRAPH_BASE}"))
    ]
    if found:
        listed = "\n".join(f"  {t.subject} {t.predicate} {t.object}" for t in found[:10])
        more = f"\n  … and {len(found) - 10} more" if len(found) > 10 else ""
        raise InputError(
            f"{source}: {len(found)} statement(s) of the store's own bookkeeping of its graphs "
            f"(which graph is pending, what a graph replaces, when it was loaded); data may not "
            f"make them, nothing was written:\n{listed}{more}"
        )


def _free_name(source_graph: str, taken: set[str]) -> str:
    """The source's own IRI if free, else the first free ``IRI/vN``: a re-import never writes
    into the graph it replaces, so the old one stays whole until the new one is committed
    (after which the version is copied under the source's own name, see :meth:`_settle`).

    >>> _free_name("https://w3id.org/helixgraph/graph/x", {"https://w3id.org/helixgraph/graph/x"})
    'https://w3id.org/helixgraph/graph/x/v2'
    """
    candidate, version = source_graph, 1
    while candidate in taken:
        version += 1
        candidate = f"{source_graph}/v{version}"
    return candidate


class _LineStream(io.RawIOBase):
    """A byte stream over an iterator of N-Triples lines, for the bulk loader; counts lines."""

    def __init__(self, lines: Iterator[bytes], progress: Callable[[int], None] | None):
        self._lines = lines
        self._buffer = bytearray()
        self._progress = progress
        self.lines = 0

    def readable(self) -> bool:
        return True

    def readinto(self, target: Any) -> int:
        wanted = len(target)
        while len(self._buffer) < wanted:
            line = next(self._lines, None)
            if line is None:
                break
            self._buffer += line
            self.lines += 1
        size = min(wanted, len(self._buffer))
        target[:size] = self._buffer[:size]
        del self._buffer[:size]
        if self._progress is not None:
            self._progress(self.lines)
        return size


def query_syntax_error(message: str) -> QuerySyntaxError:
    """Turn Oxigraph's "error at L:C: reason" into a QuerySyntaxError that points at the spot."""
    match = re.match(r"error at (\d+):(\d+): (.*)", message, re.DOTALL)
    if not match:
        return QuerySyntaxError(message)
    line, column, reason = int(match[1]), int(match[2]), match[3]
    return QuerySyntaxError(f"line {line}, column {column}: {reason}", line, column)
