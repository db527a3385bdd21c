"""Natural Earth boundaries -> ``countries`` (admin-0) and ``regions`` (admin-1).

Any GDAL-readable layer with Natural Earth attributes (GeoJSON, Shapefile, GeoPackage),
attribute names matched case-insensitively; for admin-0 also world-atlas TopoJSON
(``id`` = ISO 3166-1 numeric, ``name``).
"""

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import shapely.affinity

from dl_geography.country_codes import (
    NATURAL_EARTH_ONLY_A3,
    alpha2_to_alpha3,
    alpha2_to_name,
    alpha3_to_alpha2,
    name_key,
    name_to_alpha2,
    numeric_to_alpha2,
)
from dl_geography.pipelines.ingestion._common import filter_checks
from dl_geography.quality import StageReport

WGS84 = "EPSG:4326"
COUNTRY_COLUMNS = ["country_code", "adm0_a3", "country_name", "geometry"]
REGION_COLUMNS = ["region_id", "region", "country_code", "adm0_a3", "country_name", "geometry"]


def _lower_columns(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    geometry = frame.geometry.name
    frame = frame.rename(columns={c: c.lower() for c in frame.columns if c != geometry})
    return frame.set_geometry(geometry)


def _valid_code(codes: pd.Series) -> pd.Series:
    """Natural Earth writes -99 / -1 for 'no code'."""
    codes = codes.astype("str").str.strip()
    return codes.where(~codes.isin(["-99", "-1", "", "-99.0"]))


def repair_geometries(
    frame: gpd.GeoDataFrame, report: StageReport, step: str, id_column: str
) -> gpd.GeoDataFrame:
    """Project to WGS84, drop (counted) polygons reaching outside the globe's coordinate
    range, repair invalid polygons with ``shapely.make_valid`` (keeping the polygonal
    parts), and drop, counted, rows whose geometry is missing, empty or not polygonal after
    repair."""
    if frame.crs is None:
        frame = frame.set_crs(WGS84)  # GeoJSON/TopoJSON are WGS84 by definition
    elif frame.crs.to_string() != WGS84:
        frame = frame.to_crs(WGS84)
    bounds = frame.geometry.bounds
    outside = (
        (bounds["minx"] < -180)
        | (bounds["maxx"] > 180)
        | (bounds["miny"] < -90)
        | (bounds["maxy"] > 90)
    )
    report.count(
        step,
        "dropped",
        int(outside.sum()),
        "coordinates out of range (|latitude| > 90 or |longitude| > 180)",
        frame.loc[outside, id_column],
    )
    frame = frame.loc[~outside]
    geometry = frame.geometry.copy()
    crossing = geometry.map(crosses_antimeridian, na_action="ignore").fillna(False).astype(bool)
    report.count(
        step,
        "repaired",
        int(crossing.sum()),
        "polygon drawn across the antimeridian: split at 180°",
        frame.loc[crossing, id_column],
    )
    if crossing.any():
        geometry.loc[crossing] = [split_at_antimeridian(g) for g in geometry[crossing]]
    invalid = geometry.notna() & ~geometry.is_empty & ~geometry.is_valid
    report.count(
        step,
        "repaired",
        int(invalid.sum()),
        "invalid geometry: make_valid",
        frame.loc[invalid, id_column],
    )
    if invalid.any():
        repaired = shapely.make_valid(geometry[invalid].to_numpy())
        polygons = [_polygonal(g) for g in repaired]
        geometry.loc[invalid] = polygons
    frame = frame.set_geometry(geometry)
    usable = (
        geometry.notna() & ~geometry.is_empty & geometry.geom_type.isin(["Polygon", "MultiPolygon"])
    )
    collections = geometry.geom_type == "GeometryCollection"
    if collections.any():  # e.g. polygons stored beside stray lines: keep the polygons
        geometry.loc[collections] = [_polygonal(g) for g in geometry[collections]]
        frame = frame.set_geometry(geometry)
        usable = (
            geometry.notna()
            & ~geometry.is_empty
            & geometry.geom_type.isin(["Polygon", "MultiPolygon"])
        )
    return report.filter(step, frame, usable, "missing, empty or unrepairable geometry", id_column)


def _shifted_east(part):
    """``part`` with its western longitudes moved east by 360° (so 170°E..170°W reads
    170..190)."""
    return shapely.transform(
        part, lambda xy: np.where(xy[:, :1] < 0, xy + np.array([360.0, 0.0]), xy)
    )


def _crossing_part(part) -> bool:
    """Is a polygon drawn across 180°? Its outer ring jumps more than 180° of longitude
    between two vertices an even number of times, and read with its western longitudes
    moved east it spans less than 180° (and more than nothing). A ring around a pole,
    Antarctica's, jumps an odd number of times, or closes along the map's edge and
    collapses onto 180° when moved: it is right as it is."""
    longitudes = shapely.get_coordinates(part.exterior)[:, 0]
    jumps = int((np.abs(np.diff(longitudes)) > 180).sum())
    if jumps == 0 or jumps % 2:
        return False
    west, _, east, _ = _shifted_east(part).bounds
    return 0 < east - west < 180


def crosses_antimeridian(geometry) -> bool:
    """True when a part of ``geometry`` is drawn across the 180° meridian.

    Such a ring (Chukotka, Fiji, in the world-atlas and Natural Earth files) jumps from
    about +180° to -180°, so in plain longitude/latitude it covers the whole band of the
    globe between its latitudes: it draws a streak across every map, and the country's
    polygon then contains points of other countries (in world-atlas' 50m countries,
    Russia's contains Bodø in Norway and Rovaniemi in Finland).
    """
    if (
        geometry is None
        or geometry.is_empty
        or geometry.geom_type not in ("Polygon", "MultiPolygon")
    ):
        return False
    return any(_crossing_part(part) for part in shapely.get_parts(geometry))


def split_at_antimeridian(geometry):
    """``geometry`` with each part drawn across 180° cut there: the part's western
    longitudes are moved east by 360°, and the pieces beyond 180° moved back by 360°."""
    east, west = shapely.box(-180, -90, 180, 90), shapely.box(180, -90, 540, 90)
    pieces = []
    for part in shapely.get_parts(geometry):
        if not _crossing_part(part):
            pieces.append(part)
            continue
        shifted = shapely.make_valid(_shifted_east(part))
        pieces.append(shapely.intersection(shifted, east))
        pieces.append(shapely.affinity.translate(shapely.intersection(shifted, west), -360))
    polygons = [
        p
        for piece in pieces
        for p in shapely.get_parts(piece)
        if p.geom_type == "Polygon" and not p.is_empty
    ]
    return shapely.MultiPolygon(polygons)  # an invalid input part is repaired below


def _polygonal(geometry):
    """The polygonal part of a (repaired) geometry, or None."""
    if geometry is None:
        return None
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        return geometry
    parts = [p for p in shapely.get_parts(geometry) if p.geom_type in ("Polygon", "MultiPolygon")]
    if not parts:
        return None
    return shapely.union_all(parts)


def clean_countries(admin0: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """Admin-0 polygons as ``countries`` (country_code ISO A2, adm0_a3, country_name).

    Natural Earth layers give ``ISO_A2``/``ADM0_A3``/``NAME`` (``-99`` codes filled from
    the ISO table by ``ADM0_A3``); world-atlas TopoJSON gives the ISO numeric ``id`` and
    ``name``, mapped through the ISO table (by name when the id is missing, e.g. Kosovo).
    Units with no code at all are dropped and counted; bad geometries too.
    """
    report = StageReport("ingestion")
    frame = _lower_columns(admin0)
    name = frame["name"] if "name" in frame else frame.get("admin")
    if "adm0_a3" in frame:
        a3 = _valid_code(frame["adm0_a3"]).str.upper()
        a2 = _valid_code(frame["iso_a2"]) if "iso_a2" in frame else pd.Series(pd.NA, frame.index)
        a2 = a2.astype("str").fillna(alpha3_to_alpha2(a3))
    elif "id" in frame:
        a2 = numeric_to_alpha2(frame["id"]).fillna(name_to_alpha2(name))
        a3 = alpha2_to_alpha3(a2).fillna(name_key(name).map(NATURAL_EARTH_ONLY_A3))
    else:
        raise ValueError(
            "admin-0 layer has neither ADM0_A3 nor an ISO numeric id; columns: "
            f"{list(admin0.columns)}"
        )
    frame = gpd.GeoDataFrame(
        {
            "country_code": a2.astype("str"),
            "adm0_a3": a3.astype("str"),
            "country_name": name.astype("str").fillna(alpha2_to_name(a2)),
        },
        geometry=frame.geometry.to_numpy(),
        crs=frame.crs,
        index=frame.index,
    )
    frame["example"] = frame["country_name"].fillna("?")
    step = "natural earth: countries"
    frame = report.filter(step, frame, frame["adm0_a3"].notna(), "no country code", "example")
    frame = repair_geometries(frame, report, step, "example")
    return frame[COUNTRY_COLUMNS].reset_index(drop=True), report.to_frame()


def clean_regions(admin1: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """Admin-1 polygons as ``regions`` (the study's regions, section 2.1.3).

    ``region_id`` is ``adm1_code``; where it is missing (the older Natural Earth US states
    carry only ``name`` and ``adm0_a3``) it is made as ``<adm0_a3>-<name>`` (counted).
    ``country_code`` from ``iso_a2``, else from ``adm0_a3`` through the ISO table;
    ``country_name`` from ``admin``, else the ISO name. A region without ``adm0_a3``, a
    duplicate ``region_id`` or a bad geometry is dropped and counted.
    """
    report = StageReport("ingestion")
    frame = _lower_columns(admin1)
    if "adm0_a3" not in frame or "name" not in frame:
        raise ValueError(
            f"admin-1 layer needs adm0_a3 and name attributes; columns: {list(admin1.columns)}"
        )
    a3 = _valid_code(frame["adm0_a3"]).str.upper()
    a2 = _valid_code(frame["iso_a2"]) if "iso_a2" in frame else pd.Series(pd.NA, frame.index)
    a2 = a2.astype("str").fillna(alpha3_to_alpha2(a3))
    name = frame["name"].astype("str")
    for fallback in ("name_alt", "woe_name", "adm1_code"):
        if fallback in frame:
            name = name.fillna(frame[fallback].astype("str"))
    code = (
        _valid_code(frame["adm1_code"])
        if "adm1_code" in frame
        else pd.Series(pd.NA, frame.index, dtype="str")
    )
    made = code.isna() & a3.notna() & name.notna()
    code = code.fillna(a3 + "-" + name)
    report.count(
        "natural earth: regions",
        "filled",
        int(made.sum()),
        "no adm1_code: region_id made as <adm0_a3>-<name>",
        code[made],
    )
    country_name = (
        frame["admin"].astype("str")
        if "admin" in frame
        else pd.Series(pd.NA, frame.index, dtype="str")
    )
    frame = gpd.GeoDataFrame(
        {
            "region_id": code,
            "region": name.fillna(code),
            "country_code": a2.astype("str"),
            "adm0_a3": a3,
            "country_name": country_name.fillna(alpha2_to_name(a2)).fillna(a3),
        },
        geometry=frame.geometry.to_numpy(),
        crs=frame.crs,
        index=frame.index,
    )
    step = "natural earth: regions"
    frame["example"] = frame["region_id"].fillna(frame["region"]).fillna("?")
    frame = filter_checks(
        report,
        step,
        frame,
        [
            (
                lambda f: f["adm0_a3"].notna() & f["region_id"].notna(),
                "no country code (adm0_a3)",
                "example",
            ),
            (lambda f: ~f["region_id"].duplicated(), "duplicate region_id", "region_id"),
        ],
    )
    frame = repair_geometries(frame, report, step, "region_id")
    return frame[REGION_COLUMNS].reset_index(drop=True), report.to_frame()
