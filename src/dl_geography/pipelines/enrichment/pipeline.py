"""Enrichment wiring: papers -> published works; affiliations -> institutes -> places."""

from kedro.pipeline import Node, Pipeline

from .affiliations import match_affiliations
from .evaluation import score_affiliations_against_labelled_set
from .geocode import geocode_institutes, geocode_organizations
from .paper_institutes import enrichment_report, link_papers_to_institutes
from .published import match_papers_to_works

PLACES = {
    "regions": "regions",
    "countries": "countries",
    "places": "places",
    "params": "params:enrichment_geocoding",
    "execution": "params:execution",
}


def create_pipeline(**kwargs) -> Pipeline:
    return Pipeline(
        [
            Node(
                match_papers_to_works,
                ["papers", "works", "params:enrichment_published"],
                ["paper_work_matches", "enrichment_report_works"],
                name="match_papers_to_works",
            ),
            Node(
                match_affiliations,
                {
                    "authorships": "authorships",
                    "institutes": "institutes",
                    "institute_names": "institute_names",
                    "institute_relationships": "institute_relationships",
                    "countries": "countries",
                    "regions": "regions",
                    "places": "places",
                    "params": "params:enrichment_affiliations",
                    "execution": "params:execution",
                },
                ["affiliation_matches", "enrichment_report_affiliations"],
                name="match_affiliations",
            ),
            Node(
                score_affiliations_against_labelled_set,
                [
                    "affiliation_matches",
                    "labelled_affiliations",
                    "labelled_affiliations_split",
                    "params:enrichment_evaluation",
                ],
                "affiliation_quality",
                name="score_affiliations_against_labelled_set",
            ),
            Node(
                geocode_institutes,
                {"institutes": "institutes", **PLACES},
                ["institutes_geocoded", "enrichment_report_institutes"],
                name="geocode_institutes",
            ),
            Node(
                geocode_organizations,
                {"organizations": "organizations", "institutes": "institutes", **PLACES},
                ["organizations_geocoded", "enrichment_report_organizations"],
                name="geocode_organizations",
            ),
            Node(
                link_papers_to_institutes,
                {
                    "papers": "papers",
                    "paper_work_matches": "paper_work_matches",
                    "authorships": "authorships",
                    "affiliation_matches": "affiliation_matches",
                    "institutes_geocoded": "institutes_geocoded",
                    "params": "params:enrichment_paper_institutes",
                },
                ["paper_institutes", "enrichment_report_paper_institutes"],
                name="link_papers_to_institutes",
            ),
            Node(
                enrichment_report,
                [
                    "enrichment_report_works",
                    "enrichment_report_affiliations",
                    "enrichment_report_institutes",
                    "enrichment_report_organizations",
                    "enrichment_report_paper_institutes",
                ],
                "enrichment_report",
                name="enrichment_report",
            ),
        ],
        tags=["enrichment"],
    )
