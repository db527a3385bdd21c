"""The analysis table on hand-built frames: per-year quantiles, weights, drops, year."""

import numpy as np
import pandas as pd
import pytest

from dl_geography.pipelines.geography.analysis_table import (
    build_analysis_table,
    counting_weights,
    per_year_quantile_flags,
)
from dl_geography.pipelines.geography.locations import location_totals

PARAMS = {
    "counting": "full",
    "highly_cited_quantile": 0.75,
    "median_quantile": 0.5,
    "citation_reference_year": 2018,
}
DATA = {
    "require_published": True,
    "year_source": "publication",
    "rca_citation_filter": "above_median",
}


def test_quantiles_are_taken_within_each_year():
    # 2010: citations 0..3 -> q75 = 2.25, median 1.5; 2011: 10, 20, 30, 40 -> q75 32.5, med 25
    citations = pd.Series([0, 1, 2, 3, 10, 20, 30, 40])
    years = pd.Series([2010] * 4 + [2011] * 4)
    top = per_year_quantile_flags(citations, years, 0.75, strict=False)
    above = per_year_quantile_flags(citations, years, 0.5, strict=True)
    assert top.tolist() == [False, False, False, True, False, False, False, True]
    assert above.tolist() == [False, False, True, True, False, False, True, True]
    # over all years at once (the study's code), 2010's best paper would not be top
    pooled = per_year_quantile_flags(citations, pd.Series([0] * 8), 0.75, strict=False)
    assert not pooled[3]


def test_uncited_papers_are_never_highly_cited():
    citations = pd.Series([0, 0, 0, 0, 5])
    flags = per_year_quantile_flags(citations, pd.Series([2015] * 5), 0.75, strict=False)
    # q75 = 0: without the zero guard every paper would be "highly cited"
    assert flags.tolist() == [False, False, False, False, True]


def test_fractional_weights_are_one_over_locations():
    ids = pd.Series(["a", "a", "a", "b", "c", "c"])
    assert counting_weights(ids, "fractional").tolist() == pytest.approx(
        [1 / 3, 1 / 3, 1 / 3, 1.0, 0.5, 0.5]
    )
    assert counting_weights(ids, "full").tolist() == [1.0] * 6
    with pytest.raises(ValueError, match="counting"):
        counting_weights(ids, "half")


def _inputs():
    papers = pd.DataFrame(
        {
            "paper_id": ["p1", "p2", "p3", "p4", "p5"],
            "subjects": [["cs.LG", "cs.CV"], ["cs.AI"], ["cs.LG"], ["cs.CL"], ["cs.DS"]],
            "year": [2009, 2010, 2011, 2012, 2013],
        }
    )
    labels = pd.DataFrame(
        {
            "paper_id": ["p1", "p2", "p3", "p5"],
            "is_dl": [True, False, True, False],
            "is_dl_strict": [False, False, True, False],
        }
    )
    matches = pd.DataFrame(
        {
            "paper_id": ["p1", "p2", "p3", "p4", "p5"],
            "is_published": [True, True, False, True, True],
            "publication_year": pd.array([2010, 2012, pd.NA, 2013, 2014], dtype="Int64"),
            "cited_by_count": pd.array([16, 6, 3, 1, 0], dtype="Int64"),
        }
    )
    institutes = pd.DataFrame(
        {
            "paper_id": ["p1", "p1", "p1", "p2", "p3", "p4"],
            "institute_id": ["i1", "i2", "i3", "i1", "i1", "i4"],
            "country_code": ["GB", "GB", "US", "GB", "GB", "FR"],
            "country": [
                "United Kingdom",
                "United Kingdom",
                "United States",
                "United Kingdom",
                "United Kingdom",
                "France",
            ],
            "region_id": ["GBR-1", "GBR-1", "USA-1", "GBR-1", "GBR-1", "FRA-1"],
            "region": ["London", "London", "California", "London", "London", "Paris"],
            "weight": [1 / 3, 1 / 3, 1 / 3, 1.0, 1.0, 1.0],
        }
    )
    return institutes, labels, papers, matches


def test_analysis_table_rows_weights_year_and_report():
    table, report = build_analysis_table(
        *_inputs(), params={**PARAMS, "counting": "fractional"}, data_params=DATA
    )
    # p1: two distinct locations (London twice, California) -> 2 rows of weight 1/2
    # p2: 1 row; p3 unpublished, p4 unlabelled, p5 unlocated: out, and reported
    assert table["paper_id"].tolist() == ["p1", "p1", "p2"]
    assert table["weight"].tolist() == pytest.approx([0.5, 0.5, 1.0])
    assert table["n_institutes"].tolist() == [3, 3, 1]
    assert table["year"].tolist() == [2010, 2010, 2012]  # publication, not arXiv, year
    # citations per year: reference 2018 -> p1 16 / 8, p2 6 / 6
    assert table["citations_per_year"].tolist() == pytest.approx([2.0, 2.0, 1.0])
    dropped = report[report["outcome"] == "dropped"].set_index("step")
    assert dropped.loc["labels", "count"] == 1 and "p4" in dropped.loc["labels", "examples"]
    assert dropped.loc["published", "count"] == 1
    assert dropped.loc["published", "examples"] == "p3"
    assert dropped.loc["located", "count"] == 1 and dropped.loc["located", "examples"] == "p5"


def test_arxiv_year_and_unpublished_papers_when_configured():
    table, report = build_analysis_table(
        *_inputs(),
        params=PARAMS,
        data_params={**DATA, "require_published": False, "year_source": "arxiv"},
    )
    assert set(table["paper_id"]) == {"p1", "p2", "p3"}
    assert table.drop_duplicates("paper_id").set_index("paper_id")["year"].to_dict() == {
        "p1": 2009,
        "p2": 2010,
        "p3": 2011,
    }
    kept = report[report["outcome"] == "kept_unpublished"]
    assert kept["count"].iloc[0] == 1


def test_missing_publication_year_falls_back_to_arxiv_and_is_counted():
    _, report = build_analysis_table(
        *_inputs(), params=PARAMS, data_params={**DATA, "require_published": False}
    )
    used = report[report["outcome"] == "arxiv_year_used"]
    assert used["count"].iloc[0] == 1 and used["examples"].iloc[0] == "p3"


def test_bad_inputs_raise_clear_errors():
    institutes, labels, papers, matches = _inputs()
    with pytest.raises(ValueError, match="region_id"):
        build_analysis_table(
            institutes.drop(columns="region_id"),
            labels,
            papers,
            matches,
            params=PARAMS,
            data_params=DATA,
        )
    with pytest.raises(ValueError, match="year_source"):
        build_analysis_table(
            institutes,
            labels,
            papers,
            matches,
            params=PARAMS,
            data_params={**DATA, "year_source": "mag"},
        )


def test_location_totals_sum_weights_and_flags():
    table = pd.DataFrame(
        {
            "country_code": ["GB", "GB", "US", None],
            "country": ["UK", "UK", "US", None],
            "region_id": ["g1", "g2", "u1", None],
            "region": ["a", "b", "c", None],
            "weight": [0.5, 1.0, 0.5, 1.0],
            "is_dl": [True, False, True, True],
        }
    )
    totals = location_totals(table, "country", flags={"n_dl": table["is_dl"]}).set_index(
        "country_code"
    )
    assert totals.loc["GB", "n_papers"] == pytest.approx(1.5)
    assert totals.loc["GB", "n_dl"] == pytest.approx(0.5)
    assert len(totals) == 2  # the row without a location is out
    regions = location_totals(table, "region")
    assert sorted(regions["region_id"]) == ["g1", "g2", "u1"]
    assert np.isclose(regions["n_papers"].sum(), 2.0)
