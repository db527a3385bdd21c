"""Wiring of the geography pipeline (sections 3.1-3.4 and the press release)."""

from kedro.pipeline import Node, Pipeline

from dl_geography.pipelines.geography.analysis_table import build_analysis_table
from dl_geography.pipelines.geography.concentration import (
    concentration_by_year,
    concentration_summary,
    country_rca_by_year,
    plot_concentration,
)
from dl_geography.pipelines.geography.descriptives import (
    arxiv_and_crunchbase_by_region,
    make_table_2,
    plot_activity_scatter,
    plot_country_shares,
    plot_organizations_by_region,
    plot_region_shares,
    plot_subject_shares,
)
from dl_geography.pipelines.geography.figures import copy_for_readers
from dl_geography.pipelines.geography.gpt_tests import (
    dl_growth_robustness,
    dl_impact_by_subject,
    dl_share_by_subject_year,
    dl_share_by_year,
    plot_dl_impact,
    plot_dl_share_by_subject,
    plot_dl_share_by_year,
)
from dl_geography.pipelines.geography.headlines import headline_statistics
from dl_geography.pipelines.geography.rca import (
    plot_country_rca,
    plot_region_rca,
    rca_by_country,
    rca_by_region,
)

PARAMS = "params:geography"
DATA_PARAMS = "params:geography.data"


def create_pipeline(**kwargs) -> Pipeline:
    analysis = [
        Node(
            build_analysis_table,
            {
                "paper_institutes": "paper_institutes",
                "paper_labels": "paper_labels",
                "papers": "papers",
                "paper_work_matches": "paper_work_matches",
                "params": PARAMS,
                "data_params": DATA_PARAMS,
            },
            ["analysis_table", "geography_report"],
            name="build_analysis_table",
        ),
    ]
    descriptives = [
        Node(make_table_2, "analysis_table", "table_2", name="make_table_2"),
        Node(copy_for_readers, "table_2", "table_2_csv", name="table_2_as_csv"),
        Node(plot_subject_shares, ["analysis_table", PARAMS], "fig_01", name="plot_subject_shares"),
        Node(plot_country_shares, ["analysis_table", PARAMS], "fig_02", name="plot_country_shares"),
        Node(plot_region_shares, ["analysis_table", PARAMS], "fig_03", name="plot_region_shares"),
        Node(
            arxiv_and_crunchbase_by_region,
            ["analysis_table", "organizations_geocoded"],
            "arxiv_crunchbase_by_region",
            name="arxiv_and_crunchbase_by_region",
        ),
        Node(
            plot_organizations_by_region,
            ["arxiv_crunchbase_by_region", PARAMS],
            "fig_05",
            name="plot_organizations_by_region",
        ),
        Node(
            plot_activity_scatter,
            "arxiv_crunchbase_by_region",
            "fig_06",
            name="plot_activity_scatter",
        ),
    ]
    gpt_tests = [
        Node(
            dl_share_by_year,
            ["analysis_table", PARAMS],
            "dl_share_by_year",
            name="dl_share_by_year",
        ),
        Node(
            plot_dl_share_by_year,
            ["dl_share_by_year", PARAMS],
            "fig_08",
            name="plot_dl_share_by_year",
        ),
        Node(
            dl_share_by_subject_year,
            ["analysis_table", PARAMS],
            "dl_share_by_subject_year",
            name="dl_share_by_subject_year",
        ),
        Node(
            plot_dl_share_by_subject,
            ["dl_share_by_subject_year", PARAMS],
            "fig_09",
            name="plot_dl_share_by_subject",
        ),
        Node(
            dl_impact_by_subject,
            ["analysis_table", PARAMS],
            "dl_impact_by_subject",
            name="dl_impact_by_subject",
        ),
        Node(plot_dl_impact, ["dl_impact_by_subject", PARAMS], "fig_10", name="plot_dl_impact"),
        Node(
            dl_growth_robustness,
            ["analysis_table", PARAMS],
            "dl_growth_robustness",
            name="dl_growth_robustness",
        ),
    ]
    rca = [
        Node(
            rca_by_country,
            ["analysis_table", PARAMS, DATA_PARAMS],
            "rca_by_country",
            name="rca_by_country",
        ),
        Node(
            copy_for_readers, "rca_by_country", "rca_by_country_csv", name="rca_by_country_as_csv"
        ),
        Node(
            plot_country_rca,
            ["rca_by_country", "countries", PARAMS],
            "fig_11",
            name="plot_country_rca",
        ),
        Node(
            rca_by_region,
            ["analysis_table", PARAMS, DATA_PARAMS],
            "rca_by_region",
            name="rca_by_region",
        ),
        Node(copy_for_readers, "rca_by_region", "rca_by_region_csv", name="rca_by_region_as_csv"),
        Node(
            plot_region_rca, ["rca_by_region", "regions", PARAMS], "fig_12", name="plot_region_rca"
        ),
    ]
    concentration = [
        Node(
            country_rca_by_year,
            ["analysis_table", PARAMS, DATA_PARAMS],
            "country_rca_by_year",
            name="country_rca_by_year",
        ),
        Node(
            concentration_by_year,
            ["analysis_table", PARAMS],
            "concentration_by_year",
            name="concentration_by_year",
        ),
        Node(
            concentration_summary,
            ["analysis_table", PARAMS],
            "concentration_summary",
            name="concentration_summary",
        ),
        Node(
            plot_concentration,
            ["country_rca_by_year", "concentration_by_year", PARAMS],
            "fig_13",
            name="plot_concentration",
        ),
    ]
    headlines = [
        Node(
            headline_statistics,
            ["analysis_table", PARAMS],
            "headline_statistics",
            name="headline_statistics",
        ),
        Node(
            copy_for_readers,
            "headline_statistics",
            "headline_statistics_csv",
            name="headline_statistics_as_csv",
        ),
    ]
    return Pipeline(
        analysis + descriptives + gpt_tests + rca + concentration + headlines, tags=["geography"]
    )
