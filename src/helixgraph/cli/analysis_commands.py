"""The commands that analyse and draw: analyze, report, compare, viz, stats."""

from __future__ import annotations

import json
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
    Through,
    ThroughOption,
    YearsOption,
    analysed_scope,
    app,
    fail,
    open_store,
    parse_years,
    reported_errors,
)
from helixgraph.cli.outputs import check_output, writing
from helixgraph.cli.report_tables import print_report
from helixgraph.network.registry import ViewName


@app.command()
def viz(
    out: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write.")],
    view: Annotated[
        ViewName,
        typer.Option(
            help="Which network: actors and their collaborations, actors sharing "
            "collaborations, or direct ties."
        ),
    ] = ViewName.affiliation,
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

    from rich.console import Console

    from helixgraph.report.ecosystem import ecosystem_report

    console = Console(stderr=True)
    with reported_errors():
        kg, chosen = analysed_scope(store, scope, years)
        with console.status(f"analysing {chosen.describe()}…"):
            report = ecosystem_report(kg, scope=chosen, through=through.value, top=top)
    if as_json:
        typer.echo(report.model_dump_json(indent=2, exclude_unset=True))
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

    from helixgraph.web.standalone import print_to_pdf, standalone_report

    console = Console(stderr=True, quiet=quiet)
    with reported_errors():
        check_output(out)  # before the analysis, not after
        kg, chosen = analysed_scope(store, scope, years)
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
    as_json: JsonOption = False,
) -> None:
    """Set several scopes' headline figures side by side: where your ecosystem stands among
    its peers (say, --scope country=HU,sector=health --with country=CZ,sector=health)."""

    from rich.console import Console

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
def stats(
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """Headline figures: actors per helix, collaborations, memberships, ties, components."""

    from helixgraph.report.ecosystem import ecosystem_stats

    with reported_errors():
        figures = ecosystem_stats(open_store(store, read_only=True))
    if as_json:
        typer.echo(json.dumps(figures, indent=2))
        return
    from rich.console import Console

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
