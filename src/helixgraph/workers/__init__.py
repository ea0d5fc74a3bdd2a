"""Worker processes: spawned, sandboxed, on a deep stack, stopped at a deadline.

A thread cannot be stopped, a process can. The query pool (:mod:`helixgraph.sparql.pool`), the
update writer (:mod:`helixgraph.store.writer`) and the analysis worker
(:mod:`helixgraph.report.worker`) each run their work in a :class:`~.process.WorkerProcess`.
"""
