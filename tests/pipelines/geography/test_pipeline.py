"""The whole geography pipeline through Kedro's runner, on a small synthetic input set."""

from pathlib import Path

import pandas as pd
import pytest

from tests.pipelines.geography.runner import run_pipeline
from tests.pipelines.geography.synthetic import make_inputs

CONF = Path(__file__).resolve().parents[3] / "conf"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    inputs = make_inputs()
    return run_pipeline(tmp_path_factory.mktemp("geography"), inputs), inputs


def test_every_output_is_written(outputs):
    loaded, _ = outputs
    figures = [f"fig_{n:02d}" for n in (1, 2, 3, 5, 6, 8, 9, 10, 11, 12, 13)]
    for name in [
        "analysis_table",
        "table_2",
        "rca_by_country",
        "rca_by_region",
        "headline_statistics",
        "geography_report",
        *figures,
    ]:
        assert name in loaded, name
    for name in figures:
        assert loaded[name].stat().st_size > 10_000, name  # a real PNG, not a blank


def test_pipeline_outputs_follow_the_contract(outputs):
    loaded, inputs = outputs
    table = loaded["analysis_table"]
    contract = [
        "paper_id",
        "country_code",
        "country",
        "region_id",
        "region",
        "year",
        "is_dl",
        "subjects",
        "n_subjects",
        "n_institutes",
        "citations",
        "citations_per_year",
        "highly_cited",
        "above_median",
        "weight",
    ]
    assert set(contract) <= set(table.columns)
    # every input paper is in the table or in a counted drop
    report = loaded["geography_report"]
    dropped = report.loc[report["outcome"] == "dropped", "count"].sum()
    assert table["paper_id"].nunique() + dropped == len(inputs["papers"])


def test_planted_trends_show(outputs):
    loaded, _ = outputs
    rca = loaded["rca_by_region"]
    regions = set(loaded["analysis_table"]["region_id"])
    assert set(rca["region_id"]) == regions and len(rca) == 2 * len(regions)
    country = loaded["rca_by_country"].set_index(["country_code", "period"])
    # CN was planted with a DL boost after 2012
    assert country.loc[("CN", "after"), "rca"] > 1 > country.loc[("CN", "before"), "rca"]
    headlines = loaded["headline_statistics"]
    share = headlines[headlines["statistic"] == "dl_paper_share"]
    assert share.sort_values("rank")["location_id"].iloc[0] in {"CN", "US"}
    by_year = loaded["dl_share_by_year"]
    before = by_year.loc[by_year["period"] == "before", "dl_share"].mean()
    after = by_year.loc[by_year["period"] == "after", "dl_share"].mean()
    assert after > 2 * before


def test_pipeline_copes_with_no_located_paper(tmp_path):
    inputs = make_inputs(n_papers=80)
    inputs["paper_institutes"] = inputs["paper_institutes"].iloc[:0]
    loaded = run_pipeline(tmp_path, inputs)
    assert loaded["analysis_table"].empty
    report = loaded["geography_report"].set_index(["step", "outcome"])
    assert report.loc[("located", "dropped"), "count"] > 0
    assert loaded["fig_11"].is_file()


def test_pipeline_on_data_without_publications(tmp_path):
    """The sample environment's case: no published record, no citation, arXiv years."""
    inputs = make_inputs(n_papers=300)
    matches = inputs["paper_work_matches"]
    matches["is_published"] = False
    matches["publication_year"] = pd.NA
    matches["cited_by_count"] = pd.NA
    loaded = run_pipeline(
        tmp_path,
        inputs,
        {"require_published": False, "year_source": "arxiv", "rca_citation_filter": "all"},
    )
    table = loaded["analysis_table"]
    assert len(table) > 0 and not table["highly_cited"].any()
    assert loaded["rca_by_country"]["rca"].notna().any()
