"""The OpenAlex client: DOI batches, arXiv-DOI singletons, title search, faults and the cache."""

import json
import logging

import pytest

from dl_geography.sources import openalex
from dl_geography.sources.http import PoliteSession
from tests.sources.fixture_server import Fault, Reply
from tests.sources.openalex_fixtures import work, works_page

KEY = "oa-test-key-123"
SELECT = ",".join(openalex.WORK_FIELDS)

PAPERS = [
    openalex.Paper("1701.00001", "A preprint only", None),
    openalex.Paper("1701.00002", "Published with its DOI", "10.1000/J.ONE"),
    openalex.Paper("1701.00003", "Merged into a journal version", None),
    openalex.Paper("1701.00004", "Deep Learning: a Survey!", None),
    openalex.Paper("1701.00005", "Nowhere to be found", None),
]
W1 = work("W1", "10.48550/arxiv.1701.00001", "A preprint only", source_type="repository")
W2 = work("W2", "10.1000/j.one", "Published with its DOI", arxiv_id="1701.00002")
W3 = work("W3", "10.1000/j.three", "Merged into a journal version", arxiv_id="1701.00003")
W4 = work("W4", "10.1000/j.four", "Deep learning - a survey", cited_by=99)
DECOY = work("W9", "10.1000/j.nine", "Deep learning: a survey of surveys")


def _list(params):
    return {**params, "select": SELECT}


@pytest.fixture
def served(server):
    batch = "doi:" + "|".join(sorted(d for p in PAPERS for d in p.dois()))
    keys = {
        "batch1": server.add(
            "/works",
            _list({"filter": batch, "per_page": 2, "cursor": "*"}),
            Reply(body=works_page([W1, W2], 2, "Ijk0MCwi"), content_type="application/json"),
        ),
        "batch2": server.add(
            "/works",
            _list({"filter": batch, "per_page": 2, "cursor": "Ijk0MCwi"}),
            Reply(body=works_page([], 2, None), content_type="application/json"),
        ),
        "single3": server.add(
            "/works/doi:10.48550/arxiv.1701.00003",
            {"select": SELECT},
            Reply(body=json.dumps(W3).encode(), content_type="application/json"),
        ),
        "search4": server.add(
            "/works",
            _list({"search": "Deep Learning  a Survey!", "per_page": 10}),
            Reply(body=works_page([DECOY, W4], 2, None), content_type="application/json"),
        ),
        "search5": server.add(
            "/works",
            _list({"search": "Nowhere to be found", "per_page": 10}),
            Reply(body=works_page([DECOY], 1, None), content_type="application/json"),
        ),
    }
    return keys


def _client(server, session):
    return openalex.OpenAlexClient(session, KEY, api_url=server.url, per_page=2)


def test_lookup_cascade_recovers_from_faults(server, session, waits, served, caplog):
    server.inject(
        served["batch1"],
        Fault("status", 429, {"Retry-After": "2"}),
        Fault("status", 500, {}),
        Fault("truncate"),
    )
    server.inject(served["single3"], Fault("stall", seconds=0.6))
    with caplog.at_level(logging.DEBUG):
        works, lookups = openalex.fetch_works(_client(server, session), PAPERS)
    assert [w["id"] for w in works] == [f"https://openalex.org/W{n}" for n in (1, 2, 3, 4)]
    assert {r["paper_id"]: r["method"] for r in lookups} == {
        "1701.00001": "doi",
        "1701.00002": "doi",
        "1701.00003": "arxiv_doi",
        "1701.00004": "title",
        "1701.00005": "none",
    }
    assert 2.0 in waits  # Retry-After of the 429
    # Unknown singletons are 404s from the replay server: remembered, not retried.
    assert sum("doi:10.48550/arxiv.1701.00005" in r for r in server.requests) == 1
    # The key travels as a query parameter and never reaches a log line.
    assert all(f"api_key={KEY}" in r for r in server.requests)
    assert KEY not in caplog.text


def test_a_rerun_is_served_from_the_cache(server, session, served, tmp_path):
    first, _ = openalex.fetch_works(_client(server, session), PAPERS)
    before = len(server.requests)
    again = PoliteSession(cache_dir=tmp_path / "http_cache", secret_params=("api_key",))
    second, lookups = openalex.fetch_works(_client(server, again), PAPERS)
    assert len(server.requests) == before
    assert second == first and lookups[2]["method"] == "arxiv_doi"
    cached = "".join(
        p.read_text(errors="ignore") for p in (tmp_path / "http_cache").rglob("*") if p.is_file()
    )
    assert KEY not in cached


def test_works_written_as_json_lines_once_each(server, session, served, tmp_path):
    works, _ = openalex.fetch_works(_client(server, session), PAPERS + PAPERS[:2])
    path = tmp_path / "works.jsonl"
    assert openalex.write_works(works, path) == 4
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    assert len({r["id"] for r in rows}) == 4
    assert set(rows[0]) == set(openalex.WORK_FIELDS)
    assert rows[0]["authorships"][0]["raw_affiliation_strings"]


def test_cost_estimate_and_batch_limits():
    papers = [openalex.Paper(f"1801.{n:05d}", "t", "10.1/x" if n % 2 else None) for n in range(250)]
    estimate = openalex.estimate_cost(papers)
    assert estimate.list_calls == 4  # 375 DOIs in batches of 100
    assert estimate.search_calls_max == 250
    assert estimate.usd_max == pytest.approx(4 * 0.0001 + 250 * 0.001)
    assert "$" in estimate.describe()
    with pytest.raises(ValueError, match="at most 100"):
        openalex.OpenAlexClient(PoliteSession(), KEY).works_by_dois(
            [f"10.1/{n}" for n in range(101)]
        )


def test_api_key_comes_from_local_credentials(tmp_path):
    creds = tmp_path / "credentials.yml"
    with pytest.raises(openalex.MissingAPIKey, match=r"openalex\.org/settings/api"):
        openalex.load_api_key(creds)
    creds.write_text("openalex:\n  api_key: abc123\n")
    assert openalex.load_api_key(creds) == "abc123"


def test_normalisers():
    assert openalex.normalise_doi("https://doi.org/10.1000/J.One") == "10.1000/j.one"
    assert openalex.normalise_title("Deep Learning: a Survey!") == openalex.normalise_title(
        "deep learning - a survey"
    )
    assert openalex.Paper("1701.1", "t", "10.1/A 10.2/b").dois() == [
        "10.48550/arxiv.1701.1",
        "10.1/a",
        "10.2/b",
    ]


def test_a_spent_daily_budget_stops_at_once(server, session, waits, served):
    spent = {"X-RateLimit-Limit-USD": "1.0", "X-RateLimit-Remaining-USD": "0"}
    server.inject(served["batch1"], Fault("status", 429, spent))
    with pytest.raises(openalex.FatalAnswer, match="budget is spent"):
        openalex.fetch_works(_client(server, session), PAPERS)
    assert len(server.requests) == 1 and waits == []


def test_works_can_be_written_gzipped(tmp_path):
    import gzip

    path = tmp_path / "works.jsonl.gz"
    assert openalex.write_works([W1, W2], path) == 2
    with gzip.open(path, "rt") as lines:
        assert len(lines.read().splitlines()) == 2


def test_title_key_keeps_letters_of_any_alphabet():
    # Section 2.1.2: Greek or accented letters are letters, not symbols.
    assert (
        openalex.normalise_title("β-VAE: Learning Basic Visual Concepts")
        == "β vae learning basic visual concepts"
    )
    assert openalex.normalise_title("Über Netze") != openalex.normalise_title("Uber Netze")
    assert openalex.normalise_title(None) == ""


def test_a_killed_run_resumes_from_the_cache(server, session, served, tmp_path):
    # The run dies at paper 3's singleton (a 400 nobody retries), after the DOI batch.
    healthy = server.routes[served["single3"]]
    server.routes[served["single3"]] = Reply(status=400, body=b'{"error": "Invalid"}')
    with pytest.raises(openalex.HTTPFailure, match="HTTP 400"):
        openalex.fetch_works(_client(server, session), PAPERS)
    server.routes[served["single3"]] = healthy
    again = PoliteSession(cache_dir=tmp_path / "http_cache", secret_params=("api_key",))
    works, lookups = openalex.fetch_works(_client(server, again), PAPERS)
    assert server.count(served["batch1"]) == 1 and server.count(served["batch2"]) == 1
    assert len(works) == len({w["id"] for w in works}) == 4
    assert [r["method"] for r in lookups].count("none") == 1
