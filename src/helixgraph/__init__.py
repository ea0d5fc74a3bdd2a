"""helixgraph: a knowledge graph of the quadruple helix of an innovation ecosystem.

The layers, top to bottom (each imports only from those below it; import-linter holds them,
``[tool.importlinter]`` in pyproject.toml): :mod:`~helixgraph.cli` > :mod:`~helixgraph.web` >
:mod:`~helixgraph.report` (the ecosystem report) > :mod:`~helixgraph.analysis` (pure measures
of graphs) > :mod:`~helixgraph.network` (networkx views of the store),
:mod:`~helixgraph.importers` (CORDIS, the spreadsheet templates, RDF files) and
:mod:`~helixgraph.sparql` (the public endpoint) > :mod:`~helixgraph.store` (the single source of
truth) > :mod:`~helixgraph.guard` (what a SPARQL request may do) and :mod:`~helixgraph.workers`
(sandboxed worker processes) > :mod:`~helixgraph.rdf` (vocabularies, shipped content, parsing,
SHACL) > countries > settings, language, formulas, helices > errors.
"""

__version__ = "0.1.0"
