"""Bad records: counted with id and reason, or a clear error; never silent (15.4, 15.5)."""

import io

import pandas as pd
import pytest
from shapely.geometry import box

from dl_geography.datasets import AbsentSource
from dl_geography.pipelines.ingestion.arxiv import parse_arxiv_records
from dl_geography.pipelines.ingestion.crunchbase import clean_organizations
from dl_geography.pipelines.ingestion.grid import parse_grid_release
from dl_geography.pipelines.ingestion.natural_earth import clean_regions
from dl_geography.pipelines.ingestion.openalex import parse_openalex_works
from dl_geography.pipelines.ingestion.ror import parse_ror_dump
from tests.params import conf_parameters
from tests.pipelines.ingestion.fixtures import (
    CRUNCHBASE_BULK,
    admin1_frame,
    lines,
    openalex_work,
    ror_record,
    snapshot_record,
)

INGESTION = conf_parameters()["ingestion"]
# The catalog's reading of a CrunchBase CSV (conf/base/catalog_ingestion.yml).
CSV_ARGS = {"dtype": str, "keep_default_na": False, "na_values": [""]}


def _row(report: pd.DataFrame, reason: str) -> pd.Series:
    rows = report[report["reason"].str.contains(reason, regex=False)]
    assert len(rows) == 1, f"no single report row for {reason!r}:\n{report}"
    return rows.iloc[0]


def test_ror_coordinates_out_of_range_are_counted_not_kept():
    bad = ror_record("https://ror.org/0bad")
    bad["locations"][0]["geonames_details"]["lat"] = 200
    institutes, _, report = parse_ror_dump([ror_record(), bad])
    placed = institutes.set_index("institute_id")
    assert pd.isna(placed.loc["https://ror.org/0bad", "latitude"])
    row = _row(report, "coordinates out of range")
    assert row["count"] == 1 and "https://ror.org/0bad (200" in row["examples"]


@pytest.mark.parametrize("document", [None, []])
def test_a_ror_file_holding_null_or_nothing_is_an_error(document):
    with pytest.raises(ValueError, match="ROR file holds"):
        parse_ror_dump(document)
    parse_ror_dump(AbsentSource("not in this environment"))  # absent is not an error


def test_crunchbase_coordinates_and_future_founding_are_counted():
    frame = CRUNCHBASE_BULK.copy()
    frame.loc[0, "latitude"] = "200"
    frame.loc[0, "founded_on"] = "2099-01-01"
    organizations, report = clean_organizations(frame, AbsentSource("none"))
    first = organizations.set_index("org_id").loc["u1"]
    assert pd.isna(first["latitude"]) and pd.isna(first["founded_year"])
    assert "u1 (200.0" in _row(report, "coordinates out of range")["examples"]
    assert _row(report, "founded year in the future")["examples"] == "u1: 2099"


def test_an_unbalanced_quote_in_crunchbase_is_reported_with_the_lost_ids():
    text = (
        "uuid,name,short_description,country_code,latitude,longitude\n"
        "u1,DeepCo,Deep learning.,GBR,51.5,-0.1\n"
        'u2,"MapCo,Maps.,USA,40.7,-74.0\n'
        "u3,GeoCo,Geo things.,USA,40.7,-74.0\n"
        "u4,NetCo,Nets.,FRA,48.8,2.3\n"
        'u5,SoundCo",Sound.,DEU,52.5,13.4\n'
        "u6,LastCo,Last.,ITA,41.9,12.5\n"
    )
    raw = pd.read_csv(io.StringIO(text), **CSV_ARGS)
    organizations, report = clean_organizations(raw, AbsentSource("none"))
    assert organizations["org_id"].tolist() == ["u1", "u6"]
    dropped = _row(report, "unbalanced quote: the row swallowed")
    assert dropped["count"] == 1 and dropped["examples"] == "u2"
    lost = _row(report, "lines swallowed by an unbalanced quote")
    assert lost["count"] == 3 and "u3, u4, u5" in lost["examples"]


def test_header_only_csvs_are_a_clear_error(tmp_path):
    header = pd.read_csv(io.StringIO("uuid,name,short_description\n"), **CSV_ARGS)
    with pytest.raises(ValueError, match="CrunchBase organizations: the file has no rows"):
        clean_organizations(header, AbsentSource("none"))
    grid = pd.read_csv(io.StringIO('"ID",Name,City,State,Country\n'), **CSV_ARGS)
    with pytest.raises(ValueError, match=r"GRID institutes .* has no rows"):
        parse_grid_release({"grid": lambda: grid}, pd.DataFrame())


def test_natural_earth_polygons_off_the_globe_are_dropped_and_counted():
    frame = admin1_frame()
    frame.loc[0, "geometry"] = box(-5, 150, 1, 200)
    regions, report = clean_regions(frame)
    assert "GBR-1" not in set(regions["region_id"])
    assert _row(report, "coordinates out of range")["examples"] == "GBR-1"


def test_arxiv_dates_in_the_future_are_dropped_and_counted():
    future = snapshot_record(
        "1703.09999", versions=[{"version": "v1", "created": "Mon, 2 Apr 2099 19:18:42 GMT"}]
    )
    papers, report = parse_arxiv_records(lines(snapshot_record(), future), 0, INGESTION)
    assert papers["paper_id"].tolist() == ["1703.01234"]
    assert _row(report, "date in the future")["examples"] == "1703.09999"


def test_openalex_future_dates_and_missing_citation_counts():
    works, _, report = parse_openalex_works(
        lines(
            openalex_work("W1"),
            openalex_work("W2", cited_by_count=None),
            openalex_work("W3", cited_by_count="n/a"),
            openalex_work("W4", publication_date="2099-01-01", publication_year=2099),
        )
    )
    counts = works.set_index("work_id")["cited_by_count"]
    assert counts["W1"] == 12 and counts[["W2", "W3"]].isna().all()  # missing is not 0
    row = _row(report, "cited_by_count missing or not a count")
    assert row["count"] == 2 and row["examples"] == "W2: None; W3: n/a"
    assert "W4" not in counts and _row(report, "publication date in the future")["count"] == 1


@pytest.mark.parametrize("reader", ["arxiv", "openalex"])
def test_an_empty_json_lines_file_is_a_clear_error(reader):
    empty = lines()
    with pytest.raises(ValueError, match=r"no records .*the file is empty"):
        if reader == "arxiv":
            parse_arxiv_records(empty, 0, INGESTION)
        else:
            parse_openalex_works(empty)


def test_nested_category_lists_are_counted_as_unknown_categories():
    nested = snapshot_record("1703.05555", categories=[["cs.LG"], "cs.AI"])
    papers, report = parse_arxiv_records(lines(nested), 0, INGESTION)
    assert papers["categories"].tolist() == [["cs.AI"]]
    assert _row(report, "unknown category")["examples"] == '1703.05555: ["cs.LG"]'
