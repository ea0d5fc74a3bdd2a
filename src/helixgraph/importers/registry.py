"""The importers, in rdflib's plugin style: one protocol, one report type, one registry.

A new source is one module with a class that has a ``name``, says which files it
``recognises`` and ``check``s them (reads and checks every row, prepares the graphs, writes
nothing: :class:`~helixgraph.importers.jobs.Importer`), and one :func:`register` call;
:func:`write` then writes what was checked, all or nothing. The CLI's ``import`` command (and
its ``--check``), its help and its choices are built from the registry.
"""

from __future__ import annotations

from helixgraph.errors import InputError
from helixgraph.importers.cordis import CordisImporter
from helixgraph.importers.jobs import CheckedImport, Importer, ImportJob, ImportReport
from helixgraph.importers.rdf_files import RdfImporter
from helixgraph.importers.spreadsheet import SpreadsheetImporter


def write(job: ImportJob, checked: CheckedImport) -> ImportReport:
    """Write what :meth:`Importer.check` prepared, all or nothing."""
    loaded = job.kg.write(
        list(checked.writes),
        progress=job.progress.writing,
        compacting=job.progress.compacting,
    )
    return ImportReport(
        checked,
        graphs=tuple(item.graph for item in loaded),
        triples=sum(item.triples for item in loaded),
    )


_REGISTRY: dict[str, Importer] = {
    built_in.name: built_in for built_in in (CordisImporter(), RdfImporter(), SpreadsheetImporter())
}


def register(importer: Importer) -> Importer:
    """Add an importer under its name (a later one of the same name replaces it)."""
    _REGISTRY[importer.name] = importer
    return importer


def importers() -> dict[str, Importer]:
    """Every importer by name, the built-in ones first."""
    return dict(_REGISTRY)


def importer(name: str) -> Importer:
    """The importer called ``name``; an :class:`InputError` naming the others if none is."""
    known = importers()
    if name not in known:
        raise InputError(f"{name!r}: no such importer; one of {', '.join(known)}")
    return known[name]
