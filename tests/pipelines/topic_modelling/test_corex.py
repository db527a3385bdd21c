"""CorEx fitting (compatibility, determinism), tuning and the elbow rule."""

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

from dl_geography.pipelines.topic_modelling.corex import (
    elbow_point,
    fit_corex,
    plot_tc_by_n_topics,
    sample_documents,
    train_corex_model,
    tune_n_topics,
)


@pytest.fixture(scope="module")
def two_topic_corpus():
    """300 documents with two independent topics: A (words 0-9) and B (words 10-19).

    A document about a topic shows each of its words with probability 0.6, otherwise 0.05;
    words 20-29 are noise (probability 0.2).
    """
    rng = np.random.default_rng(0)
    topics = rng.uniform(size=(300, 2)) < 0.5
    p = np.concatenate(
        [
            np.where(topics[:, [0]], 0.6, 0.05).repeat(10, axis=1),
            np.where(topics[:, [1]], 0.6, 0.05).repeat(10, axis=1),
            np.full((300, 10), 0.2),
        ],
        axis=1,
    )
    dense = (rng.uniform(size=p.shape) < p).astype(np.int8)
    words = [f"w{i}" for i in range(30)]
    return sp.csr_matrix(dense), words, topics


def test_fit_corex_separates_planted_topics_and_is_deterministic(two_topic_corpus):
    matrix, words, _blocks = two_topic_corpus
    a = fit_corex(matrix, words, n_topics=2, max_iter=100, seed=1)
    b = fit_corex(matrix, words, n_topics=2, max_iter=100, seed=1)
    np.testing.assert_array_equal(a.alpha, b.alpha)
    clusters = a.clusters  # the topic of each word
    assert len(set(clusters[:10])) == 1 and len(set(clusters[10:20])) == 1
    assert clusters[0] != clusters[10]


def test_fit_corex_leaves_numpy_global_state_alone(two_topic_corpus):
    matrix, words, _ = two_topic_corpus
    np.random.seed(123)  # noqa: NPY002 (the legacy global state is what is tested)
    expected = np.random.random()  # noqa: NPY002
    np.random.seed(123)  # noqa: NPY002 (the legacy global state is what is tested)
    before = np.geterr()
    fit_corex(matrix, words, n_topics=2, max_iter=5, seed=9)
    assert np.random.random() == expected  # noqa: NPY002
    assert np.geterr() == before


def test_fit_corex_accepts_csr_array_and_anchors(two_topic_corpus):
    matrix, words, _ = two_topic_corpus
    model = fit_corex(
        sp.csr_array(matrix),
        words,
        n_topics=2,
        max_iter=20,
        seed=1,
        anchors=[["w0", "w1"]],
        anchor_strength=3,
    )
    assert model.alpha[0, 0] == 3 and model.alpha[0, 1] == 3


def test_elbow_point_by_hand():
    # scaled: x 0, .25, .5, 1 ; y 0, .8, .9, 1 -> above the diagonal by 0, .55, .4, 0
    assert elbow_point([10, 20, 30, 50], [0, 8, 9, 10]) == 1
    assert elbow_point([10, 20], [1, 2]) is None  # too few points
    assert elbow_point([10, 20, 30, 50], [0, 1, 2, 4]) is None  # straight: no elbow
    assert elbow_point([10, 20, 30, 50], [0, 8, 9, 10], min_distance=0.6) is None


def test_tune_n_topics_table_and_figure(two_topic_corpus):
    matrix, words, _ = two_topic_corpus
    params = {
        "corex": {"seed": 1, "n_topics": 2},
        "tuning": {
            "n_topics_grid": [3, 1, 2],
            "max_iter": 20,
            "min_elbow_distance": 0.0,
            "apply": False,
            "max_documents": 0,
        },
    }
    table = tune_n_topics(matrix, pd.DataFrame({"token": words}), params)
    assert table["n_topics"].tolist() == [1, 2, 3]
    assert table["is_elbow"].sum() == 1
    assert (table["total_correlation"] > 0).all()
    fig = plot_tc_by_n_topics(table, params)
    assert fig.axes[0].get_xlabel() == "number of topics"


def test_fast_corex_is_bit_identical_to_corextopic(two_topic_corpus):
    from corextopic import corextopic as ct

    matrix, words, _ = two_topic_corpus
    fast = fit_corex(matrix, words, n_topics=3, max_iter=30, seed=5)
    stock = ct.Corex(n_hidden=3, max_iter=30, seed=5)
    stock.fit(matrix, words=words)
    np.testing.assert_array_equal(fast.alpha, stock.alpha)
    np.testing.assert_array_equal(fast.mis, stock.mis)
    np.testing.assert_array_equal(fast.p_y_given_x, stock.p_y_given_x)
    np.testing.assert_array_equal(fast.sign, stock.sign)
    assert fast.tc == stock.tc


def test_fit_corex_on_an_empty_matrix_is_a_clear_error():
    with pytest.raises(ValueError, match="min_document_tokens"):
        fit_corex(sp.csr_matrix((0, 0)), [], n_topics=2, max_iter=5, seed=1)


def test_tuning_on_a_seeded_sample_of_documents(two_topic_corpus):
    matrix, words, _ = two_topic_corpus
    params = {
        "corex": {"seed": 1, "n_topics": 2},
        "tuning": {
            "n_topics_grid": [1, 2],
            "max_iter": 20,
            "min_elbow_distance": 0.1,
            "apply": False,
            "max_documents": 100,
        },
    }
    vocabulary = pd.DataFrame({"token": words})
    sampled = tune_n_topics(matrix, vocabulary, params)
    pd.testing.assert_frame_equal(sampled, tune_n_topics(matrix, vocabulary, params))
    params["tuning"]["max_documents"] = 0
    everything = tune_n_topics(matrix, vocabulary, params)
    assert not np.allclose(sampled["total_correlation"], everything["total_correlation"])


def test_sample_documents_keeps_order_and_is_seeded():
    numbered = sp.csr_matrix(np.arange(1, 301, dtype=float).reshape(-1, 1))  # row i holds i+1
    assert sample_documents(numbered, 0, seed=1).shape == (300, 1)
    assert sample_documents(numbered, 500, seed=1).shape == (300, 1)
    rows = sample_documents(numbered, 120, seed=1).toarray().ravel()
    assert len(rows) == len(set(rows)) == 120
    assert (np.diff(rows) > 0).all()  # the matrix's order
    np.testing.assert_array_equal(rows, sample_documents(numbered, 120, seed=1).toarray().ravel())
    assert not np.array_equal(rows, sample_documents(numbered, 120, seed=2).toarray().ravel())


def test_final_fit_on_a_sample_still_finds_the_planted_topics(two_topic_corpus):
    matrix, words, _ = two_topic_corpus
    vocabulary = pd.DataFrame({"token": words})
    tuning = pd.DataFrame({"n_topics": [2], "is_elbow": [False]})
    params = {
        "tuning": {"apply": False},
        "corex": {
            "n_topics": 2,
            "max_iter": 100,
            "seed": 1,
            "anchors": None,
            "anchor_strength": 1.0,
            "max_documents": 0,
        },
    }
    whole = train_corex_model(matrix, vocabulary, tuning, params)
    params["corex"]["max_documents"] = 150
    sampled = train_corex_model(matrix, vocabulary, tuning, params)
    assert sampled.n_samples == 150 and whole.n_samples == 300

    def top_words(model):
        return {frozenset(np.argsort(-model.mis[j])[:10]) for j in range(2)}

    planted = {frozenset(range(10)), frozenset(range(10, 20))}
    assert top_words(whole) == planted
    assert top_words(sampled) == planted
