"""Hand the graph to researchers' tools: networks (GraphML, GEXF, JSON, CSV, Pajek) from the
views, RDF (Turtle, N-Quads, JSON-LD) from the store.

Network formats keep every node attribute the views give (``label``, ``helix``, ``helices``,
``country``, ``kind``, ``bipartite``) so Gephi colours by helix at once; list values are joined
with ``;`` and missing values left empty, as GraphML and GEXF need plain values.
"""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox

from helixgraph.errors import InputError
from helixgraph.formulas import spreadsheet_safe
from helixgraph.network import views
from helixgraph.network.registry import VIEWS
from helixgraph.network.scope import Scope, scoped_network
from helixgraph.rdf.namespaces import PREFIXES
from helixgraph.store import KnowledgeGraph

NETWORK_FORMATS = ("graphml", "gexf", "json", "csv", "pajek")
RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nquads": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}


def scoped_view(kg: KnowledgeGraph, view: str, scope: Scope | None = None) -> nx.Graph:
    """The view called ``view`` (the relation view has no dates: all of it), cut to the scope's
    actors and in-scope collaborations where the scope filters them: what the explorer draws
    and ``helixgraph export --scope`` writes."""
    scope = scope or Scope()
    years = scope.years if VIEWS[view].dated else None  # type: ignore[index]
    if not scope.filters:
        return views.view(kg, view, years=years)  # type: ignore[arg-type]
    net = scoped_network(kg, scope)
    if view == "actors":
        return net.actors
    if view == "affiliation":
        return net.affiliation
    graph = views.view(kg, view, years=years)  # type: ignore[arg-type]
    return graph.subgraph(node for node in net.affiliation if node in graph)


def network(
    kg: KnowledgeGraph,
    view: str = "collaboration",
    *,
    years: tuple[int, int] | None = None,
    as_of: date | None = None,
    scope: Scope | None = None,
) -> nx.Graph:
    """The view to export (of a scope, or of the whole store on a day or in years), with
    attributes flattened to plain values (a new graph)."""
    if scope is not None and (scope.filters or scope.years):
        return flatten(scoped_view(kg, view, scope))
    return flatten(views.view(kg, view, years=years, as_of=as_of))  # type: ignore[arg-type]


def flatten(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` whose attribute values are strings, numbers or booleans.

    >>> G = nx.Graph()
    >>> G.add_node("a", helices=["government", "business"], country=None)
    >>> flatten(G).nodes["a"]
    {'helices': 'government;business', 'country': ''}
    """
    H = G.__class__()
    H.add_nodes_from((n, _plain(attrs)) for n, attrs in G.nodes(data=True))
    if G.is_multigraph():
        H.add_edges_from(
            (u, v, k, _plain(attrs)) for u, v, k, attrs in G.edges(keys=True, data=True)
        )
    else:
        H.add_edges_from((u, v, _plain(attrs)) for u, v, attrs in G.edges(data=True))
    return H


def _plain(attrs: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in attrs.items():
        if value is None:
            value = ""
        elif isinstance(value, list | tuple | set):
            value = ";".join(map(str, value))
        out[key] = value
    return out


def write_network(G: nx.Graph, fmt: str, out: Path) -> list[Path]:
    """Write a flattened view; the files written (CSV writes ``nodes.csv`` and ``edges.csv``)."""
    if fmt == "graphml":
        nx.write_graphml(G, out)
    elif fmt == "gexf":
        nx.write_gexf(G, out)
    elif fmt == "json":
        out.write_text(json.dumps(nx.node_link_data(G, edges="edges"), indent=1), encoding="utf-8")
    elif fmt == "pajek":
        nx.write_pajek(_pajek_ready(G), out)
    elif fmt == "csv":
        return _write_csv(G, out)
    else:
        raise InputError(f"unknown network format {fmt!r}: one of {', '.join(NETWORK_FORMATS)}")
    return [out]


def _pajek_ready(G: nx.Graph) -> nx.Graph:
    """Pajek keeps one label per vertex and one weight per arc: the IRI and the weight."""
    H = G.__class__()
    H.add_nodes_from(G)
    for u, v, *rest in G.edges(data="weight"):
        H.add_edge(u, v, weight=rest[-1] or 1)
    return H


def _write_csv(G: nx.Graph, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    nodes, edges = out / "nodes.csv", out / "edges.csv"
    node_keys = sorted({k for _, attrs in G.nodes(data=True) for k in attrs})
    with nodes.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["id", *node_keys])
        for node, attrs in G.nodes(data=True):
            row = [node, *(attrs.get(k, "") for k in node_keys)]
            writer.writerow([spreadsheet_safe(cell) for cell in row])
    edge_keys = sorted({k for *_, attrs in G.edges(data=True) for k in attrs})
    with edges.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["source", "target", *edge_keys])
        for u, v, attrs in G.edges(data=True):
            row = [u, v, *(attrs.get(k, "") for k in edge_keys)]
            writer.writerow([spreadsheet_safe(cell) for cell in row])
    return [nodes, edges]


def write_rdf(kg: KnowledgeGraph, fmt: str, out: Path) -> list[Path]:
    """The store as RDF: N-Quads keeps the named graphs; Turtle and JSON-LD merge them."""
    rdf_format = RDF_FORMATS.get(fmt)
    if rdf_format is None:
        raise InputError(f"unknown RDF format {fmt!r}: one of {', '.join(RDF_FORMATS)}")
    quads = kg.quads()
    if fmt == "nquads":
        ox.serialize(quads, out, format=rdf_format)
    else:
        triples = (quad.triple for quad in quads)
        ox.serialize(triples, out, format=rdf_format, prefixes=PREFIXES)
    return [out]
