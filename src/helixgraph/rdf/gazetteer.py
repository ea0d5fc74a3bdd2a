"""Where a Hungarian organisation lies, by its city: the gazetteer helixgraph ships
(``data/map/hu-places.csv``: GeoNames' settlements of 500 people or more, CC BY 4.0, made by
``scripts/make_places.py``) and NUTS codes as sources write them (CORDIS still writes the
NUTS-2013 codes HU101 Budapest and HU102 Pest, which are HU110 and HU120 since NUTS 2016).

The importers place an organisation in its county when they write it (``hx:regionByCity``);
nothing looks a city up at read time.
"""

from __future__ import annotations

import csv
import io
from functools import cache

from helixgraph.language import fold
from helixgraph.rdf.resources import map_data

#: NUTS 2013 codes CORDIS still writes, and what they are since NUTS 2016.
NUTS_2013 = {"HU101": "HU110", "HU102": "HU120"}


@cache
def gazetteer() -> dict[str, str]:
    """A settlement's name, folded -> its county's NUTS code."""
    text = map_data("hu-places.csv").read_text(encoding="utf-8")
    return {row["place"]: row["nuts3"] for row in csv.DictReader(io.StringIO(text))}


@cache
def county_codes() -> frozenset[str]:
    """The NUTS-3 codes of Hungary's 19 counties and Budapest (every one holds settlements)."""
    return frozenset(gazetteer().values())


def place_key(name: str) -> str:
    """``GÖDÖLLŐ`` -> ``godollo``: a settlement's name as the gazetteer keys it (the way search
    folds names, hyphens read as spaces).

    >>> place_key("Hódmezővásárhely"), place_key("BUDAPEST XI."), place_key("Pest-Buda")
    ('hodmezovasarhely', 'budapest xi.', 'pest buda')
    """
    return " ".join(fold(name).replace("-", " ").split())


def county_of(nuts: str) -> str | None:
    """The county of a stated NUTS code: itself at level 3 (HU101 read as HU110).

    >>> county_of("HU101"), county_of("HU333"), county_of("HU33"), county_of("DE300")
    ('HU110', 'HU333', None, None)
    """
    code = NUTS_2013.get(nuts.upper(), nuts.upper())
    return code if code in county_codes() else None


def city_county(city: str) -> str | None:
    """The county a city lies in, by the gazetteer; Budapest's districts ("Budapest XI.") too.

    >>> city_county("GODOLLO"), city_county("Budapest XI."), city_county("Atlantis")
    ('HU120', 'HU110', None)
    """
    places = gazetteer()
    folded = place_key(city)
    if folded in places:
        return places[folded]
    first = folded.split(" ")[0].rstrip(",.")
    return places.get(first) if first == "budapest" else None


def county_by_city(nuts: str | None, city: str | None, country: str | None) -> str | None:
    """The county a Hungarian organisation's city places it in, where its stated NUTS code
    (if any) names no county: what ``hx:regionByCity`` records.

    >>> county_by_city(None, "GODOLLO", "HU"), county_by_city("HU33", "SZEGED", "HU")
    ('HU120', 'HU333')
    >>> county_by_city("HU102", "GODOLLO", "HU"), county_by_city(None, "GODOLLO", "AT")
    (None, None)
    """
    if country != "HU" or not city or (nuts and county_of(nuts)):
        return None
    return city_county(city)
