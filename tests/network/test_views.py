"""Views of a hand-made ecosystem whose networks are worked out by hand.

The data is tests/fixtures/small-ecosystem.ttl:

P1 (project, 2014-2016): A, B, C.  P2 (cluster, from 2018): A, B.
C funds A.  A collaboratesWith B.
So the collaboration graph has A-B weight 2 (P1 and P2), A-C 1, B-C 1, and D alone.
"""

from __future__ import annotations

from datetime import date

import networkx as nx
import pytest
from conftest import FIXTURES

from helixgraph.network import views
from helixgraph.store import KnowledgeGraph

EX = "https://example.org/eco/"
A, B, C, D, P1, P2 = (EX + n for n in ("A", "B", "C", "D", "P1", "P2"))


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    graph = KnowledgeGraph.in_memory()
    graph.load([FIXTURES / "small-ecosystem.ttl"])
    return graph


def only_fixture(G: nx.Graph) -> nx.Graph:
    """The fixture's part of a view (the store also holds the default ecosystem)."""
    return G.subgraph([n for n in G if n.startswith(EX)])


def weights(G: nx.Graph) -> dict[frozenset[str], int]:
    return {frozenset((u, v)): w for u, v, w in G.edges(data="weight")}


def test_affiliation_graph_is_bipartite_actors_and_collaborations(kg: KnowledgeGraph) -> None:
    A_ = only_fixture(views.affiliation_graph(kg))
    assert {n for n, side in A_.nodes(data="bipartite") if side == 0} == {A, B, C, D}
    assert {n for n, side in A_.nodes(data="bipartite") if side == 1} == {P1, P2}
    assert nx.is_bipartite(A_)
    assert set(map(frozenset, A_.edges)) == {
        frozenset(e) for e in [(A, P1), (B, P1), (C, P1), (A, P2), (B, P2)]
    }
    assert A_.edges[A, P1]["role"] == "coordinator"
    assert A_.nodes[P1]["kind"] == "project"
    assert A_.nodes[P2]["kind"] == "cluster"


def test_node_attributes(kg: KnowledgeGraph) -> None:
    G = views.collaboration_graph(kg)
    assert G.nodes[A] == {
        "label": "Alpha University",  # English preferred over Hungarian
        "helix": "academia",
        "helices": ["academia"],
        "country": "HU",
        "kind": "actor",
    }
    assert G.nodes[B]["label"] == "Beta Ltd"  # foaf:name when there is no prefLabel
    assert G.nodes[C]["helix"] == "government"  # hx:primaryHelix
    assert G.nodes[C]["helices"] == ["government", "business"]
    assert G.nodes[D]["country"] is None


def test_collaboration_graph_counts_shared_collaborations(kg: KnowledgeGraph) -> None:
    G = only_fixture(views.collaboration_graph(kg))
    assert weights(G) == {
        frozenset((A, B)): 2,
        frozenset((A, C)): 1,
        frozenset((B, C)): 1,
    }
    assert G.degree(D) == 0


def test_collaboration_graph_without_weights(kg: KnowledgeGraph) -> None:
    G = only_fixture(views.collaboration_graph(kg, weight=None))
    assert all(data == {} for _, _, data in G.edges(data=True))
    assert G.number_of_edges() == 3


def test_years_keep_memberships_that_overlap(kg: KnowledgeGraph) -> None:
    early = only_fixture(views.collaboration_graph(kg, years=(2014, 2016)))
    assert weights(early) == {
        frozenset((A, B)): 1,
        frozenset((A, C)): 1,
        frozenset((B, C)): 1,
    }
    late = only_fixture(views.collaboration_graph(kg, years=(2018, 2020)))
    assert weights(late) == {frozenset((A, B)): 1}
    gap = only_fixture(views.collaboration_graph(kg, years=(2017, 2017)))
    assert gap.number_of_edges() == 0
    assert set(gap) == {A, B, C, D}  # actors stay, ties go


def test_as_of_a_day(kg: KnowledgeGraph) -> None:
    G = only_fixture(views.collaboration_graph(kg, as_of=date(2016, 12, 31)))
    assert G.number_of_edges() == 3
    G = only_fixture(views.collaboration_graph(kg, as_of=date(2017, 1, 1)))
    assert G.number_of_edges() == 0


def test_time_arguments_are_checked(kg: KnowledgeGraph) -> None:
    with pytest.raises(ValueError, match="not both"):
        views.collaboration_graph(kg, years=(2014, 2016), as_of=date(2015, 1, 1))
    with pytest.raises(ValueError, match="start year comes after"):
        views.affiliation_graph(kg, years=(2020, 2014))


def test_relation_graph_keys_ties_by_relation(kg: KnowledgeGraph) -> None:
    R = only_fixture(views.relation_graph(kg))
    assert isinstance(R, nx.MultiDiGraph)
    assert sorted(R.edges(keys=True)) == sorted(
        [(C, A, "funds"), (A, B, "collaboratesWith"), (B, A, "collaboratesWith")]
    )
    assert R.edges[A, B, "collaboratesWith"]["symmetric"] is True
    assert R.edges[C, A, "funds"]["symmetric"] is False


def test_actor_network_joins_shared_collaborations_and_ties(kg: KnowledgeGraph) -> None:
    N = only_fixture(views.actor_network(kg))
    assert N.edges[A, C] == {"weight": 1, "relations": ["funds"]}
    assert N.edges[A, B] == {"weight": 2, "relations": ["collaboratesWith"]}


@pytest.mark.parametrize("view", ["affiliation_graph", "collaboration_graph", "relation_graph"])
def test_literals_never_become_nodes(kg: KnowledgeGraph, view: str) -> None:
    G = getattr(views, view)(kg)
    query = "SELECT DISTINCT ?x WHERE { { ?x ?p ?o } UNION { ?s ?p ?x } FILTER(isIRI(?x)) }"
    iris = {row["x"] for row in kg.select(query)}
    assert set(G) <= iris


def test_views_are_frozen_and_recomputed_after_a_write(tmp_path: object) -> None:
    kg = KnowledgeGraph.in_memory()
    first = views.collaboration_graph(kg)
    assert nx.is_frozen(first)
    assert views.collaboration_graph(kg) is first
    kg.load([FIXTURES / "small-ecosystem.ttl"])
    second = views.collaboration_graph(kg)
    assert second is not first
    assert A in second
    assert A not in first


def test_seed_mediklaszter_cluster_has_its_seven_institutes(seed_kg: KnowledgeGraph) -> None:
    Af = views.affiliation_graph(seed_kg)
    cluster = "https://w3id.org/helixgraph/id/cluster/mediklaszter"
    institutes = [n for n in Af[cluster] if Af.edges[n, cluster]["role"] == "cooperatingInstitute"]
    assert len(institutes) == 7
    assert {Af.nodes[n]["helix"] for n in institutes} == {"academia"}
