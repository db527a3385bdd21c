"""Indicators of specialisation, concentration and relatedness, used across pipelines.

Small, vectorised and checked in tests against values computed by hand.
"""

import numpy as np
import pandas as pd
from scipy import sparse


def revealed_comparative_advantage(activity: pd.Series, total: pd.Series) -> pd.Series:
    """Eq. 5, section 3.4: ``RCA_i = (A_i / T_i) / (sum A / sum T)``.

    ``activity`` is a location's activity in the field (e.g. DL papers), ``total`` its
    activity in all fields, both indexed by location. RCA > 1 means the location is
    specialised in the field. Locations with no total activity get NaN.
    """
    activity, total = activity.align(total, fill_value=0)
    world_share = activity.sum() / total.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        return (activity / total.where(total > 0)) / world_share


def location_quotients(counts: pd.DataFrame) -> pd.DataFrame:
    """Location quotient of every location (rows) in every activity (columns).

    ``LQ_ik = (A_ik / A_i.) / (A_.k / A_..)``: RCA applied to a whole location x activity
    table. Rows with no activity are NaN.
    """
    counts = counts.astype(float)
    row_totals = counts.sum(axis=1)
    column_shares = counts.sum(axis=0) / counts.to_numpy().sum()
    row_shares = counts.div(row_totals.where(row_totals > 0), axis=0)
    return row_shares.div(column_shares.where(column_shares > 0), axis=1)


def herfindahl_index(amounts: pd.Series) -> float:
    """Herfindahl-Hirschman index of concentration: the sum of squared shares, in (0, 1]."""
    amounts = amounts[amounts > 0]
    if amounts.empty:
        return float("nan")
    shares = amounts / amounts.sum()
    return float((shares**2).sum())


def top_k_share(amounts: pd.Series, k: int) -> float:
    """Share of the total held by the ``k`` largest amounts."""
    total = amounts.sum()
    if total <= 0:
        return float("nan")
    return float(amounts.nlargest(k).sum() / total)


def column_cosine_similarity(incidence: sparse.spmatrix, labels: list[str]) -> pd.DataFrame:
    """Section 2.1.5: cosine similarity between the columns of an item x label incidence.

    Returns a labels x labels DataFrame; a column with no items has similarity 0.
    """
    matrix = sparse.csc_matrix(incidence, dtype=float)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=0))).ravel()
    gram = (matrix.T @ matrix).toarray()
    with np.errstate(divide="ignore", invalid="ignore"):
        similarity = gram / np.outer(norms, norms)
    similarity = np.nan_to_num(similarity, nan=0.0)
    return pd.DataFrame(similarity, index=labels, columns=labels)
