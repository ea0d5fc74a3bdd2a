"""Records for people and scripts: actors, clusters and projects, helices; lists with filters,
one record in full.

Actor ids are short: an IRI under ``https://w3id.org/helixgraph/id/actor/`` is known by the rest
of it (``mediklaszter``); any other IRI is its own id.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pyoxigraph as ox

from helixgraph.helices import HELICES
from helixgraph.language import fold
from helixgraph.network.names import names_of
from helixgraph.network.views import (
    actor_attributes,
    aliases,
    all_actor_attributes,
    collaboration_attributes,
    dated_memberships,
    local_name,
)
from helixgraph.rdf.namespaces import ID_BASE
from helixgraph.rdf.vocab import HX
from helixgraph.store import KnowledgeGraph
from helixgraph.store.kept import kept

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
    collaboration: str | None = None,
) -> list[dict[str, Any]]:
    """Actors sorted by label, filtered by helix (any of theirs), country, name text (any of
    an actor's names, without regard to case or accents) and membership of a collaboration."""
    needle = fold(text) if text else None  # any of its names, any case, with or without accents
    known = names_of(kg) if needle else {}
    members: set[str] | None = None
    if collaboration is not None:
        members = set(collaboration_members(kg).get(collaboration, {}))
    found = []
    for iri, attrs in actor_attributes(kg).items():
        if members is not None and iri not in members:
            continue
        if helix and helix not in attrs["helices"]:
            continue
        if country and (attrs["country"] or "").upper() != country.upper():
            continue
        if needle and not any(needle in name for name in known.get(iri, ())):
            continue
        found.append({"id": actor_id(iri), "iri": iri, **attrs})
    return sorted(found, key=lambda a: (str(a["label"]).casefold(), a["iri"]))


def actors_page(kg: KnowledgeGraph, skip: int, limit: int, **filters: str | None) -> dict[str, Any]:
    """A page of :func:`find_actors` (``filters``: its keyword arguments) and how many there
    are: what a listing sends back (from a worker process, the page alone)."""
    found = find_actors(kg, **filters)
    return {"data": found[skip : skip + limit], "count": len(found)}


def actor_detail(kg: KnowledgeGraph, iri: str) -> dict[str, Any] | None:
    """One actor with its memberships, ties, roles and services, and how many collaborations it
    is in; None if there is no such actor.
    An example marked ``hx:illustrative`` has its record too, with no place in the network."""
    merged = aliases(kg)
    iri = merged.get(iri, iri)  # a record stated the same as another is shown as one actor
    attrs = all_actor_attributes(kg).get(iri)
    if attrs is None:
        return None
    records = [iri, *sorted(other for other, into in merged.items() if into == iri)]
    details = [_record_details(kg, ox.NamedNode(record)) for record in records]
    memberships = [m for d in details for m in d["memberships"]]
    illustrative = any(d["illustrative"] for d in details)
    return {
        "id": actor_id(iri),
        "iri": iri,
        **attrs,
        "illustrative": illustrative,
        "memberships": memberships,
        "ties": [t for d in details for t in d["ties"]],
        "roles": sorted({r for d in details for r in d["roles"]}),
        "services": [s for d in details for s in d["services"]],
        "same_as": records[1:],
        # the network's metrics are the report's to add (report.actor_metrics)
        "metrics": {"collaborations": len(memberships)},
    }


def _record_details(kg: KnowledgeGraph, node: ox.NamedNode) -> dict[str, Any]:
    """What the store says of one actor IRI: memberships, ties, roles, services."""
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
    return {
        "memberships": memberships,
        "ties": ties,
        "roles": roles,
        "services": services,
        "illustrative": kg.ask("ASK { ?a hx:illustrative true }", a=node),
    }


def collaboration_id(iri: str, kind: str) -> str:
    """The short id of a cluster or project IRI (``kind`` ``cluster`` or ``project``).

    >>> collaboration_id("https://w3id.org/helixgraph/id/cluster/mediklaszter", "cluster")
    'mediklaszter'
    """
    base = f"{ID_BASE}{kind}/"
    return iri[len(base) :] if iri.startswith(base) else iri


def collaboration_iri(identifier: str, kind: str) -> str:
    """The IRI of a short cluster or project id (the inverse of :func:`collaboration_id`)."""
    return identifier if ":" in identifier else f"{ID_BASE}{kind}/{identifier}"


@kept
def collaboration_members(kg: KnowledgeGraph) -> dict[str, dict[str, str | None]]:
    """Collaboration -> its actors, each with its role (the last one stated where an actor has
    several memberships of it), from the dated memberships every scope starts from: the edges
    of the affiliation graph without the graph. Kept until the store changes."""
    found: defaultdict[str, dict[str, str | None]] = defaultdict(dict)
    for membership in dated_memberships(kg):
        found[membership.collaboration][membership.actor] = membership.role
    return dict(found)


def _collaboration_record(
    iri: str, attrs: dict[str, Any], members: dict[str, str | None], actors: dict[str, Any]
) -> dict[str, Any]:
    """A collaboration's listing entry: ``members`` its actors and roles, ``actors`` every
    actor's attributes (read once by the caller, not once per collaboration)."""
    helices = sorted({actors[m]["helix"] for m in members if actors[m]["helix"]}, key=HELICES.index)
    return {
        "id": collaboration_id(iri, attrs["kind"]),
        "iri": iri,
        "kind": attrs["kind"],
        "label": attrs.get("label") or local_name(iri),
        "country": attrs.get("country"),
        "sectors": attrs.get("sectors") or [],
        "members": len(members),
        "declared_members": attrs.get("declared_members"),
        "helices": helices,
        "missing_helices": [h for h in HELICES if h not in helices],
    }


def find_collaborations(
    kg: KnowledgeGraph,
    kind: str,
    *,
    text: str | None = None,
    sector: str | None = None,
    helix: str | None = None,
) -> list[dict[str, Any]]:
    """Clusters (``kind="cluster"``) or projects, largest first, filtered by text in the name,
    sector (its local name) and a helix among the members."""
    needle = fold(text) if text else None  # its acronym or title, with or without accents
    members, actors = collaboration_members(kg), actor_attributes(kg)
    found = []
    for iri, attrs in collaboration_attributes(kg).items():
        if attrs["kind"] != kind:
            continue
        if needle and needle not in fold(f"{attrs.get('label') or ''} {attrs.get('title') or ''}"):
            continue
        if sector and sector not in (attrs.get("sectors") or []):
            continue
        record = _collaboration_record(iri, attrs, members.get(iri, {}), actors)
        if helix and helix not in record["helices"]:
            continue
        found.append(record)
    return sorted(found, key=lambda c: (-c["members"], str(c["label"]).casefold(), c["iri"]))


def collaborations_page(
    kg: KnowledgeGraph, kind: str, skip: int, limit: int, **filters: str | None
) -> dict[str, Any]:
    """A page of :func:`find_collaborations` (``filters``: its keyword arguments) and how many
    there are: what a listing sends back (from a worker process, the page alone)."""
    found = find_collaborations(kg, kind, **filters)
    return {"data": found[skip : skip + limit], "count": len(found)}


def collaboration_detail(kg: KnowledgeGraph, iri: str, kind: str) -> dict[str, Any] | None:
    """One cluster or project with its members (helix and role); None if there is none."""
    attrs = collaboration_attributes(kg).get(iri)
    if attrs is None or attrs["kind"] != kind:
        return None
    actors, members = actor_attributes(kg), collaboration_members(kg).get(iri, {})
    record = _collaboration_record(iri, attrs, members, actors)
    record["member_list"] = sorted(
        (
            {
                "id": actor_id(member),
                "iri": member,
                "label": actors[member].get("label") or local_name(member),
                "helix": actors[member].get("helix"),
                "role": role,
            }
            for member, role in members.items()
        ),
        key=lambda m: (str(m["label"]).casefold(), m["iri"]),
    )
    return record


def helices_overview(kg: KnowledgeGraph) -> list[dict[str, Any]]:
    """The four helices with their labels, definition and how many actors each holds."""
    labels: dict[str, dict[str, Any]] = {
        h: {"id": h, "iri": HX.term(h), "labels": {}, "definition": None} for h in HELICES
    }
    definitions = kg.select(
        """SELECT ?h ?definition WHERE {
             ?h skos:inScheme hx:Helix ; skos:definition ?definition
             FILTER(LANGMATCHES(LANG(?definition), "en"))
           }"""
    )
    for row in definitions:
        name = local_name(row["h"])
        if name in labels:
            labels[name]["definition"] = row["definition"]
    terms = kg.select(
        "SELECT ?h ?label (LANG(?label) AS ?lang) WHERE { "
        "?h skos:inScheme hx:Helix ; skos:prefLabel ?label }"
    )
    for term in terms:
        name = local_name(term["h"])
        if name in labels:
            labels[name]["labels"][term["lang"]] = term["label"]
    actors = actor_attributes(kg).values()
    for name, record in labels.items():
        record["actors"] = sum(1 for a in actors if name in a["helices"])
        record["primary"] = sum(1 for a in actors if a["helix"] == name)
    return list(labels.values())
