"""Names as people write them, on the pages and in the API: in the page's language, with their
accents, found by any of an actor's names (the expected names read here from the shipped files
with rdflib, or written by hand)."""

from __future__ import annotations

import re
import time

import httpx
import pytest
import rdflib
from conftest import SEED_FILE

from helixgraph.language import fold

ACTOR = "https://w3id.org/helixgraph/id/actor/"
HX = "https://w3id.org/helixgraph/ns#"


@pytest.fixture(scope="module")
def client(app_client: httpx.Client) -> httpx.Client:
    return app_client


def seed_label(actor: str, lang: str) -> str:
    seed = rdflib.Graph().parse(SEED_FILE)
    return next(
        str(label)
        for label in seed.objects(rdflib.URIRef(ACTOR + actor), rdflib.SKOS.prefLabel)
        if label.language == lang  # type: ignore[attr-defined]
    )


@pytest.mark.parametrize(
    "typed", ["szechenyi", "Széchenyi", "SZECHENYI ISTVAN EGYETEM", "széchenyi istván university"]
)
def test_search_finds_an_actor_by_any_of_its_names_without_regard_to_accents(
    client: httpx.Client, typed: str
) -> None:
    found = client.get("/api/actors", params={"q": typed, "limit": 1000}).json()["data"]
    assert "pic-999879590" in {a["id"] for a in found}, typed  # Széchenyi István Egyetem


def test_the_what_if_panel_offers_names_in_the_page_s_language(client: httpx.Client) -> None:
    """Óbuda University, a member of MediKlaszter: "Óbudai Egyetem" on the Hungarian page."""
    english, hungarian = seed_label("pic-986279123", "en"), seed_label("pic-986279123", "hu")
    assert english != hungarian
    for lang, shown, other in (("en", english, hungarian), ("hu", hungarian, english)):
        for _ in range(240):  # the page first computes the report
            page = client.get("/", params={"cluster": "mediklaszter", "lang": lang}).text
            if 'id="whatif-card"' in page:
                break
            time.sleep(0.25)
        assert f'<option value="{shown}" data-id="{ACTOR}pic-986279123"' in page, lang
        assert f'<option value="{other}"' not in page
        known = re.search(rf'data-id="{ACTOR}pic-986279123" data-names="([^"]*)"', page)
        assert known
        assert fold(other) in known[1].split("|")  # a name it goes by, for the what-if


def test_hungarian_organisations_read_with_their_accents_not_in_capitals(
    client: httpx.Client,
) -> None:
    actors = client.get("/api/actors", params={"country": "HU", "limit": 1000}).json()["data"]
    labels = [a["label"] for a in actors if not a["label"].startswith("unnamed ")]
    assert len(labels) > 200
    shouting = [label for label in labels if re.fullmatch(r"[A-Z0-9 .,&()'\"/-]{12,}", label)]
    assert not shouting, shouting[:5]
    assert sum(1 for label in labels if re.search("[áéíóöőúüű]", label)) > len(labels) / 2
    for written in ("Debreceni Egyetem", "Miskolci Egyetem", "Kaposvári Egyetem"):
        found = client.get("/api/actors", params={"q": written}).json()["data"]
        assert written in {a["label"] for a in found}, written


def test_an_unnamed_organisation_is_described_by_what_is_known(client: httpx.Client) -> None:
    actors = client.get("/api/actors", params={"country": "HU", "limit": 1000}).json()["data"]
    unnamed = [a for a in actors if a["label"].startswith("unnamed ")]
    assert unnamed
    for actor in unnamed:
        pic = actor["id"].removeprefix("pic-")
        assert actor["label"].endswith(f", HU — PIC {pic}"), actor["label"]
    assert not [a for a in actors if a["label"].startswith("PIC ")]


@pytest.mark.parametrize("params", [{"country": "HU", "sector": "health"}, {"country": "HU"}])
def test_no_report_names_an_example(client: httpx.Client, params: dict[str, str]) -> None:
    """The seed's examples (hx:illustrative, read from the file) appear nowhere in a report."""
    seed = rdflib.Graph().parse(SEED_FILE)
    examples = set(seed.subjects(rdflib.URIRef(HX + "illustrative"), rdflib.Literal(True)))
    labels = {  # the English ones: a real record of NKFIH (CORDIS) has its Hungarian name
        str(o)
        for s in examples
        for o in seed.objects(s, rdflib.SKOS.prefLabel)
        if o.language == "en"  # type: ignore[attr-defined]
    }
    for _ in range(60):
        answer = client.get("/api/analysis/report", params=params)
        if answer.status_code == 200:
            break
    text = answer.text
    assert not [str(iri) for iri in examples if str(iri) in text]
    assert not [label for label in labels if label in text and label != "MediKlaszter"]
    page = client.get("/", params=params).text
    assert not [label for label in labels if label in page and label != "MediKlaszter"]
