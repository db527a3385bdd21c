"""The ingestion pipeline through Kedro's runner, on the fixtures and on the sample env."""

import geopandas as gpd
import pandas as pd
import pytest
from kedro.io import DataCatalog, DatasetError, MemoryDataset
from kedro.runner import SequentialRunner
from kedro_datasets.partitions import PartitionedDataset

from dl_geography.datasets import AbsentSourceDataset, JSONLinesDataset
from dl_geography.pipelines.ingestion import create_pipeline
from dl_geography.quality import REPORT_COLUMNS
from tests.conftest import KedroProject
from tests.pipelines.ingestion.fixtures import (
    CRUNCHBASE_BULK,
    CRUNCHBASE_DESCRIPTIONS,
    PLACES,
    admin0_frame,
    admin1_frame,
    daily_record,
    lines,
    openalex_work,
    ror_record,
    snapshot_record,
    write_grid_release,
)

PRIMARY = [
    "papers",
    "works",
    "authorships",
    "institutes",
    "institute_names",
    "countries",
    "regions",
    "organizations",
    "places",
    "ingestion_report",
]


def raw_catalog(tmp_path, **overrides) -> DataCatalog:
    grid = PartitionedDataset(
        path=str(write_grid_release(tmp_path)),
        filename_suffix=".csv",
        dataset={
            "type": "pandas.CSVDataset",
            "load_args": {"dtype": str, "keep_default_na": False, "na_values": [""]},
        },
    )
    datasets = {
        "arxiv_records_raw": MemoryDataset(
            lines(
                snapshot_record(),
                daily_record(),
                snapshot_record("0704.0003", abstract=""),
                "{broken",
            )
        ),
        "openalex_works_raw": MemoryDataset(lines(openalex_work())),
        "paper_affiliations_raw": AbsentSourceDataset(reason="fixture has none"),
        "ror_dump_raw": MemoryDataset([ror_record()], copy_mode="assign"),
        "grid_release_raw": grid,
        "geonames_cities_raw": MemoryDataset(PLACES),
        "admin0_boundaries_raw": MemoryDataset(admin0_frame()),
        "admin1_boundaries_raw": MemoryDataset(admin1_frame()),
        "crunchbase_organizations_raw": MemoryDataset(CRUNCHBASE_BULK),
        "crunchbase_descriptions_raw": MemoryDataset(CRUNCHBASE_DESCRIPTIONS),
        "params:sample_max_papers": MemoryDataset(0),
        "params:ingestion": MemoryDataset(
            {"subject_archives": ["cs"], "extra_subjects": ["stat.ML"]}
        ),
    }
    datasets.update(overrides)
    return DataCatalog(datasets=datasets)


def test_pipeline_runs_through_kedro_runner(tmp_path):
    catalog = raw_catalog(tmp_path)
    for name in PRIMARY:
        catalog[name] = MemoryDataset()
    SequentialRunner().run(create_pipeline(), catalog)
    papers = catalog.load("papers")
    assert papers["paper_id"].tolist() == ["1703.01234", "2503.11731"]
    assert catalog.load("works")["work_id"].tolist() == ["W1"]
    assert len(catalog.load("authorships")) == 5
    institutes = catalog.load("institutes")
    # ROR's Oxford (grid.4991.5) wins over the GRID release's copy of it
    assert institutes["institute_id"].tolist()[0] == "https://ror.org/052gg0110"
    assert "grid.4991.5" not in set(institutes["institute_id"])
    assert "grid.116068.8" in set(institutes["institute_id"])
    assert isinstance(catalog.load("regions"), gpd.GeoDataFrame)
    report = catalog.load("ingestion_report")
    assert list(report.columns) == REPORT_COLUMNS
    reasons = set(report.loc[report["count"] > 0, "reason"])
    assert {
        "malformed JSON line",
        "no abstract",
        "GRID institute also in ROR",
        "missing, empty or unrepairable geometry",
    } <= reasons
    assert "absent" in set(report["outcome"])


def test_missing_raw_file_stops_the_run_naming_it(tmp_path):
    missing = tmp_path / "arxiv" / "arxiv-metadata-oai-snapshot.json"
    catalog = raw_catalog(tmp_path, arxiv_records_raw=JSONLinesDataset(filepath=str(missing)))
    with pytest.raises(DatasetError, match=r"arxiv-metadata-oai-snapshot\.json"):
        SequentialRunner().run(create_pipeline(), catalog)


@pytest.mark.shared_data
def test_sample_environment_ingestion(tmp_path, shared_data):
    """``kedro run --env sample --pipelines ingestion`` with the CI subset."""
    project = KedroProject(tmp_path, env="sample", params={"sample_max_papers": 4000})
    project.run(pipeline_names=["ingestion"])
    papers = project.load("papers")
    assert len(papers) == 4000
    authorships = project.load("authorships")
    assert set(authorships["paper_id"]) <= set(papers["paper_id"])
    assert authorships["paper_id"].nunique() == 520  # every affiliated paper is kept
    works = project.load("works")
    assert works.empty and "work_id" in works.columns
    institutes = project.load("institutes")
    assert institutes["institute_id"].str.startswith("grid.").all()
    assert len(project.load("regions")) == 4647
    assert project.load("countries")["country_code"].notna().sum() > 230
    organizations = project.load("organizations")
    assert len(organizations) == 17727 and organizations["org_id"].str.startswith("/").all()
    report = project.load("ingestion_report")
    assert ((report["step"] == "openalex: works") & (report["outcome"] == "absent")).any()
    assert isinstance(
        pd.read_parquet(project.root / "data" / "sample" / "03_primary" / "places.parquet"),
        pd.DataFrame,
    )
