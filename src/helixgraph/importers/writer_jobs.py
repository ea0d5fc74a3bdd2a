"""Imports as jobs for a writer process (the data page, ``/api/imports``): plain values in and
out, as they cross between processes, and the versions they replace kept to bring back
(:mod:`helixgraph.store.previous`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from helixgraph.importers.jobs import ImportJob, ImportOptions
from helixgraph.importers.registry import importer, write
from helixgraph.store import KnowledgeGraph
from helixgraph.store.previous import keep_previous


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did, or checked would do, in plain values (it crosses from the writer
    process that ran it): what comes in, in words, the graphs, the rows and the triples."""

    summary: str
    graphs: tuple[str, ...]
    rows_read: int | None
    rows_written: int | None
    rows_rejected: int
    triples: int | None


def run_import(
    kg: KnowledgeGraph,
    kind: str,
    paths: list[Path],
    options: ImportOptions,
    check: bool,
    keep: Path | None = None,
) -> ImportOutcome:
    """Check the files with the importer ``kind`` and, unless ``check``, write them; with
    ``keep``, the versions they replace are kept there (:mod:`helixgraph.store.previous`)."""
    job = ImportJob(kg, paths, options)
    checked = importer(kind).check(job)
    if not check and keep is not None:
        for item in checked.writes:
            keep_previous(kg, item.source_graph, keep)
    report = None if check else write(job, checked)
    return ImportOutcome(
        summary=checked.summary,
        graphs=report.graphs if report else tuple(w.source_graph for w in checked.writes),
        rows_read=checked.rows_read,
        rows_written=checked.rows_written,
        rows_rejected=checked.rows_rejected,
        triples=report.triples if report else None,
    )
