"""Fixtures of the drivers tests: the project's own drivers parameters, resolved."""

import pytest

from tests.params import conf_parameters


def load_drivers_params() -> dict:
    """``params:drivers`` as a run sees them (base env, interpolations resolved)."""
    return conf_parameters()["drivers"]


@pytest.fixture(scope="session")
def drivers_params() -> dict:
    return load_drivers_params()
