"""What each named graph holds: actors, actors per helix (an actor in two helices counts in both),
collaborations per kind, memberships per role and per the members' activity type. Counted in the
store (SPARQL), graph by graph, so a source can be checked against its own published figures.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from helixgraph.network.tables import COLLABORATION_KINDS
from helixgraph.network.views import local_name
from helixgraph.store import KnowledgeGraph

_KINDS = " ".join(f"<{t}>" for t in COLLABORATION_KINDS)
QUERIES = {
    "actors_by_helix": """SELECT ?g ?k (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g {
        ?s org:classification ?k } VALUES ?k { hx:government hx:academia hx:business hx:community }
        } GROUP BY ?g ?k""",
    "collaborations_by_kind": f"""SELECT ?g ?k (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH ?g {{
        ?s a ?k }} VALUES ?k {{ {_KINDS} }} }} GROUP BY ?g ?k""",
    "memberships_by_role": """SELECT ?g ?k (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g {
        ?s a org:Membership ; org:role ?k } } GROUP BY ?g ?k""",
    "memberships_by_activity_type": """SELECT ?g ?k (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g {
        ?s org:member ?a . ?a hx:activityType ?k } } GROUP BY ?g ?k""",
    "memberships": """SELECT ?g (COUNT(?s) AS ?n) WHERE { GRAPH ?g { ?s a org:Membership } }
        GROUP BY ?g""",
    "actors": """SELECT ?g (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g {
        ?s org:classification ?k } VALUES ?k { hx:government hx:academia hx:business hx:community }
        } GROUP BY ?g""",
}
TOTALS = ("memberships", "actors")


def census(kg: KnowledgeGraph) -> dict[str, dict[str, Any]]:
    """Counts per named graph, keyed by graph IRI.

    >>> counts = census(KnowledgeGraph.in_memory())
    >>> seed = counts["https://w3id.org/helixgraph/graph/seed-ecosystem"]
    >>> seed["actors"], seed["actors_by_helix"]["academia"], seed["memberships"]
    (23, 7, 21)
    """
    result: dict[str, dict[str, Any]] = defaultdict(
        lambda: {name: 0 if name in TOTALS else {} for name in QUERIES}
    )
    for name, query in QUERIES.items():
        for row in kg.select(query):
            counts = result[row["g"]]
            if name in TOTALS:
                counts[name] = int(row["n"])
                continue
            key = local_name(row["k"])
            if name == "memberships_by_activity_type":
                key = key.removeprefix("activity")
            if name == "collaborations_by_kind":
                key = COLLABORATION_KINDS[row["k"]]
            counts[name][key] = counts[name].get(key, 0) + int(row["n"])
    for counts in result.values():
        for name in QUERIES:
            if isinstance(counts.get(name), dict):
                counts[name] = dict(sorted(counts[name].items()))
    return {graph: result[graph] for graph in sorted(result)}
