"""Exports open in researchers' tools: read back with networkx (GraphML, GEXF, JSON, Pajek),
with csv, and with rdflib (Turtle, N-Quads, JSON-LD), they hold what the store holds."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from conftest import FIXTURES
from typer.testing import CliRunner

from helixgraph.cli.commands import app
from helixgraph.network import export, views
from helixgraph.store import KnowledgeGraph

EX = "https://example.org/eco/"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "store"
    with KnowledgeGraph.open(path, default_data=False) as kg:
        kg.load([FIXTURES / "small-ecosystem.ttl"])
    return path


def run(*args: str) -> object:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


def test_graphml_round_trips_nodes_edges_and_helix(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.graphml"
    run("export", "--format", "graphml", "--out", str(out), "--store", str(store))
    G = nx.read_graphml(out)
    # the hand-worked fixture: A-B twice, A-C, B-C; D alone
    assert set(G) == {EX + n for n in "ABCD"}
    assert {frozenset((u, v)): w for u, v, w in G.edges(data="weight")} == {
        frozenset((EX + "A", EX + "B")): 2,
        frozenset((EX + "A", EX + "C")): 1,
        frozenset((EX + "B", EX + "C")): 1,
    }
    assert G.nodes[EX + "C"]["helix"] == "government"
    assert G.nodes[EX + "C"]["helices"] == "government;business"
    assert G.nodes[EX + "A"]["label"] == "Alpha University"


def test_years_filter_the_exported_network(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "late.graphml"
    run("export", "-f", "graphml", "-o", str(out), "--years", "2018-2020", "--store", str(store))
    assert nx.read_graphml(out).number_of_edges() == 1  # only P2's A-B


@pytest.mark.parametrize("fmt", ["gexf", "json", "pajek"])
def test_other_network_formats_read_back(store: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"g.{fmt}"
    run(
        "export", "--format", fmt, "--out", str(out), "--view", "affiliation", "--store", str(store)
    )
    if fmt == "gexf":
        G = nx.read_gexf(out)
    elif fmt == "json":
        G = nx.node_link_graph(json.loads(out.read_text()), edges="edges")
    else:
        G = nx.Graph(nx.read_pajek(out))
    assert G.number_of_nodes() == 6  # 4 actors, 2 collaborations
    assert G.number_of_edges() == 5  # 5 memberships


def test_csv_gives_nodes_and_edges(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    run("export", "--format", "csv", "--out", str(out), "--view", "relation", "--store", str(store))
    with (out / "nodes.csv").open() as file:
        nodes = {row["id"]: row for row in csv.DictReader(file)}
    with (out / "edges.csv").open() as file:
        edges = sorted(
            (row["source"], row["target"], row["relation"]) for row in csv.DictReader(file)
        )
    assert nodes[EX + "C"]["helices"] == "government;business"
    assert edges == sorted(
        [
            (EX + "C", EX + "A", "funds"),
            (EX + "A", EX + "B", "collaboratesWith"),
            (EX + "B", EX + "A", "collaboratesWith"),
        ]
    )


# rdflib 7's own N-Quads and JSON-LD parsers still call its deprecated Dataset.default_context
@pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize(
    ("fmt", "parser"), [("turtle", "turtle"), ("nquads", "nquads"), ("jsonld", "json-ld")]
)
def test_rdf_exports_hold_every_triple(store: Path, tmp_path: Path, fmt: str, parser: str) -> None:
    out = tmp_path / f"store.{fmt}"
    run("export", "--format", fmt, "--out", str(out), "--store", str(store))
    exported = rdflib.Dataset()
    exported.parse(out, format=parser)
    fixture = rdflib.Graph().parse(FIXTURES / "small-ecosystem.ttl")
    ground = {t for t in fixture if not any(isinstance(x, rdflib.BNode) for x in t)}
    held = {
        (s, p, o)
        for s, p, o, _ in exported.quads((None, None, None, None))
        if not any(isinstance(x, rdflib.BNode) for x in (s, p, o))
    }
    assert ground <= held
    if fmt == "nquads":
        graphs = {str(g) for _, _, _, g in exported.quads((None, None, None, None))}
        assert "https://w3id.org/helixgraph/graph/small-ecosystem" in graphs


def test_flatten_leaves_the_view_alone() -> None:
    kg = KnowledgeGraph.in_memory(default_data=False)
    kg.load([FIXTURES / "small-ecosystem.ttl"])
    G = views.collaboration_graph(kg)
    export.flatten(G)
    assert G.nodes[EX + "C"]["helices"] == ["government", "business"]


def test_bad_years_are_a_usage_error(store: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["export", "-o", str(tmp_path / "x"), "--years", "2020-2014", "--store", str(store)]
    )
    assert result.exit_code == 2


def test_csv_cells_are_never_formulas_and_names_must_agree(tmp_path: Path) -> None:
    store = tmp_path / "store"
    data = tmp_path / "formula.ttl"
    data.write_text(
        (FIXTURES / "small-ecosystem.ttl").read_text().replace('"', '"=HYPERLINK(1)&', 1),
        encoding="utf-8",
    )
    with KnowledgeGraph.open(store, default_data=False) as kg:
        kg.load([data], validate=False)
    out = tmp_path / "csv"
    run("export", "--format", "csv", "--out", str(out), "--store", str(store))
    with (out / "nodes.csv").open(encoding="utf-8") as file:
        cells = [cell for row in csv.reader(file) for cell in row]
    assert any(cell.startswith("'=HYPERLINK(1)&") for cell in cells)
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)
    mismatch = CliRunner().invoke(
        app, ["export", "-f", "gexf", "-o", str(tmp_path / "g.graphml"), "--store", str(store)]
    )
    assert mismatch.exit_code == 2
    assert "the name says graphml, but --format is gexf" in mismatch.stderr
    assert not (tmp_path / "g.graphml").exists()
    missing = CliRunner().invoke(
        app, ["export", "-o", str(tmp_path / "no" / "g.graphml"), "--store", str(store)]
    )
    assert missing.exit_code == 1
    assert "no such folder; nothing was written" in missing.stderr


def test_xml_results_carry_what_xml_cannot_hold_as_a_replacement() -> None:
    import io

    import pyoxigraph as ox

    from helixgraph.sparql.results import write_solutions

    body = write_solutions(["x"], [[ox.Literal("a\x00b\x07c")]], "application/sparql-results+xml")
    parsed = rdflib.query.Result.parse(io.BytesIO(body), format="xml")
    assert [str(row[0]) for row in parsed] == ["a\ufffdb\ufffdc"]
