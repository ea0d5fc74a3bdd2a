"""The knowledge graph's store: one interface, two places it can live.

- :mod:`~helixgraph.store.graph`: :class:`KnowledgeGraph`, what everything above the store
  (importers, views, analysis, the web app, the CLI) talks to: reads, all-or-nothing writes,
  recovery, provenance, the memo of derived values;
- under it, a store with pyoxigraph's ``Store`` interface: the embedded Oxigraph store on
  disk (or in memory), or :class:`~helixgraph.store.remote.RemoteStore`, any SPARQL 1.1 store
  behind the SPARQL Protocol and the Graph Store Protocol (Oxigraph server, Virtuoso, ...).
  ``--store`` chooses by its shape: a URL is a remote store, anything else a folder.
"""

from helixgraph.store.graph import (
    PENDING,
    GraphInfo,
    GraphWrite,
    KnowledgeGraph,
    LoadedGraph,
    open_read_only,
    query_syntax_error,
    visible_dataset,
)
from helixgraph.store.names import ONTOLOGY_GRAPH, check_source_name, graph_iri_for
from helixgraph.store.remote import RemoteEndpoint, RemoteStore

__all__ = [
    "ONTOLOGY_GRAPH",
    "PENDING",
    "GraphInfo",
    "GraphWrite",
    "KnowledgeGraph",
    "LoadedGraph",
    "RemoteEndpoint",
    "RemoteStore",
    "check_source_name",
    "graph_iri_for",
    "open_read_only",
    "query_syntax_error",
    "visible_dataset",
]
