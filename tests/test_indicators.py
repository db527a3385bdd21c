import numpy as np
import pandas as pd
import pytest
from scipy import sparse

from dl_geography.indicators import (
    column_cosine_similarity,
    herfindahl_index,
    location_quotients,
    revealed_comparative_advantage,
    top_k_share,
)


def test_rca_matches_hand_computation():
    dl = pd.Series({"A": 10, "B": 5, "C": 0})
    total = pd.Series({"A": 50, "B": 100, "C": 10})
    # world DL share = 15 / 160
    rca = revealed_comparative_advantage(dl, total)
    assert rca["A"] == pytest.approx((10 / 50) / (15 / 160))
    assert rca["B"] == pytest.approx((5 / 100) / (15 / 160))
    assert rca["C"] == 0


def test_rca_aligns_and_marks_empty_locations():
    rca = revealed_comparative_advantage(pd.Series({"A": 1}), pd.Series({"A": 2, "Z": 0}))
    assert rca["A"] == pytest.approx(1.0)
    assert np.isnan(rca["Z"])


def test_location_quotients_hand_values():
    counts = pd.DataFrame({"x": [2, 0], "y": [2, 4]}, index=["r1", "r2"])
    lq = location_quotients(counts)
    # r1: x share 0.5, world x share 2/8 -> 2.0; r2: y share 1, world y share 6/8
    assert lq.loc["r1", "x"] == pytest.approx(2.0)
    assert lq.loc["r2", "y"] == pytest.approx(1 / 0.75)
    assert lq.loc["r2", "x"] == 0


def test_herfindahl_and_top_k():
    amounts = pd.Series([6, 3, 1, 0])
    assert herfindahl_index(amounts) == pytest.approx(0.36 + 0.09 + 0.01)
    assert top_k_share(amounts, 2) == pytest.approx(0.9)
    assert np.isnan(herfindahl_index(pd.Series([0, 0])))


def test_column_cosine_similarity():
    incidence = sparse.csr_matrix(np.array([[1, 1, 0], [1, 0, 0], [0, 1, 0]]))
    sim = column_cosine_similarity(incidence, ["a", "b", "c"])
    assert sim.loc["a", "a"] == pytest.approx(1.0)
    assert sim.loc["a", "b"] == pytest.approx(1 / 2)
    assert sim.loc["a", "c"] == 0
