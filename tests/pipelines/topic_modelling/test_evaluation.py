"""Precision, recall and F1 against the hand-labelled set, weighted and with intervals."""

import numpy as np
import pandas as pd
import pytest

from dl_geography.pipelines.topic_modelling.evaluation import (
    precision_recall_f1,
    score_against_labelled_set,
)

BOOT = {"n_boot": 500, "confidence": 0.95, "seed": 1}


def test_unweighted_by_hand():
    truth = np.array([1, 1, 1, 0, 0, 1], bool)
    predicted = np.array([1, 1, 0, 1, 0, 1], bool)
    m = precision_recall_f1(truth, predicted, np.array(["a"] * 6), {"a": 1.0}, **BOOT)
    assert m["precision"] == pytest.approx(3 / 4) and m["recall"] == pytest.approx(3 / 4)
    assert m["precision_low"] <= m["precision"] <= m["precision_high"]


def test_strata_weights_move_precision_towards_the_big_stratum():
    # stratum a: perfect; stratum b: one false positive. b is rare in the corpus.
    truth = np.array([1, 1, 0, 1, 0], bool)
    predicted = np.array([1, 1, 0, 1, 1], bool)
    strata = np.array(["a", "a", "a", "b", "b"])
    equal = precision_recall_f1(truth, predicted, strata, {"a": 1.0, "b": 1.0}, **BOOT)
    weighted = precision_recall_f1(truth, predicted, strata, {"a": 100.0, "b": 1.0}, **BOOT)
    assert equal["precision"] == pytest.approx(3 / 4)
    assert weighted["precision"] == pytest.approx(201 / 202)


def test_table_per_part_and_empty_when_no_labelled_paper_is_in_the_corpus():
    papers = pd.DataFrame(
        {
            "paper_id": ["1", "2", "3", "4"],
            "categories": [["cs.LG"], ["cs.LG"], ["cs.DS"], ["cs.DS"]],
        }
    )
    gold = pd.DataFrame(
        {
            "paper_id": ["1", "2", "3", "4"],
            "label": [1, 0, 1, 0],
            "clarity": ["clear", "clear", "borderline", "clear"],
            "reason": "",
        }
    )
    split = pd.DataFrame(
        {
            "paper_id": ["1", "2", "3", "4"],
            "stratum": ["ml", "ml", "other", "other"],
            "split": "dev",
        }
    )
    labels = pd.DataFrame(
        {
            "paper_id": ["1", "2", "3", "4"],
            "is_dl": [True, False, True, True],
            "method": "weak_supervision",
        }
    )
    corex = pd.DataFrame({"paper_id": ["1"], "is_dl": [True]})
    tech = {"name": "deep_learning", "core_categories": ["cs.LG"]}
    params = {
        "labelling": {
            "evaluation": {
                "technology": "deep_learning",
                "bootstrap_samples": 100,
                "confidence": 0.95,
                "seed": 1,
            }
        }
    }
    table = score_against_labelled_set(labels, corex, papers, gold, split, tech, params)
    weighted = table[
        (table["method"] == "weak_supervision")
        & (table["cases"] == "all")
        & (table["stratum"] == "weighted")
    ]
    assert weighted["precision"].item() == pytest.approx(2 / 3)
    assert weighted["recall"].item() == pytest.approx(1.0)
    clear = table[
        (table["method"] == "weak_supervision")
        & (table["cases"] == "clear")
        & (table["stratum"] == "weighted")
    ]
    assert clear["n_papers"].item() == 3
    study = table[
        (table["method"] == "study_corex")
        & (table["cases"] == "all")
        & (table["stratum"] == "weighted")
    ]
    assert study["recall"].item() == pytest.approx(0.5)  # paper 3 was not modelled
    other = score_against_labelled_set(
        labels, corex, papers.assign(paper_id=list("wxyz")), gold, split, tech, params
    )
    assert other.empty
    llm = score_against_labelled_set(
        labels, corex, papers, gold, split, {**tech, "name": "large_language_models"}, params
    )
    assert llm.empty
