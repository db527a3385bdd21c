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
