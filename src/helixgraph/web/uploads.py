"""Files sent to the server (the data page, ``/api/imports``, ``/api/link``): kept in a
temporary folder named after their source while the request reads them, under the names they
were sent by; what went wrong is said by those names, never by where the server kept them."""

from __future__ import annotations

import re
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import HTTPException, UploadFile
from fastapi.responses import JSONResponse

#: Files one request may send.
MAX_FILES = 20
#: What a file sent may be called: a plain name, no folder, no hidden file.
_FILE_NAME = re.compile(r"[\w][\w .()\-]{0,150}")
#: The template's file names: a member list sent under them gets a name of its own.
_TEMPLATE_NAMES = {"actors", "memberships", "ties", "services"}


@asynccontextmanager
async def uploaded(files: list[UploadFile], name: str | None) -> AsyncIterator[list[Path]]:
    """The files, written to a folder named after their source (a member list's graph is named
    after its folder: ``name``, else the first file's), in the order they were sent."""
    if not 1 <= len(files) <= MAX_FILES:
        raise HTTPException(422, detail=f"send between 1 and {MAX_FILES} files")
    names = [_file_name(upload.filename) for upload in files]
    if len(set(names)) < len(names):
        raise HTTPException(422, detail="two files have the same name")
    with tempfile.TemporaryDirectory(prefix="helixgraph-upload-") as temporary:
        folder = Path(temporary) / source_name(name, names)
        folder.mkdir()
        for upload, file_name in zip(files, names, strict=True):
            (folder / file_name).write_bytes(await upload.read())
        yield [folder / file_name for file_name in names]


def source_name(given: str | None, files: list[str]) -> str:
    """A member list's source name: the one given, else its file's (``members`` for the
    template's own file names).

    >>> source_name(None, ["actors.csv", "ties.csv"]), source_name(" valley ", ["a.csv"])
    ('members', 'valley')
    """
    stem = Path(files[0]).stem
    name = (given or "").strip() or ("members" if stem.lower() in _TEMPLATE_NAMES else stem)
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,99}", name):
        raise HTTPException(
            422, detail=f"name {name!r}: letters, digits, '-', '_' and '.', starting with one"
        )
    return name


def problems(message: str, found: list[str], folder: Path) -> JSONResponse:
    """422 with what was wrong, each problem ``file:line: column: what``, by the names the
    files were sent under."""
    where = f"{folder}/"
    return JSONResponse(
        {
            # the command line's words for the option, as the page and the API say them
            "detail": message.replace(where, "").replace("--skip-invalid", "skip_invalid"),
            "problems": [problem.replace(where, "") for problem in found],
        },
        status_code=422,
    )


def _file_name(given: str | None) -> str:
    """The name a file was sent under, if it is a plain one (its folder is dropped)."""
    name = Path(given or "").name
    if not _FILE_NAME.fullmatch(name):
        raise HTTPException(422, detail=f"{given!r}: give each file a plain name (letters, digits)")
    return name
