"""CI's run of the real samples: ingestion, enrichment and topic modelling, sanity-checked."""

import pytest

pytestmark = pytest.mark.shared_data


def test_sample_chain_outputs_are_sane(sample_project):
    papers = sample_project.load("papers")
    assert len(papers) == 4000  # sample_max_papers
    assert papers["subjects"].map(len).min() >= 1

    authorships = sample_project.load("authorships")
    assert authorships["paper_id"].nunique() == 520
    matches = sample_project.load("affiliation_matches")
    match_rate = matches["institute_id"].notna().mean()
    print(f"sample affiliation match rate against GRID 2016: {match_rate:.2f}")
    assert match_rate > 0.6

    paper_institutes = sample_project.load("paper_institutes")
    assert paper_institutes["paper_id"].nunique() > 300
    assert paper_institutes.groupby("paper_id")["weight"].sum().round(9).eq(1).all()

    dl_topics = sample_project.load("dl_topics")
    assert dl_topics["is_dl"].any(), "no DL topic found on real arXiv abstracts"
    labels = sample_project.load("paper_labels")
    assert 0.05 < labels["is_dl"].mean() < 0.8

    report = sample_project.load("ingestion_report")
    assert {"in", "out"} <= set(report["outcome"])
