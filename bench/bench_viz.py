"""The graph explorer with 5,000 actors in headless Chromium: time until it is drawn and
answers a filter, against the same page laid out in the browser by vis-network's physics (what
pyvis pages do), in the same run.

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


def main(actors: int = 5000, projects: int = 2000, repeat: int = 3) -> None:
    from playwright.sync_api import sync_playwright

    console = Console(width=140)
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
