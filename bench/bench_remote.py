"""The same ecosystem in the embedded store and behind `oxigraph serve` (issue 15), and how it
scales: H2020 as it is, and a synthetic ecosystem ten times its size.

The synthetic ecosystem is H2020 copied ``copies`` times (seeded): each copy renumbers the
projects and the organisations, and 15 % of a copy's participations go to the same
organisation of another copy, so the copies form one network, as a bigger programme would
(10 copies: 1.45 M participations, 331,592 actors, 16 M triples).

Each store is imported with `helixgraph import cordis` (the same command, the same checks;
the embedded store compacts itself at the end of it, `oxigraph serve` is compacted by
`oxigraph optimize` while stopped, its scans timed before and after), then measured in a
fresh process of its own, so that peak memory is its own:

- the view tables (the predicate-at-a-time scans every view starts from: the store's part);
- the actor network of the whole store (scans plus networkx);
- the report of one country's scope (country=HU, exact), from cold;
- every named query of the catalogue, with an actor and a project the data holds.

Timings are medians of three on H2020, single runs on the larger ecosystem and for the whole
network. Memory: the peak resident size of the measuring process and, for the remote store,
of `oxigraph serve`.

`python -m bench remote` measures H2020 and the 10x ecosystem (an hour on a 2-core machine,
6.2 GB of memory for the measuring process); `HELIX_BENCH_COPIES=3` (or 0: H2020 only)
makes it shorter.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.table import Table

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "cordis-h2020"
#: The share of a copy's participations that go to the same organisation of another copy.
CROSSING = 0.15

MEASURE = """
import json, resource, statistics, sys, time
from helixgraph.network import tables, views
from helixgraph.network.scope import Scope, scoped_network
from helixgraph.report.parts import build_report
from helixgraph.report.precision import Precision
from helixgraph.settings import Settings
from helixgraph.sparql.catalogue import bind, named_queries
from helixgraph.sparql.evaluation import term_from_spec
from helixgraph.store import KnowledgeGraph

store, actor, project, repeats = sys.argv[1:5]
kg = KnowledgeGraph.open(store, read_only=True)
figures = {}

def timed(name, run, repeat=int(repeats)):
    times = []
    for _ in range(repeat):
        kg.forget()
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    figures[name] = statistics.median(times)

timed("view tables", lambda: tables.fetch_tables(kg, *tables.TABLES))
timed("actor network (whole store)", lambda: views.actor_network(kg), repeat=1)
figures["actors"] = views.actor_network(kg).number_of_nodes()
precision = Precision.from_settings(Settings())
scope = Scope.parse("country=HU")
timed("report country=HU (cold)", lambda: build_report(kg, scope, "scope", 10, 1, precision))
given = {"actor": actor, "collaboration": project}
for query in named_queries():
    values = {p.name: given[p.name] for p in query.parameters if p.name in given}
    terms = {name: term_from_spec(spec) for name, spec in bind(query, values).items()}
    timed(f"query {query.name}", lambda q=query, t=terms: list(kg.query(q.sparql, substitutions=t)))
figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(figures))
"""


def synthetic_h2020(folder: Path, copies: int, seed: int = 15) -> tuple[list[Path], str, str]:
    """H2020 ``copies`` times over, as the CORDIS files the importer reads; also an actor (the
    most active of the first copy) and a project of the data, for the named queries."""
    rng = random.Random(seed)
    with gzip.open(SHARED / "h2020.csv.gz", "rt", newline="") as file:
        reader = csv.DictReader(file)
        rows = list(reader)
        fields = list(reader.fieldnames or [])
    with gzip.open(SHARED / "programme_parts.csv.gz", "rt", newline="") as file:
        parts_reader = csv.DictReader(file)
        parts = list(parts_reader)
        part_fields = list(parts_reader.fieldnames or [])
    index = {pic: i for i, pic in enumerate(sorted({row["pic"] for row in rows}))}

    def pic(copy: int, original: str) -> str:  # nine digits, distinct per copy
        return str(100_000_000 + copy * 1_000_000 + index[original])

    def rcn(copy: int, original: str) -> str:
        return str((copy + 1) * 10_000_000 + int(original)) if copies > 1 else original

    folder.mkdir(parents=True, exist_ok=True)
    files = [folder / "h2020.csv.gz", folder / "programme_parts.csv.gz"]
    with gzip.open(files[0], "wt", newline="", compresslevel=1) as out:
        writer = csv.DictWriter(out, fieldnames=fields)
        writer.writeheader()
        for copy in range(copies):
            seen: set[tuple[str, str]] = set()
            for row in rows:
                other = rng.randrange(copies) if rng.random() < CROSSING else copy
                made = dict(row, rcn=rcn(copy, row["rcn"]), pic=pic(other, row["pic"]))
                if (made["rcn"], made["pic"]) not in seen:  # one row per participant
                    seen.add((made["rcn"], made["pic"]))
                    writer.writerow(made)
    with gzip.open(files[1], "wt", newline="", compresslevel=1) as out:
        writer = csv.DictWriter(out, fieldnames=part_fields)
        writer.writeheader()
        for copy in range(copies):
            writer.writerows(dict(row, rcn=rcn(copy, row["rcn"])) for row in parts)
    busiest = Counter(row["pic"] for row in rows).most_common(1)[0][0]
    actor = f"https://w3id.org/helixgraph/id/actor/pic-{pic(0, busiest)}"
    project = f"https://w3id.org/helixgraph/id/project/rcn-{rcn(0, rows[0]['rcn'])}"
    return files, actor, project


class OxigraphServer:
    """`oxigraph serve` on 127.0.0.1, on a folder of its own."""

    def __init__(self, location: Path, port: int):
        self.binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
        self.location = location
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.peak_mb = 0.0
        self.start()

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                self.binary,
                "serve",
                "--location",
                str(self.location),
                "--bind",
                f"127.0.0.1:{self.port}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        for _ in range(300):
            try:
                with urllib.request.urlopen(self.url + "/query?query=ASK%7B%7D", timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("oxigraph serve did not start")

    def peak_rss_mb(self) -> float:
        """The peak resident size of the server, over its restarts."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        line = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
        return max(self.peak_mb, int(line.split()[1]) / 1024)

    def optimize(self) -> float:
        """Seconds `oxigraph optimize` took on the stopped server's folder (it compacts what
        the bulk loads added, as helixgraph does for its own store); the server runs again
        after."""
        self.peak_mb = self.peak_rss_mb()
        self.stop()
        started = time.perf_counter()
        subprocess.run(
            [self.binary, "optimize", "--location", str(self.location)],
            check=True,
            capture_output=True,
        )
        seconds = time.perf_counter() - started
        self.start()
        return seconds

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def helixgraph(*args: str) -> float:
    """Seconds a `helixgraph` command took (it must succeed)."""
    env = {**os.environ, "HELIX_DEFAULT_DATA": "none"}
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "helixgraph", *args], check=True, env=env, capture_output=True
    )
    return time.perf_counter() - started


def measure(store: str, actor: str, project: str, repeats: int) -> dict[str, float]:
    env = {**os.environ, "HELIX_DEFAULT_DATA": "none"}
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(MEASURE), store, actor, project, str(repeats)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    figures: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return figures


def measure_tables(store: str) -> float:
    """Seconds the view tables take to read in a fresh process."""
    script = (
        "import sys, time\n"
        "from helixgraph.network import tables\n"
        "from helixgraph.store import KnowledgeGraph\n"
        "kg = KnowledgeGraph.open(sys.argv[1], read_only=True)\n"
        "started = time.perf_counter()\n"
        "tables.fetch_tables(kg, *tables.TABLES)\n"
        "print(time.perf_counter() - started)\n"
    )
    env = {**os.environ, "HELIX_DEFAULT_DATA": "none"}
    out = subprocess.run(
        [sys.executable, "-c", script, store], check=True, capture_output=True, text=True, env=env
    )
    return float(out.stdout.strip().splitlines()[-1])


def compare(name: str, copies: int, console: Console) -> None:
    work = Path(tempfile.mkdtemp(prefix="helix-bench-remote-"))
    try:
        files, actor, project = synthetic_h2020(work / "data", max(copies, 1))
        server = OxigraphServer(work / "oxigraph", port=_free_port())
        figures: dict[str, dict[str, float]] = {}
        try:
            for where, store in (("embedded", str(work / "store")), ("remote", server.url)):
                helixgraph("init", "--empty", "--store", store)
                imported = helixgraph(
                    "import", "cordis", "--quiet", "--store", store, *map(str, files)
                )
                figures[where] = {"import cordis": imported}
                if where == "remote":  # as the import left it, then compacted as the embedded
                    figures[where]["view tables, before oxigraph optimize"] = measure_tables(store)
                    figures[where]["oxigraph optimize"] = server.optimize()
                measured = measure(store, actor, project, repeats=3 if copies <= 1 else 1)
                figures[where].update(measured)
                console.print(f"{name}, {where}: {json.dumps(figures[where])}")  # as it comes
            figures["remote"]["oxigraph serve peak rss"] = server.peak_rss_mb()
        finally:
            server.stop()
        _print(name, figures, console)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _print(name: str, figures: dict[str, dict[str, float]], console: Console) -> None:
    embedded, remote = figures["embedded"], figures["remote"]
    embedded_keys = list(embedded)  # the import first, as measured
    table = Table(
        "", "embedded", "oxigraph serve", "remote / embedded",
        title=f"{name}: {int(embedded['actors']):,} actors, the same data in both stores",
    )  # fmt: skip
    remote_only = [key for key in remote if key not in embedded]  # after the import
    keys = [embedded_keys[0], *remote_only, *embedded_keys[1:]]
    for key in keys:
        if key in ("actors", "peak_rss_mb", "oxigraph serve peak rss"):
            continue
        if key not in embedded:  # the remote store's own steps
            table.add_row(key, "", f"{remote[key]:.3f} s", "")
            continue
        seconds = embedded[key]
        table.add_row(
            key, f"{seconds:.3f} s", f"{remote[key]:.3f} s", f"{remote[key] / seconds:.2f}x"
        )
    table.add_row(
        "peak memory, helixgraph process",
        f"{embedded['peak_rss_mb']:,.0f} MB",
        f"{remote['peak_rss_mb']:,.0f} MB",
        "",
    )
    table.add_row(
        "peak memory, oxigraph serve", "", f"{remote['oxigraph serve peak rss']:,.0f} MB", ""
    )
    console.print(table)


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def main() -> None:
    console = Console(width=max(Console().width, 100))  # the table unwrapped in a log too
    copies = int(os.environ.get("HELIX_BENCH_COPIES", "10"))
    compare("H2020", 1, console)
    if copies > 1:
        compare(f"H2020 x{copies} (synthetic)", copies, console)


if __name__ == "__main__":
    main()
