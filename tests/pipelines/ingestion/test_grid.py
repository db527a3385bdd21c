import pytest
from kedro_datasets.partitions import PartitionedDataset

from dl_geography.pipelines.ingestion.geonames import clean_places
from dl_geography.pipelines.ingestion.grid import city_key, parse_grid_release
from dl_geography.pipelines.ingestion.institute_columns import INSTITUTE_COLUMNS, NAME_COLUMNS
from tests.pipelines.ingestion.fixtures import PLACES, write_grid_release

LOAD_ARGS = {"dtype": str, "keep_default_na": False, "na_values": [""]}


def release(path):
    return PartitionedDataset(
        path=str(path),
        filename_suffix=".csv",
        dataset={"type": "pandas.CSVDataset", "load_args": LOAD_ARGS},
    ).load()


def counted(report, reason):
    return int(report.loc[report["reason"] == reason, "count"].item())


def test_grid_release_placed_by_gazetteer(tmp_path):
    places, _ = clean_places(PLACES)
    institutes, names, report = parse_grid_release(release(write_grid_release(tmp_path)), places)
    rows = institutes.set_index("institute_id")
    # Cambridge, Massachusetts: the state picks the right one of two US Cambridges
    assert rows.loc["grid.116068.8", ["latitude", "longitude"]].tolist() == pytest.approx(
        [42.3751, -71.10561]
    )
    assert rows.loc["grid.5335.0", "latitude"] == pytest.approx(52.2)
    # "St Louis" (GRID) meets "St. Louis" (GeoNames)
    assert rows.loc["grid.4367.6", "latitude"] == pytest.approx(38.62727)
    assert rows.loc["grid.116068.8", "country_code"] == "US"
    assert rows.loc["grid.116068.8", "country_name"] == "United States"
    assert list(rows.loc["grid.4991.5", "types"]) == ["education"]
    assert rows.loc["grid.4991.5", "grid_id"] == "grid.4991.5"
    assert (rows["n_locations"] == 1).all() and (rows["status"] == "active").all()
    assert rows["latitude"].isna().sum() == 1  # Atlantis
    assert counted(report, "no coordinates (city not in the gazetteer): kept, NaN") == 1
    assert dict(institutes.dtypes.astype(str)) == INSTITUTE_COLUMNS
    kinds = names.groupby("kind")["name"].agg(sorted).to_dict()
    assert kinds["alias"] == ["Oxford University"]
    assert kinds["acronym"] == ["MIT", "NA"]  # "NA" is an acronym, not a missing value
    assert len(kinds["display"]) == 5
    assert dict(names.dtypes.astype(str)) == NAME_COLUMNS


def test_grid_release_with_addresses_uses_them(tmp_path):
    places, _ = clean_places(PLACES)
    institutes, _, _ = parse_grid_release(
        release(write_grid_release(tmp_path, with_addresses=True)), places
    )
    rows = institutes.set_index("institute_id")
    assert rows.loc["grid.4991.5", "latitude"] == pytest.approx(51.75)
    assert rows.loc["grid.116068.8", "longitude"] == pytest.approx(-71.09)
    assert rows["latitude"].isna().sum() == 3  # not in addresses: NaN, not guessed


def test_city_key():
    assert city_key(
        __import__("pandas").Series(["St. Louis", "Saint-Louis", "Zürich"])
    ).tolist() == ["saint louis", "saint louis", "zurich"]


@pytest.mark.shared_data
def test_real_grid_2016_release(shared_data):
    import pandas as pd

    cities = pd.read_csv(shared_data / "natural_earth" / "geonames_cities1000.csv.gz", **LOAD_ARGS)
    places, _ = clean_places(cities)
    institutes, names, report = parse_grid_release(
        release(shared_data / "grid" / "release_2016-02"), places
    )
    assert len(institutes) == 54310
    assert institutes["country_code"].notna().all()
    assert institutes["latitude"].notna().mean() > 0.9
    rows = institutes.set_index("institute_id")
    for grid_id, country, lat, lon in [
        ("grid.5335.0", "GB", 52.2, 0.12),
        ("grid.116068.8", "US", 42.37, -71.1),
        ("grid.12527.33", "CN", 39.9, 116.4),
        ("grid.1002.3", "AU", -37.8, 144.96),
    ]:
        assert rows.loc[grid_id, "country_code"] == country
        assert rows.loc[grid_id, ["latitude", "longitude"]].tolist() == pytest.approx(
            [lat, lon], abs=0.5
        )
    assert {"display", "alias", "acronym"} <= set(names["kind"])
    assert counted(report, "no coordinates (city not in the gazetteer): kept, NaN") > 0


def test_loose_second_pass_for_exonyms_affixes_and_digraphs(tmp_path):
    import pandas as pd

    folder = tmp_path / "r"
    (folder / "full_tables").mkdir(parents=True)
    (folder / "grid.csv").write_text(
        '"ID",Name,City,State,Country\n'
        "grid.1.a,Politecnico,Milan,,Italy\n"
        "grid.2.b,Laval,Quebec City,Quebec,Canada\n"
        "grid.3.c,Uni Köln,Köln,,Germany\n"
        "grid.4.d,Uni Tromsø,Tromsø,,Norway\n"
    )
    places, _ = clean_places(
        pd.DataFrame(
            {
                "lat": ["45.46", "46.81", "50.93", "69.65"],
                "lon": ["9.19", "-71.21", "6.95", "18.96"],
                "name": ["Milano", "Quebec", "Koeln", "Tromso"],
                "admin1": ["Lombardy", "Quebec", "North Rhine-Westphalia", "Troms"],
                "cc": ["IT", "CA", "DE", "NO"],
            }
        )
    )
    institutes, _, report = parse_grid_release(release(folder), places)
    assert institutes["latitude"].tolist() == pytest.approx([45.46, 46.81, 50.93, 69.65])
    loose = report.loc[report["reason"].str.startswith("loose city name")]
    assert loose["count"].item() == 3  # Tromsø meets Tromso already in the first pass
