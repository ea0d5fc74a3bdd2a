"""The importer registry: every source by name, each recognising its own files only."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, SEED_FILE

from helixgraph.errors import InputError
from helixgraph.importers.registry import importer, importers

EXAMPLE = ROOT / "data" / "templates" / "example"
CORDIS = FIXTURES / "cordis-hu-2016.csv"


def test_the_built_in_importers_are_registered_by_name() -> None:
    assert set(importers()) == {"cordis", "spreadsheet", "rdf"}
    with pytest.raises(InputError, match="'excel': no such importer; one of cordis"):
        importer("excel")


@pytest.mark.parametrize(
    ("files", "owner"),
    [
        (sorted(EXAMPLE.glob("*.csv")), "spreadsheet"),
        ([SEED_FILE], "rdf"),
        ([ROOT / "data" / "cordis-hu.nt.gz"], "rdf"),
        ([CORDIS, FIXTURES / "cordis-hu-2016-parts.csv"], "cordis"),
    ],
)
def test_each_importer_recognises_its_own_files_only(files: list[Path], owner: str) -> None:
    recognising = {name for name, item in importers().items() if item.recognises(files)}
    assert recognising == {owner}
