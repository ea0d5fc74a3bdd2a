"""helixgraph: a knowledge graph of the quadruple helix of an innovation ecosystem.

The store (:mod:`helixgraph.store`) is the single source of truth; :mod:`helixgraph.views` derives
networkx graphs from it; :mod:`helixgraph.analysis` measures them; the CLI and the web app only
call into these.
"""

__version__ = "0.1.0"
