"""The reporting pipeline: one self-contained HTML report from the catalog."""

from kedro.pipeline import Node, Pipeline

from dl_geography.pipelines.reporting.headlines import HEADLINE_DATASETS
from dl_geography.pipelines.reporting.report import (
    GLOSSARY_DATASET,
    WORD_FORMS_DATASET,
    assemble_report,
)
from dl_geography.pipelines.reporting.sections import report_datasets
from dl_geography.pipelines.reporting.word_forms import topic_word_forms


def create_pipeline(**kwargs) -> Pipeline:
    datasets = list(
        dict.fromkeys(
            [*report_datasets(), *HEADLINE_DATASETS, GLOSSARY_DATASET, WORD_FORMS_DATASET]
        )
    )
    inputs = {"reporting": "params:reporting", "parameters": "parameters"}
    inputs.update({name: name for name in datasets})
    return Pipeline(
        [
            Node(
                topic_word_forms,
                ["papers", "dl_topics", "params:reporting"],
                WORD_FORMS_DATASET,
                name="topic_word_forms",
            ),
            Node(assemble_report, inputs=inputs, outputs="report", name="assemble_report"),
        ],
        tags=["reporting"],
    )
