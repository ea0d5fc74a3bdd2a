"""Run every benchmark and print its table: `python -m bench` (or `make bench`)."""

from __future__ import annotations

from bench import bench_analysis, bench_import, bench_queries

if __name__ == "__main__":
    bench_queries.main()
    bench_import.main()
    bench_analysis.main()
