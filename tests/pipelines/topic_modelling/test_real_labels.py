"""The weak-supervision label on the whole real 2025-26 arXiv sample, against the dev part of
the hand-labelled set (labelled_sets/dl_papers). The test part is never read here: it is
scored once, by the pipeline's ``label_quality`` node, for the docs and the report."""

from pathlib import Path

import pandas as pd
import pytest

from dl_geography.pipelines.topic_modelling.evaluation import precision_recall_f1
from dl_geography.pipelines.topic_modelling.labelling import (
    choose_paper_labels,
    resolve_technology_definition,
    score_by_weak_supervision,
)
from tests.pipelines.topic_modelling.helpers import ARXIV, parameters

LABELLED = Path(__file__).resolve().parents[3] / "labelled_sets" / "dl_papers"


@pytest.fixture(scope="module")
def real_corpus(shared_data) -> pd.DataFrame:
    raw = pd.read_json(shared_data / ARXIV, lines=True, dtype={"id": str})
    raw = raw.drop_duplicates("id")
    return pd.DataFrame(
        {"paper_id": raw["id"].astype(str), "title": raw["title"], "abstract": raw["abstract"]}
    )


def label(papers: pd.DataFrame, technology: str) -> pd.DataFrame:
    params = parameters("sample")
    definition = resolve_technology_definition(technology, params["technologies"])
    tm = params["topic_modelling"]
    scores = score_by_weak_supervision(papers, definition, tm)
    return choose_paper_labels(
        pd.DataFrame(columns=["paper_id", "is_dl", "is_dl_strict"]), scores, definition, tm
    )


def test_deep_learning_label_on_the_dev_part(real_corpus):
    labels = label(real_corpus, "deep_learning").set_index("paper_id")
    gold = pd.read_csv(LABELLED / "labels.csv", dtype={"paper_id": str}).merge(
        pd.read_csv(LABELLED / "sample.csv", dtype={"paper_id": str}), on="paper_id"
    )
    dev = gold[(gold["split"] == "dev") & (gold["clarity"] == "clear")]
    predicted = labels.loc[dev["paper_id"], "is_dl"].to_numpy()
    metrics = precision_recall_f1(
        dev["label"].to_numpy() == 1,
        predicted,
        dev["stratum"].to_numpy(),
        {"ml": 1.0, "other": 1.0},
        n_boot=200,
        confidence=0.95,
        seed=0,
    )
    print(metrics)
    assert metrics["f1"] >= 0.95 and metrics["precision"] >= 0.93 and metrics["recall"] >= 0.93


@pytest.mark.parametrize(
    ("technology", "low", "high"),
    [("large_language_models", 0.2, 0.7), ("quantum_computing", 0.0005, 0.05)],
)
def test_other_presets_label_a_plausible_share(real_corpus, technology, low, high):
    labels = label(real_corpus, technology)
    assert set(labels["technology"]) == {technology}
    assert low <= labels["is_technology"].mean() <= high
