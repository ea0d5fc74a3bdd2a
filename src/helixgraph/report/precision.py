"""Where the analysis is exact and where it is estimated, decided once.

Up to ``exact_limit`` actors every measure is exact; above it, distance fragmentation and
betweenness are estimated from random sources (with their error bounds) and the measures that
are quadratic in degree (closeness, constraint, brokerage, recommendations) are left out and
the key players are the most between actors. The report, the explorer and the CLI read the same
object, so they agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from helixgraph.settings import Settings


@dataclass(frozen=True)
class Precision:
    """``exact_limit`` actors at most for exact measures; above, ``fragmentation_samples`` and
    ``betweenness_samples`` random sources for the estimates; ``key_player_budget`` seconds for
    the key-player search (``HELIX_EXACT_LIMIT``, ``HELIX_FRAGMENTATION_SAMPLES``,
    ``HELIX_BETWEENNESS_SAMPLES``, ``HELIX_KEY_PLAYER_BUDGET``). ``reach_sources``: distance
    fragmentation through outside partners is measured from every focal actor up to this many,
    else from ``fragmentation_samples`` random ones (each source walks the whole wider network;
    ``python -m bench scope`` times it on large countries)."""

    exact_limit: int = 5000
    fragmentation_samples: int = 256
    betweenness_samples: int = 1024
    key_player_budget: float = 2.0
    reach_sources: int = 1000

    def exact(self, actors: int) -> bool:
        """Whether a network of ``actors`` nodes gets exact measures.

        >>> Precision().exact(5000), Precision().exact(5001)
        (True, False)
        """
        return actors <= self.exact_limit

    @classmethod
    def from_settings(cls, settings: Settings) -> Precision:
        """The precision ``settings`` ask for."""
        return cls(
            settings.exact_limit,
            settings.fragmentation_samples,
            settings.betweenness_samples,
            settings.key_player_budget,
        )
