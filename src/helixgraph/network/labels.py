"""What an actor or collaboration is called in a language: the label a page shows, chosen among
the names the store holds, and what is known of an organisation no source names.

Pure functions over the store's rows (the views fetch them): no store, no graph.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

#: The label the CORDIS importer gives an organisation it knows no name of.
PIC_LABEL = re.compile(r"^PIC [0-9]{9}$")
#: The local name of the IRI the CORDIS importer gives an organisation.
PIC_NAME = re.compile(r"^pic-[0-9]{9}$")
#: what a CORDIS activity type calls an organisation, in English and in Hungarian
ACTIVITY_WORDS = {
    "en": {
        "PRC": "company",
        "HES": "higher-education institution",
        "REC": "research organisation",
        "PUB": "public body",
        "OTH": "organisation",
    },
    "hu": {
        "PRC": "cég",
        "HES": "felsőoktatási intézmény",
        "REC": "kutatóhely",
        "PUB": "közintézmény",
        "OTH": "szervezet",
    },
}
Row = tuple[str, str, str]  # subject, object's value, object's language ("" if none)


def local_name(iri: str) -> str:
    """The part of an IRI after its last ``#`` or ``/``.

    >>> local_name("https://w3id.org/helixgraph/ns#funds")
    'funds'
    """
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def unnamed(pic: str, activity: str | None, country: str | None, lang: str = "en") -> str:
    """What an organisation CORDIS names nowhere is called: what is known of it.

    >>> unnamed("935813903", "PRC", "HU")
    'unnamed company, HU — PIC 935813903'
    >>> unnamed("935813903", "PRC", "HU", "hu")
    'név nélküli cég, HU — PIC 935813903'
    """
    where = f", {country}" if country else ""
    words = ACTIVITY_WORDS["hu" if lang == "hu" else "en"]
    kind = words.get(activity or "", words["OTH"])
    return f"{'név nélküli' if lang == 'hu' else 'unnamed'} {kind}{where} — PIC {pic}"


def choose_labels(
    wanted: Mapping[str, str | None],
    pref_labels: Sequence[Row],
    names: Sequence[Row],
    activities: Sequence[Row],
    merged: Mapping[str, str],
    lang: str = "en",
) -> dict[str, str]:
    """IRI -> label for each IRI of ``wanted`` (IRI -> its country): skos:prefLabel in
    ``lang``, else one without a language (a CORDIS name), else in another language, else
    foaf:name, else what is known of an organisation CORDIS names nowhere (:func:`unnamed`),
    else the IRI's local name. ``merged``: IRI -> the IRI of the actor it is one with.

    >>> choose_labels({"x/pic-999999999": "HU"}, [("x/pic-999999999", "PIC 999999999", "")],
    ...               [], [], {})
    {'x/pic-999999999': 'unnamed organisation, HU — PIC 999999999'}
    """

    def rank_of(label: str, tag: str) -> int:
        if PIC_LABEL.match(label):
            return 4
        return 0 if tag.startswith(lang) else 1 if not tag else 2

    ranked = [(merged.get(s, s), o, rank_of(o, tag)) for s, o, tag in pref_labels]
    ranked += [(merged.get(s, s), o, 3) for s, o, _ in names]
    rank: dict[str, int] = {}
    chosen: dict[str, str] = {}
    for iri, label, how in ranked:
        if iri not in wanted:
            continue
        if how < rank.get(iri, 9) or (how == rank[iri] and label < chosen[iri]):
            rank[iri] = how
            chosen[iri] = label
    kinds = {merged.get(s, s): local_name(o).removeprefix("activity") for s, o, _ in activities}
    for iri, country in wanted.items():
        name = local_name(iri)
        if PIC_NAME.match(name) and (iri not in chosen or PIC_LABEL.match(chosen[iri])):
            chosen[iri] = unnamed(name[4:], kinds.get(iri), country, lang)  # say what is known
        elif iri not in chosen:
            chosen[iri] = name
    return chosen
