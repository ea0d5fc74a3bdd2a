"""The scope year by year: the years the data is active in, and each year's actors, parts,
fragmentation and synergy (the report's table and the dashboard's chart)."""

from __future__ import annotations

from typing import Any

from networkx.utils import UnionFind

from helixgraph.analysis.fragmentation import fragmentation_of_parts
from helixgraph.analysis.synergy import helix_synergy
from helixgraph.errors import InputError
from helixgraph.network import views
from helixgraph.network.scope import Scope, selections_by_year
from helixgraph.report.computing import computing_lock
from helixgraph.store import KnowledgeGraph
from helixgraph.store.kept import kept


def scope_by_year(kg: KnowledgeGraph, scope: Scope) -> list[dict[str, Any]]:
    """The report's year-by-year table of ``scope``: its years (at most the last 15), or the
    store's last 15 years with activity, kept as :func:`fragmentation_by_year` keeps them."""
    if scope.years:
        first, last = scope.years
        return yearly(kg, scope, list(range(max(first, last - 14), last + 1)))
    return _fragmentation_by_year(kg, 15, scope)


@kept
def activity_years(kg: KnowledgeGraph) -> tuple[int, int] | None:
    """The first and last year any membership or collaboration is dated, or None; kept until
    the store changes.

    >>> activity_years(KnowledgeGraph.in_memory(default_data=False)) is None
    True
    """
    years = [
        int(row["o"][:4])
        for row in kg.select(
            "SELECT DISTINCT ?o WHERE { { ?i time:inXSDDate ?o } UNION { ?i time:inXSDgYear ?o } }"
        )
        if row["o"][:4].isdigit()
    ]
    return (min(years), max(years)) if years else None


def within_activity(kg: KnowledgeGraph, years: tuple[int, int]) -> tuple[int, int]:
    """``years`` cut to the years the data holds activity in (``1-3000`` and ``2014-2024`` are
    one window); :class:`InputError` for a window with no activity at all. What the pages and
    the command line both do with a window of years.

    >>> within_activity(KnowledgeGraph.in_memory(), (1900, 2016))[1]
    2016
    """
    span = activity_years(kg) or years
    first, last = max(years[0], span[0]), min(years[1], span[1])
    if first > last:
        window = f"{years[0]}" if years[0] == years[1] else f"{years[0]}-{years[1]}"
        raise InputError(f"{window!r}: the data has activity in {span[0]}-{span[1]} only")
    return first, last


def fragmentation_by_year(
    kg: KnowledgeGraph, *, last: int = 15, scope: Scope | None = None
) -> list[dict[str, Any]]:
    """The scope (default: the whole store) year by year, at most the ``last`` years with dated
    activity: the actors active that year (in a collaboration running in it), the parts they
    fall into, Borgatti's F among them and the synergy of their collaborations; the same
    semantics as ``--years``. Kept until the store changes.
    """
    scope = (scope or Scope()).with_years(None)
    with computing_lock(None):
        return list(_fragmentation_by_year(kg, last, scope))


@kept
def _fragmentation_by_year(kg: KnowledgeGraph, last: int, scope: Scope) -> list[dict[str, Any]]:
    span = activity_years(kg)
    if span is None:
        return []
    return yearly(kg, scope, list(range(max(span[0], span[1] - last + 1), span[1] + 1)))


def yearly(kg: KnowledgeGraph, scope: Scope, years: list[int]) -> list[dict[str, Any]]:
    """The scope year by year: the focal actors active that year, the in-scope collaborations
    they take part in, the parts they fall into, the largest, Borgatti's F, and the
    triple-helix synergy of those collaborations (None without any). ``scope``'s own years are
    replaced by each year in turn: the same semantics as ``--years``."""
    actors = views.actor_attributes(kg)
    rows = []
    for year, part in selections_by_year(kg, scope, years):
        joined = UnionFind(part.focal)
        helix_sets = []
        for collaboration, members in part.collaborations.items():
            inside = sorted(members & part.focal)
            if not inside:
                continue
            helix_sets.append({actors[a]["helix"] for a in inside})
            if collaboration not in part.own:
                joined.union(*inside)
        for u, v, _ in part.direct or []:
            joined.union(u, v)
        sizes = {root: 0 for root in map(joined.__getitem__, part.focal)}
        for a in part.focal:
            sizes[joined[a]] += 1
        rows.append(
            {
                "year": year,
                "actors": len(part.focal),
                "collaborations": len(helix_sets),
                "parts": len(sizes),
                "largest": max(sizes.values(), default=0),
                "fragmentation": fragmentation_of_parts(sizes.values()),
                "synergy_bits_3d": helix_synergy(helix_sets) if helix_sets else None,
            }
        )
    return rows
