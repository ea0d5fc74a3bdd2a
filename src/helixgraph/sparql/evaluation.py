"""The query workers' side of the pool: open the store, evaluate each request, send back
its serialised answer (or the request's error: the worker lives on)."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from helixgraph.errors import NotAcceptableError
from helixgraph.rdf.namespaces import PREFIXES
from helixgraph.sparql import results
from helixgraph.store import RemoteEndpoint, RemoteStore, open_read_only, visible_dataset
from helixgraph.store.opening import compacted_away

#: A substitution crosses the pipe as ("iri", value) or ("literal", value, datatype, language).
TermSpec = tuple[str, ...]


@dataclass(frozen=True)
class QueryRequest:
    """One query and how to answer it."""

    sparql: str
    accept: str | None = None
    #: ``format=`` parameter, wins over ``accept``.
    format: str | None = None
    #: The protocol's ``default-graph-uri`` / ``named-graph-uri``; None: not given.
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    #: The query names its own dataset (FROM / FROM NAMED).
    has_dataset_clause: bool = False
    substitutions: dict[str, TermSpec] = field(default_factory=dict)
    max_rows: int = 10_000
    base_iri: str | None = None
    #: CSV for people (the named queries'): no cell a spreadsheet would run as a formula.
    formula_safe: bool = False


@dataclass(frozen=True)
class ReadAnew:
    """Told to a worker after a write: read the store as it is now (``dump``: the new copy of
    a store in memory). Cheaper than a fresh worker, which costs a process start."""

    dump: bytes | None = None


def serve(
    conn: Connection, sandboxed: bool, path: str | RemoteEndpoint | None, dump: bytes | None
) -> None:
    """A query worker's life (on a deep stack, without the network unless its store is
    remote: :class:`~helixgraph.workers.process.WorkerProcess`): open the store, then answer
    requests until the pipe closes; after a write (:class:`ReadAnew`) open it again and say
    ready again. Killing a worker of a remote store at the deadline closes its connection to
    the store."""
    # the thread answering, whose priority the pool lowers for long queries (on Linux a nice
    # value belongs to a thread)
    ready = ("ready", sandboxed, threading.get_native_id(), isinstance(path, RemoteEndpoint))
    request: QueryRequest | ReadAnew = ReadAnew(dump)
    store = None
    while True:
        if isinstance(request, ReadAnew):
            store = None  # the old reading's files go before the new one opens
            try:
                store = _open(path, request.dump)
            except Exception as error:
                conn.send(("error", str(error)))
                return
            conn.send(ready)
        else:
            answer = evaluate(store, request)
            if isinstance(path, str) and answer[0] == "error" and compacted_away(answer[1]):
                # the writer compacted the store since this reader opened it, and removed files
                # the reader had not read yet: read the store as it is now
                store = open_read_only(Path(path))
                answer = evaluate(store, request)
            conn.send(answer)
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return


def _open(path: str | RemoteEndpoint | None, dump: bytes | None) -> Any:
    if isinstance(path, RemoteEndpoint):
        return RemoteStore(path)
    if path is not None:
        return open_read_only(Path(path))
    store = ox.Store()
    if dump:
        store.bulk_load(dump, format=ox.RdfFormat.N_QUADS)
    return store


def evaluate(store: Any, request: QueryRequest) -> tuple[Any, ...]:
    """Run one query on an Oxigraph store and serialise its answer (in the worker)."""
    # a bad graph name or parameter is the request's error, never the worker's end
    try:
        options: dict[str, Any] = {"prefixes": PREFIXES, "base_iri": request.base_iri}
        if request.default_graphs is not None:
            options["default_graph"] = [ox.NamedNode(g) for g in request.default_graphs]
        if request.named_graphs is not None:
            options["named_graphs"] = [ox.NamedNode(g) for g in request.named_graphs]
        elif request.default_graphs is not None:
            options["named_graphs"] = []  # the protocol's dataset is all there is
        if (
            request.default_graphs is None
            and request.named_graphs is None
            and not request.has_dataset_clause
        ):
            options.update(visible_dataset(store))
        if request.substitutions:
            options["substitutions"] = {
                ox.Variable(name): term_from_spec(spec)
                for name, spec in request.substitutions.items()
            }
        result = store.query(request.sparql, **options)
        if isinstance(result, ox.QueryBoolean):
            media = _media(request, "boolean")
            return ("ok", media, results.write_boolean(bool(result), media), 1, False)
        if isinstance(result, ox.QuerySolutions):
            media = _media(request, "solutions")
            names = [v.value for v in result.variables]
            rows, truncated = _take(result, request.max_rows)
            table = [list(row) for row in rows]  # a solution iterates in variable order
            body = results.write_solutions(names, table, media, formula_safe=request.formula_safe)
            return ("ok", media, body, len(table), truncated)
        media = _media(request, "graph")
        triples, truncated = _take(result, request.max_rows)
        return ("ok", media, results.write_graph(triples, media), len(triples), truncated)
    except SyntaxError as error:
        return ("syntax", str(error))
    except NotAcceptableError as error:
        return ("not-acceptable", str(error))
    except Exception as error:  # the request's error, whatever its type: the worker lives on
        return ("error", str(error))


def _media(request: QueryRequest, kind: results.Kind) -> str:
    media = results.negotiate(request.accept, kind, request.format)
    if media is None:
        offered = ", ".join(results.OFFERED[kind])
        wanted = request.format or request.accept
        raise NotAcceptableError(f"{wanted!r}: this {kind} result comes as one of {offered}")
    return media


def _take(items: Any, limit: int) -> tuple[list[Any], bool]:
    taken: list[Any] = []
    for item in items:
        if len(taken) == limit:
            return taken, True
        taken.append(item)
    return taken, False


def term_from_spec(spec: Sequence[str]) -> Any:
    """The RDF term a substitution crossed the pipe as (see ``TermSpec``)."""
    if spec[0] == "iri":
        return ox.NamedNode(spec[1])
    _, value, datatype, language = spec
    if language:
        return ox.Literal(value, language=language)
    return ox.Literal(value, datatype=ox.NamedNode(datatype) if datatype else None)
