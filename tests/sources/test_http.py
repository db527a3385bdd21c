"""The polite session recovers from every fault the fixture server injects, and remembers."""

import logging
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from dl_geography.sources.http import (
    HTTPFailure,
    PoliteSession,
    mask_url,
    parse_retry_after,
    rate_limit_wait,
)
from tests.sources.fixture_server import Fault, Reply

BODY = b"<ok>" + b"x" * 2000 + b"</ok>"


def _validate_xml(response):
    from lxml import etree

    etree.fromstring(response.content)


@pytest.fixture
def route(server):
    return server.add("/page", {"q": "1"}, Reply(body=BODY))


def test_503_retry_after_is_honoured(server, session, waits, route):
    server.inject(route, Fault("status", 503, {"Retry-After": "7"}))
    response = session.get(f"{server.url}/page", {"q": "1"})
    assert response.content == BODY
    assert waits == [7.0]
    assert server.count(route, "status") == 1 and server.count(route) == 1


def test_retry_after_as_http_date():
    later = datetime.now(UTC) + timedelta(seconds=120)
    assert 100 < parse_retry_after(format_datetime(later, usegmt=True)) <= 120
    assert parse_retry_after("30") == 30.0
    assert parse_retry_after("soon") is None


def test_429_waits_for_the_rate_limit_reset(server, session, waits, route):
    server.inject(route, Fault("status", 429, {"X-RateLimit-Reset": "3"}), Fault("status", 429, {}))
    assert session.get(f"{server.url}/page", {"q": "1"}).content == BODY
    assert waits == [3.0, 0.0]  # the header's reset, then the (test) backoff
    assert rate_limit_wait({"X-RateLimit-Reset": "2000000060"}, now=2000000000) == 60


def test_timeout_truncated_and_malformed_pages_are_retried(server, session, route):
    server.inject(route, Fault("stall", seconds=0.6), Fault("truncate"), Fault("malformed"))
    response = session.get(f"{server.url}/page", {"q": "1"}, validate=_validate_xml)
    assert response.content == BODY
    kinds = [kind for key, kind in server.served if key == route]
    assert kinds == ["stall", "truncate", "malformed", "reply"]
    assert session.stats["retries"] == 3


def test_gives_up_after_the_retry_budget(server, session, route):
    server.inject(route, *[Fault("status", 503, {"Retry-After": "0"})] * 5)
    with pytest.raises(HTTPFailure, match="after 5 attempts"):
        session.get(f"{server.url}/page", {"q": "1"})


def test_client_errors_fail_at_once(server, session):
    server.add("/bad", {}, Reply(status=400, body=b"bad filter"))
    with pytest.raises(HTTPFailure, match="HTTP 400"):
        session.get(f"{server.url}/bad")
    assert len(server.requests) == 1


def test_cache_makes_a_rerun_free_and_drops_the_key(server, session, tmp_path, caplog):
    key = server.add("/works", {"filter": "doi:10.1/a"}, Reply(body=b'{"results": []}'))
    server.inject(key, Fault("status", 503, {"Retry-After": "0"}))
    with caplog.at_level(logging.WARNING):
        session.get(f"{server.url}/works", {"filter": "doi:10.1/a", "api_key": "SECRET123"})
    assert "SECRET123" not in caplog.text and "api_key=***" in caplog.text
    again = PoliteSession(cache_dir=tmp_path / "http_cache", secret_params=("api_key",))
    cached = again.get(f"{server.url}/works", {"filter": "doi:10.1/a", "api_key": "OTHER"})
    assert cached.from_cache and cached.json() == {"results": []}
    assert server.count(key) == 1
    assert not any(
        "SECRET123" in p.read_text(errors="ignore")
        for p in (tmp_path / "http_cache").rglob("*")
        if p.is_file()
    )


def test_mask_url():
    assert (
        mask_url("https://a.org/w?filter=doi:x|y&api_key=abc", ["api_key"])
        == "https://a.org/w?filter=doi:x|y&api_key=***"
    )


def test_download_retries_a_cut_body(server, session, tmp_path):
    key = server.add("/dump.zip", {}, Reply(body=BODY, content_type="application/zip"))
    server.inject(key, Fault("truncate"), Fault("status", 502, {}))
    path = session.download(f"{server.url}/dump.zip", tmp_path / "dump.zip")
    assert path.read_bytes() == BODY
    assert not (tmp_path / "dump.zip.part").exists()


def test_connection_errors_never_show_the_key(waits):
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    polite = PoliteSession(
        max_retries=1, backoff=0, secret_params=("api_key",), sleep=waits.append, timeout=(0.5, 0.5)
    )
    with pytest.raises(HTTPFailure) as failure:
        polite.get(f"http://127.0.0.1:{port}/works", {"filter": "x", "api_key": "TOPSECRET"})
    assert "TOPSECRET" not in str(failure.value) and "api_key=***" in str(failure.value)
