"""Project hooks."""

import logging
from pathlib import Path

from kedro.framework.hooks import hook_impl

logger = logging.getLogger(__name__)


class ParameterContractHook:
    """Check the run's merged parameters against their contracts before anything runs.

    ``after_context_created`` comes before the demo world is generated and before any node:
    a bad value (``--params topic_modelling.gamma=abc``) stops the run at once with one line
    naming the key, the value and what is allowed (:mod:`dl_geography.parameters`).
    """

    @hook_impl
    def after_context_created(self, context):
        from dl_geography.parameters import validate_parameters

        validate_parameters(context.params)


class RunLedgerHook:
    """Atomic saves and run ids for every file dataset a run writes (:mod:`dl_geography.runs`).

    Before the run: refuse it if what it reads (or anything upstream of that) was written by
    a run that never finished; record it as running; wrap each output's ``save``. After it:
    record it as finished, or failed.
    """

    def __init__(self):
        self._ledger = None
        self._run_id = None

    @hook_impl
    def after_context_created(self, context):
        from dl_geography.runs import LEDGER_NAME, RunLedger

        data_root = context.config_loader["globals"]["data_root"]
        self._ledger = RunLedger(Path(context.project_path) / data_root / LEDGER_NAME)

    @hook_impl
    def before_pipeline_run(self, run_params, pipeline, catalog):
        from dl_geography.pipeline_registry import full_pipeline
        from dl_geography.runs import make_save_atomic

        full = full_pipeline()
        produced = full.all_outputs()
        reads = [d for d in pipeline.inputs() if d in produced]
        upstream = full.to_outputs(*reads).all_outputs() if reads else set()
        self._ledger.check(set(reads) | set(upstream))

        self._run_id = run_params.get("run_id") or run_params["session_id"]
        outputs = [
            name
            for name in sorted(pipeline.all_outputs())
            if (dataset := catalog.get(name)) is not None
            and make_save_atomic(dataset, name, self._run_id, self._ledger)
        ]
        self._ledger.start(self._run_id, run_params.get("pipeline_names") or [], outputs)

    @hook_impl
    def after_pipeline_run(self, run_params, run_result, pipeline, catalog):
        self._ledger.close(self._run_id, "finished")

    @hook_impl
    def on_pipeline_error(self, error, run_params, pipeline, catalog):
        self._ledger.close(self._run_id, "failed")


class DaskClusterHook:
    """One local Dask cluster for a whole run, not one per partitioned node.

    When the run's nodes read ``params:execution`` and it says ``engine: dask`` with no
    ``scheduler_address``, a ``LocalCluster`` (127.0.0.1 only) starts before the first node
    and its address is given to the nodes as ``execution.scheduler_address``, as an
    existing cluster's would be from ``conf/local``; it is closed when the run ends or
    fails. Starting one costs 8-11 CPU seconds per worker (docs/performance.md).
    """

    DATASET = "params:execution"

    def __init__(self):
        self._cluster = None

    @hook_impl
    def before_pipeline_run(self, run_params, pipeline, catalog):
        if self.DATASET not in pipeline.inputs():
            return
        from dl_geography.execution import local_cluster, validate_execution

        settings = validate_execution(catalog.load(self.DATASET))
        if settings["engine"] != "dask" or settings["scheduler_address"]:
            return
        self._cluster = local_cluster(settings)
        logger.info("dask: one LocalCluster for this run at %s", self._cluster.scheduler_address)
        catalog[self.DATASET] = {**settings, "scheduler_address": self._cluster.scheduler_address}

    @hook_impl
    def after_pipeline_run(self, run_params, run_result, pipeline, catalog):
        self._close()

    @hook_impl
    def on_pipeline_error(self, error, run_params, pipeline, catalog):
        self._close()

    def _close(self):
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None


class DemoWorldHook:
    """Generate the synthetic demo world before a run when it is enabled and absent.

    The world is written in the real sources' own file formats under
    ``demo_world.output_dir`` (parameters_ingestion.yml), so the ingestion readers serve
    demo and real runs alike. The ``sample`` and ``real`` environments disable it.
    """

    @hook_impl
    def before_pipeline_run(self, run_params, pipeline, catalog):
        params = catalog.load("parameters").get("demo_world") or {}
        if not params.get("enabled", False):
            return
        from dl_geography.demo_world import ensure_demo_world

        project_path = Path(run_params.get("project_path") or ".")
        output_dir = project_path / params["output_dir"]
        settings = {k: v for k, v in params.items() if k not in ("enabled", "output_dir")}
        ensure_demo_world(output_dir, **settings)
