# ruff: noqa: RUF001 - page text uses the typographic minus sign on purpose
"""The pages in English and Hungarian: the language of a request, and what templates and scripts
use to speak it (``_("…")``, ``num(…)``, ``concepts``).

English is the source text: a sentence is its own key, and Hungarian comes from ``HU`` below
(``tests/test_i18n.py`` fails when a page or script has a sentence without it). Concept labels
(helices, roles, sectors) are the ontology's own ``@hu`` labels, not repeated here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from fastapi import Request

from helixgraph.language import LANGUAGES, Language, choose, number
from helixgraph.web.i18n_data import DATA_PAGE_HU


def request_language(request: Request) -> Language:
    """``?lang=hu``, else the browser's ``Accept-Language``, else English."""
    return choose(request.query_params.get("lang"), request.headers.get("accept-language"))


def translator(lang: Language) -> Callable[[str], str]:
    """``_`` for ``lang``: the Hungarian of an English sentence (itself where there is none)."""
    if lang == "en":
        return lambda text: text
    return lambda text: HU.get(text, text)


def page_language(request: Request) -> dict[str, Any]:
    """What every page's template is rendered with (a Jinja context processor): the language's
    words and numbers, and links to the same page in each language."""
    lang = request_language(request)
    others = {k: v for k, v in request.query_params.multi_items() if k != "lang"}
    return language_context(lang) | {
        "language_links": [
            (code, name, f"{request.url.path}?{urlencode({**others, 'lang': code})}")
            for code, name in LANGUAGES.items()
        ]
    }


def language_context(lang: Language) -> dict[str, Any]:
    """What a template needs to speak ``lang``: ``_``, ``num``, ``kind_word`` and the scripts'
    sentences (also for pages rendered without a request, such as ``viz --out``)."""
    return {
        "lang": lang,
        "_": translator(lang),
        "num": lambda value, **how: number(value, lang, **how),
        "kind_word": lambda kind, n: kind_word(kind, n, lang),
        "method_note": lambda text: method_note(text or "", lang),
        "script_texts": _HU_SCRIPT_TEXTS if lang == "hu" else "{}",
        "language_links": [],
    }


def kind_word(kind: str, n: int, lang: Language) -> str:
    """``2 projects`` / ``2 projekt`` (Hungarian keeps the singular after a number).

    >>> kind_word("cluster", 2, "en"), kind_word("cluster", 1, "en"), kind_word("project", 2, "hu")
    ('clusters', 'cluster', 'projekt')
    """
    if lang == "hu":
        return KINDS_HU.get(kind, kind)
    return kind if n == 1 else kind + "s"


#: the report's method notes, phrase by phrase (they are built with figures in them)
METHOD_PHRASES_HU = [
    (r"distance fragmentation, exact", "távolságalapú fragmentáltság, pontosan"),
    (r"every candidate set in (\d+) part\(s\)", r"minden jelölthalmaz \1 részben"),
    (
        r"Borgatti's greedy swaps in (\d+) larger part\(s\) \((\d+) starts, seed (\d+)\)",
        r"Borgatti mohó cseréi \1 nagyobb részben (\2 indítás, kezdőérték: \3)",
    ),
    (r"(\d+) sets scored", r"\1 halmaz kiértékelve"),
    (r"stopped by the ([\d.]+) s budget", r"a \1 s-os időkeret leállította"),
    (
        r"above (\d+) actors: the (\d+) most between actors, distance fragmentation without "
        r"them estimated from (\d+) random sources; a change within ±([\d.]+) is no evidence",
        r"\1 szereplő fölött: a \2 legnagyobb közöttiségű szereplő, a nélkülük mért "
        r"távolságalapú fragmentáltság \3 véletlen forrásból becsülve; a ±\4 határon belüli "
        r"változás nem bizonyíték",
    ),
]


def method_note(text: str, lang: Language) -> str:
    """A report's method note in ``lang``, its decimal marks too.

    >>> method_note("every candidate set in 2 part(s); 7 sets scored; ±0.0123", "hu")
    'minden jelölthalmaz 2 részben; 7 halmaz kiértékelve; ±0,0123'
    """
    if lang != "hu":
        return text
    for pattern, words in METHOD_PHRASES_HU:
        text = re.sub(pattern, words, text)
    return re.sub(r"(\d)\.(\d)", r"\1,\2", text)


#: what a form's value can be refused for, in Hungarian
ERROR_PHRASES_HU = [
    (
        r"^'(.+)': the data has activity in (\d+)-(\d+) only$",
        r"„\1”: az adatokban csak \2 és \3 között van tevékenység",
    ),
    (
        r"^'(.+)': give a year or a range of years, such as 2014-2016$",
        r"„\1”: adjon meg egy évet vagy évtartományt, például 2014-2016",
    ),
    (
        r"^country '(.+)': give its ISO code \(HU\) or its name in English or Hungarian .*$",
        r"„\1” ország: adja meg az ISO-kódját (HU) vagy a nevét angolul vagy magyarul "
        r"(Hungary, Magyarország)",
    ),
    (r"^helix '(.+)': one of (.+)$", r"„\1” spirál: a következők egyike: \2"),
    (
        r"^country '(.+)': the store holds actors of (.+)$",
        r"„\1” ország: a tárban ezen országok szereplői vannak: \2",
    ),
]


def error_text(detail: str, lang: Language) -> str:
    """A form value's refusal in ``lang``.

    >>> error_text("'1990': the data has activity in 2012-2026 only", "hu")
    '„1990”: az adatokban csak 2012 és 2026 között van tevékenység'
    """
    if lang == "hu":
        for pattern, words in ERROR_PHRASES_HU:
            if re.match(pattern, detail):
                return re.sub(pattern, words, detail)
    return detail


KINDS_HU = {"cluster": "klaszter", "project": "projekt", "initiative": "kezdeményezés"}

#: Every sentence of the pages and their scripts, in Hungarian.
HU: dict[str, str] = {
    **DATA_PAGE_HU,
    # header and navigation
    "Overview": "Áttekintés",
    "Graph": "Gráf",
    "API: actors": "API: szereplők",
    "language": "nyelv",
    # the map (maps.py, index.html)
    "Actors by county, and the ties between counties": "Szereplők megyénként, és a megyék "
    "közötti kapcsolatok",
    "Where the ecosystem is": "Hol van az ökoszisztéma",
    "The scope's Hungarian actors by county (the darker, the more), and the ties between "
    "counties (the thicker, the more). A county leads to the explorer filtered to it.": (
        "A hatókör magyar szereplői megyénként (minél sötétebb, annál több), és a megyék "
        "közötti kapcsolatok (minél vastagabb, annál több). Egy megyére kattintva a gráf arra "
        "szűrve nyílik."
    ),
    "county": "megye",
    "Outlines: Natural Earth; places: GeoNames (CC BY 4.0).": "Határok: Natural Earth; "
    "települések: GeoNames (CC BY 4.0).",
    "none of them in the largest connected part": "egyikük sincs a legnagyobb összefüggő részben",
    "A dashed outline: none of the county's actors is in the network's largest connected "
    "part.": "Szaggatott körvonal: a megye egyetlen szereplője sincs a hálózat legnagyobb "
    "összefüggő részében.",
    "ties inside": "kapcsolat a megyén belül",
    "ties to other counties": "kapcsolat más megyékkel",
    "in the largest part": "a legnagyobb részben",
    "{n} of the scope's Hungarian actors are in no county: the data gives neither their region "
    "nor a city the gazetteer knows.": "A hatókör {n} magyar szereplője nincs megyéhez "
    "rendelve: az adatok sem a régióját, sem ismert települését nem adják meg.",
    "Actors by country, and the ties between countries": "Szereplők országonként, és az "
    "országok közötti kapcsolatok",
    "The scope's actors by country (the darker, the more), and the {n} strongest ties between "
    "countries (the thicker, the more). A country leads to the explorer filtered to it.": (
        "A hatókör szereplői országonként (minél sötétebb, annál több), és az országok közötti "
        "{n} legerősebb kapcsolat (minél vastagabb, annál több). Egy országra kattintva a gráf "
        "arra szűrve nyílik."
    ),
    "A dashed outline: none of its actors is in the network's largest connected part.": (
        "Szaggatott körvonal: egyetlen szereplője sincs a hálózat legnagyobb összefüggő részében."
    ),
    "country": "ország",
    "ties inside the country": "kapcsolat az országon belül",
    "ties to other countries": "kapcsolat más országokkal",
    "{n} actors of the scope are in countries beyond the map (outside Europe, or with no country "
    "in the data).": "A hatókör {n} szereplője a térképen kívüli országban van (Európán kívül, "
    "vagy az adatok nem adják meg az országát).",
    # scope selector
    "Country": "Ország",
    "all countries": "minden ország",
    "Sector": "Ágazat",
    "all sectors": "minden ágazat",
    "Cluster": "Klaszter",
    "any actor": "bármely szereplő",
    "members of {name}": "{name} tagjai",
    "Years": "Évek",
    "Region": "Régió",
    "all regions": "minden régió",
    "Source": "Forrás",
    "every source": "minden forrás",
    "e.g. 2016-2018": "pl. 2016-2018",
    "{code} ({n} actors)": "{code} ({n} szereplő)",
    # dashboard
    "helixgraph: the ecosystem at a glance": "helixgraph: az ökoszisztéma egy pillantásra",
    "The innovation ecosystem at a glance": "Az innovációs ökoszisztéma egy pillantásra",
    "Actors of the quadruple helix — government, academia, business and community — with the "
    "clusters and projects they take part in and the ties between them.": (
        "A négyes spirál szereplői — kormányzat, tudományos szféra, üzleti szféra és civil "
        "társadalom —, a klaszterek és projektek, amelyekben részt vesznek, és a köztük lévő "
        "kapcsolatok."
    ),
    "which ecosystem": "melyik ökoszisztéma",
    "Paths": "Utak",
    "among these actors only": "csak e szereplők között",
    "also through outside partners": "külső partnereken át is",
    "Show": "Mutasd",
    "Scope": "Hatókör",
    "{n} actors": "{n} szereplő",
    "paths through outside partners counted": "a külső partnereken át vezető utakkal",
    "The whole store": "A teljes tár",
    "What to look at first": "Amit először érdemes megnézni",
    "The analysis of this ecosystem (fragmentation, key players, clusters, charts) is being "
    "computed; this page reloads itself in a few seconds.": (
        "Az ökoszisztéma elemzése (fragmentáltság, kulcsszereplők, klaszterek, ábrák) készül; "
        "az oldal néhány másodperc múlva magától frissül."
    ),
    "Actors per helix": "Szereplők spirálonként",
    "helix": "spirál",
    "actors": "szereplők",
    "all actors": "minden szereplő",
    "Fragmentation": "Fragmentáltság",
    "Connected parts": "Összefüggő részek",
    "(the largest holds {share} of the actors; {isolates} stand alone)": (
        "(a legnagyobb a szereplők {share}-át fogja össze; {isolates} magában áll)"
    ),
    "Borgatti's fragmentation: the share of pairs of actors that cannot reach each other": (
        "Borgatti-féle fragmentáltság: azon szereplőpárok aránya, amelyek nem érik el egymást"
    ),
    "F among themselves / through outside partners": "F egymás között / külső partnereken át",
    "distance-weighted fragmentation: 1 minus the mean of 1/distance over all pairs": (
        "távolsággal súlyozott fragmentáltság: 1 mínusz az 1/távolság átlaga minden párra"
    ),
    "Who ties to whom": "Ki kivel áll kapcsolatban",
    "Ties between actors of each pair of helices. E-I index {ei} (−1: ties only within a "
    "helix, +1: only across).": (
        "Kapcsolatok a spirálok szereplői között, páronként. E-I index: {ei} (−1: csak "
        "spirálon belüli kapcsolatok, +1: csak spirálok közöttiek)."
    ),
    "Key players": "Kulcsszereplők",
    "The actors whose leaving would fragment the network most ({method}).": (
        "Azok a szereplők, akiknek a távozása a leginkább széttördelné a hálózatot ({method})."
    ),
    "Without them, distance fragmentation would be {value}.": (
        "Nélkülük a távolságalapú fragmentáltság {value} lenne."
    ),
    "No single actor holds this ecosystem together: without the most central ({names}) "
    "distance fragmentation changes by {change}, within its error ±{error}.": (
        "Egyetlen szereplő sem tartja össze egymagában ezt az ökoszisztémát: a legközpontibbak "
        "({names}) nélkül a távolságalapú fragmentáltság {change} értékkel változik, ez belül "
        "marad a ±{error} hibahatáron."
    ),
    "Brokers and the ties worth building": "Közvetítők és a megépítendő kapcsolatok",
    "Brokers sit between actors who have no tie of their own (Gould-Fernandez brokerage: the "
    "open two-paths through them, across helices or within one).": (
        "A közvetítők olyan szereplők között állnak, akiknek nincs saját kapcsolatuk "
        "(Gould-Fernandez-féle közvetítés: a rajtuk átmenő nyitott kétlépéses utak, spirálok "
        "között vagy egy spirálon belül)."
    ),
    "One joint project between these pairs would cut distance fragmentation most (each "
    "counted after the ones above it):": (
        "Egy-egy közös projekt e párok között csökkentené leginkább a távolságalapú "
        "fragmentáltságot (mindegyik a fölötte állók után számolva):"
    ),
    "{n} steps apart": "{n} lépésnyire egymástól",
    "in separate parts": "külön részekben",
    "What if": "Mi lenne, ha",
    "An actor leaves, or two actors start working together: the figures of this ecosystem "
    "before and after.": (
        "Egy szereplő távozik, vagy két szereplő együtt kezd dolgozni: az ökoszisztéma mutatói "
        "előtte és utána."
    ),
    "The names offered are the {shown} best connected of its {total} actors: choose a "
    "narrower scope above for the others.": (
        "A felkínált nevek a {total} szereplő közül a {shown} legjobban beágyazott: a többiekhez "
        "válasszon fent szűkebb hatókört."
    ),
    "Leaves": "Távozik",
    "an actor…": "egy szereplő…",
    "New tie": "Új kapcsolat",
    "one actor…": "az egyik szereplő…",
    "and": "és",
    "another…": "a másik…",
    "Compute": "Számítsd ki",
    "Clusters merge": "Klaszterek egyesülnek",
    "one cluster…": "az egyik klaszter…",
    "Every figure is exact: counted on the whole network of the scope, not estimated.": (
        "Minden mutató pontos: a hatókör teljes hálózatán számolva, nem becsülve."
    ),
    "pick two different clusters to merge": "válasszon két különböző klasztert az egyesítéshez",
    "figure": "mutató",
    "before": "előtte",
    "after": "utána",
    "change": "változás",
    "Year by year": "Évről évre",
    "Beside its peers": "Társai mellett",
    "This store sees {peers} only through their joint projects with {own}: those figures are "
    "not their own ecosystems' (import the whole programme to compare ecosystems).": (
        "Ez a tár a következőket csak a(z) {own} hatókörrel közös projektjeiken át látja: "
        "{peers}; ezek a számok nem a saját ökoszisztémájuk számai (ökoszisztémák "
        "összevetéséhez importálja a teljes programot)."
    ),
    "Made by helixgraph on {date} from the store {store}.": (
        "Készítette a helixgraph, {date}, a(z) {store} tárból."
    ),
    "Each year alone: the actors of this scope active that year (in a collaboration running in "
    "it), the parts they fall into, fragmentation F among them, and the triple-helix synergy of "
    "their collaborations (negative: synergy).": (
        "Minden év külön: a hatókör abban az évben aktív szereplői (az évben futó "
        "együttműködésben), a részek, amelyekre oszlanak, a köztük mért F fragmentáltság és "
        "együttműködéseik hármas spirál szinergiája (negatív: szinergia)."
    ),
    "year": "év",
    "collaborations": "együttműködések",
    "parts": "részek",
    "largest part": "legnagyobb rész",
    "synergy (bits)": "szinergia (bit)",
    "Clusters to look at": "Figyelmet érdemlő klaszterek",
    "cluster": "klaszter",
    "project": "projekt",
    "members (declared)": "tagok (megadott)",
    "below critical mass": "kritikus tömeg alatt",
    "missing helices": "hiányzó spirálok",
    "yes": "igen",
    "no": "nem",
    "none": "nincs",
    "No clusters in the store.": "A tárban nincs klaszter.",
    "Parallel initiatives": "Párhuzamos kezdeményezések",
    "{first} and {second}: same sector ({sectors}), {shared} shared members, {ties} ties "
    "between the rest": (
        "{first} és {second}: azonos ágazat ({sectors}), {shared} közös tag, {ties} kapcsolat "
        "a többi tag között"
    ),
    "No two clusters work in the same sector without ties between them.": (
        "Nincs két klaszter, amely kapcsolat nélkül dolgozna ugyanabban az ágazatban."
    ),
    "Structure": "Szerkezet",
    "Structure of the whole store": "A teljes tár szerkezete",
    "{n} collaborations": "{n} együttműködés",
    "{n} memberships": "{n} tagság",
    "{n} direct ties": "{n} közvetlen kapcsolat",
    "{n} connected components; the largest holds {largest} actors, {isolated} actor(s) stand "
    "alone": (
        "{n} összefüggő komponens; a legnagyobb {largest} szereplőt fog össze, {isolated} "
        "szereplő magában áll"
    ),
    "{triples} triples in {graphs} named graphs": "{triples} hármas {graphs} nevesített gráfban",
    "{n} examples the seed adds to show a kind of actor (marked hx:illustrative) are in the "
    "store but in no figure, finding or chart: every figure is of real actors.": (
        "{n} példa, amelyet a kiinduló adat egy-egy szereplőtípus szemléltetésére vesz fel "
        "(hx:illustrative jelöléssel), a tárban van, de egyetlen számban, megállapításban és "
        "ábrán sem: minden szám valódi szereplőkről szól."
    ),
    "The ecosystem this store was made for.": "Az ökoszisztéma, amelyre ez a tár készült.",
    "No such page": "Nincs ilyen oldal",
    "There is no page at this address. Start again from the overview, the graph or the SPARQL "
    "page above.": (
        "Ezen a címen nincs oldal. Kezdje újra fent az áttekintésből, a gráfból vagy a SPARQL "
        "oldalról."
    ),
    "The ecosystem this store was made for": "Az ökoszisztéma, amelyre ez a tár készült",
    "the whole store": "a teljes tár",
    "No actor sits between two others who have no tie of their own.": (
        "Egyetlen szereplő sem áll két olyan másik között, akiknek nincs saját kapcsolatuk."
    ),
    "Brokers and the ties worth building are measured exactly only, on ecosystems of at most "
    "{limit} actors; this one has {n}: choose a narrower scope above.": (
        "A közvetítőket és a megérő kapcsolatokat csak pontosan mérjük, legfeljebb {limit} "
        "szereplős ökoszisztémán; ebben {n} van: válasszon fent szűkebb hatókört."
    ),
    "Explore the graph": "A gráf felfedezése",
    "Query with SPARQL": "Lekérdezés SPARQL-lel",
    "The whole report (JSON)": "A teljes jelentés (JSON)",
    # charts
    "Actors in each connected part": "Szereplők összefüggő részenként",
    "Ties between helices (shared collaborations or direct ties)": (
        "Kapcsolatok a spirálok között (közös együttműködések vagy közvetlen kapcsolatok)"
    ),
    "Fragmentation F among the actors active each year": (
        "Az adott évben aktív szereplők F fragmentáltsága"
    ),
    "part {i}": "{i}. rész",
    "{n} more": "további {n}",
    "and {n} more": "és további {n}",
    "{n} ties": "{n} kapcsolat",
    "no years to show": "nincs megjeleníthető év",
    # explorer
    "helixgraph: the ecosystem graph": "helixgraph: az ökoszisztéma gráfja",
    "The ecosystem graph": "Az ökoszisztéma gráfja",
    "View": "Nézet",
    "what to draw": "mit rajzoljon",
    "the actor network: shared collaborations and direct ties": (
        "a szereplők hálózata: közös együttműködések és közvetlen kapcsolatok"
    ),
    "actors tied when they share a collaboration": (
        "szereplők, akiket közös együttműködés köt össze"
    ),
    "actors and the clusters and projects they belong to": (
        "szereplők és a klaszterek, projektek, amelyekhez tartoznak"
    ),
    "direct ties: funding, collaboration, services (no dates)": (
        "közvetlen kapcsolatok: finanszírozás, együttműködés, szolgáltatások (dátum nélkül)"
    ),
    "Nodes at most": "Legfeljebb ennyi csúcs",
    "Draw": "Rajzold",
    "Find an actor": "Szereplő keresése",
    "name…": "név…",
    "Helix": "Spirál",
    "all helices": "minden spirál",
    "Cluster or project": "Klaszter vagy projekt",
    "all: type a name…": "mind: írjon be egy nevet…",
    "all": "mind",
    "Component": "Komponens",
    "all components": "minden komponens",
    "Ties shared by at least": "Legalább ennyi közös kapcsolat",
    "Around the chosen actor": "A kiválasztott szereplő környezete",
    "everyone": "mindenki",
    "1 step": "1 lépés",
    "2 steps": "2 lépés",
    "Size by": "Méret",
    "nothing (same size)": "egyforma",
    "Names shown": "Megjelenített nevek",
    "every node drawn": "minden kirajzolt csúcs",
    "the 50 most active": "az 50 legaktívabb",
    "the 20 most active": "a 20 legaktívabb",
    "none (hover for names)": "egyik sem (a név rámutatáskor látszik)",
    "Colour by": "Szín",
    "community": "közösség",
    "outline key players and brokers": "kulcsszereplők és közvetítők kiemelése",
    "draw every node (no groups)": "minden csúcs kirajzolása (csoportok nélkül)",
    "Clear filters": "Szűrők törlése",
    "cluster or project": "klaszter vagy projekt",
    "key player or broker": "kulcsszereplő vagy közvetítő",
    "a group of less active actors (click to draw them)": (
        "kevésbé aktív szereplők csoportja (kattintásra kirajzolódnak)"
    ),
    "Showing the {shown} best-connected of {total} nodes": (
        "A {total} csúcs közül a {shown} legjobban beágyazott látszik"
    ),
    "and {edges} of their strongest ties ({total} in the view); raise “Nodes at most” or "
    "filter by years to see others.": (
        "és {edges} legerősebb kapcsolatuk (a nézetben {total}); a többiekhez emelje a "
        "„Legfeljebb ennyi csúcs” értékét, vagy szűrjön évekre."
    ),
    "{nodes} nodes, {edges} ties.": "{nodes} csúcs, {edges} kapcsolat.",
    "Brokerage is left out above 2,000 nodes.": "2000 csúcs fölött a közvetítés nem számolódik.",
    "How to read this graph": "Hogyan olvassuk a gráfot",
    "Each dot is an actor, coloured by its helix (government, academia, business, community); "
    "each grey square is a cluster or project, linked to its members. Actors close together "
    "share collaborations. In a big picture the most active actors, the clusters and their "
    "members are drawn by name and the others are grouped by community into grey or coloured "
    "hexagons (Louvain communities; “N more”): click one to draw its members, or tick “draw "
    "every node”. Search or click an actor for its details; the filters combine and draw every "
    "matching node; “Around the chosen actor” keeps only its neighbourhood. Metrics are "
    "measured on the nodes drawn. Positions were computed once on the server, so the picture "
    "is the same on every visit.": (
        "Minden pont egy szereplő, spirálja szerint színezve (kormányzat, tudományos szféra, "
        "üzleti szféra, civil társadalom); minden szürke négyzet egy klaszter vagy projekt, "
        "tagjaihoz kötve. Az egymáshoz közeli szereplők közös együttműködésekben vesznek részt. "
        "Nagy képen a legaktívabb szereplők, a klaszterek és tagjaik névvel látszanak, a többiek "
        "közösségenként szürke vagy színes hatszögekbe csoportosulnak (Louvain-közösségek; "
        "„további N”): kattintásra kirajzolódnak a tagjai, vagy jelölje be a „minden csúcs "
        "kirajzolása” négyzetet. Egy szereplő adataihoz keressen rá vagy kattintson rá; a szűrők "
        "együtt hatnak, és minden megfelelő csúcsot kirajzolnak; „A kiválasztott szereplő "
        "környezete” csak a szomszédságát tartja meg. A mutatók a kirajzolt csúcsokon mérődnek. "
        "A pozíciókat a szerver egyszer számolja ki, így a kép minden látogatáskor ugyanaz."
    ),
    # query page
    "SPARQL 1.1 on the whole store: the default graph is the union of all named graphs unless "
    "the query says FROM. The prefixes below are predeclared; Ctrl-Space completes prefixes, "
    "classes and properties. Queries stop after their deadline; answers stop at the row "
    "limit.": (
        "SPARQL 1.1 a teljes táron: az alapértelmezett gráf az összes nevesített gráf uniója, "
        "hacsak a lekérdezés FROM-mal mást nem mond. Az alábbi előtagok előre deklaráltak; a "
        "Ctrl-Szóköz kiegészíti az előtagokat, osztályokat és tulajdonságokat. A lekérdezések a "
        "határidő után leállnak; a válaszok a sorkorlátnál véget érnek."
    ),
    "Query": "Lekérdezés",
    "Results as": "Eredmény formája",
    "a table (SPARQL JSON)": "táblázat (SPARQL JSON)",
    "Run": "Futtatás",
    "Earlier queries": "Korábbi lekérdezések",
    "none yet": "még nincs",
    "choose one…": "válasszon…",
    "Examples": "Példák",
    "The named queries of the REST API (/api/queries): fill in their parameters and put one in "
    "the editor. With their parameters they also run at /api/queries/NAME.": (
        "A REST API nevesített lekérdezései (/api/queries): töltse ki a paramétereiket, és "
        "tegye a szerkesztőbe. Paramétereikkel a /api/queries/NÉV címen is futnak."
    ),
    "“{name}” needs a value of its type.": "„{name}” értéket vár, a típusának megfelelőt.",
    "The example is in the editor: press Run.": (
        "A példa a szerkesztőben van: nyomja meg a Futtatást."
    ),
    "The ontology defines no {terms}: a typo? (Ctrl-Space lists the terms.)": (
        "Az ontológia nem definiálja ezt: {terms}. Elírás? (A Ctrl-Szóköz felsorolja a fogalmakat.)"
    ),
    "Running…": "Fut…",
    "Answered in {seconds} s": "Válasz {seconds} s alatt",
    ", cut at the row limit.": ", a sorkorlátnál levágva.",
    "Answer: {answer} ({seconds} s).": "Válasz: {answer} ({seconds} s).",
    "{rows} rows in {seconds} s": "{rows} sor {seconds} s alatt",
    "Download CSV": "CSV letöltése",
    "Download JSON": "JSON letöltése",
    "The query could not be sent: {error}": "A lekérdezést nem sikerült elküldeni: {error}",
    # the explorer's groups (web/communities.py)
    "Community {k}:": "{k}. közösség:",
    "In small separate groups:": "Kis különálló csoportokban:",
    "{n} more actors": "további {n} szereplő",
    ", {n} collaborations": ", {n} együttműködés",
    "mostly {helix}": "többségében {helix}",
    "e.g. {names}": "pl. {names}",
    "click to draw them one by one": "kattintásra egyenként kirajzolódnak",
    # explorer script
    "{actors} actors and {collaborations} collaborations shown, {ties} ties": (
        "{actors} szereplő és {collaborations} együttműködés látszik, {ties} kapcsolat"
    ),
    "; {n} more in {groups} groups (hexagons: click one to draw its members).": (
        "; további {n} szereplő {groups} csoportban (hatszögek: kattintásra kirajzolódnak)."
    ),
    "Roles": "Szerepek",
    "Services": "Szolgáltatások",
    "Memberships": "Tagságok",
    "Metrics (in the picture)": "Mutatók (a képen)",
    "its record in the API": "az adatai az API-ban",
    "unknown": "ismeretlen",
    "1 (the largest)": "1 (a legnagyobb)",
    "“{name}” is not among the nodes drawn: draw more nodes, or choose years, to find it.": (
        "„{name}” nincs a kirajzolt csúcsok között: rajzoljon több csúcsot, vagy válasszon "
        "éveket a megtalálásához."
    ),
    "degree": "fokszám",
    "betweenness": "köztiség",
    "brokerage": "közvetítés",
    "reach": "elérés",
    # what-if script
    "separate parts": "különálló részek",
    "share in the largest part": "arány a legnagyobb részben",
    "standing alone": "magában álló",
    "fragmentation F": "F fragmentáltság",
    "distance fragmentation": "távolságalapú fragmentáltság",
    "ties": "kapcsolatok",
    "“{name}” is not an actor of this ecosystem: pick one from the list": (
        "„{name}” nem szereplője ennek az ökoszisztémának: válasszon a listából"
    ),
    "a new tie needs two actors": "egy új kapcsolathoz két szereplő kell",
    "pick an actor that leaves, or two for a new tie": (
        "válasszon egy távozó szereplőt, vagy kettőt egy új kapcsolathoz"
    ),
    "computing…": "számítás…",
    "the server could not answer": "a szerver nem tudott válaszolni",
}


#: The catalogue as the pages' scripts read it, written once (``<`` and ``>`` escaped, so that
#: nothing in it can close its ``<script>``).
_HU_SCRIPT_TEXTS = json.dumps(HU, ensure_ascii=True).replace("<", "\\u003c").replace(">", "\\u003e")
