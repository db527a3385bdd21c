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
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

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


def resolve_technology_definition(technology: str, technologies: dict) -> dict:
    """Node: the chosen preset (parameter ``technology``), checked, as a plain record.

    Every pipeline that names the technology to readers reads this dataset, so one
    parameter renames every table, figure and sentence.
    """
    return resolve_technology(technology, technologies).to_dict()


def score_by_weak_supervision(
    papers: pd.DataFrame, technology_definition: dict, params: dict
) -> pd.DataFrame:
    """Node: rule positives, confident negatives and a classifier score for every paper.

    Args:
        papers: ``paper_id``, ``title``, ``abstract``.
        technology_definition: the preset (``resolve_technology_definition``).
        params: ``topic_modelling``; uses ``labelling.classifier`` (``C``, ``min_df``,
            ``max_features``) and ``labelling.min_class_size``.

    Returns:
        ``paper_id, rule_positive, confident_negative, score`` (score in [0, 1]).

    Raises:
        ValueError: when the rules give fewer than ``min_class_size`` positives or
            negatives to learn from (a rule set that labels nothing or everything).
    """
    technology = TechnologyPreset.from_dict(technology_definition)
    p = params["labelling"]
    texts = prepare_texts(
        papers["title"].fillna("") + ". " + papers["abstract"].fillna(""), technology
    )
    positive = rule_positive(texts, technology)
    negative = ~positive & ~has_cue(texts, technology)
    counts = {"rule positives": positive.sum(), "confident negatives": negative.sum()}
    for name, count in counts.items():
        if count < p["min_class_size"]:
            raise ValueError(
                f"topic_modelling.labelling: the {technology.name} rules give {int(count)} "
                f"{name} of {len(papers)} papers, fewer than labelling.min_class_size = "
                f"{p['min_class_size']}: the classifier cannot learn; check the preset's "
                "patterns and cues (parameters_technologies.yml)"
            )
    c = p["classifier"]
    vectoriser = TfidfVectorizer(
        sublinear_tf=True,
        min_df=c["min_df"],
        max_features=c["max_features"],
        stop_words="english",
        dtype=np.float32,
    )
    matrix = vectoriser.fit_transform(mask_rules(texts, technology).to_numpy(zero_copy_only=False))
    train = positive | negative
    model = LogisticRegression(
        C=c["C"], solver="liblinear", class_weight="balanced", max_iter=1000
    ).fit(matrix[train], positive[train])
    score = model.predict_proba(matrix)[:, 1]
    logger.info(
        "weak supervision (%s): %d rule positives, %d confident negatives, %d papers scored",
        technology.name, positive.sum(), negative.sum(), len(score),
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
