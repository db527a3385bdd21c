"""The region features of Eq. 6 on a hand-built world, against values computed by hand."""

import numpy as np
import pandas as pd
import pytest

from dl_geography.pipelines.drivers.features import (
    build_model_input_table,
    build_region_features,
    period_rca,
    standardise,
    standardised_model_table,
    subject_model_inputs,
    subject_region_features,
)

PARAMS = {
    "break_year": 2012,
    "target_subject": "dl",
    "china_country_codes": ["CN"],
    "arxiv_sp_above_median_only": False,
    "cb_sp_without_organisations": "zero",
    "sample": {"activity_quantile": 0.0, "activity_period": "all"},
    "standardisation": {"interactions": "product_of_standardised", "dummies": False},
    "models": {"Model 1": ["rca_t0", "arxiv_sp", "arxiv_tot", "is_china"]},
}


def region(region_id, country_code):
    return {
        "region_id": region_id,
        "region": f"name {region_id}",
        "country_code": country_code,
        "country": f"country {country_code}",
    }


@pytest.fixture
def world():
    """Three regions. Before 2012: A has p1 [x], p2 [x, y]; B has p3 [y], p4 [y] at half
    weight; C (China) has p6 [x]. After: A's p5 [y] (not in arxiv_sp)."""
    rows = [
        ("p1", "A", "US", 2008, ["x"], 1.0),
        ("p2", "A", "US", 2010, ["x", "y"], 1.0),
        ("p3", "B", "US", 2009, ["y"], 1.0),
        ("p4", "B", "US", 2011, ["y"], 0.5),
        ("p6", "C", "CN", 2009, ["x"], 1.0),
        ("p5", "A", "US", 2015, ["y"], 1.0),
        ("p7", None, "US", 2015, ["y"], 1.0),
    ]
    analysis = pd.DataFrame(
        [
            {
                **region(r, c),
                "paper_id": p,
                "year": y,
                "subjects": s,
                "weight": w,
                "is_dl": False,
                "above_median": True,
            }
            for p, r, c, y, s, w in rows
        ]
    )
    similarity = pd.DataFrame(
        {
            "subject": ["x", "y", "dl"],
            "x": [1.0, 0.3, 0.5],
            "y": [0.3, 1.0, 0.2],
            "dl": [0.5, 0.2, 1.0],
        }
    )
    relatedness = pd.DataFrame(
        {
            "subject": ["dl", "dl", "x", "x"],
            "sector": ["AI", "Retail", "AI", "Retail"],
            "share": [0.6, 0.1, 0.3, 0.9],
            "n_papers": [5, 5, 5, 5],
        }
    )
    orgs = pd.DataFrame(
        [
            {**region("A", "US"), "org_id": "o1", "sectors": ["AI"], "founded_year": 2005},
            {
                **region("A", "US"),
                "org_id": "o2",
                "sectors": ["AI", "Retail"],
                "founded_year": 2010,
            },
            {**region("A", "US"), "org_id": "o3", "sectors": ["Retail"], "founded_year": 2015},
            {**region("A", "US"), "org_id": "o4", "sectors": ["AI"], "founded_year": None},
            {**region("B", "US"), "org_id": "o5", "sectors": ["Retail"], "founded_year": 2000},
            {**region(None, "US"), "org_id": "o6", "sectors": ["AI"], "founded_year": 2001},
        ]
    ).astype({"founded_year": "Int64"})
    rca = pd.DataFrame(
        {
            "region_id": ["A", "A", "B", "B", "C"],
            "period": ["before", "after", "before", "after", "after"],
            "rca": [0.8, 1.2, 1.1, 0.9, 2.0],
        }
    )
    return analysis, rca, similarity, relatedness, orgs


@pytest.fixture
def features(world):
    table, report = build_region_features(*world, PARAMS)
    return table.set_index("region_id"), report


def test_arxiv_sp_is_similarity_weighted_sum_of_location_quotients(features):
    # Pre-break counts: A x=2 y=1; B x=0 y=1.5; C x=1 y=0; total 5.5
    # column shares x = 6/11, y = 5/11; LQ_A = (11/9, 11/15), LQ_B = (0, 2.2), LQ_C = (11/6, 0)
    table, _ = features
    assert table.loc["A", "arxiv_sp"] == pytest.approx(11 / 9 * 0.5 + 11 / 15 * 0.2)
    assert table.loc["B", "arxiv_sp"] == pytest.approx(2.2 * 0.2)
    assert table.loc["C", "arxiv_sp"] == pytest.approx(11 / 6 * 0.5)


def test_cb_sp_uses_pre_break_organisations_and_dl_sector_weights(features):
    # Pre-break orgs: A AI=2 Retail=1, B Retail=1; shares AI = Retail = 1/2
    # LQ_A = (4/3, 2/3), LQ_B = (0, 2); weights dl: AI 0.6, Retail 0.1 (rows of x ignored)
    table, _ = features
    assert table.loc["A", "cb_sp"] == pytest.approx(4 / 3 * 0.6 + 2 / 3 * 0.1)
    assert table.loc["B", "cb_sp"] == pytest.approx(2 * 0.1)
    assert table.loc["C", "cb_sp"] == 0.0  # no organisation: zero, counted


def test_totals_are_logged_pre_break_activity(features):
    table, _ = features
    assert table.loc["A", "arxiv_tot"] == pytest.approx(np.log(3.0))
    assert table.loc["B", "arxiv_tot"] == pytest.approx(np.log(2.5))
    assert table.loc["A", "cb_tot"] == pytest.approx(np.log(3.0))
    assert table.loc["C", "cb_tot"] == 0.0
    assert table.loc["A", "n_papers"] == 3.0  # all years, for the sample


def test_rca_interactions_and_china(features):
    table, _ = features
    assert table.loc["A", ["rca_t0", "rca_t1"]].tolist() == [0.8, 1.2]
    assert np.isnan(table.loc["C", "rca_t0"])
    assert table.loc["A", "arxiv_sp_x_cb_sp"] == pytest.approx(
        table.loc["A", "arxiv_sp"] * table.loc["A", "cb_sp"]
    )
    assert table.loc["B", "arxiv_sp_x_cb_tot"] == pytest.approx(2.2 * 0.2 * np.log(2.0))
    assert table["is_china"].to_dict() == {"A": 0, "B": 0, "C": 1}


def test_every_exclusion_is_counted(features):
    _, report = features
    dropped = report.loc[report["outcome"] == "dropped"].set_index("reason")
    assert dropped.loc["paper x location row without region_id", "count"] == 1
    assert dropped.loc["no region_id", "count"] == 1
    assert dropped.loc["founded_year missing", "count"] == 1
    assert dropped.loc["founded in or after 2012", "count"] == 1
    assert dropped.loc["founded in or after 2012", "examples"] == "o3"
    imputed = report.loc[report["outcome"] == "imputed"].iloc[0]
    assert (imputed["count"], imputed["examples"]) == (1, "C")


def test_missing_cb_sp_can_be_left_missing(world):
    table, _ = build_region_features(*world, {**PARAMS, "cb_sp_without_organisations": "missing"})
    assert np.isnan(table.set_index("region_id").loc["C", "cb_sp"])


def test_missing_target_subject_is_a_clear_error(world):
    analysis, rca, similarity, relatedness, orgs = world
    with pytest.raises(ValueError, match="no column for subject 'dl'"):
        build_region_features(
            analysis, rca, similarity.drop(columns="dl"), relatedness, orgs, PARAMS
        )


def test_subject_features_replace_dl_by_the_subject(world, features):
    """Fig 16's variables for subject x: x's own RCA, similarities and sector relatedness."""
    analysis, _, similarity, relatedness, orgs = world
    params = {**PARAMS, "subject_models": {"rca_citation_filter": "all"}}
    inputs = subject_model_inputs(analysis, orgs, params)
    table = subject_region_features(
        features[0].reset_index(), inputs, similarity, relatedness, subject="x", params=params
    ).set_index("region_id")
    # arxiv_sp: only y counts (x itself excluded), sim(x, y) = 0.3; LQ_y = 11/15, 2.2, 0
    assert table["arxiv_sp"].to_dict() == pytest.approx(
        {"A": 11 / 15 * 0.3, "B": 2.2 * 0.3, "C": 0.0}
    )
    # cb_sp: x's rows, AI 0.3 and Retail 0.9; LQ_A = (4/3, 2/3), LQ_B = (0, 2); C has none
    assert table["cb_sp"].to_dict() == pytest.approx(
        {"A": 4 / 3 * 0.3 + 2 / 3 * 0.9, "B": 2 * 0.9, "C": 0.0}
    )
    # RCA of x before the break (all papers, weights): A 2/2, B 0/1.5, C 1/1, world 3/4.5
    assert table.loc["A", "rca_t0"] == pytest.approx(1.5)
    assert table.loc["B", "rca_t0"] == 0.0
    assert table.loc["C", "rca_t0"] == pytest.approx(1.5)
    # after: only A's p5 [y] -> x RCA 0 in A (world share 0: undefined, NaN)
    assert np.isnan(table.loc["A", "rca_t1"])
    assert table.loc["B", "arxiv_sp_x_cb_sp"] == pytest.approx(2.2 * 0.3 * 2 * 0.9)
    assert table["arxiv_tot"].equals(features[0]["arxiv_tot"])


def test_period_rca_by_hand():
    papers = pd.DataFrame(
        {
            "region_id": ["A", "A", "B", "B", "A"],
            "year": [2010, 2010, 2010, 2010, 2014],
            "weight": [1.0, 1.0, 1.0, 1.0, 1.0],
            "above_median": [True, True, True, False, True],
        }
    )
    is_target = pd.Series([True, False, True, True, True])
    rca = period_rca(papers, is_target, 2012, above_median_only=True)
    # before, above median: A 1 of 2, B 1 of 1; world 2 of 3 -> A 0.5/(2/3), B 1/(2/3)
    assert rca.loc["A", "rca_t0"] == pytest.approx(0.75)
    assert rca.loc["B", "rca_t0"] == pytest.approx(1.5)
    assert rca.loc["A", "rca_t1"] == pytest.approx(1.0)
    everything = period_rca(papers, is_target, 2012, above_median_only=False)
    # all papers before: A 1/2, B 2/2, world 3/4
    assert everything.loc["B", "rca_t0"] == pytest.approx(1 / 0.75)


def test_standardise_and_interaction_of_standardised_terms():
    sample = pd.DataFrame(
        {
            "region_id": list("abcd"),
            "region": list("abcd"),
            "country_code": list("UUCC"),
            "country": list("UUCC"),
            "rca_t1": [1.0, 2.0, 3.0, 4.0],
            "rca_t0": [1.0, 1, 2, 2],
            "arxiv_sp": [1.0, 2, 3, 4],
            "cb_sp": [4.0, 1, 1, 2],
            "arxiv_tot": [1.0, 2, 3, 5],
            "cb_tot": [0.0, 1, 1, 1],
            "is_china": [0, 0, 1, 1],
            "arxiv_sp_x_cb_sp": [4.0, 2, 3, 8],
            "arxiv_sp_x_cb_tot": [0.0, 2, 3, 4],
        }
    )
    z = standardised_model_table(sample, PARAMS["standardisation"])
    z_arxiv = (sample["arxiv_sp"] - 2.5) / np.std([1, 2, 3, 4], ddof=1)
    assert np.allclose(z["arxiv_sp"], z_arxiv)
    product = z["arxiv_sp"] * z["cb_sp"]
    assert np.allclose(z["arxiv_sp_x_cb_sp"], (product - product.mean()) / product.std())
    assert z["is_china"].tolist() == [0.0, 0.0, 1.0, 1.0]
    raw = standardised_model_table(
        sample, {**PARAMS["standardisation"], "interactions": "standardised_product"}
    )
    assert np.allclose(raw["arxiv_sp_x_cb_tot"], standardise(sample["arxiv_sp_x_cb_tot"]))
    assert np.allclose(z[["rca_t1", "cb_tot"]].mean(), 0.0)


def test_model_sample_too_small_is_empty_with_its_reason(features):
    table, _ = features
    # A (3 papers) and B (2.5) reach the 0.5 quantile (2.5), and C lacks rca_t0
    params = {
        **PARAMS,
        "sample": {"activity_quantile": 0.5, "activity_period": "all"},
        "models": {"Model 1": ["rca_t0", "arxiv_sp"]},
    }
    sample, report = build_model_input_table(table.reset_index(), params)
    assert sample.empty and "rca_t1" in sample.columns
    empty = report.loc[report["outcome"] == "empty"]
    assert len(empty) == 1
    reason = empty["reason"].item()
    assert "2 regions in 1 country have" in reason and "at least 4 regions" in reason


def test_model_sample_reports_regions_lacking_a_variable():
    rng = np.random.default_rng(0)
    n = 12
    frame = pd.DataFrame(
        {
            "region_id": [f"r{i}" for i in range(n)],
            "region": "r",
            "country": "c",
            "country_code": ["US", "CN", "GB"] * 4,
            "n_papers": np.arange(1.0, n + 1),
            **{
                v: rng.normal(size=n)
                for v in ["rca_t1", "rca_t0", "arxiv_sp", "cb_sp", "arxiv_tot", "cb_tot"]
            },
        }
    )
    frame["is_china"] = (frame["country_code"] == "CN").astype(int)
    frame["arxiv_sp_x_cb_sp"] = frame["arxiv_sp"] * frame["cb_sp"]
    frame["arxiv_sp_x_cb_tot"] = frame["arxiv_sp"] * frame["cb_tot"]
    frame.loc[11, "rca_t0"] = np.nan
    params = {**PARAMS, "sample": {"activity_quantile": 0.25, "activity_period": "all"}}
    table, report = build_model_input_table(frame, params)
    # quantile 0.25 of 1..12 = 3.75: regions with 4..12 papers (9), r11 lacks rca_t0
    assert len(table) == 8
    assert "r11" not in set(table["region_id"])
    dropped = report.loc[report["outcome"] == "dropped"].set_index("reason")
    assert dropped.loc["rca_t0 missing", "count"] == 1
    assert dropped.loc["rca_t0 missing", "examples"] == "r11"
    assert dropped.filter(like="below the 0.25 quantile", axis=0)["count"].item() == 3
    assert np.allclose(table["rca_t1"].std(), 1.0)


def test_empty_sample_reason_names_the_variable_and_its_parameter():
    n = 6
    frame = pd.DataFrame(
        {
            "region_id": [f"r{i}" for i in range(n)],
            "region": "r",
            "country": "c",
            "country_code": ["US", "CN", "GB"] * 2,
            "n_papers": np.full(n, 5.0),
            **{
                v: np.ones(n)
                for v in [
                    "rca_t1",
                    "arxiv_sp",
                    "cb_sp",
                    "arxiv_tot",
                    "cb_tot",
                    "arxiv_sp_x_cb_sp",
                    "arxiv_sp_x_cb_tot",
                ]
            },
            "rca_t0": [1.0, 2.0] + [np.nan] * 4,
            "is_china": [0, 1] * 3,
        }
    )
    params = {
        **PARAMS,
        "break_year": 2026,
        "sample": {"activity_quantile": 0.0, "activity_period": "all"},
    }
    table, report = build_model_input_table(frame, params)
    assert table.empty
    reason = report.loc[report["outcome"] == "empty", "reason"].item()
    assert "lacked rca_t0 (4)" in reason
    assert "drivers.break_year = 2026" in reason
    assert "years.break_year in conf/<env>/globals.yml" in reason
