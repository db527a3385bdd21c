"""The OAI-PMH harvester: faults, a kill mid-harvest, expiry, increments; every record once."""

import json

import pytest

from dl_geography.sources import arxiv_oai
from tests.sources.fixture_server import Fault, Reply
from tests.sources.oai_fixtures import (
    arxiv_format_record,
    error_page,
    raw_record,
    serve_harvest,
)

IDS = [f"2401.{n:05d}" for n in range(1, 12)]  # 11 records, 3 per page -> 4 pages


class Killed(RuntimeError):
    pass


def _records(ids=IDS, datestamp="2026-01-10"):
    return [raw_record(i, datestamp) for i in ids]


def _harvest(session, server, root, **kwargs):
    return arxiv_oai.harvest_set(session, root, "cs:cs", endpoint=f"{server.url}/oai", **kwargs)


def _ids(root):
    records, _ = arxiv_oai.read_harvest(root)
    return [r["id"] for r in records]


def test_harvest_recovers_from_faults_and_saves_each_page(server, session, waits, tmp_path):
    keys = serve_harvest(server, _records(), per_page=3)
    server.inject(keys[0], Fault("status", 503, {"Retry-After": "5"}))
    server.inject(keys[1], Fault("truncate"), Fault("malformed"))
    server.inject(keys[2], Fault("stall", seconds=0.6))
    summary = _harvest(session, server, tmp_path)
    assert summary["complete"] and summary["records"] == 11
    assert 5.0 in waits  # Retry-After honoured
    pages = sorted(p.name for p in (tmp_path / "pages" / "cs_cs").iterdir())
    assert pages == ["all_00001.xml", "all_00002.xml", "all_00003.xml", "all_00004.xml"]
    assert _ids(tmp_path) == IDS
    state = json.loads((tmp_path / "state" / "cs_cs.json").read_text())
    assert state["current"] is None and state["max_datestamp"] == "2026-01-10"


def test_a_killed_harvest_resumes_without_duplicates(server, session, tmp_path):
    keys = serve_harvest(server, _records(), per_page=3)

    def kill_after_two(number, page):
        if number == 2:
            raise Killed

    with pytest.raises(Killed):
        _harvest(session, server, tmp_path, on_page=kill_after_two)
    state = json.loads((tmp_path / "state" / "cs_cs.json").read_text())
    assert state["current"]["next_page"] == 3 and state["current"]["token"] == "6960524|7"
    summary = _harvest(session, server, tmp_path)
    assert summary["complete"] and summary["records"] == 11
    assert [server.count(k) for k in keys] == [1, 1, 1, 1]  # no page asked twice
    assert _ids(tmp_path) == IDS
    _, counts = arxiv_oai.read_harvest(tmp_path)
    assert counts["duplicates"] == 0


def test_max_pages_stops_and_the_next_call_continues(server, session, tmp_path):
    serve_harvest(server, _records(), per_page=3)
    first = _harvest(session, server, tmp_path, max_pages=1)
    assert not first["complete"] and first["records"] == 3
    assert _harvest(session, server, tmp_path)["complete"]
    assert _ids(tmp_path) == IDS


def test_incremental_run_fetches_from_the_last_datestamp(server, session, tmp_path):
    serve_harvest(server, _records(), per_page=3)
    _harvest(session, server, tmp_path)
    # Since then: 2401.00002 revised (new title), 2401.00003 withdrawn, one new paper.
    changed = [
        raw_record(
            "2401.00002",
            "2026-01-12",
            title="Revised title",
            versions=("Mon, 12 Jun 2017 17:57:34 GMT", "Tue, 13 Jan 2026 09:00:00 GMT"),
        ),
        raw_record("2401.00003", "2026-01-12", deleted=True),
        raw_record("2401.00099", "2026-01-12"),
    ]
    keys = serve_harvest(server, changed, per_page=3, from_="2026-01-10", token_base="777")
    summary = _harvest(session, server, tmp_path)
    assert summary["from"] == "2026-01-10" and summary["records"] == 3
    assert server.count(keys[0]) == 1
    records, counts = arxiv_oai.read_harvest(tmp_path)
    by_id = {r["id"]: r for r in records}
    assert sorted(by_id) == sorted([i for i in IDS if i != "2401.00003"] + ["2401.00099"])
    assert by_id["2401.00002"]["title"] == "Revised title"
    assert by_id["2401.00002"]["versions"][0]["created"] == "Mon, 12 Jun 2017 17:57:34 GMT"
    assert counts["deleted"] == 1 and counts["duplicates"] == 2


def test_expired_token_restarts_the_run_cleanly(server, session, tmp_path):
    keys = serve_harvest(server, _records(), per_page=3)
    page_three = server.routes[keys[2]]
    server.routes[keys[2]] = Reply(
        body=error_page(
            "badResumptionToken", "The value of the resumptionToken argument is invalid or expired."
        )
    )
    calls = []

    def heal(number, page):
        calls.append(number)
        if len(calls) == 4:  # the restarted run's tokens are fresh again
            server.routes[keys[2]] = page_three

    summary = _harvest(session, server, tmp_path, on_page=heal)
    assert summary["complete"] and summary["records"] == 11
    assert calls == [1, 2, 1, 2, 3, 4]
    assert _ids(tmp_path) == IDS
    assert len(list((tmp_path / "pages" / "cs_cs").iterdir())) == 4
    _, counts = arxiv_oai.read_harvest(tmp_path)
    assert counts["duplicates"] == 0


def test_no_records_match_finishes_empty(server, session, tmp_path):
    server.add(
        "/oai",
        {"verb": "ListRecords", "metadataPrefix": "arXivRaw", "set": "cs:cs", "from": "2030-01-01"},
        Reply(body=error_page("noRecordsMatch", "no records")),
    )
    summary = _harvest(session, server, tmp_path, from_="2030-01-01")
    assert summary["complete"] and summary["records"] == 0
    assert _ids(tmp_path) == []


def test_other_oai_errors_are_raised(server, session, tmp_path):
    server.add(
        "/oai",
        {"verb": "ListRecords", "metadataPrefix": "arXivRaw", "set": "cs:cs"},
        Reply(body=error_page("badArgument", "Set does not exist")),
    )
    with pytest.raises(arxiv_oai.OAIError, match="Set does not exist"):
        _harvest(session, server, tmp_path)


def test_records_in_snapshot_layout(server, session, tmp_path):
    serve_harvest(
        server,
        [
            raw_record(
                "1706.03762",
                "2023-08-02",
                authors=("Ashish Vaswani, Noam Shazeer and Niki Parmar"),
                categories="cs.CL cs.LG",
                versions=("Mon, 12 Jun 2017 17:57:34 GMT", "Wed, 2 Aug 2023 00:41:18 GMT"),
            )
        ],
        per_page=3,
    )
    _harvest(session, server, tmp_path)
    (record,), _ = arxiv_oai.read_harvest(tmp_path)
    assert list(record)[:14] == list(arxiv_oai.SNAPSHOT_KEYS)
    assert record["categories"] == "cs.CL cs.LG"
    assert record["versions"] == [
        {"version": "v1", "created": "Mon, 12 Jun 2017 17:57:34 GMT"},
        {"version": "v2", "created": "Wed, 2 Aug 2023 00:41:18 GMT"},
    ]
    assert record["authors_parsed"] == [
        ["Vaswani", "Ashish", ""],
        ["Shazeer", "Noam", ""],
        ["Parmar", "Niki", ""],
    ]
    assert record["submitter"] == "Ada Lovelace" and record["update_date"] == "2023-08-02"
    out = tmp_path / "arxiv.jsonl.gz"
    assert arxiv_oai.write_snapshot([record], out) == 1


def test_arxiv_format_uses_created_for_the_first_version(server, session, tmp_path):
    serve_harvest(
        server,
        [arxiv_format_record("1706.03762", "2023-08-02", "2017-06-12")],
        per_page=3,
        prefix="arXiv",
    )
    _harvest(session, server, tmp_path, metadata_prefix="arXiv")
    (record,), _ = arxiv_oai.read_harvest(tmp_path)
    assert record["versions"] == [{"version": "v1", "created": "Mon, 12 Jun 2017 00:00:00 GMT"}]
    assert record["authors"] == "Ashish Vaswani, Noam Shazeer"
    assert record["journal-ref"] == "NIPS 2017" and record["doi"] == "10.5555/3295222.3295349"


def test_stat_records_outside_stat_ml_are_filtered_after(server, session, tmp_path):
    records = [
        raw_record("2402.00001", "2026-02-01", categories="stat.ML math.ST"),
        raw_record("2402.00002", "2026-02-01", categories="stat.ME"),
    ]
    serve_harvest(server, records, per_page=3, set_spec="stat:stat")
    arxiv_oai.harvest_set(session, tmp_path, "stat:stat", endpoint=f"{server.url}/oai")
    kept, counts = arxiv_oai.read_harvest(tmp_path)
    assert [r["id"] for r in kept] == ["2402.00001"] and counts["outside_categories"] == 1


def test_author_string_parser():
    assert arxiv_oai.parse_author_string("J. Smith Jr., M. de Vries and Q. Li") == [
        ["Smith", "J.", "Jr."],
        ["Vries", "M. de", ""],
        ["Li", "Q.", ""],
    ]


def test_author_string_with_numbered_affiliations():
    authors = (
        "Jane Q. Public (1), Rui Li (2), Ada Lovelace (1) ((1) Department of Physics, "
        "University of Oxford, Oxford, UK, (2) Tsinghua University, Beijing, China)"
    )
    assert arxiv_oai.parse_author_string(authors) == [
        ["Public", "Jane Q.", ""],
        ["Li", "Rui", ""],
        ["Lovelace", "Ada", ""],
    ]
    assert arxiv_oai.parse_author_string("A. Smith (MIT) and B. Jones (CMU)") == [
        ["Smith", "A.", ""],
        ["Jones", "B.", ""],
    ]


def test_list_sets_reads_every_page(server, session):
    from tests.sources.oai_fixtures import ENVELOPE

    first = ENVELOPE.format(
        body=(
            "<ListSets><set><setSpec>cs</setSpec><setName>Computer Science</setName></set>"
            "<set><setSpec>cs:cs</setSpec><setName>Computer Science</setName></set>"
            '<resumptionToken cursor="0" completeListSize="3">sets|2</resumptionToken></ListSets>'
        )
    )
    second = ENVELOPE.format(
        body=(
            "<ListSets><set><setSpec>stat:stat:ML</setSpec><setName>Machine Learning</setName>"
            '</set><resumptionToken cursor="2" completeListSize="3"/></ListSets>'
        )
    )
    server.add("/oai", {"verb": "ListSets"}, Reply(body=first.encode()))
    server.add(
        "/oai", {"verb": "ListSets", "resumptionToken": "sets|2"}, Reply(body=second.encode())
    )
    assert arxiv_oai.list_sets(session, f"{server.url}/oai") == [
        ("cs", "Computer Science"),
        ("cs:cs", "Computer Science"),
        ("stat:stat:ML", "Machine Learning"),
    ]
