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
import urllib.error
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


def start_up() -> None:
    """Right after ``serve`` starts on all of H2020, with the start-up warm-up and without it
    (the peer): the first report of a scope (the issue's ``country=HU,sector=health``), the
    ``/`` redirect, the home dashboard until it shows its findings, and the server's memory."""
    table = Table(
        "warm-up", "first report (status, s)", "/ redirect", "home dashboard ready",
        "server memory",
        title="Right after `serve` starts on all of Horizon 2020 (seconds from the start)",
    )  # fmt: skip
    for warm in ("true", "false"):
        started = time.perf_counter()
        process, base = serve(h2020_store(), HELIX_WARM_UP=warm)
        try:
            asked = time.perf_counter()
            status = _status(f"{base}/api/analysis/report?country=HU&sector=health")
            report = f"{status}, {time.perf_counter() - asked:.1f} s"
            home = _redirect(f"{base}/")
            redirect = time.perf_counter() - started
            while True:
                with urllib.request.urlopen(base + home, timeout=600) as answer:
                    if b'id="findings"' in answer.read():
                        break
                time.sleep(0.5)
            ready = time.perf_counter() - started
            table.add_row(
                warm, report, f"{redirect:.1f} s", f"{ready:.1f} s",
                f"{_resident_mb(process.pid):,} MB",
            )  # fmt: skip
        finally:
            process.terminate()
            process.wait(timeout=30)
    Console().print(table)


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=600) as answer:
            answer.read()
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def _redirect(url: str) -> str:
    """Where ``url`` redirects to (307), not followed."""

    class Unfollowed(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    try:
        urllib.request.build_opener(Unfollowed).open(url, timeout=600).close()
    except urllib.error.HTTPError as error:
        return str(error.headers["location"])
    raise AssertionError(f"{url} did not redirect")


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
