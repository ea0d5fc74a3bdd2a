"""The importers, in rdflib's plugin style: one protocol, one report type, one registry.

A new source is one module with a class that has a ``name``, says which files it
``recognises`` and ``check``s them (reads and checks every row, prepares the graphs, writes
nothing), and one :func:`register` call; :func:`write` then writes what was checked, all or
nothing. The CLI's ``import`` command (and its ``--check``), its help and its choices are built
from the registry.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from helixgraph.errors import InputError

if TYPE_CHECKING:
    from helixgraph.store import GraphWrite, KnowledgeGraph


@dataclass(frozen=True)
class ImportOptions:
    """What the user asked of an import; an importer ignores what does not apply to it."""

    skip_invalid: bool = False  # write the valid rows, list the others in a rejects CSV
    rejects: Path | None = None  # where; by default beside the input
    helix_map: Path | None = None  # activity type -> helix, instead of the ontology's


@dataclass(frozen=True)
class ImportProgress:
    """Where an importer reports how far it got: rows checked, triples written, then the
    store being compacted (a big import's last step)."""

    reading: Callable[[int], None] = lambda rows: None
    writing: Callable[[int], None] = lambda triples: None
    compacting: Callable[[], None] = lambda: None


@dataclass(frozen=True)
class ImportJob:
    """One import to run: into which store, from which files, as asked, reporting where."""

    kg: KnowledgeGraph
    paths: Sequence[Path]
    options: ImportOptions = ImportOptions()
    progress: ImportProgress = ImportProgress()


@dataclass(frozen=True)
class CheckedImport:
    """An import read and checked, ready to write: every row checked (and the shapes), the
    graphs prepared; nothing written to the store yet."""

    writes: tuple[GraphWrite, ...]
    #: What comes in, for a person to read after "imported" or "checked": rows, actors...
    summary: str
    rows_read: int | None = None
    rows_written: int | None = None
    rows_rejected: int = 0
    #: Where the rows left out (``skip_invalid``) are listed, with what was wrong.
    rejects_file: Path | None = None
    #: Figures of this source (actors, projects, memberships, named...).
    counts: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ImportReport:
    """What an import did, for any source: what was checked, and what it became."""

    checked: CheckedImport
    graphs: tuple[str, ...]
    triples: int


class Importer(Protocol):
    """A source helixgraph imports."""

    #: The name the CLI takes (`helixgraph import NAME FILES`).
    name: str
    #: One paragraph for `--help`: what files, what becomes of them.
    description: str

    def recognises(self, paths: Sequence[Path]) -> bool:
        """Whether these files are this importer's (by their names or their first line)."""
        ...

    def check(self, job: ImportJob) -> CheckedImport:
        """Read and check every row and prepare the graphs (all rows, or the valid ones with
        ``skip_invalid``, the others listed in the rejects file); write nothing to the store.
        Raises an :class:`InputError` saying what was wrong and where."""
        ...


def write(job: ImportJob, checked: CheckedImport) -> ImportReport:
    """Write what :meth:`Importer.check` prepared, all or nothing."""
    loaded = job.kg.write(
        list(checked.writes),
        progress=job.progress.writing,
        compacting=job.progress.compacting,
    )
    return ImportReport(
        checked,
        graphs=tuple(item.graph for item in loaded),
        triples=sum(item.triples for item in loaded),
    )


_REGISTRY: dict[str, Importer] = {}


def register(importer: Importer) -> Importer:
    """Add an importer under its name (a later one of the same name replaces it)."""
    _REGISTRY[importer.name] = importer
    return importer


def importers() -> dict[str, Importer]:
    """Every importer by name, the built-in ones first."""
    _load_builtin()
    return dict(_REGISTRY)


def importer(name: str) -> Importer:
    """The importer called ``name``; an :class:`InputError` naming the others if none is."""
    known = importers()
    if name not in known:
        raise InputError(f"{name!r}: no such importer; one of {', '.join(known)}")
    return known[name]


def _load_builtin() -> None:
    # imported here: each module registers itself, and importing them all up front would make
    # every command pay for the CSV and RDF machinery
    from helixgraph.importers import cordis, rdf_files, spreadsheet  # noqa: F401
