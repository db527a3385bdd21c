"""The reliability tests reuse the connectors' local replay server and fast polite session."""

from tests.sources.conftest import server, session, waits  # noqa: F401
