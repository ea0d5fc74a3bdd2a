"""One self-contained HTML file of the graph explorer: the page ``/viz`` serves, with its data,
vis-network, the script and the style inlined, so it opens from disk with no server and no
network (``helixgraph viz --out graph.html``)."""

from __future__ import annotations

from importlib import resources

from helixgraph.network.registry import ViewName
from helixgraph.network.scope import Scope
from helixgraph.store import KnowledgeGraph
from helixgraph.web.deps import templates
from helixgraph.web.explore import View
from helixgraph.web.i18n import language_context
from helixgraph.web.routes.pages import viz_context


def _static(name: str) -> str:
    text = (resources.files("helixgraph.web") / "static" / name).read_text(encoding="utf-8")
    return text.replace("</script", "<\\/script")  # nothing inlined may close its element


def standalone_viz(
    kg: KnowledgeGraph,
    view: View = ViewName.affiliation,
    *,
    years: tuple[int, int] | None = None,
    limit: int = 500,
) -> str:
    """The explorer page for ``view`` as one HTML document."""
    context = viz_context(kg, view, Scope(years=years), limit) | language_context("en")
    context.update(
        standalone=True,
        css=_static("helixgraph.css"),
        vis_js=_static("vis-network/vis-network.min.js"),
        viz_js=_static("viz.js"),
    )
    return templates.get_template("viz.html").render(context)
