"""Each demo-world file parses in its real source's format."""

import json
import re

import geopandas as gpd
import pandas as pd
import pytest

from tests.conftest import SHARED_DATA

SNAPSHOT_KEYS = {
    "id",
    "submitter",
    "authors",
    "title",
    "comments",
    "journal-ref",
    "doi",
    "report-no",
    "categories",
    "license",
    "abstract",
    "versions",
    "update_date",
    "authors_parsed",
}


def _lines(path):
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()


def test_arxiv_snapshot_layout(small_world):
    malformed = pd.read_csv(small_world / "truth" / "malformed.csv", keep_default_na=False)
    bad_ids = set(malformed.loc[malformed["source"] == "arxiv", "id"])
    records, broken = [], 0
    for line in _lines(small_world / "arxiv" / "arxiv-metadata-oai-snapshot.json"):
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError:
            broken += 1
    assert broken == 1
    good = [r for r in records if r.get("id") not in bad_ids and "id" in r]
    assert all(set(r) == SNAPSHOT_KEYS for r in good)
    truth = pd.read_csv(small_world / "truth" / "papers.csv", dtype={"paper_id": str})
    assert {r["id"] for r in good} == set(truth["paper_id"])
    for r in good[:500]:
        assert re.fullmatch(r"(\d{4}\.\d{4,5}|[a-z\-]+/\d{7})", r["id"])
        assert r["categories"] == r["categories"].strip() and r["categories"]
        pd.to_datetime(r["versions"][0]["created"], format="%a, %d %b %Y %H:%M:%S GMT")
        assert r["versions"][0]["version"] == "v1"
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["update_date"])
        assert all(len(a) == 3 for a in r["authors_parsed"])
        assert r["abstract"].startswith("  ")
    # Malformed records: missing abstract, bad date, unknown category, missing id.
    by_id = {r.get("id"): r for r in records}
    assert "abstract" not in by_id["1403.99002"]
    assert by_id["1403.99004"]["categories"] == "cs.QQ"
    assert any("id" not in r for r in records)


def test_arxiv_multilabels_and_non_cs(small_world):
    truth = pd.read_csv(
        small_world / "truth" / "papers.csv", dtype={"paper_id": str}, keep_default_na=False
    )
    cs = truth[truth["is_cs"]]
    n_subjects = cs["subjects"].str.count(";") + 1
    assert 2.4 < n_subjects.mean() < 3.2  # study: 2.8-2.9 subjects per paper
    assert 0.08 < 1 - truth["is_cs"].mean() < 0.16


def test_openalex_work_schema(small_world):
    works = [
        json.loads(x)
        for x in _lines(small_world / "openalex" / "works.jsonl")
        if not x.endswith('"Trun')
    ]
    assert len(works) > 1000
    for w in works[:300]:
        assert w["id"].startswith("https://openalex.org/W")
        assert w["doi"] is None or w["doi"].startswith("https://doi.org/10.")
        assert w["primary_location"]["source"]["type"] in {"journal", "conference", "repository"}
        assert w["publication_date"].startswith(str(w["publication_year"]))
        for a in w["authorships"]:
            assert a["author_position"] in {"first", "middle", "last"}
            assert len(a["raw_affiliation_strings"]) == 1
            for i in a["institutions"]:
                assert set(i) >= {"id", "ror", "display_name", "country_code"}
    arxiv_dois = [
        w for w in works if (w["doi"] or "").startswith("https://doi.org/10.48550/arxiv.")
    ]
    with_location = [
        w
        for w in works
        if any(
            (loc.get("landing_page_url") or "").startswith("https://arxiv.org/abs/")
            for loc in w["locations"]
        )
    ]
    assert arxiv_dois and with_location
    strings = [a for w in works for a in w["authorships"]]
    named = sum(bool(a["institutions"]) for a in strings) / len(strings)
    assert 0.2 < named < 0.6  # OpenAlex resolves only some strings


def test_ror_dump_schema(small_world):
    records = json.loads((small_world / "ror" / "ror-data.json").read_text(encoding="utf-8"))
    assert isinstance(records, list) and len(records) > 100
    for r in records:
        assert re.fullmatch(r"https://ror\.org/0[a-z0-9]{6}\d{2}", r["id"])
        assert sum("ror_display" in n["types"] for n in r["names"]) == 1
        assert {t for n in r["names"] for t in n["types"]} <= {
            "ror_display",
            "alias",
            "acronym",
            "label",
        }
        loc = r["locations"][0]["geonames_details"]
        assert {"lat", "lng", "name", "country_code", "country_subdivision_name"} <= set(loc)
        assert r["external_ids"][0]["type"] == "grid"
    assert any(len(r["locations"]) > 1 for r in records)  # multinationals
    assert any(n.get("lang") not in (None, "en") for r in records for n in r["names"])


def test_boundaries_read_as_natural_earth(small_world):
    admin0 = gpd.read_file(small_world / "natural_earth" / "ne_10m_admin_0_countries.geojson")
    admin1 = gpd.read_file(
        small_world / "natural_earth" / "ne_10m_admin_1_states_provinces.geojson"
    )
    assert {"ADM0_A3", "ISO_A2", "NAME"} <= set(admin0.columns)
    assert {"adm1_code", "name", "admin", "adm0_a3", "iso_a2"} <= set(admin1.columns)
    assert admin0.crs.to_epsg() == 4326 and admin1.crs.to_epsg() == 4326
    assert len(admin0) >= 40 and len(admin1) >= 300
    assert "APPROXIMATE" in admin1["description"].iloc[0]
    invalid = admin1.loc[~admin1.geometry.is_valid, "adm1_code"].tolist()
    assert invalid == ["IMN-9001"]


def test_geonames_cities_columns(small_world):
    cities = pd.read_csv(small_world / "geonames" / "cities.csv")
    assert list(cities.columns) == ["lat", "lon", "name", "admin1", "admin2", "cc"]
    if SHARED_DATA.is_dir():
        real = pd.read_csv(SHARED_DATA / "natural_earth" / "geonames_cities1000.csv.gz", nrows=2)
        assert list(real.columns) == list(cities.columns)


def test_crunchbase_export_layout(small_world):
    orgs = pd.read_csv(small_world / "crunchbase" / "organizations.csv")
    desc = pd.read_csv(small_world / "crunchbase" / "organization_descriptions.csv")
    assert {
        "uuid",
        "name",
        "short_description",
        "category_list",
        "category_groups_list",
        "founded_on",
        "country_code",
        "region",
        "city",
        "latitude",
        "longitude",
    } <= set(orgs.columns)
    assert orgs["country_code"].str.fullmatch(r"[A-Z]{3}").all()
    assert set(desc["uuid"]) == set(orgs["uuid"])
    assert orgs["latitude"].isna().mean() > 0.03
    founded = pd.to_datetime(orgs["founded_on"], format="%Y-%m-%d", errors="coerce")
    assert founded.isna().sum() == 1  # the deliberately broken date
    sectors = orgs["category_list"].str.split(",").explode()
    assert "Artificial Intelligence" in set(sectors)
    assert desc["description"].isna().mean() > 0.01  # some empty descriptions


@pytest.mark.parametrize(
    "name", ["papers", "affiliations", "institutes", "regions", "organizations", "malformed"]
)
def test_truth_tables_present(small_world, name):
    table = pd.read_csv(small_world / "truth" / f"{name}.csv")
    assert len(table) > 0
    effects = json.loads((small_world / "truth" / "effects.json").read_text())
    assert effects["break_year"] == 2012 and "interaction" in effects["effects"]


def test_ror_records_have_the_real_records_keys(small_world, shared_data):
    real = json.loads((shared_data / "ror" / "test_data_retrieve_es7_v2.json").read_text())
    real = real["hits"]["hits"][0]["_source"]
    mine = json.loads((small_world / "ror" / "ror-data.json").read_text(encoding="utf-8"))[0]
    assert set(mine) == set(real)
    assert set(mine["locations"][0]["geonames_details"]) == set(
        real["locations"][0]["geonames_details"]
    )
    assert set(mine["names"][0]) == set(real["names"][0])
