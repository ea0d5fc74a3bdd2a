"""Check the shipped data against the SHACL shapes with pyshacl (half a minute) and record the
verdict beside the digest of the files checked: tests/fixtures/shipped-data-conformance.json.

The test suite then checks the files' digest against the record on every run (no half minute),
and validates again, asking for a new record, once any of them changes. `make data` runs this
after it rebuilds the slice; `make conformance` alone.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
from pathlib import Path

import pyshacl
import rdflib

ROOT = Path(__file__).resolve().parent.parent
RECORD = ROOT / "tests" / "fixtures" / "shipped-data-conformance.json"
SLICE = [ROOT / "data" / "cordis-hu.nt.gz", ROOT / "data" / "cordis-hu-names.nt.gz"]
SEED = ROOT / "data" / "seed-ecosystem.ttl"
ONTOLOGY = ROOT / "ontology" / "helixgraph.ttl"
SHAPES = ROOT / "ontology" / "shapes.ttl"
CHECKED = [*SLICE, SEED, ONTOLOGY, SHAPES]


def digest() -> str:
    """One SHA-256 over the files checked, each with its name."""
    hashed = hashlib.sha256()
    for path in CHECKED:
        hashed.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return hashed.hexdigest()


def validate() -> tuple[bool, str]:
    """pyshacl's verdict on the slice, its names and the seed together, as the store holds them
    (the names graph names the actors; the seed states what it shares with the slice once)."""
    data = b"".join(gzip.decompress(path.read_bytes()) for path in SLICE)
    graph = rdflib.Graph().parse(data=data, format="nt").parse(SEED).parse(ONTOLOGY)
    ok, _, text = pyshacl.validate(graph, shacl_graph=rdflib.Graph().parse(SHAPES))
    return bool(ok), str(text)


def main() -> int:
    ok, text = validate()
    if not ok:
        print(text[:4000], file=sys.stderr)
        print("the shipped data does not conform to the shapes: nothing recorded", file=sys.stderr)
        return 1
    files = [path.relative_to(ROOT).as_posix() for path in CHECKED]
    RECORD.write_text(
        json.dumps({"sha256": digest(), "files": files, "conforms": True}, indent=2) + "\n"
    )
    print(f"recorded: {RECORD.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
