"""Wiring of the industry_relatedness pipeline (sections 2.1.5 and 2.2, Figs 4 and 7)."""

from kedro.pipeline import Node, Pipeline

from dl_geography.quality import combine_reports

from .classifier import predict_paper_sectors, train_sector_classifier
from .relatedness import plot_subject_sector_relatedness, sectors_of, subject_sector_relatedness
from .research import paper_subject_incidence, plot_subject_similarity, subject_similarity
from .training_data import select_training_organizations


def create_pipeline(**kwargs) -> Pipeline:
    return Pipeline(
        [
            Node(
                paper_subject_incidence,
                ["papers", "paper_labels", "params:industry_relatedness.research"],
                ["paper_subject_incidence", "subject_incidence_report"],
                name="paper_subject_incidence",
            ),
            Node(
                subject_similarity,
                "paper_subject_incidence",
                "subject_similarity",
                name="subject_similarity",
            ),
            Node(
                plot_subject_similarity,
                ["subject_similarity", "params:industry_relatedness.figures"],
                "fig_04",
                name="plot_subject_similarity",
            ),
            Node(
                select_training_organizations,
                ["organizations", "params:industry_relatedness.training_data"],
                [
                    "sector_training_organizations",
                    "sector_training_counts",
                    "sector_training_report",
                ],
                name="select_training_organizations",
            ),
            Node(
                train_sector_classifier,
                [
                    "sector_training_organizations",
                    "sector_training_counts",
                    "params:industry_relatedness.classifier",
                    "params:industry_relatedness.without_descriptions",
                    "params:industry_relatedness.prediction.probability_threshold",
                ],
                ["sector_classifier", "sector_classifier_metrics", "sector_classifier_params"],
                name="train_sector_classifier",
            ),
            Node(
                predict_paper_sectors,
                [
                    "sector_classifier",
                    "papers",
                    "params:industry_relatedness.prediction",
                    "params:execution",
                ],
                ["paper_sector_predictions", "paper_sector_report"],
                name="predict_paper_sectors",
            ),
            Node(
                sectors_of,
                "sector_classifier",
                "sector_classifier_sectors",
                name="sector_classifier_sectors",
            ),
            Node(
                subject_sector_relatedness,
                [
                    "paper_subject_incidence",
                    "paper_sector_predictions",
                    "sector_classifier_sectors",
                ],
                "subject_sector_relatedness",
                name="subject_sector_relatedness",
            ),
            Node(
                plot_subject_sector_relatedness,
                [
                    "subject_sector_relatedness",
                    "params:industry_relatedness.figures",
                    "params:industry_relatedness.prediction",
                ],
                "fig_07",
                name="plot_subject_sector_relatedness",
            ),
            Node(
                combine_reports,
                ["subject_incidence_report", "sector_training_report", "paper_sector_report"],
                "industry_relatedness_report",
                name="industry_relatedness_report",
            ),
        ],
        tags=["industry_relatedness"],
    )
