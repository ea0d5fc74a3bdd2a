"""CORDIS data -> N-Triples: organisations by PIC with their names as people write them, projects
with their programme parts, sectors and dates, memberships with their role and contribution."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from helixgraph.importers.cordis_data import (
    CordisData,
    Organisation,
    OrganisationName,
    Participation,
    Project,
)
from helixgraph.importers.legible import legible_name
from helixgraph.rdf.gazetteer import county_by_city
from helixgraph.rdf.namespaces import (
    DCTERMS,
    ID_BASE,
    NUTS,
    ORG,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    TIME,
    XSD,
)
from helixgraph.rdf.vocab import HX

ID = ID_BASE
RDF_TYPE = f"<{RDF}type>"
CORDIS_SOURCE = "CORDIS, European Union"
#: a project's page on CORDIS, by record number (linked, never fetched)
CORDIS_PAGE = "https://cordis.europa.eu/project/rcn/{rcn}"


def literal(text: str) -> str:
    """An N-Triples string literal.

    >>> literal('Univ. "Alpha"\\nBudapest')
    '"Univ. \\\\"Alpha\\\\"\\\\nBudapest"'
    """
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )
    return f'"{escaped}"'


def typed(value: object, datatype: str) -> str:
    return f'"{value}"^^<{XSD}{datatype}>'


def actor_iri(pic: str) -> str:
    return f"<{ID}actor/pic-{pic}>"


def project_iri(rcn: str, fragment: str = "") -> str:
    return f"<{ID}project/rcn-{rcn}{fragment}>"


def ntriples(
    data: CordisData, helix_map: Mapping[str, str], sector_map: Mapping[str, str]
) -> Iterator[bytes]:
    """The participations as N-Triples lines (bytes): organisations, projects, memberships.

    ``sector_map`` gives the sector of each programme part (local names, as
    :func:`ontology_sector_map` reads them)."""
    for org in data.organisations.values():
        yield from _lines(_organisation(org, helix_map, named=org.pic in data.names))
    for project in data.projects.values():
        yield from _lines(_project(project, sector_map))
    periods = {rcn for rcn, p in data.projects.items() if p.start or p.end}
    for part in data.participations.values():
        yield from _lines(_membership(part, part.rcn in periods))


def _lines(triples: Iterable[tuple[str, str, str]]) -> Iterator[bytes]:
    for s, p, o in triples:
        yield f"{s} {p} {o} .\n".encode()


def names_ntriples(data: CordisData, graph: str) -> Iterator[bytes]:
    """The names file's rows as N-Triples lines (bytes), for a graph of their own."""
    about = f"<{graph}>"
    yield from _lines(
        [
            (about, f"<{DCTERMS}title>", literal("Names of CORDIS organisations, by PIC")),
            (about, f"<{DCTERMS}source>", literal(CORDIS_SOURCE)),
        ]
    )
    for name in data.names.values():
        org = data.organisations.get(name.pic)
        yield from _lines(_name(name, org.country if org else name.country))


def _name(name: OrganisationName, country: str | None) -> Iterator[tuple[str, str, str]]:
    a = actor_iri(name.pic)
    yield from _labels(a, name.name, country)
    if name.short_name and name.short_name != name.name:
        yield a, f"<{SKOS}altLabel>", literal(name.short_name)
    # no hx:pic: the participations' graph states it, and a second copy would double every
    # answer of a query that joins on it (the default graph is the union of the graphs)
    yield from _whereabouts(a, name, country)
    copy = f" (copy: {name.source})" if name.source else ""
    yield a, f"<{DCTERMS}source>", literal(CORDIS_SOURCE + copy)


def _whereabouts(
    actor: str, org: Organisation | OrganisationName, country: str | None
) -> Iterator[tuple[str, str, str]]:
    """An organisation's NUTS region, SME flag and city, where known; a Hungarian one's county
    by its city where no stated code names it (recorded apart: ``hx:regionByCity``)."""
    nuts, sme, city = org.where.nuts, org.where.sme, org.where.city
    if nuts:
        yield actor, f"<{HX.region}>", f"<{NUTS}{nuts}>"
    county = county_by_city(nuts, city, country)
    if county:
        yield actor, f"<{HX.regionByCity}>", f"<{NUTS}{county}>"
    if sme is not None:
        yield actor, f"<{HX.sme}>", typed(str(sme).lower(), "boolean")
    if city:
        yield actor, f"<{SCHEMA}addressLocality>", literal(city)


def _organisation(
    org: Organisation, helix_map: Mapping[str, str], *, named: bool = False
) -> Iterator[tuple[str, str, str]]:
    """An organisation's triples; ``named``: the names file labels it, so no PIC label here."""
    a = actor_iri(org.pic)
    yield a, RDF_TYPE, f"<{ORG}FormalOrganization>"
    if org.name:
        yield from _labels(a, org.name, org.country)
    elif not named:
        yield a, f"<{SKOS}prefLabel>", literal(f"PIC {org.pic}")
    if org.short_name:
        yield a, f"<{SKOS}altLabel>", literal(org.short_name)
    yield a, f"<{ORG}classification>", f"<{HX.term(helix_map[org.activity])}>"
    yield a, f"<{HX.activityType}>", f"<{HX.NS}activity{org.activity}>"
    yield a, f"<{HX.pic}>", literal(org.pic)
    if org.country:
        yield a, f"<{HX.country}>", literal(org.country)
    yield from _whereabouts(a, org, org.country)
    if org.url:
        yield a, f"<{SCHEMA}url>", f"<{org.url}>"


def _labels(actor: str, name: str, country: str | None) -> Iterator[tuple[str, str, str]]:
    """The name as people write it (:func:`legible_name`) and, where that differs, as CORDIS
    wrote it: kept and searchable."""
    readable = legible_name(name, country)
    yield actor, f"<{SKOS}prefLabel>", literal(readable)
    if readable != name:
        yield actor, f"<{SKOS}altLabel>", literal(name)


def _unnamed_project(project: Project) -> str:
    """A project no file names, by what is known: ``H2020 project 224978 · SC1 · 2016-2019``."""
    parts = ", ".join(sorted(part.removeprefix("part") for part in project.parts))
    years = "-".join(dict.fromkeys(str(d.year) for d in (project.start, project.end) if d))
    return " · ".join(text for text in (f"H2020 project {project.rcn}", parts, years) if text)


def _project(project: Project, sector_map: Mapping[str, str]) -> Iterator[tuple[str, str, str]]:
    p = project_iri(project.rcn)
    yield p, RDF_TYPE, f"<{HX.Project}>"
    yield p, f"<{SKOS}prefLabel>", literal(project.acronym or _unnamed_project(project))
    if project.title:
        yield p, f"<{DCTERMS}title>", literal(project.title)
    yield p, f"<{HX.rcn}>", literal(project.rcn)
    yield p, f"<{RDFS}seeAlso>", f"<{CORDIS_PAGE.format(rcn=project.rcn)}>"
    if project.grant:
        yield p, f"<{SCHEMA}identifier>", literal(project.grant)
    for part in sorted(project.parts):
        yield p, f"<{HX.programmePart}>", f"<{HX.term(part)}>"
    for sector in sorted({sector_map[part] for part in project.parts if part in sector_map}):
        yield p, f"<{HX.sector}>", f"<{HX.term(sector)}>"
    if project.total_cost is not None:
        yield p, f"<{HX.totalCost}>", typed(project.total_cost, "decimal")
    if project.max_contribution is not None:
        yield p, f"<{HX.maxContribution}>", typed(project.max_contribution, "decimal")
    if project.start or project.end:
        period = project_iri(project.rcn, "#period")
        yield period, RDF_TYPE, f"<{TIME}Interval>"
        for day, edge, fragment, prop in (
            (project.start, "hasBeginning", "#start", "startDate"),
            (project.end, "hasEnd", "#end", "endDate"),
        ):
            if day is None:
                continue
            instant = project_iri(project.rcn, fragment)
            yield p, f"<{SCHEMA}{prop}>", typed(day.isoformat(), "date")
            yield period, f"<{TIME}{edge}>", instant
            yield instant, RDF_TYPE, f"<{TIME}Instant>"
            yield instant, f"<{TIME}inXSDDate>", typed(day.isoformat(), "date")


def _membership(part: Participation, dated: bool) -> Iterator[tuple[str, str, str]]:
    m = f"<{ID}membership/rcn-{part.rcn}-pic-{part.pic}>"
    yield m, RDF_TYPE, f"<{ORG}Membership>"
    yield m, f"<{ORG}member>", actor_iri(part.pic)
    yield m, f"<{ORG}organization>", project_iri(part.rcn)
    yield m, f"<{ORG}role>", f"<{HX.term(part.role)}>"
    if dated:
        yield m, f"<{ORG}memberDuring>", project_iri(part.rcn, "#period")
    if part.contribution is not None:
        yield m, f"<{HX.euContribution}>", typed(part.contribution, "decimal")


# -- the helix mapping -------------------------------------------------------------------------
