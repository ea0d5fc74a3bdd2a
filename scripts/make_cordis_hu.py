"""Build data/cordis-hu.nt.gz and data/cordis-hu-names.nt.gz, the Hungarian slice of Horizon 2020
shipped in the default store, and the names of its organisations.

The slice: every project with at least one participant in Hungary (country HU), with all of its
participants, Hungarian or not, so the Hungarian actors' foreign partners and their helix are in
the network too. The names: the rows of the CORDIS names file for the slice's organisations, in
a graph of their own. Made by the CORDIS importer's own reading and writing code from the
shared files:

    python scripts/make_cordis_hu.py ../shared/data   (or `make data`)
"""

from __future__ import annotations

import gzip
import hashlib
import sys
from pathlib import Path

import rdflib

from helixgraph.importers.cordis import ontology_helix_map, ontology_sector_map
from helixgraph.importers.cordis_data import CordisData
from helixgraph.importers.cordis_rdf import literal, names_ntriples, ntriples
from helixgraph.importers.cordis_reading import read_cordis
from helixgraph.store import KnowledgeGraph, graph_iri_for

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "seed-ecosystem.ttl"
OUT = ROOT / "data" / "cordis-hu.nt.gz"
NAMES_OUT = ROOT / "data" / "cordis-hu-names.nt.gz"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"


def hungarian_slice(data: CordisData) -> CordisData:
    hungarian = {pic for pic, org in data.organisations.items() if org.country == "HU"}
    projects = {rcn for rcn, pic in data.participations if pic in hungarian}
    part = CordisData(rows_read=data.rows_read)
    for key, participation in data.participations.items():
        if participation.rcn in projects:
            part.participations[key] = participation
            part.organisations[participation.pic] = data.organisations[participation.pic]
            part.projects[participation.rcn] = data.projects[participation.rcn]
            if participation.pic in data.names:
                part.names[participation.pic] = data.names[participation.pic]
    return part


def not_in_the_seed(lines: list[bytes], seed: rdflib.Graph) -> list[bytes]:
    """The lines whose triple the seed does not state already. Oxigraph 0.5.13 answers a triple
    stated in two named graphs twice over the union default graph (oxigraph issue #1919), so
    a count in SPARQL would disagree with the pages' (2,137 academic actors for 2,130)."""
    subjects = {f"<{s}> ".encode() for s in seed.subjects() if isinstance(s, rdflib.URIRef)}
    kept = []
    for line in lines:
        if line[: line.find(b"> ") + 2] in subjects:
            (triple,) = rdflib.Graph().parse(data=line.decode(), format="nt")
            if triple in seed:
                continue
        kept.append(line)
    return kept


def main(folder: Path) -> None:
    sources = [
        folder / "cordis-h2020" / "h2020.csv.gz",
        folder / "cordis-h2020" / "programme_parts.csv.gz",
        folder / "cordis-names" / "organisations.csv.gz",
        folder / "cordis-projects" / "projects.csv.gz",
    ]
    ontology = KnowledgeGraph.in_memory(default_data=False)
    mapping, sectors = ontology_helix_map(ontology), ontology_sector_map(ontology)
    data = read_cordis(sources, helix_map=mapping)
    if data.rejected:
        sys.exit(f"{len(data.rejected)} invalid rows in {folder}; the slice is not made")
    part = hungarian_slice(data)
    graph = f"<{graph_iri_for(OUT)}>"
    checksums = ", ".join(
        f"{s.name} sha256 {hashlib.sha256(s.read_bytes()).hexdigest()}" for s in sources
    )
    about = [
        (
            f"<{DCT}title>",
            literal(
                "Horizon 2020 projects with a Hungarian participant, and all their participants"
            ),
        ),
        (
            f"<{DCT}source>",
            literal(
                "CORDIS, European Union (h2020.csv.gz and programme_parts.csv.gz, "
                "compacted by zambujo/eunets; projects.csv.gz, acronyms and titles, from "
                "the Horizon Dashboard)"
            ),
        ),
        (
            f"<{RDFS}comment>",
            literal(
                "Made by scripts/make_cordis_hu.py (make data) with the helixgraph CORDIS "
                f"importer from {checksums}. {len(part.projects)} projects, "
                f"{len(part.organisations)} organisations, "
                f"{len(part.participations)} participations. "
                f"{len(part.names)} organisations are named in cordis-hu-names; the others "
                "are labelled by PIC."
            ),
        ),
        (f"<{PROV}wasDerivedFrom>", "<https://cordis.europa.eu/>"),
    ]
    lines = [f"{graph} {p} {o} .\n".encode() for p, o in about]
    seed = rdflib.Graph().parse(SEED)
    lines += not_in_the_seed(list(ntriples(part, mapping, sectors)), seed)
    OUT.write_bytes(gzip.compress(b"".join(lines), mtime=0))
    print(
        f"{OUT.relative_to(ROOT)}: {len(lines)} triples, {len(part.organisations)} actors, "
        f"{len(part.projects)} projects, {len(part.participations)} memberships"
    )
    names = f"<{graph_iri_for(NAMES_OUT)}>"
    about_names = [
        (
            f"<{RDFS}comment>",
            literal(
                "Made by scripts/make_cordis_hu.py (make data) from "
                f"{sources[2].name} sha256 {hashlib.sha256(sources[2].read_bytes()).hexdigest()}"
                ": the rows of the organisations of cordis-hu, merged from public copies of "
                "the CORDIS organisation files (each actor's dcterms:source names its copy)."
            ),
        ),
        (f"<{PROV}wasDerivedFrom>", "<https://cordis.europa.eu/>"),
    ]
    name_lines = [f"{names} {p} {o} .\n".encode() for p, o in about_names]
    name_lines += not_in_the_seed(list(names_ntriples(part, graph_iri_for(NAMES_OUT))), seed)
    NAMES_OUT.write_bytes(gzip.compress(b"".join(name_lines), mtime=0))
    print(f"{NAMES_OUT.relative_to(ROOT)}: {len(part.names)} organisations named")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data")
