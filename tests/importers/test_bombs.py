"""Imports bounded by what they expand to (the second review's bombs): each is refused, says
which limit it hit, and the command's peak memory stays under 500 MB."""

from __future__ import annotations

import gzip
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
from conftest import SHARED

#: Peak memory a refused bomb may cost the command (the review measured 3-6 GB).
PEAK_MB = 500

#: Runs a command and prints its peak memory in MB: the one child of a fresh process.
PEAK = (
    "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], capture_output=True, "
    "text=True); sys.stderr.write(r.stderr); "
    "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)"
)


def run_measured(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, int]:
    """(exit code, stderr, peak MB) of ``helixgraph ARGS``. A store the command makes holds the
    ontology only: what a bomb is refused for is the file, not what the store holds."""
    import os

    command = [sys.executable, "-c", PEAK, sys.executable, "-m", "helixgraph", *args]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "HELIX_DEFAULT_DATA": "none", **(env or {})},
    )  # fmt: skip
    code, peak = map(int, done.stdout.split())
    return code, done.stderr, peak


def repeated_gzip(path: Path, head: bytes, block: bytes, megabytes: int) -> Path:
    """A gzip file of ``head`` then ``megabytes`` MB of ``block``: one member compressed once,
    repeated (a valid gzip file of several members), so that the test writes kilobytes."""
    member = gzip.compress(block * ((1 << 20) // len(block)), compresslevel=9)
    with path.open("wb") as out:
        out.write(gzip.compress(head))
        for _ in range(megabytes):
            out.write(member)
    return path


def test_an_rdf_gzip_bomb_is_refused_within_bounds(tmp_path: Path, empty_store_dir: Path) -> None:
    triple = b"<https://e.org/a> <https://e.org/b> <https://e.org/c> .\n"
    bomb = repeated_gzip(tmp_path / "bomb.nt.gz", b"", triple, 400)
    assert bomb.stat().st_size < 3_000_000
    for args in (["validate", str(bomb)], ["load", str(bomb), "--store", str(empty_store_dir)]):
        code, stderr, peak = run_measured(*args)
        assert code == 1
        assert "bomb.nt.gz: expands past" in stderr
        assert peak < PEAK_MB, f"{args[0]}: {peak} MB"


def test_an_rdf_file_past_the_setting_names_it(tmp_path: Path) -> None:
    plain = tmp_path / "big.nt"
    plain.write_bytes(b"<https://e.org/a> <https://e.org/b> <https://e.org/c> .\n" * 40_000)
    code, stderr, _ = run_measured("validate", str(plain), env={"HELIX_MAX_RDF_BYTES": "1000000"})
    assert code == 1
    assert "HELIX_MAX_RDF_BYTES" in stderr


def test_a_cordis_file_without_line_breaks_is_refused_at_once(
    tmp_path: Path, empty_store_dir: Path
) -> None:
    with gzip.open(SHARED / "data" / "cordis-h2020" / "h2020.csv.gz", "rb") as real:
        header = real.readline()
    bomb = repeated_gzip(tmp_path / "h2020.csv.gz", header, b"a", 6 * 1024)  # 6 GB, one line
    code, stderr, peak = run_measured(
        "import", "cordis", str(bomb), "--store", str(empty_store_dir), "--quiet"
    )
    assert code == 1
    assert "h2020.csv.gz:2: a line longer than 1,048,576 bytes (HELIX_MAX_LINE_BYTES)" in stderr
    assert peak < PEAK_MB


def test_a_cordis_file_past_the_expansion_limit_is_refused(
    tmp_path: Path, empty_store_dir: Path
) -> None:
    real = SHARED / "data" / "cordis-h2020" / "h2020.csv.gz"
    code, stderr, _ = run_measured(
        "import", "cordis", str(real), "--store", str(empty_store_dir), "--quiet",
        env={"HELIX_MAX_EXPANDED_BYTES": "1000000"},
    )  # fmt: skip
    assert code == 1
    assert "HELIX_MAX_EXPANDED_BYTES" in stderr


def test_a_workbook_with_a_huge_cell_is_refused_before_it_is_read(
    tmp_path: Path, empty_store_dir: Path
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "actors"
    sheet.append(["id", "name", "helix", "country", "region", "sector", "website"])
    sheet.append(["a", "CELL", "business", "HU", "", "", ""])
    plain = io.BytesIO()
    book.save(plain)
    huge = tmp_path / "actors.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(huge, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename != "xl/worksheets/sheet1.xml":
                out.writestr(item.filename, data)
                continue
            before, after = data.split(b"CELL")
            with out.open(item.filename, "w", force_zip64=True) as member:
                member.write(before)
                block = b"x" * (1 << 20)
                for _ in range(200):  # a 200 MB cell, a few hundred kB zipped
                    member.write(block)
                member.write(after)
    assert huge.stat().st_size < 2_000_000
    for args in (
        ["import", "spreadsheet", str(huge), "--store", str(empty_store_dir), "--quiet"],
        ["link", str(huge), "--store", str(empty_store_dir)],
    ):
        code, stderr, peak = run_measured(*args)
        assert code == 1, stderr
        assert "HELIX_MAX_WORKBOOK_BYTES" in stderr
        assert peak < PEAK_MB


def test_a_spreadsheet_csv_without_line_breaks_is_refused(
    tmp_path: Path, empty_store_dir: Path
) -> None:
    actors = tmp_path / "actors.csv"
    actors.write_bytes(b"id,name,helix,country,region,sector,website\n" + b"a" * (3 << 20))
    code, stderr, _ = run_measured(
        "import", "spreadsheet", str(actors), "--store", str(empty_store_dir), "--quiet"
    )
    assert code == 1
    assert "actors.csv:2: a line longer than" in stderr


def test_the_real_h2020_file_is_within_every_bound() -> None:
    from helixgraph.importers.bounded import open_text

    with open_text(SHARED / "data" / "cordis-h2020" / "h2020.csv.gz") as text:
        lines = sum(1 for _ in text)
    assert lines > 100_000
