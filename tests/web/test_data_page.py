"""The data page's API on a real server: a manager's member list checked (every broken row named
by file and line), imported while the server runs, seen by the pages at once, removed; without
the token nothing changes; an import stopped at its deadline leaves the store as it was."""

from __future__ import annotations

import csv
import gzip
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from conftest import H2020, OUTPUT, ROOT, Server, running_server, visit
from conftest import H2020_NAMES as NAMES

from helixgraph.importers.spreadsheet import import_spreadsheet
from helixgraph.store import KnowledgeGraph

pytestmark = pytest.mark.slow

TOKEN = "manager-s3cret"
EXAMPLE = ROOT / "data" / "templates" / "example"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory, read_store: Path) -> Iterator[Server]:
    """A real server that takes writes with the token."""
    folder = tmp_path_factory.mktemp("data-server")
    store = Path(shutil.copytree(read_store, folder / "store"))
    with running_server(folder, store, {"HELIX_UPDATE_TOKEN": TOKEN}) as running:
        yield running


def members(*rows: str) -> list[tuple[str, tuple[str, bytes, str]]]:
    """The example member list, with ``rows`` added to its actors."""
    files = []
    for path in sorted(EXAMPLE.glob("*.csv")):
        text = path.read_text(encoding="utf-8")
        if path.name == "actors.csv":
            text = text.rstrip("\n") + "\n" + "".join(row + "\n" for row in rows)
        files.append(("files", (path.name, text.encode(), "text/csv")))
    return files


def sources(http: httpx.Client) -> dict[str, int]:
    return {s["name"]: s["triples"] for s in http.get("/api/sources").json()}


def test_a_member_list_is_checked_imported_seen_and_removed(writable: Server) -> None:
    with httpx.Client(base_url=writable.base, timeout=120) as http:
        before = sources(http)
        assert {"ontology", "seed-ecosystem", "cordis-hu"} <= before.keys()
        # the dry run: every row read, nothing written, no token needed
        checked = http.post(
            "/api/imports", params={"check": "true"},
            data={"kind": "spreadsheet", "name": "valley"}, files=members(),
        )  # fmt: skip
        assert checked.status_code == 200, checked.text
        rows = sum(len(p.read_text().splitlines()) - 1 for p in EXAMPLE.glob("*.csv"))
        assert checked.json()["checked"] is True
        assert checked.json()["rows_read"] == rows  # counted from the files themselves
        assert checked.json()["triples"] is None
        assert sources(http) == before
        # a broken row: named by the file's name and its line (the header is line 1)
        line = len((EXAMPLE / "actors.csv").read_text().splitlines()) + 1
        broken = http.post(
            "/api/imports", params={"check": "true"}, data={"kind": "spreadsheet"},
            files=members("broken-one,,busines,HU,,,"),
        )  # fmt: skip
        assert broken.status_code == 422
        problems = broken.json()["problems"]
        assert f"actors.csv:{line}: name: missing; every actor needs a name" in problems
        assert any(p.startswith(f"actors.csv:{line}: helix: 'busines'") for p in problems)
        assert "helixgraph-upload" not in broken.text  # where the server kept it stays unsaid
        # without the token, or with a wrong one, nothing is written
        for headers in ({}, {"Authorization": "Bearer wrong"}):
            refused = http.post(
                "/api/imports", data={"kind": "spreadsheet", "name": "valley"},
                files=members(), headers=headers,
            )  # fmt: skip
            assert refused.status_code == 401
        assert http.delete("/api/sources/seed-ecosystem").status_code == 401
        link = {"source": "valley", "links": [{"id": "valley-university", "pic": "999904228"}]}
        assert http.post("/api/link/apply", json=link).status_code == 401
        assert http.post("/api/sources/seed-ecosystem/restore").status_code == 401
        assert sources(http) == before
        # with it: written, and the pages see it at once
        done = http.post(
            "/api/imports", data={"kind": "spreadsheet", "name": "valley"},
            files=members(), headers=AUTH,
        )  # fmt: skip
        assert done.status_code == 200, done.text
        assert done.json()["graphs"] == ["https://w3id.org/helixgraph/graph/spreadsheet-valley"]
        # the data, and what the store says of where it came from
        assert sources(http)["spreadsheet-valley"] > done.json()["triples"] > 0
        found = http.get("/api/actors", params={"q": "Valley University Hospital"}).json()
        assert [a["label"] for a in found["data"]] == ["Valley University Hospital (example)"]
        dashboard = http.get("/", params={"source": "spreadsheet-valley"})
        assert dashboard.status_code == 200
        asked = 'ASK { ?a skos:prefLabel "Valley University Hospital (example)" }'
        answer = http.get(
            "/sparql", params={"query": asked}, headers={"Accept": "application/json"}
        )
        assert answer.json()["boolean"] is True  # the query workers read the new graph too
        # removed again: the store is as it was
        gone = http.delete("/api/sources/spreadsheet-valley", headers=AUTH)
        assert gone.status_code == 200, gone.text
        assert gone.json() == ["https://w3id.org/helixgraph/graph/spreadsheet-valley"]
        assert sources(http) == before
        assert http.get("/api/actors", params={"q": "Valley University"}).json()["count"] == 0
        assert http.delete("/api/sources/spreadsheet-valley", headers=AUTH).status_code == 404


def test_a_read_only_server_takes_no_data(server: Server) -> None:
    with httpx.Client(base_url=server.base, timeout=60) as http:
        refused = http.post(
            "/api/imports", data={"kind": "spreadsheet"}, files=members(), headers=AUTH
        )
        assert refused.status_code == 403
        assert "read-only" in refused.json()["detail"]
        page = http.get("/data")
        assert page.status_code == 200
        assert 'id="read-only"' in page.text


def test_an_import_stopped_at_its_deadline_leaves_the_store_as_it_was(
    tmp_path: Path, read_store: Path
) -> None:
    """All of Horizon 2020 with a half-second deadline: the writer is killed mid-import."""
    store = Path(shutil.copytree(read_store, tmp_path / "store"))
    env = {"HELIX_UPDATE_TOKEN": TOKEN, "HELIX_IMPORT_TIMEOUT": "0.5"}
    with (
        running_server(tmp_path, store, env) as running,
        httpx.Client(base_url=running.base, timeout=120) as http,
    ):
        before = sources(http)
        germans = http.get("/api/actors", params={"country": "DE"}).json()["count"]
        stopped = http.post(
            "/api/imports", data={"kind": "cordis"},
            files=[("files", (H2020.name, H2020.read_bytes(), "application/gzip"))], headers=AUTH,
        )  # fmt: skip
        assert stopped.status_code == 503
        assert "deadline" in stopped.json()["detail"]
        assert sources(http) == before
        assert http.get("/api/actors", params={"country": "DE"}).json()["count"] == germans
    # and the store takes the next write, once the server is gone
    with KnowledgeGraph.open(store) as kg:
        assert {name.rsplit("/", 1)[-1] for name in kg.graph_names()} == before.keys()
        assert import_spreadsheet(kg, [EXAMPLE]).rows_written > 0


def test_an_upload_is_undone_with_one_request_and_redone_with_another(writable: Server) -> None:
    """The version an upload replaced (or a removal took out) comes back; bringing it back
    keeps the one it replaces, so a second restore undoes the first."""

    def labels(http: httpx.Client) -> set[str]:
        found = http.get("/api/actors", params={"q": "(example)", "limit": 100}).json()["data"]
        return {a["label"] for a in found}

    with httpx.Client(base_url=writable.base, timeout=120) as http:
        form = {"kind": "spreadsheet", "name": "undo"}
        assert http.post("/api/imports", data=form, files=members(), headers=AUTH).is_success
        first = labels(http)
        assert "Valley University (example)" in first
        added = "late-comer,Late Comer Ltd (example),business,HU,,,"
        assert http.post("/api/imports", data=form, files=members(added), headers=AUTH).is_success
        assert labels(http) == first | {"Late Comer Ltd (example)"}
        restore = "/api/sources/spreadsheet-undo/restore"
        assert http.post(restore).status_code == 401  # a write: the token
        back = http.post(restore, headers=AUTH)
        assert back.status_code == 200, back.text
        assert labels(http) == first
        assert http.post(restore, headers=AUTH).status_code == 200  # and forth again
        assert labels(http) == first | {"Late Comer Ltd (example)"}
        # a removal is undone the same way
        assert http.delete("/api/sources/spreadsheet-undo", headers=AUTH).status_code == 200
        assert labels(http) == set()
        assert "Bring back spreadsheet-undo" in http.get("/data").text
        assert http.post(restore, headers=AUTH).status_code == 200
        assert labels(http) == first | {"Late Comer Ltd (example)"}
        assert "Bring back spreadsheet-undo" not in http.get("/data").text  # it was not there
        assert http.post("/api/sources/nothing-kept/restore", headers=AUTH).status_code == 404
        assert http.delete("/api/sources/spreadsheet-undo", headers=AUTH).status_code == 200


#: The member list's organisations as CORDIS writes them (the names file gives their PICs); the
#: list writes them as people do, four with a typo. Its startup is in no EU record.
CORDIS_NAMES = {
    "bme": "BUDAPESTI MUSZAKI ES GAZDASAGTUDOMANYI EGYETEM",
    "unideb": "DEBRECENI EGYETEM",
    "elte": "EOTVOS LORAND TUDOMANYEGYETEM",
    "semmelweis": "SEMMELWEIS EGYETEM",
    "szte": "SZEGEDI TUDOMANYEGYETEM",
    "nkfih": "NEMZETI KUTATASI FEJLESZTESI ES INNOVACIOS HIVATAL",
    "miskolc": "MISKOLCI EGYETEM",
    "pannon": "PANNON EGYETEM - UNIVERSITY OF PANNONIA",
    "semilab": "SEMILAB FELVEZETO FIZIKAI LABORATORIUM RESZVENYTARSASAG",
    "sze": "SZECHENYI ISTVAN EGYETEM",
    "pte": "PECSI TUDOMANYEGYETEM - UNIVERSITY OF PECS",
    "bkk": "BKK BUDAPESTI KOZLEKEDESI KOZPONT ZARTKORUEN MUKODO RESZVENYTARSASAG",
}
MEMBER_LIST = ROOT / "tests" / "fixtures" / "member-list"


def test_the_data_page_checks_links_and_imports_as_a_manager_would(
    browser: object, writable: Server
) -> None:
    """In Chromium, the issue's walk: 30 organisations, a few typos, one broken row. The check
    names the row; the proposals link the real organisations; with the token the list comes in,
    and its dashboard names who holds the cluster together. In Hungarian too."""
    with gzip.open(NAMES, "rt", encoding="utf-8") as file:
        pic_of = {(row["name"], row["country"]): row["pic"] for row in csv.DictReader(file)}
    expected = {key: pic_of[name, "HU"] for key, name in CORDIS_NAMES.items()}
    page, requests, problems = visit(browser, writable.base + "/data")
    files = [str(MEMBER_LIST / "actors.csv"), str(MEMBER_LIST / "memberships.csv")]
    page.set_input_files("#files", files)  # type: ignore[attr-defined]
    page.fill("#name", "health-valley")  # type: ignore[attr-defined]
    page.click("#check")  # type: ignore[attr-defined]
    page.wait_for_selector("#outcome .error")  # type: ignore[attr-defined]
    said = page.inner_text("#outcome")  # type: ignore[attr-defined]
    assert "actors.csv:31: helix: 'academic'" in said, said  # Kaposvári Egyetem's row
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "data-check.png"), full_page=True)  # type: ignore[attr-defined]
    page.check("#skip-invalid")  # type: ignore[attr-defined]
    page.click("#check")  # type: ignore[attr-defined]
    page.click("#find-links")  # type: ignore[attr-defined]
    page.wait_for_selector("#link-table", timeout=60_000)  # type: ignore[attr-defined]
    proposed = page.eval_on_selector_all(  # type: ignore[attr-defined]
        "#link-table tbody tr",
        "rows => rows.map(r => [r.dataset.id, r.querySelector('input').dataset.pic])",
    )
    proposed = dict(proposed)
    assert len(proposed) == 30
    assert {key: proposed[key] for key in expected} == expected
    assert proposed["valley-medtech"] == ""  # in no EU record: nothing proposed
    assert sum(1 for pic in proposed.values() if pic) == 29  # no wrong one among the others
    page.screenshot(path=str(OUTPUT / "data-links.png"), full_page=True)  # type: ignore[attr-defined]
    page.fill("#token", TOKEN)  # type: ignore[attr-defined]
    page.click("#apply")  # type: ignore[attr-defined]
    page.wait_for_selector("tr[data-graph='links-health-valley']", timeout=60_000)  # type: ignore[attr-defined]
    assert page.query_selector("tr[data-graph='spreadsheet-health-valley']")  # type: ignore[attr-defined]
    page.goto(writable.base + "/?source=spreadsheet-health-valley")  # type: ignore[attr-defined]
    page.wait_for_selector("#findings", timeout=60_000)  # type: ignore[attr-defined]
    findings = page.inner_text("main")  # type: ignore[attr-defined]
    assert "29 actors in scope" in findings, findings
    assert "Semmelweis" in findings
    page.screenshot(path=str(OUTPUT / "data-dashboard.png"), full_page=True)  # type: ignore[attr-defined]
    page.goto(writable.base + "/data?lang=hu")  # type: ignore[attr-defined]
    assert "A tár forrásai" in page.inner_text("main")  # type: ignore[attr-defined]
    assert page.input_value("#token") == TOKEN  # kept for this tab  # type: ignore[attr-defined]
    assert TOKEN not in page.content()  # never in the page  # type: ignore[attr-defined]
    page.screenshot(path=str(OUTPUT / "data-hu.png"), full_page=True)  # type: ignore[attr-defined]
    # the dry run's 422 is the answer asked for (Chromium reports every 4xx it fetched)
    assert [p for p in problems if "status of 422" not in p] == []
    assert all(url.startswith(writable.base + "/") for url in requests), requests
    page.close()  # type: ignore[attr-defined]
    with httpx.Client(base_url=writable.base, timeout=60) as http:
        for graph in ("links-health-valley", "spreadsheet-health-valley"):
            assert http.delete(f"/api/sources/{graph}", headers=AUTH).status_code == 200


def test_a_second_write_meanwhile_is_told_to_come_back(tmp_path: Path, read_store: Path) -> None:
    """One write at a time: while one holds the writer, another is 503 with Retry-After and
    writes nothing; a dry run is never held up."""
    from fastapi.testclient import TestClient

    from helixgraph.settings import Settings
    from helixgraph.web import create_app
    from helixgraph.web.routes import data

    store = shutil.copytree(read_store, tmp_path / "store")
    settings = Settings(store=str(store), update_token=TOKEN, warm_up=False)
    with TestClient(create_app(settings)) as client:
        before = sources(client)
        form = {"kind": "spreadsheet", "name": "valley"}
        with data._WRITING:  # another upload is being written
            busy = client.post("/api/imports", data=form, files=members(), headers=AUTH)
            checked = client.post(
                "/api/imports", params={"check": "true"}, data=form, files=members()
            )
            removal = client.delete("/api/sources/seed-ecosystem", headers=AUTH)
        assert busy.status_code == removal.status_code == 503
        assert busy.headers["Retry-After"] == "5"
        assert "another write" in busy.json()["detail"]
        assert checked.status_code == 200
        assert sources(client) == before
