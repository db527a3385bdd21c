"""CPU time and cross-validated F1 of the sector classifier on a world's organisations.

    python benchmarks/sector_classifier.py DIR/data/03_primary/organizations.parquet

Selects the training organisations and trains the classifier with the parameters of
``conf/base/parameters_industry_relatedness.yml`` (the ``select_training_organizations``
and ``train_sector_classifier`` nodes), printing one JSON line: organisations, CPU and wall
seconds of the training, the chosen model, and the cross-validated macro F1 at p >= 0.5
and at the 0.99 threshold. ``--grid`` replaces the grid (JSON).
"""

import argparse
import json
import sys
import time
from pathlib import Path

import pandas as pd
import yaml

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT / "src"))

from dl_geography.pipelines.industry_relatedness.classifier import (  # noqa: E402
    train_sector_classifier,
)
from dl_geography.pipelines.industry_relatedness.training_data import (  # noqa: E402
    select_training_organizations,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("organizations", type=Path, help="an organizations.parquet")
    parser.add_argument("--grid", type=json.loads, default=None)
    args = parser.parse_args()
    config = yaml.safe_load(
        (PROJECT_ROOT / "conf/base/parameters_industry_relatedness.yml").read_text()
    )["industry_relatedness"]
    params = dict(config["classifier"], **({"grid": args.grid} if args.grid else {}))
    training, counts, _ = select_training_organizations(
        pd.read_parquet(args.organizations), config["training_data"]
    )
    started, wall = time.process_time(), time.perf_counter()
    _, metrics, chosen = train_sector_classifier(training, counts, params)
    print(
        json.dumps(
            {
                "organizations": len(training),
                "cpu_s": round(time.process_time() - started, 1),
                "wall_s": round(time.perf_counter() - wall, 1),
                "model": chosen["model"],
                "params": chosen["params"],
                "cv_macro_f1": round(chosen["cv_macro_f1"], 4),
                "cv_macro_f1_at_threshold": round(float(metrics["f1_at_threshold"].iloc[-1]), 4),
                "n_metrics_organizations": chosen.get("n_metrics_organizations", len(training)),
                "n_fit_organizations": chosen.get("n_fit_organizations", len(training)),
            }
        )
    )


if __name__ == "__main__":
    main()
