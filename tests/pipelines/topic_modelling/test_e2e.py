"""End to end on the default demo world: the DL labels against the planted truth."""

import pandas as pd
import pytest

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def labelled(demo_project):
    truth = pd.read_csv(
        demo_project.root / "data" / "01_raw" / "demo" / "truth" / "papers.csv",
        dtype={"paper_id": str},
    )
    labels = demo_project.load("paper_labels")
    return labels.merge(truth, on="paper_id", how="left", validate="one_to_one")


def test_every_modelled_paper_is_in_the_truth(labelled):
    assert labelled["is_dl_y"].notna().all()


def test_dl_label_precision_and_recall(labelled):
    predicted, truth = labelled["is_dl_x"], labelled["is_dl_y"].astype(bool)
    true_positive = (predicted & truth).sum()
    precision, recall = true_positive / predicted.sum(), true_positive / truth.sum()
    print(
        f"DL label on the demo world: precision {precision:.3f}, recall {recall:.3f}, "
        f"{len(labelled)} papers"
    )
    assert precision >= 0.9
    assert recall >= 0.9


def test_planted_short_abstracts_are_dropped_and_reported(demo_project, labelled):
    assert not labelled["short_abstract"].astype(bool).any()
    report = demo_project.load("topic_modelling_report")
    dropped = report[(report["step"] == "short documents") & (report["outcome"] == "dropped")]
    assert dropped["count"].item() > 0


def test_a_dl_topic_is_found_with_the_study_keywords(demo_project):
    dl_topics = demo_project.load("dl_topics")
    assert dl_topics["is_dl"].any()
    words = set(", ".join(dl_topics.loc[dl_topics["is_dl"], "dl_words"]).split(", "))
    assert {"neural_network", "deep_learning"} & words
