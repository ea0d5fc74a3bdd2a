"""How ``helixgraph query`` prints an answer: a table, SPARQL JSON, or CSV for a spreadsheet
(no cell it would run as a formula); Turtle for CONSTRUCT and DESCRIBE. Heavy imports stay inside
the functions, so that ``--help`` is instant."""

from __future__ import annotations

import contextlib
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from helixgraph.store import KnowledgeGraph


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def print_answer(kg: KnowledgeGraph, sparql: str, output: OutputFormat) -> None:
    """Run a checked query and print its answer; on the thread that calls it (a deep-stack
    one: Oxigraph recurses over the query's tree), which loses the network first when the
    store is on disk. A reader that stops reading (``| head``) ends it quietly."""
    from helixgraph.workers.sandbox import SandboxUnavailable, deny_network

    if isinstance(kg.path, Path):  # a store on disk needs no network: this thread loses it
        with contextlib.suppress(SandboxUnavailable):
            deny_network()  # the filter holds for the calling thread only: not the caller's
    result = kg.query(sparql)
    try:
        _write_answer(result, output)
    except BrokenPipeError:  # `query … | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    finally:
        del result  # dropped on the thread that made it (pyoxigraph's results are unsendable)


def _write_answer(result: Any, output: OutputFormat) -> None:
    import pyoxigraph as ox

    from helixgraph.sparql import results
    from helixgraph.sparql.results import CSV

    if isinstance(result, ox.QueryBoolean):
        typer.echo("true" if result else "false")
    elif isinstance(result, ox.QueryTriples):
        sys.stdout.buffer.write(result.serialize(format=ox.RdfFormat.TURTLE) or b"")
    elif not isinstance(result, ox.QuerySolutions):  # the triples of a remote store
        sys.stdout.buffer.write(ox.serialize(result, format=ox.RdfFormat.TURTLE) or b"")
    elif output is OutputFormat.table:
        _print_table(result)
    elif output is OutputFormat.json:
        sys.stdout.buffer.write(result.serialize(format=ox.QueryResultsFormat.JSON) or b"")
        sys.stdout.buffer.write(b"\n")
    else:  # for a spreadsheet: no cell it would run as a formula
        names = [v.value for v in result.variables]
        rows = [list(row) for row in result]
        sys.stdout.buffer.write(results.write_solutions(names, rows, CSV, formula_safe=True))


def _print_table(solutions: object) -> None:
    import pyoxigraph as ox
    from rich.console import Console
    from rich.table import Table

    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    table = Table(*names)
    count = 0
    for row in solutions:
        table.add_row(*(_plain(row[n]) for n in names))
        count += 1
    Console().print(table)
    Console(stderr=True).print(f"{count} row(s)")


def _plain(term: object) -> str:
    import pyoxigraph as ox

    if term is None:
        return ""
    if isinstance(term, ox.NamedNode | ox.Literal | ox.BlankNode):
        return str(term.value)
    return str(term)
