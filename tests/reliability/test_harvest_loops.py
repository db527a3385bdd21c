"""OAI-PMH lists that loop or stop short end with a clear error, never silently (issue 15.1)."""

import json

import pytest

from dl_geography.sources import arxiv_oai
from tests.sources.fixture_server import Reply
from tests.sources.oai_fixtures import list_records_page, raw_record

FIRST = {"verb": "ListRecords", "metadataPrefix": "arXivRaw", "set": "cs:cs"}


def _page(ids, token, cursor, total):
    return Reply(
        body=list_records_page([raw_record(i, "2026-01-10") for i in ids], token, cursor, total)
    )


def _harvest(session, server, root):
    return arxiv_oai.harvest_set(session, root, "cs:cs", endpoint=f"{server.url}/oai")


def test_a_repeated_token_stops_the_harvest(server, session, tmp_path):
    server.add("/oai", FIRST, _page(["2401.00001"], "t1", 0, 9))
    server.add(
        "/oai", {"verb": "ListRecords", "resumptionToken": "t1"}, _page(["2401.00002"], "t1", 1, 9)
    )
    with pytest.raises(arxiv_oai.HarvestLoopError, match="'t1'"):
        _harvest(session, server, tmp_path)


def test_tokens_cycling_stop_the_harvest(server, session, tmp_path):
    server.add("/oai", FIRST, _page(["2401.00001"], "a", 0, 9))
    server.add(
        "/oai", {"verb": "ListRecords", "resumptionToken": "a"}, _page(["2401.00002"], "b", 1, 9)
    )
    server.add(
        "/oai", {"verb": "ListRecords", "resumptionToken": "b"}, _page(["2401.00003"], "a", 2, 9)
    )
    with pytest.raises(arxiv_oai.HarvestLoopError, match="'a'"):
        _harvest(session, server, tmp_path)
    assert len(server.served) == 3  # stopped at once, not after a time-out


def test_a_list_short_of_its_complete_size_is_not_complete(server, session, tmp_path):
    server.add("/oai", FIRST, _page(["2401.00001", "2401.00002"], "t1", 0, 5))
    server.add(
        "/oai", {"verb": "ListRecords", "resumptionToken": "t1"}, _page(["2401.00003"], None, 2, 5)
    )
    with pytest.raises(arxiv_oai.IncompleteHarvestError, match="2 missing"):
        _harvest(session, server, tmp_path)
    state = json.loads((tmp_path / "state" / "cs_cs.json").read_text())
    assert state["runs"][-1]["short_by"] == 2
    assert state["max_datestamp"] is None  # the next incremental run does not skip the gap
