"""Keyword-search label against the CorEx label (robustness), and the report."""

import pandas as pd
import pytest

from dl_geography.pipelines.topic_modelling.robustness import (
    compare_with_keyword_search,
    keyword_search_labels,
)

PAPERS = pd.DataFrame(
    {
        "paper_id": ["a", "b", "c", "d"],
        "abstract": [
            "We train Deep-Learning models.",
            "Neural networks for graphs.",
            "A proof of a lemma.",
            None,
        ],
    }
)


def test_keyword_search_matches_case_hyphen_and_plural_but_not_inside_words():
    labels = keyword_search_labels(PAPERS, ["deep learning", "neural network"])
    assert labels.tolist() == [True, True, False, False]
    assert not keyword_search_labels(
        pd.DataFrame({"abstract": ["undeep learning"]}), ["deep learning"]
    ).item()


def test_confusion_table_by_hand():
    labels = pd.DataFrame({"paper_id": ["a", "b", "c", "d"], "is_dl": [True, False, True, False]})
    table = compare_with_keyword_search(
        PAPERS, labels, {"keyword_search": ["deep learning", "neural network"]}
    )
    cells = table.set_index(["label_is_dl", "keyword_is_dl"])["n_papers"]
    assert cells[(True, True)] == 1 and cells[(True, False)] == 1
    assert cells[(False, True)] == 1 and cells[(False, False)] == 1
    assert table["agreement"].iloc[0] == pytest.approx(0.5)
    assert table["cohen_kappa"].iloc[0] == pytest.approx(0.0)
