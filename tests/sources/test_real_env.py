"""End to end on the `real` environment: every connector fills data/01_raw/real from the
local replay server, then `kedro run --env real --pipelines ingestion` reads it all."""

import json

import pytest

from dl_geography.sources import geonames, natural_earth
from dl_geography.sources.__main__ import main
from dl_geography.sources.openalex import Paper
from tests.conftest import KedroProject
from tests.sources import real_files
from tests.sources.fixture_server import Reply
from tests.sources.oai_fixtures import raw_record, serve_harvest
from tests.sources.openalex_fixtures import work, works_page

pytestmark = pytest.mark.shared_data

CS = [
    raw_record(
        f"2501.{n:05d}",
        "2026-01-05",
        title=f"Deep networks {n}",
        categories="cs.LG cs.CV",
        versions=(f"Mon, {n} Jan 2025 10:00:00 GMT", "Tue, 4 Mar 2025 10:00:00 GMT"),
    )
    for n in range(1, 8)
]
# stat.ML records, one cross-listed with cs (so also in the cs set), one stat.ML only.
STAT = [
    CS[0],
    raw_record(
        "2502.00001",
        "2026-01-06",
        categories="stat.ML math.ST",
        versions=("Sat, 1 Feb 2025 09:00:00 GMT",),
    ),
]


@pytest.fixture
def project(tmp_path, shared_data):
    return KedroProject(tmp_path / "kedro", env="real")


def test_connectors_fill_the_real_environment(project, server, shared_data, tmp_path, capsys):
    raw = project.root / "data" / "01_raw" / "real"
    common = ["--raw-root", str(raw), "--interval", "0"]

    serve_harvest(server, CS, per_page=3)
    serve_harvest(server, STAT, per_page=3, set_spec="stat:stat:ML", token_base="88")
    assert main(["arxiv", "harvest", "--endpoint", f"{server.url}/oai", *common]) == 0
    snapshot = raw / "arxiv" / "arxiv-metadata-oai-snapshot.json"
    exported = [json.loads(line) for line in snapshot.read_text().splitlines()]
    assert len(exported) == 8  # the cross-listed paper once

    papers = [Paper(r["id"], r["title"], r["doi"]) for r in exported]
    batch = "doi:" + "|".join(sorted(d for p in papers for d in p.dois()))
    found = [
        work(
            f"W{n}",
            f"10.48550/arxiv.2501.{n:05d}",
            f"Deep networks {n}",
            source_type="repository",
            arxiv_id=f"2501.{n:05d}",
        )
        for n in range(1, 4)
    ]
    server.add(
        "/works",
        {"filter": batch, "per_page": "100", "cursor": "*", "select": ",".join(found[0])},
        Reply(body=works_page(found, 3, None), content_type="application/json"),
    )
    creds = tmp_path / "credentials.yml"
    creds.write_text("openalex:\n  api_key: real-env-key\n")
    assert (
        main(
            [
                "openalex",
                "--credentials",
                str(creds),
                "--api-url",
                server.url,
                "--no-title-search",
                *common,
            ]
        )
        == 0
    )
    assert "real-env-key" not in capsys.readouterr().err

    release = real_files.ror_zip(shared_data, tmp_path / f"{real_files.RELEASE}.zip")
    assert main(["ror", "--source", str(release), "--grid-map", *common]) == 0

    admin0, admin1 = real_files.natural_earth_zips(shared_data, tmp_path / "ne", tmp_path)
    for path in (admin0, admin1):
        server.add(f"/ne/{path.name}", {}, Reply(body=path.read_bytes()))
    from dl_geography.sources.http import PoliteSession

    with PoliteSession(backoff=0) as session:
        natural_earth.fetch_layers(
            session, raw / "natural_earth", mirrors=(f"{server.url}/ne/{{name}}.zip",)
        )
        for name, body in real_files.geonames_files().items():
            server.add(f"/dump/{name}", {}, Reply(body=body))
        geonames.fetch_cities(session, raw / "geonames", base_url=f"{server.url}/dump/")

    export = real_files.crunchbase_export(tmp_path / "cb")
    assert main(["crunchbase", "--export-dir", str(export), *common]) == 0

    pages = project.load("arxiv_oai_pages_raw")
    assert sorted(pages) == [
        "cs_cs/all_00001",
        "cs_cs/all_00002",
        "cs_cs/all_00003",
        "stat_stat_ML/all_00001",
    ]
    assert "<ListRecords>" in pages["cs_cs/all_00001"]()

    project.run(pipeline_names=["ingestion"])
    loaded = project.load("papers")
    assert len(loaded) == 8
    first = loaded.set_index("paper_id").loc["2501.00003"]
    assert str(first["created"].date()) == "2025-01-03"  # the first version's date
    assert sorted(project.load("works")["work_id"]) == ["W1", "W2", "W3"]
    authorships = project.load("authorships")
    assert len(authorships) == 3
    assert set(authorships["ror_id"]) == {"https://ror.org/052gg0110"}
    assert set(first["subjects"]) == {"cs.LG", "cs.CV"} and first["n_authors"] == 2
    assert len(project.load("institutes")) == len(real_files.ror_records(shared_data))
    assert len(project.load("places")) == len(real_files.GEONAMES_ROWS)
    assert sorted(project.load("countries")["country_code"]) == ["GB", "IE"]
    assert len(project.load("regions")) > 20
    assert len(project.load("organizations")) == 2


def test_cli_defaults_come_from_the_settings_file(tmp_path):
    import shutil

    from dl_geography.sources.__main__ import build_parser, load_settings
    from tests.conftest import PROJECT_ROOT

    settings = load_settings(PROJECT_ROOT / "conf", "real")
    assert settings["arxiv"]["interval_seconds"] == 3.0
    assert settings["raw_root"] == "data/01_raw/real"
    # an environment of one's own overrides one key through the loader (soft merge)
    conf = tmp_path / "conf"
    shutil.copytree(PROJECT_ROOT / "conf", conf, ignore=shutil.ignore_patterns("local"))
    (conf / "mine").mkdir()
    (conf / "mine" / "parameters_sources.yml").write_text(
        (conf / "real" / "parameters_sources.yml")
        .read_text()
        .replace('sets: ["cs:cs", "stat:stat:ML"]', "sets: ['cs:cs:LG']")
    )
    (conf / "mine" / "globals.yml").write_text("raw_root: elsewhere\n")
    args = build_parser(load_settings(conf, "mine")).parse_args(["arxiv", "harvest"])
    assert args.sets == ["cs:cs:LG"] and args.metadata_prefix == "arXivRaw"
    assert load_settings(conf, "mine")["raw_root"] == "elsewhere"
    with pytest.raises(ValueError, match="no `sources` parameters"):
        load_settings(conf, "sample")
    from dl_geography.sources.__main__ import main

    assert main(["--conf-source", str(conf), "--env", "sample", "ror"]) == 1


def test_openalex_command_stops_before_an_expensive_run(server, tmp_path, capsys):
    papers = tmp_path / "papers.json"
    papers.write_text(
        "".join(
            json.dumps({"id": f"2501.{n:05d}", "title": f"t{n}", "doi": None}) + "\n"
            for n in range(2000)
        )
    )
    creds = tmp_path / "credentials.yml"
    creds.write_text("openalex:\n  api_key: k\n")
    code = main(
        [
            "openalex",
            "--papers",
            str(papers),
            "--credentials",
            str(creds),
            "--api-url",
            server.url,
            "--raw-root",
            str(tmp_path / "raw"),
        ]
    )
    err = capsys.readouterr().err
    assert code == 2 and "up to 2,000 title searches ($2.00)" in err and "--yes" in err
    assert server.requests == []


def test_openalex_command_needs_the_key(tmp_path, capsys):
    code = main(
        ["openalex", "--credentials", str(tmp_path / "none.yml"), "--raw-root", str(tmp_path)]
    )
    assert code == 1 and "openalex.org/settings/api" in capsys.readouterr().err


def test_atom_api_command_writes_snapshot_records(server, shared_data, tmp_path):
    fixture = json.loads(
        (
            shared_data / "arxiv" / "api_fixtures" / "id_1605.08386_s0_m100_199195aa31ad.json"
        ).read_text()
    )
    from urllib.parse import urlsplit

    parts = urlsplit(fixture["url"])
    server.add(parts.path, parts.query, Reply(body=fixture["body"].encode()))
    out = tmp_path / "api.json"
    assert (
        main(
            [
                "arxiv",
                "api",
                "--id-list",
                "1605.08386",
                "--api-url",
                f"{server.url}/api/query",
                "--interval",
                "0",
                "--output",
                str(out),
                "--raw-root",
                str(tmp_path),
            ]
        )
        == 0
    )
    (record,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert record["id"] == "1605.08386" and record["versions"][0]["version"] == "v1"
