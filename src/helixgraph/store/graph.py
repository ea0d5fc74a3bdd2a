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

import functools
import hashlib
from importlib.resources.abc import Traversable
from pathlib import Path

import pyoxigraph as ox

from helixgraph.errors import (
    StoreError,
)
from helixgraph.rdf import resources
from helixgraph.rdf.parsing import gunzip, read_triples
from helixgraph.store.leftovers import tidy, writing_here
from helixgraph.store.location import default_data_wanted, store_location
from helixgraph.store.names import (
    ONTOLOGY_GRAPH,
    default_graphs,
)
from helixgraph.store.opening import open_read_only
from helixgraph.store.reading import PENDING, GraphInfo, query_syntax_error, visible_dataset
from helixgraph.store.remote import RemoteEndpoint, RemoteStore
from helixgraph.store.writing import GraphWrite, GraphWriter, LoadedGraph

__all__ = [
    "PENDING",
    "GraphInfo",
    "GraphWrite",
    "KnowledgeGraph",
    "LoadedGraph",
    "open_read_only",
    "query_syntax_error",
    "visible_dataset",
]


class KnowledgeGraph(GraphWriter):
    """The ecosystem's RDF knowledge graph, backed by pyoxigraph.

    Open one with :meth:`open` (on disk) or :meth:`in_memory`; use it as a context manager so the
    store is flushed and released.

    >>> kg = KnowledgeGraph.in_memory()
    >>> kg.ask("ASK { <https://w3id.org/helixgraph/id/actor/mediklaszter> ?p ?o }")
    True
    """

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
            if recorded.get(graph) == checksum:
                continue
            path = Path(item.name)
            if path.name.endswith((".nt", ".nt.gz")):  # Oxigraph's own parser: 10x Python's
                text = gunzip(path, data)  # one chunk: fed to the loader as it is
                writes.append(
                    GraphWrite(
                        graph, item.name, checksum, ntriples=functools.partial(iter, [text]),
                        compact=False,
                    )
                )  # fmt: skip
            else:
                triples = read_triples(gunzip(path, data), source=path)
                writes.append(GraphWrite(graph, item.name, checksum, triples))
        return self.write(writes) if writes else []
