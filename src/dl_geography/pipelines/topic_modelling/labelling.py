"""The technology label of each paper: the study's CorEx rule or weak supervision (issue 13).

Two methods, chosen by ``topic_modelling.labelling.method``:

- ``study_corex``: section 2.1.4 exactly. A paper is labelled when Eq. 4 assigns it a topic
  whose top words hold one of the technology's ``corex_keywords`` (``label_papers`` in
  ``assign.py``); the strict variant needs every such topic. The demo world's e2e tests check
  this method.
- ``weak_supervision`` (not in the study; the default on real data): high-precision rules
  (the preset's ``patterns`` and ``acronyms``) give positives, papers with none of the
  preset's ``cues`` give confident negatives; a TF-IDF logistic regression is trained on them
  with the rule matches blanked from the text, so it learns from the words around them, and
  scores every paper. A paper is labelled when its score reaches ``threshold``, or when a rule
  matches and the score reaches ``rule_min_score`` (a passing mention in an unrelated paper
  does not). The strict variant needs both a rule match and ``threshold``.
  docs/topic_modelling.md gives the figures on the hand-labelled set.
"""

import logging

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
from sklearn.linear_model import LogisticRegression

from dl_geography.execution import map_partitions
from dl_geography.technology import (
    TechnologyPreset,
    has_cue,
    mask_rules,
    prepare_texts,
    resolve_technology,
    rule_positive,
)

logger = logging.getLogger(__name__)

METHODS = ("study_corex", "weak_supervision")
WEAK_SUPERVISION_COLUMNS = ["paper_id", "rule_positive", "confident_negative", "score"]
# How the classifier's TF-IDF reads a text (words, lower case, English stop words dropped).
_ANALYSER = {"stop_words": "english"}


def resolve_technology_definition(technology: str, technologies: dict) -> dict:
    """Node: the chosen preset (parameter ``technology``), checked, as a plain record.

    Every pipeline that names the technology to readers reads this dataset, so one
    parameter renames every table, figure and sentence.
    """
    return resolve_technology(technology, technologies).to_dict()


def _prepared_texts(papers: pd.DataFrame, technology: TechnologyPreset):
    """Title and abstract of each paper, the preset's exclusions blanked (Arrow array)."""
    return prepare_texts(
        papers["title"].fillna("") + ". " + papers["abstract"].fillna(""), technology
    )


def rules_and_term_counts(
    papers: pd.DataFrame, technology_definition: dict
) -> tuple[pd.DataFrame, list]:
    """Row-wise part of the weak supervision, for any subset of the papers.

    Returns the rule outcome of each paper (``rule_positive``, ``confident_negative``)
    and, as a one-item list, ``(words, counts)``: the words of the rule-masked texts
    (sorted) and the papers x words count matrix. :func:`tfidf_matrix` joins the
    partitions' lists into the corpus-wide vocabulary and TF-IDF matrix.
    """
    technology = TechnologyPreset.from_dict(technology_definition)
    texts = _prepared_texts(papers, technology)
    positive = rule_positive(texts, technology)
    rules = pd.DataFrame(
        {"rule_positive": positive, "confident_negative": ~positive & ~has_cue(texts, technology)},
        index=papers.index,
    )
    counter = CountVectorizer(**_ANALYSER, dtype=np.int32)
    masked = mask_rules(texts, technology).to_numpy(zero_copy_only=False)
    try:
        counts = counter.fit_transform(masked)
    except ValueError:  # scikit-learn's "empty vocabulary": no word in these papers
        none = sp.csr_matrix((len(papers), 0), dtype=np.int32)
        return rules, [(np.array([], dtype=object), none)]
    return rules, [(counter.get_feature_names_out(), counts)]


def tfidf_matrix(partitions: list, classifier: dict) -> sp.csr_matrix:
    """The TF-IDF matrix ``TfidfVectorizer(min_df, max_features, sublinear_tf)`` would
    fit on the whole corpus, from the partitions' word counts.

    ``partitions``: ``(words, counts)`` of :func:`rules_and_term_counts`, in row order. As
    scikit-learn: the words (sorted) in at least ``min_df`` papers, the ``max_features``
    most frequent of them, smoothed idf and sublinear tf in float32, rows scaled to unit
    length. Only the counting is spread over partitions; this choice is corpus-wide.
    """
    n_papers = sum(counts.shape[0] for _, counts in partitions)
    counted = pd.concat(
        [
            pd.DataFrame(
                {
                    "word": words,
                    "df": np.bincount(counts.indices, minlength=len(words)),
                    "tf": np.asarray(counts.sum(axis=0, dtype=np.int64)).ravel(),
                }
            )
            for words, counts in partitions
        ]
    )
    totals = counted.groupby("word")[["df", "tf"]].sum().sort_index()
    keep = totals["df"].to_numpy() >= classifier["min_df"]
    if keep.sum() > classifier["max_features"]:
        tf = totals["tf"].to_numpy().astype(np.float32)  # scikit-learn ranks float32 sums
        top = (-tf[keep]).argsort()[: classifier["max_features"]]
        limited = np.zeros(len(keep), dtype=bool)
        limited[np.flatnonzero(keep)[top]] = True
        keep = limited
    if not keep.any():
        raise ValueError(
            f"topic_modelling.labelling: no word is in labelling.classifier.min_df = "
            f"{classifier['min_df']} of the {n_papers} papers: nothing to learn from"
        )
    vocabulary = pd.Index(totals.index[keep])
    rows = []
    for part_words, counts in partitions:  # each partition's columns onto the vocabulary
        column = vocabulary.get_indexer(part_words)
        kept = np.flatnonzero(column >= 0)
        select = sp.csr_matrix(
            (np.ones(len(kept), dtype=np.int32), (kept, column[kept])),
            shape=(len(part_words), len(vocabulary)),
        )
        rows.append(counts @ select)
    matrix = sp.vstack(rows, format="csr").astype(np.float32)
    matrix.sort_indices()
    df = totals["df"].to_numpy()[keep].astype(np.float32) + np.float32(1.0)
    transformer = TfidfTransformer(sublinear_tf=True)
    transformer.idf_ = np.log(np.full_like(df, n_papers + 1, dtype=np.float32) / df) + 1.0
    return transformer.transform(matrix)


def score_by_weak_supervision(
    papers: pd.DataFrame,
    technology_definition: dict,
    params: dict,
    execution: dict | None = None,
) -> pd.DataFrame:
    """Node: rule positives, confident negatives and a classifier score for every paper.

    The rules and the word counts are row-wise and run over row partitions, in this
    process or on Dask as ``execution`` says (``dl_geography.execution``; identical
    results); the vocabulary (:func:`tfidf_matrix`) and the logistic regression are
    fitted here, on the whole corpus.

    Args:
        papers: ``paper_id``, ``title``, ``abstract``.
        technology_definition: the preset (``resolve_technology_definition``).
        params: ``topic_modelling``; uses ``labelling.classifier`` (``C``, ``min_df``,
            ``max_features``) and ``labelling.min_class_size``.
        execution: the ``execution`` parameters (engine, partition size).

    Returns:
        ``paper_id, rule_positive, confident_negative, score`` (score in [0, 1]).

    Raises:
        ValueError: when the rules give fewer than ``min_class_size`` positives or
            negatives to learn from (a rule set that labels nothing or everything).
    """
    technology = TechnologyPreset.from_dict(technology_definition)
    p = params["labelling"]
    texts = papers[["title", "abstract"]]
    rules, partitions = map_partitions(
        rules_and_term_counts, texts, execution or {}, technology_definition=technology_definition
    )
    positive = rules["rule_positive"].to_numpy(bool)
    negative = rules["confident_negative"].to_numpy(bool)
    classes = {"rule positives": positive.sum(), "confident negatives": negative.sum()}
    for name, count in classes.items():
        if count < p["min_class_size"]:
            raise ValueError(
                f"topic_modelling.labelling: the {technology.name} rules give {int(count)} "
                f"{name} of {len(papers)} papers, fewer than labelling.min_class_size = "
                f"{p['min_class_size']}: the classifier cannot learn; check the preset's "
                "patterns and cues (parameters_technologies.yml)"
            )
    matrix = tfidf_matrix(partitions, p["classifier"])
    train = positive | negative
    model = LogisticRegression(
        C=p["classifier"]["C"], solver="liblinear", class_weight="balanced", max_iter=1000
    ).fit(matrix[train], positive[train])
    score = model.predict_proba(matrix)[:, 1]
    logger.info(
        "weak supervision (%s): %d rule positives, %d confident negatives, %d papers scored",
        technology.name,
        positive.sum(),
        negative.sum(),
        len(score),
    )
    return pd.DataFrame(
        {
            "paper_id": papers["paper_id"].to_numpy(),
            "rule_positive": positive,
            "confident_negative": negative,
            "score": score.astype(np.float64),
        },
        columns=WEAK_SUPERVISION_COLUMNS,
    )


def choose_paper_labels(
    corex_paper_labels: pd.DataFrame,
    weak_supervision_scores: pd.DataFrame,
    technology_definition: dict,
    params: dict,
) -> pd.DataFrame:
    """Node: ``paper_labels`` from the method ``labelling.method`` names.

    Returns:
        One row per paper of the corpus: ``paper_id``, ``is_technology``,
        ``is_technology_strict``, ``score``, ``method``, ``technology``, and ``is_dl`` /
        ``is_dl_strict``, the same labels under the names the study's readers use (the
        default technology is deep learning; ``technology`` says which one they hold).
        ``score`` is the classifier's probability; ``study_corex`` has none, so its score
        is 1.0 or 0.0 by label.
    """
    p = params["labelling"]
    method = p["method"]
    if method == "study_corex":
        frame = corex_paper_labels.rename(
            columns={"is_dl": "is_technology", "is_dl_strict": "is_technology_strict"}
        )
        score = frame["is_technology"].astype(np.float64)
    else:
        w = weak_supervision_scores
        strong = w["score"].to_numpy() >= p["threshold"]
        rule = w["rule_positive"].to_numpy(bool)
        frame = pd.DataFrame(
            {
                "paper_id": w["paper_id"].to_numpy(),
                "is_technology": strong | (rule & (w["score"].to_numpy() >= p["rule_min_score"])),
                "is_technology_strict": strong & rule,
            }
        )
        score = w["score"]
    labels = pd.DataFrame(
        {
            "paper_id": frame["paper_id"].to_numpy(),
            "is_technology": frame["is_technology"].to_numpy(bool),
            "is_technology_strict": frame["is_technology_strict"].to_numpy(bool),
            "score": np.asarray(score, dtype=np.float64),
            "method": method,
            "technology": technology_definition["name"],
        }
    )
    labels["is_dl"] = labels["is_technology"]
    labels["is_dl_strict"] = labels["is_technology_strict"]
    return labels
