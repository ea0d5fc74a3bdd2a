"""Countries by code or by name: ``HU``, ``Hungary`` and ``Magyarország`` are one country.

People write a country as they say it; the data holds ISO 3166-1 codes (CORDIS's ``UK`` and
``EL`` read as ``GB`` and ``GR``). pycountry carries the ISO list with its names and the Debian
iso-codes translations, Hungarian among them: a list we would otherwise copy and keep.
"""

from __future__ import annotations

import gettext
from functools import cache

import pycountry

from helixgraph.language import Language, fold

#: CORDIS's own codes for two countries
CORDIS_CODES = {"UK": "GB", "EL": "GR"}


def country_code(text: str) -> str | None:
    """The ISO code of a country given by code or by name in English or Hungarian, in any
    case, with or without accents; None for no country.

    >>> country_code("Hungary"), country_code("magyarorszag"), country_code("hu")
    ('HU', 'HU', 'HU')
    >>> country_code("UK"), country_code("Egyesült Királyság"), country_code("Atlantis")
    ('GB', 'GB', None)
    """
    code = text.strip().upper()
    if len(code) == 2 and code.isalpha():
        return CORDIS_CODES.get(code, code)
    return _by_name().get(fold(text.strip()))


def country_name(code: str, lang: Language = "en") -> str:
    """A country's name in ``lang`` (the code itself where ISO has none).

    >>> country_name("HU", "hu"), country_name("DE"), country_name("XK")
    ('Magyarország', 'Germany', 'XK')
    """
    found = pycountry.countries.get(alpha_2=code)
    if found is None:
        return code
    name = getattr(found, "common_name", None) or found.name
    return _hungarian().gettext(found.name) if lang == "hu" else name


@cache
def _hungarian() -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["hu"])


@cache
def _by_name() -> dict[str, str]:
    found: dict[str, str] = {}
    for country in pycountry.countries:
        for name in (
            country.name,
            getattr(country, "common_name", None),
            getattr(country, "official_name", None),
            _hungarian().gettext(country.name),
        ):
            if name:
                found.setdefault(fold(name), country.alpha_2)
    return found
