"""Affiliation matching throughput: the enrichment matcher against the naive way.

Distinct affiliation strings per second, for two registries made by the demo world's
generator: the demo's size (``--demo-institutes``, default 2,500, about the demo
world's registry) and a 100,000-institute registry. The matcher is
``match_affiliations`` (exact -> memo -> Eq. 1 on a TF-IDF shortlist, with the country
veto). The naive way (the study's approach) is, per string, ``process.extractOne`` over
all names with each scorer (token-sort ratio, partial ratio) and Eq. 1 on the two
winners; it is time-boxed to ``--naive-strings`` strings and extrapolated (stated in the
output). Both are scored against the generator's truth (precision, recall).

    .venv/bin/python benchmarks/affiliation_matching.py              # both registries
    .venv/bin/python benchmarks/affiliation_matching.py --large 0    # demo size only
    .venv/bin/python benchmarks/affiliation_matching.py --out FILE   # and record the run

With ``--out`` (``benchmarks/results/affiliation_matching_<commit>.jsonl``), one JSON
line per registry (stamped with the commit, date and load
average) for ``benchmarks/performance_tables.py``, which renders the table of
docs/enrichment.md from it.
"""

import argparse
import json
import time
from pathlib import Path

import numpy as np
import pandas as pd
import yaml
from rapidfuzz import fuzz, process
from stamp import run_stamp

from dl_geography.demo_world import gazetteer
from dl_geography.demo_world.ror import noisy_affiliations, synthetic_registry
from dl_geography.pipelines.enrichment.affiliations import (
    KeyConfig,
    build_name_table,
    match_affiliations,
)
from dl_geography.pipelines.enrichment.gazetteer import normalise_names
from dl_geography.pipelines.ingestion.ror import parse_ror_dump

ROOT = Path(__file__).resolve().parents[1]
# the matcher as configured (conf/base), so the figure is the pipeline's own
PARAMS = yaml.safe_load((ROOT / "conf/base/parameters_enrichment.yml").read_text())[
    "enrichment_affiliations"
]
NO_RELATIONSHIPS = pd.DataFrame(
    {"institute_id": [], "related_id": [], "relation": []}, dtype="string"
)


def place_tables() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Countries, regions and cities of the generator's gazetteer (names only)."""
    countries = gazetteer.countries()[["country_code", "adm0_a3", "country_name"]]
    regions = gazetteer.regions()[
        ["region_id", "region", "country_code", "adm0_a3", "country_name"]
    ]
    cities = gazetteer.cities()
    places = pd.DataFrame(
        {
            "name": pd.concat([cities["city"], cities["city_local"]]),
            "country_code": pd.concat([cities["country_code"]] * 2),
            "population": 1_000_000,
        }
    )
    return countries, regions, places.drop_duplicates()


def score(pred: pd.Series, truth: pd.Series) -> tuple[float, float]:
    """Precision over predicted matches, recall over strings whose institute is known."""
    got = pred.notna()
    right = got & (pred == truth)
    return right.sum() / max(got.sum(), 1), right.sum() / max(truth.notna().sum(), 1)


def naive_match(
    strings: pd.Series, name_keys: pd.Series, name_ids: np.ndarray, threshold: float
) -> pd.Series:
    """Per string: extractOne with each scorer over all names, Eq. 1 on the winners."""
    choices = name_keys.tolist()
    queries = normalise_names(strings, PARAMS["abbreviations"]).fillna("")
    out = []
    for q in queries:  # the naive way: one full scan of the registry per string and scorer
        best, best_s = None, -1.0
        for scorer in (fuzz.token_sort_ratio, fuzz.partial_ratio):
            _, _, i = process.extractOne(q, choices, scorer=scorer)
            s = (
                (fuzz.token_sort_ratio(q, choices[i]) / 100) ** 2
                + (fuzz.partial_ratio(q, choices[i]) / 100) ** 2
            ) / 2
            if s > best_s:
                best, best_s = name_ids[i], s
        out.append(best if best_s >= threshold else None)
    return pd.Series(out, index=strings.index, dtype=object)


def build_registry(n_institutes: int, seed: int) -> list[dict]:
    """``synthetic_registry(n, seed)``; when the generator runs out of distinct names,
    the union of registries from consecutive seeds (names then repeat across them,
    which lowers recall through ties but not the work per string)."""
    try:
        return synthetic_registry(n_institutes, seed)
    except ValueError as err:
        print(
            f"!! synthetic_registry({n_institutes:,}) failed: {err}; "
            "joining 4,000-institute registries of consecutive seeds instead"
        )
    records, k = [], 0
    while len(records) < n_institutes:
        records += synthetic_registry(min(4000, n_institutes - len(records)), seed + k)
        k += 1
    return records


def run(n_institutes: int, n_strings: int, naive_strings: int, seed: int) -> dict:
    """Both matchers on one registry; prints the figures and returns them as a row."""
    t0 = time.perf_counter()
    stamp = run_stamp()
    records = build_registry(n_institutes, seed)
    institutes, names, _ = parse_ror_dump(records)
    try:
        truth = noisy_affiliations(records, n_strings, seed)
    except ValueError as err:  # the generator's absent institutes run out of names too
        print(
            f"!! noisy_affiliations on all records failed: {err}; strings name the "
            "first 4,000 institutes only"
        )
        truth = noisy_affiliations(records[:4000], n_strings, seed)
    truth = truth.drop_duplicates("affiliation")
    countries, regions, places = place_tables()
    print(
        f"\n== registry of {len(institutes):,} institutes ({len(names):,} names), "
        f"{len(truth):,} distinct strings (built in {time.perf_counter() - t0:.1f} s)"
    )

    t, cpu = time.perf_counter(), time.process_time()
    matches, _ = match_affiliations(
        authorships=truth[["affiliation"]],
        institutes=institutes,
        institute_names=names,
        institute_relationships=NO_RELATIONSHIPS,
        countries=countries,
        regions=regions,
        places=places,
        params=PARAMS,
    )
    fast, cpu = time.perf_counter() - t, time.process_time() - cpu
    pred = truth.merge(matches, on="affiliation", how="left", suffixes=("_true", ""))
    p, r = score(pred["institute_id"], pred["institute_id_true"])
    print(
        f"matcher : {len(truth) / fast:10,.0f} strings/s  ({fast:.1f} s for {len(truth):,}, "
        f"{cpu:.1f} CPU s); precision {p:.3f}, recall {r:.3f}"
    )
    row = stamp | {
        "institutes": len(institutes),
        "names": len(names),
        "strings": len(truth),
        "matcher_s": round(fast, 2),
        "matcher_cpu_s": round(cpu, 2),
        "matcher_precision": round(p, 3),
        "matcher_recall": round(r, 3),
    }
    print(
        "          by method: "
        + ", ".join(f"{k} {v}" for k, v in matches["method"].value_counts().items())
    )

    table = build_name_table(institutes, names, KeyConfig(abbreviations=PARAMS["abbreviations"]))
    table = table[table["kind"] != "acronym"].drop_duplicates("key")
    sample = truth.sample(n=min(naive_strings, len(truth)), random_state=seed)
    t = time.perf_counter()
    naive = naive_match(
        sample["affiliation"],
        table["key"].reset_index(drop=True),
        table["institute_id"].to_numpy(),
        PARAMS["fuzzy_threshold"],
    )
    slow = time.perf_counter() - t
    p, r = score(naive, sample["institute_id"])
    rate = len(sample) / slow
    print(
        f"naive   : {rate:10,.1f} strings/s  (measured on {len(sample)} strings in "
        f"{slow:.1f} s; all {len(truth):,} extrapolated to {len(truth) / rate:,.0f} s); "
        f"precision {p:.3f}, recall {r:.3f} on those"
    )
    print(f"speed-up: x{(len(truth) / fast) / rate:,.0f}")
    return row | {
        "naive_strings": len(sample),
        "naive_s": round(slow, 2),
        "naive_precision": round(p, 3),
        "naive_recall": round(r, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--demo-institutes", type=int, default=2500)
    parser.add_argument("--large", type=int, default=100_000, help="0 skips it")
    parser.add_argument("--strings", type=int, default=5000)
    parser.add_argument("--naive-strings", type=int, default=200)
    parser.add_argument("--large-naive-strings", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=None, help="write the JSON lines here")
    args = parser.parse_args()
    rows = [run(args.demo_institutes, args.strings, args.naive_strings, args.seed)]
    if args.large:
        rows.append(run(args.large, args.strings, args.large_naive_strings, args.seed))
    if args.out:
        args.out.write_text("".join(json.dumps(row) + "\n" for row in rows))


if __name__ == "__main__":
    main()
