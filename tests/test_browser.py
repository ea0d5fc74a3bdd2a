"""The pages in a real headless Chromium (Debian's `chromium`): they draw, offline, without errors.

Every request the browser makes is recorded: none may leave 127.0.0.1. Screenshots go to
test-output/ for a person to look at.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, Server

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
OUTPUT = ROOT / "test-output"


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            "Debian's chromium is not installed: `make test` installs it (as root), "
            "or run apt-get install chromium"
        )
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield context
        context.close()


def visit(browser: object, url: str) -> tuple[object, list[str], list[str]]:
    page = browser.new_page()  # type: ignore[attr-defined]
    requests: list[str] = []
    problems: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(url)
    return page, requests, problems


@pytest.mark.parametrize("path", ["/", "/viz", "/sparql"])
def test_pages_load_without_errors_and_stay_on_loopback(
    browser: object, server: Server, path: str
) -> None:
    page, requests, problems = visit(browser, server.base + path)
    page.wait_for_load_state("networkidle")
    OUTPUT.mkdir(exist_ok=True)
    name = path.strip("/") or "home"
    page.screenshot(path=str(OUTPUT / f"page-{name}.png"), full_page=True)
    assert problems == []
    assert requests
    assert all(url.startswith(server.base + "/") for url in requests), requests
    page.close()


def test_viz_draws_every_node(browser: object, server: Server) -> None:
    page, _, problems = visit(browser, server.base + "/viz")
    page.wait_for_function("document.body.dataset.drawn === 'true'", timeout=10_000)
    drawn = page.evaluate("window.network.body.data.nodes.length")
    given = page.evaluate(
        "JSON.parse(document.getElementById('graph-data').textContent).nodes.length"
    )
    assert drawn == given
    assert 0 < given <= 500  # the default store is capped to its best-connected part
    positions = page.evaluate("Object.keys(window.network.getPositions()).length")
    assert positions == given
    assert problems == []
    page.close()
