"""Reading CORDIS files (:mod:`helixgraph.importers.cordis`): which file a header says, each row
checked cell by cell (``file:line: column: what is wrong``), what it holds gathered in
:class:`~helixgraph.importers.cordis_data.CordisData`."""

from __future__ import annotations

import csv
import re
import zlib
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TypeVar

from helixgraph.errors import InputError, Problem
from helixgraph.importers.bounded import open_text
from helixgraph.importers.cordis_data import (
    CordisData,
    Organisation,
    OrganisationName,
    Participation,
    Project,
    Whereabouts,
)
from helixgraph.importers.csv_text import Rejected, check_header, read_errors
from helixgraph.rdf.namespaces import COUNTRY_ALIASES

VERSION = "1"
#: what a column's parser reads
Read = TypeVar("Read")

ROLES = {
    "coordinator": "coordinator",
    "participant": "participant",
    "partner": "partner",
    "thirdparty": "thirdParty",
    "associatedpartner": "associatedPartner",
    "internationalpartner": "internationalPartner",
}

#: H2020's programme parts as CORDIS names them -> the ontology's terms
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

#: Report a problem with a cell: ``say(column, message)``.
Say = Callable[[str, str], None]

#: Called now and then with the number of rows read so far.
ProgressHook = Callable[[int], None]

Parsed = tuple["Organisation", "Project", "Participation"]

RowParser = Callable[[dict[str, str], Say, Mapping[str, str]], "Parsed | None"]


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
            delimiter, header = read_header(text.readline())
            check_header(path, header)
            # the header is read already: the reader's line numbers lag the file's by one
            rows = csv.DictReader(text, fieldnames=header, delimiter=delimiter)
            kind = file_kind(header)
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
    rcn, pic, role, activity, country, contribution = _participant(
        row, say, helix_map, ("pic", "type", "contribution")
    )
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
        Project(rcn, start, end, total_cost=total, max_contribution=maximum),
        Participation(rcn, pic, role, contribution),
    )


#: a participation as both kinds of file give it: project, PIC, role, activity type, country,
#: contribution
Core = tuple[str | None, str | None, str | None, str | None, str | None, Decimal | None]


def _participant(
    row: dict[str, str], say: Say, helix_map: Mapping[str, str], columns: tuple[str, str, str]
) -> Core:
    """What every participation row says, read from the columns this kind of file names its
    PIC, activity type and contribution by (the others are named alike in both)."""
    pic, activity, contribution = columns
    return (
        _rcn(row, "rcn", say),
        _pic(row, pic, say),
        _role(row, "role", say),
        _activity(row, activity, say, helix_map),
        _country(row, "country", say),
        _decimal(row, contribution, say),
    )


def _official_row(row: dict[str, str], say: Say, helix_map: Mapping[str, str]) -> Parsed | None:
    rcn, pic, role, activity, country, contribution = _participant(
        row, say, helix_map, ("organisationID", "activityType", "ecContribution")
    )
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
        url=url,
        where=Whereabouts(nuts, _value(row, "city"), _flag(sme)),
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
        _fill(known, organisation, ("name", "short_name", "url"))
        _fill(known.where, organisation.where, ("nuts", "city", "sme"))
        known.country = known.country or organisation.country
    existing = data.projects.get(project.rcn)
    if existing is None:
        data.projects[project.rcn] = project
    else:
        fields = ("start", "end", "total_cost", "max_contribution", "acronym", "grant")
        _fill(existing, project, fields)
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
        where=Whereabouts(nuts, _value(row, "city"), _flag(sme)),
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


def _fill(known: object, other: object, fields: tuple[str, ...]) -> None:
    """What ``known`` (the first row of a PIC or project) leaves unsaid, as ``other`` says it."""
    for name in fields:
        if getattr(known, name) is None:
            setattr(known, name, getattr(other, name))


def _flag(text: str | None) -> bool | None:
    """A ``true``/``false`` column (checked before) as a boolean; None where empty."""
    return None if text is None else text.lower() == "true"


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
    return _matching(row, column, say, RCN, "a CORDIS record number")


def _pic(row: dict[str, str], column: str, say: Say) -> str | None:
    return _matching(row, column, say, PIC, "a PIC (nine digits)")


def _matching(
    row: dict[str, str], column: str, say: Say, pattern: re.Pattern[str], what: str
) -> str | None:
    value = _required(row, column, say)
    if value is not None and not pattern.match(value):
        say(column, f"{value!r} is not {what}")
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
    return _parsed(row, column, say, _euro, "an amount in euro")


def _date(row: dict[str, str], column: str, say: Say) -> date | None:
    return _parsed(row, column, say, date.fromisoformat, "a date (YYYY-MM-DD)")


def _parsed(
    row: dict[str, str], column: str, say: Say, parse: Callable[[str], Read], what: str
) -> Read | None:
    """The column's value as ``parse`` reads it; None where empty, or said where ``parse``
    refuses it (``ValueError``)."""
    value = _value(row, column)
    if value is None:
        return None
    try:
        return parse(value)
    except ValueError:
        say(column, f"{value!r} is not {what}")
        return None


def _euro(text: str) -> Decimal:
    """An amount in euro, a decimal comma read as a point; ``ValueError`` for anything else.

    >>> _euro("1234,5"), _euro("0")
    (Decimal('1234.5'), Decimal('0'))
    """
    try:
        number = Decimal(text.replace(",", "."))
    except InvalidOperation:
        raise ValueError(text) from None
    if not number.is_finite() or number < 0:
        raise ValueError(text)
    return number


def _web_site(url: str | None) -> str | None:
    """An organisation's web site if it is an http(s) IRI; a malformed one is dropped, not
    fatal (CORDIS has ``http://[::1``-like and ``%zz`` entries). Checked with the same IRI parser
    the store uses, so no row can make a line the bulk loader refuses mid-import.

    >>> _web_site("https://semmelweis.hu/"), _web_site("http://exa%mple.com"), _web_site("www.x.hu")
    ('https://semmelweis.hu/', None, None)
    """
    import pyoxigraph as ox  # here: `helixgraph --help` loads this module, and stays instant

    if url is None or not re.match(r"^https?://[^\s<>\"{}|\\^`]+$", url):
        return None
    try:
        ox.NamedNode(url)
    except ValueError:
        return None
    return url


def header_kind(path: Path) -> str | None:
    """Which CORDIS file ``path`` is by its header (compact, official, parts), or None."""
    try:
        with open_text(path) as text:
            first = text.readline()
    except (OSError, UnicodeDecodeError, EOFError, zlib.error, InputError):
        return None
    return file_kind(read_header(first)[1])


def read_header(first: str) -> tuple[str, list[str]]:
    """The delimiter and the columns of a CORDIS file's first line (the official files are
    separated by semicolons, the compact one by commas)."""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return delimiter, next(csv.reader([first], delimiter=delimiter), [])


def file_kind(header: Iterable[str]) -> str | None:
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
