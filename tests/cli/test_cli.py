"""The command line, run as a user runs it (exit codes, stderr, real stores on disk)."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import rdflib
from conftest import FIXTURES, SEED_FILE, default_actors, hungarian_slice_counts
from rdflib.namespace import RDF
from typer.testing import CliRunner

from helixgraph.cli.commands import app
from helixgraph.store import KnowledgeGraph

HX = rdflib.Namespace("https://w3id.org/helixgraph/ns#")
ORG = rdflib.Namespace("http://www.w3.org/ns/org#")
runner = CliRunner()


def run(*args: str) -> object:
    return runner.invoke(app, list(args))


def test_help_explains_every_command() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in ("serve", "load", "validate", "query", "stats"):
        assert command in result.output
    for command in ("serve", "load", "validate", "query", "stats"):
        sub = run(command, "--help")
        assert sub.exit_code == 0
        assert "--store" in sub.output or command == "validate"


def test_help_is_instant_because_heavy_modules_load_lazily() -> None:
    code = (
        "import sys, helixgraph.cli.commands; "
        "print(sorted(m for m in ('pyoxigraph', 'rdflib', 'networkx', 'fastapi', 'pyshacl') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_stats_json_counts_the_default_ecosystem(read_store: Path) -> None:
    result = run("stats", "--json", "--store", str(read_store))
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    actors = default_actors()
    primary = Counter(str(a["primary"]) for a in actors.values())
    assert figures["actors"]["by_helix"] == {h: primary[h] for h in figures["actors"]["by_helix"]}
    assert figures["actors"]["total"] == len(actors)
    by_graph = figures["by_graph"]
    assert by_graph["https://w3id.org/helixgraph/graph/seed-ecosystem"][
        "collaborations_by_kind"
    ] == {
        "cluster": 2,
        "project": 1,
    }
    assert (
        by_graph["https://w3id.org/helixgraph/graph/cordis-hu"]["memberships"]
        == hungarian_slice_counts()["memberships"]
    )


def test_query_answers_from_the_store(read_store: Path) -> None:
    query = (
        "SELECT ?year WHERE { <https://w3id.org/helixgraph/id/cluster/mediklaszter> "
        "schema:foundingDate ?year }"
    )
    result = run("query", query, "--format", "json", "--store", str(read_store))
    assert result.exit_code == 0, result.output
    bindings = json.loads(result.stdout)["results"]["bindings"]
    assert [b["year"]["value"] for b in bindings] == ["2006"]
    csv = run("query", query, "--format", "csv", "--store", str(read_store))
    assert csv.stdout.split() == ["year", "2006"]
    table = run("query", query, "--store", str(read_store))
    assert "2006" in table.stdout


def test_ask_and_construct(read_store: Path) -> None:
    ask = run("query", "ASK { ?a org:classification hx:community }", "--store", str(read_store))
    assert ask.stdout.strip() == "true"
    construct = run(
        "query",
        "CONSTRUCT { ?c hx:accreditedSince ?y } WHERE { ?c hx:accreditedSince ?y }",
        "--store",
        str(read_store),
    )
    assert "2008" in construct.stdout


def test_query_from_a_file(read_store: Path, tmp_path: Path) -> None:
    file = tmp_path / "q.rq"
    file.write_text("ASK { ?s a hx:Cluster }", encoding="utf-8")
    assert run("query", f"@{file}", "--store", str(read_store)).stdout.strip() == "true"


def test_a_bad_query_exits_1_with_its_position(read_store: Path) -> None:
    result = run("query", "SELECT * WHERE { ?s ?p }", "--store", str(read_store))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: line 1, column ")


def test_service_is_refused_on_the_command_line_too(read_store: Path) -> None:
    result = run(
        "query",
        "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
        "--store",
        str(read_store),
    )
    assert result.exit_code == 1
    assert "SERVICE is not allowed" in result.stderr


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The command line in a process of its own: a crash shows as its exit code. ``env`` adds
    variables to this process's."""
    import os

    return subprocess.run(
        [sys.executable, "-m", "helixgraph", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, **(env or {})},
    )


def test_what_would_overflow_the_engine_is_refused_not_crashed(
    read_store: Path, tmp_path: Path
) -> None:
    deep_query = "SELECT * WHERE " + "{" * 5000 + "}" * 5000
    result = cli("query", deep_query, "--store", str(read_store))
    assert result.returncode == 1, result.stderr
    assert "nested more than 128 levels deep" in result.stderr
    wide = "SELECT * WHERE { " + " UNION ".join(["{ BIND(1 AS ?x) }"] * 900) + " }"
    result = cli("query", wide, "--format", "csv", "--store", str(read_store))
    assert result.returncode == 0, result.stderr[-300:]  # wide, but within the limits
    assert result.stdout.count("\n1") == 900
    deep_file = tmp_path / "deep.jsonld"
    nested = '{"http://e.org/p": ' * 5000 + '{"@id": "http://e.org/b"}' + "}" * 5000
    deep_file.write_text(nested, encoding="utf-8")
    for command in (["validate"], ["load", "--store", str(tmp_path / "s")]):
        result = cli(*command, str(deep_file))
        assert result.returncode == 1, result.stderr
        assert "deep.jsonld:1:" in result.stderr
        assert "nested deeper than 256 levels" in result.stderr


def test_load_a_broken_file_names_it_and_changes_nothing(store_dir: Path, tmp_path: Path) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert (
        run("load", str(FIXTURES / "small-ecosystem.ttl"), "--store", str(store_dir)).exit_code == 0
    )
    before = json.loads(run("query", count, "-f", "json", "--store", str(store_dir)).stdout)
    broken = tmp_path / "broken.ttl"
    broken.write_text('@prefix ex: <https://e.org/> .\nex:a ex:b ex:c ;\n  ex:d "x .\n')
    result = run("load", str(broken), "--store", str(store_dir))
    assert result.exit_code == 1
    assert f"{broken}:3:" in result.stderr
    after = json.loads(run("query", count, "-f", "json", "--store", str(store_dir)).stdout)
    assert after == before


def test_load_then_query(store_dir: Path) -> None:
    result = run("load", str(FIXTURES / "small-ecosystem.ttl"), "--store", str(store_dir))
    assert result.exit_code == 0, result.output
    assert "small-ecosystem" in result.stderr
    ask = run("query", "ASK { <https://example.org/eco/A> ?p ?o }", "--store", str(store_dir))
    assert ask.stdout.strip() == "true"


def test_validate(tmp_path: Path) -> None:
    assert run("validate", str(SEED_FILE)).exit_code == 0
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix org: <http://www.w3.org/ns/org#> .\n<https://e.org/a> a org:FormalOrganization .\n"
    )
    result = run("validate", str(bad))
    assert result.exit_code == 1
    assert "needs a name" in result.stderr
    assert "at least one helix" in result.stderr


@pytest.mark.parametrize(
    "args",
    [["query"], ["load"], ["stats", "--bogus"], ["query", "ASK {}", "--format", "xml"]],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    assert run(*args).exit_code == 2


def test_an_unreadable_store_path_is_a_clear_error(tmp_path: Path) -> None:
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("x")
    result = run("stats", "--store", str(not_a_dir))
    assert result.exit_code == 1
    assert "not a directory" in result.stderr


def test_sources_and_drop(store_dir: Path) -> None:
    loaded = run("load", str(FIXTURES / "small-ecosystem.ttl"), "--store", str(store_dir))
    assert loaded.exit_code == 0
    listing = json.loads(run("sources", "--json", "--store", str(store_dir)).stdout)
    by_graph = {g["graph"]: g for g in listing}
    small = by_graph["https://w3id.org/helixgraph/graph/small-ecosystem"]
    assert small["source_file"] == "small-ecosystem.ttl"
    assert len(small["sha256"]) == 64
    table = run("sources", "--store", str(store_dir))
    assert "small-ecosystem" in table.stdout
    dropped = run("drop", "small-ecosystem", "--store", str(store_dir))
    assert dropped.exit_code == 0
    assert "dropped <https://w3id.org/helixgraph/graph/small-ecosystem>" in dropped.stderr
    again = run("drop", "small-ecosystem", "--store", str(store_dir))
    assert again.exit_code == 1
    assert "no graph" in again.stderr


def test_import_cordis_from_the_command_line(store_dir: Path) -> None:
    csv_file = str(FIXTURES / "cordis-hu-2016.csv")
    # --check reads and checks every row, says what would come in, and writes nothing
    with KnowledgeGraph.open(store_dir, read_only=True) as kg:
        before = {(g.graph, g.triples) for g in kg.graphs()}
    checked = run("import", "cordis", csv_file, "--check", "--store", str(store_dir))
    assert checked.exit_code == 0, checked.output
    assert "checked 2374 of 2374 rows" in checked.stderr
    graph = "<https://w3id.org/helixgraph/graph/cordis-hu-2016>"
    assert f"{graph}; nothing was written" in checked.stderr
    with KnowledgeGraph.open(store_dir, read_only=True) as kg:
        assert {(g.graph, g.triples) for g in kg.graphs()} == before
    result = run("import", "cordis", csv_file, "--store", str(store_dir))
    assert result.exit_code == 0, result.output
    assert "imported 2374 of 2374 rows" in result.stderr
    bad = run("import", "cordis", str(FIXTURES / "small-ecosystem.ttl"), "--store", str(store_dir))
    assert bad.exit_code == 1
    assert "not a CORDIS file" in bad.stderr


def test_bad_files_get_a_message_with_their_place_and_change_nothing(
    empty_store_dir: Path, tmp_path: Path
) -> None:
    store_dir = empty_store_dir
    import gzip

    good = "<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n"
    files = {
        "cut.nt.gz": gzip.compress(good.encode() * 100)[:60],
        "plain.nt.gz": good.encode(),
        "bomb.nt.gz": gzip.compress(b" " * (80 << 20), 9),
    }
    expected = {
        "cut.nt.gz": "not a readable gzip file (Compressed file ended before",
        "plain.nt.gz": "not a readable gzip file (Not a gzipped file",
        "bomb.nt.gz": "expands past 67,108,864 bytes (200 times its size): refused as a likely",
    }
    assert run("--store", str(store_dir), "stats").exit_code == 1  # no store there yet
    KnowledgeGraph.open(store_dir).close()
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
        for command in (["load", "--store", str(store_dir)], ["validate"]):
            result = run(*command, str(tmp_path / name))
            assert result.exit_code == 1, result.stderr[-300:]  # type: ignore[attr-defined]
            assert f"{tmp_path / name}: {expected[name]}" in result.stderr  # type: ignore[attr-defined]
    bom = tmp_path / "bom.nt"
    bom.write_bytes(b"\xef\xbb\xbf" + good.encode())
    assert run("validate", str(bom)).exit_code == 0  # type: ignore[attr-defined]


def test_bad_spreadsheets_say_file_line_and_what_to_do(store_dir: Path, tmp_path: Path) -> None:
    cases = {
        "latin": (b"id,name,helix\nx,caf\xe9,business\n", "actors.csv:2: not UTF-8 (byte 0xe9)"),
        "semicolons": (b"id;name;helix\n", "separated by semicolons: save it with commas"),
        "twice": (b"id,name,id\n", "actors.csv:1: header: column 'id' appears twice"),
    }
    for folder, (content, message) in cases.items():
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "actors.csv").write_bytes(content)
        result = run(
            "--store",
            str(store_dir),
            "import",
            "spreadsheet",
            str(tmp_path / folder / "actors.csv"),
        )
        assert result.exit_code == 1
        assert message in result.stderr
    (tmp_path / "gone").mkdir()
    missing = run(
        "--store", str(store_dir), "import", "spreadsheet", str(tmp_path / "gone" / "actors.csv")
    )
    assert missing.exit_code == 1
    assert "actors.csv: cannot read: No such file or directory" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_a_port_in_use_is_said_plainly(store_dir: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = cli("serve", "--store", str(store_dir), "--port", str(port))
    assert result.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}: Address already in use" in result.stderr


def test_ill_typed_literals_are_violations_said_once(tmp_path: Path) -> None:
    data = tmp_path / "ill.ttl"
    data.write_text(
        "@prefix hx: <https://w3id.org/helixgraph/ns#> . "
        "@prefix org: <http://www.w3.org/ns/org#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> . "
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        '<https://example.org/x> a org:FormalOrganization ; skos:prefLabel "X"@en ;\n'
        '  org:classification hx:business ; hx:founded "2016-02-30"^^xsd:date ;\n'
        '  hx:weight "abc"^^xsd:integer .\n',
        encoding="utf-8",
    )
    result = cli("validate", str(data))
    assert result.returncode == 1
    assert "2016-02-30 is not a valid xsd:date" in result.stderr
    assert "abc is not a valid xsd:integer" in result.stderr
    assert "Traceback" not in result.stderr
    assert "Failed to convert" not in result.stderr


def test_a_mistyped_store_is_refused_by_commands_that_only_read(tmp_path: Path) -> None:
    for command in (["stats"], ["query", "ASK {}"], ["sources"]):
        result = run(*command, "--store", str(tmp_path / "stroe"))
        assert result.exit_code == 1
        assert "stroe: no store here (a typo?)" in result.stderr
    assert not (tmp_path / "stroe").exists()


def test_a_pic_is_nine_ascii_digits() -> None:
    from helixgraph.importers.cordis_reading import PIC

    assert PIC.match("999904228")
    assert not PIC.match("٩٩٩٩٠٤٢٢٨")  # Arabic-Indic digits, which \d takes
    assert not PIC.match("９９９９０４２２８")  # noqa: RUF001 (full-width digits)


def test_serve_takes_host_and_port_from_helix_variables(store_dir: Path, tmp_path: Path) -> None:
    import os

    from conftest import free_port, wait_for

    port = free_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith("HELIX_")}
    environment |= {"HELIX_PORT": str(port), "HELIX_HOST": "127.0.0.1", "HELIX_WARM_UP": "false"}
    environment |= {"HELIX_STORE": str(store_dir)}  # a copy of a made store: made in seconds
    process = subprocess.Popen(
        [sys.executable, "-m", "helixgraph", "serve"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=environment,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/health", process, timeout=120)
    finally:
        process.terminate()
        _, err = process.communicate(timeout=30)
    assert f"serving {store_dir} on http://127.0.0.1:{port}" in err.decode()
    bad = cli("serve", env={"HELIX_PORT": "eighty"})
    assert bad.returncode == 1
    assert "HELIX_PORT='eighty': Input should be a valid integer" in bad.stderr


def test_init_empty_makes_a_store_that_stays_empty(tmp_path: Path) -> None:
    store = str(tmp_path / "mine")
    made = run("init", "--empty", "--store", store)
    assert made.exit_code == 0, made.output
    assert "the ontology only" in made.stderr
    figures = json.loads(run("stats", "--json", "--store", store).stdout)
    assert figures["actors"]["total"] == 0
    KnowledgeGraph.open(store).close()  # the next writable open must not bring the defaults back
    figures = json.loads(run("stats", "--json", "--store", store).stdout)
    assert figures["actors"]["total"] == 0
    assert run("load", str(FIXTURES / "small-ecosystem.ttl"), "--store", store).exit_code == 0
    figures = json.loads(run("stats", "--json", "--store", store).stdout)
    small = rdflib.Graph().parse(FIXTURES / "small-ecosystem.ttl")
    assert figures["actors"]["total"] == len(set(small.subjects(RDF.type, ORG.FormalOrganization)))
    again = run("init", "--store", store)
    assert again.exit_code == 1
    assert "a store is there already" in again.stderr


def test_a_dropped_default_graph_stays_dropped(store_dir: Path) -> None:
    def graphs() -> set[str]:
        listing = run("sources", "--json", "--store", str(store_dir)).stdout
        return {g["graph"] for g in json.loads(listing)}

    seed = "https://w3id.org/helixgraph/graph/seed-ecosystem"
    dropped = run("drop", "seed-ecosystem", "--store", str(store_dir))
    assert dropped.exit_code == 0, dropped.output
    run("load", str(FIXTURES / "small-ecosystem.ttl"), "--store", str(store_dir))  # opens it
    assert seed not in graphs()
    assert "https://w3id.org/helixgraph/graph/cordis-hu" in graphs()
    # loading the shipped file again brings it back, and the next open keeps it
    assert run("load", str(SEED_FILE), "--store", str(store_dir)).exit_code == 0
    run("drop", "small-ecosystem", "--store", str(store_dir))
    assert seed in graphs()


def test_helix_default_data_none_opens_a_new_store_without_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HELIX_DEFAULT_DATA", "none")
    store = str(tmp_path / "bare")
    assert run("load", str(FIXTURES / "small-ecosystem.ttl"), "--store", store).exit_code == 0
    graphs = {g["graph"] for g in json.loads(run("sources", "--json", "--store", store).stdout)}
    assert graphs == {
        "https://w3id.org/helixgraph/graph/ontology",
        "https://w3id.org/helixgraph/graph/small-ecosystem",
    }
    monkeypatch.setenv("HELIX_DEFAULT_DATA", "some")
    refused = run("stats", "--store", store)
    assert refused.exit_code == 1
    assert "HELIX_DEFAULT_DATA='some'" in refused.stderr


def test_report_writes_a_self_contained_printable_page(read_store: Path, tmp_path: Path) -> None:
    """MediKlaszter's members as one HTML file: the findings by name, nothing to load, no script;
    in Hungarian with --lang hu."""
    out = tmp_path / "report.html"
    result = run(
        "report", "--store", str(read_store), "--scope", "cluster=mediklaszter", "--out", str(out)
    )
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "What to look at first" in html
    assert "Semmelweis University" in html  # a member, by name
    assert "Health cluster B" not in html  # the seed's example of a second cluster
    assert "<script" not in html
    assert not re.findall(r'(?:src|href)="(?!#)[^"]*"', html)  # nothing to fetch
    drawn = re.search(r'<figure class="chart" id="county-map">(.*?)</figure>', html, re.S)
    assert drawn  # where the members are, county by county: Budapest for Semmelweis
    assert "Budapest: " in drawn[1]
    assert "<a " not in drawn[1]  # no explorer to lead to from a file
    hungarian = tmp_path / "jelentes.html"
    result = run(
        "report", "--store", str(read_store), "--scope", "cluster=mediklaszter",
        "--lang", "hu", "--out", str(hungarian),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = hungarian.read_text(encoding="utf-8")
    assert "Amit először érdemes megnézni" in text
    assert "tudományos szféra" in text


def test_report_says_what_is_wrong_and_writes_nothing(read_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "missing" / "report.html"
    result = run("report", "--store", str(read_store), "--out", str(out))
    assert result.exit_code == 1
    assert "does not exist" in result.output
    result = run(
        "report", "--store", str(read_store), "--scope", "sector=nonsense",
        "--out", str(tmp_path / "r.html"),
    )  # fmt: skip
    assert result.exit_code == 1
    assert "nonsense" in result.output
    assert not (tmp_path / "r.html").exists()


@pytest.mark.slow
def test_report_prints_to_pdf_with_chromium(read_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    result = run(
        "report", "--store", str(read_store), "--scope", "cluster=mediklaszter",
        "--format", "pdf", "--out", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")


def test_query_csv_never_hands_a_spreadsheet_a_formula(read_store: Path) -> None:
    formula = '=HYPERLINK("http://127.0.0.1:9/","click")'
    sparql = f"SELECT ?x ?n WHERE {{ BIND('{formula}' AS ?x) BIND(-3 AS ?n) }}"
    result = cli("query", sparql, "--format", "csv", "--store", str(read_store))
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows == [["x", "n"], ["'" + formula, "-3"]]  # the number stays a number
    raw = cli("query", sparql, "--format", "json", "--store", str(read_store))
    assert json.loads(raw.stdout)["results"]["bindings"][0]["x"]["value"] == formula


def test_a_users_file_never_takes_a_shipped_graphs_name(store_dir: Path, tmp_path: Path) -> None:
    seed = "https://w3id.org/helixgraph/graph/seed-ecosystem"
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{seed}> {{ ?s ?p ?o }} }}"
    before = cli("query", count, "--format", "json", "--store", str(store_dir)).stdout
    mine = tmp_path / "my" / "seed-ecosystem.ttl"
    mine.parent.mkdir()
    mine.write_text("<https://e.org/a> <https://e.org/b> <https://e.org/c> .\n")
    result = run("load", str(mine), "--store", str(store_dir))
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert "which helixgraph ships" in result.stderr
    assert "my-seed-ecosystem.ttl" in result.stderr
    assert cli("query", count, "--format", "json", "--store", str(store_dir)).stdout == before
    # the shipped file itself may still be loaded again, and a renamed copy goes beside it
    assert run("load", str(SEED_FILE), "--store", str(store_dir)).exit_code == 0  # type: ignore[attr-defined]
    renamed = mine.rename(mine.with_name("my-seed-ecosystem.ttl"))
    assert run("load", str(renamed), "--store", str(store_dir)).exit_code == 0  # type: ignore[attr-defined]
    assert cli("query", count, "--format", "json", "--store", str(store_dir)).stdout == before


def test_export_and_viz_take_a_scope(read_store: Path, tmp_path: Path) -> None:
    """`--scope country=Hungary` as analyze takes it: the Hungarian actors only, by name."""
    import networkx as nx
    from conftest import default_actors

    out = tmp_path / "hu.graphml"
    result = run(
        "export", "--out", str(out), "--view", "actors", "--scope", "country=Hungary",
        "--store", str(read_store),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    G = nx.read_graphml(out)
    hungarian = {iri for iri, a in default_actors().items() if a["country"] == "HU"}
    assert set(G) <= hungarian
    assert len(G) > 0.9 * len(hungarian)  # those with a membership or a tie
    page = tmp_path / "hu.html"
    result = run(
        "viz", "--out", str(page), "--view", "actors", "--scope", "country=HU,sector=health",
        "--store", str(read_store),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "MediKlaszter" in page.read_text(encoding="utf-8")
    refused = run("export", "--out", str(tmp_path / "x.ttl"), "--scope", "country=HU",
                  "--store", str(read_store))  # fmt: skip
    assert refused.exit_code == 2
