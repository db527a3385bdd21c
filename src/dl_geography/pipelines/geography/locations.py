"""Locations of the geography pipeline: the grouping keys of a level (country, region),
weighted paper counts per location, readable labels. Shared by the section modules."""

import pandas as pd

PLURAL = {"country": "countries", "region": "regions"}


def location_keys(level: str) -> list[str]:
    """Grouping columns of a level: regions by ``region_id`` (names repeat across
    countries), countries by code and name (Natural Earth leaves some codes empty)."""
    if level == "country":
        return ["country_code", "country"]
    if level == "region":
        return ["region_id", "region", "country_code", "country"]
    raise ValueError(f"location level must be 'country' or 'region', got {level!r}")


def location_totals(
    table: pd.DataFrame, level: str, by: list[str] = (), flags: dict[str, pd.Series] | None = None
) -> pd.DataFrame:
    """Weighted paper counts per location (and per ``by`` columns, e.g. year or period).

    ``n_papers`` sums the counting weights; each entry of ``flags`` (name -> boolean
    Series aligned with ``table``) adds a column summing the weights of the flagged rows.
    Rows with no location at this level are left out (counted in the report upstream).
    """
    keys = location_keys(level)
    frame = table[keys + list(by)].copy()
    frame["n_papers"] = table["weight"].astype(float)
    for name, flag in (flags or {}).items():
        frame[name] = table["weight"].astype(float) * flag.astype(float)
    frame = frame[frame[keys[0]].notna() | frame[keys[1]].notna()]
    if level == "region":
        frame = frame[frame["region_id"].notna()]
    return (
        frame.groupby(keys + list(by), dropna=False, sort=False, observed=True).sum().reset_index()
    )


def location_label(frame: pd.DataFrame, level: str) -> pd.Series:
    """Readable labels: the country name, or 'region (country code)' for regions."""
    if level == "country":
        return frame["country"].fillna(frame["country_code"]).astype(str)
    code = frame["country_code"].fillna(frame["country"]).astype(str)
    return frame["region"].fillna(frame["region_id"]).astype(str) + " (" + code + ")"
