"""Where the actors are: counties from the NUTS codes the CORDIS names file gives (read here
from the file itself) and from cities by the shipped gazetteer (checked against geography)."""

from __future__ import annotations

import csv
import gzip
from collections import Counter

import pytest
from conftest import H2020_NAMES

from helixgraph.network import views
from helixgraph.network.areas import counties, countries
from helixgraph.network.places import actor_counties
from helixgraph.rdf.gazetteer import city_county, county_codes
from helixgraph.store import KnowledgeGraph

ACTOR = "https://w3id.org/helixgraph/id/actor/pic-"


def test_the_map_has_hungarys_twenty_counties() -> None:
    codes = [county.code for county in counties()]
    assert len(codes) == 20 == len(set(codes))
    assert set(codes) == county_codes()  # the gazetteer's counties are the map's
    assert "HU110" in codes  # Budapest
    assert all(code.startswith("HU") and len(code) == 5 for code in codes)
    assert {county.name for county in counties()} >= {"Budapest", "Pest", "Csongrád-Csanád"}


EU27 = [
    "AT",
    "BE",
    "BG",
    "CY",
    "CZ",
    "DE",
    "DK",
    "EE",
    "ES",
    "FI",
    "FR",
    "GR",
    "HR",
    "HU",
    "IE",
    "IT",
    "LT",
    "LU",
    "LV",
    "MT",
    "NL",
    "PL",
    "PT",
    "RO",
    "SE",
    "SI",
    "SK",
]


def test_the_map_of_europe_has_every_country_by_the_code_the_data_uses() -> None:
    """The EU27, EEA and the UK by ISO code as the store holds them (GB and GR, not CORDIS's
    UK and EL), named in English and Hungarian."""
    codes = {country.code for country in countries()}
    assert codes >= {*EU27, "IS", "LI", "NO", "GB", "CH"}
    assert not codes & {"UK", "EL"}
    names = {country.code: country.name for country in countries("hu")}
    assert (names["HU"], names["DE"], names["GB"]) == (
        "Magyarország",
        "Németország",
        "Egyesült Királyság",
    )


@pytest.mark.parametrize(
    ("city", "county"),
    [  # where these towns lie, as any atlas says
        ("BUDAPEST", "HU110"),
        ("Budapest XI.", "HU110"),
        ("GODOLLO", "HU120"),  # Gödöllő, Pest
        ("GOEDOELLO", "HU120"),  # as CORDIS writes it too
        ("SZENTENDRE", "HU120"),
        ("Szeged", "HU333"),  # Csongrád-Csanád
        ("DEBRECEN", "HU321"),  # Hajdú-Bihar
        ("PECS", "HU231"),  # Baranya
        ("Miskolc", "HU311"),  # Borsod-Abaúj-Zemplén
        ("VESZPREM", "HU213"),
        ("KAPOSVAR", "HU232"),  # Somogy
        ("Győr", "HU221"),  # Győr-Moson-Sopron
    ],
)
def test_a_city_is_placed_in_its_county(city: str, county: str) -> None:
    assert city_county(city) == county


def test_the_counts_per_county_follow_the_names_files_nuts_codes(seed_kg: KnowledgeGraph) -> None:
    """Every organisation of the default store the names file gives a Hungarian NUTS-3 code is
    placed in that county (NUTS 2013's HU101/HU102 read as HU110/HU120), county by county."""
    renamed = {"HU101": "HU110", "HU102": "HU120"}
    known = {county.code for county in counties()}
    with gzip.open(H2020_NAMES, "rt", encoding="utf-8") as file:
        stated = {
            row["pic"]: renamed.get(row["nuts"], row["nuts"])
            for row in csv.DictReader(file)
            if row["country"] == "HU" and renamed.get(row["nuts"], row["nuts"]) in known
        }
    actors = views.actor_attributes(seed_kg)
    in_store = {pic: county for pic, county in stated.items() if ACTOR + pic in actors}
    assert len(in_store) >= 10  # the names file gives few codes: the cities place the rest
    placed = actor_counties(seed_kg)
    found = {pic: placed[ACTOR + pic] for pic in in_store if ACTOR + pic in placed}
    assert found == in_store
    assert Counter(found.values()) == Counter(in_store.values())
    # and with the cities, Budapest holds the most
    by_county = Counter(placed.values())
    assert by_county.most_common(1)[0][0] == "HU110"


def test_the_import_records_the_county_a_city_places_an_actor_in(seed_kg: KnowledgeGraph) -> None:
    """The CORDIS importer writes ``hx:regionByCity`` (a sub-property of ``hx:region``) for a
    Hungarian organisation whose stated NUTS code names no county: the county its city lies
    in, as any atlas says (Gödöllő in Pest, Szeged in Csongrád-Csanád, Debrecen in
    Hajdú-Bihar, Pécs in Baranya); read with SPARQL, as a user would."""
    atlas = {"GODOLLO": "HU120", "SZEGED": "HU333", "DEBRECEN": "HU321", "PECS": "HU231"}
    with gzip.open(H2020_NAMES, "rt", encoding="utf-8") as file:
        expected = {
            ACTOR + row["pic"]: atlas[row["city"]]
            for row in csv.DictReader(file)
            if row["country"] == "HU" and row["city"] in atlas and len(row["nuts"]) != 5
        }
    rows = seed_kg.query(
        "PREFIX hx: <https://w3id.org/helixgraph/ns#> "
        "SELECT ?actor ?region WHERE { ?actor hx:regionByCity ?region }"
    )
    recorded = {str(r["actor"].value): str(r["region"].value).rsplit("/", 1)[1] for r in rows}
    in_store = {a: c for a, c in expected.items() if a in views.actor_attributes(seed_kg)}
    assert len(in_store) >= 10
    assert {a: recorded.get(a) for a in in_store} == in_store
    both = seed_kg.query(  # where another source (the seed) states the county too, they agree
        "PREFIX hx: <https://w3id.org/helixgraph/ns#> SELECT ?city ?stated WHERE "
        "{ ?actor hx:regionByCity ?city ; hx:region ?stated FILTER(STRLEN(STR(?stated)) = 37) }"
    )
    pairs = [(r["city"].value, r["stated"].value) for r in both]
    assert pairs
    assert all(city == stated for city, stated in pairs)
