"""Write src/helixgraph/rdf/vocab.py from ontology/helixgraph.ttl (run by `make vocab`)."""

from __future__ import annotations

from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, Graph, URIRef

ROOT = Path(__file__).resolve().parents[1]
NS = "https://w3id.org/helixgraph/ns#"

HEADER = '''"""The helixgraph ontology's terms as an rdflib namespace: ``HX.government``, ...

Generated from ``ontology/helixgraph.ttl`` by ``make vocab``; a test keeps the two in sync. A
misspelt term raises ``AttributeError`` instead of minting a new IRI:

>>> HX.government
rdflib.term.URIRef('https://w3id.org/helixgraph/ns#government')
>>> HX.goverment
Traceback (most recent call last):
...
AttributeError: term 'goverment' not in namespace 'https://w3id.org/helixgraph/ns#'
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class HX(DefinedNamespace):
    _fail = True
    _NS = Namespace("https://w3id.org/helixgraph/ns#")
'''

SECTIONS = [
    ("Classes", lambda g, t: (t, RDF.type, OWL.Class) in g),
    ("Concept schemes", lambda g, t: (t, RDF.type, SKOS.ConceptScheme) in g),
    (
        "Properties",
        lambda g, t: any((t, RDF.type, k) in g for k in (OWL.ObjectProperty, OWL.DatatypeProperty)),
    ),
    ("Concepts", lambda g, t: True),
]


def terms(graph: Graph) -> list[str]:
    return sorted(
        {
            str(s)[len(NS) :]
            for s in graph.subjects()
            if isinstance(s, URIRef) and str(s).startswith(NS) and len(str(s)) > len(NS)
        }
    )


def english_label(graph: Graph, term: URIRef) -> str | None:
    for predicate in (RDFS.label, SKOS.prefLabel):
        for label in graph.objects(term, predicate):
            if getattr(label, "language", None) == "en":
                return str(label)
    return None


def main() -> None:
    graph = Graph().parse(ROOT / "ontology" / "helixgraph.ttl")
    lines = [HEADER]
    done: set[str] = set()
    for title, belongs in SECTIONS:
        names = [n for n in terms(graph) if n not in done and belongs(graph, URIRef(NS + n))]
        if not names:
            continue
        lines.append(f"\n    # {title}\n")
        for name in names:
            label = english_label(graph, URIRef(NS + name))
            comment = f"  # {label}" if label and str(label) != name else ""
            lines.append(f"    {name}: URIRef{comment}\n")
            done.add(name)
    (ROOT / "src" / "helixgraph" / "rdf" / "vocab.py").write_text("".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
