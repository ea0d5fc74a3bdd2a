"""Where the content shipped with helixgraph lives: the ontology, the default data, the API.

In a wheel, ``ontology/``, ``data/`` and ``api/`` are packed under ``helixgraph/_content``; in a
source checkout they are at the top of the repository. Both are read through
:mod:`importlib.resources`.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

ONTOLOGY_FILE = "helixgraph.ttl"
SHAPES_FILE = "shapes.ttl"


@cache
def content_root() -> Traversable:
    """The folder that holds ``ontology/``, ``data/`` and ``api/``."""
    packed = resources.files("helixgraph") / "_content"
    if packed.is_dir():
        return packed
    checkout = Path(__file__).resolve().parents[3]  # src/helixgraph/rdf/ -> the checkout
    if (checkout / "ontology" / ONTOLOGY_FILE).is_file():
        return checkout
    raise FileNotFoundError(
        "helixgraph's ontology is missing: reinstall the package (pip install helixgraph)"
    )


def ontology() -> Traversable:
    """The ontology (``ontology/helixgraph.ttl``)."""
    return content_root() / "ontology" / ONTOLOGY_FILE


def shapes() -> Traversable:
    """The SHACL shapes (``ontology/shapes.ttl``)."""
    return content_root() / "ontology" / SHAPES_FILE


def default_data() -> list[Traversable]:
    """The RDF files of the embedded default ecosystem (Turtle, gzipped N-Triples), by name."""
    folder = content_root() / "data"
    return sorted(
        (item for item in folder.iterdir() if item.name.endswith((".ttl", ".nt.gz"))),
        key=lambda item: item.name,
    )


def map_data(name: str) -> Traversable:
    """A file of the map data (``data/map/``: boundaries, the gazetteer)."""
    return content_root() / "data" / "map" / name
