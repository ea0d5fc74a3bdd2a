"""The ``helixgraph`` command line (Typer).

Heavy imports live inside the commands, so ``--help`` is instant.

Exit codes: 0 done; 1 the input, query or store was wrong (the message says what and where);
2 the command line itself was wrong.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import click
import typer

from helixgraph.cli.answers import OutputFormat, print_answer
from helixgraph.cli.outputs import check_output, writing
from helixgraph.cli.report_tables import print_report
from helixgraph.network.registry import VIEWS, ViewName

if TYPE_CHECKING:
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


class ExportFormat(StrEnum):
    graphml = "graphml"
    gexf = "gexf"
    json = "json"
    csv = "csv"
    pajek = "pajek"
    turtle = "turtle"
    nquads = "nquads"
    jsonld = "jsonld"


#: File name endings and the export format they say.
_EXTENSIONS = {
    ".graphml": "graphml",
    ".gexf": "gexf",
    ".json": "json",
    ".net": "pajek",
    ".ttl": "turtle",
    ".nq": "nquads",
    ".jsonld": "jsonld",
}


View = ViewName


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

    location = named_store(store or _store_before_command)
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
    import pydantic
    import uvicorn

    from helixgraph.settings import Settings
    from helixgraph.web import create_app

    given: dict[str, Any] = {"store": store or _store_before_command, "host": host, "port": port}
    try:
        # only what the user gave: the rest comes from HELIX_* or the defaults
        settings = Settings(**{name: value for name, value in given.items() if value is not None})
    except pydantic.ValidationError as error:
        problems = "; ".join(
            f"HELIX_{'_'.join(map(str, e['loc'])).upper()}: {e['msg']}" for e in error.errors()
        )
        fail(f"a setting is wrong: {problems}")
    host, port = settings.host, settings.port
    with reported_errors():
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
def load(
    files: Annotated[
        list[Path],
        typer.Argument(help="Turtle (.ttl) or N-Triples (.nt) files.", show_default=False),
    ],
    store: StoreOption = None,
) -> None:
    """Load RDF files, each into a named graph of its own (re-loading a file replaces it).

    Every file is parsed and checked against ontology/shapes.ttl first: if one fails, nothing is
    written, and the error names the file, line and column (or the resource at fault).
    """
    from rich.console import Console

    console = Console(stderr=True)
    with reported_errors(), open_store(store) as kg:
        with console.status(f"loading {len(files)} file(s)…"):
            loaded = kg.load(files)
        for item in loaded:
            verb = "replaced" if item.replaced else "loaded"
            console.print(f"{verb} {item.source}: {item.triples} triples -> <{item.graph}>")


@app.command()
def init(
    store: StoreOption = None,
    empty: Annotated[
        bool,
        typer.Option(
            "--empty",
            help="Hold the ontology only, without the shipped default ecosystem (the seed and "
            "the Hungarian slice of Horizon 2020): for analysing your own data alone. It stays "
            "empty: the default ecosystem is not loaded on later opens.",
        ),
    ] = False,
) -> None:
    """Create a store: the ontology and the default ecosystem, or with --empty the ontology only.

    Any other command creates a store with the default ecosystem when it finds none; `init` makes
    the choice explicit. To add the default data to an empty store later, `load` its files.
    """
    from helixgraph.store import KnowledgeGraph
    from helixgraph.store.location import store_location

    location = store_location(store or _store_before_command)
    if isinstance(location, Path):
        taken = location.is_dir() and any(location.iterdir())
    else:
        with reported_errors(), KnowledgeGraph.open(location, initialise=False) as remote:
            taken = bool(remote.own_graph_names())  # a shared store holds others' graphs too
    if taken:
        fail(
            f"{location}: a store is there already; `helixgraph drop` what it should not hold, "
            "or pass another --store"
        )
    with reported_errors(), KnowledgeGraph.open(location, default_data=not empty) as kg:
        if empty:
            kg.decline_defaults()
        graphs = len(kg.graph_names())
    what = "the ontology only" if empty else "the ontology and the default ecosystem"
    typer.echo(f"created {location}: {what} ({graphs} named graph(s))", err=True)


@app.command()
def link(
    file: Annotated[
        Path,
        typer.Argument(
            help="The actors of a spreadsheet: actors.csv (columns id, name, country...), an "
            ".xlsx workbook with an actors sheet, or the template folder.",
            show_default=False,
        ),
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", help="Write the CSV here (default: standard output).", dir_okay=False
        ),
    ] = None,
    apply: Annotated[
        bool,
        typer.Option(
            "--apply",
            help="Record the links found in the store (graph links-NAME, owl:sameAs), so the "
            "views show each linked actor and its EU record as one actor.",
        ),
    ] = False,
    store: StoreOption = None,
) -> None:
    """Find a spreadsheet's actors among the store's EU organisations (CORDIS, by PIC), by name.

    Names are compared with accents, case and legal forms (Kft., Zrt., Nonprofit, Ltd, GmbH...)
    folded away, against every name and short name the store knows, in the actor's country.
    Writes one row per actor: id,name,pic,matched_name,score (0-100); pic is empty when no
    organisation is close enough (score below 90, or two too close to tell apart). Check the
    list before --apply: a wrong link merges two actors.
    """
    from helixgraph.importers.linking import apply_links, link_actors, read_actors, write_links

    with reported_errors():
        if out is not None:
            check_output(out)
        actors = read_actors(file)
        with open_store(store, read_only=not apply) as kg:
            links = link_actors(kg, actors)
            recorded = apply_links(kg, links, file) if apply else None
        if out is None:
            write_links(links, sys.stdout)
        else:
            with writing(out), out.open("w", encoding="utf-8", newline="") as target:
                write_links(links, target)
    found = sum(1 for item in links if item.pic)
    typer.echo(f"{found} of {len(links)} actors found among the EU organisations", err=True)
    if recorded is not None:
        typer.echo(f"recorded {recorded} link(s): the views now merge them", err=True)


def _import_help() -> str:
    from helixgraph.importers.registry import importers

    sources = "\n\n".join(f"{name}: {item.description}" for name, item in importers().items())
    return (
        "Import a source into a named graph of its own (re-importing a file replaces its "
        "graph).\n\nEvery row is checked first. By default one bad row fails the whole import: "
        "nothing is written, and every problem is listed as file:line: column: what is wrong."
        f"\n\n{sources}"
    )


def _import_kinds() -> type[StrEnum]:
    from helixgraph.importers.registry import importers

    # built from the registry: a new importer is a new choice, with no list to keep in step
    kinds: type[StrEnum] = StrEnum("ImportKind", {name: name for name in importers()})  # type: ignore[misc]
    return kinds


ImportKind = _import_kinds()


@app.command("import", help=_import_help())
def import_(
    kind: Annotated[
        ImportKind,  # type: ignore[valid-type]
        typer.Argument(help="The kind of source (below).", show_default=False),
    ],
    files: Annotated[list[Path], typer.Argument(help="The files to import.", show_default=False)],
    store: StoreOption = None,
    skip_invalid: Annotated[
        bool,
        typer.Option(
            "--skip-invalid", help="Write the valid rows; list the others in a rejects CSV."
        ),
    ] = False,
    rejects: Annotated[
        Path | None,
        typer.Option(help="Where --skip-invalid writes rejected rows. Default: beside the input."),
    ] = None,
    helix_map: Annotated[
        Path | None,
        typer.Option(
            "--helix-map",
            help="CSV of activity_type,helix to use instead of the ontology's (cordis only).",
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Read and check every row (and the shapes), say what would be imported; write "
            "nothing to the store (the store is only read: a running server is no obstacle).",
        ),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress, only errors.")] = False,
) -> None:
    import time

    from rich.console import Console

    from helixgraph.cli.progress import progress_bar
    from helixgraph.importers.jobs import ImportJob, ImportOptions, ImportProgress
    from helixgraph.importers.registry import importer, write

    console = Console(stderr=True, quiet=quiet)
    source = importer(str(kind))
    options = ImportOptions(skip_invalid=skip_invalid, rejects=rejects, helix_map=helix_map)
    with reported_errors(), open_store(store, read_only=check) as kg:
        started = time.perf_counter()
        with progress_bar(console) as progress:
            reading = progress.add_task("checking rows", total=None, unit="rows")
            writing = progress.add_task(
                "writing", total=None, unit="triples", start=False, visible=not check
            )

            def wrote(n: int) -> None:
                if not progress.tasks[writing].started:
                    progress.stop_task(reading)
                    progress.start_task(writing)
                progress.update(writing, completed=n)

            def compacting() -> None:  # the triples are in: the bar says what it waits for
                progress.update(writing, description="compacting the store")

            reporting = ImportProgress(
                lambda n: progress.update(reading, completed=n), wrote, compacting
            )
            job = ImportJob(kg, files, options, reporting)
            checked = source.check(job)
            report = None if check else write(job, checked)
        seconds = max(time.perf_counter() - started, 1e-9)
        if report is None:
            graphs = ", ".join(f"<{item.source_graph}>" for item in checked.writes)
            console.print(f"checked {checked.summary}, for {graphs}; nothing was written")
        else:
            graphs = ", ".join(f"<{graph}>" for graph in report.graphs)
            console.print(
                f"imported {checked.summary}; {report.triples} triples -> {graphs} in "
                f"{seconds:.1f} s ({report.triples / seconds:,.0f} triples/s)"
            )
        if checked.rejects_file:
            console.print(
                f"{checked.rows_rejected} rejected row(s) listed in {checked.rejects_file}"
            )


@app.command()
def export(
    out: Annotated[
        Path,
        typer.Option(
            "--out", "-o", help="File to write (for csv: a folder for nodes.csv and edges.csv)."
        ),
    ],
    fmt: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help="Network (graphml, gexf, json, csv, pajek) or RDF."),
    ] = ExportFormat.graphml,
    view: Annotated[
        View,
        typer.Option(
            help="Which network: "
            + "; ".join(f"{name}: {item.description}" for name, item in VIEWS.items())
            + "."
        ),
    ] = View.collaboration,
    years: Annotated[
        str | None,
        typer.Option(help="Only memberships running in these years, such as 2014-2016."),
    ] = None,
    scope: ScopeOption = None,
    store: StoreOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress, only errors.")] = False,
) -> None:
    """Export a network for Gephi, R, Pajek, … (helix and label as attributes) or the RDF itself.

    graphml, gexf, json (node-link), csv and pajek export a view of the actors; turtle, nquads
    (named graphs kept) and jsonld export the store's RDF.
    """
    from rich.console import Console

    from helixgraph.network import export as exporting
    from helixgraph.network.scope import Scope

    span = parse_years(years)
    said = _EXTENSIONS.get(out.suffix.lower())
    if said is not None and said != fmt.value:
        fail(f"{out}: the name says {said}, but --format is {fmt.value}; make them agree", code=2)
    console = Console(stderr=True, quiet=quiet)
    with reported_errors():
        check_output(out, folder=fmt.value == "csv")  # (csv: a folder for two files)
        kg = open_store(store, read_only=True)
        with console.status(f"exporting {fmt.value}…"):
            if fmt.value in exporting.RDF_FORMATS:
                if years is not None or scope is not None:
                    fail("--years and --scope apply to network formats only", code=2)
                with writing(out):
                    written = exporting.write_rdf(kg, fmt.value, out)
                what = f"{len(kg):,} quads"
            else:
                chosen = Scope.parse(scope, years=span) if scope else None
                G = exporting.network(kg, view.value, years=span, scope=chosen)
                with writing(out):
                    written = exporting.write_network(G, fmt.value, out)
                size = f"{G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges"
                what = f"{view.value} view: {size}"
    console.print(f"wrote {what} to {', '.join(map(str, written))}")


@app.command()
def viz(
    out: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write.")],
    view: Annotated[
        View,
        typer.Option(
            help="Which network: actors and their collaborations, actors sharing "
            "collaborations, or direct ties."
        ),
    ] = View.affiliation,
    years: Annotated[
        str | None,
        typer.Option(help="Only memberships running in these years, such as 2014-2016."),
    ] = None,
    limit: Annotated[
        int, typer.Option(min=10, max=20000, help="Nodes at most: the best-connected ones.")
    ] = 500,
    scope: ScopeOption = None,
    store: StoreOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress, only errors.")] = False,
) -> None:
    """Write the graph explorer as one self-contained HTML file: data, scripts and styles
    inlined, so it opens from disk, offline, and can be mailed or put on a slide."""
    from rich.console import Console

    from helixgraph.network.scope import Scope
    from helixgraph.web.standalone import standalone_viz

    span = parse_years(years)
    if not out.parent.is_dir():  # say so before seconds of layout, not after
        fail(f"{out}: the folder {out.parent} does not exist")
    console = Console(stderr=True, quiet=quiet)
    with reported_errors():
        kg = open_store(store, read_only=True)
        with console.status(f"laying out the {view.value} view…"):
            chosen = Scope.parse(scope or "", years=span)
            page = standalone_viz(kg, view, scope=chosen, limit=limit)
    try:
        out.write_text(page, encoding="utf-8")
    except OSError as error:
        fail(f"{out}: cannot write: {error.strerror}")
    console.print(f"wrote {out} ({len(page) / 1e6:.1f} MB)")


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


@app.command()
def analyze(
    store: StoreOption = None,
    scope: ScopeOption = None,
    years: YearsOption = None,
    through: ThroughOption = Through.scope,
    top: Annotated[int, typer.Option(help="How many actors each ranking lists.", min=1)] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Analyse an ecosystem: fragmentation (among the scope's actors and through outside
    partners), helices, synergy, central actors, brokers, key players, the ties worth building,
    clusters, parallel initiatives, the scope year by year, and the findings by name."""
    import json

    from rich.console import Console

    from helixgraph.network.scope import Scope, check_country
    from helixgraph.report.ecosystem import ecosystem_report
    from helixgraph.report.years import within_activity

    console = Console(stderr=True)
    with reported_errors():
        chosen = Scope.parse(scope, years=parse_years(years))
        kg = open_store(store, read_only=True)
        if chosen.years:  # cut to the data's years, as the pages do
            chosen = chosen.with_years(within_activity(kg, chosen.years))
        check_country(kg, chosen)
        with console.status(f"analysing {chosen.describe()}…"):
            report = ecosystem_report(kg, scope=chosen, through=through.value, top=top)
    if as_json:
        typer.echo(json.dumps(report, indent=2, default=str))
        return
    print_report(report)


class ReportLanguage(StrEnum):
    en = "en"
    hu = "hu"


class ReportFormat(StrEnum):
    html = "html"
    pdf = "pdf"


@app.command()
def report(
    out: Annotated[Path, typer.Option("--out", "-o", help="The file to write.")],
    store: StoreOption = None,
    scope: ScopeOption = None,
    years: YearsOption = None,
    through: ThroughOption = Through.scope,
    lang: Annotated[
        ReportLanguage, typer.Option("--lang", help="English or Hungarian (magyar).")
    ] = ReportLanguage.en,
    file_format: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            help="html: one self-contained file that opens offline; pdf: printed by a "
            "headless Chromium (Debian: apt-get install chromium).",
        ),
    ] = ReportFormat.html,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress, only errors.")] = False,
) -> None:
    """Write the dashboard of a scope as one printable file to mail to a board: the findings
    by name, fragmentation, key players, peers, the scope year by year and the charts, with
    nothing to install or load to read it (such as --scope country=HU,sector=health --lang hu)."""
    from rich.console import Console

    from helixgraph.network.scope import Scope, check_country
    from helixgraph.report.years import within_activity
    from helixgraph.web.standalone import print_to_pdf, standalone_report

    console = Console(stderr=True, quiet=quiet)
    with reported_errors():
        check_output(out)  # before the analysis, not after
        chosen = Scope.parse(scope, years=parse_years(years))
        kg = open_store(store, read_only=True)
        if chosen.years:  # cut to the data's years, as the pages do
            chosen = chosen.with_years(within_activity(kg, chosen.years))
        check_country(kg, chosen)
        with console.status(f"analysing {chosen.describe()}…"):
            page = standalone_report(kg, chosen, through=through.value, lang=lang.value)
        if file_format is ReportFormat.pdf:
            with console.status("printing to PDF…"):
                print_to_pdf(page, out)
        else:
            with writing(out):
                out.write_text(page, encoding="utf-8")
    console.print(f"wrote {out} ({out.stat().st_size / 1e3:,.0f} kB)")


@app.command()
def compare(
    scope: Annotated[
        str, typer.Option("--scope", help="Your scope, such as country=HU,sector=health.")
    ],
    peers: Annotated[
        list[str],
        typer.Option("--with", help="A peer scope to set beside it (repeat for more)."),
    ],
    store: StoreOption = None,
    through: ThroughOption = Through.scope,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Set several scopes' headline figures side by side: where your ecosystem stands among
    its peers (say, --scope country=HU,sector=health --with country=CZ,sector=health)."""
    import json

    from rich.console import Console
    from rich.table import Table

    from helixgraph.network.scope import Scope
    from helixgraph.report.compare import compare_scopes

    console = Console()
    with reported_errors():
        scopes = [Scope.parse(text) for text in [scope, *peers]]
        kg = open_store(store, read_only=True)
        with Console(stderr=True).status("comparing…"):
            rows = compare_scopes(kg, scopes, through=through.value)
    if as_json:
        typer.echo(json.dumps(rows, indent=2))
        return
    table = Table("figure", *(row["description"] for row in rows), title="Scopes compared")
    for key, label in (
        ("actors", "actors"),
        ("ties", "ties among them"),
        ("parts", "separate parts"),
        ("largest", "largest part"),
        ("fragmentation", "F among themselves"),
        ("fragmentation_through_all", "F through all partners"),
        ("distance_fragmentation", "distance fragmentation"),
        ("collaborations", "collaborations"),
        ("synergy_bits_3d", "triple-helix synergy (bits)"),
    ):
        table.add_row(label, *(_figure(row[key]) for row in rows))
    console.print(table)
    for row in rows:
        if row["note"]:
            console.print(f"[yellow]note[/yellow]: {row['note']}")


def _figure(value: object) -> str:
    if value is None:
        return "-"
    return f"{value:,.4f}" if isinstance(value, float) else f"{value:,}"


@app.command()
def sources(
    store: StoreOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List the named graphs: the source each holds, its file, checksum, time and rows."""
    import json
    from dataclasses import asdict

    with reported_errors():
        graphs = open_store(store, read_only=True).graphs()
    if as_json:
        typer.echo(json.dumps([asdict(g) for g in graphs], indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    from helixgraph.rdf.namespaces import GRAPH_BASE

    table = Table(caption=f"graph names are under {GRAPH_BASE}; --json gives checksums")
    table.add_column("graph", no_wrap=True)
    for column in ("triples", "file", "loaded", "rows read/written/rejected"):
        table.add_column(column)
    for g in graphs:
        rows = "/".join(str(g.rows.get(k, "")) for k in ("rowsRead", "rowsWritten", "rowsRejected"))
        table.add_row(
            g.graph.removeprefix(GRAPH_BASE),
            f"{g.triples:,}",
            g.source_file or "",
            (g.loaded or "")[:19],
            rows if g.rows else "",
        )
    Console().print(table)


@app.command()
def drop(
    graph: Annotated[
        str,
        typer.Argument(
            help="A graph IRI, or its source's name (as `sources` lists).", show_default=False
        ),
    ],
    store: StoreOption = None,
) -> None:
    """Remove a named graph (or every graph of a source) from the store."""
    from helixgraph.rdf.namespaces import GRAPH_BASE

    iri = graph if ":" in graph else GRAPH_BASE + graph
    with reported_errors(), open_store(store) as kg:
        gone = kg.drop(iri)
    if not gone:
        fail(f"no graph {iri} in the store (see `helixgraph sources`)")
    for name in gone:
        typer.echo(f"dropped <{name}>", err=True)


@app.command()
def validate(
    files: Annotated[
        list[Path],
        typer.Argument(help="Turtle (.ttl) or N-Triples (.nt) files.", show_default=False),
    ],
) -> None:
    """Check files against the SHACL shapes without loading them; exit 1 on any violation.

    The files are checked together, so one may refer to resources another describes.
    """
    from helixgraph.errors import ValidationError
    from helixgraph.rdf.parsing import gunzip, read_rdf_bytes, read_triples
    from helixgraph.rdf.validation import shacl_violations

    with reported_errors():
        triples = []
        for path in files:
            data = read_rdf_bytes(path)
            triples.extend(read_triples(gunzip(path, data), source=path))
        violations = shacl_violations(triples)
        if violations:
            raise ValidationError(", ".join(map(str, files)), violations)
    typer.echo(f"{len(files)} file(s), {len(triples)} triples: conforms to the shapes")


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


@app.command()
def stats(
    store: StoreOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """Headline figures: actors per helix, collaborations, memberships, ties, components."""
    import json

    from helixgraph.report.ecosystem import ecosystem_stats

    with reported_errors():
        figures = ecosystem_stats(open_store(store, read_only=True))
    if as_json:
        typer.echo(json.dumps(figures, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    helices = Table("helix", "actors", title="Actors per helix")
    for helix, count in figures["actors"]["by_helix"].items():
        helices.add_row(helix, str(count))
    helices.add_row("all", str(figures["actors"]["total"]), style="bold")
    console.print(helices)
    components = figures["components"]
    console.print(
        f"{figures['collaborations']['total']} collaborations "
        f"({', '.join(f'{n} {k}' for k, n in figures['collaborations']['by_kind'].items())}), "
        f"{figures['memberships']} memberships, {figures['ties']['total']} direct ties\n"
        f"{components['count']} components (largest {components['largest']}, "
        f"{components['isolated']} isolated actors); "
        f"{figures['triples']} triples in {figures['graphs']} named graphs"
    )
