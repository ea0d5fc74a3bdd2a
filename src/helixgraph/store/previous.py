"""The version of a source that an upload replaced (or a removal took out), kept beside the
store until the next upload of that source, so that a manager can bring it back with one click
(the data page's undo). Kept as files, not in the store: readers never see it, and a big kept
version costs the store nothing.

A store at ``…/store`` keeps them in ``…/store.previous/``: per source, its data as gzipped
N-Triples and where it came from (file, checksum, importer, rows) as JSON.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import pyoxigraph as ox

from helixgraph.errors import InputError
from helixgraph.store.graph import KnowledgeGraph
from helixgraph.store.reading import GraphInfo
from helixgraph.store.writing import GraphWrite, LoadedGraph


def previous_folder(location: Path) -> Path:
    """Where a store on disk keeps replaced versions: beside it, never inside its folder."""
    return location.with_name(location.name + ".previous")


def keep_previous(kg: KnowledgeGraph, source_graph: str, folder: Path) -> bool:
    """Keep the version of ``source_graph`` the store holds now (its data and provenance) in
    ``folder``, in place of what was kept of that source; False when the store holds none."""
    info = next((g for g in kg.graphs(sizes=False) if g.source_graph == source_graph), None)
    if info is None:
        return False
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / _file_stem(source_graph)
    graph = ox.NamedNode(info.graph)
    with gzip.open(f"{stem}.nt.gz.part", "wb") as out:
        for quad in kg.quads(info.graph):
            if quad.subject != graph:  # its provenance goes to the JSON, and is written anew
                out.write(f"{quad.subject} {quad.predicate} {quad.object} .\n".encode())
    Path(f"{stem}.json.part").write_text(json.dumps(asdict(info)), encoding="utf-8")
    os.replace(f"{stem}.nt.gz.part", f"{stem}.nt.gz")
    os.replace(f"{stem}.json.part", f"{stem}.json")
    return True


def kept_versions(folder: Path) -> list[GraphInfo]:
    """What ``folder`` keeps, one version per source, by source."""
    if not folder.is_dir():
        return []
    found = [
        GraphInfo(**json.loads(path.read_text(encoding="utf-8")))
        for path in sorted(folder.glob("*.json"))
        if Path(str(path)[: -len(".json")] + ".nt.gz").is_file()
    ]
    return sorted(found, key=lambda info: info.source_graph or info.graph)


def restore_previous(kg: KnowledgeGraph, source_graph: str, folder: Path) -> list[LoadedGraph]:
    """Bring back the kept version of ``source_graph``, all or nothing; the version it replaces
    is kept in its turn (a second restore undoes the first)."""
    stem = folder / _file_stem(source_graph)
    kept = next((v for v in kept_versions(folder) if v.source_graph == source_graph), None)
    if kept is None:
        raise InputError(f"no earlier version of {source_graph} is kept")
    data = Path(f"{stem}.nt.gz").read_bytes()  # read before it is replaced by the current one
    write = GraphWrite(
        source_graph,
        kept.source_file or "",
        kept.sha256 or hashlib.sha256(data).hexdigest(),
        ntriples=lambda: _lines(data),
        importer=kept.importer or "helixgraph",
        rows=kept.rows,
        compact=False,
    )
    if not keep_previous(kg, source_graph, folder):  # nothing there now: nothing to undo next
        for suffix in (".nt.gz", ".json"):
            Path(f"{stem}{suffix}").unlink()
    return kg.write([write])


def _lines(data: bytes) -> Iterator[bytes]:
    yield gzip.decompress(data)


def _file_stem(source_graph: str) -> str:
    """A file name for a source graph's IRI: readable, and one per IRI."""
    readable = "".join(c if c.isalnum() or c in "-_" else "_" for c in source_graph.rsplit("/")[-1])
    return f"{readable[:60]}-{hashlib.sha256(source_graph.encode()).hexdigest()[:12]}"
