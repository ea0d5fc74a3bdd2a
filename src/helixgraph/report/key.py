"""What names one report: the arguments it was asked with, under which it is kept."""

from __future__ import annotations

from dataclasses import dataclass, field

from helixgraph.network.scope import Scope, Through
from helixgraph.report.precision import Precision


@dataclass(frozen=True)
class ReportKey:
    """Under what :meth:`KnowledgeGraph.memo` keeps a report: its arguments (the defaults are
    :func:`ecosystem_report`'s, so others can look for the default report of a window)."""

    scope: Scope = field(default_factory=Scope)
    through: Through = "scope"
    top: int = 10
    seed: int = 1
    precision: Precision = field(default_factory=Precision)
