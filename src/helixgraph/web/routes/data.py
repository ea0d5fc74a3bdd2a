"""``/data`` and its API: the store's sources, and a manager's own files brought in while the
server runs. Reading is open; writing asks for the update token (``HELIX_UPDATE_TOKEN``), as
SPARQL updates do, and goes through a writer process stopped at ``HELIX_IMPORT_TIMEOUT``
(:mod:`helixgraph.store.apart`): all or nothing, one write at a time, readers served meanwhile.

``POST /api/imports`` takes the files (multipart), the importer's ``kind`` and, for a member
list, the source's ``name``; ``check=true`` reads and checks every row and writes nothing
(the dry run). A problem answers 422 with every one, ``file:line: column: what``.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from helixgraph.errors import InputError, RowsError
from helixgraph.importers.jobs import ImportOptions
from helixgraph.importers.linking import link_actors, read_actors, record_links, write_links
from helixgraph.importers.registry import importers
from helixgraph.importers.spreadsheet import slug
from helixgraph.importers.writer_jobs import ImportOutcome, run_import
from helixgraph.rdf.namespaces import GRAPH_BASE
from helixgraph.sparql.pool import QueryPool
from helixgraph.store import KnowledgeGraph
from helixgraph.store.apart import dropped, write_apart
from helixgraph.store.previous import kept_versions, previous_folder, restore_previous
from helixgraph.web.deps import KG, PoolDep, SettingsDep, check_writer, templates
from helixgraph.web.i18n import request_language, translator
from helixgraph.web.page_memo import pages_of
from helixgraph.web.schemas import ImportPublic, LinkApplied, LinkChoices, LinkPublic, SourcePublic
from helixgraph.web.uploads import problems, uploaded

router = APIRouter(tags=["data"])
T = TypeVar("T")

#: One write at a time: another asked meanwhile gets 503 and Retry-After.
_WRITING = threading.Lock()


@router.get("/data", response_class=HTMLResponse, response_model=None)
def data_page(request: Request, kg: KG, settings: SettingsDep) -> Response:
    """The store's sources, and a form to check and bring in one's own files."""
    _ = translator(request_language(request))
    return templates.TemplateResponse(
        request,
        "data.html",
        {
            "title": _("helixgraph: the data"),
            "sources": _sources(kg),
            "kept": _kept_names(kg),
            "kinds": list(importers()),
            "writable": settings.update_token is not None,
            "max_upload": settings.max_upload,
        },
    )


@router.get("/api/sources", response_model=list[SourcePublic])
def read_sources(kg: KG) -> list[SourcePublic]:
    """The named graphs: the source each holds, its file, checksum, time and rows (what
    ``helixgraph sources`` lists)."""
    return _sources(kg)


@router.delete("/api/sources/{graph:path}", response_model=list[str])
async def delete_source(
    request: Request, graph: str, kg: KG, pool: PoolDep, settings: SettingsDep
) -> list[str]:
    """Remove a graph (its IRI, or its source's name as ``/api/sources`` lists it): the graphs
    removed. Needs ``Authorization: Bearer <token>``."""
    check_writer(request, settings)
    iri = graph if ":" in graph else GRAPH_BASE + graph
    if iri not in set(kg.graph_names()):
        raise HTTPException(404, detail=f"no graph {iri} in the store (see /api/sources)")
    return await writing(
        kg, pool, dropped, iri, _kept_in(kg), deadline=settings.import_timeout, what="removal"
    )


@router.post("/api/sources/{graph:path}/restore", response_model=list[str])
async def restore_source(
    request: Request, graph: str, kg: KG, pool: PoolDep, settings: SettingsDep
) -> list[str]:
    """Bring back the version of a source that the last upload of it replaced (or a removal
    took out); the version it replaces is kept in its turn, so a second restore undoes the
    first. The graphs written. Needs ``Authorization: Bearer <token>``."""
    check_writer(request, settings)
    iri = graph if ":" in graph else GRAPH_BASE + graph
    folder = _kept_in(kg)
    if folder is None or not any(v.source_graph == iri for v in kept_versions(folder)):
        raise HTTPException(404, detail=f"no earlier version of {iri} is kept")
    loaded = await writing(
        kg, pool, restore_previous, iri, folder, deadline=settings.import_timeout, what="restore"
    )
    return [item.graph for item in loaded]


@router.post(
    "/api/imports",
    response_model=ImportPublic,
    responses={422: {"description": "the files' problems, each file:line: column: what"}},
)
async def post_import(
    request: Request,
    kg: KG,
    pool: PoolDep,
    settings: SettingsDep,
    files: Annotated[list[UploadFile], File(description="the files of one source")],
    kind: Annotated[
        str, Form(description="spreadsheet, cordis or rdf; empty: the one the files are")
    ] = "",
    name: Annotated[
        str | None,
        Form(description="a member list's source name (default: its file's)", max_length=100),
    ] = None,
    skip_invalid: Annotated[
        bool, Form(description="write the valid rows, count the others out")
    ] = False,
    check: Annotated[bool, Query(description="read and check every row, write nothing")] = False,
) -> Response | ImportPublic:
    """Check and import files (a member list as the templates, CORDIS files, RDF), all or
    nothing; with ``check=true`` only checked (the dry run), which needs no token."""
    if kind and kind not in importers():
        raise HTTPException(422, detail=f"kind {kind!r}: one of {', '.join(importers())}")
    if not check:
        check_writer(request, settings)
    async with uploaded(files, name) as paths:
        folder = paths[0].parent
        kind = kind or _recognised(paths)
        options = ImportOptions(skip_invalid=skip_invalid, rejects=folder.parent / "rejects.csv")
        try:
            if check:
                outcome = await run_in_threadpool(run_import, kg, kind, paths, options, True)
            else:
                outcome = await writing(
                    kg, pool, run_import, kind, paths, options, False, _kept_in(kg),
                    deadline=settings.import_timeout, what="import",
                )  # fmt: skip
        except RowsError as error:
            return problems(str(error), [str(p) for p in error.problems], folder)
        except InputError as error:
            return problems(str(error), [], folder)
    return _public(kind, folder.name, outcome, check)


@router.post(
    "/api/link",
    response_model=list[LinkPublic],
    responses={200: {"content": {"text/csv": {}}, "description": "a proposal each actor"}},
)
async def post_link(
    kg: KG,
    files: Annotated[list[UploadFile], File(description="a member list: actors.csv or .xlsx")],
    format: Annotated[Literal["json", "csv"], Query(description="JSON, or CSV")] = "json",
) -> Response | list[LinkPublic]:
    """Find a member list's actors among the store's EU organisations (CORDIS, by PIC) by name,
    in their country: a proposal each, with the record's name, city and the score (0-100); no
    PIC where none is close enough. What ``helixgraph link`` writes; nothing is written."""
    async with uploaded(files, None) as paths:
        folder = paths[0].parent
        try:
            actors = read_actors(folder if len(paths) > 1 else paths[0])
            links = await run_in_threadpool(link_actors, kg, actors)
        except InputError as error:
            return problems(str(error), [], folder)
    if format == "csv":  # spreadsheet-safe: no cell is a formula
        out = io.StringIO()
        write_links(links, out)
        return Response(out.getvalue(), media_type="text/csv; charset=utf-8")
    return [LinkPublic(**asdict(link)) for link in links]


@router.post("/api/link/apply", response_model=LinkApplied)
async def post_link_apply(
    request: Request, kg: KG, pool: PoolDep, settings: SettingsDep, chosen: LinkChoices
) -> LinkApplied:
    """Record the links a manager accepted (``owl:sameAs`` in the graph ``links-SOURCE``, as
    ``helixgraph link --apply`` does): each actor of the list and its EU record are one actor
    in every view. Applying again replaces the graph. Needs the update token."""
    check_writer(request, settings)
    pairs = [(link.id, link.pic) for link in chosen.links]
    recorded = await writing(
        kg, pool, record_links, pairs, chosen.source, f"{chosen.source} (data page)",
        deadline=settings.import_timeout, what="link",
    )  # fmt: skip
    return LinkApplied(graph=f"{GRAPH_BASE}links-{slug(chosen.source)}", links=recorded)


async def writing(
    kg: KnowledgeGraph,
    pool: QueryPool,
    job: Callable[..., T],
    *args: Any,
    deadline: float,
    what: str,
) -> T:
    """``job(store, *args)`` in a writer process, one at a time, with no query reading while
    the store changes hands (as SPARQL updates do)."""
    if not _WRITING.acquire(blocking=False):
        raise HTTPException(
            503,
            detail="another write is under way: try again shortly",
            headers={"Retry-After": "5"},
        )
    try:

        def write() -> T:
            with pool.exclusive():
                return write_apart(kg, job, *args, deadline=deadline, what=what)

        return await run_in_threadpool(write)
    finally:
        _WRITING.release()


def _recognised(paths: list[Path]) -> str:
    """The importer whose files these are (by their names and first lines)."""
    found = [name for name, source in importers().items() if source.recognises(paths)]
    if not found:
        raise HTTPException(
            422,
            detail="these files are none of the kinds helixgraph reads as they are: "
            f"say which ({', '.join(importers())})",
        )
    return found[0]


def _kept_in(kg: KnowledgeGraph) -> Path | None:
    """Where the versions uploads replace are kept: beside a store on disk (none for a store in
    memory or a remote one)."""
    return previous_folder(kg.path) if isinstance(kg.path, Path) else None


def _kept_names(kg: KnowledgeGraph) -> list[str]:
    """The sources an earlier version of is kept, by name."""
    folder = _kept_in(kg)
    found = kept_versions(folder) if folder else []
    return [(info.source_graph or info.graph).removeprefix(GRAPH_BASE) for info in found]


def _sources(kg: KnowledgeGraph) -> list[SourcePublic]:
    """The graphs and their provenance, kept until the store changes (counting every graph's
    triples reads the whole store: 1.3 s on all of Horizon 2020)."""
    return pages_of(kg).keep(kg, "sources", lambda: _provenance(kg))


def _provenance(kg: KnowledgeGraph) -> list[SourcePublic]:
    return [
        SourcePublic(
            graph=info.graph,
            name=info.graph.removeprefix(GRAPH_BASE),
            triples=info.triples,
            source_graph=info.source_graph,
            source_file=info.source_file,
            sha256=info.sha256,
            loaded=info.loaded,
            importer=info.importer,
            rows=info.rows,
        )
        for info in kg.graphs()
    ]


def _public(kind: str, source: str, outcome: ImportOutcome, checked: bool) -> ImportPublic:
    return ImportPublic(
        kind=kind,
        source=source,
        checked=checked,
        summary=outcome.summary,
        graphs=list(outcome.graphs),
        rows_read=outcome.rows_read,
        rows_written=outcome.rows_written,
        rows_rejected=outcome.rows_rejected,
        triples=outcome.triples,
    )
