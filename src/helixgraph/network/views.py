"""RDF -> networkx: which things become nodes, which ties become edges.

rdflib's own converter turns every triple into an edge and every label into a node. These views
pick on purpose: actors (organisations with a helix) and collaborations are nodes, identified by
their IRI string; labels, helices and country are node attributes; literals never become nodes.

- :func:`affiliation_graph`: bipartite actors-collaborations, from ``org:Membership``;
- :func:`collaboration_graph`: actors linked when they share a collaboration;
- :func:`relation_graph`: the direct ties (``hx:funds``, ``hx:collaboratesWith``, …);
- :func:`actor_network`: actors linked by either, undirected: what components are counted on.

Views are cached on the knowledge graph until it changes, and returned frozen: copy one
(``G.copy()``) before changing it.

Time: memberships carry ``org:memberDuring``. ``years=(start, end)`` keeps memberships that
overlap those calendar years; ``as_of=date`` keeps memberships running on that day. A membership
with no dates is timeless and always kept.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

import networkx as nx

from helixgraph.errors import InputError
from helixgraph.helices import HELICES
from helixgraph.network.labels import PIC_NAME, choose_labels
from helixgraph.network.labels import local_name as local_name  # what views are read with
from helixgraph.network.registry import VIEWS, ViewName
from helixgraph.network.tables import (
    ACTOR_TABLES,
    COLLABORATION_KINDS,
    MEMBERSHIP_TABLES,
    STORE_WIDE_TABLES,
    TIME_TABLES,
    Row,
    fetch_tables,
    pairs,
)
from helixgraph.rdf.namespaces import ORG, OWL
from helixgraph.rdf.vocab import HX
from helixgraph.store import KnowledgeGraph
from helixgraph.store.kept import kept

TIE_PARENT = ORG + "linkedTo"
SYMMETRIC = OWL + "SymmetricProperty"

Years = tuple[int, int]


def parse_years(text: str | None) -> Years | None:
    """``"2014-2016"`` or ``"2016"`` -> (start, end); :class:`InputError` for anything else.

    >>> parse_years("2014-2016"), parse_years("2016"), parse_years(None)
    ((2014, 2016), (2016, 2016), None)
    """
    if text is None:
        return None
    parts = text.strip().split("-")
    try:
        first, last = (int(parts[0]), int(parts[-1])) if len(parts) <= 2 else (0, -1)
    except ValueError:
        first, last = 0, -1
    if first > last or len(parts) > 2:
        raise InputError(f"{text!r}: give a year or a range of years, such as 2014-2016")
    return first, last


G_ = TypeVar("G_", bound=nx.Graph)


# -- the views ---------------------------------------------------------------------------------


def affiliation_graph(
    kg: KnowledgeGraph, *, years: Years | None = None, as_of: date | None = None
) -> nx.Graph:
    """Bipartite graph of actors (``bipartite=0``) and collaborations (``bipartite=1``).

    An edge joins an actor to each cluster, project or initiative it is a member of, with the
    membership ``role`` (the role's local name, or None). Every actor and collaboration is a
    node, members or not; collaborations carry ``kind``, ``label``, ``country`` and ``sectors``.

    >>> kg = KnowledgeGraph.in_memory()
    >>> A = affiliation_graph(kg)
    >>> A.nodes["https://w3id.org/helixgraph/id/cluster/mediklaszter"]["bipartite"]
    1
    >>> A.edges["https://w3id.org/helixgraph/id/actor/pic-999904228",
    ...         "https://w3id.org/helixgraph/id/cluster/mediklaszter"]["role"]
    'cooperatingInstitute'
    """
    _check_time(years, as_of)
    return _cached(kg, "affiliation", years, as_of, lambda: _affiliation(kg, years, as_of))


def collaboration_graph(
    kg: KnowledgeGraph,
    *,
    weight: str | None = "weight",
    years: Years | None = None,
    as_of: date | None = None,
) -> nx.Graph:
    """Actors linked when they share a collaboration, weighted by how many they share.

    ``weight`` names the edge attribute holding the count (None: no attribute). Every actor is a
    node, including those that share nothing.

    >>> kg = KnowledgeGraph.in_memory()
    >>> G = collaboration_graph(kg)
    >>> G["https://w3id.org/helixgraph/id/actor/cluj-it"][
    ...     "https://w3id.org/helixgraph/id/actor/interizon"]["weight"]
    1
    """
    _check_time(years, as_of)
    return _cached(
        kg,
        "collaboration",
        years,
        as_of,
        lambda: _collaboration(affiliation_graph(kg, years=years, as_of=as_of), weight),
        weight,
    )


def relation_graph(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    """The direct ties between actors as a multi-digraph; the edge key is the relation's name.

    Ties are ``org:linkedTo`` and every property declared under it (``hx:funds``,
    ``hx:collaboratesWith``, ``hx:providesServiceTo``, …). A symmetric relation gives an arc
    each way, both marked ``symmetric=True``. Every actor is a node; so is any collaboration a
    tie points at.

    Ties with an example marked ``hx:illustrative`` at either end are left out.

    >>> kg = KnowledgeGraph.in_memory()
    >>> R = relation_graph(kg)
    >>> sorted(R["https://w3id.org/helixgraph/id/actor/mediklaszter"][
    ...     "https://w3id.org/helixgraph/id/actor/pic-999456476"])
    ['collaboratesWith']
    >>> "https://w3id.org/helixgraph/id/actor/nkfih" in R  # an example (hx:illustrative)
    False
    """
    return _cached(kg, "relation", None, None, lambda: _relation(kg))


def actor_network(
    kg: KnowledgeGraph, *, years: Years | None = None, as_of: date | None = None
) -> nx.Graph:
    """Actors linked when they share a collaboration or have a direct tie, either way.

    The undirected whole of the ecosystem among actors: components and fragmentation are
    measured on it. Edge attributes: ``weight`` (shared collaborations, 0 for a tie alone) and
    ``relations`` (the names of the direct ties, sorted).

    >>> kg = KnowledgeGraph.in_memory()
    >>> N = actor_network(kg)
    >>> N["https://w3id.org/helixgraph/id/actor/mediklaszter"][
    ...     "https://w3id.org/helixgraph/id/actor/pic-999456476"]
    {'weight': 1, 'relations': ['collaboratesWith']}
    """
    _check_time(years, as_of)

    def build() -> nx.Graph:
        # built afresh rather than copied from the collaboration view: keeping both doubled
        # the memory of the largest graph helixgraph holds (9 GB at 8.9 M ties)
        G = _collaboration(affiliation_graph(kg, years=years, as_of=as_of), "weight")
        R = relation_graph(kg)
        for u, v, key in R.edges(keys=True):
            if u in G and v in G:
                if not G.has_edge(u, v):
                    G.add_edge(u, v, weight=0)
                relations = set(G[u][v].get("relations", [])) | {key}
                G[u][v]["relations"] = sorted(relations)
        return G

    return _cached(kg, "network", years, as_of, build)


def build_store_wide(kg: KnowledgeGraph) -> None:
    """Build (and keep) what every scope's network starts from: the actors' and the
    collaborations' attributes, the dated memberships and the direct ties, with the tables
    under them (not the affiliation graph of every membership, which only the whole store's
    own analysis needs). Their cost depends on the store's size alone (minutes at 16 M
    triples), not on what is asked."""
    fetch_tables(kg, *STORE_WIDE_TABLES)  # all at once, two at a time
    collaboration_attributes(kg)
    dated_memberships(kg)
    relation_graph(kg)


# -- a view by name: the registry (network/registry.py) says which there are


def view(
    kg: KnowledgeGraph,
    name: ViewName,
    *,
    years: Years | None = None,
    as_of: date | None = None,
) -> nx.Graph:
    """The view called ``name`` (a key of :data:`VIEWS`); :class:`InputError` for another
    name, or for years asked of a view without dates."""
    if name not in VIEWS:
        raise InputError(f"unknown view {name!r}: one of {', '.join(VIEWS)}")
    if not VIEWS[name].dated:
        if years is not None or as_of is not None:
            raise InputError(f"the {name} view has no dates: leave out the years")
        return relation_graph(kg)
    build = {
        "actors": actor_network,
        "collaboration": collaboration_graph,
        "affiliation": affiliation_graph,
    }[name]
    graph: nx.Graph = build(kg, years=years, as_of=as_of)
    return graph


@dataclass
class _Node:
    label: str | None = None
    helices: set[str] | None = None
    primary: str | None = None
    country: str | None = None
    kind: str = "actor"


def _cached(
    kg: KnowledgeGraph,
    view: str,
    years: Years | None,
    as_of: date | None,
    build: Callable[[], G_],
    weight: str | None = None,
) -> G_:
    """The view, frozen (callers share it), kept per time window among the last few asked."""

    def frozen() -> G_:
        graph: G_ = nx.freeze(build())
        return graph

    return kg.memo(("view", view, years, as_of, weight), frozen, scope=years or as_of)


def _check_time(years: Years | None, as_of: date | None) -> None:
    if years is not None and as_of is not None:
        raise ValueError("give years=(start, end) or as_of=date, not both")
    if years is not None and years[0] > years[1]:
        raise ValueError(f"years={years}: the start year comes after the end year")


@kept
def actor_attributes(kg: KnowledgeGraph) -> dict[str, dict[str, Any]]:
    """Every real actor (an organisation with a helix, not itself a collaboration, not marked
    ``hx:illustrative``) and its attributes: what every view and analysis is made of.

    ``label`` (English preferred), ``helix`` (the primary one), ``helices`` (all, sorted in
    helix order), ``country`` (ISO code or None), ``kind`` ``"actor"``.

    >>> kg = KnowledgeGraph.in_memory()
    >>> "https://w3id.org/helixgraph/id/actor/example-digital-health-sme" in actor_attributes(kg)
    False
    """
    examples = illustrative(kg)
    return {k: v for k, v in all_actor_attributes(kg).items() if k not in examples}


@kept
def all_actor_attributes(kg: KnowledgeGraph) -> dict[str, dict[str, Any]]:
    """Every actor, the examples marked ``hx:illustrative`` too: for the record of one actor and
    for an explorer asked to show the examples, never for analysis."""
    return _actor_attributes(kg)


@kept
def illustrative(kg: KnowledgeGraph) -> frozenset[str]:
    """The IRIs marked ``hx:illustrative true``: actors, collaborations and memberships added to
    show a kind of actor or tie no source names. Analysis leaves them out; SPARQL sees them."""
    return frozenset(s for s, _, _ in fetch_tables(kg, "illustrative")["illustrative"])


@kept
def aliases(kg: KnowledgeGraph) -> dict[str, str]:
    """IRI -> the IRI of the node it is merged into, for actors stated the same
    (``owl:sameAs``, as ``helixgraph link --apply`` records): the EU record (``actor/pic-N``)
    wins, else the first IRI in order. Empty when nothing is stated the same."""
    return _aliases(fetch_tables(kg, "sameAs"))


def _aliases(tables: dict[str, list[Row]]) -> dict[str, str]:
    graph = nx.Graph((s, o) for s, o, _ in tables["sameAs"] if s != o)
    merged: dict[str, str] = {}
    for group in nx.connected_components(graph):
        chosen = min(group, key=lambda iri: (not PIC_NAME.match(local_name(iri)), iri))
        merged.update((iri, chosen) for iri in group if iri != chosen)
    return merged


def _actor_attributes(kg: KnowledgeGraph) -> dict[str, dict[str, Any]]:
    tables = fetch_tables(kg, *ACTOR_TABLES)
    collaborations = {s for s, _, _ in tables["kind"]}
    helices = {HX.term(helix) for helix in HELICES}
    merged = aliases(kg)
    nodes: dict[str, _Node] = defaultdict(_Node)
    for actor, helix, _ in tables["classification"]:
        if helix in helices and actor not in collaborations:
            node = nodes[merged.get(actor, actor)]
            node.helices = (node.helices or set()) | {local_name(helix)}
    for actor, primary, _ in tables["primaryHelix"]:
        if (found := nodes.get(merged.get(actor, actor))) is not None:
            found.primary = local_name(primary)
    for actor, country, _ in tables["country"]:
        if (found := nodes.get(merged.get(actor, actor))) is not None:
            found.country = country
    _add_labels(kg, nodes)
    return {iri: _actor_dict(node) for iri, node in sorted(nodes.items())}


def _actor_dict(node: _Node) -> dict[str, Any]:
    helices = sorted(node.helices or (), key=HELICES.index)
    primary = node.primary if node.primary in helices else helices[0]
    return {
        "label": node.label,
        "helix": primary,
        "helices": helices,
        "country": node.country,
        "kind": "actor",
    }


def _collaboration_kinds(kg: KnowledgeGraph) -> dict[str, str]:
    """IRI -> kind (cluster, project, initiative, collaboration) of every real collaboration
    (not marked ``hx:illustrative``)."""
    kinds: dict[str, str] = {}
    examples = illustrative(kg)
    for collaboration, type_, _ in fetch_tables(kg, "kind")["kind"]:
        # the most specific kind wins over the generic org:OrganizationalCollaboration
        if collaboration in examples:
            continue
        if kinds.get(collaboration) in (None, "collaboration"):
            kinds[collaboration] = COLLABORATION_KINDS[type_]
    return kinds


def _add_labels(kg: KnowledgeGraph, nodes: dict[str, _Node], lang: str = "en") -> None:
    """Each node's label in ``lang`` (:func:`helixgraph.network.labels.choose_labels`)."""
    tables = fetch_tables(kg, "prefLabel", "name", "activityType")
    chosen = choose_labels(
        {iri: node.country for iri, node in nodes.items()},
        tables["prefLabel"], tables["name"], tables["activityType"], aliases(kg), lang,
    )  # fmt: skip
    for iri, label in chosen.items():
        nodes[iri].label = label


def _memberships(
    kg: KnowledgeGraph, years: Years | None, as_of: date | None
) -> list[tuple[str, str, str | None]]:
    """(actor, collaboration, role) of every membership running in the time asked for."""
    timed = years is not None or as_of is not None
    tables = fetch_tables(kg, *MEMBERSHIP_TABLES, *(TIME_TABLES if timed else ()))
    organisations = pairs(tables["organization"])
    roles = pairs(tables["role"])
    periods = _periods(tables) if timed else {}
    merged = aliases(kg)
    examples = illustrative(kg)
    kept = []
    for membership, member, _ in tables["member"]:
        if membership in examples:
            continue
        actor = merged.get(member, member)
        collaboration = organisations.get(membership)
        if collaboration is None:
            continue
        begin, end = periods.get(membership, (None, None))
        if _in_time(begin, end, years, as_of):
            role = roles.get(membership)
            kept.append((actor, collaboration, local_name(role) if role else None))
    return kept


@dataclass(frozen=True, slots=True)  # 72 bytes each, not 352: a million at x10
class Membership:
    """One membership: who, in what, in what role, and its first and last calendar year
    (None where open: a membership with no dates runs in every year)."""

    actor: str
    collaboration: str
    role: str | None
    first: int | None
    last: int | None

    def runs_in(self, years: Years | None) -> bool:
        """Whether the membership runs in at least one year of ``years`` (None: every year).

        >>> Membership("a", "c", None, 2015, 2017).runs_in((2017, 2020))
        True
        >>> Membership("a", "c", None, 2015, None).runs_in((2010, 2014))
        False
        """
        if years is None:
            return True
        return (self.first is None or self.first <= years[1]) and (
            self.last is None or self.last >= years[0]
        )


@kept
def dated_memberships(kg: KnowledgeGraph) -> list[Membership]:
    """Every membership of an actor in a collaboration, with the years it runs; kept until the
    store changes. Scopes filter this one list rather than reading the store per window."""
    return _dated_memberships(kg)


def _dated_memberships(kg: KnowledgeGraph) -> list[Membership]:
    tables = fetch_tables(kg, *MEMBERSHIP_TABLES, *TIME_TABLES)
    organisations = pairs(tables["organization"])
    roles = pairs(tables["role"])
    periods = _periods(tables)
    merged = aliases(kg)
    actors = actor_attributes(kg)
    kinds = _collaboration_kinds(kg)
    examples = illustrative(kg)
    found = []
    for membership, member, _ in tables["member"]:
        actor = merged.get(member, member)
        collaboration = organisations.get(membership)
        if actor not in actors or collaboration not in kinds or membership in examples:
            continue
        begin, end = periods.get(membership, (None, None))
        role = roles.get(membership)
        found.append(
            Membership(
                actor,
                collaboration,
                local_name(role) if role else None,
                int(begin[:4]) if begin else None,
                int(end[:4]) if end else None,
            )
        )
    return found


def actor_regions(kg: KnowledgeGraph, *, by_city: bool = False) -> dict[str, str]:
    """Actor IRI -> its NUTS code (``HU110``), where a source states one (``hx:region``), or,
    ``by_city``, the county its city lies in (``hx:regionByCity``, recorded on import)."""
    merged = aliases(kg)
    table = "regionByCity" if by_city else "region"
    return {merged.get(s, s): local_name(o) for s, o, _ in fetch_tables(kg, table)[table]}


def _periods(tables: dict[str, list[Row]]) -> dict[str, tuple[str | None, str | None]]:
    """Membership -> (begin, end) as ISO dates or years, from ``org:memberDuring`` intervals."""
    instants = pairs(tables["instant"])
    begins, ends = pairs(tables["hasBeginning"]), pairs(tables["hasEnd"])
    periods = {}
    for membership, interval, _ in tables["memberDuring"]:
        begin, end = begins.get(interval), ends.get(interval)
        periods[membership] = (
            instants.get(begin) if begin else None,
            instants.get(end) if end else None,
        )
    return periods


def _in_time(begin: str | None, end: str | None, years: Years | None, as_of: date | None) -> bool:
    """Whether a membership running from ``begin`` to ``end`` (ISO dates or years) is kept.

    >>> _in_time("2015-03-01", "2017-02-28", (2016, 2016), None)
    True
    >>> _in_time("2015-03-01", "2017-02-28", (2018, 2020), None)
    False
    >>> _in_time("2015", None, None, date(2014, 12, 31))
    False
    """
    if years is not None:
        first, last = years
        return (begin is None or int(begin[:4]) <= last) and (end is None or int(end[:4]) >= first)
    if as_of is not None:
        day = as_of.isoformat()
        starts = begin if begin is None or len(begin) > 4 else begin + "-01-01"
        ends = end if end is None or len(end) > 4 else end + "-12-31"
        return (starts is None or starts <= day) and (ends is None or day <= ends)
    return True


def _affiliation(kg: KnowledgeGraph, years: Years | None, as_of: date | None) -> nx.Graph:
    timed = years is not None or as_of is not None
    fetch_tables(
        kg, *ACTOR_TABLES, *MEMBERSHIP_TABLES, "sector", "declared", *(TIME_TABLES if timed else ())
    )
    A = nx.Graph()
    actors = actor_attributes(kg)
    for iri, attrs in actors.items():
        A.add_node(iri, bipartite=0, **attrs)
    collaborations = collaboration_attributes(kg)
    for iri, attrs in collaborations.items():
        A.add_node(iri, **attrs)
    for actor, collaboration, role in _memberships(kg, years, as_of):
        if actor in actors and collaboration in collaborations:
            A.add_edge(actor, collaboration, role=role)
    return A


@kept
def collaboration_attributes(kg: KnowledgeGraph) -> dict[str, dict[str, Any]]:
    """Every real collaboration and its attributes, as the affiliation graph's nodes carry
    them (``bipartite`` 1, ``kind``, ``label``, ``country``, ``sectors``, ``declared_members``,
    ``title``): what a scope reads of its collaborations, without the graph of every
    membership of the store."""
    fetch_tables(kg, *ACTOR_TABLES, "sector", "declared", "title")  # concurrently
    kinds = _collaboration_kinds(kg)
    collaborations: dict[str, _Node] = {iri: _Node(kind=kind) for iri, kind in kinds.items()}
    _add_labels(kg, collaborations)
    for iri, country, _ in fetch_tables(kg, "country")["country"]:
        if iri in collaborations:
            collaborations[iri].country = country
    sectors: dict[str, list[str]] = defaultdict(list)
    for iri, sector, _ in fetch_tables(kg, "sector")["sector"]:
        if iri in collaborations:
            sectors[iri].append(local_name(sector))
    declared = {s: int(float(o)) for s, o, _ in fetch_tables(kg, "declared")["declared"]}
    titles = pairs(fetch_tables(kg, "title")["title"])
    return {
        iri: {
            "bipartite": 1,
            "kind": node.kind,
            "label": node.label,
            "country": node.country,
            "helix": None,
            "helices": [],
            "sectors": sorted(sectors[iri]),
            "declared_members": declared.get(iri),
            "title": titles.get(iri),
        }
        for iri, node in sorted(collaborations.items())
    }


def _collaboration(A: nx.Graph, weight: str | None) -> nx.Graph:
    actors = [n for n, side in A.nodes(data="bipartite") if side == 0]
    G = nx.Graph()
    G.add_nodes_from((n, {k: v for k, v in A.nodes[n].items() if k != "bipartite"}) for n in actors)
    for collaboration in (n for n, side in A.nodes(data="bipartite") if side == 1):
        members = sorted(A[collaboration])
        for i, u in enumerate(members):
            for v in members[i + 1 :]:
                if G.has_edge(u, v):
                    if weight is not None:
                        G[u][v][weight] += 1
                else:
                    G.add_edge(u, v, **({weight: 1} if weight is not None else {}))
    return G


def _relation(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    R = nx.MultiDiGraph()
    actors = actor_attributes(kg)
    R.add_nodes_from(actors.items())
    merged = aliases(kg)
    symmetric = {row["p"] for row in kg.select(f"SELECT ?p WHERE {{ ?p a <{SYMMETRIC}> }}")}
    arcs: set[tuple[str, str, str]] = set()
    symmetric_keys = {local_name(p) for p in symmetric}
    examples = illustrative(kg)
    for row in kg.select(
        f"""SELECT DISTINCT ?s ?p ?o WHERE {{
              ?p rdfs:subPropertyOf* <{TIE_PARENT}> .
              ?s ?p ?o .
              FILTER(isIRI(?s) && isIRI(?o) && ?s != ?o)
            }}"""
    ):
        s, p, o = merged.get(row["s"], row["s"]), row["p"], merged.get(row["o"], row["o"])
        if s == o or s in examples or o in examples:  # one actor's records; an example's tie
            continue
        arcs.add((s, o, local_name(p)))
        if p in symmetric:
            arcs.add((o, s, local_name(p)))
    others = {n for s, o, _ in arcs for n in (s, o)} - actors.keys()
    if others:
        kinds = _collaboration_kinds(kg)
        extra = {iri: _Node(kind=kinds.get(iri, "organization")) for iri in others}
        _add_labels(kg, extra)
        for iri, node in sorted(extra.items()):
            R.add_node(iri, label=node.label, kind=node.kind, helix=None, helices=[], country=None)
    for s, o, key in sorted(arcs):
        R.add_edge(s, o, key=key, relation=key, symmetric=key in symmetric_keys)
    return R
