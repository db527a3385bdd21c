"""Papers to published works (section 2.1.2) on hand-built papers and works."""

import numpy as np
import pandas as pd

from dl_geography.pipelines.enrichment.published import is_published_work, match_papers_to_works

PARAMS = {
    "published_source_types": ["journal", "conference"],
    "prefer_published": True,
    "title_max_year_gap": None,
}


def papers() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "paper_id": [
                "1701.00001",
                "1701.00002",
                "1701.00003",
                "1701.00004",
                "1701.00005",
                "1701.00006",
                "1701.00007",
            ],
            "title": [
                "A",
                "B",
                "C",
                "$\\alpha$-Nets: deep!",
                "Same Title",
                "Unpublished thing",
                "Nothing matches",
            ],
            "doi": ["10.1000/J.ONE", None, None, None, None, None, None],
            "year": [2017] * 7,
        }
    )


def works() -> pd.DataFrame:
    rows = [
        ("W1", "https://doi.org/10.1000/j.one", None, "Other title", 2018, "journal", ["journal"]),
        (
            "W2",
            "10.48550/arXiv.1701.00002",
            None,
            "B",
            2017,
            "repository",
            ["repository", "conference"],
        ),
        ("W3", None, "1701.00003v2", "C", 2017, "journal", ["journal"]),
        ("W4", None, None, "α-nets: Deep", 2018, "conference", ["conference"]),
        ("W5a", None, None, "Same title", 2011, "journal", ["journal"]),
        ("W5b", None, None, "Same title.", 2018, "journal", ["journal"]),
        ("W6", None, "1701.00006", "Unpublished thing", 2017, "repository", ["repository"]),
    ]
    df = pd.DataFrame(
        rows,
        columns=[
            "work_id",
            "doi",
            "arxiv_id",
            "title",
            "publication_year",
            "source_type",
            "location_source_types",
        ],
    )
    df["publication_date"] = pd.to_datetime(df["publication_year"].astype(str) + "-06-01")
    df["cited_by_count"] = np.arange(len(df)) * 10
    return df


def test_is_published_uses_any_location():
    assert is_published_work(works(), ["journal", "conference"]).tolist() == [
        True,
        True,
        True,
        True,
        True,
        True,
        False,
    ]


def test_each_method_and_year_disambiguation():
    out, report = match_papers_to_works(papers(), works(), PARAMS)
    out = out.set_index("paper_id")
    assert out["work_id"].tolist()[:6] == ["W1", "W2", "W3", "W4", "W5b", "W6"]
    assert out["method"].tolist() == [
        "doi",
        "arxiv_doi",
        "arxiv_id",
        "title",
        "title_year",
        "arxiv_id",
        "none",
    ]
    assert out["is_published"].tolist() == [True, True, True, True, True, False, False]
    assert out.loc["1701.00005", "publication_year"] == 2018
    assert out.loc["1701.00005", "cited_by_count"] == 50
    assert pd.isna(out.loc["1701.00007", "work_id"])
    assert str(out["publication_year"].dtype) == "Int64"
    unmatched = report[(report["outcome"] == "unmatched")]
    assert unmatched["count"].tolist() == [1] and unmatched["examples"].tolist() == ["1701.00007"]


def test_published_candidate_beats_the_preprint():
    p = pd.DataFrame(
        {"paper_id": ["1801.00001"], "title": ["Deep nets"], "doi": [None], "year": [2018]}
    )
    w = pd.DataFrame(
        {
            "work_id": ["Wpre", "Wpub"],
            "doi": ["10.48550/arxiv.1801.00001", None],
            "arxiv_id": ["1801.00001", None],
            "title": ["Deep nets", "Deep Nets"],
            "publication_year": [2018, 2019],
            "source_type": ["repository", "journal"],
            "location_source_types": [["repository"], ["journal"]],
            "publication_date": pd.to_datetime(["2018-01-01", "2019-01-01"]),
            "cited_by_count": [1, 2],
        }
    )
    out, _ = match_papers_to_works(p, w, PARAMS)
    assert out[["work_id", "method", "is_published"]].iloc[0].tolist() == [
        "Wpub",
        "title_year",
        True,
    ]
    out, _ = match_papers_to_works(p, w, {**PARAMS, "prefer_published": False})
    assert out[["work_id", "method"]].iloc[0].tolist() == ["Wpre", "arxiv_doi"]


def test_title_year_gap_limit():
    out, report = match_papers_to_works(papers(), works(), {**PARAMS, "title_max_year_gap": 0})
    out = out.set_index("paper_id")
    assert out.loc["1701.00004", "method"] == "none"  # W4 is a year off
    assert report.loc[report["outcome"] == "dropped", "count"].sum() == 3  # W4, W5a, W5b


def test_work_claimed_by_an_identifier_is_not_a_title_match():
    p = pd.DataFrame(
        {
            "paper_id": ["1401.0001", "1401.0002"],
            "title": ["Same", "Same"],
            "doi": [None, None],
            "year": [2014, 2014],
        }
    )
    w = pd.DataFrame(
        {
            "work_id": ["Wa", "Wb"],
            "doi": [None, None],
            "arxiv_id": ["1401.0002", None],
            "title": ["Same", "Same"],
            "publication_year": [2014, 2015],
            "source_type": ["journal", "journal"],
            "location_source_types": [["journal"], ["journal"]],
            "publication_date": pd.to_datetime(["2014-01-01", "2015-01-01"]),
            "cited_by_count": [1, 2],
        }
    )
    out, _ = match_papers_to_works(p, w, PARAMS)
    assert out.set_index("paper_id")["work_id"].to_dict() == {"1401.0001": "Wb", "1401.0002": "Wa"}
