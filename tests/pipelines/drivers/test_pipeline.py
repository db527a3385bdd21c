"""The drivers pipeline through Kedro's runner on synthetic inputs, saving through the
project's own catalog entries."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from kedro.io import DataCatalog, MemoryDataset
from kedro.runner import SequentialRunner

from dl_geography.pipelines.drivers import create_pipeline
from dl_geography.quality import REPORT_COLUMNS

from .synthetic import synthetic_inputs

CATALOG = Path(__file__).resolve().parents[3] / "conf" / "base" / "catalog_drivers.yml"


@pytest.fixture(scope="module")
def run(tmp_path_factory, drivers_params):
    """Run the pipeline once; every output goes to a file of catalog_drivers.yml."""
    root = tmp_path_factory.mktemp("drivers")
    config = yaml.safe_load(CATALOG.read_text().replace("${globals:data_root}", str(root)))
    # As Kedro's config loader: "_" keys hold shared settings (YAML anchors), not datasets.
    catalog = DataCatalog.from_config({k: v for k, v in config.items() if not k.startswith("_")})
    inputs = synthetic_inputs(n_regions=200, papers_per_region=30)
    for name, frame in inputs.items():
        catalog[name] = MemoryDataset(frame)
    catalog["params:drivers"] = MemoryDataset(drivers_params)
    pipeline = create_pipeline()
    SequentialRunner().run(pipeline, catalog)
    return catalog, pipeline, inputs, root


def test_pipeline_reads_only_the_contract_inputs(run):
    _, pipeline, inputs, _ = run
    assert pipeline.inputs() == {*inputs, "params:drivers"}
    assert all("drivers" in node.tags for node in pipeline.nodes)


def test_region_features_one_row_per_region(run):
    catalog, _, inputs, _ = run
    features = catalog.load("region_features")
    assert features["region_id"].is_unique
    assert set(features["region_id"]) == set(inputs["analysis_table"]["region_id"])
    contract = [
        "region_id",
        "region",
        "country_code",
        "rca_t0",
        "rca_t1",
        "arxiv_sp",
        "cb_sp",
        "arxiv_tot",
        "cb_tot",
        "arxiv_sp_x_cb_sp",
        "arxiv_sp_x_cb_tot",
        "is_china",
    ]
    assert set(contract) <= set(features.columns)


def test_model_input_is_standardised_top_quartile(run):
    catalog, _, _, _ = run
    table = catalog.load("model_input_table")
    features = catalog.load("region_features")
    assert len(table) == pytest.approx(len(features) / 4, abs=2)
    continuous = [
        "rca_t1",
        "rca_t0",
        "arxiv_sp",
        "cb_sp",
        "arxiv_tot",
        "cb_tot",
        "arxiv_sp_x_cb_sp",
        "arxiv_sp_x_cb_tot",
    ]
    assert np.allclose(table[continuous].mean(), 0.0)
    assert np.allclose(table[continuous].std(), 1.0)
    assert set(table["is_china"]) <= {0.0, 1.0}


def test_table_3_files_and_report(run):
    catalog, _, _, _ = run
    table = catalog.load("table_3")
    assert list(table.columns) == [
        "variable",
        "statistic",
        "Model 1",
        "Model 2",
        "Model 3",
        "Model 4",
    ]
    n = int(table.loc[table["statistic"] == "n", "Model 4"].item())
    assert n == len(catalog.load("model_input_table"))
    assert catalog.load("table_3_markdown").startswith("| | Model 1")
    assert r"\toprule" in catalog.load("table_3_latex")
    vif = catalog.load("drivers_vif")
    assert (vif["vif"] >= 1.0).all() and len(vif) == 4 + 5 + 6 + 7
    report = catalog.load("drivers_report")
    assert list(report.columns) == REPORT_COLUMNS
    quartile = report.loc[report["step"].str.startswith("top 25%")].set_index("outcome")
    assert quartile.loc["in", "count"] == 200
    assert quartile.loc["dropped", "count"] + quartile.loc["out", "count"] == 200


def test_figures_and_subject_models(run):
    catalog, _, _, root = run
    for name in ("fig_15_correlation_matrix", "fig_16_subject_coefficients"):
        assert (root / "08_reporting" / "figures" / f"{name}.png").stat().st_size > 10_000
    subjects = catalog.load("subject_model_coefficients")
    assert subjects["subject"].iloc[0] == "dl"
    assert subjects["subject"].nunique() == 1 + 6  # DL and every synthetic subject
    table_3 = catalog.load("table_3_coefficients")
    dl = subjects.loc[subjects["subject"] == "dl"].drop(columns="subject")
    model_4 = table_3.loc[table_3["model"] == "Model 4"]
    pd.testing.assert_frame_equal(dl.reset_index(drop=True), model_4.reset_index(drop=True))


def test_every_input_is_a_persisted_dataset_of_the_project_catalog():
    """`kedro run --pipelines drivers` needs only files earlier runs saved."""
    from kedro.config import OmegaConfigLoader

    conf = CATALOG.parents[1]
    catalog = OmegaConfigLoader(str(conf), base_env="base", default_run_env="base")["catalog"]
    for name in create_pipeline().inputs() - {"params:drivers"}:
        assert name in catalog, f"{name} is not in the project catalog"
        assert "Memory" not in catalog[name]["type"], name
        assert "filepath" in catalog[name], name
