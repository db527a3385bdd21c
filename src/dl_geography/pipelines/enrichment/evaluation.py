"""Affiliation matching against the hand-labelled real strings (issue 14).

``labelled_sets/affiliations`` holds the 823 distinct real OpenAlex affiliation strings of
the 520-paper sample, labelled with their GRID 2016 ids by hand (its GUIDE.md) and split
development / test before any matcher output was consulted. Scores are pair-level: a predicted
(string, institute) pair is right when the institute is among the string's ``grid_ids`` or
``also_ok`` ids; recall is the share of gold (string, id) pairs predicted (``NONE`` strings
have none). Intervals: percentile bootstrap over strings.
"""

import numpy as np
import pandas as pd

QUALITY_COLUMNS = [
    "part",
    "n_strings",
    "n_gold_pairs",
    "n_predicted_pairs",
    "precision",
    "precision_low",
    "precision_high",
    "recall",
    "recall_low",
    "recall_high",
]


def _collapse(strings: pd.Series) -> pd.Series:
    return strings.fillna("").astype(str).str.split().str.join(" ")


def id_sets(column: pd.Series) -> pd.Series:
    """``"a;b"`` -> ``{"a", "b"}``; ``NONE`` and empty -> the empty set."""
    return (
        column.fillna("")
        .astype(str)
        .map(lambda s: frozenset(x.strip() for x in s.split(";") if x.strip() not in ("", "NONE")))
    )


def pair_counts(labels: pd.DataFrame, predicted: pd.DataFrame) -> pd.DataFrame:
    """Per labelled string: ``n_pred``, ``n_pred_ok`` (in gold or also_ok), ``n_gold``,
    ``n_gold_hit``, and the ``predicted`` ids (``;``-joined)."""
    found = predicted.dropna(subset=["institute_id"]).assign(
        affiliation=lambda f: _collapse(f["affiliation"])
    )
    pred = found.groupby("affiliation")["institute_id"].agg(frozenset)
    pred = (
        pred.reindex(_collapse(labels["affiliation"]))
        .map(lambda s: s if isinstance(s, frozenset) else frozenset())
        .to_numpy()
    )
    gold, ok = id_sets(labels["grid_ids"]).to_numpy(), id_sets(labels["also_ok"]).to_numpy()
    return pd.DataFrame(
        {
            "affiliation": labels["affiliation"].to_numpy(),
            "n_pred": [len(x) for x in pred],
            "n_pred_ok": [len(x & (g | o)) for x, g, o in zip(pred, gold, ok, strict=True)],
            "n_gold": [len(g) for g in gold],
            "n_gold_hit": [len(x & g) for x, g in zip(pred, gold, strict=True)],
            "predicted": [";".join(sorted(x)) for x in pred],
        }
    )


def precision_recall(counts: pd.DataFrame, n_boot: int, confidence: float, seed: int) -> dict:
    """Pair-level precision and recall, and percentile bootstrap intervals over strings."""
    values = counts[["n_pred", "n_pred_ok", "n_gold", "n_gold_hit"]].to_numpy(float)
    draws = np.random.default_rng(seed).integers(0, len(values), size=(n_boot, len(values)))
    sums = np.vstack([values.sum(axis=0), values[draws].sum(axis=1)])
    precision = sums[:, 1] / np.maximum(sums[:, 0], 1)
    recall = sums[:, 3] / np.maximum(sums[:, 2], 1)
    tail = (1 - confidence) / 2 * 100
    result = {}
    for name, series in (("precision", precision), ("recall", recall)):
        low, high = np.percentile(series[1:], [tail, 100 - tail])
        result.update(
            {name: float(series[0]), f"{name}_low": float(low), f"{name}_high": float(high)}
        )
    return result


def score_affiliations_against_labelled_set(
    affiliation_matches: pd.DataFrame,
    labelled_affiliations: pd.DataFrame,
    labelled_affiliations_split: pd.DataFrame,
    params: dict,
) -> pd.DataFrame:
    """Node: ``affiliation_quality``: precision and recall of ``affiliation_matches`` on the
    labelled strings the run matched, per part (dev, test).

    Returns:
        One row per part with ``QUALITY_COLUMNS``; no rows when the run matched none of the
        labelled strings (the demo world, a ROR run), since the labels are GRID 2016 ids.
    """
    labels = labelled_affiliations.merge(
        labelled_affiliations_split, on="affiliation", validate="1:1"
    )
    seen = set(_collapse(affiliation_matches["affiliation"]))
    labels = labels[_collapse(labels["affiliation"]).isin(seen)]
    rows = []
    for part, group in labels.groupby("split", sort=True):
        counts = pair_counts(group, affiliation_matches)
        rows.append(
            {
                "part": part,
                "n_strings": len(group),
                "n_gold_pairs": int(counts["n_gold"].sum()),
                "n_predicted_pairs": int(counts["n_pred"].sum()),
                **precision_recall(
                    counts, params["bootstrap_samples"], params["confidence"], params["seed"]
                ),
            }
        )
    return pd.DataFrame(rows, columns=QUALITY_COLUMNS)
