"""Names as people write them: expected spellings written by hand from the organisations' own
usage (their websites and letterheads), not from the function's output."""

from __future__ import annotations

import pytest

from helixgraph.importers.legible import legible_name
from helixgraph.language import fold


@pytest.mark.parametrize(
    ("cordis", "country", "written"),
    [
        ("SZEGEDI TUDOMANYEGYETEM", "HU", "Szegedi Tudományegyetem"),
        ("ORSZAGOS SZECHENYI KONYVTAR", "HU", "Országos Széchenyi Könyvtár"),
        (
            "FEJER MEGYEI KERESKEDELMI ES IPARKAMARA",
            "HU",
            "Fejér Megyei Kereskedelmi és Iparkamara",
        ),
        (
            "MATRAI EROMU ZARTKORUEN MUKODO RESZVENYTARSASAG",
            "HU",
            "Mátrai Erőmű Zártkörűen Működő Részvénytársaság",
        ),
        ("BIOPOLUS INTEZET NONPROFIT ZRT.", "HU", "Biopolus Intézet Nonprofit Zrt."),
        ("TFEX MERNOKIRODA KFT", "HU", "TFEX Mérnökiroda Kft."),  # a compound, an acronym
        (
            "INSTITUTE FOR FOREIGN AFFAIRS AND TRADE",
            "HU",
            "Institute for Foreign Affairs and Trade",
        ),
        (
            "FRAUNHOFER GESELLSCHAFT ZUR FOERDERUNG DER ANGEWANDTEN FORSCHUNG E.V.",
            "DE",
            "Fraunhofer Gesellschaft zur Foerderung der Angewandten Forschung e.V.",
        ),
        ("TEKNOLOGIAN TUTKIMUSKESKUS VTT OY", "FI", "Teknologian Tutkimuskeskus VTT Oy"),
        ("SIEMENS AKTIENGESELLSCHAFT", "DE", "Siemens Aktiengesellschaft"),
        (
            "3D FOR ALL SZAMITASTECHNIKAI FEJLESZTO KFT",
            "HU",
            "3D for All Számítástechnikai Fejlesztő Kft.",
        ),
        ("Universität Wien", "AT", "Universität Wien"),  # a person's writing is left alone
    ],
)
def test_a_cordis_name_reads_as_its_organisation_writes_it(
    cordis: str, country: str, written: str
) -> None:
    assert legible_name(cordis, country) == written


def test_an_ambiguous_word_keeps_its_letters() -> None:
    """ "ELO" is "élő" (living) or "elő" (fore-): both common, so no accent is guessed."""
    assert legible_name("JOVO INTERNET ELO LABORATORIUM", "HU") == "Jövő Internet Elo Laboratórium"


def test_accents_only_for_hungarian_organisations() -> None:
    assert legible_name("KOZEP UNIVERSITY", "GB") == "Kozep University"


def test_search_folds_case_and_accents() -> None:
    assert fold("SZECHENYI") == fold("Széchenyi") == "szechenyi"
    assert fold("Győr") == fold("GYOR")
