"""Where the record-wise stages run: in this process, or partitioned on ``dask.distributed``.

One helper, :func:`map_partitions`, applies a pure function to consecutive row partitions
of a DataFrame and concatenates the results in partition order. With ``engine: local``
the partitions run one after another in this process (memory stays bounded by the
partition size); with ``engine: dask`` they run on a Dask cluster: a ``LocalCluster`` of
``n_workers`` processes on 127.0.0.1 when ``scheduler_address`` is null, or the existing
cluster at ``scheduler_address`` (set it in ``conf/local``, never in ``conf/base``). Both
engines cut the same partitions and concatenate them in the same order, so the output is
identical whenever the function treats each row on its own (docs/performance.md).

Parameters (``conf/base/parameters_execution.yml``, key ``execution``): ``engine``,
``scheduler_address``, ``n_workers``, ``threads_per_worker``, ``partition_rows``.
"""

import logging
from collections.abc import Callable
from contextlib import contextmanager

import pandas as pd
import scipy.sparse as sp

logger = logging.getLogger(__name__)

ENGINES = ("local", "dask")


def validate_execution(execution: dict) -> dict:
    """The execution settings with defaults filled in; a clear error for a bad value."""
    settings = {
        "engine": "local",
        "scheduler_address": None,
        "n_workers": 2,
        "threads_per_worker": 1,
        "partition_rows": 50_000,
        **(execution or {}),
    }
    if settings["engine"] not in ENGINES:
        raise ValueError(f"execution.engine {settings['engine']!r}: use one of {ENGINES}")
    for key in ("n_workers", "threads_per_worker", "partition_rows"):
        if int(settings[key]) < 1:
            raise ValueError(f"execution.{key} must be at least 1, got {settings[key]!r}")
    return settings


def partition_bounds(n_rows: int, partition_rows: int) -> list[tuple[int, int]]:
    """``(start, stop)`` row positions of consecutive partitions of at most ``partition_rows``."""
    return [
        (start, min(start + partition_rows, n_rows)) for start in range(0, n_rows, partition_rows)
    ]


def local_cluster(settings: dict):
    """A ``distributed.LocalCluster`` of ``n_workers`` processes on 127.0.0.1 only, with no
    dashboard; the caller closes it."""
    from distributed import LocalCluster

    return LocalCluster(
        n_workers=int(settings["n_workers"]),
        threads_per_worker=int(settings["threads_per_worker"]),
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        scheduler_port=0,
    )


@contextmanager
def dask_client(settings: dict):
    """A ``distributed.Client``: to ``scheduler_address``, or to a fresh local cluster.

    A ``kedro run`` with ``engine: dask`` and no address gets its address from
    :class:`dl_geography.hooks.DaskClusterHook` (one local cluster for the whole run);
    a direct call with no address starts a local cluster and closes it on exit.
    """
    from distributed import Client

    address = settings["scheduler_address"]
    if address:
        with Client(address) as client:
            yield client
        return
    with local_cluster(settings) as cluster, Client(cluster) as client:
        yield client


def concatenate(parts: list):
    """Partition results joined in order: DataFrames by ``pd.concat`` (each keeps its
    index), sparse matrices stacked by row, lists one after another, tuples element by
    element."""
    first = parts[0]
    if len(parts) == 1:
        return first
    if isinstance(first, tuple):
        return tuple(concatenate(list(column)) for column in zip(*parts, strict=True))
    if isinstance(first, list):
        return [item for part in parts for item in part]
    if sp.issparse(first):
        return sp.vstack(parts, format="csr")
    return pd.concat(parts)


def map_partitions(function: Callable, frame: pd.DataFrame, execution: dict, **shared):
    """``function(partition, **shared)`` over row partitions of ``frame``, concatenated.

    ``function`` must be a module-level (picklable) pure function that returns, for its
    rows alone, a DataFrame, a sparse matrix with one row per input row, a list (of
    per-partition results the caller joins), or a tuple of these; ``shared`` holds its
    other arguments (a model, polygons), sent once to each Dask worker. The partitions'
    results are concatenated in order (:func:`concatenate`; a DataFrame keeps its own
    index), so the output equals one call on the whole frame for a row-wise function,
    whichever the engine.
    """
    settings = validate_execution(execution)
    bounds = partition_bounds(len(frame), int(settings["partition_rows"]))
    if not bounds:
        return function(frame, **shared)
    if settings["engine"] == "local":
        parts = [function(frame.iloc[start:stop], **shared) for start, stop in bounds]
    else:
        with dask_client(settings) as client:
            logger.info(
                "%s: %d partitions of at most %d rows on dask (%s)",
                function.__name__,
                len(bounds),
                settings["partition_rows"],
                settings["scheduler_address"] or "local cluster",
            )
            remote = {k: client.scatter([v], broadcast=True)[0] for k, v in shared.items()}
            futures = [
                client.submit(function, frame.iloc[start:stop], pure=False, **remote)
                for start, stop in bounds
            ]
            parts = client.gather(futures)
    return concatenate(parts)
