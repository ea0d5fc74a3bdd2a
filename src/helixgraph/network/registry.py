"""The views of the store people ask for by name, in one place: the CLI's choices, the export,
the explorer and the REST API are built from :data:`VIEWS` (and networkx is not needed to read
it, so the command line stays quick to start)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ViewName(StrEnum):
    actors = "actors"
    collaboration = "collaboration"
    affiliation = "affiliation"
    relation = "relation"


@dataclass(frozen=True)
class View:
    """A view of the store people can ask for by name."""

    description: str
    #: Whether it can be limited to years (the relation view's ties have no dates).
    dated: bool


VIEWS: dict[ViewName, View] = {
    ViewName.actors: View("the actor network: shared collaborations and direct ties", True),
    ViewName.collaboration: View("actors tied when they share a collaboration", True),
    ViewName.affiliation: View("actors and the clusters and projects they belong to", True),
    ViewName.relation: View("direct ties: funding, collaboration, services (no dates)", False),
}
assert set(VIEWS) == set(ViewName), "every view is described"
