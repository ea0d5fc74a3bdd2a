"""Where the ecosystem is (issue 29): the dashboard's maps, timed against peers in the same run.

- **Tabulating** a scope by area (actors, ties inside and between areas, share in the largest
  part): :func:`helixgraph.network.areas.by_area` (Python over networkx's edges) against numpy
  over the same edge list (``np.unique`` on area-pair codes, the edge list built from networkx
  too), which must find the same ties between areas.
- **Drawing** the SVG (:func:`helixgraph.web.maps.area_map`, the strongest ties as the page
  draws them) against the floor of writing the
  same outlines as GeoJSON text (``json.dumps``): what any drawing must at least spend.

On the whole of Horizon 2020 (35,871 actors in 100-odd countries: the map of Europe) and on the
default store's Hungarian scope (the county map). The H2020 store is imported into a temporary
folder (half a minute), or read from ``HELIX_BENCH_H2020_STORE`` (a store holding
``h2020.csv.gz`` and ``programme_parts.csv.gz``). Medians of three.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

import networkx as nx
import numpy as np
from rich.console import Console
from rich.table import Table

from bench.bench_analysis import timed
from helixgraph.importers.cordis import import_cordis
from helixgraph.network import places
from helixgraph.network.areas import EUROPE_FRAME, Area, by_area, counties, countries
from helixgraph.network.scope import Scope, scoped_network
from helixgraph.store import KnowledgeGraph
from helixgraph.web.dashboard import STRONGEST_TIES
from helixgraph.web.maps import area_map

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
H2020 = [
    SHARED / "cordis-h2020" / "h2020.csv.gz",
    SHARED / "cordis-h2020" / "programme_parts.csv.gz",
]


def numpy_ties(network: nx.Graph, area_of: Mapping[str, str]) -> dict[tuple[str, str], int]:
    """The ties between two areas, counted by numpy over the edge list."""
    codes = sorted(set(area_of.values()))
    index = {code: i for i, code in enumerate(codes)}
    pairs = np.array(
        [
            (index[area_of[u]], index[area_of[v]])
            for u, v in network.edges()
            if u in area_of and v in area_of
        ],
        dtype=np.int64,
    ).reshape(-1, 2)
    low, high = pairs.min(axis=1), pairs.max(axis=1)
    keys, counts = np.unique(low * len(codes) + high, return_counts=True)
    return {
        (codes[k // len(codes)], codes[k % len(codes)]): int(n)
        for k, n in zip(keys, counts, strict=True)
        if k // len(codes) != k % len(codes)
    }


def measure(
    label: str,
    network: nx.Graph,
    area_of: Mapping[str, str],
    shapes: tuple[Area, ...],
    table: Table,
    frame: tuple[float, float, float, float] | None = None,
) -> None:
    names = {area.code: area.name for area in shapes}
    ours, (rows, between, _) = timed(lambda: by_area(network, area_of, names), 3)
    peer, counted = timed(lambda: numpy_ties(network, area_of), 3)
    same = "yes" if counted == between else "NO"
    actors = {row.code: row.actors for row in rows}
    drawn = dict(sorted(between.items(), key=lambda item: -item[1])[:STRONGEST_TIES])  # as pages
    drawing, svg = timed(lambda: area_map(shapes, actors, drawn, label, frame=frame), 3)
    floor, _ = timed(lambda: json.dumps([[a.code, a.name, a.rings] for a in shapes]), 3)
    table.add_row(
        label,
        f"{network.number_of_nodes():,} / {network.number_of_edges():,}",
        f"{ours:.3f}",
        f"{peer:.3f} ({ours / peer:.1f}x)",
        same,
        f"{drawing * 1000:.1f} ms, {len(svg) // 1024} KB",
        f"{floor * 1000:.1f} ms ({drawing / floor:.1f}x)",
    )


def main() -> None:
    console = Console(width=150)
    table = Table(
        "map", "actors / ties", "by_area (s)", "numpy (s)", "same ties", "area_map", "json.dumps",
        title="The dashboard's maps: tabulating a scope by area, and drawing it (medians of 3)",
    )  # fmt: skip
    kg = KnowledgeGraph.in_memory()
    network = scoped_network(kg, Scope.parse("country=HU")).actors
    placed = places.actor_counties(kg)
    measure("Hungary by county (default store)", network, placed, counties(), table)
    with KnowledgeGraph.open(h2020_store(), default_data=False) as big:
        whole = scoped_network(big, Scope.parse("")).actors
        europe = countries()
        on_map = {area.code for area in europe}
        country_of = {a: c for a, c in whole.nodes(data="country") if c in on_map}
        measure("Europe by country (all H2020)", whole, country_of, europe, table, EUROPE_FRAME)
    console.print(table)


if __name__ == "__main__":
    main()


def h2020_store() -> Path:
    """A store holding all of Horizon 2020: ``HELIX_BENCH_H2020_STORE``, or one imported into
    a temporary folder now (half a minute)."""
    given = os.environ.get("HELIX_BENCH_H2020_STORE")
    if given:
        return Path(given)
    folder = Path(tempfile.mkdtemp(prefix="helixgraph-bench-h2020-")) / "store"
    with KnowledgeGraph.open(folder, default_data=False) as big:
        import_cordis(big, H2020)
    return folder
