"""The technology label measured against the hand-labelled set of real abstracts (issue 13).

``labelled_sets/dl_papers`` holds 440 real 2025-26 arXiv abstracts labelled by reading
(its GUIDE.md), drawn at random within two strata (inside / outside the preset's core
categories), split into development and test parts before any method scored them. Precision,
recall and F1 are computed per part, for all and for clear cases only, within each stratum and
weighted to the corpus (each stratum's papers weighted by its share of the corpus over its
share of the labelled part), with stratified bootstrap intervals.
"""

import numpy as np
import pandas as pd

QUALITY_COLUMNS = [
    "technology",
    "method",
    "part",
    "cases",
    "stratum",
    "n_papers",
    "n_positive",
    "precision",
    "precision_low",
    "precision_high",
    "recall",
    "recall_low",
    "recall_high",
    "f1",
    "f1_low",
    "f1_high",
]


def _in_core(categories: pd.Series, core: set[str]) -> np.ndarray:
    return np.fromiter((bool(core.intersection(c)) for c in categories), bool, len(categories))


def _prf(tp: np.ndarray, fp: np.ndarray, fn: np.ndarray) -> tuple[np.ndarray, ...]:
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = tp / (tp + fp)
        recall = tp / (tp + fn)
        f1 = 2 * precision * recall / (precision + recall)
    return precision, recall, f1


def precision_recall_f1(
    truth: np.ndarray,
    predicted: np.ndarray,
    strata: np.ndarray,
    weights: dict,
    *,
    n_boot: int,
    confidence: float,
    seed: int,
) -> dict:
    """Weighted precision, recall, F1 and stratified-bootstrap percentile intervals.

    Each paper counts with its stratum's weight; a bootstrap sample redraws papers with
    replacement within each stratum, keeping the strata sizes.
    """
    truth, predicted = np.asarray(truth, bool), np.asarray(predicted, bool)
    w = np.array([weights[s] for s in strata], dtype=float)
    cells = np.stack([truth & predicted, ~truth & predicted, truth & ~predicted]) * w
    point = _prf(*cells.sum(axis=1))
    rng = np.random.default_rng(seed)
    sums = np.zeros((3, n_boot))
    for stratum in np.unique(strata):
        index = np.flatnonzero(strata == stratum)
        draws = index[rng.integers(0, len(index), size=(n_boot, len(index)))]
        sums += cells[:, draws].sum(axis=2)
    boot = _prf(*sums)
    tail = (1 - confidence) / 2 * 100
    result = {}
    for name, value, samples in zip(("precision", "recall", "f1"), point, boot, strict=True):
        low, high = (
            np.nanpercentile(samples, [tail, 100 - tail])
            if np.isfinite(samples).any()
            else (np.nan, np.nan)
        )
        result.update({name: float(value), f"{name}_low": float(low), f"{name}_high": float(high)})
    return result


def score_against_labelled_set(  # noqa: PLR0917 (a Kedro node: inputs are positional)
    paper_labels: pd.DataFrame,
    corex_paper_labels: pd.DataFrame,
    papers: pd.DataFrame,
    labelled_papers: pd.DataFrame,
    labelled_papers_split: pd.DataFrame,
    technology_definition: dict,
    params: dict,
) -> pd.DataFrame:
    """Node: ``label_quality``: the chosen label and the study's CorEx label on the labelled set.

    Args:
        paper_labels, corex_paper_labels: the chosen method's and the study method's labels.
        papers: the corpus (its categories give the strata weights).
        labelled_papers: ``paper_id, label, clarity, reason`` (labelled_sets/dl_papers).
        labelled_papers_split: ``paper_id, stratum, split``.
        technology_definition: the preset; the labelled set is for ``deep_learning`` only.
        params: ``topic_modelling``; uses ``labelling.evaluation``.

    Returns:
        One row per (method, part, cases, stratum) with ``QUALITY_COLUMNS``; no rows when
        the corpus holds none of the labelled papers (the demo world) or the technology has
        no labelled set. Papers the study method did not model count as not labelled.
    """
    e = params["labelling"]["evaluation"]
    if technology_definition["name"] != e["technology"]:
        return pd.DataFrame(columns=QUALITY_COLUMNS)
    gold = labelled_papers.astype({"paper_id": str}).merge(
        labelled_papers_split.astype({"paper_id": str}), on="paper_id", validate="1:1"
    )
    gold = gold[gold["paper_id"].isin(papers["paper_id"].astype(str))]
    if gold.empty:
        return pd.DataFrame(columns=QUALITY_COLUMNS)
    core = _in_core(papers["categories"], set(technology_definition["core_categories"]))
    corpus = {"ml": int(core.sum()), "other": int((~core).sum())}
    rows = []
    methods = {
        paper_labels["method"].iloc[0] if len(paper_labels) else "none": paper_labels,
        "study_corex": corex_paper_labels,
    }
    for method, labels in methods.items():
        predicted = labels.set_index(labels["paper_id"].astype(str))["is_dl"]
        frame = gold.assign(
            predicted=predicted.reindex(gold["paper_id"]).fillna(False).astype(bool).to_numpy()
        )
        for part in ("dev", "test"):
            for cases in ("all", "clear"):
                subset = frame[frame["split"] == part]
                if cases == "clear":
                    subset = subset[subset["clarity"] == "clear"]
                if subset.empty:
                    continue
                sizes = subset["stratum"].value_counts()
                weights = {s: corpus.get(s, 0) / n for s, n in sizes.items()}
                for stratum in ("ml", "other", "weighted"):
                    part_rows = (
                        subset if stratum == "weighted" else subset[subset["stratum"] == stratum]
                    )
                    if part_rows.empty:
                        continue
                    metrics = precision_recall_f1(
                        part_rows["label"].to_numpy() == 1,
                        part_rows["predicted"].to_numpy(),
                        part_rows["stratum"].to_numpy(),
                        weights if stratum == "weighted" else {stratum: 1.0},
                        n_boot=e["bootstrap_samples"],
                        confidence=e["confidence"],
                        seed=e["seed"],
                    )
                    rows.append(
                        {
                            "technology": technology_definition["name"],
                            "method": method,
                            "part": part,
                            "cases": cases,
                            "stratum": stratum,
                            "n_papers": len(part_rows),
                            "n_positive": int((part_rows["label"] == 1).sum()),
                            **metrics,
                        }
                    )
    return pd.DataFrame(rows, columns=QUALITY_COLUMNS)
