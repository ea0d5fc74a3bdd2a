"""SHACL validation of data against ``ontology/shapes.ttl`` (pyshacl).

The data is checked together with the ontology, so the class hierarchy (``hx:Cluster`` is an
``org:OrganizationalCollaboration`` is an ``org:Organization``) and the concept schemes are known.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

import pyoxigraph as ox

from helixgraph.errors import Violation
from helixgraph.rdf import resources
from helixgraph.rdf.namespaces import SH

if TYPE_CHECKING:
    import rdflib


@cache
def _shapes_graph() -> rdflib.Graph:
    import rdflib

    return rdflib.Graph().parse(data=resources.shapes().read_bytes(), format="turtle")


@cache
def _ontology_graph() -> rdflib.Graph:
    import rdflib

    return rdflib.Graph().parse(data=resources.ontology().read_bytes(), format="turtle")


def _to_rdflib(triples: Iterable[ox.Triple]) -> rdflib.Graph:
    import rdflib

    graph = rdflib.Graph()
    graph += _ontology_graph()
    data = "\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in triples)
    # ill-typed literals are reported as violations instead of rdflib's logged tracebacks
    term_log = logging.getLogger("rdflib.term")
    level = term_log.level
    term_log.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            graph.parse(data=data, format="nt")
    finally:
        term_log.setLevel(level)
    return graph


def ill_typed(graph: rdflib.Graph) -> list[Violation]:
    """Literals whose text is no value of their datatype (``"abc"^^xsd:integer``,
    ``"2016-02-30"^^xsd:date``): the data says something it cannot mean."""
    import rdflib

    return [
        Violation(
            focus=str(s),
            path=graph.namespace_manager.normalizeUri(str(p)),
            message=f"{o!s} is not a valid {graph.namespace_manager.normalizeUri(o.datatype)}",
            value=str(o),
        )
        for s, p, o in graph
        if isinstance(o, rdflib.Literal) and o.datatype is not None and o.ill_typed
    ]


def shacl_violations(
    triples: Iterable[ox.Triple], *, context: Iterable[ox.Triple] = ()
) -> list[Violation]:
    """Every SHACL violation in ``triples`` (checked with the ontology), in a stable order.

    ``context`` holds what the store already knows about resources the new data points at (their
    types, for ``sh:class``); it is read, not validated again.

    >>> import pyoxigraph as ox
    >>> org = "http://www.w3.org/ns/org#"
    >>> actor = ox.NamedNode("https://example.org/a")
    >>> a_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    >>> triple = ox.Triple(actor, a_type, ox.NamedNode(org + "FormalOrganization"))
    >>> for violation in shacl_violations([triple]):
    ...     print(violation.message[:40])
    an actor needs a name (skos:prefLabel or
    an actor needs at least one helix: org:c
    """
    import pyshacl
    import rdflib
    from rdflib.namespace import RDF

    triples = list(triples)
    context = list(context)
    data = _to_rdflib([*triples, *context])
    focus = None
    if context:
        focus = sorted({t.subject.value for t in triples if isinstance(t.subject, ox.NamedNode)})
    conforms, report, _ = pyshacl.validate(
        data,
        shacl_graph=_shapes_graph(),
        inference="none",
        allow_warnings=True,
        focus_nodes=focus,
    )
    found = ill_typed(data)
    if conforms:
        return sorted(found, key=lambda v: (v.focus, v.path or "", v.message))
    sh = rdflib.Namespace(SH)
    for result in report.subjects(RDF.type, sh.ValidationResult):
        if report.value(result, sh.resultSeverity) != sh.Violation:
            continue
        path = report.value(result, sh.resultPath)
        focus = report.value(result, sh.focusNode)
        value = report.value(result, sh.value)
        found.append(
            Violation(
                focus=str(focus),
                path=data.namespace_manager.normalizeUri(path)
                if isinstance(path, rdflib.URIRef)
                else None,
                message=str(report.value(result, sh.resultMessage) or "violates a shape"),
                value=str(value) if value is not None and value != focus else None,
            )
        )
    return sorted(found, key=lambda v: (v.focus, v.path or "", v.message))
