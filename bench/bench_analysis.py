"""Analysis against igraph's C code, and the sampled estimators against exact values.

- The Hungarian default ecosystem (6,923 actors): the full `ecosystem_report`; betweenness
  estimated from 1,024 sources (what the report does above 2,000 actors) and networkx's own
  k=256 estimate against igraph's exact betweenness: their top-50 overlap; distance
  fragmentation sampled against exact; Gould-Fernandez brokerage of one year's window against
  visiting every two-path.
- The whole H2020 collaboration graph (35,871 actors, 796,670 ties, built from the shared CSV):
  connected components and Louvain communities, networkx against igraph.
"""

from __future__ import annotations

import csv
import gzip
import itertools
import statistics
import time
from collections import defaultdict
from pathlib import Path

import networkx as nx
from rich.console import Console
from rich.table import Table

from helixgraph.analysis import distance_fragmentation, estimate_distance_fragmentation
from helixgraph.analysis.brokerage import _two_paths_counted, brokerage_roles
from helixgraph.analysis.centrality import estimate_betweenness
from helixgraph.network import views
from helixgraph.network.scope import Scope, scoped_network
from helixgraph.report.ecosystem import ecosystem_report
from helixgraph.store import KnowledgeGraph

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "cordis-h2020"


def timed(run, repeat: int = 1) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def to_igraph(G: nx.Graph):  # type: ignore[no-untyped-def]
    import igraph as ig

    index = {node: i for i, node in enumerate(G)}
    return ig.Graph(n=len(index), edges=[(index[u], index[v]) for u, v in G.edges()]), list(G)


def h2020_collaboration_graph() -> nx.Graph:
    members = defaultdict(list)
    with gzip.open(SHARED / "h2020.csv.gz", "rt") as file:
        for row in csv.DictReader(file):
            members[row["rcn"]].append(row["pic"])
    G = nx.Graph()
    for pics in members.values():
        G.add_nodes_from(pics)
        G.add_edges_from(itertools.combinations(sorted(set(pics)), 2))
    return G


def main() -> None:
    console = Console(width=140)
    kg = KnowledgeGraph.in_memory()
    cold_seconds, _ = timed(lambda: ecosystem_report(kg))
    N = views.actor_network(kg)
    cached_seconds, _ = timed(lambda: ecosystem_report(kg), repeat=5)
    kg.forget()
    views.actor_network(kg), views.affiliation_graph(kg), views.relation_graph(kg)
    warm_seconds, _ = timed(lambda: ecosystem_report(kg))
    table = Table(
        title=f"Hungarian default ecosystem: {N.number_of_nodes():,} actors, "
        f"{N.number_of_edges():,} ties"
    )
    for column in ("measure", "helixgraph / networkx", "peer", "peer time", "agreement"):
        table.add_column(column)
    for name, seconds in (
        ("ecosystem_report: store read, views built", cold_seconds),
        ("ecosystem_report: views already built", warm_seconds),
        ("ecosystem_report: asked again (cached)", cached_seconds),
    ):
        table.add_row(name, f"{seconds:.3f} s", "-", "-", "-")
    exact_seconds, exact_df = timed(lambda: distance_fragmentation(N))
    sample_seconds, (df, error) = timed(lambda: estimate_distance_fragmentation(N, 256, seed=1))
    table.add_row(
        "distance fragmentation, 256 sampled sources",
        f"{sample_seconds:.1f} s",
        "exact (scipy, all sources)",
        f"{exact_seconds:.1f} s",
        f"{df:.4f} ± {error:.4f} vs {exact_df:.4f}",
    )
    sampled_seconds, sampled = timed(lambda: estimate_betweenness(N, 1024, seed=1))
    nx_seconds, nx_sampled = timed(lambda: nx.betweenness_centrality(N, k=256, seed=1))
    graph, names = to_igraph(N)
    exact_b_seconds, exact = timed(lambda: graph.betweenness())
    top_sampled = set(sorted(sampled, key=sampled.get, reverse=True)[:50])
    order = sorted(range(len(names)), key=lambda i: exact[i], reverse=True)[:50]
    top_exact = {names[i] for i in order}
    top_nx = set(sorted(nx_sampled, key=nx_sampled.get, reverse=True)[:50])
    for name, seconds, top in (
        ("betweenness, 1,024 sources (the report)", sampled_seconds, top_sampled),
        ("betweenness, networkx k=256", nx_seconds, top_nx),
    ):
        table.add_row(
            name,
            f"{seconds:.1f} s",
            "igraph exact",
            f"{exact_b_seconds:.1f} s",
            f"top-50 overlap {len(top & top_exact) / 50:.2f}",
        )
    # a year's window: 3,969 actors, 92,932 ties (consortia: 26 M two-paths)
    year = scoped_network(kg, Scope(years=(2017, 2017))).actors
    fast_seconds, fast = timed(lambda: brokerage_roles(year), repeat=3)
    groups = nx.get_node_attributes(year, "helix")
    walk_seconds, walked = timed(lambda: _two_paths_counted(year.to_directed(), groups))
    table.add_row(
        f"brokerage roles, 2017 ({year.number_of_nodes():,} actors)",
        f"{fast_seconds:.2f} s",
        "every two-path visited",
        f"{walk_seconds:.1f} s",
        "equal" if fast == walked else "DIFFERENT",
    )
    console.print(table)

    G = h2020_collaboration_graph()
    graph, _ = to_igraph(G)
    table = Table(
        title=f"Whole H2020 collaboration graph: {G.number_of_nodes():,} actors, "
        f"{G.number_of_edges():,} ties"
    )
    for column in ("measure", "networkx", "igraph", "ratio", "result"):
        table.add_column(column)
    nx_seconds, nx_parts = timed(lambda: nx.number_connected_components(G))
    ig_seconds, ig_parts = timed(lambda: len(graph.connected_components()))
    table.add_row(
        "connected components",
        f"{nx_seconds:.2f} s",
        f"{ig_seconds:.2f} s",
        f"{nx_seconds / ig_seconds:.0f}x",
        f"{nx_parts} = {ig_parts}",
    )
    nx_seconds, nx_comms = timed(lambda: nx.community.louvain_communities(G, seed=1))
    ig_seconds, ig_comms = timed(lambda: graph.community_multilevel())
    table.add_row(
        "Louvain communities",
        f"{nx_seconds:.1f} s",
        f"{ig_seconds:.1f} s",
        f"{nx_seconds / ig_seconds:.0f}x",
        f"{len(nx_comms)} vs {len(ig_comms)} communities, modularity "
        f"{nx.community.modularity(G, nx_comms):.3f} vs {ig_comms.modularity:.3f}",
    )
    console.print(table)


if __name__ == "__main__":
    main()
