"""Points to countries and regions (section 2.1.3: point-in-polygon on Natural Earth).

Points are joined to admin-1 polygons with ``geopandas.sjoin`` (an STRtree spatial
index); where a country has no admin-1 polygon, to admin-0. A point just outside every
polygon (a coastal institute on a simplified coastline) takes the nearest polygon within
``max_distance_km``, measured in the Equal Earth projection (EPSG:8857) with
``geopandas.sjoin_nearest``; further away it is ``unplaced``.
"""

import geopandas as gpd
import numpy as np
import pandas as pd

from dl_geography.execution import map_partitions
from dl_geography.quality import StageReport

from .gazetteer import normalise_names

PLACE_COLUMNS = ["country_code", "country", "region_id", "region", "placement"]
_METRIC_CRS = "EPSG:8857"  # Equal Earth: metres, global, modest distance distortion


def _as_gdf(frame: pd.DataFrame) -> gpd.GeoDataFrame:
    if isinstance(frame, gpd.GeoDataFrame):
        gdf = frame
    else:
        gdf = gpd.GeoDataFrame(frame, geometry="geometry")
    if gdf.crs is None:
        gdf = gdf.set_crs("EPSG:4326")
    return gdf.to_crs("EPSG:4326")


def _polygons(regions: pd.DataFrame, countries: pd.DataFrame) -> gpd.GeoDataFrame:
    """Admin-1 polygons, plus admin-0 polygons of countries with no admin-1 polygon."""
    reg = _as_gdf(regions)
    reg = gpd.GeoDataFrame(
        {
            "region_id": reg["region_id"],
            "region": reg["region"],
            "country_code": reg["country_code"],
            "country": reg["country_name"],
            "adm0_a3": reg["adm0_a3"],
            "geometry": reg.geometry,
        },
        crs=reg.crs,
    )
    if countries is not None and len(countries):
        cty = _as_gdf(countries)
        missing = cty[~cty["adm0_a3"].isin(reg["adm0_a3"])]
        if len(missing):
            extra = gpd.GeoDataFrame(
                {
                    "region_id": pd.NA,
                    "region": pd.NA,
                    "country_code": missing["country_code"],
                    "country": missing["country_name"],
                    "adm0_a3": missing["adm0_a3"],
                    "geometry": missing.geometry,
                },
                crs=cty.crs,
            )
            reg = pd.concat([reg, extra], ignore_index=True)
    reg = reg[reg.geometry.notna() & ~reg.geometry.is_empty]
    return gpd.GeoDataFrame(reg.reset_index(drop=True), geometry="geometry", crs="EPSG:4326")


def place_points(
    points: pd.DataFrame, regions: pd.DataFrame, countries: pd.DataFrame, max_distance_km: float
) -> pd.DataFrame:
    """Country and region of each (latitude, longitude): ``PLACE_COLUMNS`` on ``points.index``.

    ``placement`` is ``within`` (inside a polygon; on a shared border the polygon with the
    smallest ``region_id`` wins, deterministically), ``nearest`` (outside all polygons but
    within ``max_distance_km`` of one), ``unplaced`` (further, or no coordinates).
    """
    polys = _polygons(regions, countries)
    out = pd.DataFrame(
        {c: pd.Series(pd.NA, index=points.index, dtype="object") for c in PLACE_COLUMNS}
    )
    out["placement"] = "unplaced"
    has_xy = points["latitude"].notna() & points["longitude"].notna()
    pts = gpd.GeoDataFrame(
        {"pid": np.flatnonzero(has_xy.to_numpy())},
        geometry=gpd.points_from_xy(
            points.loc[has_xy, "longitude"], points.loc[has_xy, "latitude"]
        ),
        crs="EPSG:4326",
    )
    cols = ["country_code", "country", "region_id", "region"]
    if len(pts) == 0:
        return out
    inside = gpd.sjoin(pts, polys, how="inner", predicate="within")
    inside = inside.sort_values(["pid", "region_id", "adm0_a3"]).drop_duplicates("pid")
    rows = points.index[inside["pid"].to_numpy()]
    out.loc[rows, cols] = inside[cols].to_numpy()
    out.loc[rows, "placement"] = "within"
    rest = pts[~pts["pid"].isin(inside["pid"])]
    if len(rest) and max_distance_km and max_distance_km > 0:
        near = gpd.sjoin_nearest(
            rest.to_crs(_METRIC_CRS),
            polys.to_crs(_METRIC_CRS),
            how="inner",
            max_distance=max_distance_km * 1000.0,
            distance_col="distance_m",
        )
        near = near.sort_values(["pid", "distance_m", "region_id"]).drop_duplicates("pid")
        rows = points.index[near["pid"].to_numpy()]
        out.loc[rows, cols] = near[cols].to_numpy()
        out.loc[rows, "placement"] = "nearest"
    return out


def coordinates_from_places(
    frame: pd.DataFrame,
    places: pd.DataFrame,
    hint: str | None = None,
    registry: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Latitude/longitude from a gazetteer by (city, country_code) where they are missing.

    Returns ``latitude, longitude, coordinates_source`` (``given``, ``city``, ``none``).
    A city name is often repeated within a country (eight Cambridges in the US). The
    ``hint`` column (a state, or a metro area such as CrunchBase's ``Boston``) picks
    among them: first a place whose admin-1 name is the hint, then the place nearest to
    the place named by the hint; then the most populous; then the gazetteer's order.
    Where the gazetteer has no population (GeoNames' cities1000 sample), the number of
    ``registry`` institutes in the place's city and admin-1 region stands in for it (so
    "Boston" is Boston, Massachusetts).
    """
    out = pd.DataFrame(
        {
            "latitude": frame["latitude"].astype(float),
            "longitude": frame["longitude"].astype(float),
        },
        index=frame.index,
    )
    given = out["latitude"].notna() & out["longitude"].notna()
    out["coordinates_source"] = np.where(given, "given", "none")
    if places is None or len(places) == 0 or given.all():
        return out
    pl = places[["name", "country_code", "latitude", "longitude"]].copy()
    pl["pop"] = (
        pd.to_numeric(places["population"], errors="coerce").fillna(-1)
        if ("population" in places)
        else -1
    )
    pl["admin1_key"] = normalise_names(places["admin1"]) if "admin1" in places else pd.NA
    if registry is not None and len(registry) and "subdivision" in registry:
        reg = pd.DataFrame(
            {
                "city_key": normalise_names(registry["city"]),
                "country_code": registry["country_code"].astype("string").str.upper(),
                "admin1_key": normalise_names(registry["subdivision"]),
            }
        )
        counts = reg.value_counts().rename("n_registry").reset_index()
        pl["city_key"] = normalise_names(pl["name"])
        pl = pl.merge(counts, on=["city_key", "country_code", "admin1_key"], how="left")
        pl["pop"] = pl["pop"].where(pl["pop"] >= 0, pl["n_registry"].fillna(0))
        pl = pl.drop(columns=["n_registry", "city_key"])
    pl["order"] = np.arange(len(pl))
    pl["city_key"] = normalise_names(pl["name"])
    pl["country_code"] = pl["country_code"].astype("string").str.upper()
    pl = pl.dropna(subset=["city_key"])
    need = frame.loc[~given, ["city", "country_code"]].copy()
    need["row"] = np.flatnonzero(~given.to_numpy())
    need["city_key"] = normalise_names(need["city"])
    need["hint_key"] = normalise_names(frame.loc[~given, hint]) if hint in frame else pd.NA
    need["country_code"] = need["country_code"].astype("string").str.upper()
    cand = need.merge(pl, on=["city_key", "country_code"])
    cand["same_admin1"] = (cand["hint_key"] == cand["admin1_key"]).fillna(False)
    # the place the hint names (most populous of the name in the country)
    anchor = pl.sort_values(["pop", "order"], ascending=[False, True]).drop_duplicates(
        ["city_key", "country_code"]
    )[["city_key", "country_code", "latitude", "longitude"]]
    anchor = anchor.rename(
        columns={"city_key": "hint_key", "latitude": "a_lat", "longitude": "a_lon"}
    )
    cand = cand.merge(anchor, on=["hint_key", "country_code"], how="left")
    cand["away"] = np.hypot(
        cand["latitude"] - cand["a_lat"],
        (cand["longitude"] - cand["a_lon"]) * np.cos(np.radians(cand["latitude"])),
    ).fillna(np.inf)
    cand = cand.sort_values(
        ["row", "same_admin1", "away", "pop", "order"], ascending=[True, False, True, False, True]
    )
    best = cand.drop_duplicates("row")
    rows = frame.index[best["row"].to_numpy()]
    out.loc[rows, ["latitude", "longitude"]] = best[["latitude", "longitude"]].to_numpy()
    out.loc[rows, "coordinates_source"] = "city"
    return out


def _report_placement(
    report: StageReport,
    step: str,
    placed: pd.DataFrame,
    *,
    id_column: str,
    noun: str,
    max_distance_km: float,
) -> None:
    """Count how the rows of ``placed`` got their coordinates and polygon, or failed to."""
    ids = placed[id_column]
    report.count(step, "in", len(placed), noun)
    city = placed["coordinates_source"] == "city"
    report.count(step, "matched", city.sum(), "coordinates from city and country", ids[city])
    for outcome in ["within", "nearest"]:
        hit = placed["placement"] == outcome
        report.count(step, "matched", hit.sum(), f"placed {outcome}", ids[hit])
    unplaced = placed["placement"] == "unplaced"
    no_xy = (placed["coordinates_source"] == "none") & unplaced
    report.count(step, "unplaced", no_xy.sum(), "no coordinates, city not in gazetteer", ids[no_xy])
    far = unplaced & ~no_xy
    report.count(
        step,
        "unplaced",
        far.sum(),
        f"outside every polygon by more than {max_distance_km} km",
        ids[far],
    )


def geocode_institutes(
    *,
    institutes: pd.DataFrame,
    regions: pd.DataFrame,
    countries: pd.DataFrame,
    places: pd.DataFrame,
    params: dict,
    execution: dict | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Place every institute in a country and admin-1 region (section 2.1.3).

    Coordinates are the registry's; missing ones come from ``places`` by city and
    country. Institutes with ``n_locations`` > 1 (multinationals) are marked
    ``excluded_multinational`` when ``exclude_multinationals`` is set, as in the study,
    and counted. ``country_code`` stays the registry's; ``country`` is the polygon's name
    and ``placed_country_code`` the polygon's code. Points are placed in row partitions,
    in this process or on Dask as ``execution`` says (``dl_geography.execution``).
    """
    report = StageReport("enrichment")
    step = "institutes_geocoded"
    inst = institutes.reset_index(drop=True)
    coords = coordinates_from_places(inst, places, hint="subdivision")
    placed = map_partitions(
        place_points,
        coords,
        execution or {},
        regions=regions,
        countries=countries,
        max_distance_km=params["max_distance_km"],
    )
    out = inst.copy()
    out[["latitude", "longitude"]] = coords[["latitude", "longitude"]]
    out["coordinates_source"] = coords["coordinates_source"]
    out["placed_country_code"] = placed["country_code"].astype("string")
    for col in ["country", "region_id", "region", "placement"]:
        out[col] = placed[col].astype("string")
    multi = out["n_locations"].fillna(1) > 1
    if params["exclude_multinationals"]:
        out.loc[multi, "placement"] = "excluded_multinational"
    _report_placement(
        report,
        step,
        out,
        id_column="institute_id",
        noun="institutes",
        max_distance_km=params["max_distance_km"],
    )
    report.count(
        step,
        "excluded",
        (out["placement"] == "excluded_multinational").sum(),
        "multinational (n_locations > 1)",
        out.loc[out["placement"] == "excluded_multinational", "institute_id"],
    )
    disagree = (
        out["placement"].isin(["within", "nearest"])
        & out["country_code"].notna()
        & out["placed_country_code"].notna()
        & (out["country_code"].astype("string") != out["placed_country_code"])
    )
    report.count(
        step,
        "flagged",
        disagree.sum(),
        "registry country differs from the polygon's",
        out.loc[disagree, "institute_id"],
    )
    return out, report.to_frame()


def geocode_organizations(
    *,
    organizations: pd.DataFrame,
    regions: pd.DataFrame,
    countries: pd.DataFrame,
    places: pd.DataFrame,
    institutes: pd.DataFrame | None = None,
    params: dict,
    execution: dict | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Place CrunchBase organisations like institutes (section 2.2 uses 2.1.3's geocoding).

    Organisations without coordinates are placed from city and country through
    ``places`` when the city is found there (CrunchBase's metro ``region`` and the
    registry's institutes pick among same-named cities), otherwise reported
    ``unplaced``.
    ``country_code`` stays CrunchBase's; ``country`` is the polygon's name. Points are
    placed in row partitions, as for institutes.
    """
    report = StageReport("enrichment")
    step = "organizations_geocoded"
    orgs = organizations.reset_index(drop=True)
    coords = coordinates_from_places(orgs, places, hint="region", registry=institutes)
    placed = map_partitions(
        place_points,
        coords,
        execution or {},
        regions=regions,
        countries=countries,
        max_distance_km=params["max_distance_km"],
    )
    out = orgs.copy()
    out[["latitude", "longitude"]] = coords[["latitude", "longitude"]]
    out["coordinates_source"] = coords["coordinates_source"]
    out["placed_country_code"] = placed["country_code"].astype("string")
    out["region_id"] = placed["region_id"].astype("string")
    out["region_name"] = placed["region"].astype("string")
    out["country"] = placed["country"].astype("string")
    out["placement"] = placed["placement"].astype("string")
    # the contract's `region` column is the polygon's name; CrunchBase's own stays apart
    if "region" in out:
        out = out.rename(columns={"region": "crunchbase_region"})
    out = out.rename(columns={"region_name": "region"})
    _report_placement(
        report,
        step,
        out,
        id_column="org_id",
        noun="organisations",
        max_distance_km=params["max_distance_km"],
    )
    return out, report.to_frame()
