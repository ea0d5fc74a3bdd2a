"""An actor's place in the actors' network, for its record: how many actors it shares a
collaboration or a direct tie with, how many collaborations it shares, the size of its part of
the network. Counted from the store-wide views every scope starts from (the memberships and the
direct ties), not from the actors' network of the whole store: on all of Horizon 2020 that is a
million edges, which the first record asked would have built in the server.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable
from dataclasses import dataclass

from helixgraph.analysis.summary import group_components
from helixgraph.network import views
from helixgraph.network.records import collaboration_members
from helixgraph.store import KnowledgeGraph
from helixgraph.store.kept import kept


@dataclass(frozen=True)
class _Places:
    collaborations: dict[str, list[str]]  # actor -> its collaborations
    tied: dict[str, set[str]]  # actor -> the actors it has a direct tie with, either way
    part: dict[Hashable, Hashable]  # actor -> one actor of its part of the network
    sizes: Counter[Hashable]  # that actor -> the part's size


@kept
def _places(kg: KnowledgeGraph) -> _Places:
    actors = views.actor_attributes(kg)
    members = collaboration_members(kg)
    collaborations: defaultdict[str, list[str]] = defaultdict(list)
    for collaboration, them in members.items():
        for actor in them:
            collaborations[actor].append(collaboration)
    ties = views.relation_graph(kg).edges()
    tied: defaultdict[str, set[str]] = defaultdict(set)
    for u, v in ties:
        if u in actors and v in actors:
            tied[u].add(v)
            tied[v].add(u)
    part = group_components(actors, members.values(), ties)
    return _Places(dict(collaborations), dict(tied), part, Counter(part.values()))


def part_sizes(kg: KnowledgeGraph) -> list[int]:
    """The sizes of the actors' network's parts (connected components), largest first, each
    actor alone a part of 1: what :func:`~helixgraph.analysis.summary.component_sizes` says of
    the network drawn."""
    return sorted(_places(kg).sizes.values(), reverse=True)


def actor_metrics(kg: KnowledgeGraph, iri: str) -> dict[str, int | float]:
    """The network metrics of an actor's record (0, and a part of 1, for one with no place in
    the network: an example marked ``hx:illustrative``). ``degree``: the actors it shares a
    collaboration or a direct tie with; ``shared_collaborations``: collaborations shared, one
    per partner and collaboration; ``component_size``; ``degree_centrality``: the degree over
    the other actors.

    >>> kg = KnowledgeGraph.in_memory()
    >>> actor_metrics(kg, "https://w3id.org/helixgraph/id/actor/mediklaszter")["degree"]
    11
    """
    places = _places(kg)
    if iri not in places.part:
        return {"degree": 0, "shared_collaborations": 0, "component_size": 1,
                "degree_centrality": 0.0}  # fmt: skip
    mine = places.collaborations.get(iri, [])
    members = collaboration_members(kg)
    partners = {a for c in mine for a in members[c]} | places.tied.get(iri, set())
    # a tie of an actor with itself is a loop, which counts twice in a degree (as networkx's)
    degree = len(partners - {iri}) + (2 if iri in places.tied.get(iri, ()) else 0)
    return {
        "degree": degree,
        "shared_collaborations": sum(len(members[c]) - 1 for c in mine),
        "component_size": places.sizes[places.part[iri]],
        "degree_centrality": degree / (len(places.part) - 1) if len(places.part) > 1 else 0.0,
    }
