"""engine: dask on the demo world gives the default run's outputs.

A small demo world runs through the pipelines that hold partitioned stages with the default
execution settings (local, one partition). Then ``kedro run`` of those stages' nodes, on a
copy of that run's data, with ``execution.engine=dask`` on a LocalCluster of two workers on
127.0.0.1 (reached by its scheduler address, as a cluster in conf/local would be) and small
partitions, so that every output is cut, must give the same tables. Labels use the weak
supervision in both runs, so that ``paper_labels`` depends on the partitioned scoring.
The geocoding nodes are compared on the ``demo_project`` chain's inputs.
"""

import pickle
import shutil

import pandas as pd
import pytest
from distributed import LocalCluster

from dl_geography.pipelines.enrichment.geocode import geocode_institutes, geocode_organizations
from tests.conftest import KedroProject

pytestmark = pytest.mark.e2e

PARTITION_ROWS = 400
SMALL_WORLD = {
    "demo_world": {"n_papers": 2000},
    "topic_modelling": {"labelling": {"method": "weak_supervision"}},
}
PARTITIONED_NODES = [
    "match_affiliations",
    "tokenise_abstracts",
    "detect_collocations",
    "build_doc_term_matrix",
    "score_by_weak_supervision",
    "choose_paper_labels",
    "predict_paper_sectors",
]
COMPARED = [
    "affiliation_matches",
    "paper_labels",
    "weak_supervision_scores",
    "paper_sector_predictions",
    "vocabulary",
    "collocations",
]


@pytest.fixture(scope="module")
def dask_execution():
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        host="127.0.0.1",
        dashboard_address=None,
        scheduler_port=0,
    ) as cluster:
        yield {
            "engine": "dask",
            "scheduler_address": cluster.scheduler_address,
            "partition_rows": 1000,
        }


@pytest.fixture(scope="module")
def local_and_dask_runs(tmp_path_factory, dask_execution):
    """The default run of a small world, and the partitioned nodes rerun on Dask."""
    local = KedroProject(tmp_path_factory.mktemp("local"), params=SMALL_WORLD)
    local.run(["ingestion", "enrichment", "topic_modelling", "industry_relatedness"])
    execution = {**dask_execution, "partition_rows": PARTITION_ROWS}
    dask = KedroProject(
        tmp_path_factory.mktemp("dask"), params={**SMALL_WORLD, "execution": execution}
    )
    shutil.copytree(local.root / "data", dask.root / "data")
    dask.run(node_names=PARTITIONED_NODES)
    return local, dask


def test_kedro_run_on_dask_gives_the_default_outputs(local_and_dask_runs):
    local, dask = local_and_dask_runs
    assert local.load("params:execution")["engine"] == "local"
    assert dask.load("params:execution")["engine"] == "dask"
    assert dask.load("params:execution")["partition_rows"] == PARTITION_ROWS
    # every partitioned input is cut into three partitions or more
    assert len(local.load("papers")) > 2 * PARTITION_ROWS
    assert local.load("affiliation_matches")["affiliation"].nunique() > 2 * PARTITION_ROWS
    for name in COMPARED:
        expected = local.load(name)
        assert len(expected) > 0, name
        pd.testing.assert_frame_equal(dask.load(name), expected, check_exact=True, obj=name)
    labels = local.load("paper_labels")
    assert labels["method"].eq("weak_supervision").all()
    assert 0 < labels["is_technology"].sum() < len(labels)
    matrices = [
        pickle.loads((project.root / "data/05_model_input/doc_term_matrix.pkl").read_bytes())
        for project in (local, dask)
    ]
    assert (matrices[0] != matrices[1]).nnz == 0


@pytest.mark.parametrize(
    ("node", "inputs"),
    [
        (geocode_institutes, {"institutes": "institutes"}),
        (geocode_organizations, {"organizations": "organizations", "institutes": "institutes"}),
    ],
)
def test_places_are_identical_on_dask(demo_project, dask_execution, node, inputs):
    arguments = {
        name: demo_project.load(dataset)
        for name, dataset in {
            **inputs,
            "regions": "regions",
            "countries": "countries",
            "places": "places",
            "params": "params:enrichment_geocoding",
        }.items()
    }
    local = node(**arguments, execution=demo_project.load("params:execution"))
    dask = node(**arguments, execution=dask_execution)
    assert len(local[0]) > dask_execution["partition_rows"]
    assert local[0]["placement"].isin(["within", "nearest"]).mean() > 0.5
    for expected, got in zip(local, dask, strict=True):
        pd.testing.assert_frame_equal(got, expected)
