"""Where the actors are: each Hungarian actor's county (its NUTS-3 region), as the store says
it: the NUTS code a source states (``hx:region``; CORDIS's NUTS-2013 HU101/HU102 read as
HU110/HU120), else the county its city lies in, which the importers record
(``hx:regionByCity``, :mod:`helixgraph.rdf.gazetteer`). An actor neither places is counted as
not placed.
"""

from __future__ import annotations

from helixgraph.network import views
from helixgraph.network.areas import counties
from helixgraph.rdf.gazetteer import county_of
from helixgraph.store import KnowledgeGraph
from helixgraph.store.kept import kept

#: Hungary's three NUTS-1 regions, in English and Hungarian (Eurostat's names).
HU_NUTS1 = {
    "HU1": ("Central Hungary", "Közép-Magyarország"),
    "HU2": ("Transdanubia", "Dunántúl"),
    "HU3": ("Great Plain and North", "Alföld és Észak"),
}


def actor_nuts(kg: KnowledgeGraph) -> dict[str, str]:
    """Each actor's NUTS code: its county where placed, else the code a source states (what
    the ``region`` filter matches as a prefix: ``HU2`` is Transdanubia); real actors only (the
    seed's illustrative examples are none)."""
    actors = views.actor_attributes(kg)
    stated = {a: code for a, code in views.actor_regions(kg).items() if a in actors}
    return stated | actor_counties(kg)


def region_choices(nuts: dict[str, str], lang: str = "en") -> list[tuple[str, str, int]]:
    """What the ``region`` filter offers: (code, label, actors), Hungary's NUTS-1 regions and
    counties by name, other countries' NUTS-2 codes as they are; sorted by code, so that each
    county follows its region.

    >>> choices = region_choices({"a": "HU110", "b": "HU231", "c": "DE300"})
    >>> [label for _, label, _ in choices]
    ['DE30', 'Central Hungary, HU1', 'Budapest, HU110', 'Transdanubia, HU2', 'Baranya, HU231']
    """
    names = {county.code: county.name for county in counties()}
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
def actor_counties(kg: KnowledgeGraph) -> dict[str, str]:
    """Each Hungarian actor's county (NUTS-3 code), where a stated NUTS code (``hx:region``) or
    else its city (``hx:regionByCity``, recorded on import) says; kept until the store changes."""
    actors = views.actor_attributes(kg)
    placed: dict[str, str] = {}
    for by_city in (False, True):  # a stated county first
        for actor, code in views.actor_regions(kg, by_city=by_city).items():
            county = county_of(code)
            if county and actor in actors:
                placed.setdefault(actor, county)
    return placed
