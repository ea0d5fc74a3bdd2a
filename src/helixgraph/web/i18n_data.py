"""The data page's Hungarian (``data.html``, ``data.js``), part of
:data:`helixgraph.web.i18n.HU`."""

from __future__ import annotations

DATA_PAGE_HU: dict[str, str] = {
    "Data": "Adatok",
    "helixgraph: the data": "helixgraph: az adatok",
    "The data": "Az adatok",
    "Each source is a named graph of its own: bringing a source in again replaces it, all or "
    "nothing, while the pages and the SPARQL endpoint keep answering.": "Minden forrás egy saját "
    "nevesített gráf: egy forrás újbóli behozatala lecseréli, mindent vagy semmit, miközben az "
    "oldalak és a SPARQL-végpont tovább válaszolnak.",
    "Sources in the store": "A tár forrásai",
    "graph": "gráf",
    "file": "fájl",
    "triples": "hármasok",
    "written": "beírva",
    "rows read / written / rejected": "olvasott / beírt / elutasított sorok",
    "Remove": "Eltávolítás",
    "Bring in your own": "Saját adatok behozatala",
    "A member list as the templates have it (actors.csv, memberships.csv, … or one .xlsx "
    "workbook), CORDIS files, or RDF (Turtle, N-Triples). Check first: every row is read and "
    "every problem named, and nothing is written.": "Tagjegyzék a sablonok szerint (actors.csv, "
    "memberships.csv, … vagy egy .xlsx munkafüzet), CORDIS-fájlok vagy RDF (Turtle, N-Triples). "
    "Előbb ellenőrizze: minden sort beolvasunk, minden hibát megnevezünk, és semmit sem írunk.",
    "Kind": "Fajta",
    "as the files say": "a fájlok szerint",
    "spreadsheet": "tagjegyzék (táblázat)",
    "cordis": "CORDIS",
    "rdf": "RDF",
    "Source name": "A forrás neve",
    "from the file": "a fájlé",
    "Files": "Fájlok",
    "leave out rows with a problem": "a hibás sorok kihagyása",
    "Check": "Ellenőrzés",
    "Update token": "Írási token",
    "Import": "Behozatal",
    "This server is read-only: it takes no data (HELIX_UPDATE_TOKEN is not set). Checking works "
    "all the same.": "Ez a szerver csak olvasható: adatot nem fogad (nincs HELIX_UPDATE_TOKEN). "
    "Az ellenőrzés ettől még működik.",
    "Writing needs the server's update token: {why}": "Az íráshoz a szerver írási tokenje kell: "
    "{why}",
    "the server refused the request ({status})": "a szerver elutasította a kérést ({status})",
    "The files are over the server's limit of {n} bytes.": "A fájlok meghaladják a szerver "
    "{n} bájtos korlátját.",
    "Importing…": "Behozatal…",
    "{n} problem(s); nothing was written. Mend them, or tick “leave out rows with a problem”.": (
        "{n} hiba; semmi sem íródott be. Javítsa ki őket, vagy jelölje be: „a hibás sorok "
        "kihagyása”."
    ),
    "Checking…": "Ellenőrzés…",
    "Checked: {summary}. Nothing was written.": "Ellenőrizve: {summary}. Semmi sem íródott be.",
    "Imported: {summary}; {n} triples.": "Behozva: {summary}; {n} hármas.",
    "{n} rows": "{n} sor",
    "{n} rows with a problem left out": "{n} hibás sor kimaradt",
    "graph {graph}": "gráf: {graph}",
    "Remove the graph {graph} from the store?": "Eltávolítja a(z) {graph} gráfot a tárból?",
    "Find them among the EU organisations": "Keresés az uniós szervezetek között",
    "Looking…": "Keresés…",
    "{n} of {total} found among the EU organisations. Untick a wrong one: an accepted link makes "
    "the actor and its EU record one actor.": "{total} közül {n} megvan az uniós szervezetek "
    "között. A tévest vegye ki: az elfogadott kapcsolat a szereplőt és uniós rekordját egy "
    "szereplővé teszi.",
    "accept": "elfogad",
    "in your list": "az Ön listájában",
    "EU record": "uniós rekord",
    "city": "város",
    "score": "egyezés",
    "none close enough": "nincs elég közeli",
    "Earlier versions kept (the one the last upload replaced, or a removal took out):": (
        "Megőrzött korábbi változatok (amelyet az utolsó feltöltés lecserélt, vagy egy "
        "eltávolítás kivett):"
    ),
    "Bring back {name}": "{name} visszaállítása",
}
