"""Point in polygon, nearest polygon, unplaced, gazetteer coordinates, multinationals."""

import numpy as np
import pandas as pd

from dl_geography.pipelines.enrichment.geocode import (
    geocode_institutes,
    geocode_organizations,
    place_points,
)

from .world import ROR, countries, institutes, places, regions

PARAMS = {"max_distance_km": 25, "exclude_multinationals": True}


def test_place_points_within_admin0_nearest_and_unplaced():
    pts = pd.DataFrame(
        {
            "latitude": [48.1, 48.85, 52.0, 52.0, 0.0, np.nan],
            "longitude": [11.5, 2.35, -5.05, -6.0, -30.0, 1.0],
        },
        index=list("abcdef"),
    )
    out = place_points(pts, regions(), countries(), max_distance_km=25)
    assert out["placement"].tolist() == [
        "within",
        "within",
        "nearest",
        "unplaced",
        "unplaced",
        "unplaced",
    ]
    assert out.loc["a", ["country_code", "region_id", "region"]].tolist() == [
        "DE",
        "DEU-1",
        "Bayern",
    ]
    # France has no admin-1 polygon here: the country polygon places it, with no region
    assert out.loc["b", "country_code"] == "FR" and pd.isna(out.loc["b", "region_id"])
    # -5.05 is about 3.4 km west of England's box; -6.0 about 68 km: beyond 25 km
    assert out.loc["c", "region_id"] == "GBR-1"


def test_nearest_distance_parameter():
    pts = pd.DataFrame({"latitude": [52.0], "longitude": [-6.0]})
    assert place_points(pts, regions(), countries(), 100)["placement"].iloc[0] == "nearest"
    assert place_points(pts, regions(), countries(), 0)["placement"].iloc[0] == "unplaced"


def test_geocode_institutes_counts_every_outcome():
    out, report = geocode_institutes(
        institutes=institutes(),
        regions=regions(),
        countries=countries(),
        places=places(),
        params=PARAMS,
    )
    out = out.set_index("institute_id")
    assert out.loc[ROR + "tum", ["region_id", "country", "placement"]].tolist() == [
        "DEU-1",
        "Germany",
        "within",
    ]
    assert out.loc[ROR + "globex", "placement"] == "excluded_multinational"
    assert out.loc[ROR + "coast", "placement"] == "nearest"
    assert out.loc[ROR + "ocean", "placement"] == "unplaced"
    # no coordinates: Dresden found in the gazetteer, "Nowhere" is not
    assert out.loc[ROR + "dres", ["coordinates_source", "region_id"]].tolist() == ["city", "DEU-2"]
    assert out.loc[ROR + "lost", ["coordinates_source", "placement"]].tolist() == [
        "none",
        "unplaced",
    ]
    counts = report.set_index(["outcome", "reason"])["count"]
    assert counts[("excluded", "multinational (n_locations > 1)")] == 1
    assert counts[("unplaced", "no coordinates, city not in gazetteer")] == 1
    assert counts[("unplaced", "outside every polygon by more than 25 km")] == 1
    assert counts[("matched", "placed nearest")] == 1


def test_geocode_organizations_from_city_when_no_coordinates():
    orgs = pd.DataFrame(
        {
            "org_id": ["o1", "o2", "o3"],
            "name": ["A", "B", "C"],
            "country_code": ["US", "US", "DE"],
            "region": ["MA", "CA", None],
            "city": ["Boston", "Atlantis", None],
            "latitude": [np.nan, np.nan, 48.1],
            "longitude": [np.nan, np.nan, 11.5],
        }
    )
    out, report = geocode_organizations(
        organizations=orgs, regions=regions(), countries=countries(), places=places(), params=PARAMS
    )
    assert out["placement"].tolist() == ["within", "unplaced", "within"]
    assert out["region"].tolist()[0] == "Massachusetts"
    assert out["crunchbase_region"].tolist()[0] == "MA"
    assert out["coordinates_source"].tolist() == ["city", "none", "given"]
    assert report.loc[report["outcome"] == "unplaced", "count"].sum() == 1


def test_repeated_city_names_resolved_by_the_hint():
    from dl_geography.pipelines.enrichment.geocode import coordinates_from_places

    pl = pd.DataFrame(
        {
            "name": ["Cambridge", "Cambridge", "Boston", "Springfield", "Springfield"],
            "admin1": ["Maryland", "Massachusetts", "Massachusetts", "Illinois", "Massachusetts"],
            "country_code": ["US"] * 5,
            "latitude": [38.56, 42.37, 42.36, 39.80, 42.10],
            "longitude": [-76.08, -71.11, -71.06, -89.64, -72.59],
            "population": [pd.NA] * 5,
        }
    )
    frame = pd.DataFrame(
        {
            "city": ["Cambridge", "Cambridge", "Springfield"],
            "country_code": ["US"] * 3,
            "hint": ["Boston", None, "Massachusetts"],
            "latitude": [np.nan] * 3,
            "longitude": [np.nan] * 3,
        }
    )
    out = coordinates_from_places(frame, pl, hint="hint")
    # near Boston; no hint: the gazetteer's first; the state named
    assert out["latitude"].tolist() == [42.37, 38.56, 42.10]
    assert out["coordinates_source"].tolist() == ["city"] * 3
