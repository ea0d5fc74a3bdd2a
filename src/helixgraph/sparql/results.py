"""Query results in the SPARQL 1.1 formats, and which one a client asked for.

SELECT rows are JSON, XML, CSV or TSV; an ASK answer JSON, XML, CSV or TSV; CONSTRUCT and
DESCRIBE triples Turtle, N-Triples, RDF/XML or JSON-LD. Rows are written here rather than by
Oxigraph's serialiser because an answer stops at a row limit, and Oxigraph serialises a whole
result or nothing.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from typing import Literal
from xml.sax.saxutils import escape as _escape
from xml.sax.saxutils import quoteattr

import pyoxigraph as ox

from helixgraph.formulas import spreadsheet_safe
from helixgraph.rdf.namespaces import PREFIXES, SPARQL_RESULTS, XSD

Kind = Literal["solutions", "boolean", "graph"]
ResultTerm = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

SPARQL_JSON = "application/sparql-results+json"
SPARQL_XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TURTLE = "text/turtle"
N_TRIPLES = "application/n-triples"
RDF_XML = "application/rdf+xml"
JSON_LD = "application/ld+json"

#: What each kind of result can be given as, the first being the default for ``*/*``.
OFFERED: dict[Kind, list[str]] = {
    "solutions": [SPARQL_JSON, SPARQL_XML, CSV, TSV, "application/json"],
    "boolean": [SPARQL_JSON, SPARQL_XML, CSV, TSV, "application/json"],
    "graph": [TURTLE, N_TRIPLES, RDF_XML, JSON_LD, "text/plain"],
}
_GRAPH_FORMATS = {
    TURTLE: ox.RdfFormat.TURTLE,
    N_TRIPLES: ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    RDF_XML: ox.RdfFormat.RDF_XML,
    JSON_LD: ox.RdfFormat.JSON_LD,
}
_XSD_STRING = XSD + "string"
_RESULTS_NS = SPARQL_RESULTS


def negotiate(accept: str | None, kind: Kind, format_: str | None = None) -> str | None:
    """The media type to answer a ``kind`` of result in, or None when nothing asked for is offered.

    ``format_`` (the ``format=`` parameter: ``json``, ``xml``, ``csv``, ``tsv``, ``turtle``,
    ``ntriples``, ``rdfxml``, ``jsonld`` or a media type) wins over the Accept header, whose
    q-values are honoured; no Accept header means the first offered type.

    >>> negotiate("application/n-triples;q=0.9, text/turtle", "graph")
    'text/turtle'
    >>> negotiate("text/*;q=0.5, text/csv", "solutions")
    'text/csv'
    >>> negotiate("image/png", "graph") is None
    True
    >>> negotiate(None, "solutions", "xml")
    'application/sparql-results+xml'
    """
    offered = OFFERED[kind]
    if format_:
        wanted = _FORMAT_NAMES.get(format_.lower(), format_.lower())
        return wanted if wanted in offered else None
    if not accept or not accept.strip():
        return offered[0]
    best, best_q = None, 0.0
    for media in offered:
        q = _quality(accept, media)
        if q > best_q:
            best, best_q = media, q
    return best


_FORMAT_NAMES = {
    "json": SPARQL_JSON,
    "xml": SPARQL_XML,
    "csv": CSV,
    "tsv": TSV,
    "turtle": TURTLE,
    "ttl": TURTLE,
    "ntriples": N_TRIPLES,
    "nt": N_TRIPLES,
    "rdfxml": RDF_XML,
    "jsonld": JSON_LD,
}


def _quality(accept: str, media: str) -> float:
    """The q-value the Accept header gives ``media``: its most specific matching range."""
    kind = media.split("/")[0]
    found: tuple[int, float] = (-1, 0.0)  # (specificity, q)
    for part in accept.split(","):
        pieces = [p.strip() for p in part.split(";")]
        pattern = pieces[0].lower()
        q = 1.0
        for param in pieces[1:]:
            if param.lower().startswith("q="):
                try:
                    q = max(0.0, min(1.0, float(param[2:])))
                except ValueError:
                    q = 0.0
        specificity = {media: 2, f"{kind}/*": 1, "*/*": 0}.get(pattern, -1)
        if specificity > found[0]:
            found = (specificity, q)
    return found[1]


def content_type(media: str) -> str:
    """The Content-Type header for a media type: text formats say their charset.

    >>> content_type("text/csv")
    'text/csv; charset=utf-8'
    """
    return f"{media}; charset=utf-8" if media.startswith("text/") else media


# -- SELECT ----------------------------------------------------------------------------------


def write_solutions(
    variables: Sequence[str],
    rows: Sequence[Sequence[ResultTerm | None]],
    media: str,
    *,
    formula_safe: bool = False,
) -> bytes:
    """SELECT rows (terms in ``variables`` order, None where unbound) in ``media``.

    With ``formula_safe``, a CSV cell a spreadsheet would run as a formula gets a leading ``'``
    (:func:`helixgraph.formulas.spreadsheet_safe`; numbers stay as they are): for the CSV
    people open, not SPARQL's own ``text/csv``, which tools read raw.

    >>> row = [ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))]
    >>> write_solutions(["n"], [row], CSV)
    b'n\\r\\n1\\r\\n'
    >>> write_solutions(["n"], [row], TSV)
    b'?n\\n1\\n'
    >>> cell = ox.Literal('=HYPERLINK("http://example.org","click")')
    >>> write_solutions(["n", "x"], [[row[0], cell]], CSV, formula_safe=True)
    b'n,x\\r\\n1,"\\'=HYPERLINK(""http://example.org"",""click"")"\\r\\n'
    """
    if media in (SPARQL_JSON, "application/json"):
        bindings = [
            {name: term_json(term) for name, term in zip(variables, row, strict=True) if term}
            for row in rows
        ]
        document = {"head": {"vars": list(variables)}, "results": {"bindings": bindings}}
        return json.dumps(document, ensure_ascii=False).encode()
    if media == SPARQL_XML:
        return _solutions_xml(variables, rows)
    if media == CSV:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(variables)
        for row in rows:
            cells = [_csv_value(term) for term in row]
            if formula_safe:
                cells = [
                    cell if _is_number(term) else str(spreadsheet_safe(cell))
                    for cell, term in zip(cells, row, strict=True)
                ]
            writer.writerow(cells)
        return out.getvalue().encode()
    if media == TSV:
        lines = ["\t".join(f"?{name}" for name in variables)]
        lines += ["\t".join(_tsv_value(term) for term in row) for row in rows]
        return ("\n".join(lines) + "\n").encode()
    raise ValueError(f"{media}: not a format for SELECT results")


def term_json(term: ResultTerm) -> dict[str, object]:
    """One RDF term in the SPARQL 1.1 JSON results format (called for every cell: kept lean)."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.Literal):
        language = term.language
        if language:
            return {"type": "literal", "value": term.value, "xml:lang": language}
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return {"type": "literal", "value": term.value}
        return {"type": "literal", "value": term.value, "datatype": datatype}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    return {
        "type": "triple",
        "value": {
            "subject": term_json(term.subject),
            "predicate": term_json(term.predicate),
            "object": term_json(term.object),
        },
    }


def _solutions_xml(variables: Sequence[str], rows: Sequence[Sequence[ResultTerm | None]]) -> bytes:
    out = [
        '<?xml version="1.0" encoding="utf-8"?>\n',
        f'<sparql xmlns="{_RESULTS_NS}">\n<head>',
        *(f"<variable name={quoteattr(name)}/>" for name in variables),
        "</head>\n<results>\n",
    ]
    for row in rows:
        out.append("<result>")
        for name, term in zip(variables, row, strict=True):
            if term is not None:
                out.append(f"<binding name={quoteattr(name)}>{_term_xml(term)}</binding>")
        out.append("</result>\n")
    out.append("</results>\n</sparql>\n")
    return "".join(out).encode()


# What XML 1.0 cannot carry at all (NUL and most C0 controls, lone surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def escape(text: str) -> str:
    """Text for an XML element: markup escaped, characters XML cannot hold as U+FFFD (the
    JSON, CSV and TSV results keep them)."""
    return _NOT_XML.sub("\ufffd", _escape(text))


def _term_xml(term: ResultTerm) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != _XSD_STRING:
            attr = quoteattr(term.datatype.value)
            return f"<literal datatype={attr}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return (
        f"<triple><subject>{_term_xml(term.subject)}</subject>"
        f"<predicate>{_term_xml(term.predicate)}</predicate>"
        f"<object>{_term_xml(term.object)}</object></triple>"
    )


_NUMBERS = frozenset(
    XSD + name for name in ("integer", "decimal", "double", "float", "int", "long", "short", "byte")
)


def _is_number(term: ResultTerm | None) -> bool:
    return isinstance(term, ox.Literal) and term.datatype.value in _NUMBERS


def _csv_value(term: ResultTerm | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return str(term)
    return term.value


def _tsv_value(term: ResultTerm | None) -> str:
    if term is None:
        return ""
    # N-Triples syntax, except that the TSV format lets plain numbers stand alone
    if isinstance(term, ox.Literal) and term.datatype.value in (
        XSD + "integer",
        XSD + "decimal",
        XSD + "double",
    ):
        try:
            float(term.value)
            return term.value
        except ValueError:
            pass
    return str(term).replace("\t", "\\t")


# -- ASK and CONSTRUCT -----------------------------------------------------------------------


def write_boolean(value: bool, media: str) -> bytes:
    """An ASK answer in ``media``.

    >>> write_boolean(True, SPARQL_JSON)
    b'{"head": {}, "boolean": true}'
    """
    if media in (SPARQL_JSON, "application/json"):
        return json.dumps({"head": {}, "boolean": value}).encode()
    if media == SPARQL_XML:
        return (
            f'<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="{_RESULTS_NS}"><head/>'
            f"<boolean>{str(value).lower()}</boolean></sparql>\n"
        ).encode()
    if media in (CSV, TSV):
        return b"true\n" if value else b"false\n"
    raise ValueError(f"{media}: not a format for ASK results")


def write_graph(triples: Sequence[ox.Triple], media: str) -> bytes:
    """CONSTRUCT or DESCRIBE triples in ``media``, with helixgraph's prefixes where the syntax
    has them.

    >>> t = ox.Triple(ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"),
    ...               ox.Literal("o"))
    >>> write_graph([t], N_TRIPLES)
    b'<http://example.org/s> <http://example.org/p> "o" .\\n'
    """
    rdf_format = _GRAPH_FORMATS[media]
    if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML):
        return ox.serialize(triples, format=rdf_format, prefixes=PREFIXES) or b""
    return ox.serialize(triples, format=rdf_format) or b""
