"""Models 1-4, their standard errors, VIFs, Table 3's layout and the subject models."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from dl_geography.pipelines.drivers.features import build_region_features
from dl_geography.pipelines.drivers.models import (
    fit_ols,
    fit_subject_models,
    fit_table_3_models,
    variance_inflation_factors,
)
from dl_geography.pipelines.drivers.tables import format_table_3, significance_stars

from .conftest import load_drivers_params
from .synthetic import synthetic_inputs

PARAMS = load_drivers_params()


@pytest.fixture
def sample():
    rng = np.random.default_rng(3)
    n = 60
    frame = pd.DataFrame(
        {
            "region_id": [f"r{i}" for i in range(n)],
            "country_code": [f"C{i % 7}" for i in range(n)],
            "x1": rng.normal(size=n),
            "x2": rng.normal(size=n),
        }
    )
    shock = rng.normal(size=7)[np.arange(n) % 7]  # a country-level error: clustering matters
    frame["y"] = 0.5 * frame["x1"] - 0.2 * frame["x2"] + shock + rng.normal(size=n)
    return frame


def test_clustered_standard_errors_match_the_sandwich_by_hand(sample):
    result = fit_ols(sample, "y", ["x1", "x2"], PARAMS["covariance"])
    X = np.column_stack([np.ones(len(sample)), sample[["x1", "x2"]]])
    beta, *_ = np.linalg.lstsq(X, sample["y"], rcond=None)
    u = sample["y"].to_numpy() - X @ beta
    bread = np.linalg.inv(X.T @ X)
    meat = sum(
        np.outer(X[g].T @ u[g], X[g].T @ u[g])
        for g in (sample["country_code"] == c for c in sample["country_code"].unique())
    )
    n, k, g = len(sample), X.shape[1], sample["country_code"].nunique()
    cov = bread @ meat @ bread * g / (g - 1) * (n - 1) / (n - k)
    assert np.allclose(result.params, beta)
    assert np.allclose(result.bse, np.sqrt(np.diag(cov)))
    t = beta / np.sqrt(np.diag(cov))
    assert np.allclose(result.pvalues, 2 * stats.t.sf(np.abs(t), g - 1))


def test_covariance_alternatives_and_bad_values(sample):
    hc3 = fit_ols(sample, "y", ["x1"], {**PARAMS["covariance"], "type": "HC3"})
    plain = fit_ols(sample, "y", ["x1"], {**PARAMS["covariance"], "type": "nonrobust"})
    assert hc3.cov_type == "HC3"
    assert not np.allclose(hc3.bse, plain.bse)
    with pytest.raises(ValueError, match=r"covariance\.type"):
        fit_ols(sample, "y", ["x1"], {**PARAMS["covariance"], "type": "bootstrap"})
    with pytest.raises(ValueError, match="at least two clusters"):
        fit_ols(sample.assign(country_code="US"), "y", ["x1"], PARAMS["covariance"])


def test_vif_is_one_over_one_minus_r2_of_each_term_on_the_others(sample):
    sample = sample.assign(x3=sample["x1"] + 0.5 * sample["x2"] + 0.1)
    vif = variance_inflation_factors(sample, {"models": {"M": ["x1", "x2"]}})
    X = np.column_stack([np.ones(len(sample)), sample["x2"]])
    fitted = X @ np.linalg.lstsq(X, sample["x1"], rcond=None)[0]
    r2 = (
        1 - ((sample["x1"] - fitted) ** 2).sum() / ((sample["x1"] - sample["x1"].mean()) ** 2).sum()
    )
    assert vif.loc[vif["term"] == "x1", "vif"].item() == pytest.approx(1 / (1 - r2))


def test_significance_stars():
    levels = [0.10, 0.05, 0.01]
    assert [significance_stars(p, levels) for p in (0.2, 0.07, 0.03, 0.005, np.nan)] == [
        "",
        "*",
        "**",
        "***",
        "",
    ]


TABLE_3_COLUMNS = [
    "rca_t1",
    "rca_t0",
    "arxiv_sp",
    "cb_sp",
    "arxiv_sp_x_cb_sp",
    "arxiv_sp_x_cb_tot",
    "arxiv_tot",
    "is_china",
]


def random_model_input(n: int) -> pd.DataFrame:
    """``n`` regions of standard-normal model variables in 9 countries (seed 5)."""
    table = pd.DataFrame(np.random.default_rng(5).normal(size=(n, 8)), columns=TABLE_3_COLUMNS)
    table["country_code"] = [f"C{i % 9}" for i in range(n)]
    return table


def test_models_add_terms_in_turn_and_table_3_layout():
    table = random_model_input(80)
    coefficients = fit_table_3_models(table, PARAMS)
    terms = coefficients.groupby("model")["term"].apply(set)
    assert terms["Model 1"] == {"const", "rca_t0", "arxiv_sp", "arxiv_tot", "is_china"}
    assert terms["Model 4"] - terms["Model 3"] == {"arxiv_sp_x_cb_tot"}
    assert terms["Model 3"] - terms["Model 2"] == {"arxiv_sp_x_cb_sp"}
    assert terms["Model 2"] - terms["Model 1"] == {"cb_sp"}
    printed, markdown, latex = format_table_3(coefficients, PARAMS)
    # a coefficient row and a bracketed SE row per term, then R² and n; constant left out
    assert printed["variable"].tolist()[::2][:7] == [
        "RCA t0",
        "arXiv_sp",
        "CrunchBase_sp",
        "arXiv_sp*CrunchBase_sp",
        "arXiv_sp*CrunchBase_tot",
        "arXiv_tot",
        "is_china",
    ]
    assert printed["variable"].tolist()[-2:] == ["R²", "n"]
    row = coefficients.query("model == 'Model 4' and term == 'is_china'").iloc[0]
    stars = significance_stars(row["p_value"], [0.10, 0.05, 0.01])
    cell = printed.loc[printed["variable"] == "is_china", "Model 4"].item()
    assert cell == f"{row['coef']:.3f}{stars}"
    se_cell = printed.iloc[printed.index[printed["variable"] == "is_china"][0] + 1]["Model 4"]
    assert se_cell == f"({row['se']:.3f})"
    assert printed.loc[printed["variable"] == "CrunchBase_sp", "Model 1"].item() == ""
    assert printed.loc[printed["variable"] == "n", "Model 2"].item() == "80"
    assert "clustered by country" in markdown
    assert "| arXiv_sp*CrunchBase_tot |" in markdown
    assert r"\begin{tabular}{lrrrr}" in latex
    assert r"arXiv\_sp" in latex


def test_collinear_terms_are_flagged_not_identified_in_the_caption():
    table = random_model_input(40)
    full_rank = fit_table_3_models(table, PARAMS)
    assert (full_rank["rank"] == full_rank["n_parameters"]).all()
    assert "Not identified" not in format_table_3(full_rank, PARAMS)[1]
    # as on the real sample: the two interactions are the same column
    collinear = fit_table_3_models(
        table.assign(arxiv_sp_x_cb_tot=table["arxiv_sp_x_cb_sp"]), PARAMS
    )
    fits = collinear.drop_duplicates("model").set_index("model")
    assert fits.loc["Model 4", "rank"] == fits.loc["Model 4", "n_parameters"] - 1
    assert (
        fits.loc[["Model 1", "Model 2", "Model 3"], "rank"]
        == fits.loc[["Model 1", "Model 2", "Model 3"], "n_parameters"]
    ).all()
    _, markdown, _ = format_table_3(collinear, PARAMS)
    assert "Not identified on this sample: Model 4 (rank 7 of 8 columns)" in markdown


def test_subject_models_replace_dl_by_each_subject():
    inputs = synthetic_inputs(n_regions=80, papers_per_region=30)
    features, _ = build_region_features(
        inputs["analysis_table"],
        inputs["rca_by_region"],
        inputs["subject_similarity"],
        inputs["subject_sector_relatedness"],
        inputs["organizations_geocoded"],
        PARAMS,
    )
    dl_fit = pd.DataFrame({"model": "Model 4", "term": ["const", "is_china"], "coef": [0.0, 1.0]})
    params = {**PARAMS, "subject_models": {**PARAMS["subject_models"], "n_subjects": 3}}
    coefficients, report = fit_subject_models(
        inputs["analysis_table"],
        inputs["organizations_geocoded"],
        inputs["subject_similarity"],
        inputs["subject_sector_relatedness"],
        features,
        dl_fit,
        params,
    )
    subjects = list(dict.fromkeys(coefficients["subject"]))
    # DL's row is Table 3's fit, then the three largest subjects (cs.CV, cs.LG first)
    assert subjects[0] == "dl"
    assert set(subjects[1:3]) == {"cs.CV", "cs.LG"}
    assert len(subjects) == 4
    assert coefficients.loc[coefficients["subject"] == "dl", "coef"].tolist() == [0.0, 1.0]
    cv = coefficients.loc[coefficients["subject"] == "cs.CV"]
    assert set(cv["term"]) == {"const", *PARAMS["models"]["Model 4"]}
    assert (cv["ci_low"] < cv["coef"]).all() and (cv["coef"] < cv["ci_high"]).all()
    assert set(report.columns) >= {"stage", "step", "outcome", "count"}
