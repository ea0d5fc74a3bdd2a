"""Importers under random input: whatever the bytes, an importer writes a valid source or says
what is wrong (InputError, with the file), and the store is exactly as it was after a refusal.
No traceback, no other exception type."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helixgraph.errors import InputError
from helixgraph.importers.cordis import COMPACT_HEADER, import_cordis
from helixgraph.importers.spreadsheet import FILES, import_spreadsheet
from helixgraph.store import KnowledgeGraph

KG = KnowledgeGraph.in_memory(default_data=False)
BEFORE = {str(q) for q in KG.quads()}

# cells from the plausible to the hostile: empty, numbers of every spelling, quotes, separators,
# formulas, control characters, non-ASCII digits, long text
CELLS = st.one_of(
    st.sampled_from(
        [
            "",
            "x",
            "HU",
            "academia",
            "business;community",
            "1e400",
            "nan",
            "-1",
            "٣",
            '"',
            ";",
            ",",
            "\n",
            "=1+2",
            "\x00",
            "2016-02-30",
            "999904228",
            "https://example.org/a",
            "A B",
        ]
    ),
    st.text(max_size=30),
)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "latin-1", "utf-16"])
SEPARATORS = st.sampled_from([",", ";", "\t"])


def _csv(header: list[str], rows: list[list[str]], separator: str, encoding: str) -> bytes:
    lines = [separator.join(header), *(separator.join(row) for row in rows)]
    return "\n".join(lines).encode(encoding, errors="replace")


def _unchanged() -> None:
    assert {str(q) for q in KG.quads()} == BEFORE


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(st.lists(CELLS, min_size=7, max_size=7), max_size=6),
    separator=SEPARATORS,
    encoding=ENCODINGS,
)
def test_spreadsheets_are_imported_or_refused_with_a_message(
    rows: list[list[str]], separator: str, encoding: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "actors.csv"
        path.write_bytes(_csv(list(FILES["actors.csv"]), rows, separator, encoding))
        refusal: InputError | None = None
        try:
            graph, _, _ = import_spreadsheet(KG, [path])
        except InputError as error:
            refusal = error
        else:
            KG.drop(graph)
        _unchanged()
        assert refusal is None or str(path) in str(refusal)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(st.lists(CELLS, min_size=10, max_size=10), max_size=6),
    separator=SEPARATORS,
    encoding=ENCODINGS,
)
def test_cordis_files_are_imported_or_refused_with_a_message(
    rows: list[list[str]], separator: str, encoding: str
) -> None:
    header = sorted(COMPACT_HEADER)[:10]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "h2020.csv"
        path.write_bytes(_csv(header, rows, separator, encoding))
        refusal: InputError | None = None
        try:
            report = import_cordis(KG, [path])
        except InputError as error:
            refusal = error
        else:
            KG.drop(report.graph)
        _unchanged()
        assert refusal is None or str(path) in str(refusal)
