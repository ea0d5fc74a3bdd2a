"""api/openapi.json is the app's contract: regenerate it (`make openapi`) when the API changes."""

from __future__ import annotations

import importlib.util
import json

from conftest import ROOT


def test_openapi_json_is_up_to_date() -> None:
    spec = importlib.util.spec_from_file_location("gen", ROOT / "scripts" / "generate_openapi.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shipped = (ROOT / "api" / "openapi.json").read_text(encoding="utf-8")
    assert json.loads(shipped) == json.loads(module.render()), "stale: run `make openapi`"


def test_the_contract_names_the_actor_routes() -> None:
    paths = json.loads((ROOT / "api" / "openapi.json").read_text(encoding="utf-8"))["paths"]
    assert {"/api/actors", "/api/actors/{actor_id}", "/sparql", "/health"} <= set(paths)
