"""Names as people write them, on the pages and in the API: in the page's language, with their
accents, found by any of an actor's names (the expected names read here from the shipped files
with rdflib, or written by hand)."""

from __future__ import annotations

import re

import httpx
import pytest
import rdflib
from conftest import SEED_FILE

ACTOR = "https://w3id.org/helixgraph/id/actor/"


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
        for _ in range(60):
            page = client.get("/", params={"cluster": "mediklaszter", "lang": lang}).text
            if 'id="whatif-card"' in page:
                break
        assert f'<option value="{shown}" data-id="{ACTOR}pic-986279123">' in page, lang
        assert f'value="{other}"' not in page


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
