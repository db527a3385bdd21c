"""The real sample: OpenAlex affiliation strings against GRID 2016 on Natural Earth admin-1."""

import pandas as pd
import pytest

from dl_geography.pipelines.enrichment.gazetteer import normalise_names

pytestmark = pytest.mark.shared_data

# raw string in the sample -> (country code, Natural Earth admin-1 name)
WELL_KNOWN = {
    "Massachusetts Institute of Technology": ("US", "Massachusetts"),
    "Stanford University": ("US", "California"),
    "Tsinghua University": ("CN", "Beijing"),
    "Peking University": ("CN", "Beijing"),
    "University of Oxford": ("GB", "Oxfordshire"),
    "University of Cambridge": ("GB", "Cambridgeshire"),
    "ETH Zurich": ("CH", "Zürich"),
    "University of Toronto": ("CA", "Ontario"),
    "Seoul National University": ("KR", "Seoul"),
    "Georgia Institute of Technology": ("US", "Georgia"),
}


def test_sample_affiliations_on_grid_2016(sample_project):
    matches = sample_project.load("affiliation_matches")
    placed = sample_project.load("institutes_geocoded")
    rate = matches["institute_id"].notna().mean()
    by_method = matches["method"].value_counts().to_dict()
    print(f"sample: {len(matches)} distinct strings, match rate {rate:.3f}, {by_method}")
    assert len(matches) > 800 and rate > 0.6
    assert set(matches["institute_id"].dropna()) <= set(placed["institute_id"])
    assert matches["institute_id"].dropna().str.startswith("grid.").all()

    j = matches.merge(placed, on="institute_id", how="left").set_index("affiliation")
    for string, (country, region) in WELL_KNOWN.items():
        row = j.loc[string]
        assert row["placement"] in ("within", "nearest"), string
        assert row["placed_country_code"] == country, string
        got, want = normalise_names(pd.Series([row["region"], region]))
        assert got == want, (string, row["region"])


def test_sample_paper_institutes(sample_project):
    links = sample_project.load("paper_institutes")
    # the sample has no OpenAlex works: papers are kept without the published filter
    assert links["paper_id"].nunique() > 300
    assert links.groupby("paper_id")["weight"].sum().round(9).eq(1).all()
    assert links[["country_code", "region_id"]].notna().all().all()
    report = sample_project.load("enrichment_report")
    assert (report.query("step == 'affiliation_matches'")["outcome"] == "vetoed").any()
    assert not pd.isna(report["count"]).any()
