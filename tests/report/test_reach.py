"""Reach through the wider network is the same whichever scope was asked first: the wider
network is shared by scopes of one sector, years and cluster, whatever their actor filters."""

from __future__ import annotations

from pathlib import Path

from helixgraph.network.scope import Scope, scoped_network
from helixgraph.report.reach import reach_through_all
from helixgraph.store import KnowledgeGraph

#: A cluster of three members (two businesses, a university) with no other tie: the cluster's
#: own membership ties nobody in its scope, so each member is a part of its own.
CLUSTER = """@prefix org: <http://www.w3.org/ns/org#> .
@prefix hx: <https://w3id.org/helixgraph/ns#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix a: <https://w3id.org/helixgraph/id/actor/> .
<https://w3id.org/helixgraph/id/cluster/solo> a hx:Cluster ; skos:prefLabel "Solo"@en .
""" + "".join(
    f"""a:{name} a org:FormalOrganization ; skos:prefLabel "{name}"@en ;
    org:classification hx:{helix} ; hx:country "HU" .
[] a org:Membership ; org:member a:{name} ;
    org:organization <https://w3id.org/helixgraph/id/cluster/solo> .
"""
    for name, helix in (("b1", "business"), ("b2", "business"), ("u1", "academia"))
)


def test_the_order_scopes_are_asked_in_changes_no_figure(tmp_path: Path) -> None:
    (tmp_path / "solo.ttl").write_text(CLUSTER, encoding="utf-8")
    business, whole = Scope(cluster="solo", helix="business"), Scope(cluster="solo")
    answers = []
    for order in ((business, whole), (whole, business)):
        kg = KnowledgeGraph.in_memory(default_data=False)
        kg.load([tmp_path / "solo.ttl"])
        answers.append({s: reach_through_all(scoped_network(kg, s), kg) for s in order})
    assert answers[0] == answers[1]  # before: the second scope's university was no vertex
    # counted by hand: no tie but the cluster's, so every member stands alone
    assert answers[0][whole].model_dump() == {
        "actors_in_wider_network": 3,
        "outside_partners": 0,
        "parts": 3,
        "largest": 1,
        "isolates": 3,
        "fragmentation": 1.0,
        "distance_fragmentation": 1.0,
        "distance_fragmentation_error": 0.0,
    }
    assert answers[0][business].parts == 2
