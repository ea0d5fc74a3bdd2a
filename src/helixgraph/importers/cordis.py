"""CORDIS participations -> RDF: organisations by PIC, projects, and memberships with their role,
dates and EU contribution.

Reads, in any mix, recognised by their header:

- the compact participations file (``h2020.csv.gz``: ``rcn,role,pic,type,contribution,…``);
- the official CORDIS ``organization.csv`` (semicolon-separated: ``projectID;projectAcronym;…``),
  which adds names, short names, cities, NUTS regions, web sites and the SME flag;
- ``programme_parts.csv`` (``rcn,programme_part``): the part of Horizon 2020 funding each project;
- the organisation names file (``organisations.csv.gz``: ``pic,name,short_name,city,…``): names,
  short names, cities, NUTS regions and SME flags by PIC, from public copies of CORDIS.

Names go into a graph of their own (named after the names file), with where each row came from;
beside participation files they name only the organisations those files hold, and the
participations' graph then labels by PIC only those the names file does not name. Programme parts
give each project its sectors (``hx:sector``) by the ontology's mapping (``skos:broadMatch`` in
``hx:ProgrammePart``), and every project links to its CORDIS page by record number.

Every row is checked; ``NA`` or an empty cell is a missing value, not an error. Problems are
reported as ``file:line: column: what is wrong``. The activity type -> helix mapping comes from the
ontology (``skos:broadMatch`` in ``hx:ActivityType``) unless the caller gives another.
Names are written as people write them (:mod:`helixgraph.importers.legible`), CORDIS's spelling
kept beside; the project names file (``rcn,acronym,title,…``) names projects. What is read is
held in :mod:`~helixgraph.importers.cordis_data` and written by
:mod:`~helixgraph.importers.cordis_rdf`.
"""

from __future__ import annotations

import csv
import re
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING

from helixgraph.errors import InputError, Problem, RowsError
from helixgraph.helices import HELICES
from helixgraph.importers.bounded import open_text
from helixgraph.importers.cordis_data import (
    CordisData,
    Organisation,
    OrganisationName,
    Participation,
    Project,
)
from helixgraph.importers.cordis_rdf import names_ntriples, ntriples
from helixgraph.importers.csv_text import Rejected, check_header, read_errors, write_rejects
from helixgraph.importers.jobs import CheckedImport, ImportJob
from helixgraph.rdf.namespaces import COUNTRY_ALIASES

if TYPE_CHECKING:
    from helixgraph.store import KnowledgeGraph

VERSION = "1"

ROLES = {
    "coordinator": "coordinator",
    "participant": "participant",
    "partner": "partner",
    "thirdparty": "thirdParty",
    "associatedpartner": "associatedPartner",
    "internationalpartner": "internationalPartner",
}
#: CORDIS writes the United Kingdom and Greece by their EU codes; ISO 3166 says GB and GR.
PROGRAMME_PARTS = {
    "ERC": "partERC", "FET": "partFET", "MSCA": "partMSCA", "RI": "partRI", "LEIT": "partLEIT",
    "ARF": "partARF", "Innovation in SMEs": "partSMEs", "SC1": "partSC1", "SC2": "partSC2",
    "SC3": "partSC3", "SC4": "partSC4", "SC5": "partSC5", "SC6": "partSC6", "SC7": "partSC7",
    "SEWP": "partSEWP", "SWAFS": "partSWAFS", "JRC": "partJRC", "EIT": "partEIT",
    "Euratom": "partEuratom",
}  # fmt: skip
MISSING = {"", "NA"}
PIC = re.compile(r"^[0-9]{9}$")  # ASCII: \d takes Arabic-Indic and full-width digits too
RCN = re.compile(r"^[0-9]{1,12}$")
COUNTRY = re.compile(r"^[A-Z]{2}$")
NUTS_CODE = re.compile(r"^[A-Z]{2}[A-Z0-9]{0,3}$")

COMPACT_HEADER = {"rcn", "role", "pic", "type", "contribution", "country", "start_date", "end_date"}
OFFICIAL_HEADER = {"projectID", "organisationID", "activityType", "role", "country", "rcn"}
PARTS_HEADER = {"rcn", "programme_part"}
NAMES_HEADER = {"pic", "name"}
PROJECT_NAMES_HEADER = {"rcn", "acronym", "title"}
NAMES_COLUMNS = "pic,name,short_name,city,country,activity_type,nuts,sme,source"
#: Where the names file's rows come from, said on its graph; each row names its copy too.


#: Report a problem with a cell: ``say(column, message)``.
Say = Callable[[str, str], None]
#: Called now and then with the number of rows read so far.
ProgressHook = Callable[[int], None]
Parsed = tuple["Organisation", "Project", "Participation"]
RowParser = Callable[[dict[str, str], Say, Mapping[str, str]], "Parsed | None"]


# -- reading -----------------------------------------------------------------------------------


def read_cordis(
    paths: Iterable[Path], *, helix_map: Mapping[str, str], progress: ProgressHook | None = None
) -> CordisData:
    """Read and check CORDIS files (participations, organisations, programme parts).

    Invalid rows are collected in ``rejected`` with every problem they have; the caller decides
    whether that fails the import. Programme parts are applied after all participations are in.
    """
    data = CordisData()
    parts: list[tuple[Path, int, dict[str, str]]] = []
    project_names: list[dict[str, str]] = []  # acronym and title by rcn: a lookup table
    names: list[tuple[Path, int, dict[str, str]]] = []
    participations = False
    for path in paths:
        rows: csv.DictReader[str] | None = None

        def reading_line() -> int:  # where the reader is, within this file
            return rows.line_num + 1 if rows else 1  # noqa: B023

        with read_errors(path, reading_line), open_text(path) as text:
            delimiter, header = _header(text.readline())
            check_header(path, header)
            # the header is read already: the reader's line numbers lag the file's by one
            rows = csv.DictReader(text, fieldnames=header, delimiter=delimiter)
            kind = _file_kind(header)
            participations = participations or kind in ("compact", "official")
            if kind == "compact":
                _read_rows(data, path, rows, helix_map, _compact_row, progress)
            elif kind == "official":
                _read_rows(data, path, rows, helix_map, _official_row, progress)
            elif kind == "parts":
                parts.extend((path, rows.line_num + 1, row) for row in rows)
            elif kind == "project_names":
                project_names.extend(rows)
            elif kind == "names":
                data.names_files.append(path)
                names.extend((path, rows.line_num + 1, row) for row in rows)
            else:
                raise InputError(
                    f"{path}:1: header: not a CORDIS file this importer knows (expected the "
                    "compact participations, organization.csv, programme_parts.csv or the "
                    f"names file's columns {NAMES_COLUMNS})"
                )
    for path, line, row in parts:
        _apply_part(data, path, line, row)
    if project_names and not participations:
        raise InputError("project names name the projects of participations: give both files")
    for row in project_names:
        if (project := data.projects.get((row.get("rcn") or "").strip())) is not None:
            project.acronym = project.acronym or _value(row, "acronym")
            project.title = project.title or _value(row, "title")
    seen: set[str] = set()
    for path, line, row in names:
        _apply_name(data, path, line, row, seen, named_only=participations)
    if progress is not None:  # the last count (the hook is told every 5,000 rows on the way)
        progress(data.rows_read)
    return data


def _read_rows(
    data: CordisData,
    path: Path,
    rows: csv.DictReader[str],
    helix_map: Mapping[str, str],
    parse: RowParser,
    progress: ProgressHook | None,
) -> None:
    for row in rows:
        line = rows.line_num + 1  # the header was read before the reader started counting
        data.rows_read += 1
        problems: list[Problem] = []

        def problem(
            column: str, message: str, line: int = line, problems: list[Problem] = problems
        ) -> None:
            problems.append(Problem(str(path), line, column, message))

        parsed = parse(row, problem, helix_map)
        if parsed is not None and not problems:
            organisation, project, participation = parsed
            _merge(data, path, line, organisation, project, participation, problem)
        if problems:
            data.rejected.append(Rejected(str(path), line, dict(row), problems))
        if progress is not None and data.rows_read % 5000 == 0:
            progress(data.rows_read)


def _compact_row(
    row: dict[str, str], say: Say, helix_map: Mapping[str, str]
) -> Parsed | None:  # (column, message)
    rcn = _rcn(row, "rcn", say)
    pic = _pic(row, "pic", say)
    role = _role(row, "role", say)
    activity = _activity(row, "type", say, helix_map)
    country = _country(row, "country", say)
    contribution = _decimal(row, "contribution", say)
    start = _date(row, "start_date", say)
    end = _date(row, "end_date", say)
    if start and end and end < start:
        say("end_date", f"{end} is before the start date {start}")
    total = _decimal(row, "total_cost", say)
    maximum = _decimal(row, "max_contribution", say)
    if rcn is None or pic is None or role is None or activity is None:
        return None
    return (
        Organisation(pic, activity, country, line=""),
        Project(rcn, start, end, total, maximum),
        Participation(rcn, pic, role, contribution),
    )


def _official_row(row: dict[str, str], say: Say, helix_map: Mapping[str, str]) -> Parsed | None:
    rcn = _rcn(row, "rcn", say)
    pic = _pic(row, "organisationID", say)
    role = _role(row, "role", say)
    activity = _activity(row, "activityType", say, helix_map)
    country = _country(row, "country", say)
    contribution = _decimal(row, "ecContribution", say)
    nuts = _value(row, "nutsCode")
    if nuts is not None and not NUTS_CODE.match(nuts):
        say("nutsCode", f"{nuts!r} is not a NUTS code such as HU110")
        nuts = None
    sme = _value(row, "SME")
    if sme is not None and sme.lower() not in ("true", "false"):
        say("SME", f"{sme!r} is neither true nor false")
    url = _web_site(_value(row, "organizationURL"))
    if rcn is None or pic is None or role is None or activity is None:
        return None
    organisation = Organisation(
        pic,
        activity,
        country,
        line="",
        name=_value(row, "name"),
        short_name=_value(row, "shortName"),
        sme=None if sme is None else sme.lower() == "true",
        nuts=nuts,
        city=_value(row, "city"),
        url=url,
    )
    project = Project(rcn, acronym=_value(row, "projectAcronym"), grant=_value(row, "projectID"))
    return organisation, project, Participation(rcn, pic, role, contribution)


def _merge(
    data: CordisData,
    path: Path,
    line: int,
    organisation: Organisation,
    project: Project,
    participation: Participation,
    say: Say,
) -> None:
    known = data.organisations.get(organisation.pic)
    if known is None:
        organisation.line = f"{path.name}:{line}"
        data.organisations[organisation.pic] = organisation
    else:
        if known.activity != organisation.activity:
            say("type", f"PIC {organisation.pic} has type {known.activity} at {known.line}")
            return
        for name in ("name", "short_name", "sme", "nuts", "city", "url"):
            if getattr(known, name) is None:
                setattr(known, name, getattr(organisation, name))
        known.country = known.country or organisation.country
    existing = data.projects.get(project.rcn)
    if existing is None:
        data.projects[project.rcn] = project
    else:
        for name in ("start", "end", "total_cost", "max_contribution", "acronym", "grant"):
            if getattr(existing, name) is None:
                setattr(existing, name, getattr(project, name))
    key = (participation.rcn, participation.pic)
    if key not in data.participations:
        data.participations[key] = participation


def _apply_part(data: CordisData, path: Path, line: int, row: dict[str, str]) -> None:
    part = (row.get("programme_part") or "").strip()
    rcn = (row.get("rcn") or "").strip()
    if part not in PROGRAMME_PARTS:
        data.rows_read += 1
        known = ", ".join(sorted(PROGRAMME_PARTS))
        problem = Problem(str(path), line, "programme_part", f"unknown part {part!r} ({known})")
        data.rejected.append(Rejected(str(path), line, dict(row), [problem]))
        return
    if rcn in data.projects:
        data.projects[rcn].parts.add(PROGRAMME_PARTS[part])
    else:
        data.unknown_parts += 1  # a lookup table: projects not imported are not an error


def _apply_name(
    data: CordisData,
    path: Path,
    line: int,
    row: dict[str, str],
    seen: set[str],
    *,
    named_only: bool,
) -> None:
    """Check a row of the names file and keep it (beside participations: if they hold its PIC);
    ``seen``: the PICs of the rows checked before."""
    data.rows_read += 1
    data.name_rows += 1
    problems: list[Problem] = []

    def say(column: str, message: str) -> None:
        problems.append(Problem(str(path), line, column, message))

    pic = _pic(row, "pic", say)
    if "name" not in row or row["name"] is None:
        say("name", "the column is missing from this row")
    name = _value(row, "name")  # CORDIS left some unnamed ("NA"): they keep their PIC label
    if name is not None:
        name = _unquoted(name)
    # the country and activity type are the participations' to say: not read here
    nuts = _value(row, "nuts")
    if nuts == "-":  # CORDIS's "no region"
        nuts = None
    if nuts is not None and not NUTS_CODE.match(nuts):
        say("nuts", f"{nuts!r} is not a NUTS code such as HU110")
    sme = _value(row, "sme")
    if sme is not None and sme.lower() not in ("true", "false"):
        say("sme", f"{sme!r} is neither true nor false")
    if pic is not None and pic in seen:
        say("pic", f"PIC {pic} is named twice")
    if pic is not None:
        seen.add(pic)
    if problems or pic is None:
        data.rejected.append(Rejected(str(path), line, dict(row), problems))
        return
    if name is None or (named_only and pic not in data.organisations):
        return
    data.names[pic] = OrganisationName(
        pic,
        name,
        short_name=_value(row, "short_name"),
        city=_value(row, "city"),
        nuts=nuts,
        sme=None if sme is None else sme.lower() == "true",
        source=_value(row, "source"),
        country=_value(row, "country"),
    )


def _unquoted(name: str) -> str:
    """A name as CORDIS wrote it, less the CSV quoting a copy left in it (11 rows of the names
    file: a whole name in quotes with its inner quotes doubled, or a stray ``""`` at the end).

    >>> _unquoted('"UNIVERSITATEA ""GEORGE EMIL PALADE"" DIN TARGU MURES"')
    'UNIVERSITATEA "GEORGE EMIL PALADE" DIN TARGU MURES'
    >>> _unquoted('INSTITUTO TUMORI GIOVANNI PAOLO II""'), _unquoted('ACME "X" SA')
    ('INSTITUTO TUMORI GIOVANNI PAOLO II', 'ACME "X" SA')
    """
    if len(name) > 2 and name[0] == name[-1] == '"':
        name = name[1:-1].replace('""', '"')
    elif name.endswith('""') and name.count('"') == 2:
        name = name[:-2]
    return name.strip()


# -- cell checks -------------------------------------------------------------------------------


def _value(row: dict[str, str], column: str) -> str | None:
    value = (row.get(column) or "").strip()
    return None if value in MISSING else value


def _required(row: dict[str, str], column: str, say: Say) -> str | None:
    if column not in row or row[column] is None:
        say(column, "the column is missing from this row")
        return None
    value = row[column].strip()
    if value in MISSING:
        say(column, "missing; every row needs one")
        return None
    return value


def _rcn(row: dict[str, str], column: str, say: Say) -> str | None:
    value = _required(row, column, say)
    if value is not None and not RCN.match(value):
        say(column, f"{value!r} is not a CORDIS record number")
        return None
    return value


def _pic(row: dict[str, str], column: str, say: Say) -> str | None:
    value = _required(row, column, say)
    if value is not None and not PIC.match(value):
        say(column, f"{value!r} is not a PIC (nine digits)")
        return None
    return value


def _role(row: dict[str, str], column: str, say: Say) -> str | None:
    value = _required(row, column, say)
    if value is None:
        return None
    role = ROLES.get(value.lower())
    if role is None:
        say(column, f"unknown role {value!r} (known: {', '.join(sorted(set(ROLES.values())))})")
    return role


def _activity(
    row: dict[str, str], column: str, say: Say, helix_map: Mapping[str, str]
) -> str | None:
    value = _required(row, column, say)
    if value is not None and value not in helix_map:
        say(column, f"unknown activity type {value!r} (known: {', '.join(sorted(helix_map))})")
        return None
    return value


def _country(row: dict[str, str], column: str, say: Say) -> str | None:
    value = (row.get(column) or "").strip().upper()
    if value == "":
        return None
    value = COUNTRY_ALIASES.get(value, value)  # "NA" is Namibia here, not a missing value
    if not COUNTRY.match(value):
        say(column, f"{value!r} is not a two-letter country code")
        return None
    return value


def _decimal(row: dict[str, str], column: str, say: Say) -> Decimal | None:
    value = _value(row, column)
    if value is None:
        return None
    try:
        number = Decimal(value.replace(",", "."))
    except InvalidOperation:
        say(column, f"{value!r} is not a number")
        return None
    if not number.is_finite() or number < 0:
        say(column, f"{value!r} is not an amount in euro")
        return None
    return number


def _date(row: dict[str, str], column: str, say: Say) -> date | None:
    value = _value(row, column)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        say(column, f"{value!r} is not a date (YYYY-MM-DD)")
        return None


# -- triples -----------------------------------------------------------------------------------


def _web_site(url: str | None) -> str | None:
    """An organisation's web site if it is an http(s) IRI; a malformed one is dropped, not
    fatal (CORDIS has ``http://[::1``-like and ``%zz`` entries). Checked with the same IRI parser
    the store uses, so no row can make a line the bulk loader refuses mid-import.

    >>> _web_site("https://semmelweis.hu/"), _web_site("http://exa%mple.com"), _web_site("www.x.hu")
    ('https://semmelweis.hu/', None, None)
    """
    import pyoxigraph as ox

    if url is None or not re.match(r"^https?://[^\s<>\"{}|\\^`]+$", url):
        return None
    try:
        ox.NamedNode(url)
    except ValueError:
        return None
    return url


def read_helix_map(path: Path) -> dict[str, str]:
    """An override of the activity type -> helix mapping: a CSV with ``activity_type,helix``."""
    mapping: dict[str, str] = {}
    with path.open(encoding="utf-8-sig", newline="") as file:
        rows = csv.DictReader(file)
        if not {"activity_type", "helix"} <= set(rows.fieldnames or ()):
            raise InputError(f"{path}:1: header: expected the columns activity_type,helix")
        for row in rows:
            helix = (row["helix"] or "").strip().lower()
            if helix not in HELICES:
                raise InputError(
                    f"{path}:{rows.line_num}: helix: {helix!r} is not one of {', '.join(HELICES)}"
                )
            mapping[(row["activity_type"] or "").strip()] = helix
    return mapping


# -- into the store ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CordisReport:
    """What an import of CORDIS files did."""

    graphs: tuple[str, ...]
    rows_read: int
    rows_written: int
    rows_rejected: int
    triples: int
    actors: int
    projects: int
    memberships: int
    named: int
    rejects_file: Path | None

    @property
    def graph(self) -> str:
        """The first graph written (the participations', or the names' when alone)."""
        return self.graphs[0]


def ontology_helix_map(kg: KnowledgeGraph) -> dict[str, str]:
    """The activity type -> helix mapping the ontology states (``skos:broadMatch``)."""
    rows = kg.select(
        """SELECT ?code ?helix WHERE {
             ?type skos:inScheme hx:ActivityType ; skos:notation ?code ; skos:broadMatch ?helix .
             ?helix skos:inScheme hx:Helix }"""
    )
    return {row["code"]: row["helix"].rsplit("#", 1)[-1] for row in rows}


def ontology_sector_map(kg: KnowledgeGraph) -> dict[str, str]:
    """The programme part -> sector mapping the ontology states (``skos:broadMatch``), by local
    name: ``{"partSC1": "sectorHealth", …}``."""
    rows = kg.select(
        """SELECT ?part ?sector WHERE {
             ?part skos:inScheme hx:ProgrammePart ; skos:broadMatch ?sector .
             ?sector skos:inScheme hx:Sector }"""
    )
    return {row["part"].rsplit("#", 1)[-1]: row["sector"].rsplit("#", 1)[-1] for row in rows}


def import_cordis(
    kg: KnowledgeGraph,
    paths: list[Path],
    *,
    skip_invalid: bool = False,
    rejects: Path | None = None,
    helix_map: Mapping[str, str] | None = None,
    read_progress: ProgressHook | None = None,
    write_progress: ProgressHook | None = None,
) -> CordisReport:
    """Check CORDIS files (:func:`check_cordis`) and write them into named graphs: the
    participations (and programme parts) into one named after the first of their files, the
    names into one named after the names file. All or nothing."""
    checked = check_cordis(
        kg,
        paths,
        skip_invalid=skip_invalid,
        rejects=rejects,
        helix_map=helix_map,
        read_progress=read_progress,
    )
    loaded = kg.write(list(checked.writes), progress=write_progress)
    return CordisReport(
        graphs=tuple(item.graph for item in loaded),
        rows_read=checked.rows_read or 0,
        rows_written=checked.rows_written or 0,
        rows_rejected=checked.rows_rejected,
        triples=sum(item.triples for item in loaded),
        rejects_file=checked.rejects_file,
        **checked.counts,
    )


def check_cordis(
    kg: KnowledgeGraph,
    paths: list[Path],
    *,
    skip_invalid: bool = False,
    rejects: Path | None = None,
    helix_map: Mapping[str, str] | None = None,
    read_progress: ProgressHook | None = None,
) -> CheckedImport:
    """Read and check CORDIS files, and prepare their graphs; nothing is written to the store.

    Every row is checked, and a sample of what it becomes against the shapes. With a problem,
    raises :class:`~helixgraph.errors.RowsError` listing every one, unless ``skip_invalid``:
    then the valid rows are kept and the others go to ``rejects`` (by default
    ``<first file>.rejects.csv``).
    """
    from helixgraph.store import GraphWrite, check_source_name

    mapping = dict(helix_map) if helix_map is not None else ontology_helix_map(kg)
    sectors = ontology_sector_map(kg)
    for path in paths:
        if not path.is_file():
            raise InputError(f"{path}: no such file")
        check_source_name(path)  # a shipped graph's name is never a user's
    data = read_cordis(paths, helix_map=mapping, progress=read_progress)
    if data.rejected and not skip_invalid:
        raise RowsError(data.problems, len(data.rejected))
    _check_shapes(kg, data, mapping, sectors, paths[0])
    rejects_file = None
    if data.rejected:
        rejects_file = rejects or paths[0].with_name(paths[0].name.split(".")[0] + ".rejects.csv")
        write_rejects(rejects_file, data.rejected)
    names_files = data.names_files
    other_files = [p for p in paths if p not in names_files]
    rejected_names = sum(1 for r in data.rejected if Path(r.path) in names_files)
    writes = []
    if other_files:
        writes.append(
            GraphWrite(
                check_source_name(other_files[0]),
                " ".join(p.name for p in other_files),
                _sha256(other_files),
                ntriples=lambda: ntriples(data, mapping, sectors),
                importer=f"helixgraph cordis importer {VERSION}",
                rows=_row_counts(
                    data.rows_read - data.name_rows, len(data.rejected) - rejected_names
                ),
            )
        )
    if names_files:
        graph = check_source_name(names_files[0])
        writes.append(
            GraphWrite(
                graph,
                " ".join(p.name for p in names_files),
                _sha256(names_files),
                ntriples=lambda: names_ntriples(data, graph),
                importer=f"helixgraph cordis importer {VERSION}",
                rows=_row_counts(data.name_rows, rejected_names),
            )
        )
    counts = {
        "actors": len(data.organisations),
        "projects": len(data.projects),
        "memberships": len(data.participations),
        "named": len(data.names),
    }
    written = data.rows_read - len(data.rejected)
    return CheckedImport(
        writes=tuple(writes),
        summary=(
            f"{written} of {data.rows_read} rows: {counts['actors']} actors, "
            f"{counts['projects']} projects, {counts['memberships']} memberships"
            + (f", {counts['named']} organisations named" if counts["named"] else "")
        ),
        rows_read=data.rows_read,
        rows_written=written,
        rows_rejected=len(data.rejected),
        rejects_file=rejects_file,
        counts=counts,
    )


def _sha256(paths: Iterable[Path]) -> str:
    import hashlib

    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _row_counts(read: int, rejected: int) -> dict[str, int]:
    return {"rowsRead": read, "rowsWritten": read - rejected, "rowsRejected": rejected}


SHAPE_SAMPLE = 200


def _check_shapes(
    kg: KnowledgeGraph,
    data: CordisData,
    mapping: Mapping[str, str],
    sectors: Mapping[str, str],
    path: Path,
) -> None:
    """Check what the importer makes of a sample of rows against the SHACL shapes.

    Every row is checked cell by cell above; the triples of a row all come from one template,
    so a sample proves the template against ``shapes.ttl`` (running pyshacl over a million
    triples would take minutes).
    """
    import pyoxigraph as ox

    sample = CordisData()
    for key, part in list(data.participations.items())[:SHAPE_SAMPLE]:
        sample.participations[key] = part
        sample.organisations[part.pic] = data.organisations[part.pic]
        sample.projects[part.rcn] = data.projects[part.rcn]
        if part.pic in data.names:
            sample.names[part.pic] = data.names[part.pic]
    for pic, name in list(data.names.items())[:SHAPE_SAMPLE]:
        sample.names[pic] = name
    text = b"".join(ntriples(sample, mapping, sectors))
    text += b"".join(names_ntriples(sample, "https://w3id.org/helixgraph/graph/sample"))
    triples = [q.triple for q in ox.parse(text, format=ox.RdfFormat.N_TRIPLES)]
    kg.validate(f"{path} (the triples of its first {SHAPE_SAMPLE} rows)", triples)


class CordisImporter:
    """CORDIS CSV files as an importer (:mod:`helixgraph.importers.registry`)."""

    name = "cordis"
    description = (
        "the compact H2020 participations (h2020.csv.gz), the official CORDIS organization.csv "
        "and programme_parts.csv, in any mix; organisations are actors by PIC, their helix from "
        "the activity type (HES, REC -> academia; PRC -> business; PUB -> government; OTH -> "
        "community, unless --helix-map says otherwise)."
    )

    def recognises(self, paths: Sequence[Path]) -> bool:
        return bool(paths) and all(_header_kind(path) is not None for path in paths)

    def check(self, job: ImportJob) -> CheckedImport:
        options = job.options
        return check_cordis(
            job.kg,
            list(job.paths),
            skip_invalid=options.skip_invalid,
            rejects=options.rejects,
            helix_map=read_helix_map(options.helix_map) if options.helix_map else None,
            read_progress=job.progress.reading,
        )


def _header_kind(path: Path) -> str | None:
    """Which CORDIS file ``path`` is by its header (compact, official, parts), or None."""
    try:
        with open_text(path) as text:
            first = text.readline()
    except (OSError, UnicodeDecodeError, EOFError, zlib.error, InputError):
        return None
    return _file_kind(_header(first)[1])


def _header(first: str) -> tuple[str, list[str]]:
    """The delimiter and the columns of a CORDIS file's first line (the official files are
    separated by semicolons, the compact one by commas)."""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return delimiter, next(csv.reader([first], delimiter=delimiter), [])


def _file_kind(header: Iterable[str]) -> str | None:
    """Which CORDIS file has these columns: compact, official or parts; None if none does."""
    columns = set(header)
    for kind, expected in (
        ("compact", COMPACT_HEADER),
        ("official", OFFICIAL_HEADER),
        ("parts", PARTS_HEADER),
        ("names", NAMES_HEADER),
        ("project_names", PROJECT_NAMES_HEADER),
    ):
        if columns >= expected:
            return kind
    return None
