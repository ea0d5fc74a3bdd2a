"""Read RDF files into triples with pyoxigraph's parsers; errors name file, line and column.

Turtle, N-Triples, N-Quads, TriG, JSON-LD and RDF/XML. Nothing here touches the network or the
file system beyond the file itself: relative IRIs are an error (no base is guessed), a JSON-LD
``@context`` given by URL is an error (Oxigraph is given no document loader), and RDF/XML with
entity declarations is refused before parsing (entities can expand without bound: "billion
laughs"). A quad format's graph names are not kept: a file becomes one named graph.
"""

from __future__ import annotations

import io
import itertools
import re
from pathlib import Path

import pyoxigraph as ox

from helixgraph.errors import RDFSyntaxError, UnsupportedFormatError

FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".turtle": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
}
ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
#: Deepest nesting of objects and arrays a JSON-LD file may have: Oxigraph's JSON-LD parser
#: recurses, and overflows its stack a few thousand levels down (real files stay under twenty).
MAX_JSON_DEPTH = 256
_JSON_NESTING = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


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
    data = data.removeprefix(b"\xef\xbb\xbf")  # a UTF-8 byte order mark, as editors write
    if fmt == ox.RdfFormat.RDF_XML and (match := ENTITY.search(data)):
        line = data.count(b"\n", 0, match.start()) + 1
        column = match.start() - (data.rfind(b"\n", 0, match.start()) + 1) + 1
        raise RDFSyntaxError(
            source, line, column, "entity declarations are refused: they can expand without bound"
        )
    if fmt == ox.RdfFormat.JSON_LD:
        _check_json_depth(data, source)
    try:
        triples = [quad.triple for quad in ox.parse(data, format=fmt)]
    except SyntaxError as error:
        message = str(error.msg if hasattr(error, "msg") and error.msg else error)
        # pyoxigraph says "Parser error between line L column C and …: reason"; keep the reason.
        reason = message.split(": ", 1)[1] if message.startswith("Parser error") else message
        raise RDFSyntaxError(source, error.lineno, error.offset, reason) from None
    except MemoryError:
        # pyoxigraph's reader holds at most 16 MiB of one token or line ("Reached the buffer
        # maximal size"): say so, and where, instead of a MemoryError traceback
        raise RDFSyntaxError(
            source,
            _first_line_longer_than(data, PARSER_BUFFER),
            None,
            f"a line or term longer than {PARSER_BUFFER >> 20} MiB, more than the RDF parser "
            "holds; split it (a literal that long is better kept as a file)",
        ) from None
    for triple in triples:
        if isinstance(triple.subject, ox.Triple) or isinstance(triple.object, ox.Triple):
            at = data.find(b"<<")
            where: tuple[int | None, int | None] = (None, None)
            if at >= 0:
                where = (data.count(b"\n", 0, at) + 1, at - (data.rfind(b"\n", 0, at) + 1) + 1)
            raise RDFSyntaxError(
                source,
                *where,
                "a triple term (RDF 1.2 `<<( … )>>`, RDF-star `<< … >>`): helixgraph's data "
                "model states facts about actors, not about statements; state them directly",
            )
    return triples


#: The longest token or line Oxigraph's parsers read.
PARSER_BUFFER = 16 << 20


def _first_line_longer_than(data: bytes, limit: int) -> int | None:
    """The number of the first line of ``data`` longer than ``limit`` bytes, if any.

    >>> _first_line_longer_than(b"ab\\nabcdef\\nx", 4)
    2
    """
    start = 0
    for number in itertools.count(1):
        end = data.find(b"\n", start)
        if (end if end >= 0 else len(data)) - start > limit:
            return number
        if end < 0:
            return None
        start = end + 1
    return None


def _check_json_depth(data: bytes, source: Path) -> None:
    """Refuse JSON nested deeper than :data:`MAX_JSON_DEPTH`, naming where it goes too deep.

    >>> _check_json_depth(b'{"a": [[["[[[["]]]}', Path("x.jsonld"))
    >>> _check_json_depth(b"[" * 300, Path("x.jsonld"))
    Traceback (most recent call last):
    ...
    helixgraph.errors.RDFSyntaxError: x.jsonld:1:257: nested deeper than 256 levels; ...
    """
    depth = 0
    for match in _JSON_NESTING.finditer(data):
        token = match[0]
        if token in (b"[", b"{"):
            depth += 1
            if depth > MAX_JSON_DEPTH:
                line = data.count(b"\n", 0, match.start()) + 1
                column = match.start() - (data.rfind(b"\n", 0, match.start()) + 1) + 1
                raise RDFSyntaxError(
                    source,
                    line,
                    column,
                    f"nested deeper than {MAX_JSON_DEPTH} levels; "
                    "no JSON-LD document needs that many",
                )
        elif token in (b"]", b"}"):
            depth -= 1


#: A gzip file may expand to this many times its size (real RDF and CSV: 5-30x) or this many
#: bytes, whichever is more; past that it is refused as a likely gzip bomb.
GZIP_RATIO, GZIP_FLOOR = 200, 64 << 20


def gunzip(path: Path, data: bytes) -> bytes:
    """The content of a file, decompressed when its name ends in .gz; a file that is not gzip,
    is cut short or expands without bound is an :class:`RDFSyntaxError` naming it."""
    if path.suffix != ".gz":
        return data
    import gzip
    import zlib

    largest = max_rdf_bytes()
    limit = min(max(GZIP_FLOOR, GZIP_RATIO * len(data)), largest)
    chunks, size = [], 0
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as unpacked:
            while size <= limit and (chunk := unpacked.read(1 << 20)):
                chunks.append(chunk)  # in pieces: a bomb stops at the limit, not twice it
                size += len(chunk)
    except (OSError, EOFError, zlib.error) as error:
        raise RDFSyntaxError(path, None, None, f"not a readable gzip file ({error})") from None
    if size > limit:
        chunks.clear()
        why = (
            f"({GZIP_RATIO} times its size): refused as a likely gzip bomb; decompress it "
            "yourself if it is real"
            if limit < largest
            else "(HELIX_MAX_RDF_BYTES): more than an RDF file may hold to be parsed and "
            "checked in memory; import a big source with `helixgraph import`, or raise the limit"
        )
        raise RDFSyntaxError(path, None, None, f"expands past {limit:,} bytes {why}")
    return b"".join(chunks)


def read_rdf_bytes(path: Path) -> bytes:
    """The bytes of an RDF file as stored (gzip still compressed), refused past
    ``HELIX_MAX_RDF_BYTES`` before they are read; :class:`RDFSyntaxError` if unreadable."""
    try:
        if path.stat().st_size > (largest := max_rdf_bytes()):
            raise RDFSyntaxError(
                path, None, None, f"over {largest:,} bytes (HELIX_MAX_RDF_BYTES, what an RDF "
                "file may hold to be parsed and checked in memory); import a big source with "
                "`helixgraph import`, or raise the limit",
            )  # fmt: skip
        return path.read_bytes()
    except OSError as error:
        raise RDFSyntaxError(path, None, None, f"cannot read: {error.strerror}") from None


def max_rdf_bytes() -> int:
    """What an RDF file may hold, decompressed (``HELIX_MAX_RDF_BYTES``)."""
    from helixgraph.settings import read_settings

    return read_settings().max_rdf_bytes
