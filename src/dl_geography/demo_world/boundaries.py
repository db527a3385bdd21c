"""Approximate admin-0 / admin-1 boundaries: a Voronoi tessellation of the gazetteer.

Every gazetteer city is a Voronoi site (planar, in degrees). A region is the union of
its cities' cells, clipped to a disc of ``COUNTRY_RADIUS`` degrees around each of its
country's cities; a country is the union of its regions. So shapes are blobs around the
real research cities, with real names and codes, not the real borders.
"""

import json
from functools import lru_cache

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import MultiPoint, Point, Polygon, mapping

from dl_geography.demo_world import gazetteer

COUNTRY_RADIUS = 2.0
DESCRIPTION = (
    "Synthetic demo-world boundaries (dl-geography): APPROXIMATE polygons, a "
    "Voronoi tessellation of a gazetteer of research cities, unioned by region "
    "and country and clipped to 2 degrees around each country's cities. Real "
    "names and ISO codes; adm1_code values are invented. Not real borders."
)
# A deliberately invalid (self-intersecting) polygon, to exercise the ingestion report.
BAD_REGION = {
    "adm1_code": "IMN-9001",
    "name": "Isle of Man",
    "admin": "Isle of Man",
    "adm0_a3": "IMN",
    "iso_a2": "IM",
}


@lru_cache(maxsize=1)
def _region_polygons() -> pd.DataFrame:
    """One row per gazetteer region: ``region_id, region, country_code, adm0_a3,
    country_name, geometry`` (shapely, EPSG:4326)."""
    cities = gazetteer.cities()
    xy = cities[["lon", "lat"]].to_numpy()
    extent = Polygon([(-180, -85), (180, -85), (180, 85), (-180, 85)])
    cells = shapely.voronoi_polygons(MultiPoint(xy), extend_to=extent, ordered=True)
    cells = np.array(list(cells.geoms), dtype=object)
    discs = shapely.buffer(shapely.points(xy), COUNTRY_RADIUS, quad_segs=8)
    country_disc = {
        cc: shapely.union_all(discs[idx])
        for cc, idx in cities.groupby("country_code").indices.items()
    }
    clipped = shapely.intersection(
        cells, np.array([country_disc[c] for c in cities["country_code"]], dtype=object)
    )
    regions = gazetteer.regions()
    key = cities["country_code"] + "|" + cities["region"]
    geoms = {k: shapely.union_all(clipped[idx]) for k, idx in key.groupby(key).indices.items()}
    out = regions[["region_id", "region", "country_code", "adm0_a3", "country_name"]].copy()
    out["geometry"] = [
        shapely.set_precision(geoms[f"{c}|{r}"], 1e-5)
        for c, r in zip(out["country_code"], out["region"], strict=False)
    ]
    return out


def region_polygons() -> pd.DataFrame:
    """One row per gazetteer region: ``region_id, region, country_code, adm0_a3,
    country_name, geometry`` (shapely, EPSG:4326). Computed once per process."""
    return _region_polygons().copy()


def country_polygons(regions: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for (cc, a3, name), group in regions.groupby(
        ["country_code", "adm0_a3", "country_name"], sort=False
    ):
        geom = shapely.set_precision(shapely.union_all(group["geometry"].to_numpy()), 1e-5)
        rows.append({"country_code": cc, "adm0_a3": a3, "country_name": name, "geometry": geom})
    return pd.DataFrame(rows)


def offshore_points(
    regions: pd.DataFrame, sites: pd.DataFrame, rng: np.random.Generator
) -> pd.DataFrame:
    """For each site (``lat, lon, region_id``), a point outside every polygon whose nearest
    polygon is the site's own region (for a nearest-polygon placement rule)."""
    tree = shapely.STRtree(regions["geometry"].to_numpy())
    all_geoms = shapely.union_all(regions["geometry"].to_numpy())
    region_of = dict(zip(regions["region_id"], range(len(regions)), strict=False))
    out = []
    for site in sites.itertuples(index=False):
        own = regions["geometry"].iloc[region_of[site.region_id]]
        found = None
        for angle in rng.permutation(np.linspace(0, 2 * np.pi, 24, endpoint=False)):
            # From the site, walk out until outside everything, then a little further.
            for dist in np.arange(0.2, 4.0, 0.05):
                p = Point(site.lon + dist * np.cos(angle), site.lat + dist * np.sin(angle))
                if not all_geoms.covers(p):
                    p = Point(
                        site.lon + (dist + 0.05) * np.cos(angle),
                        site.lat + (dist + 0.05) * np.sin(angle),
                    )
                    break
            if all_geoms.covers(p):
                continue
            nearest = tree.nearest(p)
            if nearest == region_of[site.region_id] and own.distance(p) < 0.5:
                found = p
                break
        if found is not None:
            out.append((round(found.y, 5), round(found.x, 5)))
        else:
            out.append((np.nan, np.nan))
    return pd.DataFrame(out, columns=["lat", "lon"], index=sites.index)


def _feature_collection(name: str, frame: pd.DataFrame, props: list[str]) -> dict:
    features = []
    for row in frame.itertuples(index=False):
        d = row._asdict()
        features.append(
            {
                "type": "Feature",
                "properties": {p: d[p] for p in props},
                "geometry": d["geometry"]
                if isinstance(d["geometry"], dict)
                else mapping(d["geometry"]),
            }
        )
    return {
        "type": "FeatureCollection",
        "name": name,
        "description": DESCRIPTION,
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
        "features": features,
    }


def write(regions: pd.DataFrame, out_dir) -> list[dict]:
    """Write the two GeoJSON files; return the deliberately malformed features."""
    countries = country_polygons(regions)
    admin0 = countries.rename(
        columns={"adm0_a3": "ADM0_A3", "country_code": "ISO_A2", "country_name": "NAME"}
    )
    admin0["description"] = DESCRIPTION
    admin1 = regions.rename(
        columns={
            "region_id": "adm1_code",
            "region": "name",
            "country_name": "admin",
            "country_code": "iso_a2",
        }
    )
    bad = dict(BAD_REGION)
    bad["geometry"] = {
        "type": "Polygon",
        "coordinates": [[[-4.8, 54.0], [-4.3, 54.4], [-4.3, 54.0], [-4.8, 54.4], [-4.8, 54.0]]],
    }
    admin1 = pd.concat([admin1, pd.DataFrame([bad])], ignore_index=True)
    admin1["description"] = DESCRIPTION
    out_dir.mkdir(parents=True, exist_ok=True)
    for fname, frame, props in [
        ("ne_10m_admin_0_countries.geojson", admin0, ["ADM0_A3", "ISO_A2", "NAME", "description"]),
        (
            "ne_10m_admin_1_states_provinces.geojson",
            admin1,
            ["adm1_code", "name", "admin", "adm0_a3", "iso_a2", "description"],
        ),
    ]:
        collection = _feature_collection(fname.split(".")[0], frame, props)
        (out_dir / fname).write_text(
            json.dumps(collection, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )
    return [
        {
            "source": "natural_earth",
            "id": BAD_REGION["adm1_code"],
            "problem": "invalid geometry (self-intersecting polygon)",
        }
    ]
