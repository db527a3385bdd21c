"""The report's headline sentences, every number computed from the catalog's tables.

Each sentence sets the run's figure beside the study's (PAPER.md), so a reader sees at
once how far a run reproduces it. A sentence whose table is empty is left out rather
than printed with a made-up number.
"""

import pandas as pd

HEADLINE_DATASETS = ["table_2", "dl_share_by_year", "headline_statistics",
                     "rca_by_country", "table_3_coefficients"]


def _names(top: pd.DataFrame) -> str:
    return ", ".join(f"{row['location']} ({row['shown']})" for _, row in top.iterrows())


def _table_2(table_2: pd.DataFrame) -> list[str]:
    if table_2.empty:
        return []
    t = table_2.set_index("statistic")
    n_dl, n_other = t.loc["n_papers", "dl"], t.loc["n_papers", "non_dl"]
    if not n_dl + n_other:
        return []
    lines = [
        f"{n_dl:,.0f} of {n_dl + n_other:,.0f} papers ({n_dl / (n_dl + n_other):.1%}) are "
        f"deep learning by the topic model (study: 15,602 of 131,189, 11.9%)."
    ]
    if "mean_citations" in t.index:
        c = t.loc["mean_citations"]
        lines.append(
            f"DL papers are cited {c['dl']:.1f} times on average, non-DL papers "
            f"{c['non_dl']:.1f} (study: 25.6 vs 18.0)."
        )
    return lines


def _growth(dl_share_by_year: pd.DataFrame, break_year: int) -> list[str]:
    if dl_share_by_year.empty:
        return []
    pooled = dl_share_by_year.groupby("period")[["n_dl", "n_papers"]].sum()
    if not {"before", "after"} <= set(pooled.index):
        return []
    share = pooled["n_dl"] / pooled["n_papers"]
    return [
        f"The DL share of papers rises from {share['before']:.1%} before {break_year} to "
        f"{share['after']:.1%} from {break_year} on (study: 3% and 15%)."
    ]


def _press_release(headline_statistics: pd.DataFrame) -> list[str]:
    lines = []
    stats = headline_statistics.assign(
        shown=headline_statistics["value"].map(lambda v: f"{v:.1f}"))
    growth = stats[(stats["statistic"] == "dl_growth_multiple") & stats["rank"].notna()]
    if not growth.empty:
        top = growth.nsmallest(3, "rank").assign(shown=lambda f: "x" + f["shown"])
        lines.append("Fastest growth of DL papers between the two periods: "
                     f"{_names(top)} (study: Singapore x77, China x46, "
                     "Japan x41).")
    shares = stats[(stats["statistic"] == "dl_paper_share") & stats["rank"].notna()]
    if not shares.empty:
        top = shares.nsmallest(3, "rank").assign(
            shown=lambda f: (f["value"] * 100).map(lambda v: f"{v:.1f}%"))
        lines.append(f"Largest shares of all DL papers: {_names(top)} "
                     "(study: the US, China, then the UK with 7.5%).")
    return lines


def _specialisation(rca_by_country: pd.DataFrame) -> list[str]:
    after = rca_by_country[(rca_by_country["period"] == "after")
                           & rca_by_country["most_active"].astype(bool)]
    if after.empty:
        return []
    top = after.nlargest(3, "rca")
    names = ", ".join(f"{row['country']} ({row['rca']:.2f})" for _, row in top.iterrows())
    return [f"Most specialised in DL after the break among the most active countries "
            f"(RCA): {names}."]


def _drivers(coefficients: pd.DataFrame, model: str) -> list[str]:
    fit = coefficients[coefficients["model"] == model].set_index("term")
    if fit.empty or "arxiv_sp_x_cb_sp" not in fit.index:
        return []
    inter, china = fit.loc["arxiv_sp_x_cb_sp"], fit.loc["is_china"]
    return [
        f"In {model} (n = {int(fit['n'].iloc[0])}, R² = {fit['r2'].iloc[0]:.3f}), regions "
        f"strong in both DL-related research and DL-related industry specialise more in DL "
        f"after the break: interaction {inter['coef']:.3f} (p = {inter['p_value']:.3f}); "
        f"China {china['coef']:.3f} (p = {china['p_value']:.3f}). Study: 0.245*** and "
        f"1.584***, R² 0.166, n 451."
    ]


def headline_sentences(datasets: dict, parameters: dict) -> list[str]:
    """The report's opening findings, from Table 2, Fig 8's data, the press-release
    statistics, country RCA and Model 4 of Table 3."""
    break_year = parameters["geography"]["break_year"]
    model = parameters["drivers"]["subject_models"]["model"]
    return [
        *_table_2(datasets["table_2"]),
        *_growth(datasets["dl_share_by_year"], break_year),
        *_press_release(datasets["headline_statistics"]),
        *_specialisation(datasets["rca_by_country"]),
        *_drivers(datasets["table_3_coefficients"], model),
    ]
