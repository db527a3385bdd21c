"""The topic_modelling_report: DL topics found or missing, labels counted, elbow pick."""

import pandas as pd

from dl_geography.pipelines.topic_modelling.report import summarise_topic_modelling
from dl_geography.quality import REPORT_COLUMNS

FEATURES = pd.DataFrame(
    [
        {
            "stage": "topic_modelling",
            "step": "short documents",
            "outcome": "dropped",
            "reason": "r",
            "count": 2,
            "examples": "x; y",
        }
    ]
)
COLLOCATIONS = pd.DataFrame(
    {
        "phrase": ["neural_network", "a_b_c"],
        "n_words": [2, 3],
        "count": [9, 5],
        "npmi": [0.8, 0.6],
        "pass": [1, 2],
    }
)
TC = pd.DataFrame(
    {"n_topics": [10, 20], "total_correlation": [1.0, 2.0], "is_elbow": [False, True]}
)
LABELS = pd.DataFrame(
    {
        "paper_id": ["a", "b", "c"],
        "is_dl": [True, True, False],
        "is_dl_strict": [True, False, False],
        "method": "study_corex",
    }
)
WEAK = pd.DataFrame(
    {
        "paper_id": ["a", "b", "c"],
        "rule_positive": [True, False, False],
        "confident_negative": [False, False, True],
        "score": [0.9, 0.6, 0.1],
    }
)
PARAMS = {
    "labelling": {"method": "study_corex", "min_share": 0.01, "max_share": 0.9},
    "tuning": {"apply": False},
    "corex": {"n_topics": 28},
}


def rows(report, step, outcome):
    return report[(report["step"] == step) & (report["outcome"] == outcome)]


def test_report_counts_everything():
    dl = pd.DataFrame(
        {
            "topic": [0, 1],
            "is_dl": [True, False],
            "dl_words": ["neural_network", ""],
            "top_words": ["", ""],
        }
    )
    report = summarise_topic_modelling(FEATURES, COLLOCATIONS, TC, dl, WEAK, LABELS, PARAMS)
    assert list(report.columns) == REPORT_COLUMNS
    assert rows(report, "short documents", "dropped")["count"].item() == 2
    assert rows(report, "collocations", "added")["count"].tolist() == [1, 1]
    assert rows(report, "tuning", "elbow")["count"].item() == 20
    assert (
        "the model uses n = 28: the study's number stands"
        in rows(report, "tuning", "elbow")["reason"].item()
    )
    assert rows(report, "dl topics", "found")["examples"].item() == "topic 0: neural_network"
    assert rows(report, "labels", "is_dl")["count"].item() == 2
    assert rows(report, "labels", "is_dl_strict")["examples"].item() == "a"
    assert rows(report, "dl topics", "missing").empty


def test_report_says_when_no_dl_topic_is_found():
    dl = pd.DataFrame({"topic": [0], "is_dl": [False], "dl_words": [""], "top_words": [""]})
    report = summarise_topic_modelling(
        FEATURES, COLLOCATIONS, TC, dl, WEAK, LABELS.assign(is_dl=False), PARAMS
    )
    assert rows(report, "dl topics", "missing")["count"].item() == 1


def test_report_flags_a_label_share_outside_the_bounds():
    dl = pd.DataFrame({"topic": [0], "is_dl": [True], "dl_words": ["x"], "top_words": [""]})
    everything = LABELS.assign(is_dl=True)
    report = summarise_topic_modelling(FEATURES, COLLOCATIONS, TC, dl, WEAK, everything, PARAMS)
    assert rows(report, "labels", "flagged")["count"].item() == 3
    assert "outside labelling.min_share" in rows(report, "labels", "flagged")["reason"].item()
    fine = summarise_topic_modelling(FEATURES, COLLOCATIONS, TC, dl, WEAK, LABELS, PARAMS)
    assert rows(fine, "labels", "flagged").empty
    assert rows(fine, "weak supervision", "rule positives")["count"].item() == 1
