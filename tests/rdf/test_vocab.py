"""HX and the ontology stay in sync; a misspelt term is an error."""

from __future__ import annotations

import subprocess
import sys

import pytest
import rdflib
from conftest import ONTOLOGY_FILE, ROOT

from helixgraph.rdf.vocab import HX


def test_hx_has_exactly_the_terms_the_ontology_defines() -> None:
    onto = rdflib.Graph().parse(ONTOLOGY_FILE)
    ns = HX.NS
    defined = {
        str(s)[len(ns) :]
        for s in onto.subjects()
        if isinstance(s, rdflib.URIRef) and str(s).startswith(ns) and str(s) != ns
    }
    assert defined == HX.TERMS


def test_every_term_is_its_full_iri() -> None:
    assert all(getattr(HX, name) == HX.NS + name for name in HX.TERMS)
    assert HX.sourceGraph == "https://w3id.org/helixgraph/ns#sourceGraph"


def test_a_misspelt_term_raises() -> None:
    with pytest.raises(AttributeError, match="goverment"):
        _ = HX.goverment  # type: ignore[attr-defined]
    with pytest.raises(KeyError, match="goverment"):
        HX.term("goverment")


def test_generated_file_is_up_to_date(tmp_path: pytest.TempPathFactory) -> None:
    vocab = ROOT / "src" / "helixgraph" / "rdf" / "vocab.py"
    before = vocab.read_text(encoding="utf-8")
    subprocess.run([sys.executable, str(ROOT / "scripts" / "generate_vocab.py")], check=True)
    after = vocab.read_text(encoding="utf-8")
    if after != before:
        vocab.write_text(before, encoding="utf-8")
    assert after == before, "vocab.py is stale: run `make vocab`"
