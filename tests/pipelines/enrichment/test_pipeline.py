"""The enrichment pipeline through Kedro's runner on the hand-built world."""

import pandas as pd
import yaml
from kedro.io import DataCatalog, MemoryDataset
from kedro.runner import SequentialRunner
from kedro_datasets.pickle import PickleDataset

from dl_geography.pipelines.enrichment import create_pipeline
from dl_geography.quality import REPORT_COLUMNS
from tests.conftest import PROJECT_ROOT

from .world import (
    ROR,
    countries,
    institute_names,
    institutes,
    places,
    regions,
    relationships,
)

OUTPUTS = [
    "paper_work_matches",
    "affiliation_matches",
    "institutes_geocoded",
    "paper_institutes",
    "organizations_geocoded",
    "enrichment_report",
]


def test_pipeline_runs_and_writes_every_contract_dataset(tmp_path):
    params = yaml.safe_load((PROJECT_ROOT / "conf/base/parameters_enrichment.yml").read_text())
    params.update(yaml.safe_load((PROJECT_ROOT / "conf/base/parameters_execution.yml").read_text()))
    papers = pd.DataFrame(
        {
            "paper_id": ["1701.00001", "1701.00002"],
            "title": ["A", "B"],
            "doi": [None, None],
            "year": [2017, 2017],
        }
    )
    works = pd.DataFrame(
        {
            "work_id": ["W1", "W2"],
            "doi": [None, None],
            "arxiv_id": ["1701.00001", "1701.00002"],
            "title": ["A", "B"],
            "publication_year": [2017, 2017],
            "publication_date": pd.to_datetime(["2017-03-01", "2017-04-01"]),
            "cited_by_count": [3, 4],
            "source_type": ["journal", "repository"],
            "location_source_types": [["journal"], ["repository"]],
        }
    )
    authorships = pd.DataFrame(
        {
            "work_id": ["W1", "W1", "W2"],
            "paper_id": [None] * 3,
            "affiliation": ["TUM, Munich, Germany", "Stanford University", "MIT"],
            "ror_id": [None] * 3,
        }
    )
    organizations = pd.DataFrame(
        {
            "org_id": ["o1"],
            "name": ["X"],
            "country_code": ["US"],
            "region": ["MA"],
            "city": ["Boston"],
            "latitude": [float("nan")],
            "longitude": [float("nan")],
        }
    )
    inputs = {
        "papers": papers,
        "works": works,
        "authorships": authorships,
        "institutes": institutes(),
        "institute_names": institute_names(),
        "institute_relationships": relationships(),
        "countries": countries(),
        "regions": regions(),
        "places": places(),
        "organizations": organizations,
    }
    labelled = PROJECT_ROOT / "labelled_sets" / "affiliations"
    for name, file in (
        ("labelled_affiliations", "labels.csv"),
        ("labelled_affiliations_split", "sample.csv"),
    ):
        inputs[name] = pd.read_csv(labelled / file, dtype=str, keep_default_na=False)
    inputs.update({f"params:{k}": v for k, v in params.items()})
    datasets = {k: MemoryDataset(v) for k, v in inputs.items()}
    # files, not memory, so the runner does not release outputs other nodes consume
    datasets.update({k: PickleDataset(filepath=str(tmp_path / f"{k}.pkl")) for k in OUTPUTS})
    catalog = DataCatalog(datasets)
    pipeline = create_pipeline()
    SequentialRunner().run(pipeline, catalog)
    # of the hand-built world's strings only "MIT" is in the real labelled set: scored alone
    assert catalog.load("affiliation_quality")["n_strings"].sum() == 1
    pi = catalog.load("paper_institutes")
    assert pi["paper_id"].unique().tolist() == ["1701.00001"]  # 1701.00002 is unpublished
    assert sorted(pi["institute_id"]) == [ROR + "stan", ROR + "tum"]
    assert pi["weight"].tolist() == [0.5, 0.5]
    report = catalog.load("enrichment_report")
    assert list(report.columns) == REPORT_COLUMNS
    assert set(report["step"]) == {
        "paper_work_matches",
        "affiliation_matches",
        "institutes_geocoded",
        "organizations_geocoded",
        "paper_institutes",
    }
    matches = catalog.load("affiliation_matches")
    assert {"affiliation", "institute_id", "score", "method", "vetoed_institute_id"} <= set(
        matches.columns
    )
    assert catalog.load("organizations_geocoded")["region"].tolist() == ["Massachusetts"]
    assert {"region_id", "region", "country", "placement"} <= set(
        catalog.load("institutes_geocoded").columns
    )
    assert all("enrichment" in node.tags for node in pipeline.nodes)
