"""CORDIS participations -> RDF: organisations by PIC, projects, and memberships with their role,
dates and EU contribution.

Reads, in any mix, recognised by their header:

- the compact participations file (``h2020.csv.gz``: ``rcn,role,pic,type,contribution,…``);
- the official CORDIS ``organization.csv`` (semicolon-separated: ``projectID;projectAcronym;…``),
  which adds names, short names, cities, NUTS regions, web sites and the SME flag;
- ``programme_parts.csv`` (``rcn,programme_part``): the part of Horizon 2020 funding each project;
- the organisation names file (``organisations.csv.gz``: ``pic,name,short_name,city,…``): names,
  short names, cities, NUTS regions and SME flags by PIC, from public copies of CORDIS.

Names go into a graph of their own (named after the names file), with where each row came from;
beside participation files they name only the organisations those files hold, and the
participations' graph then labels by PIC only those the names file does not name. Programme parts
give each project its sectors (``hx:sector``) by the ontology's mapping (``skos:broadMatch`` in
``hx:ProgrammePart``), and every project links to its CORDIS page by record number.

Every row is checked; ``NA`` or an empty cell is a missing value, not an error. Problems are
reported as ``file:line: column: what is wrong``. The activity type -> helix mapping comes from the
ontology (``skos:broadMatch`` in ``hx:ActivityType``) unless the caller gives another.
Names are written as people write them (:mod:`helixgraph.importers.legible`), CORDIS's spelling
kept beside; the project names file (``rcn,acronym,title,…``) names projects. Files are
read by :mod:`~helixgraph.importers.cordis_reading`, held in
:mod:`~helixgraph.importers.cordis_data` and written by
:mod:`~helixgraph.importers.cordis_rdf`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Unpack

from helixgraph.errors import InputError, RowsError
from helixgraph.helices import HELICES
from helixgraph.importers.cordis_data import (
    CordisData,
)
from helixgraph.importers.cordis_rdf import names_ntriples, ntriples
from helixgraph.importers.csv_text import write_rejects
from helixgraph.importers.jobs import CheckedImport, ImportJob, RowChecks

if TYPE_CHECKING:
    from helixgraph.store import KnowledgeGraph

from helixgraph.importers.cordis_reading import (
    VERSION,
    ProgressHook,
    header_kind,
    read_cordis,
)


def read_helix_map(path: Path) -> dict[str, str]:
    """An override of the activity type -> helix mapping: a CSV with ``activity_type,helix``."""
    mapping: dict[str, str] = {}
    with path.open(encoding="utf-8-sig", newline="") as file:
        rows = csv.DictReader(file)
        if not {"activity_type", "helix"} <= set(rows.fieldnames or ()):
            raise InputError(f"{path}:1: header: expected the columns activity_type,helix")
        for row in rows:
            helix = (row["helix"] or "").strip().lower()
            if helix not in HELICES:
                raise InputError(
                    f"{path}:{rows.line_num}: helix: {helix!r} is not one of {', '.join(HELICES)}"
                )
            mapping[(row["activity_type"] or "").strip()] = helix
    return mapping


@dataclass(frozen=True)
class CordisReport:
    """What an import of CORDIS files did."""

    graphs: tuple[str, ...]
    rows_read: int
    rows_written: int
    rows_rejected: int
    triples: int
    actors: int
    projects: int
    memberships: int
    named: int
    rejects_file: Path | None

    @property
    def graph(self) -> str:
        """The first graph written (the participations', or the names' when alone)."""
        return self.graphs[0]


def ontology_helix_map(kg: KnowledgeGraph) -> dict[str, str]:
    """The activity type -> helix mapping the ontology states (``skos:broadMatch``)."""
    rows = kg.select(
        """SELECT ?code ?helix WHERE {
             ?type skos:inScheme hx:ActivityType ; skos:notation ?code ; skos:broadMatch ?helix .
             ?helix skos:inScheme hx:Helix }"""
    )
    return {row["code"]: row["helix"].rsplit("#", 1)[-1] for row in rows}


def ontology_sector_map(kg: KnowledgeGraph) -> dict[str, str]:
    """The programme part -> sector mapping the ontology states (``skos:broadMatch``), by local
    name: ``{"partSC1": "sectorHealth", …}``."""
    rows = kg.select(
        """SELECT ?part ?sector WHERE {
             ?part skos:inScheme hx:ProgrammePart ; skos:broadMatch ?sector .
             ?sector skos:inScheme hx:Sector }"""
    )
    return {row["part"].rsplit("#", 1)[-1]: row["sector"].rsplit("#", 1)[-1] for row in rows}


def import_cordis(
    kg: KnowledgeGraph,
    paths: list[Path],
    *,
    write_progress: ProgressHook | None = None,
    **checks: Unpack[CordisChecks],
) -> CordisReport:
    """Check CORDIS files (:func:`check_cordis`) and write them into named graphs: the
    participations (and programme parts) into one named after the first of their files, the
    names into one named after the names file. All or nothing."""
    checked = check_cordis(kg, paths, **checks)
    loaded = kg.write(list(checked.writes), progress=write_progress)
    return CordisReport(
        graphs=tuple(item.graph for item in loaded),
        rows_read=checked.rows_read or 0,
        rows_written=checked.rows_written or 0,
        rows_rejected=checked.rows_rejected,
        triples=sum(item.triples for item in loaded),
        rejects_file=checked.rejects_file,
        **checked.counts,
    )


class CordisChecks(RowChecks, total=False):
    helix_map: Mapping[str, str] | None
    read_progress: ProgressHook | None


def check_cordis(
    kg: KnowledgeGraph,
    paths: list[Path],
    *,
    skip_invalid: bool = False,
    rejects: Path | None = None,
    helix_map: Mapping[str, str] | None = None,
    read_progress: ProgressHook | None = None,
) -> CheckedImport:
    """Read and check CORDIS files, and prepare their graphs; nothing is written to the store.

    Every row is checked, and a sample of what it becomes against the shapes. With a problem,
    raises :class:`~helixgraph.errors.RowsError` listing every one, unless ``skip_invalid``:
    then the valid rows are kept and the others go to ``rejects`` (by default
    ``<first file>.rejects.csv``).
    """
    from helixgraph.store import GraphWrite, check_source_name

    mapping = dict(helix_map) if helix_map is not None else ontology_helix_map(kg)
    sectors = ontology_sector_map(kg)
    for path in paths:
        if not path.is_file():
            raise InputError(f"{path}: no such file")
        check_source_name(path)  # a shipped graph's name is never a user's
    data = read_cordis(paths, helix_map=mapping, progress=read_progress)
    if data.rejected and not skip_invalid:
        raise RowsError(data.problems, len(data.rejected))
    _check_shapes(kg, data, mapping, sectors, paths[0])
    rejects_file = None
    if data.rejected:
        rejects_file = rejects or paths[0].with_name(paths[0].name.split(".")[0] + ".rejects.csv")
        write_rejects(rejects_file, data.rejected)
    names_files = data.names_files
    other_files = [p for p in paths if p not in names_files]
    rejected_names = sum(1 for r in data.rejected if Path(r.path) in names_files)
    writes = []
    if other_files:
        writes.append(
            GraphWrite(
                check_source_name(other_files[0]),
                " ".join(p.name for p in other_files),
                _sha256(other_files),
                ntriples=lambda: ntriples(data, mapping, sectors),
                importer=f"helixgraph cordis importer {VERSION}",
                rows=_row_counts(
                    data.rows_read - data.name_rows, len(data.rejected) - rejected_names
                ),
            )
        )
    if names_files:
        graph = check_source_name(names_files[0])
        writes.append(
            GraphWrite(
                graph,
                " ".join(p.name for p in names_files),
                _sha256(names_files),
                ntriples=lambda: names_ntriples(data, graph),
                importer=f"helixgraph cordis importer {VERSION}",
                rows=_row_counts(data.name_rows, rejected_names),
            )
        )
    counts = {
        "actors": len(data.organisations),
        "projects": len(data.projects),
        "memberships": len(data.participations),
        "named": len(data.names),
    }
    written = data.rows_read - len(data.rejected)
    return CheckedImport(
        writes=tuple(writes),
        summary=(
            f"{written} of {data.rows_read} rows: {counts['actors']} actors, "
            f"{counts['projects']} projects, {counts['memberships']} memberships"
            + (f", {counts['named']} organisations named" if counts["named"] else "")
        ),
        rows_read=data.rows_read,
        rows_written=written,
        rows_rejected=len(data.rejected),
        rejects_file=rejects_file,
        counts=counts,
    )


def _sha256(paths: Iterable[Path]) -> str:
    import hashlib

    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _row_counts(read: int, rejected: int) -> dict[str, int]:
    return {"rowsRead": read, "rowsWritten": read - rejected, "rowsRejected": rejected}


SHAPE_SAMPLE = 200


def _check_shapes(
    kg: KnowledgeGraph,
    data: CordisData,
    mapping: Mapping[str, str],
    sectors: Mapping[str, str],
    path: Path,
) -> None:
    """Check what the importer makes of a sample of rows against the SHACL shapes.

    Every row is checked cell by cell above; the triples of a row all come from one template,
    so a sample proves the template against ``shapes.ttl`` (running pyshacl over a million
    triples would take minutes).
    """
    import pyoxigraph as ox

    sample = CordisData()
    for key, part in list(data.participations.items())[:SHAPE_SAMPLE]:
        sample.participations[key] = part
        sample.organisations[part.pic] = data.organisations[part.pic]
        sample.projects[part.rcn] = data.projects[part.rcn]
        if part.pic in data.names:
            sample.names[part.pic] = data.names[part.pic]
    for pic, name in list(data.names.items())[:SHAPE_SAMPLE]:
        sample.names[pic] = name
    text = b"".join(ntriples(sample, mapping, sectors))
    text += b"".join(names_ntriples(sample, "https://w3id.org/helixgraph/graph/sample"))
    triples = [q.triple for q in ox.parse(text, format=ox.RdfFormat.N_TRIPLES)]
    kg.validate(f"{path} (the triples of its first {SHAPE_SAMPLE} rows)", triples)


class CordisImporter:
    """CORDIS CSV files as an importer (:mod:`helixgraph.importers.registry`)."""

    name = "cordis"
    description = (
        "the compact H2020 participations (h2020.csv.gz), the official CORDIS organization.csv "
        "and programme_parts.csv, in any mix; organisations are actors by PIC, their helix from "
        "the activity type (HES, REC -> academia; PRC -> business; PUB -> government; OTH -> "
        "community, unless --helix-map says otherwise)."
    )

    def recognises(self, paths: Sequence[Path]) -> bool:
        return bool(paths) and all(header_kind(path) is not None for path in paths)

    def check(self, job: ImportJob) -> CheckedImport:
        options = job.options
        return check_cordis(
            job.kg,
            list(job.paths),
            skip_invalid=options.skip_invalid,
            rejects=options.rejects,
            helix_map=read_helix_map(options.helix_map) if options.helix_map else None,
            read_progress=job.progress.reading,
        )
