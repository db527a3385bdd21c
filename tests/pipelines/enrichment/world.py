"""A hand-built miniature world for the enrichment unit tests (boxes for polygons)."""

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import box

from tests.params import conf_parameters

ROR = "https://ror.org/"


def regions() -> gpd.GeoDataFrame:
    rows = [
        ("DEU-1", "Bayern", "DE", "DEU", "Germany", box(10, 47, 13, 50)),
        ("DEU-2", "Sachsen", "DE", "DEU", "Germany", box(12, 50, 15, 52)),
        (
            "USA-1",
            "Massachusetts",
            "US",
            "USA",
            "United States of America",
            box(-73.5, 41.5, -70, 42.9),
        ),
        ("USA-2", "California", "US", "USA", "United States of America", box(-124, 32, -114, 42)),
        ("GBR-1", "England", "GB", "GBR", "United Kingdom", box(-5, 50, 1.7, 55)),
    ]
    cols = ["region_id", "region", "country_code", "adm0_a3", "country_name", "geometry"]
    return gpd.GeoDataFrame(pd.DataFrame(rows, columns=cols), geometry="geometry", crs="EPSG:4326")


def countries() -> gpd.GeoDataFrame:
    rows = [
        ("DE", "DEU", "Germany", box(6, 47, 15, 55)),
        ("US", "USA", "United States of America", box(-124, 25, -67, 49)),
        ("GB", "GBR", "United Kingdom", box(-8, 50, 1.8, 59)),
        ("FR", "FRA", "France", box(-4, 43, 5, 49)),
    ]
    return gpd.GeoDataFrame(
        pd.DataFrame(rows, columns=["country_code", "adm0_a3", "country_name", "geometry"]),
        geometry="geometry",
        crs="EPSG:4326",
    )


def places() -> pd.DataFrame:
    rows = [
        ("München", "DE", 48.14, 11.58, 1_400_000),
        ("Munich", "DE", 48.14, 11.58, 1_400_000),
        ("Chemnitz", "DE", 50.83, 12.92, 240_000),
        ("Dresden", "DE", 51.05, 13.74, 550_000),
        ("Cambridge", "GB", 52.2, 0.12, 120_000),
        ("Cambridge", "US", 42.37, -71.1, 110_000),
        ("Boston", "US", 42.36, -71.06, 650_000),
        ("Paris", "FR", 48.85, 2.35, 2_100_000),
        ("Stanford", "US", 37.42, -122.17, 16_000),
        ("Tiny", "US", 37.0, -120.0, 10),
    ]
    return pd.DataFrame(
        rows, columns=["name", "country_code", "latitude", "longitude", "population"]
    )


def institutes() -> pd.DataFrame:
    rows = [
        ("tum", "Technical University of Munich", "DE", "Munich", 48.15, 11.57, 1),
        ("tuc", "Technische Universität Chemnitz", "DE", "Chemnitz", 50.81, 12.93, 1),
        ("mit", "Massachusetts Institute of Technology", "US", "Cambridge", 42.36, -71.09, 1),
        ("cam", "University of Cambridge", "GB", "Cambridge", 52.2, 0.12, 1),
        ("stan", "Stanford University", "US", "Stanford", 37.43, -122.17, 1),
        ("sorb", "Sorbonne Université", "FR", "Paris", 48.85, 2.35, 1),
        ("optde", "National Laboratory for Optics, Germany", "DE", "Dresden", 51.0, 13.7, 1),
        ("optfr", "National Laboratory for Optics, France", "FR", "Paris", 48.8, 2.3, 1),
        ("globex", "Globex Corporation", "US", "Boston", 42.35, -71.05, 3),
        ("coast", "Coastal Lab", "GB", "Penzance", 52.0, -5.05, 1),
        ("ocean", "Ocean Station", None, None, 0.0, -30.0, 1),
        ("dres", "Dresden Institute of Robotics", "DE", "Dresden", np.nan, np.nan, 1),
        ("lost", "Lost Institute", "DE", "Nowhere", np.nan, np.nan, 1),
    ]
    df = pd.DataFrame(
        rows,
        columns=[
            "institute_id",
            "name",
            "country_code",
            "city",
            "latitude",
            "longitude",
            "n_locations",
        ],
    )
    df["institute_id"] = ROR + df["institute_id"]
    df["types"] = [["education"]] * len(df)
    df["country_name"] = None
    df["subdivision"] = None
    df["grid_id"] = None
    df["status"] = "active"
    return df


def institute_names() -> pd.DataFrame:
    rows = [
        ("tum", "TUM", "acronym"),
        ("tuc", "Chemnitz University of Technology", "alias"),
        ("mit", "MIT", "acronym"),
        ("cam", "Cambridge University", "alias"),
        ("optde", "National Laboratory for Optics", "alias"),
        ("optfr", "National Laboratory for Optics", "alias"),
        ("sorb", "Sorbonne University", "label"),
    ]
    df = pd.DataFrame(rows, columns=["institute_id", "name", "kind"])
    df["institute_id"] = ROR + df["institute_id"]
    df["lang"] = None
    return df


def relationships() -> pd.DataFrame:
    """No hierarchy in the miniature registry (the roll-up tests build their own)."""
    return pd.DataFrame({"institute_id": [], "related_id": [], "relation": []}, dtype="string")


def affiliation_params(**overrides) -> dict:
    """The YAML's matcher parameters with this world's small vocabularies."""
    params = conf_parameters()["enrichment_affiliations"]
    params |= {
        "fuzzy_threshold": 0.7225,
        "shortlist_size": 10,
        "min_query_length": 4,
        "workers": 1,
        "country_veto": True,
        "city_min_population": 15000,
        "min_place_name_length": 3,
        "long_country_name": 4,
        "max_place_ngram": 3,
        "segments": "all",
        "stop_words": ["of", "the", "and"],
        "abbreviations": {
            "univ": "university",
            "inst": "institute",
            "tech": "technology",
            "dept": "department",
        },
        "country_aliases": {"USA": "US", "UK": "GB", "France": "FR", "Germany": "DE"},
    }
    params.update(overrides)
    return params


def match(strings, ror_ids=None, **overrides) -> pd.DataFrame:
    from dl_geography.pipelines.enrichment.affiliations import match_affiliations

    auth = pd.DataFrame(
        {
            "affiliation": strings,
            "ror_id": ror_ids if ror_ids is not None else [None] * len(strings),
        }
    )
    out, _ = match_affiliations(
        authorships=auth,
        institutes=institutes(),
        institute_names=institute_names(),
        institute_relationships=relationships(),
        countries=countries(),
        regions=regions(),
        places=places(),
        params=affiliation_params(**overrides),
    )
    return out.set_index("affiliation")
