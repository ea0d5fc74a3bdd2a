"""The pages in Hungarian: every sentence of the templates and scripts has its translation,
labels come from the ontology's @hu labels, numbers are written the Hungarian way."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from helixgraph.language import choose, number
from helixgraph.report.findings import findings
from helixgraph.report.model import Cluster, EcosystemReport, Headline, KeyPlayers, ScopeSummary
from helixgraph.web.i18n import HU

WEB = resources.files("helixgraph.web")
# _("…") in the templates (and the Python that renders them), t("…") in the scripts, say("…")
# where Python writes words for a page
SAID = re.compile(r"""\b(?:_|t|say)\(\s*(["'])(.+?)(?<!\\)\1\s*[,)]""", re.S)


def sentences(text: str) -> set[str]:
    return {match[1] for match in SAID.findall(text)}


@pytest.mark.parametrize(
    "path",
    [
        *(f"templates/{p.name}" for p in (WEB / "templates").iterdir() if p.name.endswith(".html")),
        *(f"static/{p.name}" for p in (WEB / "static").iterdir() if p.name.endswith(".js")),
        "routes/pages.py",
        "communities.py",
    ],
)
def test_every_sentence_of_a_page_speaks_hungarian(path: str) -> None:
    text = (WEB / path).read_text(encoding="utf-8")
    missing = sorted(s for s in sentences(text) if s not in HU)
    assert missing == [], f"{path}: no Hungarian for {missing}"


def test_translations_keep_their_placeholders() -> None:
    for english, hungarian in HU.items():
        assert set(re.findall(r"\{\w+\}", english)) == set(re.findall(r"\{\w+\}", hungarian)), (
            english
        )


def test_the_browser_language_is_honoured() -> None:
    assert choose(None, "hu-HU,hu;q=0.9,en-US;q=0.8") == "hu"
    assert choose("en", "hu") == "en"  # the visitor's own choice wins
    assert choose(None, "fr-FR,fr;q=0.9") == "en"


def test_numbers_are_written_as_hungarians_write_them() -> None:
    assert number(6914, "hu") == "6\u202f914"
    assert number(0.958019, "hu", digits=3) == "0,958"
    assert number(0.958019, "en", digits=3) == "0.958"


def partial(report: dict) -> EcosystemReport:
    """A report holding only the figures the findings read (unchecked: the others are left out)."""
    return EcosystemReport.model_construct(
        scope=ScopeSummary(**report["scope"]),
        headline=Headline.model_construct(**report["headline"]),
        key_players=KeyPlayers.model_construct(**report["key_players"])
        if "key_players" in report
        else None,
        clusters=[Cluster.model_construct(**c) for c in report["clusters"]],
        parallel_initiatives=report["parallel_initiatives"],
    )


def test_findings_say_the_same_in_both_languages() -> None:
    report = {
        "scope": {"filters": {"country": "HU"}, "years": None, "through": "scope"},
        "headline": {
            "nodes": 449,
            "components": 84,
            "largest_component_share": 0.4,
            "isolates": 60,
            "fragmentation": 0.850767,
            "ties": 438,
        },
        "key_players": {
            "holds_together": False,
            "tested": ["BME"],
            "distance_fragmentation_change": 0.0012,
            "error": 0.003,
        },
        "clusters": [],
        "parallel_initiatives": [],
    }
    english, hungarian = findings(partial(report), "en"), findings(partial(report), "hu")
    assert english[0].startswith("449 actors in scope (country HU) in 84 separate parts")
    assert hungarian[0].startswith("449 szereplő a hatókörben (ország: HU) 84 különálló részre")
    assert "85%" in english[0]
    assert "85%" in hungarian[0]
    assert "+0.0012" in english[1]
    assert "+0,0012" in hungarian[1]
    assert "±0,0030" in hungarian[1]


def test_each_group_of_clusters_is_named_after_its_own_clause() -> None:
    report = {
        "scope": {"filters": {}, "years": None, "through": "scope"},
        "headline": {"nodes": 11, "components": 6, "largest_component_share": 0.55,
                     "isolates": 5, "fragmentation": 0.7273, "ties": 5},
        "clusters": [
            {"label": "Health cluster B", "below_critical_mass": True, "missing": ["government"]},
            {"label": "MediKlaszter", "below_critical_mass": False, "missing": ["government"]},
            {"label": "Whole cluster", "below_critical_mass": False, "missing": []},
        ],
        "parallel_initiatives": [],
    }  # fmt: skip
    english, hungarian = findings(partial(report), "en")[-1], findings(partial(report), "hu")[-1]
    assert english == (
        "1 of 3 clusters are below critical mass (15 members): Health cluster B; "
        "2 of 3 miss a helix: Health cluster B, MediKlaszter."
    )
    assert hungarian == (
        "3 klaszterből 1 a kritikus tömeg (15 tag) alatt van: Health cluster B; "
        "2 klaszterből hiányzik egy spirál: Health cluster B, MediKlaszter."
    )


def test_charts_write_numbers_in_the_pages_language() -> None:
    from helixgraph.web import charts

    assert ">3\u202f061<" in charts.bar_chart([("üzleti szféra", 3061, None)], "x", lang="hu")
    assert ">3,061<" in charts.bar_chart([("business", 3061, None)], "x")
    assert "2020: 0,500" in charts.line_chart([(2020, 0.5)], "F", lang="hu")
