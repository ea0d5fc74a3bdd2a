"""Scoped analysis (issue 13): the report of a country's ecosystem, and its two searches against
their peers in the same run.

- The report of the default store's scopes ``country=HU`` and ``country=HU,sector=health``
  (every part, exact), once the views are built, and of the whole store (6,900 actors: the
  estimated path), median of three; one year of the whole store (exact: fewer actors, but dense).
- The key-player search (Borgatti's swaps, re-measuring only the components a trial touches)
  against an exhaustive search on graphs small enough for one (same answer?), and against the
  betweenness proxy the report used before (the DF it reaches).
- Tie recommendations scored on the distance matrix against networkx recomputing distance
  fragmentation for every candidate (the same gains?).
- A sector's and a country's report from cold (a store just opened): read from the scope's
  slice against its peer, the store-wide views built first (the same headline?), on a store on
  disk: the default store, and all of H2020 where ``HELIX_BENCH_H2020_STORE`` names one.
"""

from __future__ import annotations

import itertools
import os
import statistics
import tempfile
import time
from pathlib import Path

import networkx as nx
from rich.console import Console
from rich.table import Table

from bench.bench_analysis import timed
from helixgraph.analysis.compiled import CompiledGraph
from helixgraph.analysis.fragmentation import distance_fragmentation, key_players
from helixgraph.analysis.keyplayers import search_key_players
from helixgraph.analysis.recommend import _candidates, _distances, _gain, recommend_ties
from helixgraph.network import views
from helixgraph.network.scope import Scope, scoped_network
from helixgraph.report.parts import build_report, read_from
from helixgraph.report.precision import Precision
from helixgraph.settings import Settings
from helixgraph.store import KnowledgeGraph


def reports(kg: KnowledgeGraph, console: Console) -> None:
    table = Table(
        "scope", "actors", "exact", "report (median of 3)", "DF", "key players",
        title="The report of a scope, views built (default store)",
    )  # fmt: skip
    precision = Precision.from_settings(Settings())
    scopes = (("country=HU", 3), ("country=HU,sector=health", 3), ("", 1), ("years=2017", 1))
    for text, repeat in scopes:
        scope = Scope.parse(text)
        scoped_network(kg, scope)  # a view of the scope: built once, kept
        seconds, report = timed(
            lambda scope=scope: build_report(kg, scope, "scope", 10, 1, precision), repeat
        )
        table.add_row(
            text or "(whole store)",
            f"{report.headline.nodes:,}",
            "yes" if report.scope.exact else "no",
            f"{seconds:.2f} s",
            f"{report.headline.distance_fragmentation:.4f}",
            ", ".join(report.key_players.labels) or "none beyond the error",
        )
    console.print(table)


def cold_slice_reports(console: Console) -> None:
    table = Table(
        "store", "scope", "slice read", "report from the slice", "views first, then report",
        "ratio", "same headline",
        title="A scope's report from cold: its slice against the store-wide views "
        "(medians of 3, each on the store opened anew)",
    )  # fmt: skip
    precision = Precision.from_settings(Settings())
    folder = Path(tempfile.mkdtemp(prefix="helixgraph-bench-scope-")) / "store"
    KnowledgeGraph.open(folder).close()  # the default store, on disk
    stores = [("default", folder)]
    if os.environ.get("HELIX_BENCH_H2020_STORE"):
        stores.append(("all of H2020", Path(os.environ["HELIX_BENCH_H2020_STORE"])))
    scopes = [Scope.parse("country=HU,sector=health"), Scope.parse("country=HU")]
    for (name, location), scope in itertools.product(stores, scopes):
        slices, sliced, whole, reports = [], [], [], []
        for _ in range(3):
            with KnowledgeGraph.open(location, read_only=True) as kg:
                start = time.perf_counter()
                part = read_from(kg, scope)
                slices.append(time.perf_counter() - start)
                reports.append(build_report(part, scope, "scope", 10, 1, precision))
                sliced.append(time.perf_counter() - start)
            with KnowledgeGraph.open(location, read_only=True) as kg:
                start = time.perf_counter()
                views.build_store_wide(kg)
                reports.append(build_report(kg, scope, "scope", 10, 1, precision))
                whole.append(time.perf_counter() - start)
        a, b = statistics.median(sliced), statistics.median(whole)
        table.add_row(
            name, scope.text(), f"{statistics.median(slices):.2f} s", f"{a:.2f} s", f"{b:.2f} s",
            f"{b / a:.1f}x", "yes" if reports[0].headline == reports[1].headline else "NO",
        )  # fmt: skip
    console.print(table)


def key_player_searches(kg: KnowledgeGraph, console: Console) -> None:
    table = Table(
        "graph", "k", "search", "DF without them", "same as exhaustive", "seconds",
        title="Key players: Borgatti's swaps (component-wise) against exhaustive search and "
        "the betweenness proxy",
    )  # fmt: skip
    small = {
        "random 40 nodes, 60 ties": nx.gnm_random_graph(40, 60, seed=1),
        "HU health scope": nx.Graph(
            scoped_network(kg, Scope.parse("country=HU,sector=health")).actors
        ),
    }
    for name, G in small.items():
        for k in (1, 2, 3) if len(G) <= 40 else (1, 2):
            ours, found = timed(lambda G=G, k=k: search_key_players(G, k), 1)
            full, (_, best) = timed(lambda G=G, k=k: key_players(G, k, method="exhaustive"), 1)
            same = abs(found.after - best) < 1e-12
            table.add_row(name, str(k), "swaps", f"{found.after:.6f}", str(same), f"{ours:.3f}")
            table.add_row(name, str(k), "exhaustive", f"{best:.6f}", "-", f"{full:.3f}")
    for text in ("country=HU", "country=HU,years=2016-2017"):
        G = scoped_network(kg, Scope.parse(text)).actors
        ours, found = timed(lambda G=G: search_key_players(G, 3, budget=10.0), 1)
        C = CompiledGraph(G)
        central = C.betweenness()
        proxy = sorted(central, key=lambda a: (-central[a], str(a)))[:3]
        proxy_df = distance_fragmentation(G.subgraph(set(G) - set(proxy)))
        table.add_row(text, "3", "swaps", f"{found.after:.6f}", "-", f"{ours:.3f}")
        table.add_row(text, "3", "betweenness top 3", f"{proxy_df:.6f}", "-", "-")
    console.print(table)


def recommendations(kg: KnowledgeGraph, console: Console) -> None:
    G = nx.Graph(scoped_network(kg, Scope.parse("country=HU")).actors)
    nodes = list(G)
    index = {node: i for i, node in enumerate(nodes)}
    D = _distances(G)
    pairs = _candidates(G, D, index, 200)
    total = len(nodes) * (len(nodes) - 1)
    matrix, gains = timed(lambda: [_gain(D, index[u], index[v]) / total for u, v in pairs])

    def networkx_gains() -> list[float]:
        before = distance_fragmentation(G)
        found = []
        for u, v in pairs:
            G.add_edge(u, v)
            found.append(before - distance_fragmentation(G))
            G.remove_edge(u, v)
        return found

    plain, expected = timed(networkx_gains, 1)
    worst = max(abs(a - b) for a, b in zip(gains, expected, strict=True))
    table = Table(
        "method", "candidates", "seconds", "largest gain difference",
        title=f"Tie gains on the HU scope ({len(nodes)} actors): one greedy step",
    )  # fmt: skip
    table.add_row("distance matrix (ours)", str(len(pairs)), f"{matrix:.3f}", f"{worst:.1e}")
    table.add_row("networkx DF per candidate", str(len(pairs)), f"{plain:.3f}", "-")
    seconds, _ = timed(lambda: recommend_ties(G, n=5), 1)
    table.add_row("recommend_ties, 5 ties", "-", f"{seconds:.3f}", f"ratio {plain / matrix:.0f}x")
    console.print(table)


def main() -> None:
    console = Console()
    kg = KnowledgeGraph.in_memory()
    views.actor_network(kg)
    views.dated_memberships(kg)
    reports(kg, console)
    cold_slice_reports(console)
    key_player_searches(kg, console)
    recommendations(kg, console)


if __name__ == "__main__":
    main()
