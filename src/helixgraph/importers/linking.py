"""Find a spreadsheet's actors among the store's EU organisations (by PIC), by name.

A manager's list says "Semmelweis Egyetem" or "BME"; CORDIS says "SEMMELWEIS EGYETEM" and
"BUDAPESTI MUSZAKI ES GAZDASAGTUDOMANYI EGYETEM" (short name "BME"...). Names are compared
folded: accents and case away, punctuation to spaces, legal forms (Kft., Zrt. = Zártkörűen
Működő Részvénytársaság, Nonprofit, Ltd, GmbH, SA...) left out. Each actor is compared with every
name the store gives an organisation of its country (its names, short names and, for the seed's
organisations, their English and Hungarian names) by the token-sort ratio (rapidfuzz: the words
sorted, then the edit distance, 0-100). An acronym counts only when it is the whole short name.

A link is proposed when the best score reaches :data:`THRESHOLD` and no other organisation
comes within :data:`MARGIN` of it: a wrong link merges two actors, a missed one only leaves
two nodes apart, so precision comes first.
"""

from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from helixgraph.errors import InputError
from helixgraph.formulas import spreadsheet_safe
from helixgraph.importers.spreadsheet import FILES, slug
from helixgraph.importers.tables import Table, tables
from helixgraph.rdf.namespaces import GRAPH_BASE, ID_BASE, OWL
from helixgraph.store import GraphWrite, KnowledgeGraph

#: The lowest score (0-100) of a proposed link.
THRESHOLD = 90.0
#: How far the best organisation must lead the next one (points of score).
MARGIN = 3.0

#: Legal forms, folded: they say what an organisation is, not which one.
_FORMS = (
    "zartkoruen mukodo reszvenytarsasag", "nyilvanosan mukodo reszvenytarsasag", "reszvenytarsasag",
    "korlatolt felelossegu tarsasag", "kozhasznu tarsasag", "kozhasznu", "nonprofit",
    "non profit", "kft", "k f t", "zrt", "z rt", "nyrt", "rt", "bt", "kht", "kkt", "egyesulet",
    "limited liability company", "limited", "ltd", "llc", "plc", "inc", "gmbh", "ggmbh", "e v",
    "ev", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "ag", "oy", "ab", "as", "doo", "d o o",
    "sro", "s r o", "sl", "kg",
)  # fmt: skip
LEGAL_FORMS = sorted(_FORMS, key=len, reverse=True)  # longest first: "kozhasznu tarsasag"
# the words of a legal form may run together ("MUKODORESZVENYTARSASAG" in CORDIS)
_LEGAL = re.compile(
    r"\b(?:" + "|".join(re.escape(f).replace(r"\ ", " ?") for f in LEGAL_FORMS) + r")\b"
)


def fold(name: str) -> str:
    """A name folded for comparison.

    >>> fold("Bay Zoltán Alkalmazott Kutatási Közhasznú Nonprofit Kft.")
    'bay zoltan alkalmazott kutatasi'
    >>> fold("BUDAPESTI MUSZAKI ES GAZDASAGTUDOMANYI EGYETEM")
    'budapesti muszaki es gazdasagtudomanyi egyetem'
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", " ", ascii_name.lower())
    return " ".join(_LEGAL.sub(" ", f" {words} ").split())


@dataclass(frozen=True)
class Candidate:
    """An EU organisation of the store: its PIC, one of its names, and its country."""

    pic: str
    name: str
    country: str | None
    short: bool = False  # a short name: an acronym ("BME") counts only when equal
    city: str | None = None


@dataclass(frozen=True)
class Link:
    """The answer for one actor: the PIC proposed (None: nothing good enough), the name it was
    found by, and the score (0-100)."""

    id: str
    name: str
    pic: str | None
    matched_name: str | None
    score: float
    matched_city: str | None = None


def candidates(kg: KnowledgeGraph) -> list[Candidate]:
    """Every name of every organisation with a PIC in the store."""
    rows = kg.select(
        """SELECT DISTINCT ?pic ?name ?short ?country ?city WHERE {
             ?a hx:pic ?pic .
             { ?a skos:prefLabel ?name BIND(false AS ?short) }
             UNION { ?a skos:altLabel ?name BIND(true AS ?short) }
             OPTIONAL { ?a hx:country ?country }
             OPTIONAL { ?a schema:addressLocality ?city }
           }"""
    )
    return [
        Candidate(
            row["pic"], row["name"], row.get("country"), row["short"] == "true", row.get("city")
        )
        for row in rows
    ]


class Matcher:
    """Candidates indexed by country, folded once."""

    def __init__(self, found: Iterable[Candidate]):
        self._by_country: dict[str | None, list[tuple[str, Candidate]]] = defaultdict(list)
        for candidate in found:
            # a name in two languages ("PANNON EGYETEM - UNIVERSITY OF PANNONIA") is either
            parts = re.split(r"\s+-\s+", candidate.name)
            names = {fold(candidate.name)} | {fold(p) for p in parts if len(parts) > 1}
            for folded in names:
                if folded:
                    self._by_country[candidate.country].append((folded, candidate))

    def best(self, identifier: str, name: str, country: str | None) -> Link:
        """The organisation ``name`` most likely is, in ``country`` (any, if not given)."""
        from rapidfuzz import fuzz

        wanted = _variants(name)
        pool = (
            self._by_country.get(country.upper(), [])
            if country
            else [c for group in self._by_country.values() for c in group]
        )
        scores: dict[str, tuple[float, str, str | None]] = {}
        for folded, candidate in pool:
            if candidate.short and " " not in folded:  # "BME" is never "BMW": acronyms equal
                score = 100.0 if folded in wanted else 0.0
            else:  # the words in any order; or the letters, for words CORDIS ran together
                joined = folded.replace(" ", "")
                score = max(
                    max(fuzz.token_sort_ratio(w, folded), fuzz.ratio(w.replace(" ", ""), joined))
                    for w in wanted
                )
            if score > scores.get(candidate.pic, (-1.0, "", None))[0]:
                scores[candidate.pic] = (score, candidate.name, candidate.city)
        ranked = sorted(scores.items(), key=lambda item: (-item[1][0], item[0]))
        if not ranked:
            return Link(identifier, name, None, None, 0.0)
        pic, (score, matched, city) = ranked[0]
        runner_up = ranked[1][1][0] if len(ranked) > 1 else 0.0
        if score < THRESHOLD or score - runner_up < MARGIN:
            return Link(identifier, name, None, matched, round(score, 1), city)
        return Link(identifier, name, pic, matched, round(score, 1), city)


def _variants(name: str) -> set[str]:
    """The ways a name may be written: whole, without a bracketed part, the bracketed part
    (``Institute for Computer Science and Control (SZTAKI)`` -> also ``SZTAKI``)."""
    variants = {fold(name), fold(re.sub(r"\([^)]*\)", " ", name))}
    variants |= {fold(inner) for inner in re.findall(r"\(([^)]*)\)", name)}
    return {v for v in variants if v}


def link_actors(kg: KnowledgeGraph, actors: Sequence[dict[str, str]]) -> list[Link]:
    """A link (or none) for each actor (``id``, ``name``, ``country``), in their order;
    :class:`InputError` when the store holds no EU organisation to link to."""
    found = candidates(kg)
    if not found:
        raise InputError(
            "the store holds no EU organisation (no hx:pic) to link to: import CORDIS data "
            "(helixgraph import cordis …) or use a store with the default ecosystem"
        )
    matcher = Matcher(found)
    return [
        matcher.best(actor["id"], actor["name"], actor.get("country") or None) for actor in actors
    ]


# -- a spreadsheet's actors in, links out -------------------------------------------------------


def read_actors(path: Path) -> list[dict[str, str]]:
    """The rows of a template's actors table: ``actors.csv``, an ``.xlsx`` workbook, or a
    folder holding either. Each needs the columns ``id`` and ``name`` (``country`` is used
    where given)."""

    if path.is_dir():
        held = [p for p in sorted(path.iterdir()) if p.name.lower() in FILES or p.suffix == ".xlsx"]
        paths = held or [path / "actors.csv"]
    else:
        paths = [path]
    for candidate in paths:
        if not candidate.is_file():
            raise InputError(f"{candidate}: no such file")
    if path.is_file() and path.suffix.lower() == ".csv":  # any CSV file of actors
        table: Table | None = Table("actors.csv", str(path), path)
    else:
        table = tables(paths, FILES).get("actors.csv")
    if table is None:
        raise InputError(f"{path}: no actors table (actors.csv, or an actors sheet)")
    with table.rows() as (header, rows):
        missing = [c for c in ("id", "name") if c not in header]
        if missing:
            raise InputError(f"{table.where}:1: header: missing {', '.join(missing)}")
        return [row for _, row in rows]


def write_links(links: Sequence[Link], out: IO[str]) -> None:
    """The links as CSV: ``id,name,pic,matched_name,score``, one row per actor."""

    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "name", "pic", "matched_name", "score"])
    for link in links:
        writer.writerow(
            spreadsheet_safe(v)
            for v in (link.id, link.name, link.pic or "", link.matched_name or "", link.score)
        )


def apply_links(kg: KnowledgeGraph, links: Sequence[Link], source: Path) -> int:
    """Record the proposed links in the store, in a graph of their own (``links-NAME``), as
    ``owl:sameAs`` between the IRI the spreadsheet importer gives each actor and its EU record:
    the views then show each as one actor. Re-applying replaces the graph. The links recorded."""

    name = source.stem if source.is_file() else source.name
    pairs = [(link.id, link.pic) for link in links if link.pic]
    return record_links(kg, pairs, name, source.name)


def record_links(
    kg: KnowledgeGraph, pairs: Sequence[tuple[str, str]], name: str, file_name: str
) -> int:
    """Record ``(id, PIC)`` pairs as :func:`apply_links` does, in ``links-NAME``; the data page
    records those a manager accepted (a job for a writer process: plain values in)."""
    same = ox.NamedNode(OWL + "sameAs")
    triples = [
        ox.Triple(
            ox.NamedNode(f"{ID_BASE}actor/{slug(identifier)}"),
            same,
            ox.NamedNode(f"{ID_BASE}actor/pic-{pic}"),
        )
        for identifier, pic in pairs
    ]
    text = "".join(f"{identifier},{pic}\n" for identifier, pic in pairs)
    kg.write(
        [
            GraphWrite(
                GRAPH_BASE + "links-" + slug(name),
                file_name,
                hashlib.sha256(text.encode()).hexdigest(),
                triples,
                importer="helixgraph link 1",
            )
        ]
    )
    return len(triples)
