"""The Atom API reader on the 20 real recorded arXiv API answers, replayed locally."""

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from dl_geography.sources import arxiv_atom
from dl_geography.sources.arxiv_oai import SNAPSHOT_KEYS
from tests.conftest import require_shared_data
from tests.sources.fixture_server import Fault, Reply

pytestmark = pytest.mark.shared_data


def _fixtures() -> list[dict]:
    folder = require_shared_data() / "arxiv" / "api_fixtures"
    return [json.loads(p.read_text()) for p in sorted(folder.glob("*.json"))]


@pytest.fixture
def recorded(server):
    """Every recorded answer served at its own path and query; the route keys by URL."""
    keys = {}
    for fixture in _fixtures():
        parts = urlsplit(fixture["url"])
        keys[fixture["url"]] = server.add(
            parts.path,
            parts.query,
            Reply(
                status=fixture["status_code"],
                body=fixture["body"].encode(),
                content_type="application/atom+xml",
            ),
        )
    return keys


def test_every_recorded_answer_parses():
    fixtures = _fixtures()
    assert len(fixtures) == 20
    for fixture in fixtures:
        body = fixture["body"].encode()
        if fixture["status_code"] != 200:
            with pytest.raises(arxiv_atom.AtomAPIError, match="incorrect id format"):
                arxiv_atom.parse_feed(body)
            continue
        records, total = arxiv_atom.parse_feed(body)
        assert total >= len(records)
        assert len(records) == fixture["body"].count("<entry>")
        for record in records:
            assert list(record) == list(SNAPSHOT_KEYS)
            assert record["id"] and record["title"] and record["abstract"]
            assert record["versions"][0]["version"] == "v1"
            assert record["categories"]
            assert "v" not in record["id"].rsplit(".", 1)[-1]


def test_one_record_in_snapshot_layout(server, session, recorded):
    records = arxiv_atom.query(session, id_list=["1605.08386"], api_url=f"{server.url}/api/query")
    (record,) = records
    assert record["id"] == "1605.08386"
    assert record["title"] == "Heat-bath random walks with Markov bases"
    assert record["categories"] == "math.CO math.ST"
    assert record["versions"] == [{"version": "v1", "created": "Thu, 26 May 2016 17:59:46 GMT"}]
    assert record["authors"] == "Caprice Stanley, Tobias Windisch"
    assert record["authors_parsed"] == [["Stanley", "Caprice", ""], ["Windisch", "Tobias", ""]]
    assert record["comments"] == "20 pages, 3 figures"


def test_old_style_and_versioned_ids(server, session, recorded):
    url = f"{server.url}/api/query"
    (old,) = arxiv_atom.query(session, id_list=["quant-ph/0201082v1"], api_url=url)
    assert old["id"] == "quant-ph/0201082"
    (new,) = arxiv_atom.query(session, id_list=["2104.12255v1"], api_url=url)
    assert new["id"] == "2104.12255"
    assert arxiv_atom.query(session, id_list=["0000.0000"], api_url=url) == []


def test_bad_id_is_a_clear_error(server, session, recorded):
    with pytest.raises(arxiv_atom.AtomAPIError, match="incorrect id format for abc"):
        arxiv_atom.query(session, id_list=["abc"], api_url=f"{server.url}/api/query")


def test_paging_through_faults_gives_each_record_once(server, session, waits, recorded):
    third = next(
        k
        for url, k in recorded.items()
        if "search_query=testing" in url and "start=20&max_results=10" in url
    )
    server.inject(
        third, Fault("status", 503, {"Retry-After": "3"}), Fault("truncate"), Fault("malformed")
    )
    records = arxiv_atom.query(
        session,
        search_query="testing",
        max_results=60,
        page_size=10,
        api_url=f"{server.url}/api/query",
    )
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids))
    expected = set()
    for fixture in _fixtures():
        url = fixture["url"]
        if (
            "search_query=testing" in url
            and url.endswith("max_results=10")
            and "start=5&" not in url
        ):
            expected |= {r["id"] for r in arxiv_atom.parse_feed(fixture["body"].encode())[0]}
    assert set(ids) == expected
    assert 3.0 in waits
    assert server.count(third) == 1


def test_fixture_files_are_where_the_test_expects():
    assert Path(require_shared_data() / "arxiv" / "api_fixtures" / "LICENSE.txt").exists()
