"""What the graph explorer (``/viz`` and ``helixgraph viz --out``) shows: a view of the store,
capped to what a browser draws at once, with every node's details, metrics and filter values.

Everything a visitor can do in the page works on this data alone (filters, search, ego network,
side panel, size by metric), so an exported file works with no server and no network.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx

from helixgraph.analysis.nodes import component_index, node_measures
from helixgraph.helices import HELICES
from helixgraph.language import Language
from helixgraph.network import names, views
from helixgraph.network.export import scoped_view
from helixgraph.network.records import actor_id, collaboration_id
from helixgraph.network.registry import VIEWS, ViewName
from helixgraph.network.scope import Scope
from helixgraph.report.key import ReportKey
from helixgraph.report.model import EcosystemReport
from helixgraph.report.precision import Precision
from helixgraph.store import KnowledgeGraph
from helixgraph.web.communities import summarise
from helixgraph.web.i18n import translator
from helixgraph.web.viz import largest_part, network_data

VIEW_NAMES: dict[str, str] = {name: item.description for name, item in VIEWS.items()}
#: The words of the tooltips in Hungarian (helices, roles and sectors come from the ontology).
_WORDS_HU = {"helix": "spirál", "country": "ország", "cluster": "klaszter", "project": "projekt"}
METRICS = {
    "degree": "ties in the picture",
    "betweenness": "how often it lies on the shortest path between two others (in the picture)",
    "brokerage": "Gould-Fernandez brokerage: open two-paths it sits in the middle of",
    "reach": "share of the others it reaches in two steps",
}


def view_graph(kg: KnowledgeGraph, view: ViewName, scope: Scope | None = None) -> nx.Graph:
    """The networkx view a visitor chose, cut to the scope (:func:`scoped_view`)."""
    return scoped_view(kg, view, scope)


def explore_data(
    kg: KnowledgeGraph,
    view: ViewName = ViewName.affiliation,
    *,
    scope: Scope | None = None,
    limit: int = 500,
    max_edges: int | None = None,
    lang: Language = "en",
    precision: Precision | None = None,
) -> dict[str, Any]:
    """The explorer's data for ``view``: vis-network nodes (with details, metrics and filter
    values), edges, options, the filters' choices, and what was left out. Above ``limit`` nodes
    the best-connected are drawn, and at most ``max_edges`` ties among them.

    >>> data = explore_data(KnowledgeGraph.in_memory(default_data=True), "affiliation", limit=50)
    >>> data["shown"]["nodes"] <= 50 < data["total"]["nodes"], sorted(data["metrics"])
    (True, ['betweenness', 'brokerage', 'degree', 'reach'])
    """
    scope = scope or Scope()
    precision = precision or Precision()
    years = scope.years
    graph = view_graph(kg, view, scope)
    # the strongest ties, three per node drawn (at least 3,000): enough to see the structure,
    # few enough for the browser to stay fluid
    shown = largest_part(graph, limit, max_edges or max(3000, 3 * limit))
    simple = nx.Graph(shown) if shown.is_multigraph() else shown
    simple = simple.to_undirected() if simple.is_directed() else simple
    components = component_index(graph)
    concepts = names.concept_labels(kg, lang)
    details = _details(kg, years, concepts)
    exact = precision.exact(simple.number_of_nodes())
    metrics = node_measures(simple, exact=exact, betweenness_samples=precision.betweenness_samples)
    words = {**concepts, **_WORDS_HU} if lang == "hu" else concepts
    data = network_data(shown, words=words)
    collaborations: dict[str, str] = {}
    local = names.labels_in(kg, lang) if lang != "en" else {}  # the page's language's names
    in_language = names.relabelled(lang, kg)
    for node in data["nodes"]:
        iri = node["id"]
        attrs = graph.nodes[iri]
        extra = names.relabel(details.get(iri, {}), in_language)
        if local.get(iri, node["label"]) != node["label"]:
            node["title"] = node["title"].replace(node["label"], local[iri], 1)
            node["label"] = local[iri]
        node.update(
            helices=attrs.get("helices") or ([attrs["helix"]] if attrs.get("helix") else []),
            country=attrs.get("country"),
            sectors=sorted(set(attrs.get("sectors") or []) | set(extra.get("sectors", []))),
            component=components.get(iri, 0),
            metrics={name: values.get(iri, 0.0) for name, values in metrics.items()},
            memberships=extra.get("memberships", []),
            roles=extra.get("roles", []),
            services=extra.get("services", []),
            api=_api_path(iri, attrs.get("kind") or "actor"),
        )
        node["collaborations"] = [m["collaboration"] for m in node["memberships"]]
        if node["kind"] != "actor":
            node["collaborations"] = [iri]
            collaborations[iri] = node["label"]
        for membership in node["memberships"]:
            collaborations.setdefault(membership["collaboration"], membership["label"])
    present = {n["id"] for n in data["nodes"]}
    summarise(data, simple, say=translator(lang), labels=concepts)
    key_players = _key_players(kg, scope, present, precision)
    brokers = sorted(present, key=lambda n: (-metrics["brokerage"].get(n, 0), str(n)))[:10]
    return {
        "view": view,
        "years": list(years) if years else None,
        **data,
        "total": {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()},
        "shown": {"nodes": shown.number_of_nodes(), "edges": shown.number_of_edges()},
        "metrics": METRICS,
        "brokerage_left_out": not exact,
        "highlight": {"key_players": sorted(key_players), "brokers": brokers},
        "helix_labels": {h: concepts.get(h, h) for h in HELICES},
        "filters": {
            "helices": [{"id": h, "label": concepts.get(h, h)} for h in HELICES],
            "collaborations": sorted(
                ({"id": c, "label": label} for c, label in collaborations.items()),
                key=lambda c: str(c["label"]).casefold(),
            ),
            "sectors": sorted(
                (
                    {"id": s, "label": concepts.get(s, s)}
                    for s in {s for n in data["nodes"] for s in n["sectors"]}
                ),
                key=lambda s: s["label"].casefold(),
            ),
            "countries": sorted({n["country"] for n in data["nodes"] if n["country"]}),
            "components": sorted({n["component"] for n in data["nodes"] if "component" in n}),
        },
    }


def _api_path(iri: str, kind: str) -> str:
    if kind == "actor":
        return f"/api/actors/{actor_id(iri)}"
    if kind in ("cluster", "project"):
        return f"/api/{kind}s/{collaboration_id(iri, kind)}"
    return "/api/graph"


def _key_players(
    kg: KnowledgeGraph, scope: Scope, present: set[Any], precision: Precision
) -> set[Any]:
    """The report's key players, where the report is already at hand (never computed here)."""
    report: EcosystemReport | None = kg.kept(ReportKey(scope, precision=precision))
    if report is None or report.key_players is None:
        return set()
    return {a for a in report.key_players.actors if a in present}


def _details(
    kg: KnowledgeGraph, years: views.Years | None, concepts: dict[str, str]
) -> dict[str, dict[str, Any]]:
    """Memberships, roles, services and sectors (its own and its collaborations') of every
    actor, from the affiliation view and three scans of the store."""
    found: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"memberships": [], "roles": [], "services": [], "sectors": []}
    )
    A = views.affiliation_graph(kg, years=years)  # people read "research leader", not an id
    for actor, side in A.nodes(data="bipartite"):
        if side != 0:
            continue
        for collaboration in A[actor]:
            # an actor works in the sectors of its collaborations (CORDIS projects have theirs
            # from the programme part), besides any it states itself
            found[actor]["sectors"].extend(A.nodes[collaboration].get("sectors") or [])
            found[actor]["memberships"].append(
                {
                    "collaboration": collaboration,
                    "label": A.nodes[collaboration].get("label") or collaboration,
                    "kind": A.nodes[collaboration].get("kind"),
                    "role": concepts.get(role, role)
                    if (role := A.edges[actor, collaboration].get("role"))
                    else None,
                }
            )
    merged = views.aliases(kg)
    for row in kg.select("SELECT ?a ?r WHERE { ?a hx:playsRole ?r }"):
        role = views.local_name(row["r"])
        found[merged.get(row["a"], row["a"])]["roles"].append(concepts.get(role, role))
    for row in kg.select("SELECT ?a ?t WHERE { ?s schema:provider ?a ; schema:serviceType ?t }"):
        service = views.local_name(row["t"])
        found[merged.get(row["a"], row["a"])]["services"].append(concepts.get(service, service))
    for row in kg.select("SELECT ?a ?s WHERE { ?a org:classification ?h ; hx:sector ?s }"):
        found[merged.get(row["a"], row["a"])]["sectors"].append(views.local_name(row["s"]))
    for details in found.values():
        details["sectors"] = sorted(set(details["sectors"]))
    return found
