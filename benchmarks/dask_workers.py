"""Sector prediction and geocoding in this process, and on Dask with 1 and 2 workers.

    python benchmarks/dask_workers.py --project /tmp/chain_100k [--partition-rows 20000]

``--project`` is a folder left by ``benchmarks/chain.py --project DIR`` (its chain run
wrote the classifier, papers and organisations). Each configuration runs
``predict_paper_sectors`` and ``geocode_organizations`` on them; one JSON line per node and
configuration gives the wall seconds (the LocalCluster's start included) and whether the
output equals the local one.
"""

import argparse
import json
import sys
import time
from pathlib import Path

import pandas as pd
from kedro.framework.project import configure_project
from kedro.framework.session import KedroSession

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT / "src"))

from dl_geography.pipelines.enrichment.geocode import geocode_organizations  # noqa: E402
from dl_geography.pipelines.industry_relatedness.classifier import (  # noqa: E402
    predict_paper_sectors,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, required=True)
    parser.add_argument("--partition-rows", type=int, default=20_000)
    args = parser.parse_args()
    configure_project("dl_geography")
    with KedroSession.create(project_path=args.project) as session:
        catalog = session.load_context().catalog
    papers = catalog.load("papers")
    organizations, institutes = catalog.load("organizations"), catalog.load("institutes")
    regions, countries = catalog.load("regions"), catalog.load("countries")
    places = catalog.load("places")
    nodes = {
        "predict_paper_sectors": lambda execution: predict_paper_sectors(
            catalog.load("sector_classifier"), papers,
            catalog.load("params:industry_relatedness.prediction"), execution),
        "geocode_organizations": lambda execution: geocode_organizations(
            organizations=organizations, institutes=institutes, regions=regions,
            countries=countries, places=places,
            params=catalog.load("params:enrichment_geocoding"), execution=execution),
    }
    configurations = {
        "local": {"engine": "local", "partition_rows": args.partition_rows},
        "dask_1_worker": {"engine": "dask", "n_workers": 1,
                          "partition_rows": args.partition_rows},
        "dask_2_workers": {"engine": "dask", "n_workers": 2,
                           "partition_rows": args.partition_rows},
    }
    for node, run in nodes.items():
        reference = None
        for name, execution in configurations.items():
            started = time.perf_counter()
            output = run(execution)[0]
            wall = time.perf_counter() - started
            if reference is None:
                reference = output
            same = True
            try:
                pd.testing.assert_frame_equal(output, reference)
            except AssertionError:
                same = False
            print(json.dumps({"node": node, "engine": name, "rows": len(output),
                              "partition_rows": args.partition_rows,
                              "wall_s": round(wall, 1), "identical_to_local": same}),
                  flush=True)


if __name__ == "__main__":
    main()
