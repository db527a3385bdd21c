"""The sector classifier (section 2.2): grid search, metrics, prediction at p >= 0.99."""

from typing import ClassVar

import numpy as np
import pandas as pd
import pytest

from dl_geography.pipelines.industry_relatedness.classifier import (
    classification_metrics,
    predict_paper_sectors,
    train_sector_classifier,
)
from tests.pipelines.industry_relatedness.synthetic import synthetic_organizations

PARAMS = {
    "seed": 7,
    "cv_folds": 3,
    "n_jobs": 1,
    "selection_metric": "f1_macro",
    "grid_max_organizations": 0,
    "metrics_max_organizations": 0,
    "fit_max_organizations": 0,
    "tfidf": {"min_df": 1, "ngram_range": [1, 1]},
    "grid": {"logistic_l1": {"C": [10.0, 100.0]}, "linear_svc": {"C": [1.0]}},
}


def counts_of(organizations):
    """``sector_counts`` as select_training_organizations would give for these."""
    counts = organizations["sectors"].explode().value_counts()
    return pd.DataFrame(
        {
            "sector": counts.index,
            "n_organizations": counts.to_numpy(),
            "n_training": counts.to_numpy(),
            "learnt": True,
            "enough_organizations": True,
        }
    )


def train(organizations, params, without_descriptions="error"):
    return train_sector_classifier(
        organizations, counts_of(organizations), params, without_descriptions
    )


def test_metrics_are_counted_by_hand():
    truth = np.array([[1, 0], [1, 1], [0, 1], [0, 0]])
    predicted = np.array([[1, 0], [0, 1], [1, 1], [0, 0]])
    metrics = classification_metrics(truth, predicted, ["a", "b"]).set_index("sector")
    # a: tp 1, fp 1, fn 1 -> p = r = f1 = 0.5; b: tp 2, fp 0, fn 0 -> 1.
    assert metrics.loc["a", ["precision", "recall", "f1", "support"]].tolist() == [0.5, 0.5, 0.5, 2]
    assert metrics.loc["b", ["precision", "recall", "f1", "support"]].tolist() == [1, 1, 1, 2]
    assert metrics.loc["macro", ["precision", "recall", "f1", "support"]].tolist() == [
        0.75,
        0.75,
        0.75,
        4,
    ]


def test_grid_search_tries_both_families_and_learns_the_sectors():
    classifier, metrics, chosen = train(synthetic_organizations(), PARAMS)
    assert classifier["sectors"] == ["ai", "energy", "health"]
    assert {c["model"] for c in chosen["candidates"]} == {"logistic_l1", "linear_svc"}
    assert len(chosen["candidates"]) == 3
    best = max(c["mean_score"] for c in chosen["candidates"])
    assert chosen["best_score"] == pytest.approx(best)
    assert chosen["model"] in {"logistic_l1", "linear_svc"} and "C" in chosen["params"]
    assert list(metrics["sector"]) == ["ai", "energy", "health", "macro"]
    assert metrics.set_index("sector").loc["macro", "f1"] > 0.9
    # 90 organisations, every fifth with a second sector: 18 extra labels.
    assert metrics.set_index("sector").loc["macro", "support"] == 108
    probabilities = classifier["model"].predict_proba(["solar wind turbine battery power"])
    assert classifier["sectors"][int(np.argmax(probabilities))] == "energy"


def test_grid_search_on_a_sample_then_metrics_and_fit_on_all():
    params = {
        **PARAMS,
        "grid_max_organizations": 45,
        "grid": {"logistic_l1": {"C": [10.0]}, "complement_nb": {"alpha": [0.3, 1.0]}},
    }
    classifier, metrics, chosen = train(synthetic_organizations(), params)
    assert chosen["n_grid_organizations"] == 45 and chosen["n_training_organizations"] == 90
    assert {c["model"] for c in chosen["candidates"]} == {"logistic_l1", "complement_nb"}
    assert metrics.set_index("sector").loc["macro", "support"] == 108  # all 90 scored
    assert chosen["cv_macro_f1"] == metrics["f1"].iloc[-1]
    assert {"precision_at_threshold", "recall_at_threshold", "f1_at_threshold"} <= set(metrics)
    assert classifier["model"].predict_proba(["patient clinic"]).shape == (1, 3)


def test_metrics_and_fit_on_fixed_size_samples():
    params = {
        **PARAMS,
        "grid_max_organizations": 45,
        "metrics_max_organizations": 60,
        "fit_max_organizations": 30,
        "grid": {"logistic_l1": {"C": [10.0]}},
    }
    classifier, metrics, chosen = train(synthetic_organizations(), params)
    assert (
        chosen["n_grid_organizations"],
        chosen["n_metrics_organizations"],
        chosen["n_fit_organizations"],
        chosen["n_training_organizations"],
    ) == (45, 60, 30, 90)
    assert metrics.set_index("sector").loc["macro", "support"] < 108  # 60 of the 90 scored
    # fitted on 30 organisations only: the model still tells the sectors apart
    probabilities = classifier["model"].predict_proba(["patient clinic hospital care"])
    assert classifier["sectors"][int(np.argmax(probabilities))] == "health"


def test_sgd_family_fits_the_l1_logistic_model():
    params = {**PARAMS, "grid": {"logistic_l1_sgd": {"C": [10.0, 100.0]}}}
    classifier, metrics, chosen = train(synthetic_organizations(), params)
    assert chosen["model"] == "logistic_l1_sgd" and chosen["params"]["C"] in {10.0, 100.0}
    assert metrics.set_index("sector").loc["macro", "f1"] > 0.9
    estimators = classifier["model"].named_steps["clf"].estimators_
    # alpha = 1 / (C n): the objective liblinear's C gives, on the 90 organisations
    assert estimators[0].model_.alpha == pytest.approx(1 / (chosen["params"]["C"] * 90))
    probabilities = classifier["model"].predict_proba(["solar wind turbine battery power"])
    assert classifier["sectors"][int(np.argmax(probabilities))] == "energy"
    _, _, again = train(synthetic_organizations(), params)
    assert again == chosen


def test_training_is_deterministic():
    orgs = synthetic_organizations()
    _, metrics_1, chosen_1 = train(orgs, PARAMS)
    _, metrics_2, chosen_2 = train(orgs, PARAMS)
    pd.testing.assert_frame_equal(metrics_1, metrics_2)
    assert chosen_1 == chosen_2


def test_no_training_organisation_is_explained():
    empty = synthetic_organizations().iloc[:0]
    with pytest.raises(ValueError, match=r"needs descriptions.*organization_descriptions"):
        train(empty, PARAMS)


def test_without_descriptions_the_keyword_fallback_labels_by_sector_name():
    empty = synthetic_organizations().iloc[:0]
    counts = pd.DataFrame(
        {
            "sector": ["games_video", "health", "other", "pets"],
            "n_organizations": [50, 40, 30, 2],
            "n_training": 0,
            "learnt": False,
            "enough_organizations": [True, True, True, False],
        }
    )
    classifier, metrics, chosen = train_sector_classifier(empty, counts, PARAMS, "keyword_fallback")
    assert chosen["model"] == "keyword_fallback" and classifier["sectors"] == [
        "games_video",
        "health",
        "other",
    ]
    assert metrics["f1"].isna().all() and list(metrics["sector"])[-1] == "macro"
    probabilities = classifier["model"].predict_proba(
        ["Health records of other patients", "A video game engine", "Nothing here"]
    )
    # "other" is a stop word, never a keyword; games_video matches the whole word "video"
    # ("game" is not "games").
    assert probabilities.tolist() == [[0, 1, 0], [1, 0, 0], [0, 0, 0]]


def test_an_unknown_no_description_action_is_named():
    with pytest.raises(ValueError, match="keep_going"):
        train(synthetic_organizations().iloc[:0], PARAMS, "keep_going")


def test_unknown_selection_metric_is_named():
    with pytest.raises(ValueError, match="accuracy"):
        train(synthetic_organizations(), {**PARAMS, "selection_metric": "accuracy"})


class FixedModel:
    """Stands in for the fitted pipeline: one fixed probability row per known text."""

    rows: ClassVar = {
        "alpha": [0.995, 0.2],
        "beta": [0.99, 0.999],
        "gamma": [0.5, 0.98],
        "": [0.1, 0.1],
    }

    def predict_proba(self, texts):
        return np.array([self.rows[t] for t in texts])


@pytest.mark.parametrize("batch_size", [1, 2, 100])
def test_predictions_keep_sectors_at_or_above_the_threshold(batch_size):
    papers = pd.DataFrame(
        {"paper_id": ["p1", "p2", "p3", "p4"], "abstract": ["alpha", "beta", "gamma", None]}
    )
    classifier = {"model": FixedModel(), "sectors": ["ai", "software"]}
    predictions, report = predict_paper_sectors(
        classifier, papers, {"probability_threshold": 0.99, "batch_size": batch_size}
    )
    assert predictions.to_dict("records") == [
        {"paper_id": "p1", "sector": "ai", "probability": 0.995},
        {"paper_id": "p2", "sector": "ai", "probability": 0.99},
        {"paper_id": "p2", "sector": "software", "probability": 0.999},
    ]
    counted = report.set_index("reason")
    below = counted.loc["no sector with probability >= 0.99"]
    assert (below["count"], below["examples"]) == (2, "p3; p4")
    assert counted.loc["empty abstract (no sector predicted)", "count"] == 1
    assert counted.loc["papers with at least one sector", "count"] == 2
