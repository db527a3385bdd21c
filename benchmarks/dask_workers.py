"""Every partitioned stage in this process, and on Dask with 1 and 2 workers.

    python benchmarks/dask_workers.py --project /tmp/chain_100k [--partition-rows 10000]

``--project`` is a folder left by ``benchmarks/chain.py --project DIR`` (its chain run
wrote the papers, authorships, registry, organisations and sector classifier); it is only
read. Each configuration runs the nodes whose record-wise work goes through
``dl_geography.execution.map_partitions`` (tokenising and weak-supervision labelling of the
abstracts, affiliation matching, sector prediction, geocoding of organisations) on them,
with the same ``--partition-rows`` (``--nodes`` picks some of them):

- ``local``: the partitions one after another in this process;
- ``dask_1_worker`` / ``dask_2_workers``: ``engine: dask`` with no scheduler address, so
  each node starts a LocalCluster of that many single-threaded worker processes on
  127.0.0.1 and closes it afterwards, as ``kedro run --params execution.engine=dask`` does;
- ``running_1_worker`` / ``running_2_workers``: a LocalCluster started once, before the
  nodes, and reached by its ``scheduler_address``, as a cluster named in ``conf/local`` is
  (no start-up in the figures).

One JSON line per node and configuration: wall seconds, CPU seconds (user + system of this
process and of the worker processes: reaped ones through ``RUSAGE_CHILDREN``, running ones
asked through ``Client.run``), and whether the output equals the local one. A table in
Markdown follows.
"""

import argparse
import functools
import json
import os
import resource
import sys
import time
from contextlib import contextmanager, nullcontext
from pathlib import Path

import numpy as np
import pandas as pd
from distributed import Client, LocalCluster
from kedro.framework.project import configure_project
from kedro.framework.session import KedroSession

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT / "src"))

from dl_geography.pipelines.enrichment.affiliations import match_affiliations  # noqa: E402
from dl_geography.pipelines.enrichment.geocode import geocode_organizations  # noqa: E402
from dl_geography.pipelines.industry_relatedness.classifier import (  # noqa: E402
    predict_paper_sectors,
)
from dl_geography.pipelines.topic_modelling.labelling import (  # noqa: E402
    resolve_technology_definition,
    score_by_weak_supervision,
)
from dl_geography.pipelines.topic_modelling.tokenise import tokenise_abstracts  # noqa: E402


def own_cpu_seconds() -> float:
    """User + system CPU of the calling process."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def cpu_seconds(client: Client | None) -> float:
    """CPU of this process, of its reaped descendants (the workers of closed clusters) and,
    with ``client``, of the running cluster's workers."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    running = sum(client.run(own_cpu_seconds).values()) if client else 0.0
    return own_cpu_seconds() + children.ru_utime + children.ru_stime + running


@contextmanager
def running_cluster(n_workers: int):
    """A LocalCluster on 127.0.0.1 for the whole configuration, and a client to it."""
    with (
        LocalCluster(
            n_workers=n_workers,
            threads_per_worker=1,
            host="127.0.0.1",
            dashboard_address=None,
            scheduler_port=0,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def identical(output, reference) -> bool:
    """Whether a node's first output equals the local one (frames exactly; token arrays)."""
    if isinstance(output, pd.DataFrame):
        try:
            pd.testing.assert_frame_equal(output, reference, check_exact=True)
        except AssertionError:
            return False
        return True
    return (
        output.terms == reference.terms
        and np.array_equal(output.doc, reference.doc)
        and np.array_equal(output.term, reference.term)
    )


def tokenise(load):
    papers, params = load("papers"), load("params:topic_modelling")
    return lambda execution: tokenise_abstracts(papers, params, execution)


def label(load):
    papers, params = load("papers"), load("params:topic_modelling")
    technology = resolve_technology_definition(
        load("params:technology"), load("params:technologies")
    )
    return lambda execution: score_by_weak_supervision(papers, technology, params, execution)


def match(load):
    inputs = {
        name: load(name)
        for name in [
            "authorships",
            "institutes",
            "institute_names",
            "institute_relationships",
            "countries",
            "regions",
            "places",
        ]
    }
    params = load("params:enrichment_affiliations")
    return lambda execution: match_affiliations(**inputs, params=params, execution=execution)[0]


def predict(load):
    classifier, papers = load("sector_classifier"), load("papers")
    params = load("params:industry_relatedness.prediction")
    return lambda execution: predict_paper_sectors(classifier, papers, params, execution)[0]


def geocode(load):
    inputs = {
        name: load(name)
        for name in ["organizations", "institutes", "countries", "regions", "places"]
    }
    params = load("params:enrichment_geocoding")
    return lambda execution: geocode_organizations(**inputs, params=params, execution=execution)[0]


# Each partitioned node, as a function of the catalog's loader returning a function of the
# ``execution`` settings (inputs loaded before any timing; the node's first output).
STAGES = {
    "tokenise_abstracts": tokenise,
    "score_by_weak_supervision": label,
    "match_affiliations": match,
    "predict_paper_sectors": predict,
    "geocode_organizations": geocode,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, required=True)
    parser.add_argument("--partition-rows", type=int, default=10_000)
    parser.add_argument(
        "--nodes", default=",".join(STAGES), help="comma-separated subset of: " + ", ".join(STAGES)
    )
    args = parser.parse_args()
    os.environ.setdefault("KEDRO_DISABLE_TELEMETRY", "true")
    configure_project("dl_geography")
    with KedroSession.create(project_path=args.project) as session:
        catalog = session.load_context().catalog
    configurations = {
        "local": ({"engine": "local"}, 0),
        "dask_1_worker": ({"engine": "dask", "n_workers": 1}, 0),
        "dask_2_workers": ({"engine": "dask", "n_workers": 2}, 0),
        "running_1_worker": ({"engine": "dask"}, 1),
        "running_2_workers": ({"engine": "dask"}, 2),
    }
    load = functools.cache(catalog.load)
    nodes = {name: STAGES[name](load) for name in args.nodes.split(",")}
    references, rows = {}, []
    for name, (settings, running) in configurations.items():
        with running_cluster(running) if running else nullcontext() as client:
            address = {"scheduler_address": client.scheduler.address} if client else {}
            for node, run in nodes.items():
                execution = {
                    **settings,
                    **address,
                    "threads_per_worker": 1,
                    "partition_rows": args.partition_rows,
                }
                started, cpu = time.perf_counter(), cpu_seconds(client)
                output = run(execution)
                wall, cpu = time.perf_counter() - started, cpu_seconds(client) - cpu
                reference = references.setdefault(node, output)
                row = {
                    "node": node,
                    "engine": name,
                    "rows": len(output),
                    "partition_rows": args.partition_rows,
                    "wall_s": round(wall, 1),
                    "cpu_s": round(cpu, 1),
                    "identical_to_local": identical(output, reference),
                }
                rows.append(row)
                print(json.dumps(row), flush=True)
    print(
        "| stage | "
        + " | ".join(f"{name} wall s / CPU s" for name in configurations)
        + " |\n|---|"
        + "---|" * len(configurations)
    )
    for node in dict.fromkeys(row["node"] for row in rows):
        cells = [f"{row['wall_s']} / {row['cpu_s']}" for row in rows if row["node"] == node]
        print(f"| {node} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
