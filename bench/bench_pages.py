"""A scope's dashboard on a big store (issue 27): how long a page takes beyond its own report,
and how much the server process holds as visitors ask for one country after another.

A real ``helixgraph serve`` (uvicorn, its analysis worker) over all of Horizon 2020
(:func:`bench.bench_map.h2020_store`), no start-up warm-up. For each country in turn: its
report through the API (the peer: what the page cannot do without), then its dashboard, which
adds the peers' comparison, the maps and the charts, computed in the analysis worker beside the
report. The server's resident memory after each page: flat once the store-wide counts are in,
whatever the scope.
"""

from __future__ import annotations

import time
import urllib.request
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench.bench_endpoint import serve
from bench.bench_map import h2020_store

COUNTRIES = ("AT", "DE", "FR", "ES", "IT", "PL")


def main() -> None:
    console = Console()
    table = Table(
        "scope", "report (API)", "dashboard after it", "page / report", "server memory",
        title="A country's dashboard on all of Horizon 2020, one country after another",
    )  # fmt: skip
    process, base = serve(h2020_store())  # no start-up warm-up
    try:
        for country in COUNTRIES:
            report = _seconds(f"{base}/api/analysis/report?country={country}")
            page = _seconds(f"{base}/?country={country}")
            table.add_row(
                f"country={country}",
                f"{report:.1f} s",
                f"{page:.1f} s",
                f"{page / report:.2f}x",
                f"{_resident_mb(process.pid):,} MB",
            )
        again = _seconds(f"{base}/?country={COUNTRIES[-1]}&lang=hu")
        table.add_row(f"country={COUNTRIES[-1]}, in Hungarian", "", f"{again:.1f} s", "", "")
    finally:
        process.terminate()
        process.wait(timeout=30)
    console.print(table)


def _seconds(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=600) as answer:
        answer.read()
    return time.perf_counter() - started


def _resident_mb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) // 1024
    return 0
