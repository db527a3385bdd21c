"""The institute registry as a ROR schema-v2 data dump (a JSON list of records)."""

import json

import numpy as np
import pandas as pd

from dl_geography.demo_world import institutes as inst

FILE = "ror/ror-data.json"


def synthetic_registry(n_institutes: int, seed: int) -> list[dict]:
    """``n_institutes`` ROR schema-v2 records with realistic names in real cities."""
    rng = np.random.default_rng([seed, 101])
    table = inst.institute_table(n_institutes, rng)
    ids = inst.ror_ids(len(table), rng)
    extra = inst.extra_locations(table, rng)
    return inst.ror_records(table, ids, extra, inst.grid_ids(len(table), rng))


def noisy_affiliations(records: list[dict], n_strings: int, seed: int) -> pd.DataFrame:
    """``n_strings`` noisy raw affiliation strings with their true institute.

    Institutes are drawn with heavy-tailed popularity. About 5% of the strings name
    institutions absent from ``records`` (``institute_id`` None). Columns:
    ``affiliation, institute_id``.
    """
    rng = np.random.default_rng([seed, 202])
    table = inst.table_from_records(records)
    n_absent = round(0.05 * n_strings)
    n_known = n_strings - n_absent
    popularity = rng.pareto(1.2, size=len(table)) + 1
    rows = rng.choice(len(table), size=n_known, p=popularity / popularity.sum())
    known = inst.noisy_strings(table, rows, rng)
    absent_table = inst.institute_table(max(50, len(table) // 20 + 50), rng)
    absent_table = absent_table[~absent_table["display"].isin(table["display"])]
    absent_rows = rng.integers(0, len(absent_table), n_absent)
    absent = inst.noisy_strings(absent_table.reset_index(drop=True), absent_rows, rng)
    out = pd.DataFrame(
        {
            "affiliation": np.concatenate([known, absent]),
            "institute_id": np.concatenate(
                [table["institute_id"].to_numpy()[rows], np.full(n_absent, None, dtype=object)]
            ),
        }
    )
    return out.iloc[rng.permutation(len(out))].reset_index(drop=True)


def write(world, out_dir) -> list[dict]:
    table = world.institutes
    keep = np.flatnonzero(table["in_registry"].to_numpy())
    sub = table.iloc[keep].reset_index(drop=True)
    extra = {
        new: world.extra_locations[old]
        for new, old in enumerate(keep)
        if old in world.extra_locations
    }
    records = inst.ror_records(
        sub, sub["institute_id"].to_numpy(), extra, sub["grid_id"].to_numpy()
    )
    path = out_dir / FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
    return []
