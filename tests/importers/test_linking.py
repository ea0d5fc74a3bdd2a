"""`helixgraph link`: a spreadsheet's actors found among the EU organisations by name, measured
on a labelled set of real Hungarian organisations (official accented names, English names) and
invented ones that must stay unlinked; `--apply` and the spreadsheet's `pic` column make one
actor of two records."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from conftest import FIXTURES
from typer.testing import CliRunner

from helixgraph.cli.commands import app
from helixgraph.errors import RowsError
from helixgraph.importers.linking import link_actors
from helixgraph.importers.spreadsheet import import_spreadsheet
from helixgraph.network.records import actor_detail
from helixgraph.network.views import actor_network
from helixgraph.store import KnowledgeGraph

LABELLED = FIXTURES / "link-labelled.csv"
ACTOR = "https://w3id.org/helixgraph/id/actor/"
runner = CliRunner()


def labelled() -> list[dict[str, str]]:
    with LABELLED.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_link_precision_and_recall_on_real_hungarian_organisations(read_store: Path) -> None:
    """The issue asks precision >= 0.95 and recall >= 0.85; the labels were made by hand from
    the CORDIS names file (tests/fixtures/README.md)."""
    rows = labelled()
    with KnowledgeGraph.open(read_store, read_only=True) as kg:
        links = link_actors(kg, rows)
    right = sum(1 for r, k in zip(rows, links, strict=True) if k.pic and k.pic == r["expected_pic"])
    proposed = sum(1 for k in links if k.pic)
    expected = sum(1 for r in rows if r["expected_pic"])
    precision, recall = right / proposed, right / expected
    print(f"link: precision {precision:.3f} ({right}/{proposed}), recall {recall:.3f}")
    assert precision >= 0.95
    assert recall >= 0.85
    invented = [k for r, k in zip(rows, links, strict=True) if not r["expected_pic"]]
    assert len(invented) >= 10
    assert all(k.pic is None for k in invented)  # "Semmelweis Kiadó" is not Semmelweis


def write_template(folder: Path, actors: str, memberships: str) -> Path:
    folder.mkdir()
    (folder / "actors.csv").write_text(
        "id,name,helix,country,region,sector,website\n" + actors, encoding="utf-8"
    )
    (folder / "memberships.csv").write_text(
        "actor,collaboration,role,start,end\n" + memberships, encoding="utf-8"
    )
    return folder


def test_link_apply_makes_one_actor_of_the_spreadsheet_s_and_the_eu_record(
    store_dir: Path, tmp_path: Path
) -> None:
    folder = write_template(
        tmp_path / "my-cluster",
        "sote,Semmelweis Egyetem,academia,HU,,,\nacme,Acme Medtech Kft.,business,HU,,,\n",
        "sote,Test Health Cluster,clusterMember,2020,\n"
        "acme,Test Health Cluster,clusterMember,2020,\n",
    )
    with KnowledgeGraph.open(store_dir) as kg:
        import_spreadsheet(kg, sorted(folder.iterdir()))
        assert ACTOR + "sote" in actor_network(kg)
    out = tmp_path / "links.csv"
    result = runner.invoke(
        app, ["link", str(folder), "--out", str(out), "--apply", "--store", str(store_dir)]
    )
    assert result.exit_code == 0, result.output
    assert "1 of 2 actors found" in result.stderr
    with out.open(encoding="utf-8", newline="") as file:
        written = list(csv.DictReader(file))
    assert [(r["id"], r["pic"]) for r in written] == [("sote", "999860675"), ("acme", "")]
    with KnowledgeGraph.open(store_dir, read_only=True) as kg:
        network = actor_network(kg)
        semmelweis = ACTOR + "pic-999860675"
        assert ACTOR + "sote" not in network
        assert network.has_edge(semmelweis, ACTOR + "acme")  # the spreadsheet's tie, merged
        record = actor_detail(kg, ACTOR + "sote")
    assert record is not None
    assert record["iri"] == semmelweis
    assert record["same_as"] == [ACTOR + "sote"]
    labels = {m["label"] for m in record["memberships"]}
    assert {"Test Health Cluster", "MediKlaszter"} <= labels


def test_a_spreadsheet_pic_column_names_the_eu_record(store_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "with-pic"
    folder.mkdir()
    (folder / "actors.csv").write_text(
        "id,name,helix,country,region,sector,website,pic\n"
        "bme,BME,academia,HU,,,,999904228\nx,X Kft.,business,HU,,,,12345\n",
        encoding="utf-8",
    )
    with KnowledgeGraph.open(store_dir) as kg:
        with pytest.raises(RowsError, match=r"actors.csv:3: pic: '12345' is not a PIC"):
            import_spreadsheet(kg, [folder / "actors.csv"])
        (folder / "actors.csv").write_text(
            "id,name,helix,country,region,sector,website,pic\nbme,BME,academia,HU,,,,999904228\n",
            encoding="utf-8",
        )
        before = len(actor_network(kg))
        import_spreadsheet(kg, [folder / "actors.csv"])
        assert len(actor_network(kg)) == before  # no new node: BME is there already
        assert ACTOR + "bme" not in actor_network(kg)


def test_link_says_what_is_wrong_with_its_input(read_store: Path, tmp_path: Path) -> None:
    missing = runner.invoke(app, ["link", str(tmp_path / "nope.csv"), "--store", str(read_store)])
    assert missing.exit_code == 1
    assert "nope.csv: no such file" in missing.stderr
    bad = tmp_path / "people.csv"
    bad.write_text("who,where\nA,B\n", encoding="utf-8")
    refused = runner.invoke(app, ["link", str(bad), "--store", str(read_store)])
    assert refused.exit_code == 1
    assert "people.csv:1: header: missing id, name" in refused.stderr
    listed = runner.invoke(app, ["link", str(LABELLED), "--store", str(read_store)])
    assert listed.exit_code == 0
    assert listed.stdout.splitlines()[0] == "id,name,pic,matched_name,score"
    assert json.dumps("Debreceni Egyetem")[1:-1] in listed.stdout


def test_link_on_a_store_without_eu_organisations_says_so(tmp_path: Path) -> None:
    store = str(tmp_path / "mine")
    assert runner.invoke(app, ["init", "--empty", "--store", store]).exit_code == 0
    result = runner.invoke(app, ["link", str(LABELLED), "--store", store])
    assert result.exit_code == 1
    assert "no EU organisation" in result.stderr
