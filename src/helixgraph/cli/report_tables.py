"""How ``helixgraph analyze`` prints a report in the terminal: the scope, the findings, the
headline, the rankings, the clusters and the years, each a table, and how each figure was had.
Heavy imports stay inside the function, so that ``--help`` is instant."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from helixgraph.report.model import EcosystemReport


def print_report(report: EcosystemReport) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    console.print(
        f"[bold]{report.scope.description}[/bold]: {report.scope.actors:,} actors"
        + ("" if report.scope.exact else " (some figures estimated: see below)")
    )
    console.print("[bold]Findings[/bold]")
    for finding in report.findings:
        console.print(f"  • {finding}")
    table = Table("figure", "value", title="Headline")
    for key, value in report.headline.model_dump().items():
        table.add_row(
            key.replace("_", " "), f"{value:,.4f}" if isinstance(value, float) else f"{value:,}"
        )
    console.print(table)
    for name, rows in dict(report.centrality or {}).items():
        if rows is None:
            continue
        ranking = Table("actor", "value", title=f"Top by {name}")
        for row in rows:
            ranking.add_row(row.label, f"{row.value:.4f}")
        console.print(ranking)
    clusters = Table(
        "cluster", "size", "missing helices", "Blau", "in other clusters", title="Clusters"
    )
    for cluster in report.clusters or []:
        clusters.add_row(
            cluster.label,
            str(cluster.size),
            ", ".join(cluster.missing) or "-",
            f"{cluster.blau:.2f}",
            f"{cluster.in_other_clusters:.0%}",
        )
    console.print(clusters)
    years = Table(
        "year", "actors", "collaborations", "parts", "largest", "F", "synergy (bits)",
        title="Year by year (each year alone)",
    )  # fmt: skip
    for row in report.by_year or []:
        years.add_row(
            str(row.year),
            f"{row.actors:,}",
            f"{row.collaborations:,}",
            f"{row.parts:,}",
            f"{row.largest:,}",
            f"{row.fragmentation:.3f}",
            "-" if row.synergy_bits_3d is None else f"{row.synergy_bits_3d:.3f}",
        )
    if report.by_year:
        console.print(years)
    for part, how in report.methods.items():
        console.print(f"[dim]{part}: {how}[/dim]")
