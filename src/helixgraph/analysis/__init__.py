"""Pure functions over networkx graphs: no I/O, no rdflib, no web.

:mod:`helixgraph.report.ecosystem` is the one module that takes a knowledge graph: it derives the
views and hands them to the functions here.
"""

from helixgraph.analysis.brokerage import brokerage_roles
from helixgraph.analysis.clusters import cluster_diagnostics, parallel_initiatives
from helixgraph.analysis.fragmentation import (
    distance_fragmentation,
    estimate_distance_fragmentation,
    fragmentation,
    key_player_method,
    key_players,
    reach,
)
from helixgraph.analysis.mixing import ei_index, group_ei_index, helix_mixing, node_ei_index
from helixgraph.analysis.recommend import recommend_ties
from helixgraph.analysis.summary import component_sizes, helix_counts
from helixgraph.analysis.synergy import helix_synergy
from helixgraph.analysis.whatif import headline, what_if

__all__ = [
    "brokerage_roles",
    "cluster_diagnostics",
    "component_sizes",
    "distance_fragmentation",
    "ei_index",
    "estimate_distance_fragmentation",
    "fragmentation",
    "group_ei_index",
    "headline",
    "helix_counts",
    "helix_mixing",
    "helix_synergy",
    "key_player_method",
    "key_players",
    "node_ei_index",
    "parallel_initiatives",
    "reach",
    "recommend_ties",
    "what_if",
]
