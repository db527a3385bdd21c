"""Fixtures for the connector tests: a local replay server and a fast polite session."""

import pytest

from dl_geography.sources.http import PoliteSession
from tests.sources.fixture_server import FixtureServer


@pytest.fixture
def server():
    fixture = FixtureServer().start()
    yield fixture
    fixture.stop()


@pytest.fixture
def waits():
    """The waits a session asked for (recorded, not slept)."""
    return []


@pytest.fixture
def session(tmp_path, waits):
    polite = PoliteSession(
        min_interval=0.0,
        timeout=(2.0, 0.3),
        max_retries=4,
        backoff=0.0,
        cache_dir=tmp_path / "http_cache",
        secret_params=("api_key",),
        jitter=False,
        sleep=waits.append,
    )
    yield polite
    polite.close()
