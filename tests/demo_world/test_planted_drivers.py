"""The planted drivers of DL specialisation are recoverable (Table 3, Model 4).

An approximate drivers computation on the truth (``drivers_check``): on the default
world the interaction arxiv_sp x cb_sp and is_china are positive and significant at 5%;
in a placebo world (``effects.interaction = 0``) no positive interaction shows.
"""

import pytest
import yaml

from dl_geography.demo_world import ensure_demo_world
from tests.conftest import PROJECT_ROOT

from .drivers_check import model_4, region_features


def _default_settings() -> dict:
    params = yaml.safe_load(
        (PROJECT_ROOT / "conf" / "base" / "parameters_demo_world.yml").read_text()
    )["demo_world"]
    return {k: v for k, v in params.items() if k not in ("enabled", "output_dir")}


@pytest.mark.e2e
def test_default_world_plants_interaction_and_china(tmp_path_factory):
    world = ensure_demo_world(tmp_path_factory.mktemp("drivers") / "world", **_default_settings())
    fit, sample = model_4(region_features(world))
    assert len(sample) >= 60
    for term in ("arxiv_sp_x_cb_sp", "is_china"):
        assert fit.params[term] > 0, term
        assert fit.pvalues[term] < 0.05, term


@pytest.mark.e2e
def test_placebo_world_shows_no_interaction(tmp_path_factory):
    settings = _default_settings()
    settings["effects"] = {**settings["effects"], "interaction": 0.0}
    world = ensure_demo_world(tmp_path_factory.mktemp("placebo") / "world", **settings)
    fit, _ = model_4(region_features(world))
    # No planted interaction, so none shows up in its planted direction. (With 19
    # country clusters the clustered SEs are small; this approximate check sees a
    # negative coefficient at p ~ 0.02 on the default seed, the project's own
    # drivers pipeline 0.011 (SE 0.077); see docs/demo_world.md.)
    assert not (fit.params["arxiv_sp_x_cb_sp"] > 0 and fit.pvalues["arxiv_sp_x_cb_sp"] < 0.05)
    assert fit.params["is_china"] > 0 and fit.pvalues["is_china"] < 0.05
