"""Pages for people: ``/`` (the ecosystem at a glance) and ``/viz`` (the interactive graph)."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from helixgraph.language import Language
from helixgraph.network import names
from helixgraph.network.registry import ViewName
from helixgraph.network.scope import Scope, Through, home_scope
from helixgraph.report.computing import computing
from helixgraph.report.ecosystem import ecosystem_stats
from helixgraph.report.precision import Precision
from helixgraph.report.worker import computed, computed_and_kept
from helixgraph.settings import read_settings
from helixgraph.store import KnowledgeGraph
from helixgraph.web.dashboard import analysis_context, helix_chart, scope_choices, scope_words
from helixgraph.web.deps import (
    KG,
    LangDep,
    PageScope,
    PageScopeDep,
    SettingsDep,
    ThroughDep,
    templates,
)
from helixgraph.web.explore import METRICS, VIEW_NAMES, explore_data
from helixgraph.web.i18n import error_text, translator
from helixgraph.web.page_memo import Page, pages_of
from helixgraph.web.viz import HELIX_COLOURS, script_json

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/favicon.ico")
def favicon() -> RedirectResponse:
    """Where browsers look for an icon when a page names none (a JSON answer, say)."""
    return RedirectResponse("/static/favicon.svg", status_code=301)


@router.get("/", response_class=HTMLResponse, response_model=None)
def home(
    request: Request,
    kg: KG,
    asked: PageScopeDep,
    lang: LangDep,
    settings: SettingsDep,
    through: ThroughDep = "scope",
) -> HTMLResponse | RedirectResponse:
    """The dashboard of a scope (``/?country=HU&sector=health``): actors per helix, structure,
    fragmentation, the report's findings, key players, parallel initiatives, clusters to look
    at, and charts. With no choice made it opens on the ecosystem the store was made for, as
    ``/viz`` does; the form sent empty (``/?country=``) is the whole store."""
    home = computed_and_kept(kg, home_scope, deadline=settings.analysis_timeout)
    if set(request.query_params) <= {"lang"} and not home.whole:
        first_view = home.query() | ({"lang": lang} if "lang" in request.query_params else {})
        return RedirectResponse(f"/?{urlencode(first_view)}", status_code=307)
    scope = asked.scope  # with a bad value: the rest of the form, the value said beside it
    context = overview_context(
        kg,
        scope,
        through,
        lang,
        deadline=settings.analysis_timeout,
        precision=Precision.from_settings(settings),
    )
    context |= {
        "choices": scope_choices(kg, lang, settings.analysis_timeout),
        "years": asked.sent if asked.field == "years" else scope.query().get("years"),
        "home": scope == home and not home.whole,
        "form_error": form_error(asked, lang),
    }
    status = 422 if asked.error else 200
    return templates.TemplateResponse(request, "index.html", context, status_code=status)


def store_stats(kg: KnowledgeGraph, deadline: float | None = None) -> dict[str, Any]:
    """The whole store's counts the dashboard shows beside a scope's; kept until the store
    changes. With a ``deadline``, computed in the analysis worker (a store on disk)."""
    stats: dict[str, Any] = pages_of(kg).keep(
        kg, Page("stats"), lambda: computed(kg, ecosystem_stats, deadline=deadline)
    )
    return stats


def form_error(asked: PageScope, lang: Language) -> dict[str, str] | None:
    """What was wrong with a page's form, in the page's language, and beside which field."""
    if asked.error is None:
        return None
    return {"field": asked.field or "", "message": error_text(asked.error, lang)}


def overview_context(
    kg: KnowledgeGraph,
    scope: Scope | None = None,
    through: Through = "scope",
    lang: Language = "en",
    *,
    deadline: float | None = None,
    precision: Precision | None = None,
) -> dict[str, Any]:
    """The dashboard's figures and charts, computed once per state of the store and scope.
    While the analysis is being computed (the server's start-up warm-up), the page shows the
    counts and says so, rather than keep the visitor waiting. ``deadline``: the report is
    built in a worker stopped past it (:func:`ecosystem_report`); ``precision``: the server's
    (default: the ``HELIX_*`` settings')."""
    scope = scope or Scope()
    precision = precision or Precision.from_settings(read_settings())
    pages = pages_of(kg)
    stats = store_stats(kg, deadline)
    concepts = names.concept_labels(kg, lang)
    context = {
        "title": translator(lang)("helixgraph: the ecosystem at a glance"),
        "colours": HELIX_COLOURS,
        "stats": stats,
        "scope": scope,
        "scope_description": scope_words(kg, scope, lang, deadline),
        "through": through,
        "concepts": concepts,
        "concept_list": lambda terms: ", ".join(concepts.get(n, n) for n in terms),
        "relations": names.relation_labels(kg, lang),
        # what the report leaves brokers out above (it reads the same settings)
        "exact_limit": precision.exact_limit,
    }
    key = Page("overview", scope=scope, through=through, lang=lang)
    if pages.kept(kg, key) is None and computing():
        # the whole store's counts would pass for the scope's while its report is computed
        by_helix = stats["actors"]["by_helix"] if scope.whole else {}
        return {
            **context,
            "report": None,
            "by_helix": by_helix,
            "charts": {"helices": helix_chart(by_helix, lang, concepts)},
        }
    analysis = pages.keep(
        kg,
        key,
        lambda: computed(
            kg,
            analysis_context,
            stats,
            scope,
            through,
            lang,
            precision,
            deadline=deadline,
        ),
        recent=not (scope.whole and through == "scope"),
    )
    return {**context, **analysis}


#: The node caps the explorer draws: a limit asked for is rounded up to one of them, so that
#: each costs one layout, not one per number.
LIMIT_STEPS = (10, 20, 50, 100, 200, 500, 1000, 2000, 5000)
DEFAULT_LIMIT = 500


@router.get("/viz", response_class=HTMLResponse, response_model=None)
def viz(
    request: Request,
    kg: KG,
    asked: PageScopeDep,
    lang: LangDep,
    settings: SettingsDep,
    view: Annotated[ViewName, Query(description="which network to draw")] = ViewName.affiliation,
    limit: Annotated[
        int, Query(ge=10, le=5000, description="nodes at most (rounded up to 10, 20, 50, …)")
    ] = DEFAULT_LIMIT,
) -> HTMLResponse | RedirectResponse:
    """The graph explorer of a scope, coloured by helix, laid out on the server. With no choice
    made it opens on the ecosystem the store was made for (the seed's country), actors only."""
    if set(request.query_params) <= {"lang"}:
        home = computed_and_kept(kg, home_scope, deadline=settings.analysis_timeout)
        first_view = {"view": ViewName.actors.value, **home.query()}
        first_view |= {"lang": lang} if "lang" in request.query_params else {}
        return RedirectResponse(f"/viz?{urlencode(first_view)}", status_code=307)
    scope = asked.scope
    context = viz_context(
        kg, view, scope, limit, lang, Precision.from_settings(settings), settings.analysis_timeout
    )
    context |= {
        "choices": scope_choices(kg, lang, settings.analysis_timeout),
        "scope": scope,
        "form_error": form_error(asked, lang),
        **({"years": asked.sent} if asked.field == "years" else {}),
    }
    status = 422 if asked.error else 200
    return templates.TemplateResponse(request, "viz.html", context, status_code=status)


def viz_context(
    kg: KnowledgeGraph,
    view: ViewName,
    scope: Scope,
    limit: int,
    lang: Language = "en",
    precision: Precision | None = None,
    deadline: float | None = None,
) -> dict[str, Any]:
    """What the explorer page is rendered with; the data and layout are computed once per
    state of the store and choice (seconds on big views). ``precision``: the server's
    (default: the ``HELIX_*`` settings'). With a ``deadline``, the data and layout are computed
    in the analysis worker (a store on disk), as a dashboard is: the server keeps the page."""
    precision = precision or Precision.from_settings(read_settings())
    limit = next(step for step in LIMIT_STEPS if step >= limit)

    def build() -> dict[str, Any]:
        data: dict[str, Any] = computed(
            kg, explore_data, view, scope=scope, limit=limit, lang=lang, precision=precision,
            deadline=deadline,
        )  # fmt: skip
        return {
            "data_json": script_json(data),
            "total": data["total"],
            "shown": data["shown"],
            "brokerage_left_out": data["brokerage_left_out"],
        }

    key = Page("viz", view, limit=limit, scope=scope, lang=lang)
    home = computed_and_kept(kg, home_scope, deadline=deadline)
    first_view = view == "actors" and scope == home and limit == DEFAULT_LIMIT
    kept = pages_of(kg).keep(kg, key, build, recent=not first_view)
    return _viz_page(view, scope, limit, kept, lang) | {"concepts": names.concept_labels(kg, lang)}


def _viz_page(
    view: ViewName, scope: Scope, limit: int, data: dict[str, Any], lang: Language
) -> dict[str, Any]:
    years = scope.years
    return {
        "scope_filters": scope.filters,
        "scope_description": None if scope.whole else scope.describe(),
        "title": translator(lang)("helixgraph: the ecosystem graph"),
        "view": view,
        "views": VIEW_NAMES,
        "years": f"{years[0]}-{years[1]}" if years else None,
        "limit": limit,
        "metrics": METRICS,
        "colours": HELIX_COLOURS,
        "standalone": False,
        **data,
    }
