"""A big picture summarised by community: who is drawn at first sight, and the groups' ties."""

from __future__ import annotations

import networkx as nx

from helixgraph.analysis.nodes import community_index
from helixgraph.web.communities import SUMMARISE_ABOVE, summarise
from helixgraph.web.viz import network_data


def two_villages(size: int) -> nx.Graph:
    """Two cliques of ``size`` actors joined by one tie, the first actor of each busiest."""
    G = nx.Graph()
    for village in ("a", "b"):
        for i in range(size):
            G.add_node(f"{village}{i}", label=f"{village}{i}", kind="actor", helix="business")
        for i in range(size):
            for j in range(i + 1, size):
                G.add_edge(f"{village}{i}", f"{village}{j}", weight=1)
    G.add_edge("a0", "b0", weight=3)
    return G


def test_louvain_finds_the_two_villages() -> None:
    index = community_index(two_villages(10))
    assert len(set(index.values())) == 2
    assert len({index[f"a{i}"] for i in range(10)}) == 1


def test_a_big_picture_keeps_the_most_active_and_groups_the_rest() -> None:
    G = two_villages(120)
    data = network_data(G)
    for node in data["nodes"]:  # a0 and b0 take part in most collaborations
        node["memberships"] = [{"kind": "project"}] * (50 if node["id"] in ("a0", "b0") else 2)
    summarise(data, G, first_sight=2)
    core = {n["id"] for n in data["nodes"] if n["core"]}
    assert core == {"a0", "b0"}
    groups = [n for n in data["nodes"] if n["kind"] == "community"]
    assert sorted(len(g["members"]) for g in groups) == [119, 119]
    summed = {(e["from"], e["to"]): e["weight"] for e in data["edges"] if e.get("summary")}
    group_of = {m: g["id"] for g in groups for m in g["members"]}
    # a0 ties to each of the 119 others of its village: one summed tie of weight 119
    assert summed[tuple(sorted(("a0", group_of["a1"])))] == 119
    # no tie runs between the two villages' other actors: no tie between the groups
    assert tuple(sorted((group_of["a1"], group_of["b1"]))) not in summed
    # the real ties are all still there, for when a group is opened
    assert sum(1 for e in data["edges"] if not e.get("summary")) == G.number_of_edges()


def test_a_small_picture_is_drawn_whole() -> None:
    G = two_villages(SUMMARISE_ABOVE // 2)
    data = network_data(G)
    summarise(data, G)
    assert all(n["core"] for n in data["nodes"])
    assert not any(n["kind"] == "community" for n in data["nodes"])
