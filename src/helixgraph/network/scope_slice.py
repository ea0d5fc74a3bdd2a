"""A scope's slice of the store: what a report of a sector or a country scope reads, and little
else.

A scope with a sector (``country=HU,sector=health``) is about the sector's collaborations and
the actors in them: its focal actors are members of those, its ties run through them, and so do
the paths its reach may take (``through="all"``; a sector scope has no direct ties). So its
report needs those collaborations, their memberships and dates, their members (with the actors
they are stated the same as) and the ontology, not the whole store's tables. The slice is
fetched with the sector in the queries (the collaborations first, then what hangs off them, by
``VALUES`` blocks: on Oxigraph a join driven from the small side), copied into a store in
memory, and the report computed there: the same figures, read from a part of the store (Hungary's
health actors on all of Horizon 2020: 119,000 of 1.6 M statements; of the store-wide tables
only the small one of the actors stated the same, ``owl:sameAs``).

A country scope without a sector (``country=HU``, perhaps with a region or a helix) is about
the country's actors, but its reach (``report.reach``: paths through any collaboration) runs
through every membership of the store. Its slice holds every statement of the actors that state
the country (and of those stated the same), of their memberships and periods, of the
collaborations they are in, and the direct ties; it is told, rather than holds, seven
store-wide tables read from the store: which IRIs are actors (``org:classification``) and
collaborations (their kinds), who is stated the same, the examples, every membership's member
and organisation (the pairs the reach needs; no roles, dates or labels of the others), and the
countries (read anyway to find the country's actors, and told so that an actor stated in two
countries gets the one the views give it). Hungary on all of Horizon 2020: a slice of 28,855
statements and 392,645 rows of those tables (two are empty), where the store-wide views read
944,502 rows of nineteen.
A country scope with years is not sliced: its reach runs through the memberships of those years
only, so its slice would be told the four tables of every membership's dates as well, and
then it reads nearly what the views read (Hungary in 2016-2017 on all of H2020: 5.0 s against
5.7 s, within this machine's noise).

Scopes that name a ``cluster`` or a ``source`` are not sliced: their members may take part
outside the sector (a cluster is matched by its name, a source by its graph).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from helixgraph.network.scope import Scope, sector_name
from helixgraph.network.tables import fetch_tables
from helixgraph.network.views import TIE_PARENT, aliases
from helixgraph.rdf.namespaces import GRAPH_BASE
from helixgraph.rdf.vocab import HX
from helixgraph.store import ONTOLOGY_GRAPH, KnowledgeGraph

#: IRIs per VALUES block: a query of some 150 kB, for a remote store too.
BATCH = 2000


def sliceable(scope: Scope) -> bool:
    """Whether ``scope``'s report can be read from its slice (see the docstring).

    >>> sliceable(Scope(country="HU", sector="health")), sliceable(Scope(country="HU"))
    (True, True)
    >>> sliceable(Scope(country="HU", years=(2016, 2017))), sliceable(Scope(helix="academia"))
    (False, False)
    """
    if scope.cluster is not None or scope.source is not None:
        return False
    return scope.sector is not None or (scope.country is not None and scope.years is None)


def scope_slice(kg: KnowledgeGraph, scope: Scope) -> KnowledgeGraph | None:
    """:func:`sector_slice` or :func:`country_slice`, whichever ``scope`` has (it is
    :func:`sliceable`)."""
    return sector_slice(kg, scope) if scope.sector is not None else country_slice(kg, scope)


def sector_slice(kg: KnowledgeGraph, scope: Scope) -> KnowledgeGraph | None:
    """A store in memory holding every statement about the collaborations of
    ``scope``'s sector, their memberships and their periods, the members and the actors they
    are stated the same as, and the ontology graph; None where a collaboration or a member is a
    blank node (it cannot be asked for by name: the caller reads the whole store).
    :class:`InputError` for a sector the ontology does not know.

    >>> kg = KnowledgeGraph.in_memory()
    >>> part = sector_slice(kg, Scope(sector="health"))
    >>> 0 < len(part) < len(kg)
    True
    """
    sector = HX.term(sector_name(kg, str(scope.sector)))
    collaborations = _iris(kg.query(f"SELECT ?c WHERE {{ ?c hx:sector <{sector}> }}"), "c")
    if collaborations is None:
        return None
    store = ox.Store()
    for batch in _batches(collaborations):
        # a membership, its period and the period's ends may be blank nodes: one query each
        # batch, so that a blank node stands for the same one throughout
        _copy(kg.query(MEMBERSHIPS % batch), store)
    part = KnowledgeGraph(store, read_only=True)
    members = _iris(part.query("SELECT DISTINCT ?a WHERE { ?m org:member ?a }"), "a")
    if members is None:
        return None
    merged = aliases(kg)  # an actor's statements may be about another IRI stated the same
    chosen = {merged.get(member, member) for member in members}
    same = chosen | {alias for alias, into in merged.items() if into in chosen}
    _copy_about(kg, collaborations | same, store)
    return part


#: The store-wide tables a country's slice is told (see the module docstring).
#: The two big ones first: two scans run at a time, the small ones fill in beside them.
TOLD = ("member", "organization", "classification", "kind", "country", "sameAs", "illustrative")


def country_slice(kg: KnowledgeGraph, scope: Scope) -> KnowledgeGraph | None:
    """A store in memory holding every statement about the actors stating ``scope``'s country
    (and those stated the same), their memberships, the memberships' periods, the
    collaborations they are in, the direct ties and the ontology graph, and told the store-wide
    tables :data:`TOLD` (see the module docstring); None where a membership or a collaboration
    of those actors is a blank node.

    >>> kg = KnowledgeGraph.in_memory()
    >>> part = country_slice(kg, Scope(country="HU"))
    >>> 0 < len(part) < len(kg) // 4
    True
    """
    tables = fetch_tables(kg, *TOLD)
    merged = aliases(kg)
    # a blank node's label has no colon, an IRI has: actors are IRIs (the views' rule)
    chosen = {
        merged.get(iri, iri)
        for iri, code, _ in tables["country"]
        if code == scope.country and ":" in iri
    }
    same = chosen | {alias for alias, into in merged.items() if into in chosen}
    store = ox.Store()
    for batch in _batches(same):
        _copy(kg.query(ACTORS_MEMBERSHIPS % batch), store)
    part = KnowledgeGraph(store, read_only=True)
    memberships = _iris(part.query("SELECT DISTINCT ?m WHERE { ?m org:member ?a }"), "m")
    collaborations = _iris(part.query("SELECT DISTINCT ?c WHERE { ?m org:organization ?c }"), "c")
    if memberships is None or collaborations is None:
        return None  # the told tables name it otherwise than the slice would
    _copy_about(kg, collaborations | same, store)
    _copy(kg.query(TIES), store)
    part.seed([(("table", name), tables[name]) for name in TOLD], part.generation)
    return part


#: The graph a slice holds what it copies in (a sector scope names no graph).
SLICE = ox.NamedNode(GRAPH_BASE + "slice")
#: The statements of the memberships whose ``{link}`` (``org:organization``: their
#: collaboration; ``org:member``: their member) is in a VALUES block, of their periods and of
#: the periods' ends.
_MEMBERSHIPS_BY = """CONSTRUCT {{ ?s ?p ?o }} WHERE {{
  {{ SELECT DISTINCT ?s WHERE {{
      VALUES ?x {{ %s }}
      ?m {link} ?x .
      ?m (org:memberDuring/(time:hasBeginning|time:hasEnd)?)? ?s }} }}
  ?s ?p ?o
}}"""
#: The memberships of the collaborations in a VALUES block (a sector's slice).
MEMBERSHIPS = _MEMBERSHIPS_BY.format(link="org:organization")
#: The memberships of the actors in a VALUES block (a country's slice).
ACTORS_MEMBERSHIPS = _MEMBERSHIPS_BY.format(link="org:member")
#: Every direct tie (``org:linkedTo`` and the properties under it) and what declares them.
TIES = f"""CONSTRUCT {{ ?s ?p ?o . ?p rdfs:subPropertyOf ?q . ?p a ?type }} WHERE {{
  ?p rdfs:subPropertyOf* <{TIE_PARENT}> .
  {{ ?s ?p ?o FILTER(isIRI(?s) && isIRI(?o)) }}
  UNION {{ ?p rdfs:subPropertyOf ?q }} UNION {{ ?p a ?type }}
}}"""


def _copy_about(kg: KnowledgeGraph, iris: set[str], store: ox.Store) -> None:
    """Copy every statement about ``iris``, and the ontology graph, from ``kg`` to ``store``."""
    for batch in _batches(iris):
        _copy(
            kg.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?s {{ {batch} }} ?s ?p ?o }}"),
            store,
        )
    _copy(
        kg.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?s ?p ?o }} }}"),
        store,
    )


def _iris(solutions: object, name: str) -> set[str] | None:
    """The values of ``name`` in ``solutions``; None where one is not an IRI."""
    found = set()
    for row in solutions:  # type: ignore[attr-defined]
        if not isinstance(row[name], ox.NamedNode):
            return None
        found.add(row[name].value)
    return found


def _batches(iris: Iterable[str]) -> Iterator[str]:
    ordered = sorted(iris)
    for start in range(0, len(ordered), BATCH):
        yield " ".join(f"<{iri}>" for iri in ordered[start : start + BATCH])


def _copy(triples: object, store: ox.Store) -> None:
    """Add what a CONSTRUCT answered to ``store``'s graph :data:`SLICE` (as N-Triples where
    the answer can say itself so: no Python object per statement)."""
    if isinstance(triples, ox.QueryTriples):
        data = triples.serialize(format=ox.RdfFormat.N_TRIPLES) or b""
        store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=SLICE)
    else:
        store.extend(ox.Quad(t.subject, t.predicate, t.object, SLICE) for t in triples)  # type: ignore[attr-defined]
