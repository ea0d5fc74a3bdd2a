"""The ``helixgraph`` command line (Typer).

The commands live by group: :mod:`~.data_commands` (data in and out) and
:mod:`~.analysis_commands` (analyses and pictures) register theirs on the one app of
:mod:`~.common`; serving and querying are here.

Exit codes: 0 done; 1 the input, query or store was wrong (the message says what and where);
2 the command line itself was wrong.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

# imported for what they do on import: they register their commands on the app
from helixgraph.cli import analysis_commands as analysis_commands
from helixgraph.cli import data_commands as data_commands
from helixgraph.cli.answers import OutputFormat, print_answer
from helixgraph.cli.common import (
    StoreOption,
    app,
    fail,
    open_store,
    reported_errors,
    store_named,
)

__all__ = ["app"]


@app.command()
def serve(
    store: StoreOption = None,
    host: Annotated[
        str | None,
        typer.Option(help="Interface to listen on.  [default: $HELIX_HOST, else 127.0.0.1]"),
    ] = None,
    port: Annotated[
        int | None,
        typer.Option(
            help="Port to listen on.  [default: $HELIX_PORT, else 8000]", min=0, max=65535
        ),
    ] = None,
) -> None:
    """Serve the web app: pages, REST API (/api) and the SPARQL endpoint (/sparql).

    Every HELIX_* variable applies (README, "Settings"); an option given here wins over it.
    """
    import uvicorn

    from helixgraph.settings import read_settings
    from helixgraph.web import create_app

    given: dict[str, Any] = {"store": store_named(store), "host": host, "port": port}
    with reported_errors():
        # only what the user gave: the rest comes from HELIX_* or the defaults
        settings = read_settings(**{k: v for k, v in given.items() if v is not None})
        host, port = settings.host, settings.port
        _check_port_free(host, port)
        kg = open_store(settings.store)
    typer.echo(f"helixgraph: serving {kg.path} on http://{host}:{port}", err=True)
    try:
        uvicorn.run(create_app(settings, kg=kg), host=host, port=port, log_level="info")
    finally:
        kg.close()


def _check_port_free(host: str, port: int) -> None:
    """Say plainly when the port is taken, before the store is opened and the server starts."""
    import socket

    if port == 0:
        return
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as error:
        fail(
            f"cannot listen on {host}:{port}: {error.strerror} (another helixgraph serve? "
            "pick another with --port)"
        )


@app.command()
def query(
    sparql: Annotated[
        str,
        typer.Argument(help="A SPARQL query, or @FILE to read it from a file.", show_default=False),
    ],
    output: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            "-f",
            help="How to print SELECT results. csv is for spreadsheets: a cell that would run "
            "as a formula (=, +, -, @) starts with ' (numbers stay); json keeps values raw.",
        ),
    ] = OutputFormat.table,
    store: StoreOption = None,
) -> None:
    """Run a read-only SPARQL query on the store (prefixes hx:, org:, skos:, … are predeclared)."""
    from helixgraph.guard.checks import check_query
    from helixgraph.workers.process import in_deep_stack

    if sparql.startswith("@"):
        try:
            sparql = Path(sparql[1:]).read_text(encoding="utf-8")
        except OSError as error:
            fail(f"{sparql[1:]}: cannot read: {error.strerror}")
        except UnicodeDecodeError as error:
            fail(f"{sparql[1:]}: not UTF-8 (byte {error.start}); save the query as UTF-8")
    try:
        sparql.encode("utf-8")
    except UnicodeEncodeError as error:  # bytes the terminal's encoding could not decode
        fail(f"the query is not valid UTF-8 (character {error.start + 1}); write it in UTF-8")
    with reported_errors():
        sparql = check_query(sparql)  # what runs is what was checked
        kg = open_store(store, read_only=True)
        # Oxigraph recurses over the query's tree as it reads and answers it
        in_deep_stack(print_answer, kg, sparql, output)


#: The order `--help` lists the commands in: serving first, then as a user meets them.
_HELP_ORDER = [
    "serve", "init", "load", "import", "link", "sources", "drop", "validate", "export",
    "analyze", "report", "compare", "viz", "stats", "query",
]  # fmt: skip


def _help_place(command: typer.models.CommandInfo) -> int:
    callback = command.callback.__name__ if command.callback else ""
    return _HELP_ORDER.index(command.name or callback)


app.registered_commands.sort(key=_help_place)
