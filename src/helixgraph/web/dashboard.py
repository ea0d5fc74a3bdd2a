"""The dashboard's figures, maps and charts for one scope: what ``/`` shows below the form.

Computed where the scope's report is: in the analysis worker for a store on disk (the server
process then keeps only the page, not the scope's network and report; ``python -m bench pages``
measures the server's memory), in this process for a store in memory and for a printed report.
"""

from __future__ import annotations

from collections import Counter
from typing import Any
from urllib.parse import urlencode

from helixgraph.analysis.summary import component_sizes
from helixgraph.countries import country_name
from helixgraph.language import Language
from helixgraph.network import areas, names, places, views
from helixgraph.network.scope import Scope, Through, scoped_network, sectors
from helixgraph.rdf.namespaces import GRAPH_BASE
from helixgraph.report.compare import compare_scopes, peer_scopes
from helixgraph.report.ecosystem import ecosystem_report
from helixgraph.report.findings import describe_scope, findings
from helixgraph.report.precision import Precision
from helixgraph.report.worker import computed
from helixgraph.report.years import fragmentation_by_year
from helixgraph.store import KnowledgeGraph
from helixgraph.web import charts, maps
from helixgraph.web.i18n import translator
from helixgraph.web.page_memo import Page, pages_of
from helixgraph.web.viz import HELIX_COLOURS


def scope_choices(
    kg: KnowledgeGraph, lang: Language = "en", deadline: float | None = None
) -> dict[str, list[tuple[Any, ...]]]:
    """What the scope selector offers: the countries with their actors (most actors first), the
    sectors (by their labels in ``lang``) and the clusters; kept until the store changes. With
    a ``deadline``, computed in the analysis worker (the store-wide views stay out of the
    server)."""
    found: dict[str, list[tuple[Any, ...]]] = pages_of(kg).keep(
        kg,
        Page("scope-choices", lang=lang),
        lambda: computed(kg, _scope_choices, lang, deadline=deadline),
    )
    return found


def _scope_choices(kg: KnowledgeGraph, lang: Language) -> dict[str, list[tuple[Any, ...]]]:
    countries = Counter(
        attrs["country"] for attrs in views.actor_attributes(kg).values() if attrs["country"]
    )
    labels = names.concept_labels(kg, lang)
    return {
        "countries": countries.most_common(),
        "regions": places.region_choices(places.actor_nuts(kg), lang),
        "sources": [
            (name, name)
            for iri in kg.graph_names()
            if (name := iri.removeprefix(GRAPH_BASE)) != "ontology"
        ],
        "sectors": sorted(
            ((short, labels.get(entry["name"], short)) for short, entry in sectors(kg).items()),
            key=lambda item: item[1].casefold(),
        ),
        "clusters": sorted(
            (
                (views.local_name(iri), names.labels_in(kg, lang).get(iri) or views.local_name(iri))
                for iri, attrs in views.collaboration_attributes(kg).items()
                if attrs["kind"] == "cluster"
            ),
            key=lambda item: item[1].casefold(),
        ),
    }


def scope_words(
    kg: KnowledgeGraph, scope: Scope, lang: Language, deadline: float | None = None
) -> str:
    """The scope in words for a page: ``country HU, cluster MediKlaszter`` (a cluster by its
    name, not its id); ``deadline`` as :func:`scope_choices`."""
    named = scope.filters | scope_labels(kg, scope, lang, deadline)
    return describe_scope(named, list(scope.years) if scope.years else None, lang)


def scope_labels(
    kg: KnowledgeGraph, scope: Scope, lang: Language, deadline: float | None = None
) -> dict[str, str]:
    """The scope's values in words: a cluster by its name; on a Hungarian page a sector and a
    helix by their Hungarian labels ("humán-egészségügyi ellátás", not "health")."""
    found = {}
    if scope.cluster:
        found["cluster"] = dict(scope_choices(kg, lang, deadline)["clusters"]).get(
            scope.cluster, scope.cluster
        )
    if lang != "en":
        if scope.country:
            found["country"] = country_name(scope.country, lang)
        concepts = names.concept_labels(kg, lang)
        known = sectors(kg)
        if scope.sector and scope.sector in known:
            found["sector"] = concepts.get(known[scope.sector]["name"], scope.sector)
        if scope.helix:
            found["helix"] = concepts.get(scope.helix, scope.helix)
    return found


def helix_chart(by_helix: dict[str, int], lang: Language, concepts: dict[str, str]) -> str:
    return charts.bar_chart(
        [(concepts.get(h, h), float(by_helix.get(h, 0)), c) for h, c in HELIX_COLOURS.items()],
        translator(lang)("Actors per helix"),
        lang=lang,
    )


def analysis_context(
    kg: KnowledgeGraph,
    stats: dict[str, Any],
    scope: Scope,
    through: Through,
    lang: Language,
    precision: Precision,
) -> dict[str, Any]:
    """What the dashboard shows of ``scope`` beside the whole store's ``stats``: the report,
    its findings, the peers compared, the maps and the charts, in ``lang``; computed in the
    process it is called in (the pages call it in the analysis worker:
    :func:`helixgraph.report.worker.computed`)."""
    _ = translator(lang)
    concepts = names.concept_labels(kg, lang)
    where = scope_words(kg, scope, lang)
    in_language = names.relabelled(lang, kg)  # the names a page in this language shows
    report = names.relabel(
        ecosystem_report(kg, scope=scope, through=through, precision=precision),
        in_language,
    )
    report.scope.labels |= scope_labels(kg, scope, lang)
    by_year = [(row.year, row.fragmentation) for row in report.by_year or []] or [
        (row["year"], row["fragmentation"]) for row in fragmentation_by_year(kg)
    ]
    helices = list(HELIX_COLOURS)
    ties = report.mixing.ties if report.mixing else {}
    # the scope's own population: its actors and the parts they fall into
    by_helix = report.helices
    network = scoped_network(kg, scope).actors
    sizes = stats["components"]["sizes"] if scope.whole else component_sizes(network)
    component_bars: list[tuple[str, float, str | None]] = [
        (_("part {i}").format(i=i), float(s), None) for i, s in enumerate(sizes[:8], 1)
    ]
    if len(sizes) > 8:
        more = _("{n} more").format(n=len(sizes) - 8)
        component_bars.append((more, float(sum(sizes[8:])), "#999999"))
    peers = peer_scopes(kg, scope)
    rows = (
        compare_scopes(kg, [scope, *peers], through=through, precision=precision) if peers else []
    )
    for row, peer in zip(rows, [scope, *peers], strict=False):
        row["label"] = scope_words(kg, peer, lang)
    return {
        **_where(kg, network, scope, lang),
        "report": report,
        "analysed": report.mixing is not None,  # a scope without actors: findings, no figures
        "findings": findings(report, lang),
        "peers": rows,
        "by_helix": by_helix,
        "scope_query": urlencode(scope.query()),
        "scope_actors": _what_if_choices(network, names.labels_in(kg, lang)),
        # every other name of each (small scopes only: the page stays light), for the what-if
        "other_names": names.names_of(kg) if network.number_of_nodes() <= OTHER_NAMES_UP_TO else {},
        "cluster_choices": scope_choices(kg, lang)["clusters"],
        "scope_size": network.number_of_nodes(),
        "cluster_labels": {c.cluster: c.label for c in report.clusters or []},
        "charts": {
            "helices": helix_chart(by_helix, lang, concepts),
            "components": charts.captioned(
                charts.bar_chart, component_bars, _("Actors in each connected part"), lang=lang
            ),
            "mixing": charts.heatmap(
                [concepts.get(h, h) for h in helices],
                [[float(ties.get(a, {}).get(b, 0)) for b in helices] for a in helices],
                _("Ties between helices (shared collaborations or direct ties)"),
                lang=lang,
            ),
            "years": charts.captioned(
                charts.line_chart,
                by_year,
                _("Fragmentation F among the actors active each year")
                + ("" if scope.whole else f" ({where})"),
                lang=lang,
            ),
        },
    }


#: The map of Europe draws the strongest ties between countries only: partners in 40 countries
#: tie nearly every pair, and 700 lines hide the map.
STRONGEST_TIES = 30


def _where(kg: KnowledgeGraph, network: Any, scope: Scope, lang: Language) -> dict[str, Any]:
    """Where the scope's actors are: by country on a map of Europe when they are in more than
    one country, by county for the Hungarian ones placed; each map with its table."""
    _ = translator(lang)
    words = {
        "actors": _("{n} actors"),
        "ties": _("{n} ties"),
        "cut off": _("none of them in the largest connected part"),
        "more": _("and {n} more"),
    }
    labels = names.labels_in(kg, lang)

    def named(area_of: dict[str, str]) -> dict[str, list[str]]:
        leaders = areas.leading(network, area_of)
        return {
            code: [labels.get(a) or str(network.nodes[a].get("label", a)) for a in found]
            for code, found in leaders.items()
        }

    query = {k: v for k, v in scope.query().items() if k not in ("region", "country")}
    query |= {"lang": lang} if lang != "en" else {}  # the explorer in the page's language
    europe = areas.countries(lang)
    on_map = {area.code for area in europe}
    country_of = {
        actor: network.nodes[actor].get("country")
        for actor in network
        if network.nodes[actor].get("country") in on_map
    }
    found: dict[str, Any] = {"country_map": None, "county_map": None}
    largest = areas.largest_part(network)  # both maps' "in the largest part"
    nations, between, beyond = areas.by_area(
        network, country_of, {a.code: a.name for a in europe}, largest
    )
    if len(nations) > 1:
        found |= {
            "country_rows": nations,
            "beyond": beyond,
            "strongest": min(len(between), STRONGEST_TIES),
            "country_map": maps.area_map(
                europe,
                {row.code: row.actors for row in nations},
                dict(sorted(between.items(), key=lambda item: -item[1])[:STRONGEST_TIES]),
                _("Actors by country, and the ties between countries"),
                link=_explorer(query, "country={code}"),
                lang=lang,
                words=words,
                cut_off={row.code for row in nations if row.in_largest == 0},
                frame=areas.EUROPE_FRAME,
                who=named(country_of),
            ),
        }
    placed = places.actor_counties(kg)
    shapes = areas.counties()
    counties, ties, _others = areas.by_area(
        network, placed, {a.code: a.name for a in shapes}, largest
    )
    if counties:
        hungarian = sum(1 for actor in network if network.nodes[actor].get("country") == "HU")
        found |= {
            "county_rows": counties,
            "unplaced": hungarian - sum(row.actors for row in counties),
            "county_map": maps.area_map(
                shapes,
                {row.code: row.actors for row in counties},
                ties,
                _("Actors by county, and the ties between counties"),
                link=_explorer({**query, "country": "HU"}, "region={code}"),
                lang=lang,
                words=words,
                cut_off={row.code for row in counties if row.in_largest == 0},
                who=named(placed),
            ),
        }
    return found


def _explorer(query: dict[str, str], area: str) -> str:
    """A map's link to the explorer: the scope's other filters and the area (``region={code}``,
    left for the map to fill in)."""
    given = urlencode(query)
    return f"/viz?{given}&{area}" if given else f"/viz?{area}"


#: The what-if panel lists at most this many actors: all 6,914 of the whole default store made
#: the dashboard 824 KB.
WHAT_IF_CHOICES = 1000
#: up to this many actors in scope, the what-if panel knows every name of each
OTHER_NAMES_UP_TO = 300


def _what_if_choices(network: Any, labels: dict[str, str]) -> list[tuple[str, str]]:
    """The actors the what-if panel offers, by their names in the page's language (``labels``):
    all of a scope's, else its best connected."""
    chosen = sorted(network, key=lambda a: (-network.degree(a), str(a)))[:WHAT_IF_CHOICES]
    return sorted(
        ((iri, labels.get(iri) or str(network.nodes[iri]["label"])) for iri in chosen),
        key=lambda item: item[1].casefold(),
    )
