"""Ingestion: each raw source, in its own format, to clean typed primary tables."""

from kedro.pipeline import Node, Pipeline

from dl_geography.pipelines.ingestion.arxiv import parse_arxiv_records
from dl_geography.pipelines.ingestion.crunchbase import clean_organizations
from dl_geography.pipelines.ingestion.geonames import clean_places
from dl_geography.pipelines.ingestion.grid import parse_grid_release
from dl_geography.pipelines.ingestion.natural_earth import clean_countries, clean_regions
from dl_geography.pipelines.ingestion.openalex import (
    combine_authorships,
    parse_openalex_works,
    parse_paper_affiliations,
)
from dl_geography.pipelines.ingestion.registry import build_ingestion_report, combine_registries
from dl_geography.pipelines.ingestion.relationships import parse_relationships
from dl_geography.pipelines.ingestion.ror import parse_ror_dump

REPORTS = [
    "arxiv_report",
    "openalex_report",
    "paper_affiliations_report",
    "places_report",
    "ror_report",
    "grid_report",
    "registry_report",
    "relationships_report",
    "countries_report",
    "regions_report",
    "organizations_report",
]


def create_pipeline(**kwargs) -> Pipeline:
    return Pipeline(
        [
            Node(
                parse_arxiv_records,
                ["arxiv_records_raw", "params:sample_max_papers", "params:ingestion"],
                ["papers", "arxiv_report"],
                name="parse_arxiv_records",
            ),
            Node(
                parse_openalex_works,
                "openalex_works_raw",
                ["works", "openalex_authorships", "openalex_report"],
                name="parse_openalex_works",
            ),
            Node(
                parse_paper_affiliations,
                "paper_affiliations_raw",
                ["paper_authorships", "paper_affiliations_report"],
                name="parse_paper_affiliations",
            ),
            Node(
                combine_authorships,
                ["openalex_authorships", "paper_authorships"],
                "authorships",
                name="combine_authorships",
            ),
            Node(
                clean_places,
                "geonames_cities_raw",
                ["places", "places_report"],
                name="clean_places",
            ),
            Node(
                parse_ror_dump,
                "ror_dump_raw",
                ["ror_institutes", "ror_institute_names", "ror_report"],
                name="parse_ror_dump",
            ),
            Node(
                parse_grid_release,
                ["grid_release_raw", "places"],
                ["grid_institutes", "grid_institute_names", "grid_report"],
                name="parse_grid_release",
            ),
            Node(
                combine_registries,
                [
                    "ror_institutes",
                    "ror_institute_names",
                    "grid_institutes",
                    "grid_institute_names",
                ],
                ["institutes", "institute_names", "registry_report"],
                name="combine_registries",
            ),
            Node(
                parse_relationships,
                ["ror_dump_raw", "grid_release_raw"],
                ["institute_relationships", "relationships_report"],
                name="parse_relationships",
            ),
            Node(
                clean_countries,
                "admin0_boundaries_raw",
                ["countries", "countries_report"],
                name="clean_countries",
            ),
            Node(
                clean_regions,
                "admin1_boundaries_raw",
                ["regions", "regions_report"],
                name="clean_regions",
            ),
            Node(
                clean_organizations,
                ["crunchbase_organizations_raw", "crunchbase_descriptions_raw"],
                ["organizations", "organizations_report"],
                name="clean_organizations",
            ),
            Node(
                build_ingestion_report, REPORTS, "ingestion_report", name="build_ingestion_report"
            ),
        ],
        tags=["ingestion"],
    )
