"""The REST API and the named queries, asked through FastAPI's TestClient, against values read
independently of helixgraph (the seed file with rdflib, the CORDIS CSV with the csv module)."""

from __future__ import annotations

import csv
import gzip
from collections import Counter

import httpx
import pytest
import rdflib
from conftest import (
    SEED_FILE,
    SHARED,
    default_actors,
    default_component_sizes,
    hungarian_slice_counts,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.namespace import RDF

HX = rdflib.Namespace("https://w3id.org/helixgraph/ns#")
ORG = rdflib.Namespace("http://www.w3.org/ns/org#")
ID = "https://w3id.org/helixgraph/id/"
SEED = rdflib.Graph().parse(SEED_FILE)
#: the seed's examples (hx:illustrative true): no part of the ecosystem's analysis
EXAMPLES = set(SEED.subjects(HX.illustrative, rdflib.Literal(True)))


@pytest.fixture(scope="module")
def client(app_client: httpx.Client) -> httpx.Client:
    return app_client  # the app in this process (FastAPI's TestClient is an httpx.Client)


def seed_members(collaboration: str) -> set[str]:
    """The real members of a seed collaboration (neither member nor membership an example)."""
    return {
        str(SEED.value(m, ORG.member))
        for m in SEED.subjects(ORG.organization, rdflib.URIRef(collaboration))
        if m not in EXAMPLES and SEED.value(m, ORG.member) not in EXAMPLES
    }


def actors_per_helix() -> Counter[str]:
    """Actors of the default store holding each helix (any of theirs), counted independently."""
    return Counter(h for a in default_actors().values() for h in a["helices"])  # type: ignore[attr-defined]


def test_clusters_with_their_members_and_missing_helices(client: httpx.Client) -> None:
    clusters = client.get("/api/clusters").json()
    expected = {str(c) for c in SEED.subjects(RDF.type, HX.Cluster) if c not in EXAMPLES}
    assert {c["iri"] for c in clusters["data"]} == expected
    assert clusters["count"] == len(expected)
    medi = client.get("/api/clusters/mediklaszter").json()
    assert {m["iri"] for m in medi["member_list"]} == seed_members(ID + "cluster/mediklaszter")
    assert medi["members"] == len(medi["member_list"])
    assert medi["declared_members"] == 49
    helices = {
        str(SEED.value(rdflib.URIRef(m), ORG.classification)).rsplit("#", 1)[1]
        for m in seed_members(ID + "cluster/mediklaszter")
    }
    assert set(medi["helices"]) == helices
    assert (
        set(medi["missing_helices"])
        == {"government", "academia", "business", "community"} - helices
    )
    assert client.get("/api/clusters/no-such").status_code == 404


def test_projects_count_and_one_project(client: httpx.Client) -> None:
    projects = client.get("/api/projects", params={"limit": 1}).json()
    seed_projects = len(set(SEED.subjects(RDF.type, HX.Project)))
    assert projects["count"] == hungarian_slice_counts()["projects"] + seed_projects
    largest = projects["data"][0]
    one = client.get(f"/api/projects/{largest['id']}").json()
    assert len(one["member_list"]) == largest["members"]
    i3hies = client.get("/api/projects/i3hies").json()
    assert {m["iri"] for m in i3hies["member_list"]} == seed_members(ID + "project/i3hies")


def test_actors_of_a_cluster_and_their_metrics(client: httpx.Client) -> None:
    listed = client.get("/api/actors", params={"cluster": "mediklaszter", "limit": 1000}).json()
    assert {a["iri"] for a in listed["data"]} == seed_members(ID + "cluster/mediklaszter")
    medi = client.get("/api/actors/mediklaszter").json()
    # partners: co-members of its collaborations, and the ends of its direct ties (from the file)
    me = ID + "actor/mediklaszter"
    mine = [
        str(c)
        for m in SEED.subjects(ORG.member, rdflib.URIRef(me))
        for c in SEED.objects(m, ORG.organization)
    ]
    partners = set().union(*(seed_members(c) for c in mine)) | {
        str(o) for o in SEED.objects(rdflib.URIRef(me), HX.collaboratesWith) if o not in EXAMPLES
    }
    partners.discard(me)
    assert medi["metrics"]["degree"] == len(partners)
    assert medi["metrics"]["collaborations"] == len(mine)


def test_helices_count_the_actors_of_both_sources(client: httpx.Client) -> None:
    helices = {h["id"]: h for h in client.get("/api/helices").json()["data"]}
    for name, count in actors_per_helix().items():
        assert helices[name]["actors"] == count
    assert helices["academia"]["labels"]["hu"] == "tudományos szféra"


def test_graph_view_filtered_and_capped(client: httpx.Client) -> None:
    graph = client.get("/api/graph", params={"helix": "community", "limit": 50}).json()
    assert graph["count"]["nodes"] == actors_per_helix()["community"]
    assert graph["truncated"] is True
    assert len(graph["nodes"]) == 50
    names = {n["id"] for n in graph["nodes"]}
    assert all(e["source"] in names and e["target"] in names for e in graph["edges"])
    assert client.get("/api/graph", params={"years": "2020-2010"}).status_code == 422


def test_named_queries(client: httpx.Client) -> None:
    catalogue = client.get("/api/queries").json()
    assert catalogue["count"] == len(catalogue["data"]) >= 8
    assert all(q["title"] and q["description"] for q in catalogue["data"])
    per_helix = client.get("/api/queries/actors-per-helix").json()
    counts = {
        row["helix"]["value"].rsplit("#", 1)[1]: int(row["actors"]["value"])
        for row in per_helix["results"]["bindings"]
    }
    assert counts == actors_per_helix()
    members = client.get(
        "/api/queries/collaboration-members",
        params={"collaboration": ID + "project/i3hies", "format": "csv"},
    )
    assert members.headers["content-type"] == "text/csv; charset=utf-8"
    rows = members.text.strip().splitlines()[1:]
    assert {row.split(",")[1] for row in rows} == seed_members(ID + "project/i3hies")


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/queries/no-such-query", 404),
        ("/api/queries/actors-by-helix?helix=industry", 422),
        ("/api/queries/actors-by-helix?colour=red", 422),
        ("/api/queries/partners-of-actor?actor=javascript:alert(1)", 422),
        # a value is bound as a term, never pasted: this is a string that matches nothing
        ("/api/queries/actors-by-name?text=%22)%20%7D%20SELECT", 200),
    ],
)
def test_named_query_parameters_are_checked(client: httpx.Client, path: str, status: int) -> None:
    response = client.get(path)
    assert response.status_code == status, response.text
    if status == 422:
        assert response.json()["detail"]


def test_analysis_routes(client: httpx.Client) -> None:
    total = len(default_actors())
    fragmentation = client.get("/api/analysis/fragmentation").json()
    assert fragmentation["data"]["headline"]["nodes"] == total
    findings = client.get("/api/analysis/findings").json()["data"]["findings"]
    assert 3 <= len(findings) <= 6
    assert all(isinstance(f, str) for f in findings)
    scoped = client.get("/api/analysis/fragmentation", params={"country": "HU"}).json()
    assert scoped["scope"]["filters"] == {"country": "HU"}
    hungarian = [a for a in default_actors().values() if a["country"] == "HU"]
    assert 0 < scoped["data"]["headline"]["nodes"] <= len(hungarian)
    wider = scoped["data"]["reach"]["through_all"]["fragmentation"]
    assert wider < scoped["data"]["reach"]["through_scope"]["fragmentation"]
    scenario = {"remove": ["mediklaszter"], "add": [["pic-999904228", "pic-999860675"]]}
    changed = client.post("/api/analysis/what-if", json=scenario).json()
    assert changed["before"]["nodes"] - changed["after"]["nodes"] == 1
    refused = client.post("/api/analysis/what-if", json={"remove": ["no-such-actor"]})
    assert refused.status_code == 422
    example = client.post("/api/analysis/what-if", json={"remove": ["nkfih"]})
    assert example.status_code == 422
    assert "example" in example.json()["detail"]


SECOND_CLUSTER = """
@prefix org: <http://www.w3.org/ns/org#> .
@prefix hx: <https://w3id.org/helixgraph/ns#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix actor: <https://w3id.org/helixgraph/id/actor/> .
<https://w3id.org/helixgraph/id/cluster/second> a hx:Cluster ; skos:prefLabel "Second"@en ;
    hx:country "HU" ; hx:sector hx:sectorHealth .
""" + "".join(
    f"""[] a org:Membership ; org:member actor:{member} ;
    org:organization <https://w3id.org/helixgraph/id/cluster/second> .
"""
    for member in ("pic-999904228", "pic-935813903", "pic-999860675")
)


@pytest.fixture(scope="module")
def two_clusters(tmp_path_factory: pytest.TempPathFactory, read_store: object) -> object:
    """The default store with a second Hungarian cluster of three CORDIS actors."""
    import shutil

    from fastapi.testclient import TestClient

    from helixgraph.settings import Settings
    from helixgraph.store import KnowledgeGraph
    from helixgraph.web import create_app

    folder = tmp_path_factory.mktemp("two-clusters")
    store = shutil.copytree(read_store, folder / "store")  # type: ignore[arg-type]
    (folder / "second.ttl").write_text(SECOND_CLUSTER, encoding="utf-8")
    with KnowledgeGraph.open(store) as kg:
        kg.load([folder / "second.ttl"])
    with TestClient(create_app(Settings(store=str(store))), follow_redirects=False) as client:
        yield client


def test_what_if_two_clusters_merge(two_clusters: httpx.Client) -> None:
    """MediKlaszter and a second cluster merge within Hungary: every member of one gets a tie to
    every member of the other. The expected figures are counted here with networkx from the
    API's own graph and member lists."""
    import networkx as nx

    client = two_clusters
    graph = client.get("/api/graph", params={"view": "actors", "country": "HU"}).json()
    G = nx.Graph()
    G.add_nodes_from(n["id"] for n in graph["nodes"])
    G.add_edges_from((e["source"], e["target"]) for e in graph["edges"])
    members = [
        [m["iri"] for m in client.get(f"/api/clusters/{c}").json()["member_list"] if m["iri"] in G]
        for c in ("mediklaszter", "second")
    ]
    assert len(members[1]) == 3
    G.add_edges_from((u, v) for u in members[0] for v in members[1] if u != v)
    expected_df = 1 - sum(
        1 / d
        for s, lengths in nx.all_pairs_shortest_path_length(G)
        for t, d in lengths.items()
        if s != t
    ) / (len(G) * (len(G) - 1))
    scenario = {"join": [["mediklaszter", "second"]]}
    answer = client.post("/api/analysis/what-if", params={"country": "HU"}, json=scenario)
    assert answer.status_code == 200, answer.text
    after = answer.json()["after"]
    assert after["ties"] == G.number_of_edges()
    assert after["components"] == nx.number_connected_components(G)
    assert after["distance_fragmentation"] == pytest.approx(expected_df, abs=1e-9)
    unknown = client.post("/api/analysis/what-if", json={"join": [["mediklaszter", "nope"]]})
    assert unknown.status_code == 422
    assert "nope" in unknown.json()["detail"]


def test_a_seed_organisation_is_one_actor_with_its_eu_record(client: httpx.Client) -> None:
    """Semmelweis: the seed's facts and its Horizon 2020 participations on one node (issue 12),
    its projects counted independently from the shared CSV."""
    with gzip.open(SHARED / "data" / "cordis-h2020" / "h2020.csv.gz", "rt", newline="") as file:
        projects = {row["rcn"] for row in csv.DictReader(file) if row["pic"] == "999860675"}
    (found,) = client.get("/api/actors", params={"q": "semmelweis"}).json()["data"]
    assert found["id"] == "pic-999860675"
    body = client.get("/api/actors/pic-999860675").json()
    memberships = {(m["collaboration"], m["role"]) for m in body["memberships"]}
    assert {c for c, _ in memberships if "/project/rcn-" in c} == {
        f"{ID}project/rcn-{rcn}" for rcn in projects
    }
    assert len(projects) == 25  # the issue's figure
    assert (f"{ID}cluster/mediklaszter", "cooperatingInstitute") in memberships
    assert "researchLeader" in body["roles"]
    assert body["label"] == "Semmelweis University"  # the seed's English name before CORDIS's
    medi = client.get("/api/actors/mediklaszter").json()
    assert medi["metrics"]["component_size"] == max(default_component_sizes())
    assert medi["metrics"]["component_size"] >= 6_000  # not the 22 of a seed cut off from CORDIS


def test_what_if_scenarios_that_contradict_themselves_are_the_request_s_error(
    client: httpx.Client,
) -> None:
    # the second review's 500s: an actor removed and tied, a cluster merged with itself
    both = {"remove": ["pic-999860675"], "add": [["pic-999860675", "pic-999904228"]]}
    answer = client.post("/api/analysis/what-if", params={"country": "HU"}, json=both)
    assert answer.status_code == 422
    assert answer.json()["detail"] == "add: 'pic-999860675' is removed in this scenario"
    twice = {"merge": [["mediklaszter", "mediklaszter"]]}
    answer = client.post("/api/analysis/what-if", params={"cluster": "mediklaszter"}, json=twice)
    assert answer.status_code == 422
    assert answer.json()["detail"] == "merge: 'mediklaszter' is named twice"


WHAT_IF_ACTORS = ["mediklaszter", "pic-999860675", "pic-999904228", "pic-999993856", "nope", ""]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    remove=st.lists(st.sampled_from(WHAT_IF_ACTORS), max_size=2),
    add=st.lists(st.tuples(*[st.sampled_from(WHAT_IF_ACTORS)] * 2), max_size=2),
    merge=st.lists(st.lists(st.sampled_from(WHAT_IF_ACTORS), max_size=3), max_size=2),
    join=st.lists(st.tuples(*[st.sampled_from(WHAT_IF_ACTORS)] * 2), max_size=1),
)
def test_no_what_if_scenario_is_a_server_error(
    client: httpx.Client,
    remove: list[str],
    add: list[tuple[str, str]],
    merge: list[list[str]],
    join: list[tuple[str, str]],
) -> None:
    body = {"remove": remove, "add": add, "merge": merge, "join": join}
    answer = client.post("/api/analysis/what-if", params={"cluster": "mediklaszter"}, json=body)
    assert answer.status_code in (200, 422), (body, answer.text)


def test_a_named_querys_csv_never_hands_a_spreadsheet_a_formula(client: httpx.Client) -> None:
    # actors-by-name answers the text it was given in a column: "-" is a formula's start
    params = {"text": "-", "format": "csv"}
    answer = client.get("/api/queries/actors-by-name", params=params)
    assert answer.status_code == 200
    rows = list(csv.DictReader(answer.text.splitlines()))
    assert rows, "no actor name has a hyphen"
    assert {row["text"] for row in rows} == {"'-"}
    assert all("-" in row["label"] for row in rows)
    # SPARQL's own text/csv, for tools, stays raw
    query = 'SELECT ?text WHERE { BIND("-" AS ?text) }'
    raw = client.get("/sparql", params={"query": query}, headers={"Accept": "text/csv"})
    assert raw.text.splitlines() == ["text", "-"]
