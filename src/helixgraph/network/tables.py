"""The store read as tables: one SPARQL scan per predicate, kept until the store changes.

The views (:mod:`helixgraph.network.views`) read the store one predicate at a time and join in
Python. On Oxigraph a SPARQL join costs an index lookup per row (some 20 microseconds here)
where a scan of one predicate costs a few; Horizon 2020 alone has 145,000 memberships. The scans
run two at a time (Oxigraph releases the GIL) and are cached on the knowledge graph until it
changes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import cast

from helixgraph.rdf.namespaces import ORG, OWL
from helixgraph.rdf.vocab import HX
from helixgraph.store import KnowledgeGraph

COLLABORATION_KINDS = {
    HX.Cluster: "cluster",
    HX.Project: "project",
    HX.Initiative: "initiative",
    ORG + "OrganizationalCollaboration": "collaboration",
}

_KINDS = " ".join(f"<{t}>" for t in COLLABORATION_KINDS)
#: name -> SELECT with ?s, ?o (and ?lang where the language matters)
TABLES = {
    "classification": "SELECT ?s ?o WHERE { ?s org:classification ?o FILTER(isIRI(?s)) }",
    "primaryHelix": "SELECT ?s ?o WHERE { ?s hx:primaryHelix ?o }",
    "prefLabel": "SELECT ?s ?o (LANG(?o) AS ?lang) WHERE { ?s skos:prefLabel ?o }",
    "altLabel": "SELECT ?s ?o WHERE { ?s skos:altLabel ?o }",
    "name": "SELECT ?s ?o WHERE { ?s foaf:name ?o }",
    "country": "SELECT ?s ?o WHERE { ?s hx:country ?o }",
    "region": "SELECT ?s ?o WHERE { ?s hx:region ?o }",
    "regionByCity": "SELECT ?s ?o WHERE { ?s hx:regionByCity ?o }",
    "sector": "SELECT ?s ?o WHERE { ?s hx:sector ?o }",
    "declared": "SELECT ?s ?o WHERE { ?s hx:declaredMemberCount ?o }",
    "kind": f"SELECT ?s ?o WHERE {{ VALUES ?o {{ {_KINDS} }} ?s a ?o }}",
    "member": "SELECT ?s ?o WHERE { ?s org:member ?o }",
    "organization": "SELECT ?s ?o WHERE { ?s org:organization ?o }",
    "role": "SELECT ?s ?o WHERE { ?s org:role ?o }",
    "memberDuring": "SELECT ?s ?o WHERE { ?s org:memberDuring ?o }",
    "hasBeginning": "SELECT ?s ?o WHERE { ?s time:hasBeginning ?o }",
    "hasEnd": "SELECT ?s ?o WHERE { ?s time:hasEnd ?o }",
    "instant": "SELECT ?s ?o WHERE { { ?s time:inXSDDate ?o } UNION { ?s time:inXSDgYear ?o } }",
    "sameAs": f"SELECT ?s ?o WHERE {{ ?s <{OWL}sameAs> ?o FILTER(isIRI(?s) && isIRI(?o)) }}",
    "illustrative": "SELECT ?s ?o WHERE { ?s hx:illustrative ?o FILTER(?o = true) }",
    "activityType": "SELECT ?s ?o WHERE { ?s hx:activityType ?o }",
    "title": "SELECT ?s ?o WHERE { ?s dcterms:title ?o FILTER(isIRI(?s)) }",
}
ACTOR_TABLES = (
    "classification", "primaryHelix", "prefLabel", "name", "country", "kind", "sameAs",
    "illustrative", "activityType",
)  # fmt: skip
MEMBERSHIP_TABLES = ("member", "organization", "role")
TIME_TABLES = ("memberDuring", "hasBeginning", "hasEnd", "instant")
#: What every scope's network starts from (:func:`helixgraph.network.views.build_store_wide`).
STORE_WIDE_TABLES = (*ACTOR_TABLES, *MEMBERSHIP_TABLES, *TIME_TABLES, "sector", "declared", "title")

Row = tuple[str, str, str]  # subject, object's value, object's language ("" if none)


def fetch_tables(kg: KnowledgeGraph, *names: str) -> dict[str, list[Row]]:
    """The rows of the named tables, fetched concurrently where not kept yet."""
    keep_tables(kg, names)
    return {name: table_rows(kg, name) for name in names}


def keep_tables(
    kg: KnowledgeGraph, names: Iterable[str], stop: Callable[[], bool] | None = None
) -> bool:
    """Fetch and keep the named tables not kept yet, as many at a time as there are cores, in
    the order given, starting none once ``stop()`` is true (an analysis worker building its
    views while no request waits); whether all of them are kept."""
    names = list(names)
    missing = [name for name in names if kg.kept(("table", name)) is None]
    workers = max(1, min(len(missing), os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        running: set[Future[list[Row]]] = set()
        for name in missing:
            if stop is not None and stop():
                break
            if len(running) == workers:
                done, running = wait(running, return_when=FIRST_COMPLETED)
                for fetched in done:
                    fetched.result()  # what a scan raised
            running.add(pool.submit(table_rows, kg, name))
        for fetched in running:
            fetched.result()
    return all(kg.kept(("table", name)) is not None for name in names)


def table_rows(kg: KnowledgeGraph, name: str) -> list[Row]:
    """The rows of one table (:data:`TABLES`): (subject, object's value, its language); kept
    until the store changes (one thread fetches it, others asking meanwhile wait for it)."""
    return kg.memo(("table", name), lambda: _fetch(kg, name))


def _fetch(kg: KnowledgeGraph, name: str) -> list[Row]:
    # every table binds ?s and ?o (and ?lang, "" for none) on every row
    names, rows = kg.rows(TABLES[name])
    if len(names) == 3:
        return cast(list[Row], rows)
    return [(s, o, "") for s, o in cast(list[tuple[str, str]], rows)]


def pairs(rows: list[Row]) -> dict[str, str]:
    """Subject -> object (the last one, where a subject has several)."""
    return {s: o for s, o, _ in rows}
