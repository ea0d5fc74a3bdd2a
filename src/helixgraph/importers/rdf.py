"""Read RDF files into triples with pyoxigraph's parsers; errors name file, line and column.

Nothing here touches the network: relative IRIs are an error (no base is guessed), and only
formats without remote references are read.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from helixgraph.errors import RDFSyntaxError, UnsupportedFormatError

FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".turtle": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
}


def rdf_format(path: Path) -> ox.RdfFormat:
    """The RDF format of ``path`` from its extension (under a ``.gz``), or
    :class:`UnsupportedFormatError`.

    >>> rdf_format(Path("data/cordis-hu.nt.gz")).name
    'N-Triples'
    """
    suffix = Path(path.stem).suffix if path.suffix.lower() == ".gz" else path.suffix
    try:
        return FORMATS[suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise UnsupportedFormatError(
            f"{path}: cannot read '{path.suffix or path.name}' files; helixgraph reads {known}"
        ) from None


def read_triples(data: bytes, *, source: Path, fmt: ox.RdfFormat | None = None) -> list[ox.Triple]:
    """Parse ``data`` (the content of ``source``) into triples.

    Raises :class:`RDFSyntaxError` with the 1-based line and column of the first error.
    """
    fmt = fmt or rdf_format(source)
    try:
        return [quad.triple for quad in ox.parse(data, format=fmt)]
    except SyntaxError as error:
        message = str(error.msg if hasattr(error, "msg") and error.msg else error)
        # pyoxigraph says "Parser error between line L column C and …: reason"; keep the reason.
        reason = message.split(": ", 1)[1] if message.startswith("Parser error") else message
        raise RDFSyntaxError(source, error.lineno, error.offset, reason) from None
