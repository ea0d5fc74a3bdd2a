"""Gould-Fernandez brokerage: who stands between whom, by the groups (helices) of the three.

References
----------
.. [1] R. V. Gould and R. M. Fernandez, "Structures of mediation: a formal approach to brokerage
   in transaction networks", Sociological Methodology 19 (1989) 89-126.
.. [2] C. T. Butts, ``sna::brokerage`` (R package sna), whose counts these equal.
"""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx

from helixgraph.analysis.preconditions import requires_node_attribute

ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")


@requires_node_attribute("group")
def brokerage_roles(G: nx.Graph, group: str = "helix") -> dict[Hashable, dict[str, int]]:
    """Return each node's Gould-Fernandez brokerage counts, keyed by role, and their ``total``.

    For every open two-path a -> b -> c (a != c, no tie a -> c), broker b plays

    - ``coordinator`` when a, b and c are in one group;
    - ``itinerant`` (consultant) when a and c share a group that b is not in;
    - ``representative`` when b shares a's group and c is elsewhere;
    - ``gatekeeper`` when b shares c's group and a is elsewhere;
    - ``liaison`` when all three groups differ.

    An undirected graph counts as the symmetric digraph (each edge two arcs), so the counts equal
    R's ``sna::brokerage``. ``group`` names the node attribute holding the group.

    Examples
    --------
    >>> G = nx.path_graph(3)
    >>> nx.set_node_attributes(G, {0: "academia", 1: "business", 2: "academia"}, "helix")
    >>> brokerage_roles(G)[1]["itinerant"], brokerage_roles(G)[1]["total"]
    (2, 2)
    """
    D = G if G.is_directed() else G.to_directed()
    groups = nx.get_node_attributes(G, group)
    counts: dict[Hashable, dict[str, int]] = {}
    for b in D:
        tally = dict.fromkeys(ROLES, 0)
        gb = groups[b]
        for a in D.predecessors(b):
            ga = groups[a]
            for c in D.successors(b):
                if c == a or D.has_edge(a, c):
                    continue
                gc = groups[c]
                if ga == gb == gc:
                    tally["coordinator"] += 1
                elif ga == gc:
                    tally["itinerant"] += 1
                elif ga == gb:
                    tally["representative"] += 1
                elif gb == gc:
                    tally["gatekeeper"] += 1
                else:
                    tally["liaison"] += 1
        tally["total"] = sum(tally.values())
        counts[b] = tally
    return counts
