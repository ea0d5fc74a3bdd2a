"""helixgraph: a knowledge graph of the quadruple helix of an innovation ecosystem.

The flow, as the folders hold it: :mod:`~helixgraph.rdf` (vocabularies, shipped content, RDF
parsing, SHACL) -> :mod:`~helixgraph.importers` (CORDIS, the spreadsheet templates) ->
:mod:`~helixgraph.store` (the single source of truth) -> :mod:`~helixgraph.network` (networkx
views of it) -> :mod:`~helixgraph.analysis` (pure measures of graphs) ->
:mod:`~helixgraph.report` (the ecosystem report) -> :mod:`~helixgraph.sparql`,
:mod:`~helixgraph.web` and :mod:`~helixgraph.cli`, which only call into these.
"""

__version__ = "0.1.0"
