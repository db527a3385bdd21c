"""The topic model on a CI-sized subset of the real arXiv sample (../shared/data/arxiv).

The subset is every paper whose primary category is theory (cs.DS, cs.LO, cs.GT) plus a
seeded random draw of the others, about 4,500 papers in all.
"""

import pandas as pd
import pytest
from kedro.runner import SequentialRunner

from dl_geography.pipelines.topic_modelling import create_pipeline
from tests.pipelines.topic_modelling.helpers import ARXIV, catalog_for, parameters

THEORY = ["cs.DS", "cs.LO", "cs.GT"]
NEURAL_VOCABULARY = {
    "neural_network",
    "deep_learning",
    "convolutional_neural_network",
    "deep_neural_network",
    "cnn",
    "transformer",
    "layer",
    "architecture",
    "recurrent_neural_network",
    "lstm",
    "attention",
    "vision_transformer",
}


def real_papers(shared_data, n_others=4100, seed=0) -> pd.DataFrame:
    raw = pd.read_json(shared_data / ARXIV, lines=True)
    papers = pd.DataFrame(
        {
            "paper_id": raw["id"].astype(str),
            "title": raw["title"],
            "abstract": raw["abstract"],
            "categories": raw["categories"],
            "primary_category": raw["categories"].str[0],
        }
    )
    theory = papers["primary_category"].isin(THEORY)
    others = papers[~theory].sample(n_others, random_state=seed)
    return pd.concat([papers[theory], others]).sort_values("paper_id", ignore_index=True)


@pytest.fixture(scope="module")
def real_run(shared_data):
    """The pipeline with the ``sample`` environment's parameters (base + sample overrides)."""
    pipeline = create_pipeline()
    papers = real_papers(shared_data)
    catalog = catalog_for(pipeline, papers, parameters("sample"))
    SequentialRunner().run(pipeline, catalog)
    return papers, catalog


def dl_share_by_category(papers, labels) -> pd.DataFrame:
    table = labels.merge(papers, on="paper_id").groupby("primary_category")["is_dl"]
    return table.agg(dl_share="mean", n_papers="size").sort_values("n_papers", ascending=False)


def test_a_dl_topic_is_made_of_neural_network_vocabulary(real_run):
    _, catalog = real_run
    dl_topics = catalog.load("dl_topics")
    topic_words = catalog.load("topic_words")
    assert dl_topics["is_dl"].sum() >= 1
    neural = [
        t
        for t in dl_topics.loc[dl_topics["is_dl"], "topic"]
        if len(set(topic_words.loc[topic_words["topic"] == t, "word"].head(20)) & NEURAL_VOCABULARY)
        >= 2
    ]
    print(dl_topics[dl_topics["is_dl"]].to_string())
    assert neural, "no DL topic has at least two neural-network words among its top words"


def test_dl_share_by_primary_category(real_run):
    papers, catalog = real_run
    labels = catalog.load("paper_labels")
    shares = dl_share_by_category(papers, labels)
    print(shares.head(15).to_string())
    theory = labels.merge(papers, on="paper_id")
    theory_share = theory.loc[theory["primary_category"].isin(THEORY), "is_dl"].mean()
    print(f"theory ({', '.join(THEORY)}): {theory_share:.3f}")
    # The sample's method is weak supervision: 2025-26 vision and ML papers are mostly DL
    # (about 9 in 10 by hand-labelling), theory papers mostly not (cs.LO's LLM-for-proofs
    # papers are DL by the guide). docs/topic_modelling.md.
    for category in ("cs.CV", "cs.LG"):
        assert shares.loc[category, "dl_share"] >= 3 * theory_share, category
    assert shares.loc["cs.CV", "dl_share"] - theory_share >= 0.5


def test_drops_are_reported_and_labels_cover_the_rest(real_run):
    papers, catalog = real_run
    report = catalog.load("topic_modelling_report")
    dropped = report.loc[
        (report["step"] == "short documents") & (report["outcome"] == "dropped"), "count"
    ].item()
    assert dropped + len(catalog.load("corex_paper_labels")) == len(papers)
    # the sample's method (weak supervision) labels every paper, modelled or not
    labels = catalog.load("paper_labels")
    assert labels["paper_id"].tolist() == papers["paper_id"].tolist()
    assert set(labels["method"]) == {"weak_supervision"}
