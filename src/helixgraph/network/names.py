"""What things are called, in a language: actors and collaborations by the name a page in that
language shows, every name an actor goes by (for search), and the vocabulary's concepts.

The views label nodes in English once (:func:`helixgraph.network.views.actor_attributes`); a
page or report in another language puts :func:`labels_in` over them, so that a Hungarian page
reads "Szegedi Tudományegyetem" where an English one reads "University of Szeged".
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from pydantic import BaseModel

from helixgraph.language import fold
from helixgraph.network import views
from helixgraph.network.labels import choose_labels
from helixgraph.network.tables import table_rows
from helixgraph.rdf.namespaces import HX_NAMESPACE
from helixgraph.store import KnowledgeGraph
from helixgraph.store.kept import kept


@kept
def labels_in(kg: KnowledgeGraph, lang: str) -> dict[str, str]:
    """IRI -> the name shown in ``lang``, for every actor (examples too) and collaboration;
    kept until the store changes.

    >>> kg = KnowledgeGraph.in_memory()
    >>> szeged = "https://w3id.org/helixgraph/id/actor/pic-999840014"
    >>> labels_in(kg, "hu")[szeged], labels_in(kg, "en")[szeged]
    ('Szegedi Tudományegyetem', 'University of Szeged')
    """

    def build() -> dict[str, str]:
        wanted = {iri: a["country"] for iri, a in _everyone(kg).items()}
        return choose_labels(
            wanted,
            table_rows(kg, "prefLabel"),
            table_rows(kg, "name"),
            table_rows(kg, "activityType"),
            views.aliases(kg),
            lang,
        )

    return build()


def _everyone(kg: KnowledgeGraph) -> dict[str, dict[str, str | None]]:
    actors = views.all_actor_attributes(kg)
    found: dict[str, dict[str, str | None]] = {
        iri: {"country": a["country"]} for iri, a in actors.items()
    }
    for iri in views.collaboration_attributes(kg):  # the affiliation graph's other nodes
        found.setdefault(iri, {"country": None})
    return found


def relabelled(lang: str, kg: KnowledgeGraph) -> dict[str, str]:
    """English label -> the label in ``lang``, where they differ: to put over what was written
    with the views' English labels (a report's key players, brokers, ties, clusters)."""
    if lang == "en":
        return {}
    english, local = labels_in(kg, "en"), labels_in(kg, lang)
    return {english[iri]: label for iri, label in local.items() if english.get(iri) != label}


@kept
def names_of(kg: KnowledgeGraph) -> dict[str, set[str]]:
    """Actor IRI -> every name it goes by (labels in each language, CORDIS's own spelling,
    short names), folded (:func:`fold`): what search matches, without regard to case or
    accents. Kept until the store changes."""

    def build() -> dict[str, set[str]]:
        merged = views.aliases(kg)
        found: dict[str, set[str]] = defaultdict(set)
        for name in ("prefLabel", "altLabel", "name"):
            for s, o, _ in table_rows(kg, name):
                found[merged.get(s, s)].add(fold(o))
        for iri, label in labels_in(kg, "en").items():
            found[iri].add(fold(label))
        return dict(found)

    return build()


@kept
def concept_labels(kg: KnowledgeGraph, lang: str = "en") -> dict[str, str]:
    """Local name -> ``skos:prefLabel`` in ``lang`` (English where a term has none) of every term
    of the helixgraph vocabulary's schemes (roles, membership roles, services, sectors, helices):
    what pages show instead of ids such as ``researchLeader``; kept until the store changes."""

    def build() -> dict[str, str]:
        rows = kg.select(
            f"""SELECT ?c ?l ?lang WHERE {{
                  ?c skos:inScheme ?scheme ; skos:prefLabel ?l .
                  BIND(LANG(?l) AS ?lang)
                  FILTER(STRSTARTS(STR(?c), "{HX_NAMESPACE}") && ?lang IN ("en", "{lang}"))
                }}"""
        )
        found: dict[str, str] = {}
        for row in sorted(rows, key=lambda r: (r["lang"] == lang, r["l"])):
            found[views.local_name(row["c"])] = row["l"]  # the wanted language last: it wins
        return dict(sorted(found.items(), key=lambda item: item[1]))

    if lang not in ("en", "hu"):
        raise ValueError(f"no labels in {lang!r}")
    return build()


@kept
def relation_labels(kg: KnowledgeGraph, lang: str = "en") -> dict[str, str]:
    """Local name -> ``rdfs:label`` in ``lang`` of the ties between actors (``funds`` ->
    "finanszíroz"), English where one has none; kept until the store changes."""

    def in_language(tag: str) -> dict[str, str]:
        rows = kg.select(
            f"""SELECT ?p ?l WHERE {{ ?p rdfs:subPropertyOf* org:linkedTo ; rdfs:label ?l .
                  FILTER(LANGMATCHES(LANG(?l), "{tag}")) }}"""
        )
        return {views.local_name(row["p"]): row["l"] for row in rows}

    def build() -> dict[str, str]:
        return in_language("en") | in_language(lang)  # the wanted language wins

    if lang not in ("en", "hu"):
        raise ValueError(f"no labels in {lang!r}")
    return build()


#: where a report or page data names an actor or collaboration
LABEL_KEYS = frozenset({"label", "labels", "tested", "cluster_label"})


def relabel(value: Any, mapping: dict[str, str], key: str | None = None) -> Any:
    """``value`` (a report, page data: dicts, lists and pydantic models of them) with every name
    under :data:`LABEL_KEYS` put in the language of ``mapping`` (:func:`relabelled`); a copy,
    the original is left alone.

    >>> relabel({"brokerage": [{"label": "University of Szeged"}]},
    ...         {"University of Szeged": "Szegedi Tudományegyetem"})
    {'brokerage': [{'label': 'Szegedi Tudományegyetem'}]}
    """
    if not mapping:
        return value
    if isinstance(value, BaseModel):
        fields = value.model_fields_set
        return value.model_copy(update={k: relabel(getattr(value, k), mapping, k) for k in fields})
    if isinstance(value, dict):
        return {k: relabel(v, mapping, k) for k, v in value.items()}
    if isinstance(value, list):
        return [relabel(v, mapping, key) for v in value]
    if isinstance(value, str) and key in LABEL_KEYS:
        return mapping.get(value, value)
    return value
