"""Region features of the drivers model (section 3.5, Eq. 6): specialisation, related
research and industry, totals, and the model sample.

Everything here is a vectorised function of tables; the formulas are in docs/drivers.md.
"""

import logging

import numpy as np
import pandas as pd

from dl_geography.indicators import location_quotients, revealed_comparative_advantage
from dl_geography.quality import StageReport

logger = logging.getLogger(__name__)

STAGE = "drivers"
ID_COLUMNS = ["region_id", "region", "country_code", "country"]
# The variables of Eq. 6 in the order the study's Table 3 prints them (rca_t1 first).
MODEL_VARIABLES = [
    "rca_t1",
    "rca_t0",
    "arxiv_sp",
    "cb_sp",
    "arxiv_sp_x_cb_sp",
    "arxiv_sp_x_cb_tot",
    "arxiv_tot",
    "cb_tot",
    "is_china",
]
INTERACTIONS = {
    "arxiv_sp_x_cb_sp": ("arxiv_sp", "cb_sp"),
    "arxiv_sp_x_cb_tot": ("arxiv_sp", "cb_tot"),
}


# --- building blocks (also used for the subject models of Fig 16) -----------------------


def located_papers(analysis_table: pd.DataFrame, report: StageReport | None = None) -> pd.DataFrame:
    """The analysis table's paper x location rows that have a region (others counted)."""
    keep = analysis_table["region_id"].notna()
    if report is None:
        return analysis_table.loc[keep]
    return report.filter(
        "papers with a region",
        analysis_table,
        keep,
        "paper x location row without region_id",
        "paper_id",
    )


def region_identity(papers: pd.DataFrame) -> pd.DataFrame:
    """One row per region: its id, name, country code and country name (first seen)."""
    return papers.drop_duplicates("region_id")[ID_COLUMNS].set_index("region_id").sort_index()


def region_subject_counts(papers: pd.DataFrame) -> pd.DataFrame:
    """Region x subject activity: the summed ``weight`` of the region's papers in each
    subject. A paper counts in every subject it lists (section 2.1)."""
    exploded = papers[["region_id", "subjects", "weight"]].explode("subjects")
    exploded = exploded.dropna(subset=["subjects"])
    return exploded.pivot_table(
        index="region_id", columns="subjects", values="weight", aggfunc="sum", fill_value=0.0
    )


def related_specialisation(counts: pd.DataFrame, relatedness: pd.Series) -> pd.Series:
    """``sum_k LQ_ik * w_k``: a location's specialisation in each activity k (location
    quotient over ``counts``), weighted by the activity's relatedness ``w_k`` to the target.

    Activities missing from ``relatedness`` weigh 0; activities nobody does contribute 0;
    a location with no activity at all gets NaN (its quotients are undefined).
    """
    quotients = location_quotients(counts)
    empty_rows = counts.sum(axis=1) <= 0
    quotients = quotients.fillna(0.0)
    weights = relatedness.reindex(quotients.columns).fillna(0.0)
    value = quotients.to_numpy() @ weights.to_numpy()
    return pd.Series(np.where(empty_rows, np.nan, value), index=counts.index, dtype=float)


def similarity_weights(subject_similarity: pd.DataFrame, target: str) -> pd.Series:
    """Each research subject's cosine similarity to ``target`` (section 2.1.5), the
    target itself excluded (its own specialisation is the model's dependent variable)."""
    table = subject_similarity.set_index("subject")
    if target not in table.columns:
        raise ValueError(f"subject_similarity has no column for subject {target!r}")
    return table[target].drop(index=target, errors="ignore").astype(float)


def sector_weights(subject_sector_relatedness: pd.DataFrame, target: str) -> pd.Series:
    """Each CrunchBase sector's relatedness to ``target``: the share of target papers
    labelled with the sector (section 2.2), from the rows where ``subject == target``."""
    rows = subject_sector_relatedness.loc[subject_sector_relatedness["subject"] == target]
    if rows.empty:
        raise ValueError(f"subject_sector_relatedness has no rows for subject {target!r}")
    return rows.groupby("sector")["share"].sum().astype(float)


def pre_break_organisations(
    organizations: pd.DataFrame, break_year: int, report: StageReport | None = None
) -> pd.DataFrame:
    """Organisations placed in a region and founded before the break year (section 3.5:
    industry capabilities measured before 2012). Each exclusion is counted."""
    report = report or StageReport(STAGE)
    orgs = report.filter(
        "organisations with a region",
        organizations,
        organizations["region_id"].notna(),
        "no region_id",
        "org_id",
    )
    founded = pd.to_numeric(orgs["founded_year"], errors="coerce")
    orgs = report.filter(
        "organisations with a founding year",
        orgs,
        founded.notna(),
        "founded_year missing",
        "org_id",
    )
    founded = pd.to_numeric(orgs["founded_year"], errors="coerce")
    return report.filter(
        "organisations founded before the break",
        orgs,
        founded < break_year,
        f"founded in or after {break_year}",
        "org_id",
    )


def region_sector_counts(organizations: pd.DataFrame) -> pd.DataFrame:
    """Region x sector counts of organisations; an organisation counts in every sector."""
    exploded = organizations[["region_id", "sectors"]].explode("sectors")
    exploded = exploded.dropna(subset=["sectors"])
    exploded = exploded.loc[exploded["sectors"].astype(str).str.strip() != ""]
    return pd.crosstab(exploded["region_id"], exploded["sectors"]).astype(float)


def period_rca(
    papers: pd.DataFrame, is_target: pd.Series, break_year: int, above_median_only: bool
) -> pd.DataFrame:
    """Eq. 5 per region before (``rca_t0``, year < break) and after (``rca_t1``) the break,
    on papers above their year's citation median when ``above_median_only`` (section 3.4).

    Used for the subjects of Fig 16; the DL RCA of Table 3 comes from geography.
    """
    keep = (
        papers["above_median"].astype(bool)
        if above_median_only
        else pd.Series(True, index=papers.index)
    )
    frame = pd.DataFrame(
        {
            "region_id": papers["region_id"],
            "after": papers["year"] >= break_year,
            "total": papers["weight"].where(keep, 0.0),
            "target": papers["weight"].where(keep & is_target.astype(bool), 0.0),
        }
    )
    out = {}
    for after, column in ((False, "rca_t0"), (True, "rca_t1")):
        sums = frame.loc[frame["after"] == after].groupby("region_id")[["target", "total"]]
        sums = sums.sum()
        out[column] = revealed_comparative_advantage(sums["target"], sums["total"])
    return pd.DataFrame(out)


def _log_total(values: pd.Series) -> pd.Series:
    # log(1 + x): regions with no organisations (or no papers) before the break stay in.
    return np.log1p(values.astype(float))


def subject_model_inputs(
    analysis_table: pd.DataFrame, organizations: pd.DataFrame, params: dict
) -> dict:
    """What every subject's features share (Fig 16), computed once: the located papers,
    each row's subjects, the pre-break region x subject and region x sector counts."""
    break_year = int(params["break_year"])
    papers = located_papers(analysis_table)
    before = papers.loc[papers["year"] < break_year]
    if params["arxiv_sp_above_median_only"]:
        before = before.loc[before["above_median"].astype(bool)]
    return {
        "papers": papers,
        # each paper x location row's subjects, so membership is a vectorised lookup
        "memberships": papers["subjects"].explode().dropna(),
        "subject_counts": region_subject_counts(before),
        "sector_counts": region_sector_counts(pre_break_organisations(organizations, break_year)),
    }


def subject_region_features(
    region_features: pd.DataFrame,
    inputs: dict,
    subject_similarity: pd.DataFrame,
    subject_sector_relatedness: pd.DataFrame,
    *,
    subject: str,
    params: dict,
) -> pd.DataFrame:
    """``region_features`` with every DL-specific variable replaced by subject s's (Fig 16):

    - ``rca_t0``/``rca_t1``: Eq. 5 with "papers listing s" for "DL papers", before/after
      the break, on the papers of ``subject_models.rca_citation_filter`` (geography's
      filter for the DL RCA: above_median or all);
    - ``arxiv_sp = sum_{k != s} LQ_ik * sim(s, k)`` (s's column of ``subject_similarity``);
    - ``cb_sp = sum_j LQ_ij * rel(s, j)`` (the ``subject_sector_relatedness`` rows of s);
    - the interactions recomputed; totals, ``is_china`` and ``n_papers`` unchanged.
    """
    papers, memberships = inputs["papers"], inputs["memberships"]
    is_subject = pd.Series(
        papers.index.isin(memberships.index[memberships == subject]), index=papers.index
    )
    filter_ = params["subject_models"]["rca_citation_filter"]
    rca = period_rca(
        papers, is_subject, int(params["break_year"]), above_median_only=filter_ == "above_median"
    )
    base = region_features.set_index("region_id")
    features = base.assign(
        rca_t0=rca["rca_t0"].reindex(base.index),
        rca_t1=rca["rca_t1"].reindex(base.index),
        arxiv_sp=related_specialisation(
            inputs["subject_counts"], similarity_weights(subject_similarity, subject)
        ).reindex(base.index),
        cb_sp=related_specialisation(
            inputs["sector_counts"], sector_weights(subject_sector_relatedness, subject)
        ).reindex(base.index),
    )
    if params["cb_sp_without_organisations"] == "zero":
        features.loc[features["n_organisations_before"] == 0, "cb_sp"] = 0.0
    for name, (left, right) in INTERACTIONS.items():
        features[name] = features[left] * features[right]
    return features.reset_index()


def _sample_activity(papers: pd.DataFrame, break_year: int, period: str) -> pd.Series:
    """Each region's weighted papers in the ``activity_period`` (all, before or after the
    break): the arXiv activity that defines the sample."""
    activity_rows = {
        "all": papers,
        "before": papers.loc[papers["year"] < break_year],
        "after": papers.loc[papers["year"] >= break_year],
    }
    if period not in activity_rows:
        raise ValueError(
            f"drivers.sample.activity_period must be all, before or after, not {period!r}"
        )
    return activity_rows[period].groupby("region_id")["weight"].sum()


def _cb_sp_zero_without_organisations(features: pd.DataFrame, report: StageReport) -> pd.DataFrame:
    """``cb_sp`` = 0 for regions with no organisation before the break (counted): no
    related industry is a value, not a missing one."""
    features = features.copy()
    no_orgs = features["n_organisations_before"] == 0
    features.loc[no_orgs, "cb_sp"] = 0.0
    report.count(
        "cb_sp",
        "imputed",
        int(no_orgs.sum()),
        "no organisation before the break: cb_sp set to 0",
        features.index[no_orgs],
    )
    return features


# --- nodes ------------------------------------------------------------------------------


def build_region_features(  # noqa: PLR0917 (a Kedro node: inputs are positional)
    analysis_table: pd.DataFrame,
    rca_by_region: pd.DataFrame,
    subject_similarity: pd.DataFrame,
    subject_sector_relatedness: pd.DataFrame,
    organizations_geocoded: pd.DataFrame,
    params: dict,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``region_features``: one row per region with the raw variables of Eq. 6 (section 3.5).

    - ``rca_t0``/``rca_t1``: geography's DL RCA before/after the break (``rca_by_region``,
      its filters: papers above their year's citation median);
    - ``arxiv_sp = sum_s LQ_is * sim(s, dl)`` over research subjects s != dl, LQ on the
      region's pre-break papers (analysis-table weights);
    - ``cb_sp = sum_k LQ_ik * rel(dl, k)`` over sectors k, LQ on organisations founded
      before the break;
    - ``arxiv_tot = log(1 + pre-break papers)``, ``cb_tot = log(1 + pre-break orgs)``;
    - the raw products ``arxiv_sp_x_cb_sp``, ``arxiv_sp_x_cb_tot`` (the model uses the
      products of the standardised terms by default, see ``build_model_input_table``);
    - ``is_china`` (country code in ``china_country_codes``);
    - ``n_papers``: the arXiv activity that defines the sample (see ``sample``).

    Values a region lacks stay NaN here; the sample step counts and drops them.
    Returns the table and the report rows of this step.
    """
    report = StageReport(STAGE)
    break_year = int(params["break_year"])
    target = params["target_subject"]

    papers = located_papers(analysis_table, report)
    identity = region_identity(papers)
    before = papers.loc[papers["year"] < break_year]
    if params["arxiv_sp_above_median_only"]:
        before = before.loc[before["above_median"].astype(bool)]

    activity = _sample_activity(papers, break_year, params["sample"]["activity_period"])

    subject_counts = region_subject_counts(before)
    arxiv_sp = related_specialisation(
        subject_counts, similarity_weights(subject_similarity, target)
    )
    papers_before = papers.loc[papers["year"] < break_year].groupby("region_id")["weight"]

    orgs = pre_break_organisations(organizations_geocoded, break_year, report)
    sector_counts = region_sector_counts(orgs)
    cb_sp = related_specialisation(
        sector_counts, sector_weights(subject_sector_relatedness, target)
    )
    orgs_before = orgs.groupby("region_id").size()

    rca = rca_by_region.pivot_table(
        index="region_id", columns="period", values="rca", aggfunc="first"
    )
    features = identity.assign(
        n_papers=activity.reindex(identity.index).fillna(0.0),
        n_papers_before=papers_before.sum().reindex(identity.index).fillna(0.0),
        n_organisations_before=orgs_before.reindex(identity.index).fillna(0).astype("int64"),
        rca_t0=rca.get("before", pd.Series(dtype=float)).reindex(identity.index),
        rca_t1=rca.get("after", pd.Series(dtype=float)).reindex(identity.index),
        arxiv_sp=arxiv_sp.reindex(identity.index),
        cb_sp=cb_sp.reindex(identity.index),
    )
    if params["cb_sp_without_organisations"] == "zero":
        features = _cb_sp_zero_without_organisations(features, report)
    features["arxiv_tot"] = _log_total(features["n_papers_before"])
    features["cb_tot"] = _log_total(features["n_organisations_before"])
    for name, (left, right) in INTERACTIONS.items():
        features[name] = features[left] * features[right]
    codes = set(params["china_country_codes"])
    features["is_china"] = features["country_code"].isin(codes).astype("int64")
    missing_rca = set(rca.index) - set(identity.index)
    report.count("regions", "out", len(features))
    report.count(
        "rca_by_region regions without papers",
        "dropped",
        len(missing_rca),
        "region in rca_by_region but not in analysis_table",
        sorted(missing_rca),
    )
    return features.reset_index(), report.to_frame()


def standardise(values: pd.Series) -> pd.Series:
    """``(x - mean) / sd`` (sample sd); a constant column becomes 0 rather than NaN."""
    if values.empty:
        return values.astype(float)
    sd = values.std(ddof=1)
    if not np.isfinite(sd) or sd == 0:
        logger.warning("drivers: %s is constant in the sample; standardised to 0", values.name)
        return values * 0.0
    return (values - values.mean()) / sd


def top_activity_sample(
    features: pd.DataFrame, quantile: float, report: StageReport
) -> pd.DataFrame:
    """Regions whose arXiv activity ``n_papers`` is at or above the ``quantile`` of the
    active regions' activity (section 3.5: the top quartile, n = 451 in the study)."""
    active = features["n_papers"] > 0
    threshold = features.loc[active, "n_papers"].quantile(quantile)
    return report.filter(
        f"top {1 - quantile:.0%} of arXiv activity",
        features,
        active & (features["n_papers"] >= threshold),
        f"arXiv activity below the {quantile:.2f} quantile ({threshold:.3g} papers)",
        "region_id",
    )


def complete_cases(
    frame: pd.DataFrame,
    variables: list[str],
    report: StageReport,
    label: str = "",
    zero_drops: bool = True,
) -> pd.DataFrame:
    """Drop the regions lacking a model variable: one counted reason per variable, checked
    in order (a region is counted under the first variable it lacks)."""
    step = f"{label}regions with every model variable"
    report.count(step, "in", len(frame))
    for variable in variables:
        present = np.isfinite(frame[variable].astype(float))
        if zero_drops or not present.all():
            report.count(
                step,
                "dropped",
                int((~present).sum()),
                f"{variable} missing",
                frame.loc[~present, "region_id"],
            )
        frame = frame.loc[present]
    report.count(step, "out", len(frame))
    return frame


def standardised_model_table(sample: pd.DataFrame, standardisation: dict) -> pd.DataFrame:
    """Standardise every variable of Eq. 6 on the model sample (section 3.5).

    The interactions are, by default (``interactions: product_of_standardised``), the
    products of the standardised terms, standardised again; ``standardised_product``
    standardises the raw products instead. ``is_china`` stays 0/1 unless ``dummies``.
    """
    table = sample[ID_COLUMNS].copy()
    continuous = [v for v in MODEL_VARIABLES if v not in INTERACTIONS and v != "is_china"]
    for variable in continuous:
        table[variable] = standardise(sample[variable].astype(float))
    mode = standardisation["interactions"]
    for name, (left, right) in INTERACTIONS.items():
        if mode == "product_of_standardised":
            product = (table[left] * table[right]).rename(name)
        elif mode == "standardised_product":
            product = (sample[left] * sample[right]).astype(float).rename(name)
        else:
            raise ValueError(
                "drivers.standardisation.interactions must be "
                f"product_of_standardised or standardised_product, not {mode!r}"
            )
        table[name] = standardise(product)
    china = sample["is_china"].astype(float)
    table["is_china"] = standardise(china) if standardisation["dummies"] else china
    return table[[*ID_COLUMNS, *MODEL_VARIABLES]].reset_index(drop=True)


# What a region lacking each variable of Eq. 6 needs, for the report of an empty sample.
MISSING_HINTS = {
    "rca_t1": "papers from the break year on (drivers.break_year = {break_year})",
    "rca_t0": "papers before the break year (drivers.break_year = {break_year}, set by "
    "years.break_year in conf/<env>/globals.yml): lower it, or add earlier papers",
    "arxiv_sp": "papers before the break year (drivers.break_year = {break_year})",
    "cb_sp": "organisations with a region founded before the break year, or "
    "drivers.cb_sp_without_organisations: zero",
}


def minimum_sample(params: dict) -> int:
    """Regions Table 3 needs: every term of the largest model, the constant and one
    residual degree of freedom."""
    return max(len(terms) for terms in params["models"].values()) + 2


def empty_sample_reason(sample: pd.DataFrame, lacking: pd.Series, params: dict) -> str:
    """Why the model sample is too small to estimate, and what would fill it."""
    needed = minimum_sample(params)
    n_countries = sample["country_code"].nunique()
    countries = "country" if n_countries == 1 else "countries"
    reason = (
        f"Table 3 cannot be estimated: {len(sample)} regions in "
        f"{n_countries} {countries} have every model variable; the models need at "
        f"least {needed} regions in 2 or more countries (errors clustered by country)"
    )
    if lacking.sum():
        variable = str(lacking.idxmax())
        hint = MISSING_HINTS.get(variable, "")
        reason += f". Most regions left out lacked {variable} ({int(lacking.max())})" + (
            f": it needs {hint.format(break_year=params['break_year'])}" if hint else ""
        )
    return reason + "."


def build_model_input_table(
    region_features: pd.DataFrame, params: dict
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``model_input_table``: the regression sample of section 3.5, standardised.

    Regions in the top quartile of arXiv activity (``sample.activity_quantile``) that have
    every variable of Eq. 6 (each lacking one counted in the report), then every variable
    standardised on that sample (``standardised_model_table``).

    When fewer regions than ``minimum_sample`` (or fewer than two countries) remain, the
    table is empty and the report says why (outcome ``empty``), so the run goes on and the
    report shows the reason in place of Table 3.
    """
    report = StageReport(STAGE)
    sample = top_activity_sample(
        region_features, float(params["sample"]["activity_quantile"]), report
    )
    lacking = pd.Series(
        {v: int((~np.isfinite(sample[v].astype(float))).sum()) for v in MODEL_VARIABLES},
        dtype="int64",
    )
    complete = complete_cases(sample, MODEL_VARIABLES, report)
    if len(complete) < minimum_sample(params) or complete["country_code"].nunique() < 2:
        report.count(
            "Table 3 sample", "empty", len(complete), empty_sample_reason(complete, lacking, params)
        )
        complete = complete.iloc[0:0]
    return standardised_model_table(complete, params["standardisation"]), report.to_frame()
