"""The demo world's primary tables, as the default run writes them (docs/data_contracts.md)."""

import geopandas as gpd
import pandas as pd
import pytest

from dl_geography.pipelines.ingestion.arxiv import PAPER_COLUMNS
from dl_geography.pipelines.ingestion.crunchbase import ORGANIZATION_COLUMNS
from dl_geography.pipelines.ingestion.geonames import PLACE_COLUMNS
from dl_geography.pipelines.ingestion.institute_columns import INSTITUTE_COLUMNS, NAME_COLUMNS
from dl_geography.pipelines.ingestion.natural_earth import COUNTRY_COLUMNS, REGION_COLUMNS
from dl_geography.pipelines.ingestion.openalex import AUTHORSHIP_COLUMNS, WORK_COLUMNS
from dl_geography.quality import REPORT_COLUMNS

CONTRACT = {
    "papers": PAPER_COLUMNS,
    "works": WORK_COLUMNS,
    "authorships": AUTHORSHIP_COLUMNS,
    "institutes": INSTITUTE_COLUMNS,
    "institute_names": NAME_COLUMNS,
    "organizations": ORGANIZATION_COLUMNS,
    "places": PLACE_COLUMNS,
}


@pytest.mark.e2e
@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_primary_tables_follow_the_contract(demo_project, name):
    table = demo_project.load(name)
    assert len(table) > 0
    assert dict(table.dtypes.astype(str)) == CONTRACT[name]


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("name", "columns"), [("countries", COUNTRY_COLUMNS), ("regions", REGION_COLUMNS)]
)
def test_boundaries_are_geoparquet(demo_project, name, columns):
    table = demo_project.load(name)
    assert isinstance(table, gpd.GeoDataFrame)
    assert list(table.columns) == columns
    assert table.crs.to_epsg() == 4326 and table.is_valid.all()


@pytest.mark.e2e
def test_demo_world_defects_are_reported(demo_project):
    """Every defect the generator planted (truth/malformed.csv) appears in the report."""
    report = demo_project.load("ingestion_report")
    assert list(report.columns) == REPORT_COLUMNS
    truth = demo_project.root / "data" / "01_raw" / "demo" / "truth" / "malformed.csv"
    planted = pd.read_csv(truth, dtype=str)
    examples = " ".join(report["examples"].fillna(""))
    for identifier in planted["id"].dropna():  # broken lines show the id still readable
        assert identifier in examples, identifier
    broken_lines = report.loc[report["reason"] == "malformed JSON line", "count"].sum()
    assert broken_lines == (planted["problem"] == "malformed JSON line").sum()
    papers = demo_project.load("papers")
    assert all(s.startswith("cs.") or s == "stat.ML" for subj in papers["subjects"] for s in subj)
