"""Robustness of the DL label: CorEx against a keyword search.

The study's reference [18] found DL papers by keyword search; comparing that simple
label with the CorEx label shows how much the topic model changes the DL set.
"""

import re

import numpy as np
import pandas as pd


def keyword_search_labels(papers: pd.DataFrame, keywords: list[str]) -> pd.Series:
    """True where the abstract contains any keyword phrase (case-insensitive, word start).

    Spaces in a keyword match any run of spaces or hyphens ("neural network" finds
    "neural-network"); a keyword matches longer words ("neural network" finds
    "neural networks").
    """
    parts = [r"[\s\-]+".join(map(re.escape, k.lower().replace("_", " ").split())) for k in keywords]
    pattern = r"\b(?:" + "|".join(parts) + ")"
    return papers["abstract"].fillna("").str.contains(pattern, case=False, regex=True)


def compare_with_keyword_search(
    papers: pd.DataFrame, paper_labels: pd.DataFrame, technology_definition: dict
) -> pd.DataFrame:
    """Node: ``keyword_label_agreement``, the chosen method's label against a keyword search.

    ``label_is_dl`` is ``paper_labels.is_dl``, the label of ``labelling.method`` (the
    study's CorEx rule or weak supervision). Confusion table over the papers modelled: one
    row per (label_is_dl, keyword_is_dl)
    with ``n_papers`` and ``share``; the last columns repeat, on every row, the agreement
    rate and Cohen's kappa.
    """
    frame = paper_labels[["paper_id", "is_dl"]].merge(
        papers[["paper_id", "abstract"]], on="paper_id", how="left"
    )
    keyword = keyword_search_labels(frame, technology_definition["keyword_search"]).to_numpy()
    label = frame["is_dl"].to_numpy(bool)
    rows = []
    for c in (True, False):
        for k in (True, False):
            rows.append(
                {
                    "label_is_dl": c,
                    "keyword_is_dl": k,
                    "n_papers": int(np.sum((label == c) & (keyword == k))),
                }
            )
    table = pd.DataFrame(rows)
    n = max(len(frame), 1)
    table["share"] = table["n_papers"] / n
    observed = float(np.mean(label == keyword)) if len(frame) else np.nan
    expected = (
        label.mean() * keyword.mean() + (1 - label.mean()) * (1 - keyword.mean())
        if len(frame)
        else np.nan
    )
    table["agreement"] = observed
    table["cohen_kappa"] = (observed - expected) / (1 - expected) if expected != 1 else np.nan
    return table
