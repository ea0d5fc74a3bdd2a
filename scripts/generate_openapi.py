"""Write api/openapi.json from the app (run by `make openapi`; a test keeps it in sync)."""

from __future__ import annotations

import json
from pathlib import Path

from helixgraph.web import create_app

ROOT = Path(__file__).resolve().parents[1]


def render() -> str:
    return json.dumps(create_app().openapi(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    (ROOT / "api" / "openapi.json").write_text(render(), encoding="utf-8")
