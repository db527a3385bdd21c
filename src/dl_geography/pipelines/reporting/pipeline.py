"""The reporting pipeline: one self-contained HTML report from the catalog."""

from kedro.pipeline import Node, Pipeline

from dl_geography.pipelines.reporting.headlines import HEADLINE_DATASETS
from dl_geography.pipelines.reporting.report import assemble_report
from dl_geography.pipelines.reporting.sections import report_datasets


def create_pipeline(**kwargs) -> Pipeline:
    datasets = list(dict.fromkeys(report_datasets() + HEADLINE_DATASETS))
    inputs = {"reporting": "params:reporting", "parameters": "parameters"}
    inputs.update({name: name for name in datasets})
    return Pipeline(
        [Node(assemble_report, inputs=inputs, outputs="report", name="assemble_report")],
        tags=["reporting"],
    )
