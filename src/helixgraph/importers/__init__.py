"""Importers: sources (RDF, CORDIS CSV, spreadsheets) -> RDF triples, with positions in errors."""
