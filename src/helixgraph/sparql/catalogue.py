"""The catalogue of named queries: ``api/queries/*.rq``, each with a title, a description and
typed parameters.

A query file opens with comment lines::

    # title: Actors of a helix
    # title@hu: Egy spirál szereplői
    # description: Every actor classified in the given helix ...
    # param: helix helix = community : the helix to list

A parameter (``# param: NAME TYPE [= DEFAULT] : DESCRIPTION``) is a variable of the query that the
caller fixes. Its value is checked against its type and bound as an RDF term by SPARQL
substitution, never pasted into the text, so no value can change what the query does. Types:
``helix`` (one of the four helices), ``iri`` (an absolute http(s) IRI), ``string``, ``integer``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from helixgraph.errors import InputError
from helixgraph.helices import HELICES
from helixgraph.rdf import resources
from helixgraph.rdf.vocab import HX

TYPES = ("helix", "iri", "string", "integer")
_PARAM = re.compile(r"(\w+)\s+(\w+)(?:\s*=\s*(\S+))?\s*(?::\s*(.*))?$")


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    default: str | None
    description: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    sparql: str
    #: the title and description in Hungarian (``# title@hu:``), where the file gives them
    title_hu: str | None = None
    description_hu: str | None = None

    @property
    def body(self) -> str:
        """The query without its header of comment lines: what the editor is given (the page
        shows the title and description in its own language).

        >>> parse("x", "# title: X\\nSELECT ?n {}").body
        'SELECT ?n {}'
        """
        lines = self.sparql.splitlines()
        start = next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))
        return "\n".join(lines[start:])

    def title_in(self, lang: str) -> str:
        return (self.title_hu if lang == "hu" else None) or self.title

    def description_in(self, lang: str) -> str:
        return (self.description_hu if lang == "hu" else None) or self.description


@cache
def named_queries() -> tuple[NamedQuery, ...]:
    """Every query of the catalogue, by name.

    >>> [q.name for q in named_queries()][:2]
    ['actors-by-helix', 'actors-by-name']
    """
    folder = resources.content_root() / "api" / "queries"
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".rq")), key=lambda f: f.name)
    return tuple(parse(f.name.removesuffix(".rq"), f.read_text(encoding="utf-8")) for f in files)


def named_query(name: str) -> NamedQuery | None:
    """The query called ``name``, or None."""
    return next((q for q in named_queries() if q.name == name), None)


def parse(name: str, text: str) -> NamedQuery:
    """Read a query file's header.

    >>> q = parse("x", "# title: X\\n# param: n integer = 3 : how many\\nSELECT ?n {}")
    >>> q.title, q.parameters[0]
    ('X', Parameter(name='n', type='integer', default='3', description='how many'))
    """
    header: dict[str, str] = {}
    parameters = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, _, value = line[1:].partition(":")
        key, value = key.strip(), value.strip()
        if key == "param":
            match = _PARAM.match(value)
            if not match or match[2] not in TYPES:
                raise InputError(f"{name}.rq: bad parameter line {line!r}")
            parameters.append(Parameter(match[1], match[2], match[3], match[4] or ""))
        else:
            header[key] = value
    return NamedQuery(
        name=name,
        title=header.get("title", name),
        description=header.get("description", ""),
        parameters=tuple(parameters),
        sparql=text,
        title_hu=header.get("title@hu"),
        description_hu=header.get("description@hu"),
    )


def bind(query: NamedQuery, values: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """The substitutions for ``values`` (defaults where missing), each checked against its type.

    Raises :class:`InputError` naming the parameter for a missing or malformed value.

    >>> bind(named_query("actors-by-helix"), {"helix": "business"})
    {'helix': ('iri', 'https://w3id.org/helixgraph/ns#business')}
    """
    bound: dict[str, tuple[str, ...]] = {}
    for parameter in query.parameters:
        value = values.get(parameter.name, parameter.default)
        if value is None:
            raise InputError(f"{parameter.name}: required ({parameter.description})")
        bound[parameter.name] = _term(parameter, value)
    return bound


def _valid_iri(value: str) -> bool:
    import pyoxigraph as ox

    try:
        ox.NamedNode(value)
    except ValueError:
        return False
    return True


def _term(parameter: Parameter, value: str) -> tuple[str, ...]:
    name = parameter.name
    if parameter.type == "helix":
        if value not in HELICES:
            raise InputError(f"{name}={value!r}: one of {', '.join(HELICES)}")
        return ("iri", HX.term(value))
    if parameter.type == "iri":
        if not re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", value) or not _valid_iri(value):
            raise InputError(f"{name}={value!r}: an absolute http(s) IRI")
        return ("iri", value)
    if parameter.type == "integer":
        if not re.fullmatch(r"[+-]?\d{1,18}", value):
            raise InputError(f"{name}={value!r}: an integer")
        return ("literal", value, "http://www.w3.org/2001/XMLSchema#integer", "")
    if len(value) > 1000:
        raise InputError(f"{name}: at most 1,000 characters")
    return ("literal", value, "", "")
