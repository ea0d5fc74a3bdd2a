"""Names as people write them: CORDIS's capitals in readable case, a Hungarian name's accents.

CORDIS writes legal names in capitals without accents ("BUDAPESTI MUSZAKI ES
GAZDASAGTUDOMANYI EGYETEM"). :func:`legible_name` gives the name a person would write
("Budapesti Műszaki és Gazdaságtudományi Egyetem"): each word capitalised, the small words of
a name in lower case, legal forms as they are written (GmbH, e.V., Kft., Zrt.), short words
that are no word of the organisation's language nor of English kept as acronyms (CNRS, VTT).

Accents are restored for Hungarian organisations only, and only where the word is unambiguous:
wordfreq's Hungarian list (46,702 words with their frequencies, from subtitles, Wikipedia, news
and the web) is folded to plain letters, and a folded word takes the accented spelling that is
at least ten times as frequent as any other spelling with the same letters ("ES" -> "és",
7.35 against 6.23 on the Zipf scale). A compound the list lacks ("MERNOKIRODA") is restored
when it splits into two or three listed words ("mérnök" + "iroda"). Why wordfreq rather than
Debian's hunspell-hu: a spelling dictionary knows which words exist, not which of two
spellings is meant; the frequencies decide "es" against "és".

Names written in mixed case are a person's already and are left as they are.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache

import wordfreq

from helixgraph.language import fold

#: legal forms and other words written one way whatever the case of the rest
WRITTEN_AS = {
    "gmbh": "GmbH", "mbh": "mbH", "ev": "e.V.", "e.v": "e.V.", "ag": "AG", "kg": "KG",
    "kft": "Kft.", "zrt": "Zrt.", "nyrt": "Nyrt.", "bt": "Bt.", "kkt": "Kkt.", "rt": "Rt.",
    "oy": "Oy", "oyj": "Oyj", "ab": "AB", "as": "AS", "asa": "ASA", "aps": "ApS",
    "sa": "SA", "sas": "SAS", "sarl": "SARL", "srl": "SRL", "spa": "SpA", "sl": "SL",
    "slu": "SLU", "bv": "BV", "nv": "NV", "vzw": "VZW", "asbl": "ASBL", "ltd": "Ltd",
    "plc": "plc", "llc": "LLC", "inc": "Inc.", "doo": "d.o.o.", "sro": "s.r.o.",
    "ohg": "OHG", "ug": "UG", "se": "SE", "eeig": "EEIG", "ik": "IK", "ike": "IKE",
    "ggmbh": "gGmbH", "ets": "ETS", "ry": "ry", "onlus": "ONLUS", "scarl": "Scarl",
}  # fmt: skip
#: the small words of a name, in lower case unless they begin it
SMALL = frozenset(
    [
        "és", "a", "az", "s", "valamint", "of", "and", "for", "the", "in", "on", "at", "to", "by",
        "de", "la", "le", "les", "du", "des", "et", "y", "e", "i", "o", "di", "del", "della",
        "dello", "degli", "delle", "da", "do", "dos", "das", "der", "die", "und", "für", "fur",
        "van", "von", "voor", "en", "het", "och", "og", "zu", "zur", "zum", "am", "im",
    ]
)  # fmt: skip
#: the language of a country's names, where wordfreq has a list for it
COUNTRY_LANGUAGE = {
    "HU": "hu", "DE": "de", "AT": "de", "FR": "fr", "BE": "fr", "LU": "fr", "IT": "it",
    "ES": "es", "PT": "pt", "NL": "nl", "PL": "pl", "CZ": "cs", "SK": "sk", "FI": "fi",
    "SE": "sv", "DK": "da", "NO": "nb", "EL": "el", "GR": "el", "RO": "ro", "BG": "bg",
    "HR": "hr", "SI": "sl", "LT": "lt", "LV": "lv", "ET": "et", "EE": "et", "IE": "en",
    "UK": "en", "GB": "en",
}  # fmt: skip
#: how much more frequent (Zipf: log10) the chosen spelling must be than the next one
UNAMBIGUOUS = 1.0
#: a Zipf frequency at which a word counts as a word of the language, not an acronym
A_WORD = 2.5
_TOKEN = re.compile(r"[^\W_]+(?:\.[^\W_]+)*\.?|\S", re.UNICODE)
_LISTS = frozenset(wordfreq.available_languages())


def legible_name(name: str, country: str | None = None) -> str:
    """The name as a person would write it; a name already in mixed case is left as it is.

    >>> legible_name("BUDAPESTI MUSZAKI ES GAZDASAGTUDOMANYI EGYETEM", "HU")
    'Budapesti Műszaki és Gazdaságtudományi Egyetem'
    >>> legible_name("EPIC INNOLABS NONPROFIT KFT.", "HU")
    'Epic Innolabs Nonprofit Kft.'
    >>> legible_name("CENTRE NATIONAL DE LA RECHERCHE SCIENTIFIQUE CNRS", "FR")
    'Centre National de la Recherche Scientifique CNRS'
    >>> legible_name("Semmelweis University", "HU")
    'Semmelweis University'
    """
    if not _shouting(name):
        return name
    language = COUNTRY_LANGUAGE.get((country or "").upper())
    first = _TOKEN.search(name)
    return _TOKEN.sub(
        lambda token: _word(token.group(), language, first=token.start() == first.start()),  # type: ignore[union-attr]
        name,
    )


def _shouting(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _word(token: str, language: str | None, *, first: bool) -> str:
    if not token.isalpha() and not token.rstrip(".").replace(".", "").isalpha():
        return token  # a digit in it (3D, AI3P) or a sign: as written
    lower = token.lower()
    bare = lower.rstrip(".")
    if bare in WRITTEN_AS:
        return WRITTEN_AS[bare]
    if "." in bare:  # initials, abbreviations: E.ON, S.P.A.
        return token
    accented = _accented(bare) if language == "hu" else bare
    if accented in SMALL and not first:
        return accented + lower[len(bare) :]
    if accented == bare and _acronym(bare, language):
        return token
    return accented[0].upper() + accented[1:] + lower[len(bare) :]


def _acronym(word: str, language: str | None) -> bool:
    """A short word that no listed language knows, or one without a vowel, is an acronym."""
    if not any(c in "aeiouyáéíóöőúüű" for c in word):
        return True
    if len(word) > 4:  # CORDIS drops accents of every language: LODZKI is no acronym
        return False
    languages = {"en", language or "en"} & _LISTS
    return all(wordfreq.zipf_frequency(word, lang) < A_WORD for lang in languages)


def _accented(word: str) -> str:
    """The Hungarian spelling of an unaccented word, where the list makes it unambiguous."""
    spellings = _hungarian()
    if word in spellings:
        found = spellings[word] or word
    else:
        found = next(
            ("".join(spellings[p] or p for p in parts) for parts in _splits(word)
             if all(spellings.get(p) for p in parts)),
            word,
        )  # fmt: skip
    # an English word in a Hungarian name (Institute for Foreign Affairs) stays English
    english = wordfreq.zipf_frequency(word, "en")
    if found != word and english >= 3.0 and english > wordfreq.zipf_frequency(found, "hu"):
        return word
    return found


def _splits(word: str) -> list[tuple[str, ...]]:
    """Ways to cut a compound into two or three parts of four letters or more, longest first."""
    found: list[tuple[str, ...]] = []
    for i in range(len(word) - 4, 3, -1):
        found.append((word[:i], word[i:]))
    for i in range(4, len(word) - 7):
        for j in range(len(word) - 4, i + 3, -1):
            found.append((word[:i], word[i:j], word[j:]))
    return found


@cache
def _hungarian() -> dict[str, str | None]:
    """Folded word -> its one clear spelling (None where two spellings are close)."""
    by_letters: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for word in wordfreq.iter_wordlist("hu"):
        if word.isalpha():
            by_letters[fold(word)].append((wordfreq.zipf_frequency(word, "hu"), word))
    chosen: dict[str, str | None] = {}
    for letters, spellings in by_letters.items():
        spellings.sort(reverse=True)
        clear = len(spellings) == 1 or spellings[0][0] - spellings[1][0] >= UNAMBIGUOUS
        chosen[letters] = spellings[0][1] if clear else None
    return chosen
