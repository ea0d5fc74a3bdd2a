"""Importers: sources (RDF files, CORDIS CSV, spreadsheets) -> RDF triples, with positions in errors."""
