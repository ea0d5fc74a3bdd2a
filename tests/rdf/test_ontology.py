"""The ontology and the shapes: they parse, every term is documented, the seed's schemes exist."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from conftest import ONTOLOGY_FILE, ROOT, SHAPES_FILE
from rdflib.namespace import OWL, RDF, RDFS, SKOS

HX = rdflib.Namespace("https://w3id.org/helixgraph/ns#")
ORG = rdflib.Namespace("http://www.w3.org/ns/org#")
HELICES = [HX.government, HX.academia, HX.business, HX.community]


@pytest.fixture(scope="module")
def onto() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY_FILE)


TURTLE_FILES = sorted(
    path
    for folder in ("ontology", "data", "tests/fixtures")
    for path in (ROOT / folder).rglob("*.ttl")
)


@pytest.mark.parametrize("path", TURTLE_FILES, ids=lambda p: p.name)
def test_every_turtle_file_parses(path: Path) -> None:
    assert len(rdflib.Graph().parse(path, format="turtle")) > 0


def test_every_class_and_property_has_an_english_label_and_comment(onto: rdflib.Graph) -> None:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    terms = {s for k in kinds for s in onto.subjects(RDF.type, k) if str(s).startswith(str(HX))}
    assert len(terms) >= 20
    for term in terms:
        for predicate in (RDFS.label, RDFS.comment):
            langs = {getattr(v, "language", None) for v in onto.objects(term, predicate)}
            assert "en" in langs, f"{term} has no English {predicate}"


def test_helix_scheme_has_four_concepts_with_definitions_and_hungarian_labels(
    onto: rdflib.Graph,
) -> None:
    members = set(onto.subjects(SKOS.inScheme, HX.Helix))
    assert members == set(HELICES)
    for helix in HELICES:
        definition = onto.value(helix, SKOS.definition)
        assert definition is not None
        assert definition.language == "en"
        assert any(label.language == "hu" for label in onto.objects(helix, SKOS.prefLabel))


@pytest.mark.parametrize(
    ("helix", "words"),
    [
        (HX.government, "subsidies and grants"),
        (HX.academia, "basic and applied research"),
        (HX.business, "digital health tools"),
        (HX.community, "patient advocates"),
    ],
)
def test_helix_definitions_come_from_the_seed(
    onto: rdflib.Graph, helix: rdflib.URIRef, words: str
) -> None:
    assert words in str(onto.value(helix, SKOS.definition))


@pytest.mark.parametrize("scheme", [HX.HelixRole, HX.ServiceType])
def test_role_and_service_schemes_cover_every_helix(
    onto: rdflib.Graph, scheme: rdflib.URIRef
) -> None:
    concepts = set(onto.subjects(SKOS.inScheme, scheme))
    covered = {onto.value(c, HX.typicalHelix) for c in concepts}
    assert covered == set(HELICES)


def test_seed_services_are_in_the_service_scheme(onto: rdflib.Graph) -> None:
    definitions = " ".join(
        str(onto.value(c, SKOS.definition)) for c in onto.subjects(SKOS.inScheme, HX.ServiceType)
    )
    for phrase in (
        "R&D projects through subsidies and grants",
        "sharing research results and expertise with industry and government",
        "new treatments",
        "digital health tools",
        "feedback on healthcare services and needs",
    ):
        assert phrase.lower() in definitions.lower()


def test_collaborations_are_org_collaborations(onto: rdflib.Graph) -> None:
    for cls in (HX.Cluster, HX.Project, HX.Initiative):
        assert (cls, RDFS.subClassOf, ORG.OrganizationalCollaboration) in onto


def test_ties_specialise_org_linked_to(onto: rdflib.Graph) -> None:
    for prop in (HX.funds, HX.collaboratesWith, HX.providesServiceTo):
        parents = set(onto.transitive_objects(prop, RDFS.subPropertyOf))
        assert ORG.linkedTo in parents
    assert (HX.collaboratesWith, RDF.type, OWL.SymmetricProperty) in onto
    assert (HX.funds, RDF.type, OWL.SymmetricProperty) not in onto


def test_shapes_are_shacl_node_shapes() -> None:
    shapes = rdflib.Graph().parse(SHAPES_FILE)
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    targets = set(shapes.objects(None, sh.targetClass))
    assert {ORG.FormalOrganization, ORG.Membership, ORG.OrganizationalCollaboration} <= targets
