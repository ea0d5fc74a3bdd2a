"""RDF: the vocabularies, the shipped ontology and data, parsing RDF files, SHACL validation."""
