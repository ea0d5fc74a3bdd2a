"""Progress bars for long work on the command line (rich), with counts and a rate per second."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, Progress, ProgressColumn, Task, TextColumn, TimeElapsedColumn
from rich.text import Text


class RateColumn(ProgressColumn):
    """Items per second, in the task's own unit (``rows/s``, ``triples/s``)."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        unit = task.fields.get("unit", "")
        return Text(f"{speed:,.0f} {unit}/s" if speed else "", style="progress.data.speed")


def progress_bar(console: Console) -> Progress:
    """A progress display: description, bar, count, rate, elapsed time."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed:>12,.0f} {task.fields[unit]}"),
        RateColumn(),
        TimeElapsedColumn(),
        console=console,
    )
