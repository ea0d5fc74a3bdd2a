"""api/openapi.json is the app's contract: regenerate it (`make openapi`) when the API changes."""

from __future__ import annotations

import json

from conftest import ROOT, load_script


def test_openapi_json_is_up_to_date() -> None:
    module = load_script("generate_openapi")
    shipped = (ROOT / "api" / "openapi.json").read_text(encoding="utf-8")
    assert json.loads(shipped) == json.loads(module.render()), "stale: run `make openapi`"


def test_the_contract_names_the_actor_routes() -> None:
    paths = json.loads((ROOT / "api" / "openapi.json").read_text(encoding="utf-8"))["paths"]
    assert {"/api/actors", "/api/actors/{actor_id}", "/sparql", "/health"} <= set(paths)


def test_the_report_and_its_parts_have_real_response_schemas() -> None:
    contract = json.loads((ROOT / "api" / "openapi.json").read_text(encoding="utf-8"))
    paths, schemas = contract["paths"], contract["components"]["schemas"]

    def answer(path: str) -> dict[str, str]:
        found: dict[str, str] = paths[path]["get"]["responses"]["200"]["content"][
            "application/json"
        ]["schema"]
        return found

    assert answer("/api/analysis/report") == {"$ref": "#/components/schemas/EcosystemReport"}
    assert answer("/api/analysis/{part}") == {"$ref": "#/components/schemas/ReportPart"}
    report = schemas["EcosystemReport"]
    assert {"headline", "findings", "methods", "scope"} <= set(report["required"])
    assert schemas["Headline"]["properties"]["distance_fragmentation"]["type"] == "number"
