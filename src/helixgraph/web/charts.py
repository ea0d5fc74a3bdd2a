"""Small charts as inline SVG, drawn on the server: no charting library, nothing to load, and
readable without JavaScript. Each chart has a ``<title>`` and a ``<desc>`` for screen readers and
prints its values beside the marks, so colour is never the only carrier of meaning.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from typing import Any

from helixgraph.language import DEFAULT, Language, number

INK = "#1d1d1f"
MUTED = "#555555"
BAR = "#0072B2"


def _frame(width: int, height: int, title: str, description: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" class="chart">'
        f"<title>{escape(title)}</title><desc>{escape(description)}</desc>"
        + "".join(body)
        + "</svg>"
    )


def bar_chart(
    bars: Sequence[tuple[str, float, str | None]],
    title: str,
    *,
    width: int = 420,
    lang: Language = DEFAULT,
) -> str:
    """Horizontal bars: (label, value, colour or None), values printed at the bar ends.

    >>> svg = bar_chart([("academia", 7, "#E69F00"), ("business", 6, None)], "Actors per helix")
    >>> svg.count("<rect"), "academia: 7" in svg
    (2, True)
    """
    # room for the longest label (about 7 px a character at 13 px): "tudományos szféra" is long
    row = 24
    label_width = max(130, 10 + 7 * max((len(label) for label, _, _ in bars), default=0))
    width = max(width, label_width + 200)
    top = max((value for _, value, _ in bars), default=0) or 1
    body = []
    for i, (label, value, colour) in enumerate(bars):
        y = i * row + 4
        length = (width - label_width - 70) * value / top
        shown = number(value, lang) if float(value).is_integer() else number(value, lang, digits=3)
        body.append(
            f'<text x="{label_width - 6}" y="{y + 14}" text-anchor="end" font-size="13" '
            f'fill="{INK}">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{row - 8}" '
            f'fill="{colour or BAR}"/>'
            f'<text x="{label_width + length + 6:.1f}" y="{y + 14}" font-size="13" '
            f'fill="{MUTED}">{shown}</text>'
        )
    description = "; ".join(f"{label}: {number(round(value), lang)}" for label, value, _ in bars)
    return _frame(width, len(bars) * row + 8, title, description, body)


def heatmap(
    labels: Sequence[str],
    values: Sequence[Sequence[float]],
    title: str,
    *,
    lang: Language = DEFAULT,
) -> str:
    """A labelled matrix (rows x columns in ``labels`` order), darker for more, counts printed.

    >>> svg = heatmap(["a", "b"], [[1, 2], [2, 0]], "Ties")
    >>> svg.count("<rect"), "a-b: 2" in svg
    (4, True)
    """
    cell = 84
    margin = max(100, 12 + 7 * max((len(label) for label in labels), default=0))
    top = max((v for row in values for v in row), default=0) or 1
    body = []
    for j, label in enumerate(labels):
        # a column's label one word a line, so that long labels do not run into each other
        words = label.split()
        lines = "".join(
            f'<tspan x="{margin + j * cell + cell / 2}" dy="{0 if k == 0 else 14}">'
            f"{escape(word)}</tspan>"
            for k, word in enumerate(words)
        )
        body.append(
            f'<text y="{margin - 8 - 14 * (len(words) - 1)}" text-anchor="middle" '
            f'font-size="12" fill="{INK}">{lines}</text>'
        )
    for i, label in enumerate(labels):
        body.append(
            f'<text x="{margin - 6}" y="{margin + i * cell + cell / 2 + 4}" text-anchor="end" '
            f'font-size="12" fill="{INK}">{escape(label)}</text>'
        )
        for j, value in enumerate(values[i]):
            share = value / top
            ink = "#ffffff" if share > 0.5 else INK
            shown = number(round(value), lang)
            body.append(
                f'<rect x="{margin + j * cell}" y="{margin + i * cell}" width="{cell - 2}" '
                f'height="{cell - 2}" fill="#0072B2" fill-opacity="{0.08 + 0.92 * share:.3f}"/>'
                f'<text x="{margin + j * cell + cell / 2}" y="{margin + i * cell + cell / 2 + 4}" '
                f'text-anchor="middle" font-size="12" fill="{ink}">{shown}</text>'
            )
    description = "; ".join(
        f"{a}-{b}: {number(round(values[i][j]), lang)}"
        for i, a in enumerate(labels)
        for j, b in enumerate(labels)
    )
    size = margin + len(labels) * cell + 4
    return _frame(size, size, title, description, body)


def line_chart(
    points: Sequence[tuple[int, float]],
    title: str,
    *,
    width: int = 420,
    lang: Language = DEFAULT,
) -> str:
    """Values (0-1) over years, a dot and its value at every year.

    >>> svg = line_chart([(2014, 1.0), (2015, 0.5)], "F over the years")
    >>> svg.count("<circle"), "2015: 0.500" in svg
    (2, True)
    """
    height, left, bottom, top_pad = 200, 40, 30, 16
    if not points:
        return _frame(width, 40, title, "no years to show", [])
    first, last = points[0][0], points[-1][0]
    span = max(1, last - first)

    def x(year: int) -> float:
        return left + (width - left - 20) * (year - first) / span

    def y(value: float) -> float:
        return top_pad + (height - bottom - top_pad) * (1 - value)

    path = " ".join(f"{x(a):.1f},{y(v):.1f}" for a, v in points)
    body = [
        f'<line x1="{left}" y1="{y(0)}" x2="{width - 10}" y2="{y(0)}" stroke="{MUTED}"/>',
        f'<text x="{left - 6}" y="{y(1) + 4}" text-anchor="end" font-size="11" '
        f'fill="{MUTED}">1</text>',
        f'<text x="{left - 6}" y="{y(0) + 4}" text-anchor="end" font-size="11" '
        f'fill="{MUTED}">0</text>',
        f'<polyline points="{path}" fill="none" stroke="{BAR}" stroke-width="2"/>',
    ]
    every = max(1, round(len(points) / 8))  # year labels that do not run into each other
    for index, (year, value) in enumerate(points):
        body.append(f'<circle cx="{x(year):.1f}" cy="{y(value):.1f}" r="3" fill="{BAR}"/>')
        if index % every == 0 or index == len(points) - 1:
            body.append(
                f'<text x="{x(year):.1f}" y="{height - 10}" text-anchor="middle" font-size="11" '
                f'fill="{INK}">{year}</text>'
            )
    description = "; ".join(f"{year}: {number(value, lang, digits=3)}" for year, value in points)
    return _frame(width, height, title, description, body)


def captioned(chart: Callable[..., str], data: Any, title: str, **options: Any) -> str:
    """``chart(data, title, **options)`` with its title visible under it (an SVG title is only
    a tooltip), for charts that share a section with others.

    >>> captioned(line_chart, [(2020, 0.5)], "F by year").endswith(
    ...     "</svg><figcaption>F by year</figcaption></figure>")
    True
    """
    svg = chart(data, title, **options)
    return f'<figure class="chart">{svg}<figcaption>{escape(title)}</figcaption></figure>'
