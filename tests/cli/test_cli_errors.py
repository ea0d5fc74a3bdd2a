"""The second review's command lines that ended in a traceback: each exits 1 with one line that
says what was wrong and where, and writes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import ROOT

EXAMPLE = ROOT / "data" / "templates" / "example"
TRIPLE_TERM = "@prefix : <https://e.org/> .\n:a :b <<( :x :y :z )>> .\n"
LAUGHS = "".join(f'<!ENTITY l{i} "' + f"&l{i - 1};" * 10 + '">' for i in range(1, 10))
BOMB = f'<?xml version="1.0"?><!DOCTYPE z [<!ENTITY l0 "lol">{LAUGHS}]>'
XXE = '<?xml version="1.0"?><!DOCTYPE z [<!ENTITY x SYSTEM "file:///etc/passwd">]>'


def _run(args: list[str | bytes]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "helixgraph", *args], capture_output=True, timeout=300, check=False
    )


def _workbook(folder: Path, name: str, prologue: str, entity: str) -> Path:
    """An actors workbook whose sheet XML declares entities and uses one in a cell."""
    plain = folder / "plain.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "actors"
    sheet.append(["id", "name", "helix", "country", "region", "sector", "website"])
    sheet.append(["a", "Alpha", "business", "HU", "", "", ""])
    book.save(plain)
    out = folder / name
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data
                data = prologue.encode() + body.replace(b"Alpha", entity.encode())
            target.writestr(item, data)
    return out


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("inputs")
    star = folder / "star.ttl"
    star.write_text(TRIPLE_TERM, encoding="utf-8")
    return {
        "star": star,
        "bomb": _workbook(folder, "bomb.xlsx", BOMB, "&l9;"),
        "xxe": _workbook(folder, "xxe.xlsx", XXE, "&x;"),
    }


CASES = {
    "validate a triple term": (["validate", "{star}"], "star.ttl:2:"),
    "load a triple term": (["load", "{star}", "--store", "{store}"], "star.ttl:2:"),
    "import rdf a triple term": (["import", "rdf", "{star}", "--store", "{store}"], "star.ttl:2"),
    "import an entity bomb": (
        ["import", "spreadsheet", "{bomb}", "--store", "{store}"],
        "sheet's XML cannot be read",
    ),
    "link an entity bomb": (["link", "{bomb}", "--store", "{store}"], "amplification"),
    "link an external entity": (["link", "{xxe}", "--store", "{store}"], "undefined entity"),
    "link to a full disk": (
        ["link", str(EXAMPLE / "actors.csv"), "--out", "/dev/full", "--store", "{store}"],
        "/dev/full: not a regular file",
    ),
    "export csv to a device": (
        ["export", "--format", "csv", "--out", "/dev/full", "--store", "{store}"],
        "/dev/full: exists and is not a folder",
    ),
    "export graphml to a device": (
        ["export", "--format", "graphml", "--out", "/dev/full", "--store", "{store}"],
        "/dev/full: not a regular file",
    ),
    "export turtle to a device": (
        ["export", "--format", "turtle", "--out", "/dev/full", "--store", "{store}"],
        "/dev/full: not a regular file",
    ),
    "export turtle to /proc": (
        ["export", "--format", "turtle", "--out", "/proc/version", "--store", "{store}"],
        "/proc/version: cannot write",
    ),
    "report to a device, before the analysis": (
        ["report", "--scope", "country=DE", "--out", "/dev/full", "--store", "{store}"],
        "/dev/full: not a regular file",
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_each_ends_in_one_line_not_a_traceback(
    case: str, inputs: dict[str, Path], store_dir: Path
) -> None:
    args, said = CASES[case]
    names = {key: str(path) for key, path in inputs.items()} | {"store": str(store_dir)}
    result = _run([arg.format(**names) for arg in args])
    stderr = result.stderr.decode()
    assert result.returncode == 1, stderr
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.startswith("error: ")]
    assert len(lines) == 1, stderr
    assert said in lines[0], stderr


def test_a_query_that_is_not_utf8_is_said_so(read_store: Path) -> None:
    result = _run(["query", b'SELECT * { ?s ?p "\xff" }', "--store", str(read_store)])
    assert result.returncode == 1
    assert result.stderr.decode().strip() == (
        "error: the query is not valid UTF-8 (character 19); write it in UTF-8"
    )


def test_a_query_piped_to_head_ends_quietly(read_store: Path) -> None:
    command = [sys.executable, "-m", "helixgraph", "query", "SELECT * { ?s ?p ?o }"]
    command += ["--format", "csv", "--store", str(read_store)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as writer:
        assert writer.stdout is not None
        assert writer.stderr is not None
        first = writer.stdout.readline()  # what `| head -1` reads, before it closes the pipe
        writer.stdout.close()
        stderr = writer.stderr.read()
        assert writer.wait(timeout=300) == 0, stderr.decode()
    assert first.strip() in (b"o,p,s", b"s,p,o")
    assert b"Traceback" not in stderr
    assert b"unsendable" not in stderr


def test_the_command_lines_query_cannot_reach_the_network_even_unguarded(
    read_store: Path,
) -> None:
    from conftest import listener

    # the guard taken away: what stands is the sandbox the command puts itself in
    unguarded = (
        "import sys, helixgraph.guard.checks as guard; guard.check_query = lambda text: text; "
        "from helixgraph.cli.commands import app; sys.argv[0] = 'helixgraph'; app()"
    )
    with listener() as (port, connections):
        query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}"
        done = subprocess.run(
            [sys.executable, "-c", unguarded, "query", query, "--store", str(read_store)],
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
    assert done.returncode == 1
    assert "Permission denied" in done.stderr
    assert connections == []


def test_a_wrong_setting_is_named_not_a_traceback(read_store: Path) -> None:
    """Every command reads HELIX_* through one place: a wrong value names its variable."""
    result = subprocess.run(
        [sys.executable, "-m", "helixgraph", "analyze", "--scope", "country=HU"],
        capture_output=True,
        timeout=300,
        check=False,
        env={**os.environ, "HELIX_EXACT_LIMIT": "many", "HELIX_STORE": str(read_store)},
    )
    stderr = result.stderr.decode()
    assert result.returncode == 1, stderr
    assert "Traceback" not in stderr
    assert stderr.startswith("error: a setting is wrong: HELIX_EXACT_LIMIT='many': ")
