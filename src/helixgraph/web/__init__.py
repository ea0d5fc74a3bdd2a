"""The web layer: FastAPI app, REST API, SPARQL endpoint and pages. It only calls the library."""

from helixgraph.web.app import create_app

__all__ = ["create_app"]
