"""What every command shares: the Typer app, the options many commands take (the store, the
scope, the years, paths through outside actors), opening the store, and how errors end a
command (a message, exit code 1; 2 for a wrong command line).

Heavy imports live inside the commands, so ``--help`` is instant.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import click
import typer

if TYPE_CHECKING:
    from helixgraph.network.scope import Scope
    from helixgraph.store import KnowledgeGraph


app = typer.Typer(
    name="helixgraph",
    help=(
        "A knowledge graph of an innovation ecosystem's quadruple helix: government, academia, "
        "business and community actors, their clusters, projects, roles, services and ties. "
        "The store starts with the ontology and the default ecosystem; `serve` puts it on the web."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


#: ``--json``: what a command prints for a program to read instead of a person
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        help="Store directory (created and initialised if new), or the http(s) URL of a remote "
        "SPARQL store, such as http://127.0.0.1:7878 for `oxigraph serve` (README, "
        '"Scaling out"). Default: $HELIX_STORE, else the per-user data directory.',
        show_default=False,
    ),
]


ScopeOption = Annotated[
    str | None,
    typer.Option(
        "--scope",
        help="Which part of the store: country=HU, region=HU1 (NUTS prefix), sector=health, "
        "helix=academia, cluster=ID, source=GRAPH; combine them with commas, such as "
        "country=HU,sector=health. Default: the whole store.",
    ),
]


def parse_years(text: str | None) -> tuple[int, int] | None:
    """``2014-2016`` or ``2016`` -> (start, end); a usage error otherwise."""
    from helixgraph.errors import InputError
    from helixgraph.network.views import parse_years as parse

    try:
        return parse(text)
    except InputError as error:
        raise typer.BadParameter(str(error)) from None


def fail(message: str, code: int = 1) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


@app.callback()
def main(store: StoreOption = None) -> None:
    """A knowledge graph of an innovation ecosystem's quadruple helix. `--store DIR` here applies
    to the command that follows (as `--store` after it does)."""
    global _store_before_command
    _store_before_command = store


#: ``helixgraph --store DIR COMMAND``: the store for a command not given ``--store`` itself.
_store_before_command: str | None = None


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn helixgraph's errors into a message on stderr and exit code 1."""
    from helixgraph.errors import HelixgraphError

    try:
        yield
    except HelixgraphError as error:
        fail(str(error))


def open_store(store: str | None, *, read_only: bool = False) -> KnowledgeGraph:
    """The store a command names (``--store``, before or after it, else ``$HELIX_STORE``, else
    the per-user default). A command that only reads refuses a named store that does not exist
    (a mistyped path would otherwise be made, filled with the defaults, and answer for it)."""

    from helixgraph.store import KnowledgeGraph
    from helixgraph.store.location import named_store

    location = named_store(store_named(store))
    if read_only and isinstance(location, Path):  # noqa: SIM102 (one condition per line)
        if not location.exists() or (location.is_dir() and not any(location.iterdir())):
            fail(
                f"{location}: no store here (a typo?); this command reads an existing store: "
                "make one with `helixgraph init`, `load`, `import` or `serve`"
            )
    kg = KnowledgeGraph.open(location, read_only=read_only)
    if (context := click.get_current_context(silent=True)) is not None:
        context.call_on_close(kg.close)  # released when the command ends, however it ends
    if read_only and location is not None and not isinstance(location, Path):  # noqa: SIM102
        if not kg.own_graph_names():
            fail(
                f"{location}: the store holds no graph yet; make it a helixgraph store with "
                f"`helixgraph init --store {location}`"
            )
    return kg


class Through(StrEnum):
    scope = "scope"
    all = "all"


ThroughOption = Annotated[
    Through,
    typer.Option(
        help="scope: the scope's actors among themselves; all: paths may also pass through "
        "actors outside the scope (foreign partners).",
    ),
]


YearsOption = Annotated[
    str | None,
    typer.Option(help="Only collaborations running in these years, such as 2014-2016."),
]


def store_named(store: str | None) -> str | None:
    """The store a command was given: its own ``--store``, else ``helixgraph --store DIR``'s."""
    return store or _store_before_command


def analysed_scope(
    store: str | None, scope: str | None, years: str | None
) -> tuple[KnowledgeGraph, Scope]:
    """The store (read-only) and the scope a command analyses: the years cut to the data's, as
    the pages cut them; a country the store holds no actor of refused with those it holds."""
    from helixgraph.network.scope import Scope, check_country
    from helixgraph.report.years import within_activity

    chosen = Scope.parse(scope, years=parse_years(years))
    kg = open_store(store, read_only=True)
    if chosen.years:
        chosen = chosen.with_years(within_activity(kg, chosen.years))
    check_country(kg, chosen)
    return kg, chosen
