"""The knowledge graph: an embedded Oxigraph store on disk, one named graph per source.

A new store is initialised with the ontology and the default ecosystem shipped in ``data/``;
when a newer helixgraph ships changed files, their graphs are replaced on the next open. Queries
run on Oxigraph's own engine, with the union of all named graphs as the default graph.

Writes are all-or-nothing: :meth:`KnowledgeGraph.load` parses and validates every file first,
writes the triples into staging graphs in one transaction, then moves them into place in a
second one. A crash in between leaves only staging graphs, which the next open removes.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from helixgraph import resources
from helixgraph.errors import (
    QueryRefusedError,
    QuerySyntaxError,
    RDFSyntaxError,
    StoreError,
    ValidationError,
)
from helixgraph.importers.rdf import rdf_format, read_triples

BASE = "https://w3id.org/helixgraph/"
GRAPH_BASE = BASE + "graph/"
ID_BASE = BASE + "id/"
ONTOLOGY_GRAPH = GRAPH_BASE + "ontology"
STAGING_MARK = "#staging-"

#: Any RDF term pyoxigraph hands out.
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"
HX = "https://w3id.org/helixgraph/ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"

PREFIXES = {
    "hx": HX,
    "org": "http://www.w3.org/ns/org#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "https://schema.org/",
    "prov": PROV,
    "dcterms": DCTERMS,
    "foaf": "http://xmlns.com/foaf/0.1/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": XSD,
    "time": "http://www.w3.org/2006/time#",
}


def default_store_path() -> Path:
    """``$HELIX_STORE`` if set, else ``store`` in the per-user data directory."""
    if env := os.environ.get("HELIX_STORE"):
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("helixgraph")) / "store"


def graph_iri_for(path: Path | str) -> str:
    """The named graph a file is loaded into: one per file name, so re-loading replaces it.

    >>> graph_iri_for("data/seed-ecosystem.ttl")
    'https://w3id.org/helixgraph/graph/seed-ecosystem'
    """
    return GRAPH_BASE + Path(path).stem


@dataclass(frozen=True)
class LoadedGraph:
    """What :meth:`KnowledgeGraph.load` wrote: one named graph per file."""

    graph: str
    source: str
    triples: int
    replaced: bool


@dataclass(frozen=True)
class GraphInfo:
    """A named graph in the store and its provenance."""

    graph: str
    triples: int
    source_file: str | None
    sha256: str | None
    loaded: str | None


class KnowledgeGraph:
    """The ecosystem's RDF knowledge graph, backed by pyoxigraph.

    Open one with :meth:`open` (on disk) or :meth:`in_memory`; use it as a context manager so the
    store is flushed and released.

    >>> kg = KnowledgeGraph.in_memory()
    >>> kg.ask("ASK { <https://w3id.org/helixgraph/id/actor/mediklaszter> ?p ?o }")
    True
    """

    def __init__(self, store: ox.Store, *, path: Path | None = None, read_only: bool = False):
        self._store = store
        self.path = path
        self.read_only = read_only
        #: Increases on every write, so derived views know when to recompute.
        self.generation = 0
        self.cache: dict[Any, Any] = {}

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path | str | None = None,
        *,
        read_only: bool = False,
        initialise: bool = True,
    ) -> KnowledgeGraph:
        """Open (creating and initialising if needed) the store at ``path``.

        With ``read_only=True`` an existing store is opened without taking its write lock, so a
        running ``helixgraph serve`` does not block queries from the command line.
        """
        location = Path(path).expanduser() if path is not None else default_store_path()
        exists = location.is_dir() and any(location.iterdir())
        if location.exists() and not location.is_dir():
            raise StoreError(f"{location}: not a directory; --store takes a store directory")
        if read_only and exists:
            return cls(_open_read_only(location), path=location, read_only=True)
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
        kg = cls(store, path=location)
        if initialise:
            kg.initialise()
        return kg

    @classmethod
    def in_memory(cls, *, initialise: bool = True) -> KnowledgeGraph:
        """A store in memory (for tests and scripts), initialised like a new one on disk."""
        kg = cls(ox.Store())
        if initialise:
            kg.initialise()
        return kg

    def close(self) -> None:
        """Flush and release the store; the object is unusable afterwards."""
        if not self.read_only:
            self._store.flush()
        del self._store

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def initialise(self) -> list[LoadedGraph]:
        """Load the ontology and the default ecosystem where missing or outdated.

        Removes staging graphs a crashed load left behind. Shipped files are trusted (the test
        suite validates them), so they are not validated again here.
        """
        for graph in self.graph_names():
            if STAGING_MARK in graph:
                self._store.remove_graph(ox.NamedNode(graph))
        shipped: list[tuple[Traversable, str]] = [(resources.ontology(), ONTOLOGY_GRAPH)]
        shipped += [(item, graph_iri_for(item.name)) for item in resources.default_data()]
        recorded = self._recorded_checksums()
        stale = [
            (item, graph)
            for item, graph in shipped
            if recorded.get(graph) != hashlib.sha256(item.read_bytes()).hexdigest()
        ]
        if not stale:
            return []
        return self._write(
            [(Path(item.name), item.read_bytes(), graph) for item, graph in stale],
            validate=False,
        )

    # -- reading ---------------------------------------------------------------------------

    def query(
        self, sparql: str, *, substitutions: Mapping[str, Term] | None = None
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run a SPARQL query on Oxigraph; the default graph is the union of all graphs.

        Raises :class:`QuerySyntaxError` (with line and column) for a query that does not parse
        and :class:`QueryRefusedError` for an update.
        """
        subs = {ox.Variable(k): v for k, v in (substitutions or {}).items()}
        try:
            return self._store.query(
                sparql,
                use_default_graph_as_union=True,
                prefixes=PREFIXES,
                substitutions=subs or None,
            )
        except SyntaxError as error:
            raise _query_syntax_error(str(error)) from None

    def select_terms(self, sparql: str, **bindings: Term) -> list[dict[str, Term]]:
        """Rows of a SELECT query as dicts of bound variables to terms (unbound ones left out).

        ``bindings`` fix variables to terms (SPARQL substitution, never string pasting); a fixed
        variable must be in the SELECT clause.
        """
        solutions = self.query(sparql, substitutions=bindings)
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryRefusedError("select() takes a SELECT query")
        names = [v.value for v in solutions.variables]
        return [{name: row[name] for name in names if row[name] is not None} for row in solutions]

    def select(self, sparql: str, **bindings: Term) -> list[dict[str, str]]:
        """Like :meth:`select_terms`, with each term's lexical value (IRI, literal text)."""
        return [
            {name: _lexical(term) for name, term in row.items()}
            for row in self.select_terms(sparql, **bindings)
        ]

    def ask(self, sparql: str, **bindings: Term) -> bool:
        """The answer of an ASK query."""
        return bool(self.query(sparql, substitutions=bindings))

    def __len__(self) -> int:
        """The number of quads in the store."""
        return len(self._store)

    def graph_names(self) -> list[str]:
        """The IRIs of the named graphs, sorted."""
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def graphs(self) -> list[GraphInfo]:
        """Every named graph with its size and provenance."""
        rows = self.select(
            """
            SELECT ?g (COUNT(*) AS ?n) (SAMPLE(?file) AS ?f) (SAMPLE(?sha) AS ?s)
                   (SAMPLE(?time) AS ?t)
            WHERE {
              GRAPH ?g { ?x ?y ?z }
              OPTIONAL { GRAPH ?g { ?g hx:sourceFile ?file ; hx:sha256 ?sha ;
                                       prov:generatedAtTime ?time } }
            } GROUP BY ?g ORDER BY ?g
            """
        )
        return [
            GraphInfo(
                graph=row["g"],
                triples=int(row["n"]),
                source_file=row.get("f", None),
                sha256=row.get("s", None),
                loaded=row.get("t", None),
            )
            for row in rows
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
        files = []
        for raw in paths:
            path = Path(raw)
            rdf_format(path)  # an unsupported extension fails before the file is read
            try:
                data = path.read_bytes()
            except OSError as error:
                raise RDFSyntaxError(path, None, None, f"cannot read: {error.strerror}") from None
            files.append((path, data, graph_iri_for(path)))
        return self._write(files, validate=validate)

    def drop(self, graph: str) -> bool:
        """Remove a named graph; False when the store holds no such graph."""
        self._check_writable()
        node = ox.NamedNode(graph)
        if not self._store.contains_named_graph(node):
            return False
        self._store.remove_graph(node)
        self._changed()
        return True

    def _write(self, files: list[tuple[Path, bytes, str]], *, validate: bool) -> list[LoadedGraph]:
        self._check_writable()
        parsed = [
            (path, data, graph, read_triples(data, source=path)) for path, data, graph in files
        ]
        if validate:
            for path, _, _, triples in parsed:
                self._validate(path, triples)
        existing = set(self.graph_names())
        now = ox.Literal(datetime.now(UTC).isoformat(), datatype=ox.NamedNode(XSD + "dateTime"))
        staged: list[ox.Quad] = []
        moves = []
        loaded = []
        for path, data, graph, triples in parsed:
            staging = ox.NamedNode(f"{graph}{STAGING_MARK}{uuid.uuid4().hex}")
            staged.extend(ox.Quad(t.subject, t.predicate, t.object, staging) for t in triples)
            staged.extend(
                ox.Quad(s, p, o, staging)
                for s, p, o in _provenance(graph, path, data, len(triples), now)
            )
            moves.append(f"MOVE SILENT GRAPH <{staging.value}> TO GRAPH <{graph}>")
            loaded.append(LoadedGraph(graph, str(path), len(triples), graph in existing))
        try:
            self._store.extend(staged)
            self._store.update(" ;\n".join(moves))
        except OSError as error:
            raise StoreError(f"{self.path or 'store'}: write failed: {error}") from None
        self._changed()
        return loaded

    def _validate(self, path: Path, triples: list[ox.Triple]) -> None:
        from helixgraph.validation import shacl_violations

        violations = shacl_violations(triples, context=self._types_of_objects(triples))
        if violations:
            raise ValidationError(str(path), violations)

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

    def _recorded_checksums(self) -> dict[str, str]:
        rows = self.select("SELECT ?g ?sha WHERE { GRAPH ?g { ?g hx:sha256 ?sha } }")
        return {row["g"]: row["sha"] for row in rows}

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path}: the store is open read-only; nothing was written")

    def _changed(self) -> None:
        # Flushed at once, so readers that open the store read-only (the CLI while a server runs)
        # see every write.
        if self.path is not None:
            self._store.flush()
        self.generation += 1
        self.cache.clear()


def _open_read_only(location: Path, attempts: int = 5) -> ox.Store:
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


def _lexical(term: Term) -> str:
    return str(term) if isinstance(term, ox.Triple) else term.value


def _provenance(
    graph: str, path: Path, data: bytes, count: int, now: ox.Literal
) -> list[tuple[ox.NamedNode, ox.NamedNode, Term]]:
    subject = ox.NamedNode(graph)
    return [
        (subject, RDF_TYPE, ox.NamedNode(PROV + "Entity")),
        (subject, ox.NamedNode(HX + "sourceFile"), ox.Literal(path.name)),
        (subject, ox.NamedNode(HX + "sha256"), ox.Literal(hashlib.sha256(data).hexdigest())),
        (subject, ox.NamedNode(PROV + "generatedAtTime"), now),
        (
            subject,
            ox.NamedNode(HX + "tripleCount"),
            ox.Literal(str(count), datatype=ox.NamedNode(XSD + "integer")),
        ),
    ]


def _query_syntax_error(message: str) -> QuerySyntaxError:
    """Turn Oxigraph's "error at L:C: reason" into a QuerySyntaxError that points at the spot."""
    match = re.match(r"error at (\d+):(\d+): (.*)", message, re.DOTALL)
    if not match:
        return QuerySyntaxError(message)
    line, column, reason = int(match[1]), int(match[2]), match[3]
    return QuerySyntaxError(f"line {line}, column {column}: {reason}", line, column)
