"""Run the benchmarks and print their tables: `python -m bench` (or `make bench`) runs all;
`python -m bench endpoint analysis` runs the ones named."""

from __future__ import annotations

import sys

from bench import (
    bench_analysis,
    bench_endpoint,
    bench_guard,
    bench_import,
    bench_map,
    bench_pages,
    bench_queries,
    bench_remote,
    bench_scope,
    bench_viz,
)

BENCHMARKS = {
    "queries": bench_queries.main,
    "tables": bench_queries.tables,
    "import": bench_import.main,
    "analysis": bench_analysis.main,
    "endpoint": bench_endpoint.main,
    "fairshare": bench_endpoint.fair_share,
    "guard": bench_guard.main,
    "viz": bench_viz.main,
    "map": bench_map.main,
    "pages": bench_pages.main,
    "start-up": bench_pages.start_up,
    "scope": bench_scope.main,
    "remote": bench_remote.main,
}

if __name__ == "__main__":
    chosen = sys.argv[1:] or list(BENCHMARKS)
    unknown = [name for name in chosen if name not in BENCHMARKS]
    if unknown:
        sys.exit(f"unknown benchmark {unknown[0]!r}: choose from {', '.join(BENCHMARKS)}")
    for name in chosen:
        BENCHMARKS[name]()
