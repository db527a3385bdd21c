"""Every pipeline under ``pipelines/`` registers itself through ``find_pipelines``."""

from importlib import import_module

from kedro.framework.project import find_pipelines
from kedro.pipeline import Pipeline

# The order in which the study's chain reads: the default run is their union.
PIPELINE_ORDER = (
    "ingestion",
    "enrichment",
    "topic_modelling",
    "industry_relatedness",
    "geography",
    "drivers",
    "reporting",
)


def register_pipelines() -> dict[str, Pipeline]:
    """Register each modular pipeline under its folder's name; ``__default__`` runs them all."""
    pipelines = find_pipelines(raise_errors=True)
    ordered = [pipelines[name] for name in PIPELINE_ORDER if name in pipelines]
    ordered += [p for name, p in sorted(pipelines.items()) if name not in PIPELINE_ORDER]
    pipelines["__default__"] = sum(ordered, Pipeline([]))
    return pipelines


def full_pipeline() -> Pipeline:
    """Every pipeline's nodes, whichever ``--pipelines`` a run asked Kedro to load.

    Kedro loads only the requested pipelines; the run ledger (``runs.py``) needs the whole
    lineage to find what lies upstream of a partial run's inputs.
    """
    return sum(
        (
            import_module(f"dl_geography.pipelines.{name}").create_pipeline()
            for name in PIPELINE_ORDER
        ),
        Pipeline([]),
    )
