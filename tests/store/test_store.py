"""The store on disk: initialised with the shipped files, all-or-nothing loads, locks, recovery."""

from __future__ import annotations

import gzip
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from conftest import FIXTURES, ONTOLOGY_FILE, ROOT, SEED_FILE

from helixgraph.errors import (
    InputError,
    QueryRefusedError,
    QuerySyntaxError,
    RDFSyntaxError,
    StoreError,
    UnsupportedFormatError,
    UpdateTimeoutError,
    ValidationError,
)
from helixgraph.rdf.namespaces import GRAPH_BASE
from helixgraph.store import ONTOLOGY_GRAPH, PENDING, GraphWrite, KnowledgeGraph

SEED_GRAPH = GRAPH_BASE + "seed-ecosystem"
HU_GRAPH = GRAPH_BASE + "cordis-hu"
NAMES_GRAPH = GRAPH_BASE + "cordis-hu-names"
GOOD = """@prefix hx: <https://w3id.org/helixgraph/ns#> . @prefix org: <http://www.w3.org/ns/org#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://example.org/x> a org:FormalOrganization ; skos:prefLabel "X"@en ;
    org:classification hx:business .
"""
# The string opened on line 3, column 11 never closes.
BROKEN = """@prefix ex: <https://example.org/> .
ex:a ex:b ex:c .
ex:a ex:b "never closed .
"""


def ground_triples(graph: rdflib.Graph) -> set[tuple[object, object, object]]:
    """Triples without blank nodes; literals by value ("2091.0" and "2091" are one decimal)."""
    return {
        (s, p, (o.toPython(), o.datatype, o.language) if isinstance(o, rdflib.Literal) else o)
        for s, p, o in graph
        if not any(isinstance(term, rdflib.BNode) for term in (s, p, o))
    }


def store_ground_triples(kg: KnowledgeGraph, graph: str) -> set[tuple[object, object, object]]:
    loaded = rdflib.Graph()
    nt = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in kg.quads(graph))
    loaded.parse(data=nt, format="nt")
    return ground_triples(loaded)


def snapshot(kg: KnowledgeGraph) -> set[str]:
    return {str(q) for q in kg.quads()}


def snapshot_without_provenance(kg: KnowledgeGraph) -> set[str]:
    """The data, whatever graph holds it, without descriptions of graphs or blank nodes."""
    return {
        f"{q.subject} {q.predicate} {q.object}"
        for q in kg.quads()
        if not q.subject.value.startswith(GRAPH_BASE)
        and not any(isinstance(t, ox.BlankNode) for t in (q.subject, q.object))
    }


def test_a_new_store_holds_the_ontology_and_the_seed_each_in_its_graph(
    empty_store_dir: Path,
) -> None:
    store_dir = empty_store_dir
    with KnowledgeGraph.open(store_dir) as kg:
        assert kg.graph_names() == [HU_GRAPH, NAMES_GRAPH, ONTOLOGY_GRAPH, SEED_GRAPH]
        for path, graph in ((ONTOLOGY_FILE, ONTOLOGY_GRAPH), (SEED_FILE, SEED_GRAPH)):
            expected = ground_triples(rdflib.Graph().parse(path))
            held = store_ground_triples(kg, graph)
            assert expected <= held
            # the rest is the provenance of the graph itself
            extra = {t[0] for t in held - expected}
            assert extra == {rdflib.URIRef(graph)}  # the provenance of the graph itself
        shipped = gzip.decompress((ROOT / "data" / "cordis-hu.nt.gz").read_bytes())
        assert len(list(kg.quads(HU_GRAPH))) == shipped.count(b"\n") + 7  # + its provenance
    assert (store_dir / "CURRENT").exists(), "an Oxigraph store on disk"


def test_graph_provenance_records_file_and_checksum(store_dir: Path) -> None:
    import hashlib

    with KnowledgeGraph.open(store_dir) as kg:
        info = {g.graph: g for g in kg.graphs()}[SEED_GRAPH]
    assert info.source_file == "seed-ecosystem.ttl"
    assert info.sha256 == hashlib.sha256(SEED_FILE.read_bytes()).hexdigest()
    assert info.source_graph == SEED_GRAPH
    # 7 provenance triples, one of which (<graph> a prov:Entity) the file states itself
    assert info.triples == len(rdflib.Graph().parse(SEED_FILE)) + 6


def test_reopening_keeps_the_data_and_does_not_reload(store_dir: Path) -> None:
    with KnowledgeGraph.open(store_dir) as kg:
        before = snapshot(kg)
    with KnowledgeGraph.open(store_dir) as kg:
        assert snapshot(kg) == before


def test_an_outdated_shipped_graph_is_replaced_on_open(store_dir: Path) -> None:
    with KnowledgeGraph.open(store_dir) as kg:
        before = snapshot_without_provenance(kg)
        # as if an older helixgraph had loaded another version of the file
        checksum = "<https://w3id.org/helixgraph/ns#sha256>"
        kg._store.update(
            f"DELETE WHERE {{ GRAPH <{SEED_GRAPH}> {{ <{SEED_GRAPH}> {checksum} ?s }} }} ;"
            f'INSERT DATA {{ GRAPH <{SEED_GRAPH}> {{ <{SEED_GRAPH}> {checksum} "old" .'
            f" <https://example.org/old> {checksum} 1 }} }}"
        )
    with KnowledgeGraph.open(store_dir) as kg:
        assert not kg.ask("ASK { <https://example.org/old> ?p ?o }")
        assert kg.graph_names() == [HU_GRAPH, NAMES_GRAPH, ONTOLOGY_GRAPH, SEED_GRAPH]
        assert snapshot_without_provenance(kg) == before


def test_a_broken_turtle_file_names_line_and_column_and_changes_nothing(
    store_dir: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text(BROKEN, encoding="utf-8")
    good = tmp_path / "good.ttl"
    good.write_text(GOOD, encoding="utf-8")
    with KnowledgeGraph.open(store_dir) as kg:
        before = snapshot(kg)
        with pytest.raises(RDFSyntaxError) as caught:
            kg.load([good, broken])
        assert (caught.value.line, caught.value.column) == (3, 11)
        assert str(caught.value).startswith(f"{broken}:3:11: ")
        assert snapshot(kg) == before


def test_a_line_longer_than_the_parser_holds_is_named_not_a_memory_error(
    seed_kg: KnowledgeGraph, tmp_path: Path
) -> None:
    huge = tmp_path / "huge.nt"
    # 17 MiB in one literal on line 2: past the 16 MiB Oxigraph's reader holds
    huge.write_bytes(
        b"<https://example.org/a> <https://example.org/p> <https://example.org/b> .\n"
        b'<https://example.org/a> <https://example.org/p> "' + b"x" * (17 << 20) + b'" .\n'
    )
    size = len(seed_kg)
    with pytest.raises(RDFSyntaxError, match="longer than 16 MiB") as caught:
        seed_kg.load([huge])
    assert str(caught.value).startswith(f"{huge}:2: ")
    assert len(seed_kg) == size


def test_data_breaking_the_shapes_is_refused_with_every_violation(
    store_dir: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix org: <http://www.w3.org/ns/org#> .\n"
        "<https://example.org/a> a org:FormalOrganization .\n"
        "<https://example.org/m> a org:Membership ; org:member <https://example.org/a> .\n",
        encoding="utf-8",
    )
    with KnowledgeGraph.open(store_dir) as kg:
        before = snapshot(kg)
        with pytest.raises(ValidationError) as caught:
            kg.load([bad])
        assert len(caught.value.violations) == 3
        assert "https://example.org/m" in str(caught.value)
        assert snapshot(kg) == before


def test_loading_adds_a_graph_and_reloading_replaces_it(store_dir: Path, tmp_path: Path) -> None:
    file = tmp_path / "extra.ttl"
    file.write_text(GOOD, encoding="utf-8")
    with KnowledgeGraph.open(store_dir) as kg:
        first = kg.load([file])
        assert [(g.graph, g.triples, g.replaced) for g in first] == [
            (GRAPH_BASE + "extra", 3, False)
        ]
        size = len(kg)
        file.write_text(GOOD.replace('"X"@en', '"Y"@en'), encoding="utf-8")
        second = kg.load([file])
        assert second[0].replaced
        assert second[0].graph == GRAPH_BASE + "extra"  # a re-import keeps the graph's name
        assert GRAPH_BASE + "extra" in kg.graph_names()
        assert not any(name.startswith(GRAPH_BASE + "extra/") for name in kg.graph_names())
        assert len(kg) == size  # the same number of triples: nothing about the old graph stays
        labels = [
            r["l"]
            for r in kg.select("SELECT ?l WHERE { <https://example.org/x> skos:prefLabel ?l }")
        ]
        assert labels == ["Y"]


def test_references_to_what_the_store_holds_validate(store_dir: Path, tmp_path: Path) -> None:
    file = tmp_path / "membership.ttl"
    file.write_text(
        GOOD + "<https://example.org/m> a org:Membership ; org:member <https://example.org/x> ;\n"
        "    org:organization <https://w3id.org/helixgraph/id/cluster/mediklaszter> ;\n"
        "    org:role hx:clusterMember .\n",
        encoding="utf-8",
    )
    with KnowledgeGraph.open(store_dir) as kg:
        kg.load([file])
        assert kg.ask(
            "ASK { ?m org:member <https://example.org/x> ; org:organization ?c . ?c a hx:Cluster }"
        )


def test_an_unsupported_format_is_refused_before_reading(store_dir: Path, tmp_path: Path) -> None:
    with (
        KnowledgeGraph.open(store_dir) as kg,
        pytest.raises(UnsupportedFormatError, match=r"\.xlsx"),
    ):
        kg.load([tmp_path / "missing.xlsx"])


def test_a_graph_left_pending_by_a_crash_is_removed_on_open(store_dir: Path) -> None:
    with KnowledgeGraph.open(store_dir) as kg:
        before = snapshot(kg)
        pending = ox.NamedNode(GRAPH_BASE + "interrupted")
        kg._store.extend(
            [
                ox.Quad(pending, ox.NamedNode(PENDING), ox.Literal("true"), pending),
                ox.Quad(
                    ox.NamedNode("https://example.org/s"),
                    ox.NamedNode("https://example.org/p"),
                    ox.Literal("o"),
                    pending,
                ),
            ]
        )
    with KnowledgeGraph.open(store_dir, read_only=True) as kg:
        # a reader (the CLI beside a server, before any writable open) does not see it either
        assert not kg.ask("ASK { <https://example.org/s> ?p ?o }")
        assert not kg.ask("ASK { GRAPH ?g { <https://example.org/s> ?p ?o } }")
        assert kg.ask("ASK { <https://w3id.org/helixgraph/id/actor/mediklaszter> ?p ?o }")
    with KnowledgeGraph.open(store_dir) as kg:
        assert snapshot(kg) == before


def test_a_crash_while_copying_under_the_source_s_name_loses_nothing(
    store_dir: Path, tmp_path: Path
) -> None:
    file = tmp_path / "extra.ttl"
    file.write_text(GOOD, encoding="utf-8")
    with KnowledgeGraph.open(store_dir) as kg:
        kg.load([file])
        size = len(kg)
        file.write_text(GOOD.replace('"X"@en', '"Y"@en'), encoding="utf-8")
        real = kg._store
        kg._store = _DiesWhileCopying(real)  # type: ignore[assignment]
        with pytest.raises(StoreError, match="killed"):
            kg.load([file])
        kg._store = real
        labels = kg.select("SELECT ?l WHERE { <https://example.org/x> skos:prefLabel ?l }")
        assert [r["l"] for r in labels] == ["Y"]  # the half-copied graph is not read
        del real
    with KnowledgeGraph.open(store_dir) as kg:
        assert [g for g in kg.graph_names() if "extra" in g] == [GRAPH_BASE + "extra"]
        labels = kg.select("SELECT ?l WHERE { <https://example.org/x> skos:prefLabel ?l }")
        assert [r["l"] for r in labels] == ["Y"]
        assert len(kg) == size


def test_a_crash_while_retiring_keeps_the_newer_version(store_dir: Path, tmp_path: Path) -> None:
    file = tmp_path / "extra.ttl"
    file.write_text(GOOD, encoding="utf-8")
    with KnowledgeGraph.open(store_dir) as kg:
        kg.load([file])
        file.write_text(GOOD.replace('"X"@en', '"Y"@en'), encoding="utf-8")
        # a write that stops after its commit, before the old graph is removed
        real = kg._store
        kg._store = _NoRemoval(real)  # type: ignore[assignment]
        with pytest.raises(StoreError, match="killed"):
            kg.load([file])
        kg._store = real
        del real  # the store's lock goes with its last reference
        # readers already see the new data alone: the old graph was marked at the commit
        labels = kg.select("SELECT ?l WHERE { <https://example.org/x> skos:prefLabel ?l }")
        assert [r["l"] for r in labels] == ["Y"]
    with KnowledgeGraph.open(store_dir) as kg:
        assert [g for g in kg.graph_names() if "extra" in g] == [GRAPH_BASE + "extra"]
        labels = kg.select("SELECT ?l WHERE { <https://example.org/x> skos:prefLabel ?l }")
        assert [r["l"] for r in labels] == ["Y"]


FORGED_SOURCE = """@prefix hx: <https://w3id.org/helixgraph/ns#> .
@prefix prov: <http://www.w3.org/ns/prov#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/helixgraph/graph/notes> hx:sourceGraph <https://w3id.org/helixgraph/graph/extra> ;
    prov:generatedAtTime "2999-01-01T00:00:00+00:00"^^xsd:dateTime .
"""
FORGED_PENDING = """@prefix hx: <https://w3id.org/helixgraph/ns#> .
<https://w3id.org/helixgraph/graph/notes> hx:pendingImport "true" .
"""


@pytest.mark.parametrize("forgery", [FORGED_SOURCE, FORGED_PENDING])
def test_data_cannot_state_the_store_s_bookkeeping(
    forgery: str, store_dir: Path, tmp_path: Path
) -> None:
    extra, notes = tmp_path / "extra.ttl", tmp_path / "notes.ttl"
    extra.write_text(GOOD, encoding="utf-8")
    notes.write_text(GOOD.replace("example.org/x", "example.org/n") + forgery, encoding="utf-8")
    with KnowledgeGraph.open(store_dir) as kg:
        kg.load([extra])
        before = snapshot(kg)
        with pytest.raises(InputError, match=r"notes.ttl: \d statement\(s\) of the store's own"):
            kg.load([notes])
        assert snapshot(kg) == before


@pytest.mark.parametrize("forgery", [FORGED_SOURCE, FORGED_PENDING])
def test_forged_bookkeeping_that_got_in_deletes_nothing(forgery: str, store_dir: Path) -> None:
    """Should such statements get in by another way (a store written by an older version), the
    next open still removes nothing that the store itself did not mark."""
    triples = [q.triple for q in ox.parse(forgery.encode(), format=ox.RdfFormat.TURTLE)]
    good = [q.triple for q in ox.parse(GOOD.encode(), format=ox.RdfFormat.TURTLE)]
    with KnowledgeGraph.open(store_dir) as kg:
        kg.write([GraphWrite(GRAPH_BASE + "extra", "extra.ttl", "1" * 64, triples=good)])
        kg.write([GraphWrite(GRAPH_BASE + "notes", "notes.ttl", "2" * 64, triples=triples)])
        before = set(kg.graph_names())
    with KnowledgeGraph.open(store_dir) as kg:
        assert set(kg.graph_names()) == before


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { GRAPH <https://w3id.org/helixgraph/graph/x> { "
        "<https://w3id.org/helixgraph/graph/x> hx:pendingImport 'true' } }",
        "PREFIX h: <https://w3id.org/helixgraph/ns#> INSERT DATA { <urn:g> h:sourceGraph <urn:s> }",
        "INSERT DATA { <urn:g> <https://w3id.org/helixgraph/ns#sourceGraph> <urn:x> }",
        "INSERT { ?g ?p 1 } WHERE { VALUES ?p { hx:pendingImport } BIND(<urn:g> AS ?g) }",
    ],
)
def test_updates_cannot_state_the_store_s_bookkeeping(update: str, seed_kg: KnowledgeGraph) -> None:
    before = snapshot(seed_kg)
    with pytest.raises(QueryRefusedError, match="the store's own bookkeeping"):
        seed_kg.update(update)
    assert snapshot(seed_kg) == before


class _NoRemoval:
    """A store that dies when asked to remove a graph."""

    def __init__(self, store: ox.Store):
        self._store = store

    def remove_graph(self, graph: object) -> None:
        raise OSError("killed")

    def __getattr__(self, name: str) -> object:
        return getattr(self._store, name)


class _DiesWhileCopying(_NoRemoval):
    """A store that dies after copying one quad of a version under its source's own name."""

    def remove_graph(self, graph: object) -> None:
        self._store.remove_graph(graph)

    def bulk_extend(self, quads: Iterable[ox.Quad]) -> None:
        self._store.extend([next(iter(quads))])
        raise OSError("killed")


KILLED_IMPORT = r"""
import sys
from pathlib import Path
from helixgraph.rdf.namespaces import GRAPH_BASE
from helixgraph.store import GraphWrite, KnowledgeGraph

def lines():
    for i in range(2_000_000):
        if i == 50_000:
            Path(sys.argv[2]).touch()  # the test kills us from here on
        yield f"<https://example.org/s{i}> <https://example.org/p> \"{i}\" .\n".encode()

kg = KnowledgeGraph.open(sys.argv[1])
kg.write([GraphWrite(GRAPH_BASE + "big", "big.nt", "0" * 64, ntriples=lines)])
"""


def test_a_kill_mid_import_leaves_the_store_as_it_was(store_dir: Path, tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    with KnowledgeGraph.open(store_dir) as kg:
        before = snapshot(kg)
    started = tmp_path / "started"
    process = subprocess.Popen([sys.executable, "-c", KILLED_IMPORT, str(store_dir), str(started)])
    deadline = time.monotonic() + 60
    while not started.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert started.exists(), "the import never started"
    process.send_signal(signal.SIGKILL)
    process.wait()
    # what Oxigraph's bulk loader leaves when killed between writing a sorted file and moving
    # it into the database (observed: 23 MB each, 946 MB after ten kills)
    abandoned = store_dir / "bulk-23970593228608868750812126157765193733.sst"
    abandoned.write_bytes(b"\0" * 1024)
    with KnowledgeGraph.open(store_dir) as kg:
        assert snapshot(kg) == before
    assert not list(store_dir.glob("bulk-*.sst"))


def test_a_crash_while_bulk_loading_leaves_the_store_as_it_was(store_dir: Path) -> None:
    def lines() -> Iterator[bytes]:
        yield b"<https://example.org/a> <https://example.org/p> <https://example.org/b> .\n"
        raise OSError("killed mid-import")

    with KnowledgeGraph.open(store_dir) as kg:
        before = snapshot(kg)
        with pytest.raises((StoreError, OSError)):
            kg.write([GraphWrite(GRAPH_BASE + "big", "big.nt", "0" * 64, ntriples=lines)])
    with KnowledgeGraph.open(store_dir) as kg:
        assert snapshot(kg) == before


def test_a_bulk_load_is_compacted_after_it_commits_and_a_small_write_is_not(
    store_dir: Path,
) -> None:
    """Compaction is the bulk write's last step (reads of the loaded files slow down 3.5 times
    without it at 16 M triples: ``python -m bench remote``); a transaction needs none."""

    def lines() -> Iterator[bytes]:
        for i in range(20_000):
            yield f'<https://example.org/s{i}> <https://example.org/p> "{i}" .\n'.encode()

    told: list[int] = []
    with KnowledgeGraph.open(store_dir) as kg:
        count = len(kg)
        kg.write(
            [GraphWrite(GRAPH_BASE + "big", "big.nt", "0" * 64, ntriples=lines)],
            compacting=lambda: told.append(len(kg)),
        )
        # the hook comes once the data is committed and readable, before the compaction
        assert len(told) == 1
        assert told[0] >= count + 20_000
        a, p = ox.NamedNode("https://example.org/a"), ox.NamedNode("https://example.org/p")
        small = [ox.Triple(a, p, a)]
        kg.write(
            [GraphWrite(GRAPH_BASE + "small", "small.nt", "1" * 64, triples=small)],
            compacting=lambda: told.append(-1),
        )
        assert len(told) == 1
    with KnowledgeGraph.open(store_dir, read_only=True) as kg:
        rows = kg.select(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s <https://example.org/p> ?o } } "
            "GROUP BY ?g",
            g=ox.NamedNode(GRAPH_BASE + "big"),
        )
        assert rows[0]["n"] == "20000"


def test_a_second_writer_is_told_the_store_is_in_use_and_readers_still_read(
    store_dir: Path,
) -> None:
    with KnowledgeGraph.open(store_dir) as kg:
        with pytest.raises(StoreError, match="in use by another process"):
            KnowledgeGraph.open(store_dir)
        reader = KnowledgeGraph.open(store_dir, read_only=True)
        assert len(reader) == len(kg)
        with pytest.raises(StoreError, match="read-only"):
            reader.load([FIXTURES / "small-ecosystem.ttl"])


def test_an_update_past_its_deadline_writes_nothing_and_the_store_writes_after(
    store_dir: Path,
) -> None:
    with KnowledgeGraph.open(store_dir, default_data=False) as kg:
        before = snapshot(kg)
        # an update reads the default graph itself (empty here): the runaway names the graphs
        runaway = (
            "INSERT { ?a hx:p ?c } "
            "WHERE { GRAPH ?x { ?a ?b ?c } GRAPH ?y { ?d ?e ?f } GRAPH ?z { ?g ?h ?i } }"
        )
        with pytest.raises(UpdateTimeoutError, match="nothing was written"):
            kg.update(runaway, deadline=1)
        assert snapshot(kg) == before
        broken = "INSERT DATA {\n  <a> }"
        with pytest.raises(QuerySyntaxError) as error:
            kg.update(broken, deadline=10)
        assert error.value.line == 2
        small = "INSERT DATA { GRAPH <https://e.org/g> { <https://e.org/a> hx:p 1 } }"
        kg.update(small, deadline=10)
        assert kg.ask("ASK { <https://e.org/a> hx:p 1 }")
        # the process takes the write lock again for its own writes
        kg.update("INSERT DATA { GRAPH <https://e.org/g> { <https://e.org/b> hx:p 2 } }")
    with KnowledgeGraph.open(store_dir, read_only=True) as reader:
        assert reader.ask("ASK { <https://e.org/a> hx:p 1 . <https://e.org/b> hx:p 2 }")
        assert len(snapshot(reader)) == len(before) + 2


def test_query_errors_point_at_line_and_column(seed_kg: KnowledgeGraph) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        seed_kg.query("SELECT *\nWHERE { ?s ?p }")
    assert caught.value.line == 2
    assert isinstance(caught.value.column, int)
    assert str(caught.value).startswith("line 2, column ")


def test_default_graph_is_the_union_of_named_graphs(seed_kg: KnowledgeGraph) -> None:
    # the ontology graph and the seed graph answer one query together
    assert seed_kg.ask("ASK { ?a org:classification ?h . ?h skos:definition ?d }")


def test_scoped_answers_are_kept_for_the_last_few_scopes_only() -> None:
    kg = KnowledgeGraph.in_memory(initialise=False)
    most = KnowledgeGraph.SCOPES_KEPT
    years = range(2000, 2000 + most + 6)
    kg.memo("whole", lambda: 0)
    for year in years:
        kg.memo(("report", (year, year)), lambda year=year: year, scope=(year, year))
        kg.memo(("network", (year, year)), lambda year=year: year, scope=(year, year))
    kept = sorted(
        year
        for year in years
        for kind in ("report", "network")
        if kg.kept((kind, (year, year))) is not None
    )
    assert kept == sorted([*years[-most:], *years[-most:]])  # both answers of the last few
    assert kg.kept("whole") == 0  # the unscoped answer stays
    oldest, next_oldest = years[-most], years[-most + 1]
    kg.memo(("report", (oldest, oldest)), lambda: oldest, scope=(oldest, oldest))  # newest now
    kg.memo(("report", (1999, 1999)), lambda: 1999, scope=(1999, 1999))
    assert kg.kept(("report", (oldest, oldest))) == oldest
    assert kg.kept(("report", (next_oldest, next_oldest))) is None


def test_a_value_asked_by_two_threads_at_once_is_built_once() -> None:
    """The start-up warm-up and the first request ask for the same views at once: one builds,
    the other waits for its value (and builds it itself if that build fails)."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    kg = KnowledgeGraph.in_memory(initialise=False)
    builds: list[str] = []
    started = threading.Event()

    def slow() -> int:
        builds.append(threading.current_thread().name)
        started.set()
        time.sleep(0.3)
        return 42

    with ThreadPoolExecutor(2) as run:
        first = run.submit(kg.memo, "views", slow)
        started.wait(5)
        second = run.submit(kg.memo, "views", slow)
        assert (first.result(), second.result()) == (42, 42)
    assert len(builds) == 1

    def failing() -> int:
        started.set()
        time.sleep(0.3)
        raise RuntimeError("the store went away")

    started.clear()
    with ThreadPoolExecutor(2) as run:
        first = run.submit(kg.memo, "other", failing)
        started.wait(5)
        second = run.submit(kg.memo, "other", lambda: 7)
        with pytest.raises(RuntimeError):
            first.result()
        assert second.result(timeout=5) == 7  # not left waiting


def test_what_was_built_while_the_store_changed_is_answered_not_kept() -> None:
    kg = KnowledgeGraph.in_memory(initialise=False)

    def built_during_a_write() -> str:
        kg.update(
            "INSERT DATA { GRAPH <https://e.org/g> { <https://e.org/a> <https://e.org/b> 1 } }"
        )
        return "as the store was"

    assert kg.memo("answer", built_during_a_write) == "as the store was"
    assert kg.kept("answer") is None
    assert kg.memo("answer", lambda: "as it is") == "as it is"
    assert kg.kept("answer") == "as it is"
