"""The whole topic_modelling pipeline through Kedro's runner on a small planted corpus."""

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from kedro.runner import SequentialRunner

from dl_geography.pipelines.topic_modelling import create_pipeline
from tests.pipelines.topic_modelling.helpers import catalog_for, parameters

DL = [
    "deep neural networks",
    "convolutional neural network",
    "dropout",
    "hidden layers",
    "backpropagation",
    "relu activations",
    "deep learning",
    "recurrent neural networks",
    "trained",
    "autoencoder",
]
THEORY = [
    "graph",
    "proof",
    "theorem",
    "lemma",
    "bound",
    "polynomial",
    "planar",
    "colouring",
    "reduction",
    "satisfiability",
    "modal",
    "logic",
    "approximation",
    "scheduling",
    "deadline",
    "complexity",
    "automaton",
    "word",
    "query",
    "database",
    "index",
    "storage",
    "transaction",
    "protocol",
    "router",
    "packet",
    "latency",
    "compiler",
    "type",
    "semantics",
    "program",
    "verification",
    "cache",
    "processor",
    "memory",
    "kernel",
    "thread",
    "lock",
]


def planted_papers(n=300, seed=0) -> pd.DataFrame:
    """Abstracts of 25 random field words; DL papers add six DL terms at random places."""
    rng = np.random.default_rng(seed)
    is_dl = rng.uniform(size=n) < 0.3
    abstracts = []
    for dl in is_dl:
        words = list(rng.choice(THEORY, 25))
        if dl:
            for term in rng.choice(DL, 6, replace=False):
                words.insert(int(rng.integers(0, len(words))), term)
        abstracts.append(" ".join(words) + ".")
    papers = pd.DataFrame(
        {
            "paper_id": [f"2001.{k:05d}" for k in range(n)],
            "title": "A study",
            "abstract": abstracts,
            "is_dl_truth": is_dl,
        }
    )
    papers.loc[0, "abstract"] = "Too short to model."
    return papers


def run_pipeline():
    params = parameters()
    tm = params["topic_modelling"]
    tm["corex"].update(n_topics=3, max_iter=100)
    tm["tuning"].update(n_topics_grid=[2, 3], max_iter=20)
    tm["collocations"]["min_count"] = 5
    tm["min_document_frequency"] = 3
    pipeline = create_pipeline()
    papers = planted_papers()
    catalog = catalog_for(pipeline, papers, params)
    SequentialRunner().run(pipeline, catalog)
    return papers, catalog


@pytest.fixture(scope="module")
def run():
    return run_pipeline()


def test_contract_columns(run):
    _, catalog = run
    assert list(catalog.load("paper_labels").columns) == [
        "paper_id",
        "is_technology",
        "is_technology_strict",
        "score",
        "method",
        "technology",
        "is_dl",
        "is_dl_strict",
    ]
    assert set(catalog.load("paper_labels")["method"]) == {"study_corex"}
    assert list(catalog.load("paper_topic_scores").columns) == [
        "paper_id",
        "topic",
        "score",
        "assigned",
    ]
    assert list(catalog.load("topic_words").columns)[:4] == ["topic", "rank", "word", "weight"]
    assert list(catalog.load("tc_by_n_topics").columns)[:2] == ["n_topics", "total_correlation"]
    assert list(catalog.load("vocabulary").columns) == ["token", "document_frequency"]
    matrix = catalog.load("doc_term_matrix")
    assert sp.issparse(matrix) and matrix.format == "csr" and set(np.unique(matrix.data)) == {1}
    rows = catalog.load("doc_term_rows")
    assert matrix.shape == (len(rows), len(catalog.load("vocabulary")))
    assert catalog.load("paper_labels")["paper_id"].tolist() == rows["paper_id"].tolist()


def test_recovers_the_planted_dl_papers(run):
    papers, catalog = run
    labels = catalog.load("paper_labels").merge(papers, on="paper_id")
    truth, predicted = labels["is_dl_truth"], labels["is_dl"]
    assert (truth == predicted).mean() >= 0.95
    dl_topics = catalog.load("dl_topics")
    assert dl_topics["is_dl"].sum() >= 1


def test_short_document_is_dropped_and_reported(run):
    _, catalog = run
    report = catalog.load("topic_modelling_report")
    dropped = report[(report["step"] == "short documents") & (report["outcome"] == "dropped")]
    assert dropped["count"].item() == 1 and dropped["examples"].item() == "2001.00000"
    assert "2001.00000" not in set(catalog.load("paper_labels")["paper_id"])


def test_keyword_agreement_table(run):
    _, catalog = run
    table = catalog.load("keyword_label_agreement")
    assert table["n_papers"].sum() == len(catalog.load("paper_labels"))
    assert table["agreement"].iloc[0] >= 0.9


def test_two_runs_give_identical_outputs(run):
    _, first = run
    _, second = run_pipeline()
    for name in (
        "paper_topic_scores",
        "paper_labels",
        "topic_words",
        "tc_by_n_topics",
        "vocabulary",
        "collocations",
    ):
        pd.testing.assert_frame_equal(first.load(name), second.load(name))
    assert (first.load("doc_term_matrix") != second.load("doc_term_matrix")).nnz == 0
