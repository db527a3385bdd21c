"""End to end on the demo world: the planted drivers are recovered, and a world planted
without the research x industry interaction shows none (a placebo)."""

import json

import pandas as pd
import pytest

from tests.conftest import KedroProject

UP_TO_DRIVERS = [
    "ingestion",
    "enrichment",
    "topic_modelling",
    "industry_relatedness",
    "geography",
    "drivers",
]
ALPHA = 0.05


def model_4(project: KedroProject):
    coefficients = project.load("table_3_coefficients")
    return coefficients.loc[coefficients["model"] == "Model 4"].set_index("term")


@pytest.mark.e2e
def test_planted_interaction_and_china_effects_are_recovered(demo_project):
    truth = demo_project.root / "data" / "01_raw" / "demo" / "truth" / "effects.json"
    if truth.is_file():  # the planted signs, when the world records them
        planted = json.loads(truth.read_text())["effects"]
        assert planted["interaction"] > 0 and planted["china"] > 0
    fit = model_4(demo_project)
    for term in ("arxiv_sp_x_cb_sp", "is_china"):
        assert fit.loc[term, "coef"] > 0, fit
        assert fit.loc[term, "p_value"] < ALPHA, fit
    table = demo_project.load("table_3")
    n = int(table.loc[table["statistic"] == "n", "Model 4"].item())
    assert n == fit["n"].iloc[0] == len(demo_project.load("model_input_table"))


@pytest.mark.e2e
def test_related_specialisations_measure_the_planted_strengths(demo_project):
    """arxiv_sp tracks each region's planted research strength, cb_sp its industry one."""
    truth = demo_project.root / "data" / "01_raw" / "demo" / "truth" / "regions.csv"
    if not truth.is_file():
        pytest.skip(f"the demo world records no region truth at {truth}")
    sample = demo_project.load("model_input_table").merge(pd.read_csv(truth), on="region_id")
    assert len(sample) > 30
    assert sample["arxiv_sp"].corr(sample["research_strength"]) > 0.3
    assert sample["cb_sp"].corr(sample["industry_strength"]) > 0.3


@pytest.mark.e2e
def test_drivers_outputs_on_the_demo_world(demo_project):
    features = demo_project.load("region_features")
    assert features["region_id"].is_unique
    report = demo_project.load("drivers_report")
    quartile = report.loc[report["step"].str.startswith("top 25%")].set_index("outcome")
    assert quartile.loc["in", "count"] == len(features)
    subjects = demo_project.load("subject_model_coefficients")
    assert subjects["subject"].iloc[0] == "dl"
    assert subjects["subject"].nunique() > 5


@pytest.fixture(scope="module")
def placebo_project(tmp_path_factory) -> KedroProject:
    """The default chain on a demo world planted with no research x industry effect."""
    project = KedroProject(
        tmp_path_factory.mktemp("placebo"), params={"demo_world": {"effects": {"interaction": 0.0}}}
    )
    # Only what Table 3 needs: the chain's figures are not part of this check.
    project.run(pipeline_names=UP_TO_DRIVERS, to_outputs=["table_3_coefficients"])
    return project


@pytest.mark.e2e
def test_placebo_world_shows_no_interaction(placebo_project):
    assert placebo_project.load("parameters")["demo_world"]["effects"]["interaction"] == 0.0
    fit = model_4(placebo_project)
    assert fit.loc["arxiv_sp_x_cb_sp", "p_value"] >= ALPHA, fit
    assert fit.loc["is_china", "p_value"] < ALPHA, fit  # the other planted effect stays
