"""RDF files as an importer of the registry: each file into a named graph of its own, checked
against the SHACL shapes first (:meth:`KnowledgeGraph.load`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from helixgraph.importers.registry import ImportJob, ImportReport, register

if TYPE_CHECKING:
    pass


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

    def run(self, job: ImportJob) -> ImportReport:
        loaded = job.kg.load(job.paths)
        return ImportReport(
            graphs=tuple(item.graph for item in loaded),
            triples=sum(item.triples for item in loaded),
            summary="imported " + ", ".join(f"{item.source} ({item.triples})" for item in loaded),
        )


register(RdfImporter())
