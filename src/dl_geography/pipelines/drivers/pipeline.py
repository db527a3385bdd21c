"""Wiring of the drivers pipeline (section 3.5): features -> sample -> Models 1-4 ->
Table 3, VIFs, Fig 15; the same model per subject -> Fig 16."""

from kedro.pipeline import Node, Pipeline

from dl_geography.quality import combine_reports

from .features import build_model_input_table, build_region_features
from .figures import plot_correlation_matrix, plot_subject_coefficients
from .models import (
    fit_model_by_threshold,
    fit_subject_models,
    fit_table_3_models,
    variance_inflation_factors,
)
from .tables import format_table_3


def create_pipeline(**kwargs) -> Pipeline:
    return Pipeline(
        [
            Node(
                build_region_features,
                [
                    "analysis_table",
                    "rca_by_region",
                    "subject_similarity",
                    "subject_sector_relatedness",
                    "organizations_geocoded",
                    "params:drivers",
                ],
                ["region_features", "drivers_features_report"],
                name="build_region_features",
            ),
            Node(
                build_model_input_table,
                ["region_features", "params:drivers"],
                ["model_input_table", "drivers_sample_report"],
                name="build_model_input_table",
            ),
            Node(
                fit_table_3_models,
                ["model_input_table", "params:drivers"],
                "table_3_coefficients",
                name="fit_table_3_models",
            ),
            Node(
                format_table_3,
                ["table_3_coefficients", "params:drivers"],
                ["table_3", "table_3_markdown", "table_3_latex"],
                name="format_table_3",
            ),
            Node(
                variance_inflation_factors,
                ["model_input_table", "params:drivers"],
                "drivers_vif",
                name="variance_inflation_factors",
            ),
            Node(
                plot_correlation_matrix,
                ["model_input_table", "params:drivers"],
                "fig_15",
                name="plot_correlation_matrix",
            ),
            Node(
                fit_subject_models,
                [
                    "analysis_table",
                    "organizations_geocoded",
                    "subject_similarity",
                    "subject_sector_relatedness",
                    "region_features",
                    "table_3_coefficients",
                    "params:drivers",
                ],
                ["subject_model_coefficients", "drivers_subject_report"],
                name="fit_subject_models",
            ),
            Node(
                fit_model_by_threshold,
                ["region_features", "params:drivers"],
                ["table_3_thresholds", "drivers_threshold_report"],
                name="fit_model_by_threshold",
            ),
            Node(
                plot_subject_coefficients,
                ["subject_model_coefficients", "params:drivers"],
                "fig_16",
                name="plot_subject_coefficients",
            ),
            Node(
                combine_reports,
                [
                    "drivers_features_report",
                    "drivers_sample_report",
                    "drivers_subject_report",
                    "drivers_threshold_report",
                ],
                "drivers_report",
                name="combine_drivers_reports",
            ),
        ],
        tags=["drivers"],
    )
