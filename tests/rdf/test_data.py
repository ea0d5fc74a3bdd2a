"""The shipped data: conforms to the shapes, and says what the sources say (checked by hand)."""

from __future__ import annotations

import csv
import functools
import gzip
import hashlib
import json
import re
import unicodedata

import pyoxigraph as ox
import pyshacl
import pytest
import rdflib
from conftest import (
    ONTOLOGY_FILE,
    ROOT,
    SEED_FILE,
    SHAPES_FILE,
    SHARED,
    hungarian_slice_counts,
    load_script,
)
from rdflib.namespace import RDF, SKOS, XSD

from helixgraph.importers.legible import legible_name

#: scripts/record_conformance.py: the shipped data's SHACL verdict, and the digest it is for
CONFORMANCE = load_script("record_conformance")

HX = rdflib.Namespace("https://w3id.org/helixgraph/ns#")
ORG = rdflib.Namespace("http://www.w3.org/ns/org#")
SCHEMA = rdflib.Namespace("https://schema.org/")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")
ACTOR = rdflib.Namespace("https://w3id.org/helixgraph/id/actor/")
CLUSTER = rdflib.Namespace("https://w3id.org/helixgraph/id/cluster/")
PRESS = rdflib.URIRef("https://w3id.org/helixgraph/id/source/i3hies-press-release-03")


@pytest.fixture(scope="module")
def seed() -> rdflib.Graph:
    return rdflib.Graph().parse(SEED_FILE)


def conforms(data: rdflib.Graph) -> tuple[bool, str]:
    graph = rdflib.Graph()
    graph += data
    graph.parse(ONTOLOGY_FILE)
    ok, _, text = pyshacl.validate(graph, shacl_graph=rdflib.Graph().parse(SHAPES_FILE))
    return bool(ok), str(text)


@pytest.mark.parametrize("path", sorted((ROOT / "data").glob("**/*.ttl")), ids=lambda p: p.name)
def test_shipped_data_conforms_to_the_shapes(path: object) -> None:
    ok, report = conforms(rdflib.Graph().parse(path))
    assert ok, report


def test_shipped_cordis_slice_and_its_names_conform_to_the_shapes() -> None:
    """pyshacl's verdict on the slice, its names and the seed together, as the store holds
    them, takes half a minute: `make data` (or `make conformance`) records it with the digest
    of the files checked, and the check runs again here only once one of them changed."""
    record = json.loads(CONFORMANCE.RECORD.read_text()) if CONFORMANCE.RECORD.exists() else {}
    if record.get("sha256") == CONFORMANCE.digest():
        assert record["conforms"] is True
        return
    ok, report = CONFORMANCE.validate()
    assert ok, report[:2000]
    pytest.fail(
        "the shipped data or the shapes changed (and conform): record the verdict with "
        "`make conformance` so that the next runs need not check them again"
    )


def test_shipped_cordis_slice_holds_what_the_csv_says(seed_kg: object) -> None:
    from collections import Counter

    from helixgraph.network.census import census

    expected = hungarian_slice_counts()
    counts = census(seed_kg)["https://w3id.org/helixgraph/graph/cordis-hu"]  # type: ignore[arg-type]
    # the seed's EU organisations are classified in the seed alone, where it says the same
    with gzip.open(SHARED / "data" / "cordis-h2020" / "h2020.csv.gz", "rt") as file:
        rows = list(csv.DictReader(file))
    projects = {row["rcn"] for row in rows if row["country"] == "HU"}
    helix = {"HES": "academia", "REC": "academia", "PRC": "business", "PUB": "government"}
    types = {f"{ACTOR}pic-{r['pic']}": r["type"] for r in rows if r["rcn"] in projects}
    seed = rdflib.Graph().parse(SEED_FILE)
    in_seed = Counter(
        helix.get(types[str(a)], "community")
        for a, h in seed.subject_objects(ORG.classification)
        if str(a) in types and str(h) == HX + helix.get(types[str(a)], "community")
    )
    assert sum(in_seed.values()) == 7  # the seven actors
    assert counts["actors"] == expected["actors"] - sum(in_seed.values())  # type: ignore[operator]
    assert counts["actors_by_helix"] == dict(sorted((expected["by_helix"] - in_seed).items()))  # type: ignore[operator]
    assert counts["collaborations_by_kind"] == {"project": expected["projects"]}
    assert counts["memberships"] == expected["memberships"]
    assert expected["by_country"]["HU"] == 438  # the shared README's figure  # type: ignore[index]


@pytest.mark.parametrize(
    ("turtle", "expected"),
    [
        ('ex:a a org:FormalOrganization ; skos:prefLabel "A" .', "at least one helix"),
        ("ex:a a org:FormalOrganization ; org:classification hx:academia .", "needs a name"),
        (
            'ex:a a org:FormalOrganization ; skos:prefLabel "A" ; org:classification hx:academia ;'
            ' hx:country "Hungary" .',
            "ISO 3166-1",
        ),
        ("ex:m a org:Membership ; org:member hx:academia .", "exactly one org:organization"),
        (
            'ex:c a hx:Cluster ; skos:prefLabel "C" ; hx:declaredMemberCount "many" .',
            "whole number",
        ),
        ('ex:c a hx:Cluster ; skos:prefLabel "C" ; hx:declaredMemberCount -3 .', "whole number"),
    ],
)
def test_shapes_reject_what_they_must(turtle: str, expected: str) -> None:
    prefixes = (
        "@prefix ex: <https://example.org/> . @prefix org: <http://www.w3.org/ns/org#> ."
        " @prefix skos: <http://www.w3.org/2004/02/skos/core#> ."
        " @prefix hx: <https://w3id.org/helixgraph/ns#> .\n"
    )
    ok, report = conforms(rdflib.Graph().parse(data=prefixes + turtle, format="turtle"))
    assert not ok
    assert expected in report


def test_the_seed_names_its_source_with_the_press_release_checksum(seed: rdflib.Graph) -> None:
    recorded = str(seed.value(PRESS, HX.sha256))
    text = SHARED / "seed" / "000_889e9337c2277b1c.txt"
    if text.exists():
        assert hashlib.sha256(text.read_bytes()).hexdigest() == recorded
    assert seed.value(PRESS, DCT.date) == rdflib.Literal("2024-12-10", datatype=XSD.date)


@pytest.mark.parametrize(
    "name",
    [
        "mediklaszter",
        "pic-999456476",  # Lithuanian Innovation Centre, by its PIC
        "cluj-it",
        "interizon",
        "pic-971570431",  # Technology Park Ljubljana
    ],
)
def test_actors_named_in_the_press_release_are_there_and_cite_it(
    seed: rdflib.Graph, name: str
) -> None:
    actor = ACTOR[name]
    assert (actor, RDF.type, ORG.FormalOrganization) in seed
    assert (actor, DCT.source, PRESS) in seed
    assert (actor, HX.illustrative, rdflib.Literal(True)) not in seed


def test_mediklaszter_public_facts(seed: rdflib.Graph) -> None:
    cluster = CLUSTER.mediklaszter
    assert seed.value(cluster, SCHEMA.foundingDate) == rdflib.Literal("2006", datatype=XSD.gYear)
    assert seed.value(cluster, HX.accreditedSince) == rdflib.Literal("2008", datatype=XSD.gYear)
    assert int(seed.value(cluster, HX.declaredMemberCount)) == 49
    institutes = {
        str(seed.value(seed.value(m, ORG.member), SKOS.prefLabel))
        for m in seed.subjects(ORG.organization, cluster)
        if seed.value(m, ORG.role) == HX.cooperatingInstitute
    }
    expected = {
        "SZTAKI",
        "Semmelweis University",
        "Budapest University of Technology and Economics",
        "Óbuda University",
        "University of Szeged",
        "Széchenyi István University",
        "University of Pécs",
    }
    english = {
        str(label)
        for m in seed.subjects(ORG.organization, cluster)
        if seed.value(m, ORG.role) == HX.cooperatingInstitute
        for label in seed.objects(seed.value(m, ORG.member), SKOS.prefLabel)
        if label.language == "en"
    }
    assert len(institutes) == 7
    assert {e for e in expected if any(e in label for label in english)} == expected


@pytest.mark.parametrize(
    ("indicator", "year", "value"),
    [
        ("clusterCount", "2013", 200),
        ("activeClusterCount", "2022", 40),
        ("clusterTurnover", "2021", 3407),
        ("clusterExports", "2021", 2091),
        ("clusterJobs", "2021", 68831),
        ("clusterRdiInvestment", "2021", 54),
    ],
)
def test_ecosystem_figures_from_the_press_release(
    seed: rdflib.Graph, indicator: str, year: str, value: int
) -> None:
    found = [
        o
        for o in seed.subjects(SCHEMA.measuredProperty, HX[indicator])
        if str(seed.value(o, SCHEMA.observationDate)) == year
    ]
    assert len(found) == 1
    assert float(seed.value(found[0], SCHEMA.value)) == value
    assert seed.value(found[0], DCT.source) == PRESS


def test_members_per_cluster_is_a_range(seed: rdflib.Graph) -> None:
    (obs,) = seed.subjects(SCHEMA.measuredProperty, HX.membersPerCluster)
    assert (int(seed.value(obs, SCHEMA.minValue)), int(seed.value(obs, SCHEMA.maxValue))) == (
        30,
        40,
    )


def test_every_actor_has_a_source_or_is_marked_illustrative(seed: rdflib.Graph) -> None:
    for actor in seed.subjects(RDF.type, ORG.FormalOrganization):
        sourced = seed.value(actor, DCT.source) is not None
        illustrative = (actor, HX.illustrative, rdflib.Literal(True)) in seed
        assert sourced != illustrative, actor


def test_no_personal_contact_data() -> None:
    text = SEED_FILE.read_text(encoding="utf-8")
    assert not re.search(r"[\w.]+@[\w-]+\.\w+", text), "an e-mail address"
    assert "foaf:Person" not in text
    assert "schema:Person" not in text
    for name in ("Cvetkov", "Chis"):
        assert name not in text


ACTOR_PIC = "https://w3id.org/helixgraph/id/actor/pic-"


@functools.cache
def shipped_statements(name: str, predicate: str) -> dict[str, list[str]]:
    """Subject -> the values of ``predicate`` in one of the shipped N-Triples files, read with
    Oxigraph's parser (not helixgraph's store; ten times rdflib's speed on 150,000 triples)."""
    found: dict[str, list[str]] = {}
    data = gzip.decompress((ROOT / "data" / name).read_bytes())
    for triple in ox.parse(data, format=ox.RdfFormat.N_TRIPLES):
        if triple.predicate.value == predicate:
            found.setdefault(triple.subject.value, []).append(triple.object.value)
    return found


@functools.cache
def slice_projects_and_pics() -> tuple[frozenset[str], frozenset[str]]:
    """From the shared CSV: the projects with a participant in HU, and all their participants."""
    with gzip.open(SHARED / "data" / "cordis-h2020" / "h2020.csv.gz", "rt", newline="") as file:
        rows = list(csv.DictReader(file))
    projects = frozenset(row["rcn"] for row in rows if row["country"] == "HU")
    return projects, frozenset(row["pic"] for row in rows if row["rcn"] in projects)


@functools.cache
def names_file() -> dict[str, dict[str, str]]:
    path = SHARED / "data" / "cordis-names" / "organisations.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8", newline="") as file:
        return {row["pic"]: row for row in csv.DictReader(file)}


def test_the_shipped_names_are_the_names_file_rows_of_the_slice() -> None:
    _, pics = slice_projects_and_pics()
    rows = names_file()
    expected = {
        ACTOR_PIC + pic: rows[pic]["name"]
        for pic in pics
        if pic in rows and rows[pic]["name"] not in ("", "NA")
    }
    labels = shipped_statements("cordis-hu-names.nt.gz", str(SKOS.prefLabel))
    found = {s: o for s, values in labels.items() for o in values}
    assert found.keys() == expected.keys()
    # as people write it (legible_name: tests/importers/test_legible.py), CORDIS's spelling
    # kept beside it; but for the CSV quoting some copies left in a name
    unquoted = {k for k, v in expected.items() if '"' not in v}
    assert {k: found[k] for k in unquoted} == {
        k: legible_name(expected[k], rows[k.rsplit("-", 1)[1]]["country"]) for k in unquoted
    }
    spelled = shipped_statements("cordis-hu-names.nt.gz", str(SKOS.altLabel))
    written = {(s, o) for s, values in spelled.items() for o in values}
    assert all((k, expected[k]) in written for k in unquoted if found[k] != expected[k])
    assert all('""' not in name and not name.startswith('"') for name in found.values())
    assert len(found) >= 4_700  # the figure (the names file's README: 4,784 PICs)
    bme = ACTOR_PIC + "999904228"
    assert labels[bme] == ["Budapesti Műszaki és Gazdaságtudományi Egyetem"]
    # no PIC label in the participations' graph for a named organisation: one label each
    participations = gzip.decompress((ROOT / "data" / "cordis-hu.nt.gz").read_bytes()).decode()
    assert f'<{bme}> <{SKOS.prefLabel}> "PIC 999904228"' not in participations


def test_the_slice_s_health_projects_carry_the_health_sector() -> None:
    projects, _ = slice_projects_and_pics()
    path = SHARED / "data" / "cordis-h2020" / "programme_parts.csv.gz"
    with gzip.open(path, "rt", newline="") as file:
        sc1 = {r["rcn"] for r in csv.DictReader(file) if r["programme_part"] == "SC1"}
    shipped = gzip.decompress((ROOT / "data" / "cordis-hu.nt.gz").read_bytes()).decode()
    health = set(
        re.findall(
            r"<https://w3id.org/helixgraph/id/project/rcn-(\d+)> "
            rf"<{HX.sector}> <{HX.sectorHealth}> \.",
            shipped,
        )
    )
    assert health == projects & sc1
    assert len(health) >= 64  # the figure


def fold(text: str) -> str:
    """Upper case without accents, as older CORDIS rows write names."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().upper()


def test_the_seed_s_eu_organisations_carry_the_pic_the_names_file_gives_them(
    seed: rdflib.Graph,
) -> None:
    rows = names_file()
    linked = dict(seed.subject_objects(HX.pic))
    assert len(linked) >= 7  # Semmelweis, BME, SZTAKI, Szeged, Pécs, Óbuda, Széchenyi...
    for actor, pic in linked.items():
        assert str(actor) == ACTOR_PIC + str(pic)  # one IRI with its CORDIS record
        row = rows[str(pic)]
        assert row["country"] == str(seed.value(actor, HX.country))
        names = [fold(str(label)) for label in seed.objects(actor, SKOS.prefLabel)]
        assert any(n in row["name"] or row["name"] in n for n in names), (names, row["name"])


# -- counts agree: no triple in two shipped graphs ----------------------------------------------


def _shipped_triples(path: object) -> set[object]:
    import io
    from pathlib import Path

    import pyoxigraph as ox

    path = Path(str(path))
    raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    kind = ox.RdfFormat.TURTLE if path.name.endswith(".ttl") else ox.RdfFormat.N_TRIPLES
    return {q.triple for q in ox.parse(io.BytesIO(raw), kind)}


def test_no_triple_is_stated_in_two_shipped_graphs() -> None:
    """Over the union default graph Oxigraph 0.5.13 answers such a triple once per graph, so a
    SPARQL count would disagree with the pages' (the seed once classified seven actors a second
    time in cordis-hu: 2,137 academic actors in SPARQL, 2,130 on the dashboard)."""
    import itertools

    files = [SEED_FILE, ROOT / "data" / "cordis-hu.nt.gz", ROOT / "data" / "cordis-hu-names.nt.gz"]
    triples = {path.name: _shipped_triples(path) for path in files}
    assert all(len(found) > 400 for found in triples.values())
    for (a, first), (b, second) in itertools.combinations(triples.items(), 2):
        assert not first & second, f"{a} and {b} both state {sorted(map(str, first & second))[:3]}"


def test_sparql_counts_equal_the_pages_on_the_default_store(app_client: object) -> None:
    """Rows over the default graph, not DISTINCT: each classification is answered once."""
    from conftest import default_actors

    client = app_client
    query = "SELECT ?a WHERE { ?a <http://www.w3.org/ns/org#classification> ?h }"
    for helix in ("academia", "business"):
        rows = client.get(  # type: ignore[attr-defined]
            "/sparql",
            params={"query": query.replace("?h", f"<{HX}{helix}>")},
            headers={"Accept": "application/sparql-results+json"},
        ).json()["results"]["bindings"]
        seed = rdflib.Graph().parse(SEED_FILE)
        examples = {str(s) for s in seed.subjects(HX.illustrative, rdflib.Literal(True))}
        real = [r for r in rows if r["a"]["value"] not in examples]
        helices = client.get("/api/helices").json()["data"]  # type: ignore[attr-defined]
        page = next(h["actors"] for h in helices if h["id"] == helix)
        expected = sum(1 for a in default_actors().values() if helix in a["helices"])  # type: ignore[operator]
        assert len(real) == len({r["a"]["value"] for r in real}) == page == expected


def test_oxigraph_answers_a_triple_in_two_graphs_once_per_graph() -> None:
    """The upstream behaviour the shipped data works around (oxigraph issue #1919, fixed by pull
    request #1920 after 0.5.13). When this fails, the Oxigraph in use has the fix: a user's own
    overlapping imports then count once, and the README's note on it can go."""
    import pyoxigraph as ox

    store = ox.Store()
    triple = (
        ox.NamedNode("http://a.example/s"),
        ox.NamedNode("http://a.example/p"),
        ox.Literal("o"),
    )
    for graph in ("http://a.example/g1", "http://a.example/g2"):
        store.add(ox.Quad(*triple, ox.NamedNode(graph)))
    rows = list(store.query("SELECT ?s WHERE { ?s ?p ?o }", use_default_graph_as_union=True))
    assert len(rows) == 2, f"pyoxigraph {ox.__version__} answers the triple once: see the README"


def test_the_shipped_projects_are_named_by_acronym_and_title_else_by_part_and_years() -> None:
    """The 255 projects of the slice that the shared projects file names read by acronym, with
    their title; the others by record number, programme part and years."""
    with gzip.open(SHARED / "data" / "cordis-projects" / "projects.csv.gz", "rt") as file:
        named = {row["rcn"]: row for row in csv.DictReader(file)}
    projects, _ = slice_projects_and_pics()
    project = "https://w3id.org/helixgraph/id/project/rcn-"
    labels = {
        s.removeprefix(project): o
        for s, values in shipped_statements("cordis-hu.nt.gz", str(SKOS.prefLabel)).items()
        for o in values
        if s.startswith(project)
    }
    titles = {
        s.removeprefix(project): o
        for s, values in shipped_statements("cordis-hu.nt.gz", str(DCT.title)).items()
        for o in values
        if s.startswith(project)
    }
    assert labels.keys() == projects
    known = projects & named.keys()
    assert len(known) == 255  # the shared README's figure
    assert all(labels[rcn] == named[rcn]["acronym"] for rcn in known if named[rcn]["acronym"])
    assert titles == {rcn: named[rcn]["title"] for rcn in known if named[rcn]["title"]}
    with gzip.open(SHARED / "data" / "cordis-h2020" / "h2020.csv.gz", "rt") as file:
        dates = {r["rcn"]: (r["start_date"][:4], r["end_date"][:4]) for r in csv.DictReader(file)}
    with gzip.open(SHARED / "data" / "cordis-h2020" / "programme_parts.csv.gz", "rt") as file:
        parts: dict[str, set[str]] = {}
        for row in csv.DictReader(file):
            parts.setdefault(row["rcn"], set()).add(row["programme_part"])
    unnamed = sorted(projects - known)[:50]
    for rcn in unnamed:
        start, end = dates[rcn]
        years = start if start == end else f"{start}-{end}"
        assert labels[rcn].startswith(f"H2020 project {rcn} · "), labels[rcn]
        assert labels[rcn].endswith(f" · {years}"), labels[rcn]
        for part in parts.get(rcn, ()):
            assert part.replace("Innovation in SMEs", "SMEs") in labels[rcn]
