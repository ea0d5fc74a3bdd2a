"""A sector's slice of the store: what a report of a sector scope reads, and nothing else.

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

Scopes that name a ``cluster`` or a ``source`` are not sliced: their members may take part
outside the sector (a cluster is matched by its name, a source by its graph).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from helixgraph.network.scope import Scope, sector_name
from helixgraph.network.views import aliases
from helixgraph.rdf.namespaces import GRAPH_BASE
from helixgraph.rdf.vocab import HX
from helixgraph.store import ONTOLOGY_GRAPH, KnowledgeGraph

#: IRIs per VALUES block: a query of some 150 kB, for a remote store too.
BATCH = 2000


def sliceable(scope: Scope) -> bool:
    """Whether ``scope``'s report can be read from its sector's slice (see the docstring).

    >>> sliceable(Scope(country="HU", sector="health")), sliceable(Scope(country="HU"))
    (True, False)
    """
    return scope.sector is not None and scope.cluster is None and scope.source is None


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
    for batch in _batches(collaborations | same):
        _copy(
            kg.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?s {{ {batch} }} ?s ?p ?o }}"),
            store,
        )
    _copy(
        kg.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?s ?p ?o }} }}"),
        store,
    )
    return part


#: The graph a slice holds what it copies in (a sector scope names no graph).
SLICE = ox.NamedNode(GRAPH_BASE + "slice")
#: The statements of the memberships of the collaborations in a VALUES block, and of their
#: periods and the periods' ends.
MEMBERSHIPS = """CONSTRUCT { ?s ?p ?o } WHERE {
  { SELECT DISTINCT ?s WHERE {
      VALUES ?c { %s }
      ?m org:organization ?c .
      ?m (org:memberDuring/(time:hasBeginning|time:hasEnd)?)? ?s } }
  ?s ?p ?o
}"""


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
