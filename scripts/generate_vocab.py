"""Write src/helixgraph/rdf/vocab.py from ontology/helixgraph.ttl (run by `make vocab`)."""

from __future__ import annotations

from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, Graph, URIRef

ROOT = Path(__file__).resolve().parents[1]
NS = "https://w3id.org/helixgraph/ns#"

HEADER = '''"""The helixgraph ontology's terms as IRIs: ``HX.government``, ``HX.sourceGraph``...

Generated from ``ontology/helixgraph.ttl`` by ``make vocab``; a test keeps the two in sync. A
misspelt term is an ``AttributeError`` when the code runs, and mypy's error before. Names that
come from data (a helix in a spreadsheet cell) go through :meth:`HX.term`, which refuses a name
the ontology does not define. Plain strings, no rdflib: the store and its query workers use them.

>>> HX.government
'https://w3id.org/helixgraph/ns#government'
>>> HX.term("goverment")
Traceback (most recent call last):
...
KeyError: "'goverment' is not a term of https://w3id.org/helixgraph/ns#"
"""

from typing import ClassVar, Final


class HX:
    """The namespace ``NS`` and every term the ontology defines, as its full IRI."""

    NS: Final = "https://w3id.org/helixgraph/ns#"
    #: Every term's local name.
    TERMS: ClassVar[frozenset[str]]

    @classmethod
    def term(cls, name: str) -> str:
        """The IRI of the term ``name``; ``KeyError`` if the ontology defines none."""
        if name not in cls.TERMS:
            raise KeyError(f"{name!r} is not a term of {cls.NS}")
        return cls.NS + name
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
            lines.append(f'    {name}: Final = "{NS}{name}"\n')
            if label and str(label) != name:  # what an editor shows for the attribute
                lines.append(f'    """{label}"""\n')
            done.add(name)
    lines.append(f"\n\nHX.TERMS = frozenset({sorted(done)!r})\n")
    text = "".join(lines)
    (ROOT / "src" / "helixgraph" / "rdf" / "vocab.py").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
