"""The spreadsheet template and the RDF importer: what the rows say lands in the store; bad cells
are refused with file:line: column; nothing reaches the network."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from helixgraph.errors import InputError, RDFSyntaxError, RowsError
from helixgraph.importers.spreadsheet import import_spreadsheet
from helixgraph.network import views
from helixgraph.rdf.namespaces import GRAPH_BASE
from helixgraph.store import KnowledgeGraph

EXAMPLE = ROOT / "data" / "templates" / "example"
ACTOR = "https://w3id.org/helixgraph/id/actor/"


@pytest.fixture
def kg() -> KnowledgeGraph:
    return KnowledgeGraph.in_memory(default_data=False)


def test_the_example_lands_as_its_rows_say(kg: KnowledgeGraph) -> None:
    graph, written, rejected, rejects_file, _ = import_spreadsheet(
        kg, sorted(EXAMPLE.glob("*.csv"))
    )
    assert (graph, rejected, rejects_file) == (GRAPH_BASE + "spreadsheet-example", 0, None)
    assert written == 6 + 7 + 4 + 5  # the rows of the four files
    A = views.affiliation_graph(kg)
    cluster = "https://w3id.org/helixgraph/id/cluster/valley-health-cluster-example"
    assert {n.removeprefix(ACTOR) for n in A[cluster]} == {
        "valley-university",
        "medtech-one",
        "digital-care",
        "valley-hospital",
    }
    assert A.nodes[ACTOR + "valley-hospital"]["helices"] == ["academia", "community"]
    R = views.relation_graph(kg)
    assert R.has_edge(ACTOR + "regional-agency", ACTOR + "medtech-one", key="funds")
    (row,) = kg.select(
        f"SELECT ?w WHERE {{ ?t rdf:subject <{ACTOR}regional-agency> ; rdf:predicate hx:funds ;"
        f" rdf:object <{ACTOR}medtech-one> ; hx:weight ?w }}"
    )
    weight = row["w"]
    assert float(weight) == 250000
    late = views.collaboration_graph(kg, years=(2022, 2022))
    assert late.has_edge(ACTOR + "valley-university", ACTOR + "digital-care")


def test_bad_cells_are_refused_with_their_place(kg: KnowledgeGraph, tmp_path: Path) -> None:
    for name in ("actors.csv", "memberships.csv", "ties.csv", "services.csv"):
        shutil.copy(EXAMPLE / name, tmp_path / name)
    actors = (
        (tmp_path / "actors.csv")
        .read_text()
        .replace(",academia,HU,HU333,P85", ",academy,HU,HU333,P85")
    )
    (tmp_path / "actors.csv").write_text(actors)
    ties = (
        (tmp_path / "ties.csv")
        .read_text()
        .replace("regional-agency,funds,medtech-one", "regional-agency,sponsors,nobody")
    )
    (tmp_path / "ties.csv").write_text(ties)
    before = len(kg)
    with pytest.raises(RowsError) as caught:
        import_spreadsheet(kg, sorted(tmp_path.glob("*.csv")))
    message = str(caught.value)
    assert f"{tmp_path / 'actors.csv'}:2: helix: 'academy'" in message
    assert f"{tmp_path / 'ties.csv'}:2: relation: unknown relation 'sponsors'" in message
    assert f"{tmp_path / 'ties.csv'}:2: target: 'nobody' is no actor" in message
    assert len(kg) == before
    done = import_spreadsheet(kg, sorted(tmp_path.glob("*.csv")), skip_invalid=True)
    # the bad actor, the bad tie, and the five rows that name the bad actor
    assert done.rows_rejected == 7
    assert done.rejects_file == tmp_path.with_name(tmp_path.name + ".rejects.csv")
    with done.rejects_file.open(encoding="utf-8", newline="") as file:
        listed = list(csv.DictReader(file))
    assert len(listed) == 7
    assert (listed[0]["file"], listed[0]["line"]) == (str(tmp_path / "actors.csv"), "2")
    assert listed[0]["helix"] == "academy"
    assert "helix: 'academy'" in listed[0]["problems"]
    bad_tie = next(row for row in listed if row["relation"] == "sponsors")
    assert "unknown relation 'sponsors'" in bad_tie["problems"]
    chosen = tmp_path / "elsewhere.csv"
    again = import_spreadsheet(
        kg, sorted(tmp_path.glob("*.csv")), skip_invalid=True, rejects=chosen
    )
    assert again.rejects_file == chosen
    assert chosen.is_file()


def test_rdf_formats_load(kg: KnowledgeGraph, tmp_path: Path) -> None:
    ttl = (ROOT / "tests" / "fixtures" / "small-ecosystem.ttl").read_bytes()
    import pyoxigraph as ox

    triples = list(ox.parse(ttl, format=ox.RdfFormat.TURTLE))
    for suffix, fmt in (
        (".jsonld", ox.RdfFormat.JSON_LD),
        (".rdf", ox.RdfFormat.RDF_XML),
        (".nq", ox.RdfFormat.N_QUADS),
    ):
        path = tmp_path / f"eco{suffix}"
        ox.serialize(
            (q.triple for q in triples) if fmt != ox.RdfFormat.N_QUADS else triples,
            path,
            format=fmt,
        )
        (loaded,) = kg.load([path])
        assert loaded.triples == len(triples)


def test_rdf_xml_entities_are_refused(kg: KnowledgeGraph, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.rdf"
    bomb.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE r [\n <!ENTITY a "aaaaaaaaaa">\n]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>\n'
    )
    with pytest.raises(RDFSyntaxError, match=r"bomb.rdf:3:2: entity declarations are refused"):
        kg.load([bomb])


def test_remote_jsonld_context_is_an_error_not_a_download(
    kg: KnowledgeGraph, tmp_path: Path
) -> None:
    doc = tmp_path / "remote.jsonld"
    doc.write_text(
        '{"@context": "http://127.0.0.1:9/context.jsonld", "@id": "https://e.org/a", "name": "A"}'
    )
    with pytest.raises(RDFSyntaxError, match="remote contexts"):
        kg.load([doc])


def test_ids_that_make_one_actor_and_rows_naming_an_invalid_actor_say_so(
    kg: KnowledgeGraph, tmp_path: Path
) -> None:
    for name in ("actors.csv", "memberships.csv", "ties.csv", "services.csv"):
        shutil.copy(EXAMPLE / name, tmp_path / name)
    actors = (tmp_path / "actors.csv").read_text()
    actors = actors.replace(",academia,HU,HU333,P85", ",academy,HU,HU333,P85")
    actors += "Pharma X,Pharma X (example),business,HU,HU333,,\n"
    actors += "pharma-x,Pharma X again (example),business,HU,HU333,,\n"
    (tmp_path / "actors.csv").write_text(actors)
    lines = len(actors.splitlines())
    with pytest.raises(RowsError) as caught:
        import_spreadsheet(kg, sorted(tmp_path.glob("*.csv")))
    message = str(caught.value)
    assert f"actors.csv:{lines}: id: 'pharma-x' and 'Pharma X' make the same identifier" in message
    assert "'valley-university': its row in actors.csv is invalid" in message


def test_a_weight_must_be_a_finite_number(kg: KnowledgeGraph, tmp_path: Path) -> None:
    for name in ("actors.csv", "memberships.csv", "ties.csv", "services.csv"):
        shutil.copy(EXAMPLE / name, tmp_path / name)
    ties = (tmp_path / "ties.csv").read_text().splitlines()
    header, first = ties[0].split(","), ties[1].split(",")
    first[header.index("weight")] = "1e400"
    (tmp_path / "ties.csv").write_text("\n".join([ties[0], ",".join(first), *ties[2:]]) + "\n")
    with pytest.raises(RowsError, match=r"ties.csv:2: weight: '1e400' is not a number"):
        import_spreadsheet(kg, sorted(tmp_path.glob("*.csv")))


def test_the_empty_template_is_refused_not_written(kg: KnowledgeGraph) -> None:
    empty = sorted((ROOT / "data" / "templates" / "empty").glob("*.csv"))
    before = len(kg)
    with pytest.raises(InputError, match="no rows below the header"):
        import_spreadsheet(kg, empty)
    assert len(kg) == before


def _as_workbook(target: Path, tables: dict[str, Path], *, typed: bool = True) -> None:
    """Write CSV tables as sheets the way a spreadsheet holds them: years and weights as
    numbers, full dates as dates (``typed``), an empty row and an empty styled column below."""
    from datetime import datetime

    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, path in tables.items():
        sheet = book.create_sheet(title)
        with path.open(encoding="utf-8", newline="") as file:
            for number, row in enumerate(csv.reader(file)):
                cells: list[object] = list(row)
                if typed and number:
                    for i, cell in enumerate(row):
                        if re.fullmatch(r"[0-9]+", cell):
                            cells[i] = float(cell)  # spreadsheets store every number as a float
                        elif re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", cell):
                            cells[i] = datetime.fromisoformat(cell)
                sheet.append([*cells, None])
        sheet.append([])
    book.save(target)


def _graph_triples(kg: KnowledgeGraph, graph: str) -> set[str]:
    return {
        f"{q.subject} {q.predicate} {q.object}"
        for q in kg.quads(graph)
        if not q.subject.value.startswith(GRAPH_BASE)  # the graph's own provenance
    }


def test_an_xlsx_workbook_lands_as_its_csv_files_do(kg: KnowledgeGraph, tmp_path: Path) -> None:
    from_csv = import_spreadsheet(kg, sorted(EXAMPLE.glob("*.csv")))
    book = tmp_path / "valley" / "ecosystem.xlsx"
    book.parent.mkdir()
    _as_workbook(book, {p.stem: p for p in sorted(EXAMPLE.glob("*.csv"))})
    from_xlsx = import_spreadsheet(kg, [book])
    assert from_xlsx.graph == GRAPH_BASE + "spreadsheet-valley"
    assert from_xlsx.rows_written == from_csv.rows_written == 22
    assert _graph_triples(kg, from_xlsx.graph) == _graph_triples(kg, from_csv.graph)


def test_an_xlsx_named_after_a_table_and_bad_cells_name_the_sheet(
    kg: KnowledgeGraph, tmp_path: Path
) -> None:
    actors = tmp_path / "actors.csv"
    actors.write_text(
        (EXAMPLE / "actors.csv")
        .read_text(encoding="utf-8")
        .replace(",academia,HU", ",academy,HU", 1),
        encoding="utf-8",
    )
    book = tmp_path / "actors.xlsx"
    _as_workbook(book, {"Sheet1": actors})
    with pytest.raises(RowsError, match=re.escape(f"{book}[Sheet1]:2: helix: 'academy'")):
        import_spreadsheet(kg, [book])
    other = tmp_path / "book.xlsx"
    _as_workbook(other, {"Summary": actors})
    with pytest.raises(InputError, match="name the sheets actors, memberships, ties, services"):
        import_spreadsheet(kg, [other])
    broken = tmp_path / "ties.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(InputError, match=r"not a readable \.xlsx workbook"):
        import_spreadsheet(kg, [broken])
    with pytest.raises(InputError, match=r"actors\.csv is given twice"):
        import_spreadsheet(kg, [book, actors])


def test_a_missing_workbook_is_named(kg: KnowledgeGraph, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"ecosystem\.xlsx: no such file"):
        import_spreadsheet(kg, [tmp_path / "ecosystem.xlsx"])
    with pytest.raises(InputError, match=r"my-cluster: no such file or folder"):
        import_spreadsheet(kg, [tmp_path / "my-cluster"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match=r"empty: a folder without the template's files"):
        import_spreadsheet(kg, [tmp_path / "empty"])


def test_a_manager_s_own_list_as_they_keep_it(kg: KnowledgeGraph, tmp_path: Path) -> None:
    """Four columns of actors (no region, sector or website), a sector by its short name or its
    NACE code, a country by name, the folder given as a whole: the cluster takes its members'
    country and sectors, so that it shows under country=HU and sector=health."""
    from helixgraph.network.scope import Scope, scoped_network

    (tmp_path / "actors.csv").write_text(
        "id,name,helix,country,sector\n"
        "a,Alpha Klinika,business,HU,health\n"
        "b,Beta Egyetem,academia,Hungary,Q86\n"
        "c,Gamma Kft.,business,Magyarország,\n",
        encoding="utf-8",
    )
    (tmp_path / "memberships.csv").write_text(
        "actor,collaboration,role,start,end\n"
        + "".join(f"{who},Our Cluster,clusterMember,,\n" for who in "abc"),
        encoding="utf-8",
    )
    import_spreadsheet(kg, [tmp_path])
    cluster = "https://w3id.org/helixgraph/id/cluster/our-cluster"
    (row,) = kg.select(f"SELECT ?c WHERE {{ <{cluster}> hx:country ?c }}")
    assert row["c"] == "HU"
    sectors = {r["s"] for r in kg.select(f"SELECT ?s WHERE {{ <{cluster}> hx:sector ?s }}")}
    assert sectors == {"https://w3id.org/helixgraph/ns#sectorHealth"}
    countries = {r["c"] for r in kg.select("SELECT ?c WHERE { ?a hx:country ?c }")}
    assert countries == {"HU"}
    health = scoped_network(kg, Scope(country="HU", sector="health")).actors
    assert set(health) == {ACTOR + who for who in ("a", "b", "c")}
