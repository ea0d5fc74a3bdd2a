"""Benchmarks, each against a peer in the same run. `make bench` runs them all."""
