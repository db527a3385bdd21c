"""The OpenAlex key never shows in an error body (15.6); compressed downloads pass (15.7)."""

import gzip
import json
import logging

import pytest

from dl_geography.sources import openalex
from dl_geography.sources.http import HTTPFailure
from tests.sources.fixture_server import Reply

KEY = "oa-secret-key-98765"
SELECT = ",".join(openalex.WORK_FIELDS)


def test_a_400_quoting_the_request_never_prints_the_key(server, session, caplog):
    echo = {
        "error": "Invalid query parameters error.",
        "message": f"/works?search=Deep learning&per_page=10&api_key={KEY} is invalid",
        "request": {"api_key": KEY},
    }
    server.add(
        "/works",
        {"search": "Deep learning", "per_page": 10, "select": SELECT},
        Reply(status=400, body=json.dumps(echo).encode(), content_type="application/json"),
    )
    client = openalex.OpenAlexClient(session, KEY, api_url=server.url)
    with caplog.at_level(logging.DEBUG), pytest.raises(HTTPFailure) as failure:
        client.search_title("Deep learning")
    assert KEY not in str(failure.value) and "Invalid query" in str(failure.value)
    assert KEY not in caplog.text


def test_a_gzip_encoded_download_passes_the_length_check(server, session, tmp_path):
    body = b"name,lat\n" + b"Paris,48.85\n" * 5000
    packed = gzip.compress(body)
    server.add(
        "/cities.csv",
        {},
        Reply(body=packed, headers={"Content-Encoding": "gzip"}, content_type="text/csv"),
    )
    path = session.download(f"{server.url}/cities.csv", tmp_path / "cities.csv")
    assert path.read_bytes() == body
    assert len(server.served) == 1  # accepted at the first attempt
