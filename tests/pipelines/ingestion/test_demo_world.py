"""Every reader, through the base catalog's own entries, on a small generated demo world,
checked against the world's truth (independent of the other pipelines)."""

import pandas as pd
import pytest
import yaml
from kedro.io import DataCatalog, MemoryDataset
from kedro.runner import SequentialRunner

from dl_geography.demo_world import ensure_demo_world
from dl_geography.pipelines.ingestion import create_pipeline
from tests.conftest import PROJECT_ROOT

N_PAPERS = 2000


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("ingestion_demo")
    world = ensure_demo_world(root / "demo", n_papers=N_PAPERS, seed=11)
    text = (PROJECT_ROOT / "conf" / "base" / "catalog_ingestion.yml").read_text()
    text = text.replace("${globals:raw_root}", str(world))
    text = text.replace("${globals:data_root}", str(root / "data"))
    params = yaml.safe_load(
        (PROJECT_ROOT / "conf" / "base" / "parameters_ingestion.yml").read_text()
    )
    config = {k: v for k, v in yaml.safe_load(text).items() if not k.startswith("_")}
    catalog = DataCatalog.from_config(config)
    catalog["params:sample_max_papers"] = MemoryDataset(params["sample_max_papers"])
    catalog["params:ingestion"] = MemoryDataset(params["ingestion"])
    SequentialRunner().run(create_pipeline(), catalog)
    return world, catalog


def test_papers_are_the_cs_papers_of_the_truth(demo_run):
    world, catalog = demo_run
    truth = pd.read_csv(world / "truth" / "papers.csv", dtype={"paper_id": str})
    malformed = pd.read_csv(world / "truth" / "malformed.csv", dtype=str)
    broken = set(malformed.loc[malformed["source"] == "arxiv", "id"].dropna())
    papers = catalog.load("papers")
    expected = set(truth.loc[truth["is_cs"], "paper_id"]) - broken
    assert set(papers["paper_id"]) == expected


def test_works_authorships_and_registry(demo_run):
    world, catalog = demo_run
    works = catalog.load("works")
    truth = pd.read_csv(world / "truth" / "papers.csv", dtype={"paper_id": str})
    linked = truth.dropna(subset=["work_id"])
    # an arXiv id found on a work is always that paper's
    found = linked.merge(works, on="work_id").dropna(subset=["arxiv_id"])
    assert len(found) > 0 and (found["arxiv_id"] == found["paper_id"]).all()
    authorships = catalog.load("authorships")
    institutes = catalog.load("institutes")
    given = authorships.dropna(subset=["ror_id"])
    assert given["ror_id"].isin(institutes["institute_id"]).mean() > 0.95
    assert (institutes["n_locations"] > 1).any()  # the multinationals
    names = catalog.load("institute_names")
    assert set(names["institute_id"]) == set(institutes["institute_id"])


def test_boundaries_places_and_organizations(demo_run):
    world, catalog = demo_run
    regions = catalog.load("regions")
    countries = catalog.load("countries")
    assert regions.is_valid.all() and countries.is_valid.all()
    malformed = pd.read_csv(world / "truth" / "malformed.csv", dtype=str)
    planted = set(malformed.loc[malformed["source"] == "natural_earth", "id"])
    assert planted <= set(regions["region_id"])  # repaired, not lost
    sound = regions.loc[~regions["region_id"].isin(planted)]
    assert set(sound["country_code"].dropna()) <= set(countries["country_code"])
    assert len(catalog.load("places")) > 100
    organizations = catalog.load("organizations")
    truth = pd.read_csv(world / "truth" / "organizations.csv", dtype=str)
    assert len(organizations) == len(truth)
    assert organizations["description"].notna().mean() > 0.9
    report = catalog.load("ingestion_report")
    assert report.loc[report["outcome"] == "repaired", "count"].sum() >= 1
