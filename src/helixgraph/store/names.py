"""What the store's graphs are called: a file's graph is named after the file, under
:data:`~helixgraph.rdf.namespaces.GRAPH_BASE`; the shipped graphs' names are never a user's."""

from __future__ import annotations

from importlib.resources.abc import Traversable
from pathlib import Path

from helixgraph.errors import InputError
from helixgraph.rdf import resources
from helixgraph.rdf.namespaces import GRAPH_BASE

ONTOLOGY_GRAPH = GRAPH_BASE + "ontology"


def graph_iri_for(path: Path | str) -> str:
    """The named graph a file is loaded into: one per file name (extensions off), so re-loading
    a file replaces its graph.

    >>> graph_iri_for("data/seed-ecosystem.ttl")
    'https://w3id.org/helixgraph/graph/seed-ecosystem'
    >>> graph_iri_for("../shared/data/cordis-h2020/h2020.csv.gz")
    'https://w3id.org/helixgraph/graph/h2020'
    """
    return GRAPH_BASE + Path(path).name.split(".")[0]


def default_graphs() -> dict[Traversable, str]:
    """The shipped default ecosystem's files and the graph each is loaded into."""
    return {item: graph_iri_for(item.name) for item in resources.default_data()}


def check_source_name(path: Path | str, data: bytes | None = None) -> str:
    """The graph a user's file goes into; refused when that is a shipped graph's name and the
    file is not the shipped file itself (``data``, which may be loaded again to bring it back):
    the next open would restore the shipped graph over the user's triples.

    >>> check_source_name("my/seed-ecosystem.ttl", b"<urn:a> <urn:b> <urn:c> .")
    Traceback (most recent call last):
    ...
    helixgraph.errors.InputError: my/seed-ecosystem.ttl: its graph would be ...
    """
    graph = graph_iri_for(path)
    shipped = {graph_: item for item, graph_ in default_graphs().items()}
    shipped[ONTOLOGY_GRAPH] = resources.ontology()
    if graph in shipped and (data is None or shipped[graph].read_bytes() != data):
        name = Path(path).name
        raise InputError(
            f"{path}: its graph would be <{graph}>, which helixgraph ships and restores at the "
            f"next open; rename the file (for instance to my-{name}) to load it beside that one"
        )
    return graph
