"""The linear-time membership test agrees with pandas on string ids."""

import numpy as np
import pandas as pd

from dl_geography.membership import is_in


def test_is_in_agrees_with_pandas_isin():
    rng = np.random.default_rng(3)
    values = pd.Series([f"id{i}" for i in rng.integers(0, 500, 2000)] + [None, ""], dtype=object)
    members = [f"id{i}" for i in rng.integers(0, 500, 300)] + [""]
    expected = values.isin(members).to_numpy().copy()
    expected[values.isna().to_numpy()] = False
    for kind in (values, values.astype("str"), values.to_numpy(), pd.Index(values)):
        np.testing.assert_array_equal(is_in(kind, members), expected)
    np.testing.assert_array_equal(is_in(values, set(members)), expected)
    np.testing.assert_array_equal(is_in(values, pd.Series(members, dtype="str")), expected)


def test_missing_is_never_a_member_and_empty_sides_work():
    assert is_in(pd.Series([None, "a"]), [None, "a"]).tolist() == [False, True]
    assert is_in([], ["a"]).tolist() == []
    assert is_in(["a", "b"], []).tolist() == [False, False]
