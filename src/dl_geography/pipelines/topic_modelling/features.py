"""Collocations and the binary document-term matrix (section 2.1.4).

Bi-grams and tri-grams become single tokens (``neural_network``,
``convolutional_neural_network``) by collocation detection over the whole corpus, as
gensim's ``Phrases`` applied twice does, but with sparse integer counts: every adjacent
pair of terms is one int64 key, counted with ``np.unique``. A pair is a phrase when it
occurs at least ``min_count`` times and its normalised pointwise mutual information

    NPMI(a, b) = ln(p(ab) / (p(a) p(b))) / -ln p(ab)

reaches ``threshold`` (Bouma 2009; gensim's ``scoring="npmi"``). The second pass runs on
the merged sequence, so ``convolutional`` + ``neural_network`` can join.
"""

import numpy as np
import pandas as pd
import scipy.sparse as sp

from dl_geography.pipelines.topic_modelling.tokenise import BREAK, TokenSequence
from dl_geography.quality import StageReport

_DELETED = -2


def _pair_keys(seq: TokenSequence) -> tuple[np.ndarray, np.ndarray]:
    """Positions k where (term[k], term[k+1]) is a real adjacent pair, and its int64 key."""
    a, b = seq.term[:-1], seq.term[1:]
    valid = (a >= 0) & (b >= 0) & (seq.doc[:-1] == seq.doc[1:])
    pos = np.flatnonzero(valid)
    keys = a[pos].astype(np.int64) * len(seq.terms) + b[pos]
    return pos, keys


def score_collocations(seq: TokenSequence, min_count: int) -> pd.DataFrame:
    """Count every adjacent term pair and its NPMI; pairs seen fewer than min_count times go."""
    _, keys = _pair_keys(seq)
    uniq, counts = np.unique(keys, return_counts=True)
    keep = counts >= min_count
    uniq, counts = uniq[keep], counts[keep]
    n_vocab = len(seq.terms)
    a, b = uniq // n_vocab, uniq % n_vocab
    term_counts = np.bincount(seq.term[seq.term >= 0], minlength=n_vocab)
    total = term_counts.sum()
    with np.errstate(divide="ignore"):
        log_pab = np.log(counts / total)
        pmi = log_pab - np.log(term_counts[a] / total) - np.log(term_counts[b] / total)
        npmi = np.where(log_pab < 0, pmi / -log_pab, 1.0)
    return pd.DataFrame({"first": a, "second": b, "key": uniq, "count": counts, "npmi": npmi})


def merge_phrases(seq: TokenSequence, phrases: pd.DataFrame) -> TokenSequence:
    """Replace each occurrence of a phrase pair by one new term.

    Where phrase pairs overlap (a b c with both a_b and b_c phrases) the pair of higher
    NPMI wins (ties: the right one), so *convolutional neural network* becomes
    convolutional + neural_network, and the next pass can join them. (gensim takes the
    leftmost pair instead, which would make *convolutional_neural* + *network*.)
    A pair is kept unless a neighbour it overlaps scores higher, which leaves no overlaps.
    """
    if phrases.empty:
        return seq
    pos, keys = _pair_keys(seq)
    phrase_index = pd.Index(phrases["key"].to_numpy())
    which = phrase_index.get_indexer(keys)
    hit = which >= 0
    pos, which = pos[hit], which[hit]
    score = phrases["npmi"].to_numpy(float)[which] if "npmi" in phrases else np.zeros(len(pos))
    overlaps_next = np.zeros(len(pos), dtype=bool)
    overlaps_next[:-1] = pos[1:] == pos[:-1] + 1
    beaten = np.zeros(len(pos), dtype=bool)
    beaten[:-1] |= overlaps_next[:-1] & (score[1:] >= score[:-1])  # by the pair on the right
    beaten[1:] |= overlaps_next[:-1] & (score[:-1] > score[1:])  # by the pair on the left
    pos, which = pos[~beaten], which[~beaten]
    term = seq.term.copy()
    term[pos] = len(seq.terms) + which
    term[pos + 1] = _DELETED
    alive = term != _DELETED
    words = np.asarray(seq.terms, dtype=object)
    new_terms = list(words[phrases["first"].to_numpy()] + "_" + words[phrases["second"].to_numpy()])
    return TokenSequence(seq.paper_ids, seq.doc[alive], term[alive], seq.terms + new_terms)


def add_collocations(
    seq: TokenSequence, n_passes: int, min_count: int, threshold: float, max_words: int
) -> tuple[TokenSequence, pd.DataFrame]:
    """Detect and merge phrases ``n_passes`` times (2 passes -> up to tri-grams).

    Returns the merged sequence and the table of accepted phrases
    (``phrase, n_words, count, npmi, pass``).
    """
    accepted = []
    for n in range(1, n_passes + 1):
        scored = score_collocations(seq, min_count)
        n_words = np.array([t.count("_") + 1 for t in seq.terms])
        length = n_words[scored["first"]] + n_words[scored["second"]]
        is_phrase = (scored["npmi"].to_numpy() >= threshold) & (length <= max_words)
        phrases = scored[is_phrase].reset_index(drop=True)
        words = np.asarray(seq.terms, dtype=object)
        accepted.append(
            pd.DataFrame(
                {
                    "phrase": words[phrases["first"].to_numpy()]
                    + "_"
                    + words[phrases["second"].to_numpy()],
                    "n_words": length[is_phrase],
                    "count": phrases["count"].to_numpy(),
                    "npmi": phrases["npmi"].to_numpy(),
                    "pass": n,
                }
            )
        )
        seq = merge_phrases(seq, phrases)
    table = (
        pd.concat(accepted, ignore_index=True)
        if accepted
        else pd.DataFrame(columns=["phrase", "n_words", "count", "npmi", "pass"])
    )
    return seq, table.sort_values(["pass", "count"], ascending=[True, False], ignore_index=True)


def binary_doc_term_matrix(seq: TokenSequence) -> sp.csr_matrix:
    """Documents x terms, 1 where the term occurs in the document (CorEx's binary input)."""
    keep = seq.term >= 0
    matrix = sp.csr_matrix(
        (np.ones(int(keep.sum()), dtype=np.int32), (seq.doc[keep], seq.term[keep])),
        shape=(len(seq.paper_ids), len(seq.terms)),
    )
    matrix.sum_duplicates()
    matrix.data[:] = 1
    return matrix.astype(np.int8)


def tokens_per_document(seq: TokenSequence) -> np.ndarray:
    """Word tokens per document: kept term occurrences, an n-gram counting as its n words.

    So merging *neural network* into one feature does not shorten a document.
    """
    n_words = np.array([t.count("_") + 1 for t in seq.terms], dtype=np.int64)
    kept = seq.term >= 0
    return np.bincount(
        seq.doc[kept], weights=n_words[seq.term[kept]], minlength=len(seq.paper_ids)
    ).astype(np.int64)


def document_frequency(matrix: sp.csr_matrix) -> np.ndarray:
    return np.asarray(matrix.getnnz(axis=0)).astype(np.int64)


def drop_rare_terms(seq: TokenSequence, min_document_frequency: int) -> tuple[TokenSequence, int]:
    """Turn terms found in fewer than min_document_frequency documents into breaks.

    Returns the sequence with a compacted vocabulary and the number of terms removed.
    """
    df = document_frequency(binary_doc_term_matrix(seq))
    keep_term = df >= min_document_frequency
    new_index = np.where(keep_term, np.cumsum(keep_term) - 1, BREAK).astype(np.int32)
    term = np.where(seq.term >= 0, new_index[np.maximum(seq.term, 0)], BREAK).astype(np.int32)
    terms = [t for t, k in zip(seq.terms, keep_term, strict=True) if k]
    return TokenSequence(seq.paper_ids, seq.doc, term, terms), int((~keep_term).sum())


def select_documents(seq: TokenSequence, keep_doc: np.ndarray) -> TokenSequence:
    """Keep only the documents where keep_doc is true (rows renumbered in order)."""
    new_row = np.cumsum(keep_doc) - 1
    alive = keep_doc[seq.doc]
    return TokenSequence(
        seq.paper_ids[keep_doc],
        new_row[seq.doc[alive]].astype(np.int32),
        seq.term[alive],
        seq.terms,
    )


def detect_collocations(
    abstract_tokens: TokenSequence, params: dict
) -> tuple[TokenSequence, pd.DataFrame]:
    """Node: bi-grams and tri-grams as single tokens (section 2.1.4), and the phrase table."""
    p = params["collocations"]
    return add_collocations(
        abstract_tokens, p["n_passes"], p["min_count"], p["npmi_threshold"], p["max_words"]
    )


def build_doc_term_matrix(phrase_tokens: TokenSequence, params: dict):
    """Node: binary document-term matrix, vocabulary, row index and report (section 2.1.4).

    Order: terms in fewer than ``min_document_frequency`` documents become breaks; then
    documents with fewer than ``min_document_tokens`` term occurrences are dropped
    (counted, with example ids); then terms left below the document-frequency floor by
    those drops are removed too, so every column is used.
    """
    report = StageReport("topic_modelling")
    min_df, min_tokens = params["min_document_frequency"], params["min_document_tokens"]
    report.count(
        "tokenise", "in", len(phrase_tokens), "papers tokenised (an empty abstract gives no token)"
    )
    n_terms = len(phrase_tokens.terms)
    seq, _ = drop_rare_terms(phrase_tokens, min_df)
    n_tokens = tokens_per_document(seq)
    keep = n_tokens >= min_tokens
    report.count("short documents", "in", len(seq))
    report.count(
        "short documents",
        "dropped",
        int((~keep).sum()),
        f"fewer than {min_tokens} tokens after stop words, rare words and phrases",
        seq.paper_ids[~keep],
    )
    report.count("short documents", "out", int(keep.sum()))
    seq = select_documents(seq, keep)
    seq, _ = drop_rare_terms(seq, min_df)
    report.count("vocabulary", "in", n_terms, "distinct lemmas and phrases")
    report.count(
        "vocabulary",
        "dropped",
        n_terms - len(seq.terms),
        f"in fewer than {min_df} documents (after dropping short documents)",
    )
    report.count("vocabulary", "out", len(seq.terms))
    matrix = binary_doc_term_matrix(seq)
    vocabulary = pd.DataFrame(
        {
            "token": pd.Series(seq.terms, dtype=object),
            "document_frequency": document_frequency(matrix),
        }
    )
    rows = pd.DataFrame(
        {
            "paper_id": seq.paper_ids.astype(object),
            "n_tokens": tokens_per_document(seq).astype(np.int64),
        }
    )
    return matrix, vocabulary, rows, report.to_frame()
