"""ROR, Natural Earth, GeoNames and CrunchBase: downloads through faults, checks, converters."""

import json

import pandas as pd
import pytest

from dl_geography.datasets import JSONDocumentDataset
from dl_geography.sources import crunchbase, geonames, natural_earth, ror
from tests.sources import real_files
from tests.sources.fixture_server import Fault, Reply

ZIP = "application/zip"


@pytest.mark.shared_data
def test_grid_to_ror_on_real_records(shared_data):
    mapping = ror.grid_to_ror(real_files.ror_records(shared_data))
    assert list(mapping.columns) == ["grid_id", "ror_id", "preferred"]
    assert mapping["grid_id"].is_unique and len(mapping) >= 15
    row = mapping.set_index("grid_id").loc["grid.453025.5"]
    assert row["ror_id"] == "https://ror.org/02atag894" and row["preferred"]


def test_grid_to_ror_schema_v1_and_conflicts():
    records = [
        {
            "id": "https://ror.org/01",
            "external_ids": {"GRID": {"preferred": "grid.1.0", "all": "grid.1.0"}},
        },
        {
            "id": "https://ror.org/02",
            "external_ids": [
                {"type": "grid", "all": ["grid.1.0", "grid.2.0"], "preferred": "grid.2.0"}
            ],
        },
        {"id": "https://ror.org/03", "external_ids": [{"type": "isni", "all": ["0000"]}]},
    ]
    mapping = ror.grid_to_ror(records).set_index("grid_id")["ror_id"].to_dict()
    # grid.1.0 is preferred by 01 and only listed by 02: 01 keeps it.
    assert mapping == {"grid.1.0": "https://ror.org/01", "grid.2.0": "https://ror.org/02"}


@pytest.mark.shared_data
def test_ror_dump_from_zenodo_through_faults(server, session, shared_data, tmp_path):
    release = real_files.ror_zip(shared_data, tmp_path / f"{real_files.RELEASE}.zip")
    file_url = f"{server.url}/records/1234/files/{real_files.RELEASE}.zip"
    search = {
        "hits": {
            "hits": [
                {
                    "id": 1234,
                    "files": [
                        {
                            "key": f"{real_files.RELEASE}.zip",
                            "size": release.stat().st_size,
                            "links": {"self": file_url},
                        }
                    ],
                }
            ],
            "total": 40,
        }
    }
    api = server.add(
        "/api/communities/ror-data/records",
        {"q": "", "sort": "newest", "size": "1"},
        Reply(body=json.dumps(search).encode(), content_type="application/json"),
    )
    dump = server.add(
        f"/records/1234/files/{real_files.RELEASE}.zip",
        {},
        Reply(body=release.read_bytes(), content_type=ZIP),
    )
    server.inject(api, Fault("status", 503, {"Retry-After": "1"}))
    server.inject(dump, Fault("truncate"))
    name, url = ror.find_latest_dump(session, f"{server.url}/api/communities/ror-data/records")
    assert (name, url) == (f"{real_files.RELEASE}.zip", file_url)
    path = ror.fetch_dump(session, tmp_path / "raw" / "ror", url)
    note = json.loads((tmp_path / "raw" / "ror" / "ror-data.release.json").read_text())
    assert note["release"] == f"{real_files.RELEASE}.zip" and note["schema"] == "v2"
    # The ingestion dataset reads the kept zip: its schema-v2 member.
    loaded = JSONDocumentDataset(filepath=str(path)).load()
    assert [r["id"] for r in loaded] == [r["id"] for r in real_files.ror_records(shared_data)]
    assert ror.load_records(path) == loaded


@pytest.mark.shared_data
def test_natural_earth_zips_download_and_check(server, session, shared_data, tmp_path):
    admin0, admin1 = real_files.natural_earth_zips(shared_data, tmp_path / "made", tmp_path)
    key0 = server.add(
        "/naturalearth/10m/cultural/ne_10m_admin_0_countries.zip",
        {},
        Reply(body=admin0.read_bytes(), content_type=ZIP),
    )
    server.add(
        "/naturalearth/10m/cultural/ne_10m_admin_1_states_provinces.zip",
        {},
        Reply(body=admin1.read_bytes(), content_type=ZIP),
    )
    server.inject(key0, Fault("status", 429, {"Retry-After": "2"}), Fault("truncate"))
    mirrors = (
        f"{server.url}/missing/{{name}}.zip",  # a dead mirror first: 404, next one
        f"{server.url}/naturalearth/10m/cultural/{{name}}.zip",
    )
    paths = natural_earth.fetch_layers(session, tmp_path / "raw", mirrors=mirrors)
    info = natural_earth.check_layer(paths["admin1"], "admin1")
    assert info["features"] > 20
    assert natural_earth.check_layer(paths["admin0"], "admin0")["features"] == 2
    with pytest.raises(ValueError, match="adm1_code"):
        natural_earth.check_layer(paths["admin0"], "admin1")


def test_geonames_cities_converted_to_the_sample_layout(server, session, tmp_path):
    keys = {
        name: server.add(f"/export/dump/{name}", {}, Reply(body=body, content_type=ZIP))
        for name, body in real_files.geonames_files().items()
    }
    server.inject(keys["cities1000.zip"], Fault("stall", seconds=0.6))
    out = geonames.fetch_cities(
        session, tmp_path, "cities1000", base_url=f"{server.url}/export/dump/"
    )
    table = pd.read_csv(out, dtype=str, keep_default_na=False, na_values=[""])
    assert list(table.columns[:6]) == ["lat", "lon", "name", "admin1", "admin2", "cc"]
    by_name = table.set_index("name")
    assert by_name.loc["Oxford", ["admin1", "admin2", "cc"]].tolist() == [
        "England",
        "Oxfordshire",
        "GB",
    ]
    assert by_name.loc["Windhoek", "cc"] == "NA"  # Namibia survives as a string
    assert by_name.loc["Gävle-ish", "asciiname"] == "Gavle-ish"
    assert by_name.loc["Gävle-ish", "admin1"] == "Gavleborg"
    assert len(table) == len(real_files.GEONAMES_ROWS)


def test_crunchbase_export_checked_and_installed(tmp_path):
    with pytest.raises(FileNotFoundError, match="licence"):
        crunchbase.check_export(tmp_path / "nothing")
    export = real_files.crunchbase_export(tmp_path / "export")
    paths = crunchbase.install_export(export, tmp_path / "raw" / "crunchbase", link=True)
    assert sorted(paths) == ["organization_descriptions.csv", "organizations.csv"]
    assert paths["organizations.csv"].is_symlink()
    (export / "organization_descriptions.csv").write_text("uuid,name\n1,x\n")
    with pytest.raises(ValueError, match="description"):
        crunchbase.check_export(export)


@pytest.mark.shared_data
def test_ror_command_prints_progress_and_keeps_the_old_dump_on_failure(
    server, shared_data, tmp_path, capsys
):
    from dl_geography.sources.__main__ import main

    release = real_files.ror_zip(shared_data, tmp_path / f"{real_files.RELEASE}.zip")
    server.add(f"/{release.name}", {}, Reply(body=release.read_bytes(), content_type=ZIP))
    server.add("/broken.zip", {}, Reply(body=b"PK not a zip", content_type=ZIP))
    common = ["--raw-root", str(tmp_path / "raw"), "--interval", "0"]
    assert main(["ror", "--source", f"{server.url}/{release.name}", "--grid-map", *common]) == 0
    err = capsys.readouterr().err
    assert "ROR dump:" in err and "MB" in err and "GRID -> ROR pairs" in err
    kept = (tmp_path / "raw" / "ror" / "ror-data.zip").read_bytes()
    assert main(["ror", "--source", f"{server.url}/broken.zip", *common]) == 1
    assert "error:" in capsys.readouterr().err
    assert (tmp_path / "raw" / "ror" / "ror-data.zip").read_bytes() == kept
    assert not list((tmp_path / "raw" / "ror").glob(".incoming-*"))
