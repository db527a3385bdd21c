"""CorEx finds deep learning as one topic in the demo abstracts (section 2.1.4)."""

import numpy as np
import pandas as pd
import pytest

from .records import abstracts


@pytest.mark.e2e
def test_corex_finds_the_dl_topic(small_world):
    corextopic = pytest.importorskip("corextopic.corextopic")
    from sklearn.feature_extraction.text import CountVectorizer

    truth = pd.read_csv(small_world / "truth" / "papers.csv", dtype={"paper_id": str})
    cs = set(truth.loc[truth["is_cs"], "paper_id"])
    texts = abstracts(small_world)
    texts = texts[texts.index.isin(cs)]
    ids = texts.index
    vectorizer = CountVectorizer(binary=True, stop_words="english", ngram_range=(1, 2), min_df=5)
    x = vectorizer.fit_transform(texts)
    words = vectorizer.get_feature_names_out()
    model = corextopic.Corex(n_hidden=28, seed=1).fit(x, words=words)
    is_dl = truth.set_index("paper_id").loc[list(ids), "is_dl"].to_numpy()
    best = (0.0, 0.0)
    for j in range(28):
        # Eq. 2 and 4 on the topic's 20 top words: assigned when S_j >= 0.5 T_max.
        weights = np.asarray(model.mis[j]) * (model.alpha[j] > 0.5)
        weights[np.argsort(-weights)[20:]] = 0
        assigned = x @ weights >= 0.5 * weights.max()
        tp = (assigned & is_dl).sum()
        precision, recall = tp / max(assigned.sum(), 1), tp / is_dl.sum()
        if precision + recall > sum(best):
            best = (precision, recall)
    assert best[0] >= 0.9 and best[1] >= 0.9, best
