"""A store's folder keeps nothing a killed import left: its bulk files go at the next open of
any kind, unless a process is writing; RocksDB's old logs are capped."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from helixgraph.store.leftovers import KEEP_OLD_LOGS


def _litter(store: Path) -> None:
    for number in range(6):
        (store / f"bulk-{number}.sst").write_bytes(b"\0" * 1024)
    for number in range(20):
        log = store / f"LOG.old.{number}"
        log.write_text("old")
        os.utime(log, (1_000_000 + number, 1_000_000 + number))


def _stats(store: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "helixgraph", "sources", "--store", str(store)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_a_read_only_open_removes_what_a_killed_import_left(store_dir: Path) -> None:
    _litter(store_dir)
    _stats(store_dir)
    assert list(store_dir.glob("bulk-*.sst")) == []
    kept = sorted(p.name for p in store_dir.glob("LOG.old.*"))
    assert kept == [f"LOG.old.{n}" for n in range(20 - KEEP_OLD_LOGS, 20)]


def test_nothing_is_removed_while_another_process_writes(store_dir: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time, pyoxigraph; s = pyoxigraph.Store(sys.argv[1]); "
         "print('held', flush=True); time.sleep(60)", str(store_dir)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        _litter(store_dir)
        _stats(store_dir)  # reads beside the writer
        assert len(list(store_dir.glob("bulk-*.sst"))) == 6
    finally:
        holder.kill()
        holder.wait(timeout=10)
        if holder.stdout is not None:
            holder.stdout.close()
        time.sleep(0.1)
    _stats(store_dir)  # the writer is gone: now they go
    assert list(store_dir.glob("bulk-*.sst")) == []
