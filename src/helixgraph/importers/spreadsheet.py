"""The spreadsheet template -> RDF: for ecosystem managers who keep their ecosystem in a
spreadsheet. Four CSV files, recognised by name (templates in ``data/templates/``):

``actors.csv``       id, name, helix, country (and optionally region, sector, website, pic)
``memberships.csv``  actor, collaboration, role, start, end (and optionally kind)
``ties.csv``         source, relation, target, weight, since
``services.csv``     provider, service type, audience

``helix`` may list several helices separated by ``;`` (the first is the primary one). Actors are
referred to by their ``id`` in the other files, or by the IRI of an actor the store already
holds. A collaboration is named in ``memberships.csv``; ``kind`` says cluster (the default),
project or initiative. An actor with a ``pic`` (its EU Participant Identification Code; see
``helixgraph link``) is the same node as its CORDIS record. Every cell is checked; problems read
``file:line: column: what``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Unpack

from helixgraph.countries import country_code
from helixgraph.errors import InputError, Problem, RowsError
from helixgraph.helices import HELICES
from helixgraph.importers.cordis_rdf import literal, typed
from helixgraph.importers.cordis_reading import Say
from helixgraph.importers.csv_text import Rejected, write_rejects
from helixgraph.importers.jobs import CheckedImport, ImportJob, RowChecks
from helixgraph.importers.tables import Table, tables, template_files
from helixgraph.rdf.namespaces import ID_BASE, NUTS, ORG, RDF, SCHEMA, SKOS, TIME
from helixgraph.rdf.vocab import HX

if TYPE_CHECKING:
    from helixgraph.store import KnowledgeGraph

ID = ID_BASE

FILES = {
    "actors.csv": ("id", "name", "helix", "country", "region", "sector", "website"),
    "memberships.csv": ("actor", "collaboration", "role", "start", "end"),
    "ties.csv": ("source", "relation", "target", "weight", "since"),
    "services.csv": ("provider", "service type", "audience"),
}
#: columns a table may leave out (read as empty)
OPTIONAL = {"actors.csv": {"region", "sector", "website"}}
KINDS = {"cluster": "Cluster", "project": "Project", "initiative": "Initiative"}


def slug(text: str) -> str:
    """A readable IRI segment.

    >>> slug("Széchenyi István Egyetem")
    'szechenyi-istvan-egyetem'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


@dataclass
class Vocabulary:
    """What the ontology allows in the template's cells, read from the store."""

    relations: dict[str, str]  # local name -> IRI, every tie property under org:linkedTo
    roles: dict[str, str]  # local name or English label -> IRI
    services: dict[str, str]
    sectors: dict[str, str]  # NACE notation or local name -> IRI

    @classmethod
    def of(cls, kg: KnowledgeGraph) -> Vocabulary:
        def concepts(scheme: str) -> dict[str, str]:
            found: dict[str, str] = {}
            for row in kg.select(
                f"SELECT ?c ?key WHERE {{ ?c skos:inScheme hx:{scheme} . "
                "{ ?c skos:prefLabel ?key FILTER(LANGMATCHES(LANG(?key), 'en')) } "
                "UNION { ?c skos:notation ?key } }"
            ):
                local = row["c"].rsplit("#", 1)[-1].lower()
                found[row["key"].lower()] = row["c"]
                found[local] = row["c"]
                # a sector by the short name scopes use: health for hx:sectorHealth
                found.setdefault(local.removeprefix("sector"), row["c"])
            return found

        relations = {
            row["p"].rsplit("#", 1)[-1]: row["p"]
            for row in kg.select(
                "SELECT ?p WHERE { ?p rdfs:subPropertyOf+ org:linkedTo FILTER(?p != hx:linkedTo) }"
            )
        }
        return cls(
            relations, concepts("MembershipRole"), concepts("ServiceType"), concepts("Sector")
        )


@dataclass
class Known:
    """What a row may refer to: the ontology's terms, and actors by id (or by IRI)."""

    vocabulary: Vocabulary
    actors: dict[str, str]


@dataclass
class Sheet:
    triples: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows_read: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    #: what the members say of a cluster the sheet names without its country or sector
    countries: dict[str, str] = field(default_factory=dict)
    sectors: dict[str, list[str]] = field(default_factory=dict)
    members: dict[str, list[str]] = field(default_factory=dict)


def read_spreadsheet(paths: list[Path], vocabulary: Vocabulary, known: set[str]) -> Sheet:
    """Check the template's tables (CSV files, or sheets of .xlsx workbooks) and turn their rows
    into N-Triples lines (strings)."""
    by_name = tables(paths, FILES)
    sheet = Sheet()
    actors = Known(vocabulary, {})
    if "actors.csv" in by_name:
        for line, row, say in _rows(sheet, by_name["actors.csv"]):
            _actor(sheet, row, say, line, actors)
    resolvable = Known(vocabulary, {**actors.actors, **{iri: f"<{iri}>" for iri in known}})
    for name, handle in (
        ("memberships.csv", _membership),
        ("ties.csv", _tie),
        ("services.csv", _service),
    ):
        if name in by_name:
            for line, row, say in _rows(sheet, by_name[name]):
                handle(sheet, row, say, line, resolvable)
    _where_clusters_work(sheet)
    return sheet


def _where_clusters_work(sheet: Sheet) -> None:
    """A collaboration's country and sectors, taken from its members where the sheet gives
    them: the country most of them are in, every sector one of them works in. So that a
    manager's cluster shows under ``country=HU`` and ``sector=health``."""
    for collaboration, members in sheet.members.items():
        countries = Counter(sheet.countries[m] for m in members if m in sheet.countries)
        if countries:
            country = countries.most_common(1)[0][0]
            sheet.triples.append(f"{collaboration} <{HX.country}> {literal(country)} .")
        for sector in sorted({s for m in members for s in sheet.sectors.get(m, [])}):
            sheet.triples.append(f"{collaboration} <{HX.sector}> <{sector}> .")


def _rows(sheet: Sheet, table: Table) -> Iterator[tuple[int, dict[str, str], Say]]:
    with table.rows() as (header, rows):
        optional = OPTIONAL.get(table.name, set())
        missing = [c for c in FILES[table.name] if c not in header and c not in optional]
        if missing:
            hint = ""
            if len(header) == 1 and ";" in header[0]:
                hint = " (the file is separated by semicolons: save it with commas)"
            raise InputError(
                f"{table.where}:1: header: missing column(s) {', '.join(missing)}{hint}"
            )
        for line, row in rows:
            row = {**dict.fromkeys(optional, ""), **row}
            sheet.rows_read += 1
            before = len(sheet.problems)

            def say(column: str, message: str, line: int = line) -> None:
                sheet.problems.append(Problem(table.where, line, column, message))

            start = len(sheet.triples)
            yield line, row, say
            if len(sheet.problems) > before:
                del sheet.triples[start:]  # a row with a problem contributes nothing
                problems = sheet.problems[before:]
                sheet.rejected.append(Rejected(table.where, line, dict(row), problems))


def _actor(sheet: Sheet, row: dict[str, str], say: Say, line: int, known: Known) -> None:
    vocabulary, actors = known.vocabulary, known.actors
    identifier, name = row["id"], row["name"]
    if not identifier:
        say("id", "missing; every actor needs an id")
        return
    if identifier in actors:
        say("id", f"{identifier!r} is given twice")
        return
    pic = row.get("pic", "")
    if pic and not re.fullmatch(r"[0-9]{9}", pic):
        say("pic", f"{pic!r} is not a PIC (nine digits)")
        return
    # an EU organisation is one actor with its CORDIS record: the IRI the CORDIS importer gives
    iri = f"<{ID}actor/pic-{pic}>" if pic else f"<{ID}actor/{slug(identifier)}>"
    same = next((other for other, known in actors.items() if known == iri), None)
    if same is not None:
        say("id", f"{identifier!r} and {same!r} make the same identifier; make them differ")
        return
    before = len(sheet.problems)
    if not name:
        say("name", "missing; every actor needs a name")
    helices = [h.strip().lower() for h in row["helix"].split(";") if h.strip()]
    wrong = [h for h in helices if h not in HELICES]
    if not helices or wrong:
        say("helix", f"{row['helix']!r}: give one or more of {', '.join(HELICES)} (separated by ;)")
    add = sheet.triples.append
    add(f"{iri} <{RDF}type> <{ORG}FormalOrganization> .")
    add(f"{iri} <{SKOS}prefLabel> {literal(name)} .")
    if pic:
        add(f"{iri} <{HX.pic}> {literal(pic)} .")
    for helix in helices:
        if helix in HELICES:
            add(f"{iri} <{ORG}classification> <{HX.term(helix)}> .")
    if len(helices) > 1 and helices[0] in HELICES:
        add(f"{iri} <{HX.primaryHelix}> <{HX.term(helices[0])}> .")
    country = row["country"].upper()
    if country:
        code = country_code(country)
        if code is not None:
            add(f"{iri} <{HX.country}> {literal(code)} .")
            sheet.countries[iri] = code
        else:
            say("country", f"{row['country']!r} is no country (HU, Hungary or Magyarország)")
    region = row["region"].upper()
    if region:
        if re.fullmatch(r"[A-Z]{2}[A-Z0-9]{0,3}", region):
            add(f"{iri} <{HX.region}> <{NUTS}{region}> .")
        else:
            say("region", f"{row['region']!r} is not a NUTS code such as HU110")
    if row["sector"]:
        sector = vocabulary.sectors.get(row["sector"].strip().lower())
        if sector is not None:
            sheet.sectors.setdefault(iri, []).append(sector)
        if sector is None:
            say(
                "sector",
                f"unknown sector {row['sector']!r} (a short name such as health, or its NACE code "
                "such as Q86)",
            )
        else:
            add(f"{iri} <{HX.sector}> <{sector}> .")
    if row["website"]:
        if re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", row["website"]):
            add(f"{iri} <{SCHEMA}url> <{row['website']}> .")
        else:
            say("website", f"{row['website']!r} is not a web address (http:// or https://)")
    # only a valid actor can be referred to; an invalid one is remembered as "" to say why
    actors[identifier] = iri if len(sheet.problems) == before else ""


def _resolve(value: str, column: str, say: Say, actors: dict[str, str]) -> str | None:
    if not value:
        say(column, "missing")
        return None
    iri = actors.get(value)
    if iri == "":
        say(column, f"{value!r}: its row in actors.csv is invalid (see the problems listed there)")
        return None
    if iri is None:
        say(column, f"{value!r} is no actor of actors.csv nor of the store")
    return iri


def _membership(sheet: Sheet, row: dict[str, str], say: Say, line: int, known: Known) -> None:
    vocabulary, actors = known.vocabulary, known.actors
    actor = _resolve(row["actor"], "actor", say, actors)
    name = row["collaboration"]
    if not name:
        say("collaboration", "missing")
    kind = KINDS.get((row.get("kind") or "cluster").lower())
    if kind is None:
        say("kind", f"{row.get('kind')!r}: one of {', '.join(KINDS)}")
    role = vocabulary.roles.get(row["role"].lower()) if row["role"] else None
    if row["role"] and role is None:
        say("role", f"unknown role {row['role']!r} (hx:MembershipRole: clusterMember, partner, …)")
    start, end = _day(row["start"], "start", say), _day(row["end"], "end", say)
    if start and end and end < start:
        say("end", f"{end} is before the start {start}")
    if actor is None or not name or kind is None:
        return
    collaboration = f"<{ID}{kind.lower()}/{slug(name)}>"
    membership = f"<{ID}membership/{slug(name)}-{line}>"
    add = sheet.triples.append
    sheet.members.setdefault(collaboration, []).append(actor)
    add(f"{collaboration} <{RDF}type> <{HX.term(kind)}> .")
    add(f"{collaboration} <{SKOS}prefLabel> {literal(name)} .")
    add(f"{membership} <{RDF}type> <{ORG}Membership> .")
    add(f"{membership} <{ORG}member> {actor} .")
    add(f"{membership} <{ORG}organization> {collaboration} .")
    if role:
        add(f"{membership} <{ORG}role> <{role}> .")
    if start or end:
        period = f"<{ID}membership/{slug(name)}-{line}#period>"
        add(f"{membership} <{ORG}memberDuring> {period} .")
        add(f"{period} <{RDF}type> <{TIME}Interval> .")
        for day, edge, fragment in ((start, "hasBeginning", "start"), (end, "hasEnd", "end")):
            if day:
                instant = f"<{ID}membership/{slug(name)}-{line}#{fragment}>"
                add(f"{period} <{TIME}{edge}> {instant} .")
                add(f"{instant} <{RDF}type> <{TIME}Instant> .")
                add(f"{instant} <{TIME}inXSDDate> {typed(day.isoformat(), 'date')} .")


def _tie(sheet: Sheet, row: dict[str, str], say: Say, line: int, known: Known) -> None:
    vocabulary, actors = known.vocabulary, known.actors
    source = _resolve(row["source"], "source", say, actors)
    target = _resolve(row["target"], "target", say, actors)
    relation = vocabulary.relations.get(row["relation"])
    if relation is None:
        names = ", ".join(sorted(vocabulary.relations))
        say("relation", f"unknown relation {row['relation']!r} (known: {names})")
    weight = None
    if row["weight"]:
        try:
            weight = float(row["weight"])
        except ValueError:
            weight = None
        if weight is None or not math.isfinite(weight) or weight < 0:
            say("weight", f"{row['weight']!r} is not a number of zero or more")
            weight = None
    since = row["since"]
    if since and not re.fullmatch(r"\d{4}", since):
        say("since", f"{since!r} is not a year")
    if source is None or target is None or relation is None:
        return
    add = sheet.triples.append
    add(f"{source} <{relation}> {target} .")
    if weight is not None or since:
        statement = f"<{ID}tie/{_tail(source)}-{_tail(relation)}-{_tail(target)}>"
        add(f"{statement} <{RDF}type> <{RDF}Statement> .")
        add(f"{statement} <{RDF}subject> {source} .")
        add(f"{statement} <{RDF}predicate> <{relation}> .")
        add(f"{statement} <{RDF}object> {target} .")
        if weight is not None:
            add(f"{statement} <{HX.weight}> {typed(weight, 'decimal')} .")
        if since:
            add(f"{statement} <{HX.since}> {typed(since, 'gYear')} .")


def _service(sheet: Sheet, row: dict[str, str], say: Say, line: int, known: Known) -> None:
    vocabulary, actors = known.vocabulary, known.actors
    provider = _resolve(row["provider"], "provider", say, actors)
    service_type = vocabulary.services.get(row["service type"].lower())
    if service_type is None:
        say("service type", f"unknown service type {row['service type']!r} (hx:ServiceType)")
    audience = [a.strip().lower() for a in row["audience"].split(";") if a.strip()]
    wrong = [a for a in audience if a not in HELICES]
    if wrong:
        say("audience", f"{', '.join(wrong)}: the audience is one or more helices")
    if provider is None or service_type is None or wrong:
        return
    service = f"<{ID}service/{_tail(provider)}-{_tail(service_type)}>"
    add = sheet.triples.append
    add(f"{service} <{RDF}type> <{SCHEMA}Service> .")
    add(f"{service} <{SCHEMA}provider> {provider} .")
    add(f"{service} <{SCHEMA}serviceType> <{service_type}> .")
    for helix in audience:
        add(f"{service} <{SCHEMA}audience> <{HX.term(helix)}> .")


def _tail(iri: str) -> str:
    """A readable IRI segment from the end of an IRI (with or without its angle brackets)."""
    return slug(re.split(r"[/#]", iri.strip("<>"))[-1])


def _day(value: str, column: str, say: Say) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value if len(value) > 4 else f"{value}-01-01")
    except ValueError:
        say(column, f"{value!r} is not a date (YYYY-MM-DD or YYYY)")
        return None


class SpreadsheetImport(NamedTuple):
    """What an import of the templates did."""

    graph: str
    rows_written: int
    rows_rejected: int
    rejects_file: Path | None
    triples: int


def import_spreadsheet(
    kg: KnowledgeGraph, paths: list[Path], **checks: Unpack[RowChecks]
) -> SpreadsheetImport:
    """Check the template's files (:func:`check_spreadsheet`) and write them into one graph,
    named after their folder. All or nothing."""
    checked = check_spreadsheet(kg, paths, **checks)
    (loaded,) = kg.write(list(checked.writes))
    return SpreadsheetImport(
        loaded.graph,
        checked.rows_written or 0,
        checked.rows_rejected,
        checked.rejects_file,
        loaded.triples,
    )


def check_spreadsheet(
    kg: KnowledgeGraph,
    paths: list[Path],
    *,
    skip_invalid: bool = False,
    rejects: Path | None = None,
) -> CheckedImport:
    """Read and check the template's files and prepare their graph; nothing is written to the
    store. With a problem, raises :class:`RowsError` listing every one, unless ``skip_invalid``:
    then the valid rows are kept and the others listed, with what was wrong, in ``rejects`` (by
    default ``FOLDER.rejects.csv`` beside the files' folder).
    """
    import hashlib

    import pyoxigraph as ox

    from helixgraph.rdf.namespaces import GRAPH_BASE
    from helixgraph.store import GraphWrite

    paths = template_files(paths, FILES)  # a folder: the template's files in it
    known = {row["a"] for row in kg.select("SELECT DISTINCT ?a WHERE { ?a org:classification ?h }")}
    sheet = read_spreadsheet(paths, Vocabulary.of(kg), known)
    if sheet.problems and not skip_invalid:
        raise RowsError(sheet.problems, len(sheet.rejected))
    if sheet.rows_read == 0:
        names = ", ".join(str(p) for p in paths)
        raise InputError(f"{names}: no rows below the header(s); nothing was written")
    text = "\n".join(dict.fromkeys(sheet.triples)).encode()
    triples = [quad.triple for quad in ox.parse(text, format=ox.RdfFormat.N_TRIPLES)]
    folder = paths[0].resolve().parent.name
    kg.validate(f"{folder}/ (the template's rows)", triples)
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in sorted(paths))).hexdigest()
    rejected = len(sheet.rejected)
    write = GraphWrite(
        GRAPH_BASE + "spreadsheet-" + slug(folder),
        " ".join(p.name for p in paths),
        digest,
        triples,
        importer="helixgraph spreadsheet importer 1",
        rows={
            "rowsRead": sheet.rows_read,
            "rowsWritten": sheet.rows_read - rejected,
            "rowsRejected": rejected,
        },
    )
    rejects_file = None
    if sheet.rejected:
        # beside the folder, not in it: a later `import spreadsheet FOLDER/*.csv` takes it not
        folder_path = paths[0].resolve().parent
        rejects_file = rejects or folder_path.with_name(folder_path.name + ".rejects.csv")
        write_rejects(rejects_file, sheet.rejected)
    written = sheet.rows_read - rejected
    return CheckedImport(
        writes=(write,),
        summary=f"{written} rows",
        rows_read=sheet.rows_read,
        rows_written=written,
        rows_rejected=rejected,
        rejects_file=rejects_file,
    )


class SpreadsheetImporter:
    """The spreadsheet templates as an importer (:mod:`helixgraph.importers.registry`)."""

    name = "spreadsheet"
    description = (
        "actors.csv, memberships.csv, ties.csv, services.csv as in data/templates/, or an .xlsx "
        "workbook with sheets named actors, memberships, ties, services."
    )

    def recognises(self, paths: Sequence[Path]) -> bool:
        tables = {name.removesuffix(".csv") for name in FILES}

        def is_table(path: Path) -> bool:
            name = path.name.lower()
            return name in FILES or (name.endswith(".xlsx") and path.stem.lower() in tables)

        return bool(paths) and all(map(is_table, paths))

    def check(self, job: ImportJob) -> CheckedImport:
        options = job.options
        return check_spreadsheet(
            job.kg, list(job.paths), skip_invalid=options.skip_invalid, rejects=options.rejects
        )
