"""The commands that put data in the store and take it out: init, load, import, link, export,
sources, drop, validate."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from helixgraph.cli.common import (
    JsonOption,
    ScopeOption,
    StoreOption,
    app,
    fail,
    open_store,
    parse_years,
    reported_errors,
    store_named,
)
from helixgraph.cli.outputs import check_output, writing
from helixgraph.network.registry import VIEWS, ViewName


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

    location = store_location(store_named(store))
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
        ViewName,
        typer.Option(
            help="Which network: "
            + "; ".join(f"{name}: {item.description}" for name, item in VIEWS.items())
            + "."
        ),
    ] = ViewName.collaboration,
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
def sources(
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the named graphs: the source each holds, its file, checksum, time and rows."""
    from dataclasses import asdict

    with reported_errors():
        graphs = open_store(store, read_only=True).graphs()
    if as_json:
        typer.echo(json.dumps([asdict(g) for g in graphs], indent=2))
        return
    from rich.console import Console

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
