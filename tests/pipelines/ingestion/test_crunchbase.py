import pandas as pd
import pytest
from kedro_datasets.pandas import CSVDataset

from dl_geography.pipelines.ingestion.crunchbase import ORGANIZATION_COLUMNS, clean_organizations
from tests.pipelines.ingestion.fixtures import (
    CRUNCHBASE_2013,
    CRUNCHBASE_BULK,
    CRUNCHBASE_DESCRIPTIONS,
    dropped,
)

LOAD_2013 = {
    "dtype": str,
    "keep_default_na": False,
    "na_values": [""],
    "lineterminator": "\r",
    "encoding": "latin-1",
}


def test_bulk_export_with_descriptions():
    organizations, report = clean_organizations(CRUNCHBASE_BULK, CRUNCHBASE_DESCRIPTIONS)
    assert organizations["org_id"].tolist() == ["u1", "u2"]
    deep, maps = organizations.iloc[0], organizations.iloc[1]
    assert deep["description"] == "DeepCo builds deep nets."  # the long one wins
    assert maps["description"] == "Maps."  # else the short one
    assert list(deep["sectors"]) == ["Artificial Intelligence", "Machine Learning"]
    assert list(deep["sector_groups"]) == ["Data and Analytics"]
    assert list(maps["sectors"]) == []
    assert deep["founded_year"] == 2014 and pd.isna(maps["founded_year"])
    assert deep["country_code"] == "GB" and pd.isna(maps["country_code"])
    assert deep["latitude"] == pytest.approx(51.5)
    assert dict(organizations.dtypes.astype(str)) == ORGANIZATION_COLUMNS
    assert dropped(report, "duplicate id") == (1, "u2")
    assert dropped(report, "no id or name")[0] == 1
    bad_date = report.loc[report["reason"] == "unparseable founded_on: founded_year NA"]
    assert bad_date["count"].item() == 1 and bad_date["examples"].item() == "u2"
    unknown = report.loc[report["reason"] == "unknown country code (kept, NA)"]
    assert unknown["examples"].item() == "u2: ZZZ"


def test_2013_export_layout(tmp_path):
    path = tmp_path / "crunchbase-companies.csv"
    path.write_bytes(CRUNCHBASE_2013.encode("latin-1"))
    raw = CSVDataset(filepath=str(path), load_args=LOAD_2013).load()
    organizations, _ = clean_organizations(raw, None)
    assert organizations["org_id"].tolist() == ["/company/waywire", "/company/café"]
    assert organizations["name"].tolist() == ["#waywire", "Café Inc"]
    assert [list(s) for s in organizations["sectors"]] == [["news"], ["software"]]
    assert organizations["founded_year"].tolist()[0] == 2012
    assert organizations["country_code"].tolist() == ["US", "US"]
    assert organizations["description"].isna().all()
    assert organizations["latitude"].isna().all()


def test_unknown_layout_is_an_error():
    with pytest.raises(ValueError, match="neither `uuid`"):
        clean_organizations(pd.DataFrame({"id": [1], "name": ["x"]}), None)


@pytest.mark.shared_data
def test_real_2013_export(shared_data):
    raw = CSVDataset(
        filepath=str(
            shared_data / "crunchbase" / "crunchbase-october-2013" / "crunchbase-companies.csv"
        ),
        load_args=LOAD_2013,
    ).load()
    organizations, _ = clean_organizations(raw, None)
    assert len(organizations) == 17727
    assert (organizations["country_code"] == "US").all()
    assert organizations["sectors"].map(len).eq(1).mean() > 0.9
    assert organizations["founded_year"].dropna().between(1800, 2014).all()
