"""SPARQL: the safety guard, the worker pool, the results writers, the named-query catalogue."""
