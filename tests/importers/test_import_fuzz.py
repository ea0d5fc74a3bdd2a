"""Importers under random input: whatever the bytes, an importer writes a valid source or says
what is wrong (InputError, with the file), and the store is exactly as it was after a refusal.
No traceback, no other exception type."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helixgraph.errors import InputError
from helixgraph.importers.cordis import import_cordis
from helixgraph.importers.cordis_reading import COMPACT_HEADER
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


def _imported_or_refused(name: str, content: bytes, import_into: Callable[[Path], str]) -> None:
    """Write ``content`` as ``name``, import it (``import_into`` returns the graph written) and
    check: refused with the file named, or imported (and dropped again); the store as before."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        refusal: InputError | None = None
        try:
            KG.drop(import_into(path))
        except InputError as error:
            refusal = error
        assert {str(q) for q in KG.quads()} == BEFORE
        assert refusal is None or str(path) in str(refusal)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(st.lists(CELLS, min_size=7, max_size=7), max_size=6),
    separator=SEPARATORS,
    encoding=ENCODINGS,
)
def test_spreadsheets_are_imported_or_refused_with_a_message(
    rows: list[list[str]], separator: str, encoding: str
) -> None:
    content = _csv(list(FILES["actors.csv"]), rows, separator, encoding)
    _imported_or_refused("actors.csv", content, lambda p: import_spreadsheet(KG, [p])[0])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(st.lists(CELLS, min_size=10, max_size=10), max_size=6),
    separator=SEPARATORS,
    encoding=ENCODINGS,
)
def test_cordis_files_are_imported_or_refused_with_a_message(
    rows: list[list[str]], separator: str, encoding: str
) -> None:
    content = _csv(sorted(COMPACT_HEADER), rows, separator, encoding)
    _imported_or_refused("h2020.csv", content, lambda p: import_cordis(KG, [p]).graph)
