"""Importing the whole of Horizon 2020: helixgraph end to end vs rdflib vs Oxigraph's own loader.

Each contender runs in a fresh process (so peak memory is its own) on the same 144,726 rows:

- helixgraph: `helixgraph import cordis` into a fresh on-disk store, with row checks, the SHACL
  sample, provenance and the crash-safe commit;
- rdflib: parsing the same triples (as N-Triples, already made) into an in-memory Dataset;
- oxigraph: `Store.bulk_load` of the same N-Triples into a named graph of a fresh on-disk store,
  nothing else: the floor for any importer that keeps one named graph per source.

Then the collaboration graph of the whole store (35,871 actors, 796,670 ties) from the store,
against networkx's own `bipartite.weighted_projected_graph` on the same affiliation graph.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

from rich.console import Console
from rich.table import Table

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "cordis-h2020"

PRELUDE = """
import json, resource, sys, time
from pathlib import Path
def done(**figures):
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(figures))
"""

HELIXGRAPH = """
from helixgraph.store import KnowledgeGraph
from helixgraph.importers.cordis import import_cordis
folder, work = Path(sys.argv[1]), Path(sys.argv[2])
started = time.perf_counter()
with KnowledgeGraph.open(work / "store", default_data=False) as kg:
    report = import_cordis(kg, [folder / "h2020.csv.gz", folder / "programme_parts.csv.gz"])
done(seconds=time.perf_counter() - started, triples=report.triples)
"""

MAKE_NTRIPLES = """
from helixgraph.importers.cordis_reading import read_cordis
from helixgraph.importers.cordis_rdf import ntriples
folder, work = Path(sys.argv[1]), Path(sys.argv[2])
mapping = {"HES": "academia", "REC": "academia", "PRC": "business", "PUB": "government",
           "OTH": "community"}
data = read_cordis([folder / "h2020.csv.gz", folder / "programme_parts.csv.gz"], helix_map=mapping)
(work / "h2020.nt").write_bytes(b"".join(ntriples(data, mapping)))
done()
"""

RDFLIB = """
import rdflib
work = Path(sys.argv[2])
started = time.perf_counter()
dataset = rdflib.Dataset()
dataset.graph(rdflib.URIRef("https://example.org/g")).parse(work / "h2020.nt", format="nt")
done(seconds=time.perf_counter() - started, triples=len(dataset))
"""

OXIGRAPH = """
import pyoxigraph as ox
work = Path(sys.argv[2])
started = time.perf_counter()
store = ox.Store(str(work / "raw-store"))
# into a named graph, as helixgraph does (one graph per source): three more indexes to fill
store.bulk_load(path=str(work / "h2020.nt"), format=ox.RdfFormat.N_TRIPLES,
                to_graph=ox.NamedNode("https://example.org/g"))
store.flush()
done(seconds=time.perf_counter() - started, triples=len(store))
"""

VIEWS = """
import networkx as nx
from helixgraph.store import KnowledgeGraph
from helixgraph.network import views
work = Path(sys.argv[2])
kg = KnowledgeGraph.open(work / "store", read_only=True)
started = time.perf_counter()
G = views.collaboration_graph(kg)
ours = time.perf_counter() - started
A = views.affiliation_graph(kg)
actors = [n for n, side in A.nodes(data="bipartite") if side == 0]
started = time.perf_counter()
P = nx.bipartite.weighted_projected_graph(A, actors)
theirs = time.perf_counter() - started
assert P.number_of_edges() == G.number_of_edges()
done(seconds=ours, peer_seconds=theirs, nodes=G.number_of_nodes(), edges=G.number_of_edges())
"""


REPORT = """
from helixgraph.store import KnowledgeGraph
from helixgraph.report.ecosystem import ecosystem_report
work = Path(sys.argv[2])
kg = KnowledgeGraph.open(work / "store", read_only=True)
started = time.perf_counter()
report = ecosystem_report(kg)
done(seconds=time.perf_counter() - started, nodes=report.headline.nodes,
     edges=report.headline.ties)
"""


def run(code: str, folder: Path, work: Path) -> dict[str, float]:
    script = textwrap.dedent(PRELUDE) + textwrap.dedent(code)
    out = subprocess.run(
        [sys.executable, "-c", script, str(folder), str(work)],
        capture_output=True,
        text=True,
        check=True,
    )
    figures: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return figures


def main(folder: Path = SHARED) -> None:
    work = Path(tempfile.mkdtemp(prefix="helixgraph-bench-import-"))
    console = Console(width=140)
    results = {"helixgraph (end to end)": run(HELIXGRAPH, folder, work)}
    run(MAKE_NTRIPLES, folder, work)
    results["rdflib Dataset (parse only)"] = run(RDFLIB, folder, work)
    results["oxigraph bulk_load (load only)"] = run(OXIGRAPH, folder, work)
    table = Table(title="Import of h2020.csv.gz (144,726 rows), each in a fresh process")
    for column in ("contender", "seconds", "triples", "triples/s", "peak RSS (MB)", "vs rdflib"):
        table.add_column(column, justify="left" if column == "contender" else "right")
    base = results["rdflib Dataset (parse only)"]
    for name, r in results.items():
        table.add_row(
            name,
            f"{r['seconds']:.1f}",
            f"{r['triples']:,.0f}",
            f"{r['triples'] / r['seconds']:,.0f}",
            f"{r['peak_rss_mb']:,.0f}",
            f"{base['seconds'] / r['seconds']:.1f}x",
        )
    console.print(table)
    view = run(VIEWS, folder, work)
    table = Table(title="Collaboration graph of the whole H2020 store")
    for column in ("contender", "seconds", "nodes", "edges"):
        table.add_column(column, justify="left" if column == "contender" else "right")
    table.add_row(
        "helixgraph views.collaboration_graph (from the store)",
        f"{view['seconds']:.1f}",
        f"{view['nodes']:,.0f}",
        f"{view['edges']:,.0f}",
    )
    table.add_row(
        "networkx weighted_projected_graph (from the affiliation graph in memory)",
        f"{view['peer_seconds']:.1f}",
        f"{view['nodes']:,.0f}",
        f"{view['edges']:,.0f}",
    )
    console.print(table)
    report = run(REPORT, folder, work)
    console.print(
        f"ecosystem_report on the whole H2020 store ({report['nodes']:,.0f} actors, "
        f"{report['edges']:,.0f} ties): {report['seconds']:.1f} s, peak RSS "
        f"{report['peak_rss_mb']:,.0f} MB (targets: <= 120 s, <= 4 GB)"
    )


if __name__ == "__main__":
    main()
