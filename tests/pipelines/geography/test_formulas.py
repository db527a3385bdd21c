"""Every formula of the geography nodes against values computed by hand."""

import numpy as np
import pandas as pd
import pytest

from dl_geography.pipelines.geography.concentration import (
    concentration_by_year,
    concentration_summary,
    country_rca_by_year,
)
from dl_geography.pipelines.geography.descriptives import (
    activity_correlation,
    arxiv_and_crunchbase_by_region,
    make_table_2,
)
from dl_geography.pipelines.geography.gpt_tests import (
    dl_impact_by_subject,
    dl_share_by_subject_year,
    dl_share_by_year,
    moving_average,
)
from dl_geography.pipelines.geography.headlines import (
    growth_multiple,
    headline_statistics,
    within_country_concentration,
)
from dl_geography.pipelines.geography.rca import most_active_flags, rca_by_country, rca_by_region

PARAMS = {
    "break_year": 2012,
    "most_active_percentile": {"country": 50, "region": 50},
    "moving_average_window": 3,
    "impact_since_years": [2010, 2012],
    "dispersion_years": [2010, 2013],
    "dispersion_top_countries": 2,
    "concentration_top_k": 1,
    "growth_periods": [[2010, 2011], [2012, 2013]],
    "growth_min_first_period_papers": 1,
    "growth_pseudo_count": 0,
    "concentration_country": "GB",
    "concentration_top_regions": 1,
}
DATA = {"rca_citation_filter": "above_median"}


def _row(
    paper,
    code,
    region,
    year,
    dl,
    *,
    above=True,
    top=False,
    weight=1.0,
    citations=0,
    subjects=("cs.LG",),
):
    return {
        "paper_id": paper,
        "country_code": code,
        "country": f"name {code}",
        "region_id": region,
        "region": f"region {region}",
        "year": year,
        "is_dl": dl,
        "subjects": list(subjects),
        "n_subjects": len(subjects),
        "n_institutes": 1,
        "citations": citations,
        "citations_per_year": citations / 2.0,
        "highly_cited": top,
        "above_median": above,
        "weight": weight,
    }


def _table():
    """Country A: 4 papers before (1 DL), 2 after (2 DL); B: 4 before (0 DL), 4 after (2).
    One paper of B below the median after the break (left out of RCA)."""
    rows = [
        _row("a1", "A", "A1", 2010, True, top=True),
        _row("a2", "A", "A1", 2010, False),
        _row("a3", "A", "A2", 2011, False),
        _row("a4", "A", "A2", 2011, False),
        _row("a5", "A", "A1", 2012, True, top=True),
        _row("a6", "A", "A1", 2013, True),
        _row("b1", "B", "B1", 2010, False),
        _row("b2", "B", "B1", 2010, False),
        _row("b3", "B", "B1", 2011, False),
        _row("b4", "B", "B1", 2011, False),
        _row("b5", "B", "B1", 2012, True, top=True),
        _row("b6", "B", "B1", 2012, True),
        _row("b7", "B", "B1", 2013, False),
        _row("b8", "B", "B1", 2013, False),
        _row("b9", "B", "B1", 2013, True, above=False),
    ]
    return pd.DataFrame(rows)


def test_rca_before_and_after_the_break():
    rca = rca_by_country(_table(), PARAMS, DATA).set_index(["country_code", "period"])
    # before: world 1 DL / 8; A 1/4 -> RCA 2.0; B 0/4 -> 0
    assert rca.loc[("A", "before"), "rca"] == pytest.approx((1 / 4) / (1 / 8))
    assert rca.loc[("B", "before"), "rca"] == pytest.approx(0.0)
    # after (above median only: b9 out): world 4 / 6; A 2/2 -> 1.5; B 2/4 -> 0.75
    assert rca.loc[("A", "after"), "rca"] == pytest.approx(1 / (4 / 6))
    assert rca.loc[("B", "after"), "rca"] == pytest.approx(0.5 / (4 / 6))
    assert rca.loc[("B", "after"), "n_papers"] == 4
    assert rca.loc[("B", "after"), "n_dl"] == 2
    # activity counts every paper; B (9) >= median of (6, 9) = 7.5, A (6) is not
    assert bool(rca.loc[("B", "after"), "most_active"])
    assert not bool(rca.loc[("A", "after"), "most_active"])


def test_rca_by_region_keeps_every_region_and_both_periods():
    table = pd.concat(
        [_table(), pd.DataFrame([_row("c1", "C", "C1", 2013, True, above=False)])],
        ignore_index=True,
    )
    rca = rca_by_region(table, PARAMS, DATA)
    assert list(rca.columns[:4]) == ["region_id", "region", "country_code", "country"]
    assert {"period", "rca", "n_papers", "n_dl", "most_active"} <= set(rca.columns)
    # C1 only has a paper below the median: still present, RCA undefined
    assert set(rca["region_id"]) == {"A1", "A2", "B1", "C1"}
    assert len(rca) == 8
    assert rca.loc[rca["region_id"] == "C1", "rca"].isna().all()
    a2_after = rca[(rca["region_id"] == "A2") & (rca["period"] == "after")]
    assert a2_after["n_papers"].iloc[0] == 0 and np.isnan(a2_after["rca"].iloc[0])


def test_most_active_percentile():
    flags = most_active_flags(pd.Series([1.0, 2.0, 3.0, 4.0]), 75)
    # 75th percentile of 1..4 (linear) = 3.25
    assert flags.tolist() == [False, False, False, True]


def test_moving_average_centred_with_gaps():
    values = pd.Series([0.0, 0.3, 0.6, 0.3], index=[2010, 2011, 2012, 2014])
    smoothed = moving_average(values, 3)
    assert smoothed[2010] == pytest.approx(0.15)  # (0 + 0.3) / 2 at the edge
    assert smoothed[2011] == pytest.approx(0.3)  # (0 + 0.3 + 0.6) / 3
    assert smoothed[2012] == pytest.approx(0.45)  # (0.3 + 0.6) / 2: 2013 is missing
    assert smoothed[2014] == pytest.approx(0.3)  # only itself: 2013 missing, 2015 outside


def test_dl_shares_by_year_and_subject():
    table = _table()
    by_year = dl_share_by_year(table, PARAMS).set_index("year")
    # 2012: a5, b5, b6 all DL -> 1.0; 2013: a6, b9 DL of a6, b7, b8, b9 -> 0.5
    assert by_year.loc[2012, "dl_share"] == pytest.approx(1.0)
    assert by_year.loc[2013, "dl_share"] == pytest.approx(0.5)
    assert by_year.loc[2011, "period"] == "before" and by_year.loc[2012, "period"] == "after"
    by_subject = dl_share_by_subject_year(table, PARAMS).set_index("year")
    # 2010: 1/4, 2011: 0/4, 2012: 3/3 -> moving average at 2011 = (0.25 + 0 + 1) / 3
    assert by_subject.loc[2011, "dl_share_moving_average"] == pytest.approx(1.25 / 3)


def test_dl_impact_by_subject():
    impact = dl_impact_by_subject(_table(), PARAMS).set_index("since_year")
    # from 2012: 7 papers, 5 DL; highly cited: a5, b5 -> both DL
    assert impact.loc[2012, "dl_share"] == pytest.approx(5 / 7)
    assert impact.loc[2012, "dl_share_highly_cited"] == pytest.approx(1.0)
    # from 2010: 15 papers, 6 DL; highly cited a1, a5, b5 -> all DL
    assert impact.loc[2010, "dl_share"] == pytest.approx(6 / 15)


def test_concentration_top_k_and_herfindahl():
    table = _table()
    series = concentration_by_year(table, PARAMS).set_index(["level", "field", "year"])
    # 2012 highly cited: a5 (A), b5 (B) -> top-1 share 0.5, Herfindahl 0.25 + 0.25
    row = series.loc[("country", "dl", 2012)]
    assert row["top_k_share"] == pytest.approx(0.5)
    assert row["herfindahl"] == pytest.approx(0.5)
    assert row["n_highly_cited"] == 2
    summary = concentration_summary(table, PARAMS).set_index(["level", "field", "period"])
    # all years: highly cited A: a1, a5 (2), B: b5 (1) -> HHI (2/3)^2 + (1/3)^2
    assert summary.loc[("country", "dl", "all"), "herfindahl"] == pytest.approx(5 / 9)
    assert summary.loc[("country", "dl", "all"), "top_k_share"] == pytest.approx(2 / 3)


def test_country_rca_by_year():
    rca = country_rca_by_year(_table(), PARAMS, DATA).set_index(["country_code", "year"])
    # 2010: A a1 (DL), a2; B b1, b2 -> world 1/4; A 1/2 -> 2.0
    assert rca.loc[("A", 2010), "rca"] == pytest.approx(2.0)
    assert rca["in_top"].all()  # two countries, top 2


def test_growth_multiple_floor():
    later = pd.Series({"A": 20.0, "B": 10.0, "C": 5.0})
    earlier = pd.Series({"A": 4.0, "B": 1.0})
    growth = growth_multiple(later, earlier, min_earlier=2)
    assert growth["A"] == pytest.approx(5.0)
    assert np.isnan(growth["B"]) and np.isnan(growth["C"])  # base too small, or none
    smoothed = growth_multiple(later, earlier, pseudo_count=1)
    # (20 + 1) / (4 + 1), (10 + 1) / (1 + 1), (5 + 1) / (0 + 1)
    assert smoothed.tolist() == pytest.approx([21 / 5, 11 / 2, 6.0])


def test_headline_statistics():
    table = _table()
    headlines = headline_statistics(table, PARAMS)
    growth = headlines[headlines["statistic"] == "dl_growth_multiple"].set_index("location_id")
    # A: 1 DL in 2010-11, 2 in 2012-13 -> x2; B: none before -> undefined, unranked
    assert growth.loc["A", "value"] == pytest.approx(2.0) and growth.loc["A", "rank"] == 1
    assert np.isnan(growth.loc["B", "value"]) and np.isnan(growth.loc["B", "rank"])
    shares = headlines[headlines["statistic"] == "dl_paper_share"].set_index("location_id")
    # 6 DL papers: A 3, B 3
    assert shares.loc["A", "value"] == pytest.approx(0.5)
    cited = headlines[
        (headlines["statistic"] == "highly_cited_dl_papers") & (headlines["level"] == "region")
    ].set_index("location_id")
    assert cited.loc["A1", "value"] == 2 and cited.loc["A1", "rank"] == 1


def test_within_country_concentration():
    table = _table().assign(country_code=lambda t: t["country_code"].replace("A", "GB"))
    table.loc[table["paper_id"] == "a3", "is_dl"] = True
    result = within_country_concentration(table, PARAMS).set_index("year")
    # 2011: only a3 (A2) -> top-1 share 1; 2010: a1 only -> 1
    assert result.loc[2011, "value"] == pytest.approx(1.0)
    table.loc[table["paper_id"] == "a6", "region_id"] = "A2"
    table.loc[table["paper_id"] == "a6", "year"] = 2012
    result = within_country_concentration(table, PARAMS).set_index("year")
    # 2012: a5 (A1), a6 (A2) -> top-1 region holds 1 of 2
    assert result.loc[2012, "value"] == pytest.approx(0.5)


def test_table_2_counts_each_paper_once():
    table = _table()
    doubled = pd.concat([table, table.iloc[[0]].assign(region_id="A9")], ignore_index=True)
    result = make_table_2(doubled).set_index("statistic")
    assert result.loc["n_papers", "dl"] == 6 and result.loc["n_papers", "non_dl"] == 9
    # DL years: 2010, 2012, 2013, 2012, 2012, 2013
    assert result.loc["mean_year", "dl"] == pytest.approx((2010 + 2012 * 3 + 2013 * 2) / 6)


def test_arxiv_and_crunchbase_by_region_and_correlation():
    table = _table()
    orgs = pd.DataFrame(
        {
            "org_id": ["o1", "o2", "o3", "o4"],
            "region_id": ["A1", "A1", "B1", None],
            "region": "r",
            "country_code": ["A", "A", "B", None],
            "country": "c",
        }
    )
    region = arxiv_and_crunchbase_by_region(table, orgs).set_index("region_id")
    assert region.loc["A1", "n_organizations"] == 2 and region.loc["A2", "n_organizations"] == 0
    assert region.loc["B1", "n_papers"] == 9
    assert region["organization_share"].sum() == pytest.approx(1.0)
    corr = activity_correlation(
        pd.DataFrame({"n_papers": [1, 10, 100], "n_organizations": [2, 20, 200]})
    )
    assert corr["pearson_log"] == pytest.approx(1.0)
    assert corr["pearson_counts"] == pytest.approx(1.0)


def test_country_polygons_join_by_code_else_by_name():
    import geopandas as gpd
    from shapely.geometry import box

    from dl_geography.pipelines.geography.rca import _join_geometries, _rca_wide

    rca = rca_by_country(_table().replace({"name A": "France"}), PARAMS, DATA)
    countries = gpd.GeoDataFrame(
        {
            # Natural Earth leaves France's ISO code empty (-99) in some versions
            "country_code": [None, "B", "Z"],
            "country_name": ["France", "name B", "Zed"],
            "geometry": [box(0, 0, 1, 1), box(1, 0, 2, 1), box(2, 0, 3, 1)],
        },
        crs="EPSG:4326",
    )
    joined = _join_geometries(countries, _rca_wide(rca, "country"), "country")
    assert joined["after"].iloc[0] == pytest.approx(1 / (4 / 6))  # A, found by name
    assert joined["after"].iloc[1] == pytest.approx(0.5 / (4 / 6))
    assert np.isnan(joined["after"].iloc[2])
