"""The CORDIS importer on real rows: counts checked against the CSV itself, bad rows refused with
file:line, --skip-invalid, idempotent re-import. The whole H2020 file is checked against the
figures CORDIS publishes (slow)."""

from __future__ import annotations

import csv
import gzip
from collections import Counter
from pathlib import Path

import pytest
from conftest import FIXTURES, H2020, H2020_NAMES

from helixgraph.errors import InputError, RowsError
from helixgraph.importers.cordis import import_cordis, read_helix_map
from helixgraph.importers.legible import legible_name
from helixgraph.network.census import census
from helixgraph.rdf.namespaces import GRAPH_BASE
from helixgraph.store import KnowledgeGraph

EXCERPT = FIXTURES / "cordis-hu-2016.csv"
PARTS = FIXTURES / "cordis-hu-2016-parts.csv"
HELIX = {
    "HES": "academia",
    "REC": "academia",
    "PRC": "business",
    "PUB": "government",
    "OTH": "community",
}


def excerpt_rows() -> list[dict[str, str]]:
    with EXCERPT.open(newline="") as file:
        return list(csv.DictReader(file))


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeGraph:
    kg = KnowledgeGraph.open(tmp_path_factory.mktemp("cordis") / "store", default_data=False)
    import_cordis(kg, [EXCERPT, PARTS])
    return kg


def test_counts_match_the_csv(imported: KnowledgeGraph) -> None:
    rows = excerpt_rows()
    types = {row["pic"]: row["type"] for row in rows}
    counts = census(imported)[GRAPH_BASE + "cordis-hu-2016"]
    assert counts["actors"] == len(types)
    assert counts["actors_by_helix"] == dict(
        sorted(Counter(HELIX[t] for t in types.values()).items())
    )
    assert counts["collaborations_by_kind"] == {"project": len({row["rcn"] for row in rows})}
    assert counts["memberships"] == len(rows)
    assert counts["memberships_by_role"] == dict(
        sorted(Counter(row["role"] for row in rows).items())
    )
    assert counts["memberships_by_activity_type"] == dict(
        sorted(Counter(row["type"] for row in rows).items())
    )


def test_a_row_becomes_what_it_says(imported: KnowledgeGraph) -> None:
    row = next(r for r in excerpt_rows() if r["contribution"] != "NA" and r["country"] == "UK")
    membership = f"<https://w3id.org/helixgraph/id/membership/rcn-{row['rcn']}-pic-{row['pic']}>"
    (found,) = imported.select(
        f"""SELECT ?role ?eur ?country ?start ?end WHERE {{
              {membership} org:role ?role ; hx:euContribution ?eur ; org:member ?a ;
                  org:organization ?p ; org:memberDuring ?i .
              ?a hx:country ?country .
              ?i time:hasBeginning/time:inXSDDate ?start ; time:hasEnd/time:inXSDDate ?end }}"""
    )
    assert found["role"].endswith("#" + row["role"])
    assert float(found["eur"]) == float(row["contribution"])
    assert found["country"] == "GB"  # CORDIS writes UK
    assert (found["start"], found["end"]) == (row["start_date"], row["end_date"])


def test_programme_parts_are_attached(imported: KnowledgeGraph) -> None:
    with PARTS.open(newline="") as file:
        expected = Counter(row["programme_part"] for row in csv.DictReader(file))
    rows = imported.select(
        "SELECT ?n (COUNT(?p) AS ?c) WHERE { ?p hx:programmePart ?part . ?part skos:notation ?n "
        "FILTER(!STRSTARTS(?n, 'H2020')) } GROUP BY ?n"
    )
    assert {row["n"]: int(row["c"]) for row in rows} == dict(expected)


def test_missing_values_are_not_errors() -> None:
    rows = excerpt_rows()
    assert any(row["contribution"] == "NA" for row in rows), "the excerpt should hold an NA"


BAD_ROWS = {
    # line in the file (header is line 1) -> (column, fragment of the message)
    3: ("type", "unknown activity type 'XYZ'"),
    5: ("start_date", "'2016-13-01' is not a date"),
    7: ("pic", "missing; every row needs one"),
}


def broken_copy(tmp_path: Path) -> Path:
    lines = EXCERPT.read_text().splitlines()
    header = lines[0].split(",")

    def edit(line_no: int, column: str, value: str) -> None:
        cells = next(csv.reader([lines[line_no - 1]]))
        cells[header.index(column)] = value
        lines[line_no - 1] = ",".join(cells)

    edit(3, "type", "XYZ")
    edit(5, "start_date", "2016-13-01")
    edit(7, "pic", "")
    path = tmp_path / "broken.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_bad_rows_fail_the_whole_import_and_change_nothing(tmp_path: Path) -> None:
    broken = broken_copy(tmp_path)
    with KnowledgeGraph.open(tmp_path / "store", default_data=False) as kg:
        before = len(kg)
        with pytest.raises(RowsError) as caught:
            import_cordis(kg, [broken])
        assert len(kg) == before
        assert kg.graph_names() == [GRAPH_BASE + "ontology"]
    message = str(caught.value)
    for line, (column, fragment) in BAD_ROWS.items():
        assert f"{broken}:{line}: {column}: " in message
        assert fragment in message
    assert len(caught.value.problems) == 3


def test_skip_invalid_writes_the_rest_and_lists_the_rejects(tmp_path: Path) -> None:
    broken = broken_copy(tmp_path)
    with KnowledgeGraph.open(tmp_path / "store", default_data=False) as kg:
        report = import_cordis(kg, [broken], skip_invalid=True)
        assert report.rows_rejected == 3
        assert report.rows_written == len(excerpt_rows()) - 3
        assert census(kg)[GRAPH_BASE + "broken"]["memberships"] == report.rows_written
        (info,) = [g for g in kg.graphs() if g.graph == GRAPH_BASE + "broken"]
        assert info.rows == {
            "rowsRead": len(excerpt_rows()),
            "rowsWritten": report.rows_written,
            "rowsRejected": 3,
        }
    assert report.rejects_file == tmp_path / "broken.rejects.csv"
    with report.rejects_file.open(newline="") as file:
        rejects = list(csv.DictReader(file))
    assert [int(r["line"]) for r in rejects] == sorted(BAD_ROWS)
    assert rejects[0]["type"] == "XYZ"


def test_reimport_is_idempotent(tmp_path: Path) -> None:
    with KnowledgeGraph.open(tmp_path / "store", default_data=False) as kg:
        import_cordis(kg, [EXCERPT])
        size = len(kg)
        import_cordis(kg, [EXCERPT])
        # the same data under the same name; the old graph retired, nothing of it left
        assert len(kg) == size
        assert [g for g in kg.graph_names() if "cordis" in g] == [GRAPH_BASE + "cordis-hu-2016"]


def test_helix_map_override(tmp_path: Path) -> None:
    mapping = tmp_path / "map.csv"
    mapping.write_text(
        "activity_type,helix\nHES,academia\nREC,academia\nPRC,business\nPUB,government\nOTH,business\n"
    )
    with KnowledgeGraph.open(tmp_path / "store", default_data=False) as kg:
        import_cordis(kg, [EXCERPT], helix_map=read_helix_map(mapping))
        counts = census(kg)[GRAPH_BASE + "cordis-hu-2016"]["actors_by_helix"]
    assert "community" not in counts
    bad = tmp_path / "bad.csv"
    bad.write_text("activity_type,helix\nOTH,civil society\n")
    with pytest.raises(Exception, match=r"bad.csv:2: helix: 'civil society'"):
        read_helix_map(bad)


def test_official_organization_csv(tmp_path: Path) -> None:
    """The semicolon-separated CORDIS organization.csv adds names, NUTS regions and the SME flag."""
    header = (
        "projectID;projectAcronym;organisationID;vatNumber;name;shortName;SME;activityType;street;"
        "postCode;city;country;nutsCode;geolocation;organizationURL;contactForm;contentUpdateDate;"
        "rcn;order;role;ecContribution;netEcContribution;totalCost;endOfParticipation;active"
    )
    row = (
        '101016000;HEALTHX;999999999;;"Example Egyetem; Budapest";EXE;true;HES;Utca 1;1111;'
        "Budapest;HU;HU110;;https://example.org/;;2021-01-01;230000;1;coordinator;1000.5;1000.5;2000;false;true"
    )
    path = tmp_path / "organization.csv"
    path.write_text(header + "\n" + row + "\n")
    with KnowledgeGraph.open(tmp_path / "store", default_data=False) as kg:
        import_cordis(kg, [path])
        (found,) = kg.select(
            "SELECT ?name ?short ?region ?sme ?label WHERE { ?a hx:pic '999999999' ;"
            " skos:prefLabel ?name ; skos:altLabel ?short ; hx:region ?region ; hx:sme ?sme ."
            " ?m org:member ?a ;"
            " org:organization ?p . ?p skos:prefLabel ?label }"
        )
    assert found == {
        "name": "Example Egyetem; Budapest",
        "short": "EXE",
        "region": "http://data.europa.eu/nuts/code/HU110",
        "sme": "true",
        "label": "HEALTHX",
    }


def test_a_malformed_web_site_past_the_shape_sample_is_dropped_not_a_failed_import(
    tmp_path: Path,
) -> None:
    """The shapes see the first 200 rows; a web site the IRI parser refuses on row 250 made
    the bulk loader fail mid-import, naming a line of generated N-Triples."""
    header = (
        "projectID;projectAcronym;organisationID;vatNumber;name;shortName;SME;activityType;street;"
        "postCode;city;country;nutsCode;geolocation;organizationURL;contactForm;contentUpdateDate;"
        "rcn;order;role;ecContribution;netEcContribution;totalCost;endOfParticipation;active"
    )

    def row(number: int, url: str) -> str:
        return (
            f"1;P{number};{999000000 + number};;Org {number};;false;PRC;;;Pécs;HU;;;{url};;"
            f"2021-01-01;{230000 + number};1;participant;1;1;1;false;true"
        )

    rows = [row(n, "https://example.org/") for n in range(250)]
    rows.append(row(250, "http://exa%mple.com/"))
    path = tmp_path / "organization.csv"
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    with KnowledgeGraph.open(tmp_path / "store", default_data=False) as kg:
        report = import_cordis(kg, [path])
        assert report.rows_written == 251
        sites = kg.select(
            "SELECT ?u WHERE { ?a hx:pic '999000250' . OPTIONAL { ?a schema:url ?u } }"
        )
        assert sites == [{}]  # the actor is there, without the malformed site


#: The sector the ontology gives each programme part's projects (issue 12), restated here.
PART_SECTOR = {
    "ERC": "sectorResearch", "FET": "sectorResearch", "MSCA": "sectorResearch",
    "RI": "sectorResearch", "LEIT": "sectorManufacturing", "ARF": "sectorFinance",
    "Innovation in SMEs": "sectorManufacturing", "SC1": "sectorHealth", "SC2": "sectorAgrifood",
    "SC3": "sectorEnergy", "SC4": "sectorTransport", "SC5": "sectorEnvironment",
    "SC6": "sectorSociety", "SC7": "sectorSecurity", "SEWP": "sectorResearch",
    "SWAFS": "sectorSociety", "JRC": "sectorResearch", "EIT": "sectorResearch",
    "Euratom": "sectorEnergy",
}  # fmt: skip


def names_rows() -> dict[str, dict[str, str]]:
    """The shared names file by PIC, read with the csv module."""
    with gzip.open(H2020_NAMES, "rt", encoding="utf-8", newline="") as file:
        return {row["pic"]: row for row in csv.DictReader(file)}


def known_name(row: dict[str, str] | None) -> str | None:
    return row["name"] if row and row["name"] not in ("", "NA") else None


def labels(kg: KnowledgeGraph, predicate: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for row in kg.select(f"SELECT ?p ?l WHERE {{ ?a hx:pic ?p ; {predicate} ?l }}"):
        found.setdefault(row["p"], set()).add(row["l"])
    return found


def test_the_names_file_names_the_organisations_it_knows(tmp_path: Path) -> None:
    names = names_rows()
    pics = {row["pic"] for row in excerpt_rows()}
    with KnowledgeGraph.open(tmp_path / "store", default_data=False) as kg:
        report = import_cordis(kg, [EXCERPT, PARTS, H2020_NAMES])
        assert kg.graph_names() == [
            GRAPH_BASE + "cordis-hu-2016",
            GRAPH_BASE + "ontology",
            GRAPH_BASE + "organisations",
        ]
        pref, alt = labels(kg, "skos:prefLabel"), labels(kg, "skos:altLabel")
        places = labels(kg, "schema:addressLocality")
        named_in_graph = kg.select(
            "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH "
            "<https://w3id.org/helixgraph/graph/organisations> { ?a skos:prefLabel ?l } }"
        )
    named = {pic for pic in pics if known_name(names.get(pic))}
    assert len(named) > 100
    assert report.named == len(named)
    assert int(named_in_graph[0]["n"]) == len(named)  # only the organisations of the import
    for pic in pics:
        # one label: the name where the file knows one (less the CSV quoting a copy left in
        # some: compared without quotes) as people write it, else the PIC; CORDIS's spelling
        # kept as an alternative label (legible_name is checked on its own in test_legible)
        (label,) = pref[pic]
        written = known_name(names.get(pic))
        wanted = legible_name(written, names[pic]["country"]) if written else f"PIC {pic}"
        assert label.replace('"', "") == wanted.replace('"', ""), pic
        assert '""' not in label
        if pic in named:
            row = names[pic]
            short = row["short_name"] if row["short_name"] not in ("", "NA") else None
            expected = {short} if short and short != row["name"] else set()
            expected |= {row["name"]} if wanted != row["name"] else set()
            unquoted = {name.replace('"', "") for name in alt.get(pic, set())}
            assert unquoted == {name.replace('"', "") for name in expected}, pic
            city = row["city"] if row["city"] not in ("", "NA") else None
            assert places.get(pic, set()) == ({city} if city else set())
    assert pref["999904228"] == {"Budapesti Műszaki és Gazdaságtudományi Egyetem"}
    assert "BUDAPESTI MUSZAKI ES GAZDASAGTUDOMANYI EGYETEM" in alt["999904228"]


def test_projects_carry_the_sector_of_their_programme_part(imported: KnowledgeGraph) -> None:
    with PARTS.open(newline="") as file:
        parts: dict[str, set[str]] = {}
        for row in csv.DictReader(file):
            parts.setdefault(row["rcn"], set()).add(PART_SECTOR[row["programme_part"]])
    found: dict[str, set[str]] = {}
    for row in imported.select("SELECT ?r ?s WHERE { ?p hx:rcn ?r ; hx:sector ?s }"):
        found.setdefault(row["r"], set()).add(row["s"].rsplit("#", 1)[1])
    projects = {row["rcn"] for row in excerpt_rows()}
    assert found == {rcn: parts[rcn] for rcn in projects if rcn in parts}
    health = {rcn for rcn in projects if "sectorHealth" in parts.get(rcn, set())}
    assert health  # the excerpt has SC1 projects: the test would see a health sector missing
    page = imported.select("SELECT ?u WHERE { ?p hx:rcn '202643' ; rdfs:seeAlso ?u }")
    assert page == [{"u": "https://cordis.europa.eu/project/rcn/202643"}]


def test_a_names_file_alone_names_and_makes_no_actors(tmp_path: Path) -> None:
    from helixgraph.network.views import actor_attributes

    with KnowledgeGraph.open(tmp_path / "store", default_data=False) as kg:
        import_cordis(kg, [EXCERPT])
        before = actor_attributes(kg)
        import_cordis(kg, [H2020_NAMES])
        after = actor_attributes(kg)
    assert before.keys() == after.keys()  # 24,297 names, no new actor
    bme = "https://w3id.org/helixgraph/id/actor/pic-999904228"
    assert before[bme]["label"] == "unnamed higher-education institution, HU — PIC 999904228"
    assert after[bme]["label"] == "Budapesti Műszaki és Gazdaságtudományi Egyetem"


NAMES_HEADER = "pic,name,short_name,city,country,activity_type,nuts,sme,source"


def test_a_broken_names_file_fails_whole_with_its_lines(tmp_path: Path) -> None:
    broken = tmp_path / "organisations.csv"
    broken.write_text(
        NAMES_HEADER + "\n"
        "999904228,BME,,Budapest,HU,HES,HU110,false,x\n"
        "99990422,TOO SHORT,,,HU,HES,,,x\n"
        "999860675,SEMMELWEIS EGYETEM,,,HU,HES,,perhaps,x\n",
        encoding="utf-8",
    )
    without_name = tmp_path / "names.csv"
    without_name.write_text("pic,short_name,city\n999904228,BME,Budapest\n", encoding="utf-8")
    with KnowledgeGraph.open(tmp_path / "store", default_data=False) as kg:
        before = sorted(map(str, kg.quads()))
        with pytest.raises(RowsError) as caught:
            import_cordis(kg, [EXCERPT, broken])
        with pytest.raises(InputError, match=rf"{without_name}:1: header: .*pic,name,"):
            import_cordis(kg, [EXCERPT, without_name])
        assert sorted(map(str, kg.quads())) == before
    message = str(caught.value)
    assert f"{broken}:3: pic: '99990422' is not a PIC" in message
    assert f"{broken}:4: sme: 'perhaps' is neither true nor false" in message
    assert len(caught.value.problems) == 2


@pytest.mark.slow
def test_the_whole_of_horizon_2020(h2020_store: tuple[Path, dict[str, int]]) -> None:
    """The figures of the shared file's README and of the issue, from a fresh store (the
    session's import of participations, programme parts and names: conftest)."""
    store, report = h2020_store
    with KnowledgeGraph.open(store, read_only=True) as kg:
        counts = census(kg)[GRAPH_BASE + "h2020"]
        bme = kg.select("SELECT DISTINCT ?l WHERE { ?a hx:pic '999904228' ; skos:prefLabel ?l }")
    assert bme == [{"l": "Budapesti Műszaki és Gazdaságtudományi Egyetem"}]
    with gzip.open(H2020, "rt") as file:
        pics = {row["pic"] for row in csv.DictReader(file)}
    names = names_rows()
    assert len(pics & names.keys()) == 18_860  # the names file's README
    assert report["named"] == sum(1 for pic in pics if known_name(names.get(pic)))
    assert (report["rows_read"] - len(names), report["rows_rejected"]) == (144_726, 0)
    assert counts["actors"] == 35_871
    assert counts["actors_by_helix"] == {
        "academia": 5_682,
        "business": 23_407,
        "community": 4_258,
        "government": 2_524,
    }
    assert counts["collaborations_by_kind"] == {"project": 31_451}
    assert counts["memberships"] == 144_726
    assert counts["memberships_by_role"] == {
        "coordinator": 31_476,
        "participant": 106_108,
        "partner": 7_142,
    }
    assert counts["memberships_by_activity_type"] == {
        "HES": 49_220,
        "OTH": 9_840,
        "PRC": 48_244,
        "PUB": 7_941,
        "REC": 29_481,
    }
    with gzip.open(H2020, "rt") as file:
        na = sum(1 for row in csv.DictReader(file) if row["contribution"] == "NA")
    assert na == 13_754  # missing contributions are missing, not rejected


def test_an_actor_works_in_the_sectors_of_its_projects(
    imported: KnowledgeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The explorer's sector filter on CORDIS data: an actor's sectors are its projects'."""
    from helixgraph.web.explore import explore_data

    monkeypatch.setenv("HELIX_EXACT_LIMIT", "10")  # the metrics are not what is tested here

    with PARTS.open(newline="") as file:
        parts: dict[str, set[str]] = {}
        for row in csv.DictReader(file):
            parts.setdefault(row["rcn"], set()).add(PART_SECTOR[row["programme_part"]])
    expected: dict[str, set[str]] = {}
    for row in excerpt_rows():
        expected.setdefault(row["pic"], set()).update(parts.get(row["rcn"], set()))
    data = explore_data(imported, "actors", limit=5000)
    found = {
        n["id"].rsplit("pic-", 1)[1]: set(n["sectors"])
        for n in data["nodes"]
        if n["kind"] == "actor"
    }
    assert found == expected
    assert {"id": "sectorHealth", "label": "human health activities"} in data["filters"]["sectors"]
