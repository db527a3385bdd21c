"""A small demo world, generated once per test session."""

import pytest

from dl_geography.demo_world import ensure_demo_world

SMALL = {"n_papers": 4000, "seed": 7}


@pytest.fixture(scope="session")
def small_world(tmp_path_factory):
    return ensure_demo_world(tmp_path_factory.mktemp("demo_world") / "world", **SMALL)
