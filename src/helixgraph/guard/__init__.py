"""What a SPARQL request may do here: its terminals (:mod:`~.tokens`), its parse with the full
SPARQL 1.1 grammar (:mod:`~.grammar`), the refusals and the text that runs (:mod:`~.checks`),
and where an update may write (:mod:`~.writes`). Below the store, which checks every update
with it, and the endpoint, which checks every query.
"""
