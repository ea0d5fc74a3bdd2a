"""Pages as one self-contained HTML file that opens from disk with no server and no network:
the graph explorer (``helixgraph viz --out graph.html``: its data, vis-network, the script and
the style inlined) and the dashboard of a scope as a printable report (``helixgraph report``:
charts inline as SVG, no script needed to read it), optionally printed to PDF by Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from datetime import date
from importlib import resources
from pathlib import Path

from helixgraph.errors import InputError
from helixgraph.language import Language
from helixgraph.network.registry import ViewName
from helixgraph.network.scope import Scope, Through
from helixgraph.store import KnowledgeGraph
from helixgraph.web.deps import templates
from helixgraph.web.i18n import language_context
from helixgraph.web.routes.pages import overview_context, viz_context


def _static(name: str) -> str:
    text = (resources.files("helixgraph.web") / "static" / name).read_text(encoding="utf-8")
    return text.replace("</script", "<\\/script")  # nothing inlined may close its element


def standalone_viz(
    kg: KnowledgeGraph,
    view: ViewName = ViewName.affiliation,
    *,
    scope: Scope | None = None,
    limit: int = 500,
) -> str:
    """The explorer page for ``view`` of ``scope`` (default: the whole store) as one HTML
    document."""
    context = viz_context(kg, view, scope or Scope(), limit) | language_context("en")
    context.update(
        standalone=True,
        css=_static("helixgraph.css"),
        vis_js=_static("vis-network/vis-network.min.js"),
        viz_js=_static("viz.js"),
    )
    return templates.get_template("viz.html").render(context)


def standalone_report(
    kg: KnowledgeGraph, scope: Scope, *, through: Through = "scope", lang: Language = "en"
) -> str:
    """The dashboard of ``scope`` as one printable HTML document, in ``lang``: its findings,
    figures, peers, year-by-year table and charts; no form, no what-if, no script."""
    context = overview_context(kg, scope, through, lang) | language_context(lang)
    for key in ("country_map", "county_map"):  # a file on its own has no explorer to lead to
        if context.get(key):
            context[key] = re.sub(r"</?a\b[^>]*>", "", context[key])
    context.update(
        standalone=True,
        printable=True,
        css=_static("helixgraph.css"),
        made_on=date.today().isoformat(),
        store_name=str(kg.path) if kg.path else "in memory",
    )
    return templates.get_template("index.html").render(context)


#: The browsers whose headless mode prints a page to PDF (Debian's first).
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "chrome")


def print_to_pdf(html: str, out: Path, *, timeout: float = 120) -> None:
    """Print ``html`` to the PDF ``out`` with a headless Chromium: the page as the browser lays
    it out, charts and all, with no second layout engine to install. ``InputError`` when no
    Chromium is installed (Debian: ``apt-get install chromium``) or it fails."""
    browser = next((found for name in BROWSERS if (found := shutil.which(name))), None)
    if browser is None:
        raise InputError(
            "--format pdf prints with Chromium, which is not installed (Debian: apt-get install "
            "chromium); write the HTML instead and print it from a browser"
        )
    with tempfile.TemporaryDirectory(prefix="helixgraph-pdf-") as work:
        page = Path(work) / "report.html"
        page.write_text(html, encoding="utf-8")
        command = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            f"--user-data-dir={Path(work) / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={out.resolve()}",
            page.as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise InputError(f"{browser} did not print the report within {timeout:.0f} s") from None
        if done.returncode != 0 or not out.exists():
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise InputError(f"{browser} could not print the report: {detail[0]}")
