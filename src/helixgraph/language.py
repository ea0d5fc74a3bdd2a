"""The languages helixgraph speaks to people (English, Hungarian): choosing one, and writing
numbers the way its readers write them.

Hungarian writes ``0,851`` and ``6 914`` (a thin no-break space groups thousands), English
``0.851`` and ``6,914``. Labels of concepts come from the ontology's ``@hu`` labels; sentences
from the page and findings catalogues (``web/i18n.py``, ``report/findings.py``).
"""

from __future__ import annotations

import unicodedata
from typing import Literal

Language = Literal["en", "hu"]
LANGUAGES: dict[str, str] = {"en": "English", "hu": "magyar"}
DEFAULT: Language = "en"


def choose(asked: str | None, accept_language: str | None = None) -> Language:
    """The language a visitor asked for (``?lang=hu``), else the first the browser prefers
    that we speak (``Accept-Language: hu-HU,hu;q=0.9,en;q=0.8``), else English.

    >>> choose("hu"), choose(None, "hu-HU,hu;q=0.9,en;q=0.8"), choose(None, "de, fr;q=0.5")
    ('hu', 'hu', 'en')
    >>> choose(None, "de;q=0.9, en;q=0.4, hu;q=0.8")
    'hu'
    """
    if asked and asked.lower() in LANGUAGES:
        return asked.lower()  # type: ignore[return-value]
    ranked: list[tuple[float, int, str]] = []
    for position, item in enumerate((accept_language or "").split(",")):
        tag, _, params = item.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        primary = tag.strip().split("-")[0].lower()
        if primary in LANGUAGES and quality > 0:
            ranked.append((-quality, position, primary))
    return min(ranked)[2] if ranked else DEFAULT  # type: ignore[return-value]


def number(
    value: float | int,
    lang: Language = DEFAULT,
    *,
    digits: int | None = None,
    percent: bool = False,
    signed: bool = False,
) -> str:
    """``value`` written for ``lang``: ``digits`` after the decimal mark (integers: none),
    as a percentage, with a sign.

    >>> number(6914, "hu"), number(6914, "en"), number(0.85077, "hu", digits=3)
    ('6\\u202f914', '6,914', '0,851')
    >>> number(0.4, "hu", percent=True), number(-0.00123, "en", digits=4, signed=True)
    ('40%', '\u22120.0012')

    A negative number takes the minus sign (U+2212), not a hyphen, in every language.
    """
    if percent:
        text = f"{value * 100:,.{digits or 0}f}"
    elif digits is None and float(value).is_integer():
        text = f"{int(value):,d}"
    else:
        text = f"{value:,.{3 if digits is None else digits}f}"
    if signed and not text.startswith("-"):
        text = "+" + text
    if lang == "hu":
        text = text.replace(",", "\u202f").replace(".", ",")
    text = text.replace("-", "\u2212", 1) if text.startswith("-") else text
    return text + "%" if percent else text


def fold(text: str) -> str:
    """Lower case without accents: what search compares.

    >>> fold("Széchenyi István Egyetem") == fold("SZECHENYI ISTVAN EGYETEM")
    True
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
