"""Fixtures of the drivers tests: the project's own drivers parameters, resolved."""

from pathlib import Path

import pytest
from kedro.config import OmegaConfigLoader

CONF = Path(__file__).resolve().parents[3] / "conf"


def load_drivers_params() -> dict:
    """``params:drivers`` as a run sees them (base env, interpolations resolved)."""
    loader = OmegaConfigLoader(str(CONF), base_env="base", default_run_env="base")
    return loader["parameters"]["drivers"]


@pytest.fixture(scope="session")
def drivers_params() -> dict:
    return load_drivers_params()
