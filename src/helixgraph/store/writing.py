"""Writing the knowledge graph, all or nothing; see :mod:`helixgraph.store.graph` for the
steps, and how an interrupted write is recovered."""

from __future__ import annotations

import gc
import hashlib
import io
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from helixgraph import __version__
from helixgraph.errors import (
    InputError,
    StoreError,
    ValidationError,
)
from helixgraph.guard.checks import check_update
from helixgraph.rdf.namespaces import GRAPH_BASE, PREFIXES, PROV, RDF, XSD
from helixgraph.rdf.parsing import gunzip, rdf_format, read_rdf_bytes, read_triples
from helixgraph.rdf.validation import shacl_violations
from helixgraph.rdf.vocab import HX
from helixgraph.store.leftovers import writing_here
from helixgraph.store.names import (
    check_source_name,
    default_graphs,
)
from helixgraph.store.opening import open_read_only, open_writable
from helixgraph.store.reading import (
    DECLINED,
    PENDING,
    PENDING_MARK,
    TRUE,
    GraphInfo,
    GraphReader,
    query_syntax_error,
)
from helixgraph.store.remote import RemoteStore
from helixgraph.store.writer import update_in_writer

#: What makes the next writable open delete a graph: "graph A is pending", "graph A is a version
#: of source B". Only the store writes these; data and updates that state them are refused.
#: IRI -> why.
BOOKKEEPING = {
    iri: "is the store's own bookkeeping of its graphs; data and updates may not state it"
    for iri in (PENDING, HX.sourceGraph, HX.declinedDefault)
}


#: The rest of the provenance the store writes about its graphs: refused in data about a graph
#: name (other things, a source document say, may well have a checksum).
_GRAPH_PROVENANCE = {
    HX.term(name)
    for name in ("sourceFile", "sha256", "importer", "tripleCount", "rowsRead", "rowsWritten")
} | {HX.rowsRejected, PROV + "generatedAtTime", PROV + "wasRevisionOf"}


RDF_TYPE = ox.NamedNode(RDF + "type")


@dataclass(frozen=True)
class LoadedGraph:
    """What a write put in the store: one named graph per source."""

    graph: str
    source: str
    triples: int
    replaced: bool


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
    #: Compact the store after bulk-loading ``ntriples`` (a big import); the shipped data, a
    #: few hundred thousand triples, is read as fast without.
    compact: bool = True


class GraphWriter(GraphReader):
    """What :class:`~helixgraph.store.graph.KnowledgeGraph` writes: sources into graphs of their
    own, updates, drops, and the recovery of an interrupted write."""

    def update(
        self, sparql: str, *, base_iri: str | None = None, deadline: float | None = None
    ) -> None:
        """Apply a SPARQL 1.1 update, all of it or nothing (Oxigraph runs it in one transaction).

        Refused (:func:`helixgraph.guard.checks.check_update`): LOAD, SERVICE, and the predicates of
        the store's bookkeeping (:data:`BOOKKEEPING`). Raises :class:`QuerySyntaxError` with
        line and column for one that does not parse; the store is then unchanged.

        With a ``deadline`` (seconds), a store on disk is updated by a writer process that is
        stopped past it (:mod:`helixgraph.store.writer`): :class:`QueryTimeoutError`, nothing
        written. A store in memory or a remote one applies the update here.
        """

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
        with self.written_apart(location):
            update_in_writer(
                location, sparql, base_iri=base_iri, prefixes=PREFIXES, deadline=deadline
            )

    @contextmanager
    def written_apart(self, location: Path) -> Iterator[None]:
        """While another process writes the store at ``location``: this one lets go of the
        write lock and keeps reading; after, it reads the store as the writer left it."""
        if self._write_locked:  # let go of the lock, keep reading meanwhile
            self._store.flush()
            self._store = open_read_only(location)
            self._write_locked = False
            writing_here.discard(location.resolve())
            gc.collect()  # the writable store closes when its last reference goes
        try:
            yield
        finally:
            self._store = open_read_only(location)  # the store as the writer left it

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
        if any(item.ntriples is not None and item.compact for item in writes):
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

    def decline_defaults(self, graphs: Iterable[str] | None = None) -> None:
        """Keep the shipped graphs (all of them by default) out of this store from now on:
        those present are dropped, and none is loaded again on the next open."""
        self._check_writable()
        names = set(default_graphs().values()) if graphs is None else set(graphs)
        for name in sorted(names):
            self.drop(name)
        self._store.extend(map(_declined, names))
        self._changed()

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
            for q in self._store.quads_for_pattern(None, PENDING_MARK, None)
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
    return ox.Quad(ox.NamedNode(graph), DECLINED, TRUE, ox.DefaultGraph())


def _pending_mark(target: str) -> ox.Quad:
    graph = ox.NamedNode(target)
    return ox.Quad(graph, PENDING_MARK, ox.Literal("true"), graph)


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
            self.lines += line.count(b"\n")  # a chunk may hold many lines
        size = min(wanted, len(self._buffer))
        target[:size] = self._buffer[:size]
        del self._buffer[:size]
        if self._progress is not None:
            self._progress(self.lines)
        return size
