"""``/health``: is the service up, and does its store answer?"""

from __future__ import annotations

from fastapi import APIRouter

from helixgraph import __version__
from helixgraph.web.deps import KG

router = APIRouter(tags=["health"])


@router.get("/health")
def health(kg: KG) -> dict[str, object]:
    """``ok`` with the version and the number of quads in the store."""
    return {"status": "ok", "version": __version__, "quads": len(kg)}
