"""The execution helper: row partitions in this process or on dask.distributed, same output."""

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

from dl_geography.execution import map_partitions, partition_bounds, validate_execution


def squares_and_label(part: pd.DataFrame, label: str, lookup: dict) -> pd.DataFrame:
    """Row-wise: each row's square and a value looked up from a shared argument."""
    return pd.DataFrame(
        {"square": part["x"] ** 2, "label": label, "looked_up": part["key"].map(lookup)},
        index=part.index,
    )


@pytest.fixture
def frame():
    rng = np.random.default_rng(3)
    keys = rng.choice(["a", "b", "c"], 1003)
    return pd.DataFrame(
        {"x": rng.integers(0, 100, 1003), "key": keys},
        index=pd.Index(rng.permutation(5000)[:1003], name="row"),
    )


def test_partitions_cover_every_row_once_in_order():
    assert partition_bounds(7, 3) == [(0, 3), (3, 6), (6, 7)]
    assert partition_bounds(6, 3) == [(0, 3), (3, 6)]
    assert partition_bounds(0, 3) == []


@pytest.mark.parametrize("partition_rows", [1000, 250, 5000])
def test_local_partitions_equal_one_call_on_the_whole_frame(frame, partition_rows):
    shared = {"label": "L", "lookup": {"a": 1, "b": 2, "c": 3}}
    got = map_partitions(
        squares_and_label, frame, {"engine": "local", "partition_rows": partition_rows}, **shared
    )
    pd.testing.assert_frame_equal(got, squares_and_label(frame, **shared))


def test_dask_local_cluster_gives_the_local_result(frame):
    shared = {"label": "L", "lookup": {"a": 1, "b": 2, "c": 3}}
    local = map_partitions(squares_and_label, frame, {"partition_rows": 100}, **shared)
    dask = map_partitions(
        squares_and_label,
        frame,
        {"engine": "dask", "n_workers": 2, "partition_rows": 100},
        **shared,
    )
    pd.testing.assert_frame_equal(dask, local)


def frame_matrix_and_sizes(part: pd.DataFrame) -> tuple:
    """Row-wise results of three kinds: a DataFrame, a sparse matrix, a per-partition list."""
    matrix = sp.csr_matrix(part[["x"]].to_numpy() % 3)
    return part[["key"]], matrix, [len(part)]


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_tuples_of_frames_matrices_and_lists_are_joined_in_order(frame, engine):
    whole_frame, whole_matrix, _ = frame_matrix_and_sizes(frame)
    got_frame, got_matrix, sizes = map_partitions(
        frame_matrix_and_sizes, frame, {"engine": engine, "partition_rows": 400}
    )
    pd.testing.assert_frame_equal(got_frame, whole_frame)
    assert sp.issparse(got_matrix) and (got_matrix != whole_matrix).nnz == 0
    assert sizes == [400, 400, 203]


def test_an_empty_frame_is_one_call(frame):
    got = map_partitions(
        squares_and_label, frame.iloc[:0], {"engine": "dask"}, label="L", lookup={}
    )
    assert got.empty and list(got.columns) == ["square", "label", "looked_up"]


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"engine": "spark"}, "execution.engine 'spark'"),
        ({"partition_rows": 0}, "partition_rows must be at least 1"),
        ({"n_workers": 0}, "n_workers must be at least 1"),
    ],
)
def test_bad_settings_are_named(settings, message):
    with pytest.raises(ValueError, match=message):
        validate_execution(settings)


def _passthrough(settings):
    return settings


def _double(part: pd.DataFrame) -> pd.DataFrame:
    return part * 2


def test_one_local_cluster_per_run_from_the_hook():
    from distributed import Client
    from kedro.io import DataCatalog, MemoryDataset
    from kedro.pipeline import Node, Pipeline

    from dl_geography.hooks import DaskClusterHook

    pipeline = Pipeline([Node(_passthrough, "params:execution", "out")])
    settings = {
        "engine": "dask",
        "scheduler_address": None,
        "n_workers": 1,
        "threads_per_worker": 1,
        "partition_rows": 2,
    }
    catalog = DataCatalog(datasets={"params:execution": MemoryDataset(settings)})
    hook = DaskClusterHook()
    hook.before_pipeline_run({}, pipeline, catalog)
    address = catalog.load("params:execution")["scheduler_address"]
    try:
        assert address.startswith("tcp://127.0.0.1:")
        frame = pd.DataFrame({"x": range(5)})
        out = map_partitions(_double, frame, catalog.load("params:execution"))
        pd.testing.assert_frame_equal(out, _double(frame))
        with Client(address) as client:
            assert len(client.scheduler_info()["workers"]) == 1
    finally:
        hook.after_pipeline_run({}, None, pipeline, catalog)
    with pytest.raises(OSError):
        Client(address, timeout=2)
    # local engine, or an address given: the hook leaves the run alone
    for given in ({**settings, "engine": "local"}, {**settings, "scheduler_address": "tcp://x:1"}):
        catalog = DataCatalog(datasets={"params:execution": MemoryDataset(given)})
        hook.before_pipeline_run({}, pipeline, catalog)
        assert catalog.load("params:execution") == given
