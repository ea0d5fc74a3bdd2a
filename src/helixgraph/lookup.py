"""Records about actors for people and scripts: lists with filters, one actor in full.

Actor ids are short: an IRI under ``https://w3id.org/helixgraph/id/actor/`` is known by the rest
of it (``mediklaszter``); any other IRI is its own id.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from helixgraph.namespaces import ID_BASE
from helixgraph.store import KnowledgeGraph
from helixgraph.views import actor_attributes, local_name

ACTOR_BASE = ID_BASE + "actor/"


def actor_id(iri: str) -> str:
    """The short id of an actor IRI.

    >>> actor_id("https://w3id.org/helixgraph/id/actor/mediklaszter")
    'mediklaszter'
    >>> actor_id("https://example.org/org/7")
    'https://example.org/org/7'
    """
    return iri[len(ACTOR_BASE) :] if iri.startswith(ACTOR_BASE) else iri


def actor_iri(identifier: str) -> str:
    """The IRI of a short actor id (the inverse of :func:`actor_id`)."""
    return identifier if ":" in identifier else ACTOR_BASE + identifier


def find_actors(
    kg: KnowledgeGraph,
    *,
    helix: str | None = None,
    country: str | None = None,
    text: str | None = None,
) -> list[dict[str, Any]]:
    """Actors sorted by label, filtered by helix (any of theirs), country and name text."""
    needle = text.casefold() if text else None
    found = []
    for iri, attrs in actor_attributes(kg).items():
        if helix and helix not in attrs["helices"]:
            continue
        if country and (attrs["country"] or "").upper() != country.upper():
            continue
        if needle and needle not in (attrs["label"] or "").casefold():
            continue
        found.append({"id": actor_id(iri), "iri": iri, **attrs})
    return sorted(found, key=lambda a: (str(a["label"]).casefold(), a["iri"]))


def actor_detail(kg: KnowledgeGraph, iri: str) -> dict[str, Any] | None:
    """One actor with its memberships, ties, roles and services; None if there is no such actor."""
    attrs = actor_attributes(kg).get(iri)
    if attrs is None:
        return None
    node = ox.NamedNode(iri)
    memberships = [
        {
            "collaboration": row["c"],
            "label": row.get("l") or local_name(row["c"]),
            "role": local_name(row["r"]) if "r" in row else None,
        }
        for row in kg.select(
            """SELECT ?a ?c (COALESCE(SAMPLE(?en), SAMPLE(?any)) AS ?l) ?r WHERE {
                 ?m org:member ?a ; org:organization ?c .
                 OPTIONAL { ?m org:role ?r }
                 OPTIONAL { ?c skos:prefLabel ?en FILTER(LANGMATCHES(LANG(?en), "en")) }
                 OPTIONAL { ?c skos:prefLabel ?any }
               } GROUP BY ?a ?c ?r ORDER BY ?c""",
            a=node,
        )
    ]
    ties = [
        {
            "relation": local_name(row["p"]),
            "direction": row["dir"],
            "other": row["o"],
        }
        for row in kg.select(
            """SELECT DISTINCT ?a ?p ?o ?dir WHERE {
                 ?p rdfs:subPropertyOf* org:linkedTo .
                 { ?a ?p ?o BIND("out" AS ?dir) } UNION { ?o ?p ?a BIND("in" AS ?dir) }
                 FILTER(isIRI(?o))
               } ORDER BY ?p ?dir ?o""",
            a=node,
        )
    ]
    roles = [
        local_name(row["r"])
        for row in kg.select("SELECT ?a ?r WHERE { ?a hx:playsRole ?r } ORDER BY ?r", a=node)
    ]
    services = [
        {"service": row["s"], "type": local_name(row["t"])}
        for row in kg.select(
            "SELECT ?a ?s ?t WHERE { ?s schema:provider ?a ; schema:serviceType ?t }"
            " ORDER BY ?s ?t",
            a=node,
        )
    ]
    illustrative = kg.ask("ASK { ?a hx:illustrative true }", a=node)
    return {
        "id": actor_id(iri),
        "iri": iri,
        **attrs,
        "illustrative": illustrative,
        "memberships": memberships,
        "ties": ties,
        "roles": roles,
        "services": services,
    }
