"""The geography pipeline on the real samples (``sample`` environment): no published
records or citations there, so papers keep their arXiv year and RCA counts all papers."""

import pytest

pytestmark = pytest.mark.shared_data


@pytest.fixture(scope="module")
def geography_on_sample(sample_project):
    sample_project.run(pipeline_names=["geography"])
    return sample_project


def test_sample_run_places_the_located_papers(geography_on_sample):
    project = geography_on_sample
    table = project.load("analysis_table")
    paper_institutes = project.load("paper_institutes")
    labelled = set(project.load("paper_labels")["paper_id"])
    expected = set(paper_institutes["paper_id"]) & labelled
    assert set(table["paper_id"]) == expected
    # the daily listings are 2025-26: arXiv years, no citation, nothing highly cited
    assert table.empty or table["year"].between(2025, 2026).all()
    assert not table["highly_cited"].any()
    report = project.load("geography_report")
    assert (report["outcome"] == "kept_unpublished").any()


def test_sample_rca_tables(geography_on_sample):
    rca = geography_on_sample.load("rca_by_country")
    assert set(rca["period"]) <= {"before", "after"}
    headlines = geography_on_sample.load("headline_statistics")
    assert {"statistic", "value", "rank"} <= set(headlines.columns)
