"""The analysis functions against published values (Borgatti's Krackhardt kite, Zachary's karate
club as R's sna and keyplayer give them, the exact information of XOR) and properties that must
hold on any graph."""

from __future__ import annotations

import itertools
import warnings
from collections import Counter

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helixgraph.analysis import (
    brokerage_roles,
    distance_fragmentation,
    ei_index,
    fragmentation,
    group_ei_index,
    helix_mixing,
    helix_synergy,
    key_players,
    node_ei_index,
    reach,
)
from helixgraph.analysis.summary import group_components

KITE = nx.krackhardt_kite_graph()  # node 7 is Heather
KARATE = nx.karate_club_graph()


# -- Krackhardt kite (Borgatti 2006) -------------------------------------------------------------


def test_kite_distance_fragmentation() -> None:
    assert distance_fragmentation(KITE) == pytest.approx(0.353704, abs=1e-6)


def test_kite_without_heather() -> None:
    rest = KITE.subgraph(set(KITE) - {7})
    assert fragmentation(rest) == pytest.approx(0.388889, abs=1e-6)
    assert distance_fragmentation(rest) == pytest.approx(0.486111, abs=1e-6)


@pytest.mark.parametrize(
    ("k", "objective", "players", "value"),
    [
        (1, "distance_fragmentation", {7}, 0.486111),
        (2, "distance_fragmentation", {5, 6}, 0.607143),
        (1, "reach", {3}, 0.808333),
    ],
)
def test_kite_key_players(k: int, objective: str, players: set[int], value: float) -> None:
    found, score = key_players(KITE, k, objective=objective, method="exhaustive")  # type: ignore[arg-type]
    assert found == players
    assert score == pytest.approx(value, abs=1e-6)


def test_greedy_finds_the_kite_optimum_from_any_start() -> None:
    for seed in range(5):
        found, score = key_players(KITE, 2, method="greedy", seed=seed)
        assert score == pytest.approx(0.607143, abs=1e-6)
        assert found == {5, 6}


def test_kite_constraint_of_heather() -> None:
    # networkx's own Burt constraint, as the report will use it
    assert nx.constraint(KITE)[7] == pytest.approx(0.4311, abs=1e-4)


# -- Zachary's karate club ---------------------------------------------------------------------


def test_karate_club_split() -> None:
    clubs = [{n for n in KARATE if KARATE.nodes[n]["club"] == c} for c in ("Mr. Hi", "Officer")]
    assert nx.community.modularity(KARATE, clubs, weight=None) == pytest.approx(0.3582, abs=1e-4)
    assert helix_mixing(KARATE, "club")["assortativity"] == pytest.approx(0.7175, abs=1e-4)
    assert ei_index(KARATE, "club") == pytest.approx(-0.717949, abs=1e-6)
    ties = helix_mixing(KARATE, "club")["ties"]
    assert ties["Mr. Hi"]["Officer"] == 11
    assert ties["Mr. Hi"]["Mr. Hi"] + ties["Officer"]["Officer"] == 67


def test_karate_key_player() -> None:
    found, score = key_players(KARATE, 1, method="exhaustive")
    assert found == {0}
    assert score == pytest.approx(0.641540, abs=1e-6)


@pytest.mark.parametrize(
    ("node", "expected"),
    [
        (
            33,
            {
                "coordinator": 156,
                "itinerant": 6,
                "representative": 40,
                "gatekeeper": 40,
                "liaison": 0,
                "total": 242,
            },
        ),
        (
            0,
            {
                "coordinator": 174,
                "itinerant": 0,
                "representative": 15,
                "gatekeeper": 15,
                "liaison": 0,
                "total": 204,
            },
        ),
    ],
)
def test_karate_brokerage_equals_sna(node: int, expected: dict[str, int]) -> None:
    assert brokerage_roles(KARATE, group="club")[node] == expected


def test_group_and_node_ei_agree_with_counts() -> None:
    groups = group_ei_index(KARATE, "club")
    assert set(groups) == {"Mr. Hi", "Officer"}
    nodes = node_ei_index(KARATE, "club")
    assert all(-1.0 <= v <= 1.0 for v in nodes.values())
    # node 8 (Mr. Hi's club) has 2 of its 5 ties to the officer's side... checked by hand:
    neighbours = list(KARATE[8])
    external = sum(KARATE.nodes[v]["club"] != KARATE.nodes[8]["club"] for v in neighbours)
    assert nodes[8] == pytest.approx((2 * external - len(neighbours)) / len(neighbours))


# -- synergy, exact ----------------------------------------------------------------------------

H3 = ("x", "y", "z")


def rows(*bits: tuple[int, ...], names: tuple[str, ...] = H3) -> list[set[str]]:
    return [{n for n, b in zip(names, row, strict=True) if b} for row in bits]


def test_synergy_of_xor_is_minus_one_bit() -> None:
    xor = rows(*((x, y, x ^ y) for x, y in itertools.product((0, 1), repeat=2)))
    assert helix_synergy(xor, H3) == pytest.approx(-1.0)


def test_synergy_of_three_copies_is_plus_one_bit() -> None:
    assert helix_synergy(rows((0, 0, 0), (1, 1, 1)), H3) == pytest.approx(1.0)


def test_synergy_of_independent_bits_is_zero() -> None:
    assert helix_synergy(rows(*itertools.product((0, 1), repeat=3)), H3) == pytest.approx(0.0)


def test_synergy_of_4d_parity_is_plus_one() -> None:
    names = ("a", "b", "c", "d")
    parity = rows(
        *((x, y, z, x ^ y ^ z) for x, y, z in itertools.product((0, 1), repeat=3)), names=names
    )
    assert helix_synergy(parity, names) == pytest.approx(1.0)


# -- properties on random graphs -----------------------------------------------------------------


@st.composite
def graphs(draw: st.DrawFn) -> nx.Graph:
    n = draw(st.integers(min_value=2, max_value=12))
    pairs = list(itertools.combinations(range(n), 2))
    edges = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=len(pairs)))
    G = nx.Graph()
    G.add_nodes_from(range(n))
    G.add_edges_from(edges)
    helices = draw(
        st.lists(
            st.sampled_from(["government", "academia", "business", "community"]),
            min_size=n,
            max_size=n,
        )
    )
    nx.set_node_attributes(G, dict(enumerate(helices)), "helix")
    return G


@settings(max_examples=150, deadline=None)
@given(graphs())
def test_fragmentation_bounds(G: nx.Graph) -> None:
    F, DF = fragmentation(G), distance_fragmentation(G)
    assert 0.0 <= F <= DF + 1e-12 <= 1.0 + 1e-12
    assert (F == 0.0) == nx.is_connected(G)
    assert (F == 1.0) == (G.number_of_edges() == 0)
    assert (pytest.approx(1.0) == DF) == (G.number_of_edges() == 0)


@settings(max_examples=100, deadline=None)
@given(graphs(), st.data())
def test_adding_an_edge_never_raises_fragmentation(G: nx.Graph, data: st.DataObject) -> None:
    missing = [pair for pair in itertools.combinations(G, 2) if not G.has_edge(*pair)]
    if not missing:
        return
    u, v = data.draw(st.sampled_from(missing))
    H = G.copy()
    H.add_edge(u, v)
    assert fragmentation(H) <= fragmentation(G) + 1e-12
    assert distance_fragmentation(H) <= distance_fragmentation(G) + 1e-12


@settings(max_examples=100, deadline=None)
@given(graphs())
def test_brokerage_counts_sum_to_the_open_two_paths(G: nx.Graph) -> None:
    roles = brokerage_roles(G)
    for b, counts in roles.items():
        open_paths = sum(1 for a in G[b] for c in G[b] if a != c and not G.has_edge(a, c))
        assert sum(v for k, v in counts.items() if k != "total") == counts["total"] == open_paths


def _roles_by_definition(D: nx.DiGraph, helix: dict[int, str]) -> dict[int, dict[str, int]]:
    """Gould and Fernandez's table, visiting every open two-path a -> b -> c."""
    counts = {}
    for b in D:
        tally = dict.fromkeys(("coordinator", "itinerant", "representative"), 0)
        tally |= dict.fromkeys(("gatekeeper", "liaison"), 0)
        for a in D.predecessors(b):
            for c in D.successors(b):
                if a == c or D.has_edge(a, c):
                    continue
                ha, hb, hc = helix[a], helix[b], helix[c]
                role = (
                    "coordinator" if ha == hb == hc
                    else "itinerant" if ha == hc
                    else "representative" if ha == hb
                    else "gatekeeper" if hb == hc
                    else "liaison"
                )  # fmt: skip
                tally[role] += 1
        counts[b] = tally | {"total": sum(tally.values())}
    return counts


@settings(max_examples=150, deadline=None)
@given(graphs())
def test_brokerage_counts_every_open_two_path_by_its_role(G: nx.Graph) -> None:
    """The undirected count (neighbour pairs less the tied ones) and the directed one equal the
    definition's, two-path by two-path, on the graph as an undirected and as a directed one
    (each edge kept one way), and with every tie stated twice."""
    helix = nx.get_node_attributes(G, "helix")
    assert brokerage_roles(G) == _roles_by_definition(G.to_directed(), helix)
    twice = nx.MultiGraph(G)
    twice.add_edges_from(G.edges())  # every tie stated twice: still one tie
    assert brokerage_roles(twice) == _roles_by_definition(G.to_directed(), helix)
    one_way = nx.DiGraph(G.edges())
    one_way.add_nodes_from(G.nodes(data=True))
    assert brokerage_roles(one_way) == _roles_by_definition(one_way, helix)


@settings(max_examples=100, deadline=None)
@given(graphs())
def test_reach_of_everyone_is_one(G: nx.Graph) -> None:
    assert reach(G, set(G)) == pytest.approx(1.0)


def test_nmi_by_hand() -> None:
    from helixgraph.analysis.synergy import normalized_mutual_information

    # H1 = 1, H2 = H(3/4, 1/4) = 0.811278, joint 1.5: MI 0.311278 over the mean 0.905639
    value = normalized_mutual_information([0, 0, 1, 1], [0, 0, 0, 1])
    assert value == pytest.approx(0.343711, abs=1e-6)


def test_estimated_betweenness_is_exact_with_every_source_and_unbiased() -> None:
    from helixgraph.analysis.centrality import betweenness, estimate_betweenness

    exact = nx.betweenness_centrality(KARATE)
    assert betweenness(KARATE) == pytest.approx(exact)
    assert estimate_betweenness(KARATE, samples=34) == pytest.approx(exact)
    means = {node: 0.0 for node in KARATE}
    for seed in range(200):
        for node, value in estimate_betweenness(KARATE, samples=10, seed=seed).items():
            means[node] += value / 200
    assert means[0] == pytest.approx(exact[0], rel=0.1)
    assert means[33] == pytest.approx(exact[33], rel=0.1)


# -- the compiled path the report takes, against networkx and the published values --------------


def test_compiled_graph_on_the_kite() -> None:
    from helixgraph.analysis.compiled import CompiledGraph

    kite = CompiledGraph(KITE)
    assert kite.estimate_distance_fragmentation(len(KITE)) == (pytest.approx(0.353704, abs=1e-6), 0)
    without = kite.estimate_distance_fragmentation(len(KITE), without={7})
    assert without == (pytest.approx(0.486111, abs=1e-6), 0)


def test_compiled_graph_agrees_with_networkx_on_the_karate_club() -> None:
    from helixgraph.analysis.compiled import CompiledGraph

    karate = CompiledGraph(KARATE, weight="weight")
    assert karate.pagerank() == pytest.approx(nx.pagerank(KARATE, weight="weight"), abs=1e-5)
    clubs = [{v for v in KARATE if KARATE.nodes[v]["club"] == c} for c in ("Mr. Hi", "Officer")]
    assert karate.modularity(clubs) == pytest.approx(
        nx.community.modularity(KARATE, clubs, weight="weight")
    )
    unweighted = CompiledGraph(KARATE, weight=None)
    assert unweighted.modularity(clubs) == pytest.approx(0.3582, abs=1e-4)
    assert unweighted.betweenness() == pytest.approx(nx.betweenness_centrality(KARATE))


@settings(max_examples=100, deadline=None)
@given(graphs())
def test_assortativity_equals_networkx(G: nx.Graph) -> None:
    ours = helix_mixing(G)["assortativity"]
    if G.number_of_edges() == 0 or len(set(nx.get_node_attributes(G, "helix").values())) < 2:
        assert ours == 0.0
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # networkx divides 0 by 0 on some
        theirs = nx.attribute_assortativity_coefficient(G, "helix")
    if theirs == theirs:  # ... and answers nan there
        assert ours == pytest.approx(theirs, abs=1e-9)


def test_betweenness_estimates_stay_within_the_stated_bound() -> None:
    from helixgraph.analysis.centrality import betweenness_error_bound, estimate_betweenness

    G = nx.barabasi_albert_graph(300, 2, seed=3)
    exact = nx.betweenness_centrality(G)
    bound = betweenness_error_bound(len(G), 40)
    worst = max(
        max(abs(value - exact[node]) for node, value in estimate_betweenness(G, 40, s).items())
        for s in range(20)
    )
    assert 0 < worst <= bound


def test_what_if_takes_the_nodes_to_remove_from_a_generator() -> None:
    from helixgraph.analysis import what_if

    # the middle of a path of three leaves two isolates: no pair reaches the other, F = 1
    result = what_if(nx.path_graph(3), remove=(n for n in [1]))
    assert result["after"]["fragmentation"] == pytest.approx(1.0)
    assert result["after"]["nodes"] == 2


@pytest.mark.parametrize(
    ("measure", "attribute"),
    [
        ("ei_index", "helix"),
        ("group_ei_index", "helix"),
        ("node_ei_index", "helix"),
        ("helix_mixing", "helix"),
        ("brokerage_roles", "helix"),
    ],
)
def test_a_node_without_the_group_attribute_is_named_by_every_measure(
    measure: str, attribute: str
) -> None:
    import helixgraph.analysis as analysis

    G = nx.path_graph(3)
    G.nodes[0][attribute] = "academia"
    G.nodes[1][attribute] = "business"
    # node_ei_index raised a bare KeyError here
    with pytest.raises(ValueError, match=r"1 node\(s\) have no 'helix' attribute, such as 2"):
        getattr(analysis, measure)(G, attribute)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_compiled_closeness_equals_networkx_in_a_graph_of_many_parts(seed: int) -> None:
    from helixgraph.analysis.compiled import CompiledGraph

    G = nx.gnm_random_graph(300, 280, seed=seed)  # some 40 parts and isolates
    expected = nx.closeness_centrality(G)
    found = CompiledGraph(G).closeness()
    assert found == pytest.approx(expected, abs=1e-12)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(st.integers(0, 40), max_size=6), max_size=12),
    st.lists(st.tuples(st.integers(0, 45), st.integers(0, 45)), max_size=8),
)
def test_components_of_groups_are_those_of_the_projected_network(
    groups: list[list[int]], ties: list[tuple[int, int]]
) -> None:
    """The components of the actors' network counted from the memberships alone equal
    networkx's components of the network drawn: members of a group linked pairwise, the ties
    among actors added (ends that are no actor, 41-45 here, left out)."""
    actors = range(41)
    drawn = nx.Graph()
    drawn.add_nodes_from(actors)
    for group in groups:
        drawn.add_edges_from(itertools.combinations(set(group), 2))
    drawn.add_edges_from((u, v) for u, v in ties if u in actors and v in actors)
    expected = sorted((len(c) for c in nx.connected_components(drawn)), reverse=True)
    parts = Counter(group_components(actors, groups, ties).values())
    assert sorted(parts.values(), reverse=True) == expected
