"""The weak-supervision labeller and the choice of method (issue 13)."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from dl_geography.pipelines.topic_modelling.labelling import (
    choose_paper_labels,
    resolve_technology_definition,
    score_by_weak_supervision,
)

CONF = Path(__file__).resolve().parents[3] / "conf" / "base"
PRESETS = yaml.safe_load((CONF / "parameters_technologies.yml").read_text())["technologies"]
PARAMS = yaml.safe_load((CONF / "parameters_topic_modelling.yml").read_text())["topic_modelling"]
DL = resolve_technology_definition("deep_learning", PRESETS)


def corpus(n: int = 60) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    dl = [
        "We train a deep neural network encoder on images with a loss.",
        "A transformer backbone pretrained on video, evaluated on benchmarks.",
        "Our convolutional neural network segments tumours in scans.",
    ]
    context = [
        "Our encoder, pretrained on images, improves the benchmarks and the loss.",
        "A backbone trained on video frames improves segmentation of scans.",
    ]
    theory = [
        "We prove a tight bound on the chromatic number of planar graphs.",
        "A polynomial algorithm for scheduling with deadlines on one machine.",
        "The satisfiability of modal formulas is decidable in exponential time.",
    ]
    abstracts = [dl[i % 3] + " " + rng.choice(dl) for i in range(n)]
    abstracts += [theory[i % 3] + " " + rng.choice(theory) for i in range(n)]
    abstracts += context
    return pd.DataFrame(
        {
            "paper_id": [f"p{i}" for i in range(len(abstracts))],
            "title": "A paper",
            "abstract": abstracts,
        }
    )


def test_rules_train_a_classifier_that_labels_the_context():
    papers = corpus()
    scores = score_by_weak_supervision(papers, DL, PARAMS)
    assert list(scores.columns) == ["paper_id", "rule_positive", "confident_negative", "score"]
    assert scores["rule_positive"].iloc[:60].all()
    assert scores["confident_negative"].iloc[60:120].all()
    # the two context papers match no rule, yet their words are the positives' words
    assert not scores["rule_positive"].iloc[120:].any()
    assert (scores["score"].iloc[120:] > scores["score"].iloc[60:120].max()).all()


def test_a_rule_set_that_finds_nothing_stops_naming_the_parameter():
    papers = corpus()
    papers["abstract"] = papers["abstract"].str.replace(r"neural|transformer", "", regex=True)
    with pytest.raises(ValueError, match=r"0 rule positives .* labelling.min_class_size"):
        score_by_weak_supervision(papers, DL, PARAMS)


def test_choose_weak_supervision_threshold_rule_floor_and_strict():
    weak = pd.DataFrame(
        {
            "paper_id": ["a", "b", "c", "d"],
            "rule_positive": [True, True, False, False],
            "confident_negative": [False, False, False, True],
            "score": [0.95, 0.55, 0.92, 0.4],
        }
    )
    params = {"labelling": {**PARAMS["labelling"], "method": "weak_supervision"}}
    corex = pd.DataFrame({"paper_id": ["a"], "is_dl": [False], "is_dl_strict": [False]})
    labels = choose_paper_labels(corex, weak, DL, params)
    assert labels["is_technology"].tolist() == [True, True, True, False]
    assert labels["is_technology_strict"].tolist() == [True, False, False, False]
    assert (labels["is_dl"] == labels["is_technology"]).all()
    assert set(labels["method"]) == {"weak_supervision"} and set(labels["technology"]) == {
        "deep_learning"
    }
    weak.loc[1, "score"] = 0.45  # a rule match in a paper the classifier finds unrelated
    assert not choose_paper_labels(corex, weak, DL, params)["is_technology"].iloc[1]


def test_choose_study_corex_keeps_the_study_labels():
    corex = pd.DataFrame(
        {"paper_id": ["a", "b"], "is_dl": [True, False], "is_dl_strict": [False, False]}
    )
    weak = pd.DataFrame(
        {
            "paper_id": ["a", "b"],
            "rule_positive": [False, True],
            "confident_negative": [False, False],
            "score": [0.1, 0.99],
        }
    )
    labels = choose_paper_labels(corex, weak, DL, {"labelling": PARAMS["labelling"]})
    assert labels["is_dl"].tolist() == [True, False] and labels["score"].tolist() == [1.0, 0.0]
    assert set(labels["method"]) == {"study_corex"}
