import numpy as np
import pandas as pd
import pytest

from dl_geography.datasets import JSONLinesDataset
from dl_geography.pipelines.ingestion.arxiv import (
    PAPER_COLUMNS,
    is_known_category,
    parse_arxiv_records,
    sample_subset,
)
from tests.pipelines.ingestion.fixtures import daily_record, dropped, lines, snapshot_record

PARAMS = {"subject_archives": ["cs"], "extra_subjects": ["stat.ML"]}


def test_snapshot_record_is_cleaned():
    papers, _ = parse_arxiv_records(lines(snapshot_record("1703.01234v3")), 0, PARAMS)
    paper = papers.iloc[0]
    assert paper["paper_id"] == "1703.01234"
    assert paper["title"] == "Deep learning for maps"
    assert paper["abstract"] == "We learn deep maps."
    assert list(paper["categories"]) == ["cs.LG", "stat.ML"]
    assert list(paper["subjects"]) == ["cs.LG", "stat.ML"]
    assert paper["primary_category"] == "cs.LG"
    assert paper["created"] == pd.Timestamp("2007-04-02 19:18:42")  # first version, UTC
    assert paper["year"] == 2007
    assert paper["doi"] == "10.1000/abc.1"
    assert paper["journal_ref"] == "J. Maps 1 (2017)"
    assert paper["n_authors"] == 3
    assert dict(papers.dtypes.astype(str)) == PAPER_COLUMNS


def test_daily_listing_record_is_cleaned():
    papers, _ = parse_arxiv_records(lines(daily_record()), 0, PARAMS)
    paper = papers.iloc[0]
    assert paper["created"] == pd.Timestamp("2025-03-18")
    assert list(paper["categories"]) == ["cs.CV", "cs.RO"]
    assert paper["doi"] == "10.1109/x.2"
    assert pd.isna(paper["journal_ref"])
    assert paper["n_authors"] == 2


def test_both_layouts_in_one_file_and_old_style_ids():
    raw = lines(snapshot_record("cs/0612045v1", categories="cs.AI"), daily_record())
    papers, _ = parse_arxiv_records(raw, 0, PARAMS)
    assert papers["paper_id"].tolist() == ["cs/0612045", "2503.11731"]


def test_broken_inputs_are_dropped_and_reported_with_ids():
    raw = lines(
        snapshot_record("0704.0001"),
        '{"id": "0704.0002", "abstract": ',  # truncated line
        "[1, 2]",  # valid JSON, not a record
        snapshot_record("0704.0003", abstract="   "),
        snapshot_record("0704.0004", versions=[{"version": "v1", "created": "someday"}]),
        snapshot_record("0704.0005", categories="cs.XX math.ZZZ9"),
        snapshot_record("0704.0006", categories="math.AG hep-th"),
        snapshot_record(None),
        snapshot_record("0704.0001"),
        snapshot_record("not-an-id"),
        snapshot_record("0704.0007", categories="cs.CV I.2.6 68T05"),
    )
    papers, report = parse_arxiv_records(raw, 0, PARAMS)
    assert papers["paper_id"].tolist() == ["0704.0001", "0704.0007"]
    assert list(papers.loc[1, "categories"]) == ["cs.CV"]
    assert dropped(report, "malformed JSON line") == (2, "line 2 (id 0704.0002); line 3")
    assert dropped(report, "no abstract") == (1, "0704.0003")
    assert dropped(report, "unparseable date") == (1, "0704.0004")
    assert dropped(report, "no known category") == (1, "0704.0005")
    assert dropped(report, "not cs/stat.ML") == (1, "0704.0006")
    assert dropped(report, "duplicate id") == (1, "0704.0001")
    assert dropped(report, "no id") == (1, "line 8")
    assert dropped(report, "not an arXiv id") == (1, "not-an-id")
    count, examples = dropped(report, "unknown category (not arXiv's taxonomy)")
    assert count == 4
    assert "0704.0005: cs.XX" in examples and "0704.0007: I.2.6" in examples
    # every record that went in is accounted for
    records = report.loc[(report["step"] == "arxiv: records")]
    assert records.loc[records["outcome"] == "in", "count"].item() == 9


@pytest.mark.parametrize(
    ("category", "known"),
    [
        ("cs.LG", True),
        ("stat.ML", True),
        ("math.AG", True),
        ("hep-th", True),
        ("physics.acc-ph", True),
        ("cond-mat.mes-hall", True),
        ("q-bio.NC", True),
        ("cs.XX", False),
        ("cs", False),
        ("I.2.6", False),
        ("68T05", False),
        ("foo.BA", False),
    ],
)
def test_known_categories_follow_arxiv_taxonomy(category, known):
    assert is_known_category(category) is known


def test_sample_subset_is_deterministic_and_keeps_affiliated_papers():
    papers = pd.DataFrame({"paper_id": [f"2501.{i:05d}" for i in range(100)]})
    keep_always = pd.Series(np.arange(100) % 25 == 0)  # 4 papers
    first = sample_subset(papers, keep_always, 10)
    second = sample_subset(papers.copy(), keep_always.copy(), 10)
    assert first.sum() == 10
    assert first[keep_always].all()
    assert first.equals(second)
    assert sample_subset(papers, keep_always, 0).all()


def test_sample_max_papers_reported():
    raw = lines(
        *[daily_record(f"2503.{i:05d}") for i in range(20)],
        daily_record("2503.99999", author_affiliations=[{"author": "A", "affiliation": "X"}]),
    )
    papers, report = parse_arxiv_records(raw, 5, PARAMS)
    assert len(papers) == 5
    assert "2503.99999" in set(papers["paper_id"])
    assert dropped(report, "outside the sample_max_papers subset")[0] == 16


@pytest.mark.shared_data
def test_real_daily_listing_sample(shared_data):
    raw = JSONLinesDataset(
        filepath=str(shared_data / "arxiv" / "daily_arxiv_cs_2025-03_2026-08_all.jsonl.gz")
    ).load()
    papers, report = parse_arxiv_records(raw.head(3000), 0, PARAMS)
    assert len(papers) > 2900
    assert papers["paper_id"].str.match(r"^\d{4}\.\d{5}$").all()
    assert (papers["year"] >= 2025).all()
    assert all(s.startswith("cs.") or s == "stat.ML" for subj in papers["subjects"] for s in subj)
    assert papers["abstract"].str.contains("\n").sum() == 0
    assert dict(papers.dtypes.astype(str)) == PAPER_COLUMNS
    # the real file lists ACM/MSC classes among categories: counted, not silently lost
    assert dropped(report, "unknown category (not arXiv's taxonomy)")[0] > 0


def test_nothing_usable_gives_an_empty_typed_table():
    papers, report = parse_arxiv_records(lines("{bad", {"id": 5}), 0, PARAMS)
    assert papers.empty
    assert dict(papers.dtypes.astype(str)) == PAPER_COLUMNS
    assert dropped(report, "not an arXiv id") == (1, "5")
