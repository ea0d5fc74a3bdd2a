"""``/data`` and its API: the store's sources, and a manager's own files brought in while the
server runs. Reading is open; writing asks for the update token (``HELIX_UPDATE_TOKEN``), as
SPARQL updates do, and goes through a writer process stopped at ``HELIX_IMPORT_TIMEOUT``
(:mod:`helixgraph.store.apart`): all or nothing, one write at a time, readers served meanwhile.

``POST /api/imports`` takes the files (multipart), the importer's ``kind`` and, for a member
list, the source's ``name``; ``check=true`` reads and checks every row and writes nothing
(the dry run). A problem answers 422 with every one, ``file:line: column: what``.
"""

from __future__ import annotations

import re
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from helixgraph.errors import InputError, RowsError
from helixgraph.importers.jobs import ImportOptions
from helixgraph.importers.registry import ImportOutcome, importers, run_import
from helixgraph.rdf.namespaces import GRAPH_BASE
from helixgraph.sparql.pool import QueryPool
from helixgraph.store import KnowledgeGraph
from helixgraph.store.apart import dropped, write_apart
from helixgraph.web.deps import KG, PoolDep, SettingsDep, check_writer, templates
from helixgraph.web.i18n import request_language, translator
from helixgraph.web.schemas import ImportPublic, SourcePublic

router = APIRouter(tags=["data"])
T = TypeVar("T")

#: One write at a time: another asked meanwhile gets 503 and Retry-After.
_WRITING = threading.Lock()
#: What a file sent may be called: a plain name, no folder, no hidden file.
_FILE_NAME = re.compile(r"[\w][\w .()\-]{0,150}")
#: The template's file names: a member list named after them gets a name of its own.
_TEMPLATE_NAMES = {"actors", "memberships", "ties", "services"}
MAX_FILES = 20


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
    return await _writing(kg, pool, dropped, iri, deadline=settings.import_timeout)


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
    if not 1 <= len(files) <= MAX_FILES:
        raise HTTPException(422, detail=f"send between 1 and {MAX_FILES} files")
    names = [_file_name(upload.filename) for upload in files]
    with tempfile.TemporaryDirectory(prefix="helixgraph-upload-") as temporary:
        # a member list's graph is named after its folder: the source's name
        folder = Path(temporary) / _source_name(name, names)
        folder.mkdir()
        for upload, file_name in zip(files, names, strict=True):
            (folder / file_name).write_bytes(await upload.read())
        paths = [folder / file_name for file_name in names]
        kind = kind or _recognised(paths)
        options = ImportOptions(skip_invalid=skip_invalid, rejects=Path(temporary) / "rejects.csv")
        try:
            if check:
                outcome = await run_in_threadpool(run_import, kg, kind, paths, options, True)
            else:
                outcome = await _writing(
                    kg, pool, run_import, kind, paths, options, False,
                    deadline=settings.import_timeout,
                )  # fmt: skip
        except RowsError as error:
            return _problems(str(error), [str(p) for p in error.problems], f"{folder}/")
        except InputError as error:
            return _problems(str(error), [], f"{folder}/")
    return _public(kind, outcome, check)


async def _writing(
    kg: KnowledgeGraph, pool: QueryPool, job: Callable[..., T], *args: Any, deadline: float
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
                return write_apart(kg, job, *args, deadline=deadline)

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


def _sources(kg: KnowledgeGraph) -> list[SourcePublic]:
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


def _file_name(given: str | None) -> str:
    """The name a file was sent under, if it is a plain one (its folder is dropped)."""
    name = Path(given or "").name
    if not _FILE_NAME.fullmatch(name):
        raise HTTPException(422, detail=f"{given!r}: give each file a plain name (letters, digits)")
    return name


def _source_name(given: str | None, files: list[str]) -> str:
    """A member list's source name: the one given, else its file's (``members`` for the
    template's own file names)."""
    stem = Path(files[0]).stem
    name = (given or "").strip() or ("members" if stem.lower() in _TEMPLATE_NAMES else stem)
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,99}", name):
        raise HTTPException(
            422, detail=f"name {name!r}: letters, digits, '-', '_' and '.', starting with one"
        )
    return name


def _problems(message: str, problems: list[str], folder: str) -> JSONResponse:
    """422 with what was wrong, each problem ``file:line: column: what`` (by the names the
    files were sent under, never where the server kept them)."""
    return JSONResponse(
        {
            # the command line's words for it, as the page and the API say them
            "detail": message.replace(folder, "").replace("--skip-invalid", "skip_invalid"),
            "problems": [problem.replace(folder, "") for problem in problems],
        },
        status_code=422,
    )


def _public(kind: str, outcome: ImportOutcome, checked: bool) -> ImportPublic:
    return ImportPublic(
        kind=kind,
        checked=checked,
        summary=outcome.summary,
        graphs=list(outcome.graphs),
        rows_read=outcome.rows_read,
        rows_written=outcome.rows_written,
        rows_rejected=outcome.rows_rejected,
        triples=outcome.triples,
    )
