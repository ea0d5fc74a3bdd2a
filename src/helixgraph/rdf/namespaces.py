"""The IRIs helixgraph writes and reads, in one place: its own bases and the vocabularies it
reuses. (``vocab.HX`` checks term names; these are the plain strings code builds IRIs from.)"""

from __future__ import annotations

BASE = "https://w3id.org/helixgraph/"
GRAPH_BASE = BASE + "graph/"
ID_BASE = BASE + "id/"

HX_NAMESPACE = "https://w3id.org/helixgraph/ns#"
ORG = "http://www.w3.org/ns/org#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "https://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
TIME = "http://www.w3.org/2006/time#"
#: NUTS regions, as the EU's publications office publishes them (hx:region points here).
NUTS = "http://data.europa.eu/nuts/code/"
SH = "http://www.w3.org/ns/shacl#"
SPARQL_RESULTS = "http://www.w3.org/2005/sparql-results#"

#: Declared in every query the store runs.
PREFIXES = {
    "hx": HX_NAMESPACE,
    "org": ORG,
    "skos": SKOS,
    "schema": SCHEMA,
    "prov": PROV,
    "dcterms": DCTERMS,
    "foaf": FOAF,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "time": TIME,
}

#: Country codes as the EU writes them -> the ISO 3166-1 code the store holds (``hx:country``).
COUNTRY_ALIASES = {"UK": "GB", "EL": "GR"}
