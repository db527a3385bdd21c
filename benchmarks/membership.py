"""Membership tests on string ids: numpy, pandas and ``dl_geography.membership.is_in``.

    python benchmarks/membership.py

Prints one JSON line per method and size: CPU seconds of one call on random paper ids.
"""

import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from dl_geography.membership import is_in


def ids(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return np.array([f"25{i:08d}" for i in rng.integers(0, 2 * n, n)], dtype=object)


def timed(name: str, call, values, members) -> None:
    started = time.process_time()
    call(values, members)
    print(
        json.dumps(
            {
                "method": name,
                "values": len(values),
                "members": len(members),
                "cpu_s": round(time.process_time() - started, 2),
            }
        ),
        flush=True,
    )


def main() -> None:
    small_values, small_members = ids(20_000, 1), ids(35_000, 2)
    timed("numpy.isin (object)", np.isin, small_values, small_members)
    timed("is_in", is_in, small_values, small_members)
    values = pd.Series(ids(1_000_000, 3), dtype="str")
    members = pd.Series(ids(400_000, 4), dtype="str")
    timed("pandas Series.isin (str)", lambda v, m: v.isin(m), values, members)
    timed("is_in", is_in, values, members)


if __name__ == "__main__":
    main()
