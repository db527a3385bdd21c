"""Topic words, topic scores (Eq. 2), topic assignment (Eq. 4) and the DL labels (2.1.4).

Eq. 2: ``S_j(W) = sum_i T_i^j * delta(w_i in W)`` over topic j's top words w_i with
weights T_i^j. Eq. 4: document W takes topic j when ``S_j(W) >= gamma * T_max^j``,
T_max^j the largest weight in topic j. For all documents at once, S = X @ T with X the
binary document-term matrix and T the sparse word x topic weight matrix.
"""

import numpy as np
import pandas as pd
import scipy.sparse as sp

TOPIC_WORDS_COLUMNS = ["topic", "rank", "word", "weight", "sign"]


def extract_topic_words(corex_model, vocabulary: pd.DataFrame, params: dict) -> pd.DataFrame:
    """Node: each topic's top words and their weights T_i^j (section 2.1.4).

    A word belongs to the topic whose CorEx connection ``alpha`` is 1 (tree CorEx: one
    topic per word). Its weight is ``alpha * MI(word; topic)``, the value corextopic's
    ``get_topics`` ranks by. Words whose *absence* signals the topic (negative sign) are
    left out when ``positive_words_only`` (default), since Eq. 2 rewards presence.
    The ``n_words_per_topic`` words of highest weight are kept.

    ``corex.negative_poles`` (extension, off in base): a CorEx topic is a binary factor,
    and its negative-sign words describe the factor's *other* state, which can be a topic
    in its own right (in the 2025 arXiv sample the strongest factor opposes LLM words to
    classic DL/vision words). Each such word set becomes topic ``n_factors + j``.
    """
    negative_poles = params["corex"]["negative_poles"]
    words = np.asarray(vocabulary["token"].to_numpy(), dtype=object)
    alpha, mis, sign = corex_model.alpha, corex_model.mis, corex_model.sign
    if alpha.shape[1] != len(words):
        raise ValueError(f"corex_model has {alpha.shape[1]} words but vocabulary has {len(words)}")
    frames = []
    n_factors = alpha.shape[0]
    poles = [(j, j, +1) for j in range(n_factors)]
    if negative_poles:
        poles += [(n_factors + j, j, -1) for j in range(n_factors)]
    for topic, factor, pole in poles:
        member = alpha[factor] >= 1.0
        if pole < 0:
            member &= sign[factor] < 0
        elif params["positive_words_only"] or negative_poles:
            member &= sign[factor] > 0
        index = np.flatnonzero(member)
        weight = alpha[factor, index] * mis[factor, index]
        order = np.argsort(-weight, kind="stable")[: params["n_words_per_topic"]]
        index = index[order]
        frames.append(
            pd.DataFrame(
                {
                    "topic": topic,
                    "rank": np.arange(1, len(index) + 1),
                    "word": words[index],
                    "weight": weight[order],
                    "sign": sign[factor, index].astype(int),
                }
            )
        )
    table = (
        pd.concat(frames, ignore_index=True)
        if frames
        else pd.DataFrame(columns=TOPIC_WORDS_COLUMNS)
    )
    return table.astype({"topic": "int64", "rank": "int64", "weight": "float64", "sign": "int64"})


def topic_weight_matrix(
    topic_words: pd.DataFrame, vocabulary: pd.DataFrame, n_topics: int
) -> sp.csr_matrix:
    """The word x topic matrix T of Eq. 2: T[i, j] = weight of word i in topic j, else 0."""
    index = pd.Index(vocabulary["token"]).get_indexer(topic_words["word"])
    if (index < 0).any():
        missing = topic_words.loc[index < 0, "word"].head(10).tolist()
        raise ValueError(f"topic_words has words not in the vocabulary: {missing}")
    return sp.csr_matrix(
        (topic_words["weight"].to_numpy(float), (index, topic_words["topic"].to_numpy())),
        shape=(len(vocabulary), n_topics),
    )


def topic_scores(
    doc_term_matrix, weights: sp.csr_matrix, gamma: float
) -> tuple[np.ndarray, np.ndarray]:
    """Eq. 2 scores S (documents x topics) and the Eq. 4 assignments S >= gamma * T_max."""
    binary = sp.csr_matrix(doc_term_matrix, dtype=np.float64)
    binary.data[:] = 1.0  # delta(w_i in W) counts presence, whatever the stored value
    scores = np.asarray((binary @ weights).todense())
    t_max = np.asarray(weights.max(axis=0).todense()).ravel()
    assigned = (scores >= gamma * t_max) & (t_max > 0)
    return scores, assigned


def score_papers(
    doc_term_matrix,
    doc_term_rows: pd.DataFrame,
    topic_words: pd.DataFrame,
    corex_model,
    params: dict,
) -> pd.DataFrame:
    """Node: ``paper_topic_scores`` (long): paper_id, topic, score (Eq. 2), assigned (Eq. 4).

    The matrix columns are the model's words (``corex_model.words``, the vocabulary).
    With negative poles, topics ``n_factors .. 2 n_factors - 1`` are the negative poles
    (only then are there topic ids >= n_factors in ``topic_words``).
    """
    n_factors = corex_model.alpha.shape[0]
    has_poles = len(topic_words) and topic_words["topic"].max() >= n_factors
    n_topics = n_factors * (2 if has_poles else 1)
    vocabulary = pd.DataFrame({"token": list(corex_model.words)})
    weights = topic_weight_matrix(topic_words, vocabulary, n_topics)
    scores, assigned = topic_scores(doc_term_matrix, weights, params["gamma"])
    n_docs = scores.shape[0]
    return pd.DataFrame(
        {
            "paper_id": np.repeat(doc_term_rows["paper_id"].to_numpy(), n_topics),
            "topic": np.tile(np.arange(n_topics, dtype=np.int64), n_docs),
            "score": scores.ravel(),
            "assigned": assigned.ravel(),
        }
    )


def find_dl_topics(topic_words: pd.DataFrame, technology_definition: dict) -> pd.DataFrame:
    """Node: the technology's topics, those whose top words hold a ``corex_keywords`` entry.

    The study found two DL topics by reading them (neural_network, deep_learning,
    convolutional_neural_networks, section 2.1.4); here the same reading is a keyword match
    against the preset's ``corex_keywords``, so a rerun on another corpus or for another
    technology finds its own. One row per topic: ``topic, is_dl, dl_words, top_words``
    (``is_dl``: a topic of the chosen technology).
    """
    keywords = {k.lower() for k in technology_definition["corex_keywords"]}
    rows = []
    for topic, words in topic_words.sort_values(["topic", "rank"]).groupby("topic")["word"]:
        hits = [w for w in words if w in keywords]
        rows.append(
            {
                "topic": int(topic),
                "is_dl": bool(hits),
                "dl_words": ", ".join(hits),
                "top_words": ", ".join(words.head(10)),
            }
        )
    return pd.DataFrame(rows, columns=["topic", "is_dl", "dl_words", "top_words"])


def label_papers(
    paper_topic_scores: pd.DataFrame, dl_topics: pd.DataFrame, doc_term_rows: pd.DataFrame
) -> pd.DataFrame:
    """Node: ``paper_labels``: is_dl (any DL topic assigned) and is_dl_strict (all of them).

    The study's DL definition (2.1.4): either DL topic present with gamma = 0.5; the strict
    variant needs both. With no DL topic found, every paper is non-DL (and the report says so).
    """
    dl_ids = dl_topics.loc[dl_topics["is_dl"], "topic"].to_numpy()
    dl = paper_topic_scores[paper_topic_scores["topic"].isin(dl_ids)]
    per_paper = dl.groupby("paper_id", sort=False)["assigned"].agg(["any", "all"])
    labels = doc_term_rows[["paper_id"]].merge(
        per_paper, left_on="paper_id", right_index=True, how="left"
    )
    has_dl = len(dl_ids) > 0
    return pd.DataFrame(
        {
            "paper_id": labels["paper_id"].to_numpy(),
            "is_dl": labels["any"].fillna(False).astype(bool).to_numpy() & has_dl,
            "is_dl_strict": labels["all"].fillna(False).astype(bool).to_numpy() & has_dl,
        }
    )
