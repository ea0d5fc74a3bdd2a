"""A scope: the part of the store an analysis is about, and the network of its actors.

An ecosystem manager asks about *their* ecosystem (Hungary's health actors, a NUTS region, the
members of one cluster, the actors of their own spreadsheet), not about everything the store
holds. A :class:`Scope` says which part, the same way everywhere (``--scope country=HU,
sector=health``, ``?country=HU&sector=health``, ``Scope(country="HU", sector="health")``):

- **in-scope collaborations**: those in the ``sector`` and, with ``years``, running in at least
  one year of the window; every collaboration when neither is given;
- **focal actors**: the actors matching the actor filters (``country``, ``region`` as a NUTS
  prefix, ``helix``, ``cluster`` members, ``source`` graph) that take part in at least one
  in-scope collaboration, or, without a sector, have a direct tie (``hx:funds`` …, which carry
  no sector and no dates); with years only the actors active in the window are nodes;
- **ties**: two focal actors are tied when they share in-scope collaborations (``weight``: how
  many) or, without a sector, a direct tie. A scope's own clusters tie nobody: a ``cluster``
  scope's cluster, and the clusters a ``source`` declares (a manager's member list and its
  cluster); sharing one would tie every member to every other, and the question is how they
  work apart from it.

``through="scope"`` measures the focal network alone; ``through="all"`` lets paths pass through
actors outside the scope (foreign partners) and measures the focal actors' reach in that wider
network (:func:`helixgraph.report.reach.reach_through_all`). The empty scope is the whole
store, every actor a node.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, fields, replace
from typing import Any, Literal

import networkx as nx

from helixgraph.countries import country_code
from helixgraph.errors import InputError
from helixgraph.helices import HELICES
from helixgraph.network import places, views
from helixgraph.network.tables import fetch_tables
from helixgraph.network.views import Years, local_name, parse_years
from helixgraph.rdf.namespaces import GRAPH_BASE
from helixgraph.rdf.vocab import HX
from helixgraph.store import KnowledgeGraph
from helixgraph.store.kept import kept, kept_by

Through = Literal["scope", "all"]
#: The actor filters, in the order a scope is written.
ACTOR_FILTERS = ("country", "region", "helix", "cluster", "source")


@dataclass(frozen=True)
class Scope:
    """What an analysis is about; every field None is the whole store.

    >>> Scope.parse("country=hu,sector=health", years=(2016, 2017)).text()
    'country=HU,sector=health,years=2016-2017'
    >>> Scope().describe()
    'the whole store'
    """

    country: str | None = None
    region: str | None = None
    sector: str | None = None
    helix: str | None = None
    cluster: str | None = None
    source: str | None = None
    years: Years | None = None

    @classmethod
    def parse(cls, text: str | None, *, years: Years | None = None) -> Scope:
        """``"country=HU,sector=health"`` (``years=2016-2017`` may be one of the parts) ->
        a Scope; :class:`InputError` naming the part that is wrong."""
        given: dict[str, str] = {}
        for part in (text or "").split(","):
            if not part.strip():
                continue
            name, _, value = part.partition("=")
            name, value = name.strip().lower(), value.strip()
            if name not in SCOPE_KEYS:
                raise InputError(
                    f"scope {part.strip()!r}: say one of {', '.join(SCOPE_KEYS)} "
                    "as name=value, such as country=HU,sector=health"
                )
            if not value:
                raise InputError(f"scope {part.strip()!r}: give a value after '='")
            if name in given:
                raise InputError(f"scope: {name} is given twice")
            given[name] = value
        if "years" in given:
            if years is not None:
                raise InputError("scope: give the years once (in the scope or as --years)")
            years = parse_years(given.pop("years"))
        return cls.of(**given, years=years)

    @classmethod
    def of(cls, *, years: Years | None = None, **filters: str | None) -> Scope:
        """A scope from its filters as users write them, normalised (country codes upper
        case, ``UK`` as ``GB``, helix and sector names lower case)."""
        values = {name: (value.strip() if value else None) for name, value in filters.items()}
        if values.get("country"):
            code = country_code(str(values["country"]))
            if code is None:
                raise InputError(
                    f"country {values['country']!r}: give its ISO code (HU) or its name in "
                    "English or Hungarian (Hungary, Magyarország)"
                )
            values["country"] = code
        if values.get("region"):
            values["region"] = str(values["region"]).upper()
        if values.get("sector"):
            values["sector"] = str(values["sector"]).lower()  # matched in any case: one key
        if values.get("helix"):
            helix = str(values["helix"]).lower()
            if helix not in HELICES:
                raise InputError(f"helix {values['helix']!r}: one of {', '.join(HELICES)}")
            values["helix"] = helix
        return cls(**{k: v or None for k, v in values.items()}, years=years)

    @property
    def whole(self) -> bool:
        """Whether this is the whole store: no filter and no years."""
        return all(getattr(self, f.name) is None for f in fields(self))

    @property
    def filters(self) -> dict[str, str]:
        """The filters given (not the years), as written in a scope."""
        return {name: value for name in FILTERS if (value := getattr(self, name)) is not None}

    @property
    def has_actor_filter(self) -> bool:
        """Whether some actors are outside the scope whatever they take part in."""
        return any(getattr(self, name) is not None for name in ACTOR_FILTERS)

    def with_years(self, years: Years | None) -> Scope:
        return replace(self, years=years)

    def text(self) -> str:
        """The scope as ``--scope`` takes it (with its years)."""
        parts = [f"{name}={value}" for name, value in self.filters.items()]
        if self.years:
            parts.append(f"years={_years_text(self.years)}")
        return ",".join(parts)

    def query(self) -> dict[str, str]:
        """The scope as a page's or an API's query parameters."""
        found = dict(self.filters)
        if self.years:
            found["years"] = _years_text(self.years)
        return found

    def describe(self) -> str:
        """In words: ``country HU, sector health, 2016-2017``."""
        if self.whole:
            return "the whole store"
        parts = [f"{name} {value}" for name, value in self.filters.items()]
        if self.years:
            parts.append(_years_text(self.years))
        return ", ".join(parts)


FILTERS = ("country", "region", "sector", "helix", "cluster", "source")
HELIX_IRIS = frozenset(HX.term(helix) for helix in HELICES)
SCOPE_KEYS = (*FILTERS, "years")


def _years_text(years: Years) -> str:
    return str(years[0]) if years[0] == years[1] else f"{years[0]}-{years[1]}"


# -- resolving a scope against the store ---------------------------------------------------------


@kept
def home_scope(kg: KnowledgeGraph) -> Scope:
    """The ecosystem the store was made for: the country most members of its clusters are in
    (the seed's Hungarian health clusters: ``country=HU``); in a store without clusters (a
    whole programme), the country with most actors; the whole store only when no actor has a
    country. What ``/`` and ``/viz`` open on, and what the server computes at start-up; kept
    until the store changes.

    >>> home_scope(KnowledgeGraph.in_memory()).country
    'HU'
    """
    attributes = views.collaboration_attributes(kg)
    actors = views.actor_attributes(kg)
    in_clusters = {
        (m.actor, m.collaboration)
        for m in views.dated_memberships(kg)
        if attributes[m.collaboration]["kind"] == "cluster"
    }  # each member of each cluster once, as the affiliation graph ties them
    countries = Counter(
        actors[actor]["country"] for actor, _ in in_clusters if actors[actor]["country"]
    )
    if not countries:  # no cluster: the country a user of the store most likely looks at
        countries = Counter(
            a["country"] for a in views.actor_attributes(kg).values() if a["country"]
        )
    return Scope(country=countries.most_common(1)[0][0]) if countries else Scope()


@kept
def sectors(kg: KnowledgeGraph) -> dict[str, dict[str, Any]]:
    """The sectors the ontology knows: short name (``health``) -> local name
    (``sectorHealth``), NACE notation and labels; kept until the store changes."""
    found: dict[str, dict[str, Any]] = {}
    for row in kg.select(
        """SELECT ?s ?notation ?label WHERE {
             ?s skos:inScheme hx:Sector .
             OPTIONAL { ?s skos:notation ?notation }
             OPTIONAL { ?s skos:prefLabel ?label }
           }"""
    ):
        name = local_name(row["s"])
        short = name.removeprefix("sector").lower()
        entry = found.setdefault(short, {"name": name, "notation": None, "labels": set()})
        entry["notation"] = row.get("notation") or entry["notation"]
        if row.get("label"):
            entry["labels"].add(row["label"].lower())
    return dict(sorted(found.items()))


def sector_name(kg: KnowledgeGraph, text: str) -> str:
    """The local name of the sector ``text`` names: its short name, local name, NACE notation or
    a label, any case."""
    wanted = text.strip().lower()
    known = sectors(kg)
    for short, entry in known.items():
        names = {short, entry["name"].lower(), str(entry["notation"] or "").lower()}
        if wanted in names | entry["labels"]:
            return str(entry["name"])
    raise InputError(f"sector {text!r}: not a sector of the ontology; one of {', '.join(known)}")


def cluster_iri(kg: KnowledgeGraph, text: str) -> str:
    """The IRI of the cluster ``text`` names: its IRI, local name or label, any case."""
    found = views.collaboration_attributes(kg)
    clusters = {n: d for n, d in found.items() if d["kind"] == "cluster"}
    wanted = text.strip().lower()
    for iri, attrs in sorted(clusters.items()):
        if wanted in (iri.lower(), local_name(iri).lower(), str(attrs.get("label")).lower()):
            return str(iri)
    names = ", ".join(local_name(iri) for iri in sorted(clusters)) or "none in the store"
    raise InputError(f"cluster {text!r}: no such cluster; the clusters: {names}")


def _source(kg: KnowledgeGraph, text: str) -> str:
    """The IRI of the graph ``text`` names: its IRI or its name (``seed-ecosystem``)."""
    graphs = kg.graph_names()
    for iri in (text.strip(), GRAPH_BASE + text.strip()):
        if iri in graphs:
            return iri
    names = ", ".join(g.removeprefix(GRAPH_BASE) for g in graphs)
    raise InputError(f"source {text!r}: no such graph; the graphs: {names}")


def _source_actors(kg: KnowledgeGraph, graph: str) -> set[str]:
    merged = views.aliases(kg)
    rows = kg.select(f"SELECT DISTINCT ?s WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    return {merged.get(row["s"], row["s"]) for row in rows}


# -- the scoped network ------------------------------------------------------------------------


@dataclass(frozen=True)
class ScopedNetwork:
    """The focal actors of a scope and their ties.

    ``actors``: the actor network among the focal actors (attributes as in
    :func:`views.actor_network`); ``affiliation``: the focal actors and the in-scope
    collaborations they take part in (bipartite, as :func:`views.affiliation_graph`);
    ``collaborations``: every in-scope collaboration and all its members, in the scope or not
    (what paths ``through="all"`` may use).
    """

    scope: Scope
    actors: nx.Graph
    affiliation: nx.Graph
    collaborations: dict[str, set[str]]
    direct_ties: bool


@kept_by("scope")
def scoped_network(kg: KnowledgeGraph, scope: Scope) -> ScopedNetwork:
    """The network of the scope's focal actors; kept until the store changes (among the last
    few scopes asked). :class:`InputError` when a filter names nothing the store knows.

    >>> kg = KnowledgeGraph.in_memory()
    >>> net = scoped_network(kg, Scope(country="HU"))
    >>> all(country == "HU" for _, country in net.actors.nodes(data="country"))
    True
    """
    return build_scoped_network(kg, scope)


def build_scoped_network(kg: KnowledgeGraph, scope: Scope) -> ScopedNetwork:
    """:func:`scoped_network`, not kept."""
    if scope.whole:
        A = views.affiliation_graph(kg)
        every = defaultdict(set)
        for actor, collaboration in A.edges():
            if A.nodes[actor].get("bipartite") == 1:
                actor, collaboration = collaboration, actor
            every[collaboration].add(actor)
        return ScopedNetwork(scope, views.actor_network(kg), A, dict(every), True)
    part = _select(kg, scope)
    attributes = views.collaboration_attributes(kg)
    actors = views.actor_attributes(kg)
    N = nx.Graph()
    N.add_nodes_from((a, actors[a]) for a in sorted(part.focal))
    A = nx.Graph()
    A.add_nodes_from((a, {"bipartite": 0, **actors[a]}) for a in sorted(part.focal))
    for collaboration, members in sorted(part.collaborations.items()):
        if members.isdisjoint(part.focal):
            continue  # most of them, where the scope is a country's
        inside = sorted(members & part.focal)
        A.add_node(collaboration, **attributes[collaboration])
        A.add_edges_from((a, collaboration, {"role": part.roles[a, collaboration]}) for a in inside)
        if collaboration in part.own:
            continue  # the scope's own clusters tie every member: see the module's docstring
        for i, u in enumerate(inside):
            for v in inside[i + 1 :]:
                if N.has_edge(u, v):
                    N[u][v]["weight"] += 1
                else:
                    N.add_edge(u, v, weight=1)
    for u, v, key in part.direct or []:
        if not N.has_edge(u, v):
            N.add_edge(u, v, weight=0)
        N[u][v]["relations"] = sorted(set(N[u][v].get("relations", [])) | {key})
    collaborations = {c: m for c, m in part.collaborations.items() if c not in part.own}
    return ScopedNetwork(scope, nx.freeze(N), nx.freeze(A), collaborations, part.direct is not None)


@dataclass
class Selection:
    """What a scope selects: in-scope collaborations with all their members, the focal actors,
    membership roles, the scope's own clusters, and the direct ties among focal actors (None
    where a sector is asked: direct ties have none)."""

    collaborations: dict[str, set[str]]
    focal: set[str]
    roles: dict[tuple[str, str], str | None]
    own: frozenset[str]
    direct: list[tuple[str, str, str]] | None


def _select(
    kg: KnowledgeGraph,
    scope: Scope,
    memberships: list[views.Membership] | None = None,
    matching: set[str] | None = None,
) -> Selection:
    """``memberships``, ``matching``: where to look (default: all) and the actors the filters
    let in; a caller asking year after year finds both once."""
    attributes = views.collaboration_attributes(kg)
    actors = views.actor_attributes(kg)
    sector = sector_name(kg, scope.sector) if scope.sector else None
    cluster = cluster_iri(kg, scope.cluster) if scope.cluster else None
    if matching is None:
        matching = _matching_actors(kg, scope, actors, cluster)
    elif cluster is not None:  # the cluster's members active in this window
        matching = matching & {
            m.actor
            for m in memberships or views.dated_memberships(kg)
            if m.collaboration == cluster and m.runs_in(scope.years)
        }
    in_scope: dict[str, set[str]] = defaultdict(set)
    roles: dict[tuple[str, str], str | None] = {}
    for m in views.dated_memberships(kg) if memberships is None else memberships:
        if not m.runs_in(scope.years):
            continue
        if sector is not None and sector not in attributes[m.collaboration]["sectors"]:
            continue
        in_scope[m.collaboration].add(m.actor)
        if m.actor in matching:  # the focal actors' roles, all a scope shows (a million at x10)
            roles[m.actor, m.collaboration] = m.role
    focal = {a for members in in_scope.values() for a in members if a in matching}
    direct = None
    if sector is None:
        R = views.relation_graph(kg)
        direct = [
            (u, v, key)
            for u, v, key in R.edges(keys=True)
            if u in matching and v in matching and u in actors and v in actors
        ]
        focal |= {a for u, v, _ in direct for a in (u, v)}
    return Selection(dict(in_scope), focal, roles, _own_clusters(kg, scope, cluster), direct)


def _own_clusters(kg: KnowledgeGraph, scope: Scope, cluster: str | None) -> frozenset[str]:
    """The clusters that are the scope itself: its ``cluster``, those its ``source`` declares."""
    own = {cluster} if cluster else set()
    if scope.source:
        attributes = views.collaboration_attributes(kg)
        declared = _source_actors(kg, _source(kg, scope.source))  # every subject of the graph
        own |= {c for c in declared if attributes.get(c, {}).get("kind") == "cluster"}
    return frozenset(own)


def selections_by_year(
    kg: KnowledgeGraph, scope: Scope, years: list[int]
) -> list[tuple[int, Selection]]:
    """What ``scope`` selects in each of ``years`` alone (its own years replaced by each year
    in turn: the same semantics as ``--years``)."""
    actors = views.actor_attributes(kg)
    cluster = cluster_iri(kg, scope.cluster) if scope.cluster else None
    matching = _matching_actors(kg, scope.with_years(None), actors, cluster)
    mine = [m for m in views.dated_memberships(kg) if m.actor in matching]
    return [(year, _select(kg, scope.with_years((year, year)), mine, matching)) for year in years]


def check_country(kg: KnowledgeGraph, scope: Scope, held: frozenset[str] | None = None) -> None:
    """:class:`InputError` for a country no actor of the store is in, with the codes it holds
    (a typo, or a code the data writes otherwise, should not read as an empty ecosystem).
    ``held``: :func:`countries_held`, where the caller has it."""
    if not scope.country:
        return
    held = countries_held(kg) if held is None else held
    if held and scope.country not in held:
        raise InputError(
            f"country {scope.country!r}: the store holds actors of {', '.join(sorted(held))}"
        )


@kept  # asked on every request with a scope: counted once per state of the store
def countries_held(kg: KnowledgeGraph) -> frozenset[str]:
    """The countries the store's actors are in (as :func:`views.actor_attributes` gives them),
    read from four tables rather than the views: the first request with a country asks it,
    and on a big store the views take a minute.

    >>> "HU" in countries_held(KnowledgeGraph.in_memory())
    True
    """
    tables = fetch_tables(kg, "classification", "kind", "country", "illustrative")
    collaborations = {s for s, _, _ in tables["kind"]}
    examples = {s for s, _, _ in tables["illustrative"]}
    merged = views.aliases(kg)
    actors = {
        merged.get(actor, actor)
        for actor, helix, _ in tables["classification"]
        if helix in HELIX_IRIS and actor not in collaborations
    } - examples
    country = {}  # the last one stated, as the views take it
    for iri, code, _ in tables["country"]:
        if (actor := merged.get(iri, iri)) in actors:
            country[actor] = code
    return frozenset(code for code in country.values() if code)


def _matching_actors(
    kg: KnowledgeGraph,
    scope: Scope,
    actors: dict[str, dict[str, Any]],
    cluster: str | None,
) -> set[str]:
    """The actors the actor filters let in (every actor when there are none)."""
    found = set(actors)
    if scope.country:
        found = {a for a in found if actors[a]["country"] == scope.country}
    if scope.region:
        regions = places.actor_nuts(kg)
        found = {a for a in found if regions.get(a, "").startswith(str(scope.region))}
    if scope.helix:
        found = {a for a in found if scope.helix in actors[a]["helices"]}
    if cluster is not None:
        members = {
            m.actor
            for m in views.dated_memberships(kg)
            if m.collaboration == cluster and m.runs_in(scope.years)
        }
        found &= members
    if scope.source:
        found &= _source_actors(kg, _source(kg, scope.source))
    return found


# -- reach through the wider network -----------------------------------------------------------


def wider_network(
    net: ScopedNetwork, kg: KnowledgeGraph
) -> tuple[Any, dict[str, int], frozenset[str]]:
    """The bipartite graph of actors and in-scope collaborations (a direct tie is a middle
    vertex: two steps), its vertex of each actor and collaboration (every actor of the store
    has one, so that any scope's focal actors are in it), and the actors in those
    collaborations and ties; kept with the scope."""
    import igraph as ig

    def build() -> tuple[Any, dict[str, int], frozenset[str]]:
        index: dict[str, int] = {}

        def vertex(name: str) -> int:
            return index.setdefault(name, len(index))

        edges = [
            (vertex(actor), vertex(collaboration))
            for collaboration, members in net.collaborations.items()
            for actor in members
        ]
        actors = {actor for members in net.collaborations.values() for actor in members}
        if net.direct_ties:
            R = views.relation_graph(kg)
            for u, v in R.edges():
                if R.nodes[u].get("kind") == R.nodes[v].get("kind") == "actor":
                    middle = vertex(f"{u} {v}")
                    edges += [(vertex(u), middle), (middle, vertex(v))]
                    actors |= {u, v}
        # shared by scopes with other focal actors: one with no in-scope tie is a vertex alone
        for actor in views.actor_attributes(kg):
            vertex(actor)
        return ig.Graph(n=len(index), edges=edges), index, frozenset(actors)

    # what selects collaborations only, not the actor filters: every country of a sector shares it
    key = ("wider network", net.scope.sector, net.scope.years, net.scope.cluster)
    found: tuple[Any, dict[str, int], frozenset[str]] = kg.memo(key, build, scope=key)
    return found
