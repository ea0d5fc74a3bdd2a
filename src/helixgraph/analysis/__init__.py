"""Pure functions over networkx graphs: no I/O, no rdflib, no web.

:mod:`helixgraph.analysis.report` is the one module that takes a knowledge graph: it derives the
views and hands them to the functions here.
"""

from helixgraph.analysis.summary import component_sizes, helix_counts

__all__ = ["component_sizes", "helix_counts"]
