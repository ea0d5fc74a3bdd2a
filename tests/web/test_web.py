"""The web app asked over HTTP (FastAPI's TestClient: the app in this process, no socket)."""

from __future__ import annotations

import re
import time
from collections import Counter

import httpx
import pytest
import rdflib
from conftest import (
    ONTOLOGY_FILE,
    SEED_FILE,
    default_actors,
    default_component_sizes,
    hungarian_slice_counts,
    listener,
)
from rdflib.namespace import RDF

from helixgraph.web.viz import HELIX_COLOURS

HX = rdflib.Namespace("https://w3id.org/helixgraph/ns#")
ORG = rdflib.Namespace("http://www.w3.org/ns/org#")


def seed_actor_helices() -> dict[str, set[str]]:
    """Independently of helixgraph: every real seed actor's IRI and helices, from the Turtle
    file (the examples marked hx:illustrative are no actors of the ecosystem)."""
    seed = rdflib.Graph().parse(SEED_FILE)
    examples = set(seed.subjects(rdflib.URIRef(HX + "illustrative"), rdflib.Literal(True)))
    return {
        str(actor): {str(h).rsplit("#", 1)[1] for h in seed.objects(actor, ORG.classification)}
        for actor in set(seed.subjects(RDF.type, ORG.FormalOrganization)) - examples
    }


@pytest.fixture(scope="module")
def client(app_client: httpx.Client) -> httpx.Client:
    return app_client  # the app in this process (FastAPI's TestClient is an httpx.Client)


def test_health(client: httpx.Client) -> None:
    body = client.get("/health").json()
    assert body["status"] == "ok"
    assert body["quads"] > 800


def all_actors(client: httpx.Client, **params: str) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []
    while True:
        page = client.get("/api/actors", params={**params, "skip": len(found), "limit": 1000})
        found += page.json()["data"]
        if len(found) >= page.json()["count"]:
            return found


def test_actors_lists_the_seed_actors_with_their_helices(client: httpx.Client) -> None:
    listed = {a["iri"]: set(a["helices"]) for a in all_actors(client)}  # type: ignore[arg-type]
    expected = {iri: a["helices"] for iri, a in default_actors().items()}
    assert set(seed_actor_helices()) <= set(listed)
    assert listed == expected


def test_actor_filters_and_pagination(client: httpx.Client) -> None:
    academic = {a["iri"] for a in all_actors(client, helix="academia")}
    expected = {iri for iri, a in default_actors().items() if "academia" in a["helices"]}  # type: ignore[operator]
    assert academic == expected
    page = client.get("/api/actors", params={"skip": 2, "limit": 3}).json()
    assert len(page["data"]) == 3
    found = client.get("/api/actors", params={"q": "semmelweis"}).json()
    assert [a["id"] for a in found["data"]] == ["pic-999860675"]  # the seed's and CORDIS's
    romanian = all_actors(client, country="ro")
    assert "CLUJ-IT" in {a["label"] for a in romanian}
    assert len(romanian) == 1 + hungarian_slice_counts()["by_country"]["RO"]


def test_one_actor_in_full(client: httpx.Client) -> None:
    body = client.get("/api/actors/mediklaszter").json()
    assert body["label"] == "MediKlaszter"
    assert body["helices"] == ["community"]
    assert {(m["label"], m["role"]) for m in body["memberships"]} == {
        ("MediKlaszter", "clusterManager"),
        ("i3HIES", "partner"),
    }
    assert body["ties"] == [
        {
            "relation": "collaboratesWith",
            "direction": "out",
            "other": "https://w3id.org/helixgraph/id/actor/pic-999456476",
        }
    ]
    assert body["illustrative"] is False
    assert client.get("/api/actors/nkfih").json()["illustrative"] is True


@pytest.mark.parametrize(
    ("path", "status", "detail"),
    [
        ("/api/actors/no-such-actor", 404, "no actor with id 'no-such-actor'"),
        ("/api/actors?helix=industry", 422, None),
        ("/api/actors?limit=0", 422, None),
        ("/viz?view=everything", 422, None),
    ],
)
def test_bad_requests(client: httpx.Client, path: str, status: int, detail: str | None) -> None:
    response = client.get(path)
    assert response.status_code == status
    if detail:
        assert response.json()["detail"] == detail


def test_sparql_select_as_json(client: httpx.Client) -> None:
    cluster = "<https://w3id.org/helixgraph/id/cluster/mediklaszter>"
    query = f"SELECT ?n WHERE {{ {cluster} hx:declaredMemberCount ?n }}"
    response = client.get("/sparql", params={"query": query})
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    assert response.json()["results"]["bindings"] == [
        {
            "n": {
                "type": "literal",
                "value": "49",
                "datatype": "http://www.w3.org/2001/XMLSchema#integer",
            }
        }
    ]


def test_sparql_post_forms_and_ask(client: httpx.Client) -> None:
    form = client.post("/sparql", data={"query": "ASK { ?s a hx:Cluster }"})
    assert form.json() == {"head": {}, "boolean": True}
    direct = client.post(
        "/sparql",
        content="ASK { ?s a hx:Initiative }",
        headers={"content-type": "application/sparql-query"},
    )
    assert direct.json() == {"head": {}, "boolean": False}


def test_sparql_construct_negotiates_turtle_or_ntriples(client: httpx.Client) -> None:
    query = "CONSTRUCT { ?c hx:accreditedSince ?y } WHERE { ?c hx:accreditedSince ?y }"
    turtle = client.get("/sparql", params={"query": query}, headers={"accept": "text/turtle"})
    assert turtle.headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=turtle.text, format="turtle")
    assert len(graph) == 1
    nt = client.get("/sparql", params={"query": query}, headers={"accept": "application/n-triples"})
    assert nt.headers["content-type"].startswith("application/n-triples")
    refused = client.get("/sparql", params={"query": query}, headers={"accept": "image/png"})
    assert refused.status_code == 406


def test_a_bad_query_is_400_with_its_position(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE {\n ?s ?p }"})
    assert response.status_code == 400
    body = response.json()
    assert body["line"] == 2
    assert body["detail"].startswith("bad query: line 2, column ")


def test_updates_are_refused(client: httpx.Client) -> None:
    update = "INSERT DATA { <https://e.org/a> <https://e.org/b> <https://e.org/c> }"
    for response in (
        client.post("/sparql", data={"update": update}),
        client.post(
            "/sparql", content=update, headers={"content-type": "application/sparql-update"}
        ),
        client.get("/sparql", params={"query": update}),
    ):
        assert response.status_code == 403, response.text
    assert (
        client.get("/sparql", params={"query": "ASK { <https://e.org/a> ?p ?o }"}).json()["boolean"]
        is False
    )


def test_a_refused_query_that_names_an_update_iri_is_400_not_403(client: httpx.Client) -> None:
    # the status came from the word "update" anywhere in the message, the query's IRIs included
    response = client.get(
        "/sparql",
        params={
            "query": "SELECT * WHERE { ?s ?p ?o }",
            "default-graph-uri": "http://example.org/update%zz",
        },
    )
    assert response.status_code == 400, response.text
    assert "not a valid IRI" in response.json()["detail"]


def test_unreadable_body_is_415(client: httpx.Client) -> None:
    response = client.post("/sparql", content="{}", headers={"content-type": "application/json"})
    assert response.status_code == 415


def test_service_never_reaches_the_network(client: httpx.Client) -> None:
    """A listener on 127.0.0.1 stands where SERVICE points; it must get no connection."""
    with listener() as (port, connections):
        query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
        response = client.get("/sparql", params={"query": query})
    assert response.status_code == 400
    assert "SERVICE is not allowed" in response.json()["detail"]
    assert connections == []


def test_service_description_names_the_real_endpoint(client: httpx.Client) -> None:
    response = client.get("/sparql", headers={"accept": "text/turtle"})
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    assert list(graph.objects(None, sd.endpoint)) == [rdflib.URIRef(f"{client.base_url}/sparql")]


def test_pages_load_nothing_from_outside(client: httpx.Client) -> None:
    for path in ("/", "/viz", "/viz?view=collaboration", "/viz?view=relation", "/sparql"):
        response = client.get(path, headers={"accept": "text/html"}, follow_redirects=True)
        assert response.status_code == 200, path
        sources = re.findall(r'(?:src|href)="([^"]+)"', response.text)
        assert sources, path
        for source in sources:
            assert source.startswith("/"), f"{path} loads {source}"
            if source.startswith("/static/"):
                assert client.get(source).status_code == 200, source


def test_viz_opens_on_the_country_of_the_seed_clusters(client: httpx.Client) -> None:
    response = client.get("/viz")
    assert response.status_code == 307
    assert response.headers["location"] == "/viz?view=actors&country=HU"
    # a choice made, even an empty one, is kept: the whole store
    assert client.get("/viz?country=").status_code == 200


def test_a_hungarian_browser_gets_hungarian_pages(client: httpx.Client) -> None:
    analysed_page(client, {"country": "HU"}, 'id="findings"')  # once computed
    html = client.get(
        "/", headers={"accept-language": "hu-HU,hu;q=0.9,en;q=0.8"}, follow_redirects=True
    ).text
    assert '<html lang="hu">' in html
    assert "kormányzat" in html
    assert "Szereplők spirálonként" in html
    # the visitor's own choice wins over the browser's
    english = client.get("/?lang=en", headers={"accept-language": "hu"}, follow_redirects=True).text
    assert '<html lang="en">' in english


def test_a_scope_without_actors_gets_a_page_that_says_so(client: httpx.Client) -> None:
    for lang, words in (("en", "No actor is in the scope"), ("hu", "nincs szereplő")):
        page = analysed_page(
            client, {"country": "HU", "region": "DE1", "lang": lang}, 'id="findings"'
        )
        assert words in page


def test_a_country_the_store_does_not_hold_gets_the_codes_it_does(client: httpx.Client) -> None:
    import html

    hungarian = html.unescape(client.get("/", params={"country": "XX", "lang": "hu"}).text)
    assert "„XX” ország: a tárban ezen országok szereplői vannak: AL, AM," in hungarian
    answer = client.get("/api/analysis/report", params={"country": "XX"})
    assert answer.status_code == 422
    assert "the store holds actors of" in answer.json()["detail"]
    assert ", HU," in answer.json()["detail"]


def test_the_dashboard_opens_on_the_home_ecosystem_as_the_explorer_does(
    client: httpx.Client,
) -> None:
    """The seed's clusters are Hungarian: / opens on country=HU, says so, and offers the whole
    store in one click (the form sent empty)."""
    assert client.get("/").headers["location"] == "/?country=HU"
    assert client.get("/?lang=hu").headers["location"] == "/?country=HU&lang=hu"
    page = analysed_page(client, {"country": "HU"}, 'id="findings"')
    assert "The ecosystem this store was made for." in page
    assert 'id="whole-store" href="/?country="' in page
    whole = analysed_page(client, {"country": ""}, 'id="findings"')
    assert 'id="home-scope" href="/"' in whole
    hungarian = [a for a in default_actors().values() if a["country"] == "HU"]
    assert len(hungarian) < len(default_actors())


def test_home_page_shows_the_actors_per_helix(client: httpx.Client) -> None:
    html = client.get("/?country=").text
    counts = Counter(str(a["primary"]) for a in default_actors().values())
    for helix, count in counts.items():
        assert re.search(rf'id="helix-{helix}">{count:,}<', html), helix


def test_dashboard_shows_the_analysis_once_computed(client: httpx.Client) -> None:
    """While its analysis computes, the page says so and reloads; then it shows the
    findings and fragmentation, equal to an independent count of the network's parts."""
    deadline = time.monotonic() + 300
    html = client.get("/?country=").text
    while 'id="findings"' not in html:
        assert 'id="computing"' in html
        assert time.monotonic() < deadline, "the analysis never finished"
        time.sleep(2)
        html = client.get("/?country=").text
    sizes = default_component_sizes()
    n = sum(sizes)
    fragmentation = 1 - sum(s * (s - 1) for s in sizes) / (n * (n - 1))
    assert re.search(rf'id="components">{len(sizes)}\b', html)
    assert f'id="fragmentation-f">{fragmentation:.3f}<' in html
    assert html.count("<svg") >= 4  # helix mix, parts, heatmap, F over the years


def test_viz_page_holds_the_graph_coloured_by_helix(client: httpx.Client) -> None:
    import json

    html = client.get("/viz?view=affiliation").text
    data = json.loads(
        re.search(r'<script id="graph-data" type="application/json">(.*?)</script>', html, re.S)[1]
    )
    for node in data["nodes"]:
        if node["kind"] == "community":  # a group of the less active, in its community's colour
            assert node["shape"] == "hexagon"
            continue
        assert node["color"] == HELIX_COLOURS.get(node["helix"] or "", "#999999")
        assert node["shape"] == ("dot" if node["kind"] == "actor" else "square")
    assert data["options"]["physics"]["enabled"] is False
    # the default store is too big to draw whole: the page says it shows a part
    drawn = [node for node in data["nodes"] if node["kind"] != "community"]
    assert 0 < len(drawn) <= 500  # the groups summarising the less active come on top
    assert 'id="capped"' in html


def test_a_cordis_actor_in_full(client: httpx.Client) -> None:
    """An organisation of the shipped Hungarian slice, with its projects named as CORDIS labels
    them (no language tag)."""
    page = client.get("/api/actors", params={"country": "HU", "limit": 1}).json()
    actor = next(a for a in all_actors(client, country="HU") if a["id"].startswith("pic-"))
    detail = client.get(f"/api/actors/{actor['id']}").json()
    assert page["count"] >= 438
    assert detail["memberships"]
    # by acronym where the shared projects file names the project, else by record number
    import csv
    import gzip

    from conftest import SHARED

    with gzip.open(SHARED / "data" / "cordis-projects" / "projects.csv.gz", "rt") as file:
        acronyms = {row["rcn"]: row["acronym"] for row in csv.DictReader(file)}
    for m in detail["memberships"]:
        rcn = m["collaboration"].rsplit("rcn-", 1)[1]
        assert m["label"] == acronyms.get(rcn) or m["label"].startswith(f"H2020 project {rcn} · ")


def test_the_explorer_shows_the_ontologys_labels_not_ids(seed_kg: object) -> None:
    """Sectors in the filter and roles in the panel as the ontology names them in English."""
    from helixgraph.network.scope import Scope
    from helixgraph.web.explore import explore_data

    ontology = rdflib.Graph().parse(ONTOLOGY_FILE)
    hx = rdflib.Namespace("https://w3id.org/helixgraph/ns#")

    def english(term: rdflib.URIRef) -> str:
        (label,) = [
            str(o) for o in ontology.objects(term, rdflib.SKOS.prefLabel) if o.language == "en"
        ]
        return label

    scope = Scope(country="HU", sector="health")
    data = explore_data(seed_kg, "affiliation", scope=scope, limit=500)  # type: ignore[arg-type]
    sectors = {s["id"]: s["label"] for s in data["filters"]["sectors"]}
    assert sectors["sectorHealth"] == english(hx.sectorHealth)
    roles = {m["role"] for n in data["nodes"] for m in n.get("memberships", [])}
    assert english(hx.cooperatingInstitute) in roles
    assert "cooperatingInstitute" not in roles


def test_the_icon_is_where_browsers_look_for_it(client: httpx.Client) -> None:
    """A JSON answer names no icon: the browser asks /favicon.ico, which must not 404."""
    icon = client.get("/favicon.ico", follow_redirects=True)
    assert icon.status_code == 200
    assert icon.headers["content-type"].startswith("image/svg+xml")


def test_the_dashboard_of_a_scope_has_its_year_by_year_table(
    client: httpx.Client, seed_kg: object
) -> None:
    """The per-year table of Hungary's health scope, row for row what `--years` gives."""
    from helixgraph.network.scope import Scope
    from helixgraph.report.years import activity_years, yearly

    scope = Scope(country="HU", sector="health")
    first, last = activity_years(seed_kg) or (0, 0)  # type: ignore[arg-type]
    expected = yearly(seed_kg, scope, list(range(max(first, last - 14), last + 1)))  # type: ignore[arg-type]
    page = analysed_page(client, {"country": "HU", "sector": "health"}, 'id="by-year-table"')
    table = page.split('id="by-year-table"')[1].split("</table>")[0]
    rows = re.findall(r"<tr><td>(\d{4})</td><td>([\d,]+)</td>", table)
    assert [(int(y), int(n.replace(",", ""))) for y, n in rows] == [
        (row["year"], row["actors"]) for row in expected
    ]


def test_the_dashboards_charts_have_visible_titles(client: httpx.Client) -> None:
    page = analysed_page(client, {"country": "HU"}, "<figcaption>")
    captions = re.findall(r"<figcaption>([^<]+)</figcaption>", page)
    assert captions == [
        "Actors in each connected part",
        "Fragmentation F among the actors active each year (country HU)",
    ]


def analysed_page(client: httpx.Client, params: dict[str, str], marker: str) -> str:
    """The dashboard once its analysis is there: while the analysis computes, the page says
    so; each try on a fresh connection (the server drops idle ones within seconds)."""
    for _ in range(30):
        page = client.get("/", params=params, headers={"Connection": "close"}).text
        if marker in page:
            return page
        time.sleep(2)
    raise AssertionError(f"the dashboard never showed {marker!r}")


def test_the_whole_store_dashboard_offers_the_best_connected_actors_only(
    client: httpx.Client,
) -> None:
    """6,914 names made the dashboard 824 KB: the what-if panel offers the best connected."""
    from helixgraph.web.dashboard import WHAT_IF_CHOICES

    page = analysed_page(client, {"country": ""}, 'id="whatif-card"')
    assert page.count("data-id=") == WHAT_IF_CHOICES < len(default_actors())
    assert f"of its {len(default_actors()):,} actors" in page
    assert len(page) < 250_000


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("en", "'1990-1995': the data has activity in"),
        ("hu", "„1990-1995”: az adatokban csak"),
    ],
)
def test_a_bad_form_is_the_page_again_with_the_message_beside_the_field(
    client: httpx.Client, lang: str, message: str
) -> None:
    for path in ("/", "/viz"):
        answer = client.get(path, params={"country": "HU", "years": "1990-1995", "lang": lang})
        assert answer.status_code == 422
        assert answer.headers["content-type"].startswith("text/html")
        import html

        page = html.unescape(answer.text)
        assert f'<html lang="{lang}">' in page
        assert 'id="years" name="years" value="1990-1995"' in page  # as it was sent
        assert 'aria-invalid="true"' in page
        assert message in page
        assert '<option value="HU" selected>' in page  # the rest of the form kept
    both = client.get("/", params={"country": "xx", "years": "1990", "lang": "hu"})
    assert both.status_code == 422  # two bad values: still the page, not JSON
    assert both.headers["content-type"].startswith("text/html")
    country = client.get("/", params={"country": "Atlantis", "lang": "hu"})
    assert country.status_code == 422
    assert "„Atlantis” ország" in country.text
    assert client.get("/api/graph", params={"years": "1990-1995"}).status_code == 422  # JSON


def test_the_command_line_and_the_pages_agree_on_a_window_of_years(read_store: object) -> None:
    from typer.testing import CliRunner

    from helixgraph.cli.commands import app

    runner = CliRunner()
    beyond = runner.invoke(
        app,
        ["analyze", "--years", "1990-1995", "--scope", "country=HU", "--store", str(read_store)],
    )
    assert beyond.exit_code != 0
    assert "'1990-1995': the data has activity in" in beyond.output


def test_a_page_that_is_not_there_is_a_page_for_people_and_json_for_scripts(
    client: httpx.Client,
) -> None:
    page = client.get("/nowhere", params={"lang": "hu"}, headers={"Accept": "text/html"})
    assert page.status_code == 404
    assert '<html lang="hu">' in page.text
    assert "Nincs ilyen oldal" in page.text
    script = client.get("/api/nowhere", headers={"Accept": "text/html"})
    assert script.status_code == 404
    assert script.json() == {"detail": "Not Found"}


def test_the_dashboard_maps_where_the_ecosystem_is(client: httpx.Client) -> None:
    """Hungary's 20 counties, Budapest with the most actors, each county a link to the explorer
    filtered to it; the actors no map can place counted; Transdanubia (HU2) alone when asked."""
    for _ in range(120):  # the page first computes the home report
        html = client.get("/", params={"country": "HU"}).text
        if 'id="county-map"' in html:
            break
        time.sleep(0.5)
    svg = re.search(r'<figure class="chart" id="county-map">(.*?)</figure>', html, re.S)
    assert svg
    assert svg[1].count("<path ") == sum(1 for _ in re.finditer(r"data-code=\"HU\d{3}\"", svg[1]))
    assert len(set(re.findall(r'data-code="(HU\d{3})"', svg[1]))) == 20
    assert "/viz?country=HU&amp;region=HU110" in svg[1]
    # Budapest lies inside Pest's outline: drawn after it, on top, or it could not be seen
    assert svg[1].index('data-code="HU110"') > svg[1].index('data-code="HU120"')
    rows = re.findall(r'<tr data-code="(HU\d{3})"><td>([^<]+)</td><td>([\d,]+)</td>', html)
    assert rows[0][:2] == ("HU110", "Budapest")
    assert int(rows[0][2].replace(",", "")) == max(int(n.replace(",", "")) for _, _, n in rows)
    # the region filter counts the same real actors (not the seed's examples) as the map
    offered = dict(
        re.findall(r'<option value="(HU\d{3})" >[^<]*, HU\d{3} \(([\d,]+) actors\)', html)
    )
    assert offered
    assert {code: n for code, _, n in rows} == offered
    assert re.search(
        r'id="unplaced">\d+ of the scope(?:\'|&#39;)s Hungarian actors are in no county', html
    )
    # a county none of whose actors is in the largest part is outlined as cut off
    cut_off = {nuts for nuts, _, _ in rows} - {
        nuts
        for nuts, share in re.findall(
            r'<tr data-code="(HU\d{3})">(?:<td>[^<]*</td>){4}<td>([^<]+)</td>', html
        )
        if share != "0%"
    }
    outlined = re.findall(r'data-code="(HU\d{3})"><path [^>]*class="cut-off"', svg[1])
    assert cut_off
    assert set(outlined) == cut_off
    west = client.get("/", params={"country": "HU", "region": "HU2"}).text
    codes = re.findall(r'<tr data-code="(HU\d{3})">', west)
    assert codes
    assert all(code.startswith("HU2") for code in codes)
    # the region filter offers the counties and Hungary's three regions by name
    assert re.search(r'<option value="HU2" selected>Transdanubia, HU2 \(\d+ actors\)', west)
    assert re.search(r'<option value="HU110" >Budapest, HU110 \(\d+ actors\)', west)
    hungarian = client.get("/", params={"country": "HU", "region": "HU2", "lang": "hu"}).text
    assert '<option value="HU2" selected>Dunántúl, HU2' in hungarian
    assert "/viz?lang=hu&amp;country=HU&amp;region=HU231" in hungarian  # the explorer in Hungarian


def test_a_scope_of_many_countries_is_mapped_by_country(client: httpx.Client) -> None:
    """The whole default store (the Hungarian actors' partners from all over Europe): a map of
    Europe's countries, each country's actors as counted from the seed and the CORDIS file
    (independently of helixgraph), each country a link to the explorer."""
    html = analysed_page(client, {"country": ""}, 'id="country-map"')
    svg = re.search(r'<figure class="chart" id="country-map">(.*?)</figure>', html, re.S)
    assert svg
    table = re.search(r'<table class="figures" id="country-table">(.*?)</table>', html, re.S)
    assert table
    rows = {
        code: int(n.replace(",", ""))
        for code, n in re.findall(
            r'<tr data-code="([A-Z]{2})"><td>[^<]+</td><td>([\d,]+)<', table[1]
        )
    }
    expected = Counter(str(actor["country"]) for actor in default_actors().values())
    assert len(rows) >= 30
    assert rows == {code: expected[code] for code in rows}
    assert "/viz?country=DE" in svg[1]
    assert 'data-code="DE"' in svg[1]
    beyond = re.search(r'id="beyond">([\d,]+) actors', html)
    assert beyond
    on_map = sum(rows.values())
    assert int(beyond[1].replace(",", "")) == sum(expected.values()) - on_map
