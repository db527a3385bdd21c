"""OpenAlex answers in the API's real schema (works list with meta + results; a work)."""

from __future__ import annotations

import json

from dl_geography.sources.openalex import WORK_FIELDS


def work(
    short_id: str,
    doi: str,
    title: str,
    *,
    year: int = 2018,
    cited_by: int = 12,
    arxiv_id: str | None = None,
    source_type: str = "journal",
) -> dict:
    """One work as ``/works`` returns it with ``select`` = the client's fields."""
    locations = [
        {
            "is_oa": True,
            "landing_page_url": f"https://doi.org/{doi}",
            "pdf_url": None,
            "source": {
                "id": "https://openalex.org/S4306420609",
                "display_name": "Venue",
                "issn_l": None,
                "is_oa": True,
                "type": source_type,
            },
            "license": None,
            "version": "publishedVersion",
        }
    ]
    if arxiv_id:
        locations.append(
            {
                "is_oa": True,
                "landing_page_url": f"https://arxiv.org/abs/{arxiv_id}",
                "pdf_url": f"https://arxiv.org/pdf/{arxiv_id}",
                "source": {
                    "id": "https://openalex.org/S4306400194",
                    "display_name": "arXiv (Cornell University)",
                    "type": "repository",
                },
                "license": "cc-by",
                "version": "submittedVersion",
            }
        )
    full = {
        "id": f"https://openalex.org/{short_id}",
        "doi": f"https://doi.org/{doi}",
        "title": title,
        "display_name": title,
        "publication_date": f"{year}-06-01",
        "publication_year": year,
        "cited_by_count": cited_by,
        "ids": {
            "openalex": f"https://openalex.org/{short_id}",
            "doi": f"https://doi.org/{doi}",
            "mag": "2963403868",
        },
        "primary_location": locations[0],
        "locations": locations,
        "authorships": [
            {
                "author_position": "first",
                "author": {
                    "id": "https://openalex.org/A5001",
                    "display_name": "Ada Lovelace",
                    "orcid": None,
                },
                "institutions": [
                    {
                        "id": "https://openalex.org/I40120149",
                        "display_name": "University of Oxford",
                        "ror": "https://ror.org/052gg0110",
                        "country_code": "GB",
                        "type": "education",
                        "lineage": ["https://openalex.org/I40120149"],
                    }
                ],
                "countries": ["GB"],
                "is_corresponding": True,
                "raw_author_name": "Ada Lovelace",
                "raw_affiliation_strings": ["Department of Computer Science, University of Oxford"],
                "affiliations": [
                    {
                        "raw_affiliation_string": (
                            "Department of Computer Science, University of Oxford"
                        ),
                        "institution_ids": ["https://openalex.org/I40120149"],
                    }
                ],
            }
        ],
    }
    return {k: full[k] for k in WORK_FIELDS}


def works_page(
    results: list[dict], count: int, next_cursor: str | None, per_page: int = 100
) -> bytes:
    return json.dumps(
        {
            "meta": {
                "count": count,
                "db_response_time_ms": 24,
                "page": None,
                "per_page": per_page,
                "next_cursor": next_cursor,
                "groups_count": None,
            },
            "results": results,
            "group_by": [],
        }
    ).encode()
