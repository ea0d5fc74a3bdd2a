"""The four strands of the quadruple helix, in the order tables and charts show them.

A leaf: the vocabulary (:mod:`helixgraph.rdf.namespaces`) and the measures
(:mod:`helixgraph.analysis`) both read it, and neither may import the other.
"""

#: The local names of hx:Helix's concepts.
HELICES = ("government", "academia", "business", "community")
