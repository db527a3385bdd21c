"""engine: dask on the demo world gives the default run's sector predictions and places.

On the ``demo_project`` chain's inputs, the nodes run with the default execution settings
(local) and on a LocalCluster of two workers on 127.0.0.1, reached by its scheduler address
as a cluster in conf/local would be, with small partitions so that each output is cut.
"""

import pandas as pd
import pytest
from distributed import LocalCluster

from dl_geography.pipelines.enrichment.geocode import geocode_institutes, geocode_organizations
from dl_geography.pipelines.industry_relatedness.classifier import predict_paper_sectors

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def dask_execution():
    with LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1",
                      dashboard_address=None, scheduler_port=0) as cluster:
        yield {"engine": "dask", "scheduler_address": cluster.scheduler_address,
               "partition_rows": 1000}


def test_sector_predictions_are_identical_on_dask(demo_project, dask_execution):
    arguments = [demo_project.load(name) for name in [
        "sector_classifier", "papers", "params:industry_relatedness.prediction"]]
    assert len(arguments[1]) > dask_execution["partition_rows"]
    local = predict_paper_sectors(*arguments, demo_project.load("params:execution"))
    dask = predict_paper_sectors(*arguments, dask_execution)
    pd.testing.assert_frame_equal(local[0], demo_project.load("paper_sector_predictions"))
    for expected, got in zip(local, dask, strict=True):
        pd.testing.assert_frame_equal(got, expected)


@pytest.mark.parametrize(("node", "inputs"), [
    (geocode_institutes, {"institutes": "institutes"}),
    (geocode_organizations, {"organizations": "organizations", "institutes": "institutes"}),
])
def test_places_are_identical_on_dask(demo_project, dask_execution, node, inputs):
    arguments = {name: demo_project.load(dataset) for name, dataset in {
        **inputs, "regions": "regions", "countries": "countries", "places": "places",
        "params": "params:enrichment_geocoding"}.items()}
    local = node(**arguments, execution=demo_project.load("params:execution"))
    dask = node(**arguments, execution=dask_execution)
    assert len(local[0]) > dask_execution["partition_rows"]
    assert local[0]["placement"].isin(["within", "nearest"]).mean() > 0.5
    for expected, got in zip(local, dask, strict=True):
        pd.testing.assert_frame_equal(got, expected)
