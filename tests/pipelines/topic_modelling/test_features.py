"""Collocations (bi-/tri-grams by NPMI) and the binary document-term matrix (2.1.4)."""

import numpy as np
import pandas as pd

from dl_geography.pipelines.topic_modelling.features import (
    add_collocations,
    binary_doc_term_matrix,
    build_doc_term_matrix,
    merge_phrases,
    score_collocations,
    tokens_per_document,
)
from dl_geography.pipelines.topic_modelling.tokenise import TokenSequence, tokenise_texts

PARAMS = {"min_document_frequency": 2, "min_document_tokens": 3}


def seq_of(docs: list[list[str]]) -> TokenSequence:
    """A TokenSequence from word lists; '|' is a break."""
    terms = sorted({w for d in docs for w in d if w != "|"})
    index = {t: i for i, t in enumerate(terms)}
    doc = np.concatenate([np.full(len(d), k) for k, d in enumerate(docs)]).astype(np.int32)
    term = np.array([index.get(w, -1) for d in docs for w in d], dtype=np.int32)
    return TokenSequence(
        np.array([f"p{k}" for k in range(len(docs))], dtype=object), doc, term, terms
    )


def words_of(seq, k):
    return [
        seq.terms[t] if t >= 0 else "|" for t, d in zip(seq.term, seq.doc, strict=True) if d == k
    ]


def test_npmi_by_hand():
    # a b occurs twice in 8 term positions; a and b occur twice each: p(ab) = 2/8
    # (pairs counted against term totals), PMI = ln(0.25 / 0.0625) = ln 4, NPMI = ln4/ln4 = 1
    seq = seq_of([["a", "b", "c", "d"], ["a", "b", "e", "f"]])
    scored = score_collocations(seq, min_count=1).set_index(["first", "second"])
    a, b, c = seq.terms.index("a"), seq.terms.index("b"), seq.terms.index("c")
    assert scored.loc[(a, b), "count"] == 2
    assert np.isclose(scored.loc[(a, b), "npmi"], 1.0)
    # b c once: p = 1/8, p(b) = 2/8, p(c) = 1/8 -> PMI = ln(1/8 / (2/64)) = ln 4, NPMI = ln4/ln8
    assert np.isclose(scored.loc[(b, c), "npmi"], np.log(4) / np.log(8))


def test_pairs_never_span_breaks_or_documents():
    seq = seq_of([["a", "|", "b"], ["a"], ["b"]])
    assert score_collocations(seq, min_count=1).empty


def test_bigrams_then_trigrams_and_a_break_blocks_a_phrase():
    docs = [["convolutional", "neural", "network", f"w{k}"] for k in range(6)]
    docs += [["neural", "network", f"v{k}"] for k in range(6)]
    docs += [["neural", "|", "network"], ["graph", "neural"]]
    seq, table = add_collocations(seq_of(docs), n_passes=2, min_count=3, threshold=0.3, max_words=3)
    assert words_of(seq, 0) == ["convolutional_neural_network", "w0"]
    assert words_of(seq, 6) == ["neural_network", "v0"]
    assert words_of(seq, 12) == ["neural", "|", "network"]
    assert set(table["phrase"]) >= {"neural_network", "convolutional_neural_network"}
    assert table.set_index("phrase").loc["convolutional_neural_network", "n_words"] == 3


def test_overlapping_phrases_the_higher_npmi_wins():
    seq = seq_of([["a", "b", "c", "d"]])
    a, b, c, d = (seq.terms.index(w) for w in "abcd")
    n = len(seq.terms)
    phrases = pd.DataFrame(
        {
            "first": [a, b, c],
            "second": [b, c, d],
            "key": [a * n + b, b * n + c, c * n + d],
            "npmi": [0.6, 0.9, 0.7],
        }
    )
    assert words_of(merge_phrases(seq, phrases), 0) == ["a", "b_c", "d"]
    phrases["npmi"] = [0.9, 0.6, 0.7]
    assert words_of(merge_phrases(seq, phrases), 0) == ["a_b", "c_d"]


def test_binary_matrix_counts_presence_once():
    seq = seq_of([["a", "a", "b"], ["b", "|"]])
    matrix = binary_doc_term_matrix(seq)
    assert matrix.toarray().tolist() == [[1, 1], [0, 1]]
    assert matrix.dtype == np.int8


def test_build_doc_term_matrix_drops_rare_terms_and_short_documents_with_a_report():
    docs = [["a", "b", "c", "rare"], ["a", "b", "c"], ["a", "b"], ["a", "b", "c", "c"]]
    matrix, vocabulary, rows, report = build_doc_term_matrix(seq_of(docs), PARAMS)
    assert rows["paper_id"].tolist() == ["p0", "p1", "p3"]
    assert rows["n_tokens"].tolist() == [3, 3, 4]
    assert vocabulary["token"].tolist() == ["a", "b", "c"]
    assert vocabulary["document_frequency"].tolist() == [3, 3, 3]
    assert matrix.shape == (3, 3)
    dropped = report[(report["step"] == "short documents") & (report["outcome"] == "dropped")]
    assert dropped["count"].item() == 1 and dropped["examples"].item() == "p2"
    vocab_dropped = report[(report["step"] == "vocabulary") & (report["outcome"] == "dropped")]
    assert vocab_dropped["count"].item() == 1


def test_real_text_end_to_end_makes_neural_network_a_token():
    verbs = ["learns", "predicts", "fails", "runs", "works"]
    texts = pd.Series(
        [f"Deep neural networks {v} fast. A neural network {v}." for v in verbs] * 2
        + [f"Graph {v} on networks." for v in verbs] * 2
    )
    seq, table = add_collocations(tokenise_texts(texts, np.arange(20).astype(str)), 2, 5, 0.3, 3)
    assert words_of(seq, 0) == [
        "deep_neural_network",
        "learn",
        "fast",
        "|",
        "|",
        "neural_network",
        "learn",
        "|",
        "|",
    ]
    assert words_of(seq, 10) == ["graph", "learn", "|", "network", "|", "|"]
    assert set(table["phrase"]) >= {"neural_network", "deep_neural_network"}


def test_an_ngram_counts_as_its_words_towards_the_token_floor():
    seq = seq_of([["neural_network", "layer"], ["layer", "graph"]])
    assert tokens_per_document(seq).tolist() == [3, 2]
    _, _, rows, _ = build_doc_term_matrix(
        seq, {"min_document_frequency": 1, "min_document_tokens": 3}
    )
    assert rows["paper_id"].tolist() == ["p0"]
