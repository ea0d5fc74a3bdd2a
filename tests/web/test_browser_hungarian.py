"""The pages in Hungarian, in a real headless Chromium: the helices, numbers, findings and
names in Hungarian, and no English sentence of ours on a Hungarian page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import OUTPUT, Server, visit

pytestmark = pytest.mark.slow


def test_the_pages_speak_hungarian(browser: object, server: Server) -> None:
    """`?lang=hu`: the helices by their Hungarian names, numbers written the Hungarian way, the
    explorer and its script in Hungarian; the switch in the header goes back to English."""
    page, requests, problems = visit(browser, server.base + "/?lang=hu")
    page.wait_for_selector("#findings", timeout=60_000)  # type: ignore[attr-defined]
    text = page.inner_text("main")  # type: ignore[attr-defined]
    for helix in ("kormányzat", "tudományos szféra", "üzleti szféra", "civil társadalom"):
        assert helix in text
    assert page.get_attribute("html", "lang") == "hu"  # type: ignore[attr-defined]
    assert "Amit először érdemes megnézni" in text
    assert re.search(r"\d,\d{3}", page.inner_text("#fragmentation-f"))  # type: ignore[attr-defined]
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "page-home-hu.png"), full_page=True)  # type: ignore[attr-defined]
    page.click("header .languages a[hreflang=en]")  # type: ignore[attr-defined]
    page.wait_for_selector("#findings")  # type: ignore[attr-defined]
    assert "What to look at first" in page.inner_text("main")  # type: ignore[attr-defined]
    page.goto(server.base + "/viz?lang=hu")  # type: ignore[attr-defined]
    page.wait_for_function("document.body.dataset.drawn === 'true'", timeout=20_000)  # type: ignore[attr-defined]
    assert "szereplő és" in page.inner_text("#shown-count")  # type: ignore[attr-defined]
    assert "Szereplő keresése" in page.inner_text("main")  # type: ignore[attr-defined]
    page.screenshot(path=str(OUTPUT / "viz-hu.png"))  # type: ignore[attr-defined]
    assert problems == []
    assert all(url.startswith(server.base + "/") for url in requests), requests
    page.close()  # type: ignore[attr-defined]


def english_catalogue() -> list[str]:
    """What the project itself writes in English and must never show on a Hungarian page: the
    page sentences that have a Hungarian translation, the method notes' phrases, the relation
    and helix ids, the sector short names as scopes write them."""
    from helixgraph.web.i18n import HU

    sentences = [
        english.split("{")[0].strip()
        for english, hungarian in HU.items()
        if english != hungarian and len(english.split("{")[0].strip()) >= 14
    ]
    ours = ["distance fragmentation", "sets scored", "part(s)", "collaboratesWith"]
    ours += ["providesServiceTo", "ágazat: health", "unnamed ", "actors: "]
    return [*sentences, *ours]


def test_a_hungarian_walk_shows_no_english_of_ours(
    browser: object, server: Server, read_store: Path, tmp_path: Path
) -> None:
    """?lang=hu: the dashboard, a what-if, a bad form, the explorer, the query page and the
    printable report, scanned for the project's English (names of organisations aside)."""
    from typer.testing import CliRunner

    from helixgraph.cli.commands import app

    catalogue = english_catalogue()
    found: dict[str, list[str]] = {}

    def scan(page: object, where: str) -> None:
        text = page.inner_text("body")  # type: ignore[attr-defined]
        found[where] = [words for words in catalogue if words in text]

    page, _, problems = visit(browser, server.base + "/?country=HU&sector=health&lang=hu")
    page.wait_for_selector("#whatif-card", timeout=120_000)  # type: ignore[attr-defined]
    scan(page, "dashboard")
    page.fill("#whatif-remove", "Semmelweis Egyetem")  # type: ignore[attr-defined]
    page.click("#whatif-form button")  # type: ignore[attr-defined]
    page.wait_for_selector("#whatif-nodes", timeout=30_000)  # type: ignore[attr-defined]
    scan(page, "what-if")
    # any of an actor's names, in any case, with or without accents: the English one here
    page.fill("#whatif-remove", "semmelweis university")  # type: ignore[attr-defined]
    page.click("#whatif-form button")  # type: ignore[attr-defined]
    page.wait_for_timeout(1500)  # type: ignore[attr-defined]
    assert page.inner_text("#whatif-message") == ""  # type: ignore[attr-defined]
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "walk-hu-dashboard.png"), full_page=True)  # type: ignore[attr-defined]
    page.fill("#years", "1990")  # type: ignore[attr-defined]
    page.click("form.controls button[type=submit]")  # type: ignore[attr-defined]
    page.wait_for_selector("#form-error", timeout=60_000)  # type: ignore[attr-defined]
    assert "1990" in page.inner_text("#form-error")  # type: ignore[attr-defined]
    scan(page, "bad form")
    page.screenshot(path=str(OUTPUT / "walk-hu-bad-form.png"), full_page=True)  # type: ignore[attr-defined]
    for path in ("/viz?lang=hu", "/sparql?lang=hu"):
        other, _, more = visit(browser, server.base + path)
        other.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
        scan(other, path)
        problems += more
    report = tmp_path / "jelentes.html"
    made = CliRunner().invoke(
        app,
        ["report", "--store", str(read_store), "--scope", "country=HU,sector=health",
         "--lang", "hu", "--out", str(report)],
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    printed, _, _ = visit(browser, report.as_uri())
    scan(printed, "report")
    assert not {where: words for where, words in found.items() if words}
    assert [p for p in problems if "status of 422" not in p] == []  # the bad form's own 422
