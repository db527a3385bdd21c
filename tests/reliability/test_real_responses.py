"""The harvester and the snapshot reader on a real recorded arXiv answer (ORIGIN.md)."""

from pathlib import Path

from dl_geography.sources import arxiv_oai
from tests.sources.fixture_server import Fault, Reply

REAL = Path(__file__).with_name("real_responses")
QUERY = {
    "verb": "ListRecords",
    "metadataPrefix": "arXiv",
    "set": "cs:cs",
    "from": "2015-01-01",
    "until": "2015-01-03",
}


def test_a_real_503_then_a_real_arxiv_page(server, session, waits, tmp_path):
    key = server.add(
        "/oai",
        QUERY,
        Reply(
            body=(REAL / "arxiv_oai_listrecords_2015-01-01_2015-01-03.xml").read_bytes(),
            content_type="text/xml",
        ),
    )
    server.inject(key, Fault("status", 503, {"Retry-After": "10"}))
    summary = arxiv_oai.harvest_set(
        session,
        tmp_path,
        "cs:cs",
        metadata_prefix="arXiv",
        from_="2015-01-01",
        until="2015-01-03",
        endpoint=f"{server.url}/oai",
    )
    assert summary["complete"] and summary["records"] == 2
    assert waits == [10.0]  # the Retry-After arXiv sent
    records, counts = arxiv_oai.read_harvest(tmp_path)
    assert counts["outside_categories"] == 1  # hep-th/9504118: not cs, not stat.ML
    [record] = records
    assert record["id"] == "1412.8544" and record["categories"] == "cs.DM"
    assert record["authors"] == "Sander Uijlen, Bas Westerbaan"
    assert record["doi"] == "10.4204/EPTCS.172.11"
    assert record["versions"] == [{"version": "v1", "created": "Mon, 29 Dec 2014 00:00:00 GMT"}]
