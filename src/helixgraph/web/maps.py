"""Where the ecosystem is, as an inline SVG map drawn on the server (no tiles, nothing loaded
from outside: it works offline and in the printable report): areas (Hungary's counties, Europe's
countries) shaded by the scope's actors in each, the ties between areas drawn by weight, each
area named on hover and leading to the explorer filtered to it. The table beside it (the
page's) says the same in words, so colour is never the only carrier of meaning.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from html import escape
from itertools import pairwise

from helixgraph.language import Language, number
from helixgraph.network.areas import Area

WIDTH = 640
#: Shades of the charts' blue, lightest to darkest; an area without actors is grey.
SHADES = ("#deebf7", "#9ecae1", "#4292c6", "#2171b5", "#08306b")
EMPTY = "#f0f0f0"
TIE = "#d55e00"


def area_map(
    shapes: Sequence[Area],
    actors: Mapping[str, int],
    ties: Mapping[tuple[str, str], int],
    title: str,
    *,
    link: str | None = None,
    lang: Language = "en",
    words: Mapping[str, str] | None = None,
    cut_off: Collection[str] = (),
    frame: tuple[float, float, float, float] | None = None,
    who: Mapping[str, Sequence[str]] | None = None,
) -> str:
    """The areas shaded by ``actors`` (code -> count), the ``ties`` between two areas (weight:
    ties between their actors) as lines between their centres; ``link`` (with ``{code}``) makes
    each area a link; the areas ``cut_off`` (none of their actors in the network's largest part)
    get a dashed outline. ``words``: "{n} actors", "{n} ties" and "cut off" in the page's
    language (a Hungarian noun after a number is singular).
    ``frame`` (west, south, east, north): what the map shows, else all the outlines. ``who``:
    the names an area's hover gives (its best connected actors); "more" in ``words`` says how
    many it leaves out ("and {n} more").

    >>> from helixgraph.network.areas import Area
    >>> square = Area("HU110", "Budapest", (((19.0, 47.4), (19.2, 47.4), (19.2, 47.6)),))
    >>> svg = area_map([square], {"HU110": 3}, {}, "Actors by county")
    >>> svg.startswith("<svg") and "Budapest: 3 actors" in svg
    True
    """
    said = {
        "actors": "{n} actors",
        "ties": "{n} ties",
        "cut off": "cut off",
        "more": "and {n} more",
    }
    said |= dict(words or {})
    if frame is None:
        points = [p for shape in shapes for ring in shape.rings for p in ring]
        west, east = min(x for x, _ in points), max(x for x, _ in points)
        south, north = min(y for _, y in points), max(y for _, y in points)
    else:
        west, south, east, north = frame
    middle = math.cos(math.radians((south + north) / 2))
    scale = (WIDTH - 20) / ((east - west) * middle)
    height = round((north - south) * scale) + 20

    def at(lon: float, lat: float) -> tuple[float, float]:
        return 10 + (lon - west) * middle * scale, 10 + (north - lat) * scale

    most = max(actors.values(), default=0)
    centres: dict[str, tuple[float, float]] = {}
    body = []
    # the largest first, so that an area inside another (Budapest in Pest, San Marino in Italy)
    # is drawn over it: the outlines are outer rings only
    for shape in sorted(shapes, key=_extent, reverse=True):
        count = actors.get(shape.code, 0)
        path = " ".join(_ring([at(*p) for p in ring]) for ring in shape.rings)
        outer = max(shape.rings, key=len)
        xs, ys = zip(*(at(*p) for p in outer), strict=True)
        centres[shape.code] = (sum(xs) / len(xs), sum(ys) / len(ys))
        tip = f"{shape.name}: " + said["actors"].format(n=number(count, lang))
        named = list((who or {}).get(shape.code, ()))
        if named:
            rest = count - len(named)
            tip += ": " + ", ".join(named)
            if rest > 0:
                tip += " " + said["more"].format(n=number(rest, lang))
        outline = 'stroke="#ffffff" stroke-width="1"'
        if shape.code in cut_off and count:
            tip += f" ({said['cut off']})"
            outline = f'stroke="{TIE}" stroke-width="2" stroke-dasharray="4 3" class="cut-off"'
        region = (
            f'<path d="{path}" fill="{_shade(count, most)}" {outline}>'
            f"<title>{escape(tip)}</title></path>"
        )
        if link:
            href = escape(link.format(code=shape.code))
            region = f'<a href="{href}" data-code="{shape.code}">{region}</a>'
        body.append(region)
    heaviest = max(ties.values(), default=0)
    for (a, b), weight in sorted(ties.items(), key=lambda item: item[1]):
        if a in centres and b in centres and weight:
            (x1, y1), (x2, y2) = centres[a], centres[b]
            width = 0.6 + 4 * math.sqrt(weight / heaviest)
            tip = f"{_name(shapes, a)} - {_name(shapes, b)}: " + said["ties"].format(
                n=number(weight, lang)
            )
            body.append(
                f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{TIE}" '
                f'stroke-opacity="0.7" stroke-width="{width:.1f}" stroke-linecap="round" '
                # the areas under a tie stay the click's target
                'pointer-events="none">'
                f"<title>{escape(tip)}</title></line>"
            )
    placed: list[tuple[float, float]] = []
    for shape in sorted(shapes, key=_extent):  # the smallest keeps its centre, the larger moves
        count = actors.get(shape.code, 0)
        if count:
            x, y = centres[shape.code]
            while any(abs(x - a) < 24 and abs(y - b) < 14 for a, b in placed):
                y += 16  # Pest's number below Budapest's, not on it
            placed.append((x, y))
            colour = "#ffffff" if _shade(count, most) in SHADES[2:] else "#1d1d1f"
            body.append(
                f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle" font-size="12" '
                f'fill="{colour}" pointer-events="none">{number(count, lang)}</text>'
            )
    description = "; ".join(
        f"{shape.name}: {number(actors.get(shape.code, 0), lang)}" for shape in shapes
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" class="chart map">'
        f"<title>{escape(title)}</title><desc>{escape(description)}</desc>"
        + "".join(body)
        + "</svg>"
    )


def _ring(points: Sequence[tuple[float, float]]) -> str:
    """A closed outline as compact SVG path data: whole pixels, each point relative to the one
    before, a point on the last one's pixel left out (Europe's outlines: 4,353 points, 62 KB
    of text in absolute tenths of a pixel, a third of that so).

    >>> _ring([(10.2, 10.0), (12.0, 10.4), (12.3, 10.1), (12.0, 14.0)])
    'M10,10l2,0 0,4z'
    """
    pixels = [(round(x), round(y)) for x, y in points]
    kept = [pixels[0]] + [p for before, p in pairwise(pixels) if p != before]
    if len(kept) < 3:  # an islet smaller than a pixel
        return ""
    steps = " ".join(f"{x - a},{y - b}" for (a, b), (x, y) in pairwise(kept))
    return f"M{kept[0][0]},{kept[0][1]}l{steps}z"


def _extent(shape: Area) -> float:
    """The area of the box around the shape's outlines (degrees squared)."""
    points = [p for ring in shape.rings for p in ring]
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return (max(xs) - min(xs)) * (max(ys) - min(ys))


def _shade(count: int, most: int) -> str:
    """An area's shade: grey without actors, else one of five steps on a log scale."""
    if count <= 0 or most <= 0:
        return EMPTY
    step = math.log1p(count) / math.log1p(most) * (len(SHADES) - 1)
    return SHADES[min(len(SHADES) - 1, round(step))]


def _name(shapes: Sequence[Area], code: str) -> str:
    return next((shape.name for shape in shapes if shape.code == code), code)
