"""Where the actors are: each Hungarian actor's county (its NUTS-3 region), as the store says
it: the NUTS code a source states (``hx:region``; CORDIS's NUTS-2013 HU101/HU102 read as
HU110/HU120), else the county its city lies in, which the importers record
(``hx:regionByCity``, :mod:`helixgraph.rdf.gazetteer`). An actor neither places is counted as
not placed. The county outlines for the map: ``data/map/hu-counties.json`` (Natural Earth).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

import networkx as nx

from helixgraph.network import views
from helixgraph.rdf.gazetteer import county_of
from helixgraph.rdf.resources import map_data
from helixgraph.store import KnowledgeGraph
from helixgraph.store.kept import kept

#: Hungary's three NUTS-1 regions, in English and Hungarian (Eurostat's names).
HU_NUTS1 = {
    "HU1": ("Central Hungary", "Közép-Magyarország"),
    "HU2": ("Transdanubia", "Dunántúl"),
    "HU3": ("Great Plain and North", "Alföld és Észak"),
}


@dataclass(frozen=True)
class County:
    """A NUTS-3 region of the map: its code, official name and outline (lon, lat rings)."""

    nuts: str
    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]


@dataclass(frozen=True)
class Placed:
    """Where an actor is: its county, and how that was found ("stated" or "city")."""

    nuts: str
    how: str


@cache
def counties() -> tuple[County, ...]:
    """Hungary's 20 NUTS-3 regions (19 counties and Budapest), by code."""
    shapes = json.loads(map_data("hu-counties.json").read_text(encoding="utf-8"))
    return tuple(
        County(s["nuts"], s["name"], tuple(tuple(map(tuple, ring)) for ring in s["rings"]))
        for s in shapes
    )


def actor_nuts(kg: KnowledgeGraph) -> dict[str, str]:
    """Each actor's NUTS code: its county where placed, else the code a source states (what
    the ``region`` filter matches as a prefix: ``HU2`` is Transdanubia)."""
    return views.actor_regions(kg) | {a: p.nuts for a, p in actor_counties(kg).items()}


def region_choices(nuts: dict[str, str], lang: str = "en") -> list[tuple[str, str, int]]:
    """What the ``region`` filter offers: (code, label, actors), Hungary's NUTS-1 regions and
    counties by name, other countries' NUTS-2 codes as they are; sorted by code, so that each
    county follows its region.

    >>> choices = region_choices({"a": "HU110", "b": "HU231", "c": "DE300"})
    >>> [label for _, label, _ in choices]
    ['DE30', 'Central Hungary, HU1', 'Budapest, HU110', 'Transdanubia, HU2', 'Baranya, HU231']
    """
    names = {county.nuts: county.name for county in counties()}
    names |= {
        code: english if lang == "en" else local for code, (english, local) in HU_NUTS1.items()
    }
    found: dict[str, int] = {}
    for code in nuts.values():
        groups = [code, code[:3]] if code in names else [code[:4]] if len(code) >= 4 else []
        for group in groups:
            found[group] = found.get(group, 0) + 1
    return [
        (code, f"{names[code]}, {code}" if code in names else code, n)
        for code, n in sorted(found.items())
    ]


@kept
def actor_counties(kg: KnowledgeGraph) -> dict[str, Placed]:
    """Each Hungarian actor's county, where a stated NUTS code (``hx:region``) or its city
    (``hx:regionByCity``, recorded on import) says; kept until the store changes."""
    actors = views.actor_attributes(kg)
    placed: dict[str, Placed] = {}
    for actor, code in views.actor_regions(kg).items():
        county = county_of(code)
        if county and actor in actors:
            placed[actor] = Placed(county, "stated")
    for actor, code in views.actor_regions(kg, by_city=True).items():
        county = county_of(code)
        if county and actor in actors and actor not in placed:
            placed[actor] = Placed(county, "city")
    return placed


@dataclass(frozen=True)
class RegionRow:
    """One county of a scope: its actors, the ties among them and to other counties, and the
    share of them in the network's largest connected part."""

    nuts: str
    name: str
    actors: int
    ties_inside: int
    ties_out: int
    in_largest: float


def by_county(
    network: nx.Graph, placed: dict[str, Placed]
) -> tuple[list[RegionRow], dict[tuple[str, str], int], int]:
    """The scope's actors county by county (most actors first), the ties between two counties
    (NUTS pair -> ties), and how many of the scope's actors are not placed.

    >>> G = nx.Graph([("a", "b"), ("b", "c")]); G.add_node("d")
    >>> pest, budapest = Placed("HU120", "city"), Placed("HU110", "city")
    >>> at = {"a": budapest, "b": budapest, "c": pest}
    >>> rows, ties, unplaced = by_county(G, at)
    >>> [(r.nuts, r.actors, r.ties_inside, r.ties_out) for r in rows], ties, unplaced
    ([('HU110', 2, 1, 1), ('HU120', 1, 0, 1)], {('HU110', 'HU120'): 1}, 1)
    """
    names = {county.nuts: county.name for county in counties()}
    largest: set[str] = max(nx.connected_components(network), key=len, default=set())
    members: dict[str, list[str]] = {}
    for actor in network:
        if actor in placed:
            members.setdefault(placed[actor].nuts, []).append(actor)
    inside: dict[str, int] = dict.fromkeys(members, 0)
    out: dict[str, int] = dict.fromkeys(members, 0)
    between: dict[tuple[str, str], int] = {}
    for u, v in network.edges():
        if u in placed and v in placed:
            a, b = placed[u].nuts, placed[v].nuts
            if a == b:
                inside[a] += 1
            else:
                out[a] += 1
                out[b] += 1
                pair = (a, b) if a < b else (b, a)
                between[pair] = between.get(pair, 0) + 1
    rows = [
        RegionRow(
            nuts,
            names[nuts],
            len(actors),
            inside[nuts],
            out[nuts],
            sum(1 for a in actors if a in largest) / len(actors),
        )
        for nuts, actors in members.items()
    ]
    rows.sort(key=lambda row: (-row.actors, row.nuts))
    unplaced = sum(1 for actor in network if actor not in placed)
    return rows, between, unplaced
