"""RDF files as an importer (:mod:`helixgraph.importers.registry`): each file into a named
graph of its own, checked against the SHACL shapes first (:meth:`KnowledgeGraph.check_files`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from helixgraph.importers.jobs import CheckedImport, ImportJob


class RdfImporter:
    name = "rdf"
    description = (
        "Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML (without entity declarations), "
        "gzipped or not; a remote JSON-LD @context is an error, never a download. Checked "
        "against the SHACL shapes."
    )

    def recognises(self, paths: Sequence[Path]) -> bool:
        from helixgraph.rdf.parsing import FORMATS

        return bool(paths) and all(
            path.name.lower().removesuffix(".gz").endswith(tuple(FORMATS)) for path in paths
        )

    def check(self, job: ImportJob) -> CheckedImport:
        writes = job.kg.check_files(job.paths)
        return CheckedImport(
            writes=tuple(writes),
            summary=", ".join(f"{item.file_name} ({len(item.triples)})" for item in writes),
        )
