"""Where the ecosystem is, as an inline SVG map drawn on the server (no tiles, nothing loaded
from outside: it works offline and in the printable report): Hungary's counties shaded by the
scope's actors in each, the ties between counties drawn by weight, each county named on hover
and leading to the explorer filtered to it. The table beside it (the page's) says the same in
words, so colour is never the only carrier of meaning.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from html import escape

from helixgraph.language import Language, number
from helixgraph.network.places import County

WIDTH = 640
#: Shades of the charts' blue, lightest to darkest; a county without actors is grey.
SHADES = ("#deebf7", "#9ecae1", "#4292c6", "#2171b5", "#08306b")
EMPTY = "#f0f0f0"
TIE = "#d55e00"


def county_map(
    shapes: Sequence[County],
    actors: Mapping[str, int],
    ties: Mapping[tuple[str, str], int],
    title: str,
    *,
    link: str | None = None,
    lang: Language = "en",
    words: Mapping[str, str] | None = None,
    cut_off: Collection[str] = (),
) -> str:
    """The counties shaded by ``actors`` (NUTS code -> count), the ``ties`` between two counties
    (weight: ties between their actors) as lines between their centres; ``link`` (with
    ``{nuts}``) makes each county a link; the counties ``cut_off`` (none of their actors in the
    network's largest part) get a dashed outline. ``words``: "actors", "ties" and "cut off" in
    the page's language.

    >>> from helixgraph.network.places import County
    >>> square = County("HU110", "Budapest", (((19.0, 47.4), (19.2, 47.4), (19.2, 47.6)),))
    >>> svg = county_map([square], {"HU110": 3}, {}, "Actors by county")
    >>> svg.startswith("<svg") and "Budapest: 3 actors" in svg
    True
    """
    said = {"actors": "actors", "ties": "ties", "cut off": "cut off"} | dict(words or {})
    points = [p for shape in shapes for ring in shape.rings for p in ring]
    middle = math.cos(math.radians(sum(lat for _, lat in points) / len(points)))
    west, east = min(x for x, _ in points), max(x for x, _ in points)
    south, north = min(y for _, y in points), max(y for _, y in points)
    scale = (WIDTH - 20) / ((east - west) * middle)
    height = round((north - south) * scale) + 20

    def at(lon: float, lat: float) -> tuple[float, float]:
        return 10 + (lon - west) * middle * scale, 10 + (north - lat) * scale

    most = max(actors.values(), default=0)
    centres: dict[str, tuple[float, float]] = {}
    body = []
    for shape in shapes:
        count = actors.get(shape.nuts, 0)
        path = " ".join(
            "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in (at(*p) for p in ring)) + " Z"
            for ring in shape.rings
        )
        outer = max(shape.rings, key=len)
        xs, ys = zip(*(at(*p) for p in outer), strict=True)
        centres[shape.nuts] = (sum(xs) / len(xs), sum(ys) / len(ys))
        tip = f"{shape.name}: {number(count, lang)} {said['actors']}"
        outline = 'stroke="#ffffff" stroke-width="1"'
        if shape.nuts in cut_off and count:
            tip += f" ({said['cut off']})"
            outline = f'stroke="{TIE}" stroke-width="2" stroke-dasharray="4 3" class="cut-off"'
        region = (
            f'<path d="{path}" fill="{_shade(count, most)}" {outline}>'
            f"<title>{escape(tip)}</title></path>"
        )
        if link:
            href = escape(link.format(nuts=shape.nuts))
            region = f'<a href="{href}" data-nuts="{shape.nuts}">{region}</a>'
        body.append(region)
    heaviest = max(ties.values(), default=0)
    for (a, b), weight in sorted(ties.items(), key=lambda item: item[1]):
        if a in centres and b in centres and weight:
            (x1, y1), (x2, y2) = centres[a], centres[b]
            width = 0.6 + 4 * math.sqrt(weight / heaviest)
            tip = f"{_name(shapes, a)} - {_name(shapes, b)}: {number(weight, lang)} {said['ties']}"
            body.append(
                f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{TIE}" '
                f'stroke-opacity="0.7" stroke-width="{width:.1f}" stroke-linecap="round" '
                # the counties under a tie stay the click's target
                'pointer-events="none">'
                f"<title>{escape(tip)}</title></line>"
            )
    for shape in shapes:
        count = actors.get(shape.nuts, 0)
        if count:
            x, y = centres[shape.nuts]
            colour = "#ffffff" if _shade(count, most) in SHADES[2:] else "#1d1d1f"
            body.append(
                f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle" font-size="12" '
                f'fill="{colour}" pointer-events="none">{number(count, lang)}</text>'
            )
    description = "; ".join(
        f"{shape.name}: {number(actors.get(shape.nuts, 0), lang)}" for shape in shapes
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" class="chart map">'
        f"<title>{escape(title)}</title><desc>{escape(description)}</desc>"
        + "".join(body)
        + "</svg>"
    )


def _shade(count: int, most: int) -> str:
    """A county's shade: grey without actors, else one of five steps on a log scale."""
    if count <= 0 or most <= 0:
        return EMPTY
    step = math.log1p(count) / math.log1p(most) * (len(SHADES) - 1)
    return SHADES[min(len(SHADES) - 1, round(step))]


def _name(shapes: Sequence[County], nuts: str) -> str:
    return next((shape.name for shape in shapes if shape.nuts == nuts), nuts)
