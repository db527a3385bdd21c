"""Research relatedness (section 2.1.5, Fig 4) on hand-built papers."""

import math

import matplotlib.figure
import numpy as np
import pandas as pd
import pytest

from dl_geography.pipelines.industry_relatedness.research import (
    incidence_matrix,
    paper_subject_incidence,
    plot_subject_similarity,
    subject_similarity,
)

PARAMS = {"dl_label_column": "is_dl", "keep_unlabelled_papers": True}


@pytest.fixture
def papers():
    return pd.DataFrame(
        {
            "paper_id": ["p1", "p2", "p3", "p4"],
            "subjects": [
                np.array(["cs.LG", "stat.ML"]),
                np.array(["cs.LG", "cs.CV"]),
                np.array(["cs.CV"]),
                np.array(["cs.CR"]),
            ],
        }
    )


@pytest.fixture
def labels():
    # p4 has no label row (the topic model dropped it): it counts as not DL.
    return pd.DataFrame(
        {
            "paper_id": ["p1", "p2", "p3"],
            "is_dl": [True, False, True],
            "is_dl_strict": [True, False, False],
        }
    )


def test_incidence_lists_every_subject_and_dl(papers, labels):
    incidence, report = paper_subject_incidence(papers, labels, PARAMS)
    pairs = set(map(tuple, incidence[["paper_id", "subject"]].to_numpy()))
    assert pairs == {
        ("p1", "cs.LG"),
        ("p1", "stat.ML"),
        ("p1", "dl"),
        ("p2", "cs.LG"),
        ("p2", "cs.CV"),
        ("p3", "cs.CV"),
        ("p3", "dl"),
        ("p4", "cs.CR"),
    }
    unlabelled = report[report["reason"].str.startswith("no paper_labels row")]
    assert unlabelled["count"].tolist() == [1]
    assert unlabelled["examples"].tolist() == ["p4"]


def test_unlabelled_papers_can_be_dropped(papers, labels):
    incidence, report = paper_subject_incidence(
        papers, labels, {**PARAMS, "keep_unlabelled_papers": False}
    )
    assert "p4" not in set(incidence["paper_id"]) and "cs.CR" not in set(incidence["subject"])
    dropped = report[report["reason"] == "no paper_labels row (not modelled)"]
    assert (dropped["count"].item(), dropped["examples"].item()) == (1, "p4")


def test_incidence_uses_the_chosen_label_column(papers, labels):
    incidence, _ = paper_subject_incidence(
        papers, labels, {**PARAMS, "dl_label_column": "is_dl_strict"}
    )
    assert sorted(incidence.loc[incidence["subject"] == "dl", "paper_id"]) == ["p1"]


def test_incidence_names_a_missing_label_column(papers, labels):
    with pytest.raises(ValueError, match="is_dl_x"):
        paper_subject_incidence(papers, labels, {**PARAMS, "dl_label_column": "is_dl_x"})


def test_incidence_matrix_is_binary_even_with_duplicates():
    incidence = pd.DataFrame({"paper_id": ["a", "a", "b"], "subject": ["x", "x", "y"]})
    matrix, paper_ids, subjects = incidence_matrix(incidence)
    assert paper_ids == ["a", "b"] and subjects == ["x", "y"]
    assert matrix.toarray().tolist() == [[1.0, 0.0], [0.0, 1.0]]


def test_subject_similarity_is_the_cosine_between_subject_columns(papers, labels):
    incidence, _ = paper_subject_incidence(papers, labels, PARAMS)
    wide = subject_similarity(incidence)
    assert list(wide.columns) == ["subject", "cs.CR", "cs.CV", "cs.LG", "dl", "stat.ML"]
    sim = wide.set_index("subject")
    # dl = {p1, p3}, stat.ML = {p1}: 1 / (sqrt(2) * 1); cs.LG = {p1, p2}: 1 / (sqrt2 sqrt2)
    assert sim.loc["dl", "stat.ML"] == pytest.approx(1 / math.sqrt(2))
    assert sim.loc["dl", "cs.LG"] == pytest.approx(0.5)
    assert sim.loc["cs.CV", "dl"] == pytest.approx(0.5)
    assert sim.loc["cs.CR", "dl"] == 0.0
    assert np.allclose(np.diag(sim.to_numpy()), 1.0)
    assert np.allclose(sim.to_numpy(), sim.to_numpy().T)


def test_fig4_sorts_subjects_by_proximity_to_dl(papers, labels):
    incidence, _ = paper_subject_incidence(papers, labels, PARAMS)
    fig = plot_subject_similarity(
        subject_similarity(incidence),
        {"fig4_max_subjects": 3, "technology": {"name": "deep learning", "short": "DL"}},
    )
    assert isinstance(fig, matplotlib.figure.Figure)
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    # stat.ML (0.71) first, then cs.CV and cs.LG (0.5 each, ties in name order); cs.CR cut.
    assert ticks == ["dl", "stat.ML", "cs.CV", "cs.LG"]
    assert fig.axes[0].get_title()
    # readable labels at the report's width, the technology's words from the parameters
    assert min(t.get_fontsize() for t in fig.axes[0].get_xticklabels()) >= 10
    fig = plot_subject_similarity(
        subject_similarity(incidence),
        {"fig4_max_subjects": 3, "technology": {"name": "large language models", "short": "LLM"}},
    )
    assert "with LLM" in fig.axes[0].get_xlabel()


def test_fig4_without_dl_papers_says_so(papers, labels):
    incidence, _ = paper_subject_incidence(papers, labels.assign(is_dl=False), PARAMS)
    with pytest.raises(ValueError, match="no paper is labelled DL"):
        plot_subject_similarity(
            subject_similarity(incidence),
            {"fig4_max_subjects": 3, "technology": {"name": "deep learning", "short": "DL"}},
        )
