"""Eq. 2 scores, Eq. 4 assignment, DL topics and labels on hand-built matrices (2.1.4)."""

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

from dl_geography.pipelines.topic_modelling.assign import (
    extract_topic_words,
    find_dl_topics,
    label_papers,
    score_papers,
    topic_scores,
    topic_weight_matrix,
)

VOCAB = pd.DataFrame(
    {"token": ["neural_network", "deep_learning", "layer", "graph", "vertex", "proof"]}
)
# topic 0: neural_network 0.8, deep_learning 0.6, layer 0.2; topic 1: graph 0.5, vertex 0.4
TOPIC_WORDS = pd.DataFrame(
    {
        "topic": [0, 0, 0, 1, 1],
        "rank": [1, 2, 3, 1, 2],
        "word": ["neural_network", "deep_learning", "layer", "graph", "vertex"],
        "weight": [0.8, 0.6, 0.2, 0.5, 0.4],
        "sign": 1,
    }
)
# docs: {layer}, {layer, deep_learning}, {neural_network, graph}, {vertex, proof}, {proof}
X = sp.csr_matrix(
    np.array(
        [
            [0, 0, 1, 0, 0, 0],
            [0, 1, 1, 0, 0, 0],
            [1, 0, 0, 1, 0, 0],
            [0, 0, 0, 0, 1, 1],
            [0, 0, 0, 0, 0, 1],
        ],
        dtype=np.int8,
    )
)
ROWS = pd.DataFrame({"paper_id": ["a", "b", "c", "d", "e"]})


def test_eq2_scores_and_eq4_assignment_by_hand():
    weights = topic_weight_matrix(TOPIC_WORDS, VOCAB, 2)
    scores, assigned = topic_scores(X, weights, gamma=0.5)
    # S_0: a 0.2, b 0.6+0.2, c 0.8, d 0, e 0 ; S_1: a 0, b 0, c 0.5, d 0.4, e 0
    np.testing.assert_allclose(scores, [[0.2, 0], [0.8, 0], [0.8, 0.5], [0, 0.4], [0, 0]])
    # thresholds gamma * T_max: topic 0 0.4, topic 1 0.25
    assert assigned.tolist() == [
        [False, False],
        [True, False],
        [True, True],
        [False, True],
        [False, False],
    ]


def test_eq4_counts_presence_not_frequency():
    weights = topic_weight_matrix(TOPIC_WORDS, VOCAB, 2)
    counts = X.multiply(5).tocsr()  # the same words, five times each
    scores, _ = topic_scores(counts, weights, gamma=0.5)
    np.testing.assert_allclose(scores[1], [0.8, 0])


def test_gamma_moves_the_threshold():
    weights = topic_weight_matrix(TOPIC_WORDS, VOCAB, 2)
    _, assigned = topic_scores(X, weights, gamma=0.2)  # topic 0 threshold 0.16
    assert assigned[0, 0]


def test_unknown_topic_word_is_an_error():
    bad = TOPIC_WORDS.assign(word=["nope", *TOPIC_WORDS["word"][1:]])
    with pytest.raises(ValueError, match="not in the vocabulary"):
        topic_weight_matrix(bad, VOCAB, 2)


def test_score_papers_long_table():
    model = SimpleNamespace(alpha=np.ones((2, 6)), words=VOCAB["token"].tolist())
    table = score_papers(X, ROWS, TOPIC_WORDS, model, {"gamma": 0.5})
    assert len(table) == 10
    row = table[(table["paper_id"] == "c") & (table["topic"] == 1)]
    assert row["score"].item() == pytest.approx(0.5) and row["assigned"].item()


def words_params(positive_only: bool) -> dict:
    return {
        "n_words_per_topic": 2,
        "positive_words_only": positive_only,
        "corex": {"negative_poles": False},
    }


def test_extract_topic_words_weights_ranks_and_sign_filter():
    alpha = np.array([[1, 1, 1, 0, 0, 0], [0, 0, 0, 1, 1, 1]], dtype=float)
    mis = np.array([[0.2, 0.6, 0.8, 0, 0, 0], [0, 0, 0, 0.5, 0.1, 0.3]])
    sign = np.array([[1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, -1]])
    model = SimpleNamespace(alpha=alpha, mis=mis, sign=sign)
    table = extract_topic_words(model, VOCAB, words_params(positive_only=True))
    assert table["word"].tolist() == ["layer", "deep_learning", "graph", "vertex"]
    assert table["rank"].tolist() == [1, 2, 1, 2]
    np.testing.assert_allclose(table["weight"], [0.8, 0.6, 0.5, 0.1])
    both = extract_topic_words(model, VOCAB, words_params(positive_only=False))
    assert both.loc[both["topic"] == 1, "word"].tolist() == ["graph", "proof"]


def test_find_dl_topics_by_keyword():
    dl = find_dl_topics(
        TOPIC_WORDS, {"corex_keywords": ["deep_learning", "recurrent_neural_network"]}
    )
    assert dl["is_dl"].tolist() == [True, False]
    assert dl.loc[0, "dl_words"] == "deep_learning"


def test_label_papers_any_and_all_dl_topics():
    scores = pd.DataFrame(
        {
            "paper_id": ["a", "a", "a", "b", "b", "b", "c", "c", "c"],
            "topic": [0, 1, 2] * 3,
            "assigned": [True, True, False, True, False, True, False, False, True],
        }
    )
    dl = pd.DataFrame({"topic": [0, 1, 2], "is_dl": [True, True, False]})
    rows = pd.DataFrame({"paper_id": ["a", "b", "c", "d"]})
    labels = label_papers(scores, dl, rows)
    assert labels["is_dl"].tolist() == [True, True, False, False]
    assert labels["is_dl_strict"].tolist() == [True, False, False, False]
    none = label_papers(scores, dl.assign(is_dl=False), rows)
    assert not none["is_dl"].any() and not none["is_dl_strict"].any()


def test_negative_poles_become_topics_of_their_own():
    alpha = np.array([[1, 1, 1, 0, 0, 0], [0, 0, 0, 1, 1, 1]], dtype=float)
    mis = np.array([[0.2, 0.6, 0.8, 0, 0, 0], [0, 0, 0, 0.5, 0.1, 0.3]])
    sign = np.array([[-1, -1, 1, 1, 1, 1], [1, 1, 1, 1, 1, -1]])
    model = SimpleNamespace(alpha=alpha, mis=mis, sign=sign, words=VOCAB["token"].tolist())
    params = {
        "n_words_per_topic": 5,
        "gamma": 0.5,
        "positive_words_only": True,
        "corex": {"negative_poles": True},
    }
    table = extract_topic_words(model, VOCAB, params)
    by_topic = table.groupby("topic")["word"].apply(list).to_dict()
    assert by_topic == {
        0: ["layer"],
        1: ["graph", "vertex"],
        2: ["deep_learning", "neural_network"],
        3: ["proof"],
    }
    scores = score_papers(X, ROWS, table, model, params)
    assert scores["topic"].nunique() == 4
    # paper b has deep_learning: the negative pole of factor 0 (topic 2), T_max 0.6
    row = scores[(scores["paper_id"] == "b") & (scores["topic"] == 2)]
    assert row["score"].item() == pytest.approx(0.6) and row["assigned"].item()
