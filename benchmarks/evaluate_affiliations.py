"""Affiliation matching on the hand-labelled real strings: precision and recall, dev and test.

The strings of ``labelled_sets/affiliations/sample.csv`` (drawn from the 520-paper
OpenAlex sample, split dev / test before any labelling) are matched by
``match_affiliations`` against GRID 2016 with the ``sample`` environment's parameters
and tables (run ``kedro run --env sample --pipeline ingestion`` first: the registry,
gazetteer and polygons are read from its catalog). Scores are pair-level: a predicted
(string, id) pair is right when the id is among the string's gold ``grid_ids`` or its
``also_ok`` ids; recall is the share of gold (string, id) pairs predicted (``NONE``
strings have none). 95% intervals: percentile bootstrap over strings.

    .venv/bin/python benchmarks/evaluate_affiliations.py --split dev
    .venv/bin/python benchmarks/evaluate_affiliations.py --split test --misses
"""

import argparse
from pathlib import Path

import pandas as pd
from kedro.framework.project import configure_project
from kedro.framework.session import KedroSession

from dl_geography.pipelines.enrichment.affiliations import match_affiliations
from dl_geography.pipelines.enrichment.evaluation import pair_counts, precision_recall

ROOT = Path(__file__).resolve().parents[1]
LABELLED = ROOT / "labelled_sets" / "affiliations"
TABLES = [
    "institutes",
    "institute_names",
    "institute_relationships",
    "countries",
    "regions",
    "places",
]


def load_labels(paths: list[Path], split: str) -> pd.DataFrame:
    """Labelled rows of ``split`` (``sample.csv``), read from the first path(s) given."""
    labels = pd.concat(
        [pd.read_csv(p, dtype=str, keep_default_na=False) for p in paths], ignore_index=True
    ).drop_duplicates("affiliation")
    splits = pd.read_csv(LABELLED / "sample.csv", dtype=str, keep_default_na=False)
    labels = labels.merge(splits, on="affiliation", how="inner")
    unlabelled = labels["grid_ids"].str.strip() == ""
    if unlabelled.any():
        print(f"!! {unlabelled.sum()} rows without grid_ids skipped")
    return labels[(labels["split"] == split) & ~unlabelled].reset_index(drop=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--labels", type=Path, nargs="+", default=[LABELLED / "labels.csv"])
    parser.add_argument("--split", choices=["dev", "test"], default="dev")
    parser.add_argument("--env", default="sample")
    parser.add_argument("--boot", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--misses", action="store_true", help="print every wrong string")
    args = parser.parse_args()
    labels = load_labels(args.labels, args.split)

    configure_project("dl_geography")
    with KedroSession.create(project_path=ROOT, env=args.env) as session:
        context = session.load_context()
        catalog = context.catalog
        tables = {name: catalog.load(name) for name in TABLES}
        params = context.params["enrichment_affiliations"]
    matches, _ = match_affiliations(authorships=labels[["affiliation"]], params=params, **tables)
    counts = pair_counts(labels, matches)
    m = precision_recall(counts, args.boot, 0.95, args.seed)
    print(
        f"{args.split}: {len(labels)} strings, {counts['n_gold'].sum()} gold pairs, "
        f"{counts['n_pred'].sum()} predicted pairs"
    )
    print(
        f"precision {m['precision']:.3f} [{m['precision_low']:.3f}, "
        f"{m['precision_high']:.3f}]  recall {m['recall']:.3f} [{m['recall_low']:.3f}, "
        f"{m['recall_high']:.3f}]  (95% bootstrap, {args.boot} draws over strings)"
    )
    if args.misses:
        wrong = counts[
            (counts["n_pred"] > counts["n_pred_ok"]) | (counts["n_gold"] > counts["n_gold_hit"])
        ]
        wrong = wrong.merge(labels[["affiliation", "grid_ids", "also_ok"]], on="affiliation")
        with pd.option_context("display.max_colwidth", 80, "display.width", 250):
            print(wrong[["affiliation", "grid_ids", "also_ok", "predicted"]].to_string())


if __name__ == "__main__":
    main()
