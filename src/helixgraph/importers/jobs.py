"""What every importer takes and gives: the job (store, files, options, progress), the checked
import ready to write, and the protocol an importer follows (:mod:`helixgraph.importers.registry`
holds them by name)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypedDict

if TYPE_CHECKING:  # only named in annotations: `helixgraph --help` loads no store
    from helixgraph.store import GraphWrite, KnowledgeGraph


@dataclass(frozen=True)
class ImportOptions:
    """What the user asked of an import; an importer ignores what does not apply to it."""

    skip_invalid: bool = False  # write the valid rows, list the others in a rejects CSV
    rejects: Path | None = None  # where; by default beside the input
    helix_map: Path | None = None  # activity type -> helix, instead of the ontology's


class RowChecks(TypedDict, total=False):
    """How an importer's ``import_*`` function hands its options on to its ``check_*`` one."""

    skip_invalid: bool
    rejects: Path | None


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
