"""The ``sample`` environment (real samples in ../shared/data) through Kedro: the 2013
CrunchBase export has no descriptions, so the keyword fallback labels the real abstracts."""

import pytest

pytestmark = pytest.mark.shared_data


@pytest.fixture(scope="module")
def sample_run(sample_project):
    sample_project.run(pipeline_names=["industry_relatedness"])
    return sample_project


def test_sample_chain_uses_the_keyword_fallback(sample_run):
    chosen = sample_run.load("sector_classifier_params")
    assert chosen["model"] == "keyword_fallback"
    organizations = sample_run.load("organizations")
    report = sample_run.load("industry_relatedness_report").set_index("reason")
    assert report.loc["empty description", "count"] == len(organizations)
    counts = sample_run.load("sector_training_counts")
    assert not counts["learnt"].any()
    assert set(chosen["sectors"]) == set(counts.loc[counts["enough_organizations"], "sector"])


def test_sample_relatedness_is_complete_and_sensible(sample_run):
    table = sample_run.load("subject_sector_relatedness")
    sectors = sample_run.load("sector_classifier_params")["sectors"]
    incidence = sample_run.load("paper_subject_incidence")
    assert len(table) == incidence["subject"].nunique() * len(sectors)
    assert table["share"].between(0, 1).all()
    wide = table.pivot(index="subject", columns="sector", values="share")
    assert wide.loc["cs.CR"].idxmax() == "security"
    similarity = sample_run.load("subject_similarity")
    assert "dl" in similarity["subject"].tolist()
