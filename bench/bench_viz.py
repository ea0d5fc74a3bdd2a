"""The graph explorer with 5,000 actors in headless Chromium: time until it is drawn and
answers a filter, against the same page laid out in the browser by vis-network's physics (what
pyvis pages do), in the same run. And the server side: the vis-network nodes and edges of the
explorer's 5,000 actors and 15,000 ties built by helixgraph against pyvis's ``from_nx``.

The page is `helixgraph viz --out` of a synthetic ecosystem (5,000 actors, 2,000 projects): one
self-contained file, opened from disk.
"""

from __future__ import annotations

import json
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench.synthetic import ecosystem
from helixgraph.store import KnowledgeGraph
from helixgraph.web.standalone import standalone_viz

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def interactive_seconds(browser: object, page_file: Path, physics: bool) -> float:
    """Seconds from navigation until the graph is drawn, laid out and has answered a filter."""
    page = browser.new_page()  # type: ignore[attr-defined]
    started = time.perf_counter()
    page.goto(page_file.as_uri())
    page.wait_for_function("document.body.dataset.drawn === 'true'", timeout=300_000)
    if physics:  # the layout is done when the physics has stabilised
        page.evaluate(
            "() => new Promise(done => { window.network.once('stabilized', done); "
            "setTimeout(done, 240000); })"
        )
    page.select_option("#filter-helix", "government")
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => done()))")
    seconds = time.perf_counter() - started
    page.close()
    return seconds


def data_building(console: Console, actors: int, projects: int, repeat: int = 3) -> None:
    """vis-network data for the explorer's largest view: ours against pyvis.from_nx."""
    import networkx as nx
    from pyvis.network import Network

    from helixgraph.web.explore import view_graph
    from helixgraph.web.viz import largest_part, network_data

    folder = Path(tempfile.mkdtemp(prefix="helixgraph-bench-vizdata-"))
    source = folder / "synthetic.ttl"
    source.write_text(ecosystem(actors, projects), encoding="utf-8")
    with KnowledgeGraph.open(folder / "store", default_data=False) as kg:
        kg.load([source], validate=False)
        graph = view_graph(kg, "collaboration", None)
        shown = largest_part(graph, actors, 3 * actors)
    ours = []  # the layout included: pyvis's time below is for the dicts alone
    for _ in range(repeat):
        started = time.perf_counter()
        network_data(shown)
        ours.append(time.perf_counter() - started)
    H = nx.Graph()
    H.add_nodes_from((n, {"label": str(a.get("label"))}) for n, a in shown.nodes(data=True))
    H.add_edges_from((u, v, {"weight": a.get("weight", 1)}) for u, v, a in shown.edges(data=True))
    started = time.perf_counter()
    Network(cdn_resources="remote").from_nx(H, show_edge_weights=False)
    theirs = time.perf_counter() - started
    table = Table(
        title=f"vis-network data, {shown.number_of_nodes():,} nodes and "
        f"{shown.number_of_edges():,} edges"
    )
    for column in ("builder", "median", "runs"):
        table.add_column(column)
    median = statistics.median(ours)
    table.add_row("helixgraph (layout, nodes, edges)", f"{median:.2f} s", str(repeat))
    table.add_row("pyvis Network.from_nx (nodes, edges only)", f"{theirs:.1f} s", "1")
    table.add_row("ratio", f"{theirs / median:.0f}x", "")
    console.print(table)


def main(actors: int = 5000, projects: int = 2000, repeat: int = 3) -> None:
    from playwright.sync_api import sync_playwright

    console = Console(width=140)
    data_building(console, actors, projects)
    folder = Path(tempfile.mkdtemp(prefix="helixgraph-bench-viz-"))
    source = folder / "synthetic.ttl"
    source.write_text(ecosystem(actors, projects), encoding="utf-8")
    with KnowledgeGraph.open(folder / "store", default_data=False) as kg:
        kg.load([source], validate=False)
        started = time.perf_counter()
        html = standalone_viz(kg, "collaboration", limit=actors)
        server_seconds = time.perf_counter() - started
    ours = folder / "graph.html"
    ours.write_text(html, encoding="utf-8")
    theirs = folder / "graph-physics.html"
    theirs.write_text(
        html.replace('"physics": {"enabled": false}', '"physics": {"enabled": true}'),
        encoding="utf-8",
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        data = html.split('<script id="graph-data" type="application/json">', 1)[1]
        nodes = len(json.loads(data.split("</script>", 1)[0])["nodes"])
        ours_times = [interactive_seconds(browser, ours, physics=False) for _ in range(repeat)]
        theirs_times = [interactive_seconds(browser, theirs, physics=True) for _ in range(1)]
        browser.close()
    table = Table(title=f"Graph explorer, {nodes:,} actors drawn, headless Chromium")
    for column in ("page", "layout on the server", "interactive (median)", "runs"):
        table.add_column(column)
    ours_median = statistics.median(ours_times)
    table.add_row(
        "helixgraph: positions from the server, physics off",
        f"{server_seconds:.1f} s (once per view, cached)",
        f"{ours_median:.2f} s",
        ", ".join(f"{t:.2f}" for t in ours_times),
    )
    table.add_row(
        "same page, vis-network physics in the browser (pyvis's way)",
        "-",
        f"{theirs_times[0]:.1f} s",
        f"1 (ratio {theirs_times[0] / ours_median:.0f}x)",
    )
    console.print(table)


if __name__ == "__main__":
    main()
