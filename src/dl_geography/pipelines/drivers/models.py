"""OLS models of Eq. 6 (section 3.5): Table 3's Models 1-4, their VIFs, and the same
model for the largest research subjects (Fig 16)."""

import logging

import numpy as np
import pandas as pd
import statsmodels.api as sm
from statsmodels.stats.outliers_influence import variance_inflation_factor

from dl_geography.quality import StageReport

from .features import (
    MODEL_VARIABLES,
    STAGE,
    complete_cases,
    region_subject_counts,
    standardised_model_table,
    subject_model_inputs,
    subject_region_features,
    top_activity_sample,
)
from .tables import table_3_frame

logger = logging.getLogger(__name__)

COEFFICIENT_COLUMNS = [
    "model",
    "term",
    "coef",
    "se",
    "statistic",
    "p_value",
    "ci_low",
    "ci_high",
    "n",
    "r2",
    "r2_adj",
    "n_clusters",
    "cov_type",
    "rank",
    "n_parameters",
]


def fit_ols(table: pd.DataFrame, dependent: str, terms: list[str], covariance: dict):
    """OLS of ``dependent`` on ``terms`` plus a constant, with the standard errors of
    ``covariance['type']``: ``cluster`` (by ``covariance['cluster_by']``, the study's
    choice: clustered by country), ``HC3`` or ``nonrobust``.

    With ``use_t`` (default), clustered inference uses a t distribution with G - 1
    degrees of freedom (G clusters), as Stata does.
    """
    exog = sm.add_constant(table[terms].astype(float), has_constant="add")
    model = sm.OLS(table[dependent].astype(float), exog)
    kind = covariance["type"]
    use_t = bool(covariance["use_t"])
    if kind == "cluster":
        groups, uniques = pd.factorize(table[covariance["cluster_by"]])
        if len(uniques) < 2:
            raise ValueError(
                "drivers: clustered standard errors need at least two "
                f"clusters, the sample has {len(uniques)}"
            )
        return model.fit(cov_type="cluster", cov_kwds={"groups": groups}, use_t=use_t)
    if kind in ("HC0", "HC1", "HC2", "HC3"):
        return model.fit(cov_type=kind, use_t=use_t)
    if kind == "nonrobust":
        return model.fit()
    raise ValueError(f"drivers.covariance.type must be cluster, HC0-HC3 or nonrobust, not {kind!r}")


def tidy_results(
    result, model_name: str, table: pd.DataFrame, covariance: dict, level: float
) -> pd.DataFrame:
    """One row per term of a fitted model: coefficient, SE, test, p-value, interval, fit.

    ``rank`` is the rank of the design matrix (constant included) and ``n_parameters`` its
    columns: when the rank is lower, some terms are exact combinations of others on this
    sample, their coefficients are not identified (statsmodels reports the minimum-norm
    solution) and Table 3's caption says so.
    """
    ci = result.conf_int(alpha=1 - level)
    exog = np.asarray(result.model.exog, dtype=float)
    kind = covariance["type"]
    n_clusters = int(table[covariance["cluster_by"]].nunique()) if kind == "cluster" else None
    return pd.DataFrame(
        {
            "model": model_name,
            "term": result.params.index,
            "coef": result.params.to_numpy(),
            "se": result.bse.to_numpy(),
            "statistic": result.tvalues.to_numpy(),
            "p_value": result.pvalues.to_numpy(),
            "ci_low": ci.iloc[:, 0].to_numpy(),
            "ci_high": ci.iloc[:, 1].to_numpy(),
            "n": int(result.nobs),
            "r2": float(result.rsquared),
            "r2_adj": float(result.rsquared_adj),
            "n_clusters": pd.array([n_clusters] * len(result.params), dtype="Int64"),
            "cov_type": kind,
            "rank": int(np.linalg.matrix_rank(exog)),
            "n_parameters": exog.shape[1],
        }
    )[COEFFICIENT_COLUMNS]


def fit_table_3_models(model_input_table: pd.DataFrame, params: dict) -> pd.DataFrame:
    """Table 3 (section 3.5): Models 1-4 of Eq. 6, each adding terms to the previous one
    (``models`` parameter: Model 1 rca_t0, arxiv_sp, arxiv_tot, is_china; Model 2 +
    cb_sp; Model 3 + arxiv_sp x cb_sp; Model 4 + arxiv_sp x cb_tot), by OLS on the
    standardised sample, SEs clustered by country (the study's notebooks had commented
    the clustering out; the paper reports it). Returns one row per model x term."""
    covariance = params["covariance"]
    level = float(params["confidence_level"])
    if model_input_table.empty:  # too few regions: the sample's report says why
        return pd.DataFrame(columns=COEFFICIENT_COLUMNS)
    frames = []
    for name, terms in params["models"].items():
        result = fit_ols(model_input_table, params["dependent"], list(terms), covariance)
        frames.append(tidy_results(result, name, model_input_table, covariance, level))
    return pd.concat(frames, ignore_index=True)


def variance_inflation_factors(model_input_table: pd.DataFrame, params: dict) -> pd.DataFrame:
    """VIF of every term of every model (the study mentions multicollinearity, footnote
    20, but shows no diagnostic): ``VIF_j = 1 / (1 - R²_j)`` of term j on the others,
    with a constant in the design."""
    rows = []
    for name, terms in params["models"].items():
        if model_input_table.empty:
            break
        exog = sm.add_constant(
            model_input_table[list(terms)].astype(float), has_constant="add"
        ).to_numpy()
        for position, term in enumerate(terms, start=1):
            with np.errstate(divide="ignore"):
                vif = variance_inflation_factor(exog, position)
            rows.append({"model": name, "term": term, "vif": float(vif)})
    return pd.DataFrame(rows, columns=["model", "term", "vif"])


def largest_subjects(papers: pd.DataFrame, n: int, exclude: set[str]) -> list[str]:
    """The ``n`` research subjects with the most (weighted) papers, all years."""
    totals = region_subject_counts(papers).sum(axis=0).drop(labels=list(exclude), errors="ignore")
    ranked = totals.sort_values(ascending=False, kind="stable")
    return [str(s) for s in ranked.index[:n]]


def fit_subject_models(  # noqa: PLR0917 (a Kedro node: inputs are positional)
    analysis_table: pd.DataFrame,
    organizations_geocoded: pd.DataFrame,
    subject_similarity: pd.DataFrame,
    subject_sector_relatedness: pd.DataFrame,
    region_features: pd.DataFrame,
    table_3_coefficients: pd.DataFrame,
    params: dict,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Fig 16 (section 3.5): the Model of ``subject_models.model`` (Model 4) refitted for
    each of the ``subject_models.n_subjects`` largest research subjects s, with every
    DL-specific variable replaced by its subject-s counterpart (``subject_region_features``:
    s's RCA, ``arxiv_sp`` weighted by s's similarities, ``cb_sp`` by s's sector
    relatedness); totals, ``is_china`` and the sample rule unchanged.

    DL's row is Table 3's model itself, so the figure and the table agree. Returns one row
    per subject x term, and the report of regions each subject's sample lacked.
    """
    report = StageReport(STAGE)
    config = params["subject_models"]
    model_name = config["model"]
    terms = list(params["models"][model_name])
    covariance = params["covariance"]
    level = float(params["confidence_level"])
    target = params["target_subject"]

    shared = subject_model_inputs(analysis_table, organizations_geocoded, params)
    known = set(subject_similarity["subject"]) & set(subject_sector_relatedness["subject"])
    candidates = largest_subjects(shared["papers"], int(config["n_subjects"]), {target})
    frames = [
        table_3_coefficients.loc[table_3_coefficients["model"] == model_name].assign(subject=target)
    ]
    for subject in candidates:
        if subject not in known:
            report.count(
                "subject models",
                "dropped",
                1,
                "subject missing from subject_similarity or subject_sector_relatedness",
                [subject],
            )
            continue
        features = subject_region_features(
            region_features,
            shared,
            subject_similarity,
            subject_sector_relatedness,
            subject=subject,
            params=params,
        )
        sub_report = StageReport(STAGE)
        sample = top_activity_sample(
            features, float(params["sample"]["activity_quantile"]), sub_report
        )
        # Only the lacking-variable rows: the activity cut is the same as Table 3's.
        sample = complete_cases(sample, MODEL_VARIABLES, report, f"{subject}: ", zero_drops=False)
        if len(sample) <= len(terms) + 1:
            report.count(
                "subject models",
                "dropped",
                1,
                f"fewer regions ({len(sample)}) than parameters",
                [subject],
            )
            continue
        if sample[covariance["cluster_by"]].nunique() < 2:
            report.count(
                "subject models", "dropped", 1, "regions of a single cluster (country)", [subject]
            )
            continue
        table = standardised_model_table(sample, params["standardisation"])
        result = fit_ols(table, params["dependent"], terms, covariance)
        frames.append(
            tidy_results(result, model_name, table, covariance, level).assign(subject=subject)
        )
    frames = [frame for frame in frames if not frame.empty]
    if not frames:
        report.count(
            "Fig 16",
            "empty",
            0,
            "no subject's model (DL's included) could be estimated: too few "
            "regions with every variable; see the rows above",
        )
        return (pd.DataFrame(columns=["subject", *COEFFICIENT_COLUMNS]), report.to_frame())
    coefficients = pd.concat(frames, ignore_index=True)
    return coefficients[["subject", *COEFFICIENT_COLUMNS]], report.to_frame()


def fit_model_by_threshold(
    region_features: pd.DataFrame, params: dict
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Robustness of Table 3 (section 3.5, footnote 19: results hold at other thresholds
    of arXiv activity): the model of ``subject_models.model`` (Model 4) refitted on the
    regions at or above each quantile of ``robustness.activity_quantiles``.

    Returns the fits laid out as Table 3 (one column per sample, e.g. "top 25%"; a
    sample too small to estimate is left out and counted in the report) and the report.
    """
    report = StageReport(STAGE)
    model_name = params["subject_models"]["model"]
    terms = list(params["models"][model_name])
    covariance = params["covariance"]
    level = float(params["confidence_level"])
    cluster_by = covariance["cluster_by"]
    frames, columns = [], {}
    for quantile in params["robustness"]["activity_quantiles"]:
        name = f"{model_name}, top {1 - float(quantile):.0%}"
        sample = top_activity_sample(region_features, float(quantile), StageReport(STAGE))
        sample = complete_cases(sample, MODEL_VARIABLES, StageReport(STAGE))
        if len(sample) < len(terms) + 2 or sample[cluster_by].nunique() < 2:
            report.count(
                "thresholds",
                "dropped",
                1,
                f"{len(sample)} regions with every variable: too few to estimate",
                [name],
            )
            continue
        table = standardised_model_table(sample, params["standardisation"])
        result = fit_ols(table, params["dependent"], terms, covariance)
        frames.append(tidy_results(result, name, table, covariance, level))
        columns[name] = terms
    if not frames:
        report.count(
            "thresholds",
            "empty",
            0,
            "no activity threshold leaves enough regions to estimate "
            f"{model_name} (drivers.robustness.activity_quantiles)",
        )
        return pd.DataFrame(columns=["variable", "statistic"]), report.to_frame()
    return (
        table_3_frame(pd.concat(frames, ignore_index=True), {**params, "models": columns}),
        report.to_frame(),
    )
