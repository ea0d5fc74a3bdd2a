"""What the CORDIS files hold, checked: organisations, projects, participations and names, ready
to become triples (:mod:`helixgraph.importers.cordis_rdf`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from helixgraph.errors import Problem
from helixgraph.importers.csv_text import Rejected


@dataclass
class Whereabouts:
    """Where an organisation is, as a row of either file says: its NUTS region, its city, and
    whether it is a small or medium-sized enterprise."""

    nuts: str | None = None
    city: str | None = None
    sme: bool | None = None


@dataclass
class Organisation:
    """An organisation as the participations' rows give it (the first row of its PIC, its
    gaps filled by the later ones)."""

    pic: str
    #: CORDIS's activity type (HES, REC, PRC, PUB, OTH), which gives its helix
    activity: str
    country: str | None
    #: where it was first read (``file:line``), for messages
    line: str
    where: Whereabouts = field(default_factory=Whereabouts)
    name: str | None = None
    short_name: str | None = None
    url: str | None = None


@dataclass
class Project:
    """A project as its participations' rows, the programme parts and the projects file give
    it."""

    rcn: str
    #: when it ran
    start: date | None = None
    end: date | None = None
    #: the programme parts that fund it
    parts: set[str] = field(default_factory=set)
    #: in euro: what it cost, and the most the EU contributes
    total_cost: Decimal | None = None
    max_contribution: Decimal | None = None
    #: its short name, grant agreement number and title
    acronym: str | None = None
    grant: str | None = None
    title: str | None = None


@dataclass
class Participation:
    """One organisation in one project: its role and the EU's contribution to it."""

    rcn: str
    pic: str
    role: str
    contribution: Decimal | None


@dataclass
class OrganisationName:
    """A row of the names file: what CORDIS calls an organisation, and which copy says so."""

    pic: str
    name: str
    short_name: str | None = None
    where: Whereabouts = field(default_factory=Whereabouts)
    #: the copy of the names file the row comes from, and the country it gives
    source: str | None = None
    country: str | None = None


@dataclass
class CordisData:
    """What the CORDIS files hold, checked: ready to become triples."""

    organisations: dict[str, Organisation] = field(default_factory=dict)
    projects: dict[str, Project] = field(default_factory=dict)
    participations: dict[tuple[str, str], Participation] = field(default_factory=dict)
    rows_read: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    unknown_parts: int = 0
    #: PIC -> name, from the names file (only the organisations of the participations, if any)
    names: dict[str, OrganisationName] = field(default_factory=dict)
    #: how many of the rows read came from the names file
    name_rows: int = 0
    #: the names files among those read (their rows go to a graph of their own)
    names_files: list[Path] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        return [p for r in self.rejected for p in r.problems]
