"""The report's headline sentences, every number computed from the catalog's tables.

Each sentence sets the run's figure beside the study's (PAPER.md), so a reader sees at
once how far a run reproduces it. A sentence says what its result says: the direction of
a change or a coefficient comes from its sign, "significant" from its p-value, and a
sentence whose table is empty is left out rather than printed with a made-up number.
"""

import pandas as pd

from dl_geography.technology import Technology, technology

HEADLINE_DATASETS = [
    "table_2",
    "dl_share_by_year",
    "headline_statistics",
    "rca_by_country",
    "table_3_coefficients",
    "keyword_label_agreement",
]


def format_p(p_value: float) -> str:
    """``p < 0.001`` below a thousandth, else ``p = 0.012``."""
    return "p < 0.001" if p_value < 0.001 else f"p = {p_value:.3f}"


def _names(top: pd.DataFrame) -> str:
    return ", ".join(f"{row['location']} ({row['shown']})" for _, row in top.iterrows())


def _counts(table_2: pd.DataFrame, agreement: pd.DataFrame, tech: Technology) -> list[str]:
    """The share of papers in the technology, and why it differs from the topic model's
    own count (the topic model labels every modelled paper; the analysis keeps published,
    located ones)."""
    if table_2.empty:
        return []
    t = table_2.set_index("statistic")
    n_dl, n_other = t.loc["n_papers", "dl"], t.loc["n_papers", "non_dl"]
    if not n_dl + n_other:
        return []
    line = (
        f"{n_dl:,.0f} of {n_dl + n_other:,.0f} papers ({n_dl / (n_dl + n_other):.1%}) "
        f"are {tech.short} papers by their label (study, deep learning: 15,602 of "
        f"131,189, 11.9%). These "
        f"are the papers of the analysis: published (where the data require it) and "
        f"placed at an institute."
    )
    if not agreement.empty:
        modelled = agreement["n_papers"].sum()
        labelled = agreement.loc[agreement["label_is_dl"].astype(bool), "n_papers"].sum()
        line += (
            f" The labelling section counts all {modelled:,.0f} labelled papers, "
            f"{labelled:,.0f} of them {tech.short}."
        )
    return [line]


def _citations(table_2: pd.DataFrame, tech: Technology) -> list[str]:
    if table_2.empty or "mean_citations" not in set(table_2["statistic"]):
        return []
    c = table_2.set_index("statistic").loc["mean_citations"]
    if not (c["dl"] or c["non_dl"]):
        return [
            f"No paper has a citation count in this data (no published records), so "
            f"the impact of {tech.short} papers cannot be compared."
        ]
    more = "more" if c["dl"] > c["non_dl"] else "less" if c["dl"] < c["non_dl"] else "as"
    comparison = "as often as" if more == "as" else f"{more} often than"
    return [
        f"{tech.short} papers are cited {comparison} other papers: {c['dl']:.1f} "
        f"times on average against {c['non_dl']:.1f} (study: 25.6 vs 18.0)."
    ]


def _growth(dl_share_by_year: pd.DataFrame, break_year: int, tech: Technology) -> list[str]:
    if dl_share_by_year.empty:
        return []
    pooled = dl_share_by_year.groupby("period")[["n_dl", "n_papers"]].sum()
    if not {"before", "after"} <= set(pooled.index):
        return []
    share = pooled["n_dl"] / pooled["n_papers"]
    before, after = share["before"], share["after"]
    verb = "rises" if after > before else "falls" if after < before else "stays"
    change = (
        f"{verb} from {before:.1%} before {break_year} to {after:.1%} from {break_year} on"
        if verb != "stays"
        else f"stays at {after:.1%} before and from {break_year} on"
    )
    return [f"The {tech.short} share of papers {change} (study: 3% and 15%)."]


def _press_release(headline_statistics: pd.DataFrame, tech: Technology) -> list[str]:
    lines = []
    stats = headline_statistics.assign(shown=headline_statistics["value"].map(lambda v: f"{v:.1f}"))
    growth = stats[(stats["statistic"] == "dl_growth_multiple") & stats["rank"].notna()]
    if not growth.empty:
        top = growth.nsmallest(3, "rank").assign(shown=lambda f: "x" + f["shown"])
        lines.append(
            f"Fastest growth of {tech.short} papers between the two periods: "
            f"{_names(top)} (study: Singapore x77, China x46, Japan x41)."
        )
    shares = stats[(stats["statistic"] == "dl_paper_share") & stats["rank"].notna()]
    if not shares.empty:
        top = shares.nsmallest(3, "rank").assign(
            shown=lambda f: (f["value"] * 100).map(lambda v: f"{v:.1f}%")
        )
        lines.append(
            f"Largest shares of all {tech.short} papers: {_names(top)} "
            "(study: the US, China, then the UK with 7.5%)."
        )
    return lines


def _specialisation(rca_by_country: pd.DataFrame, tech: Technology) -> list[str]:
    after = rca_by_country[
        (rca_by_country["period"] == "after") & rca_by_country["most_active"].astype(bool)
    ]
    if after.empty:
        return []
    top = after.nlargest(3, "rca")
    names = ", ".join(f"{row['country']} ({row['rca']:.2f})" for _, row in top.iterrows())
    return [
        f"Most specialised in {tech.short} after the break among the most active "
        f"countries (RCA, 1 = world average): {names}."
    ]


def _effect(estimate: pd.Series, alpha: float, subject: str, more: str, less: str) -> str:
    """``subject`` + what the coefficient says: the direction when it is significant at
    ``alpha``, no association when it is not; with its size and p-value."""
    size = f"{estimate['coef']:+.3f} SD, {format_p(estimate['p_value'])}"
    if estimate["p_value"] < alpha and estimate["coef"] > 0:
        return f"{subject} {more} ({size})"
    if estimate["p_value"] < alpha and estimate["coef"] < 0:
        return f"{subject} {less} ({size})"
    return f"{subject} no significant difference at the {alpha:g} level ({size})"


def drivers_sentence(
    coefficients: pd.DataFrame, model: str, alpha: float, tech: Technology
) -> list[str]:
    """Model 4's headline: the co-location interaction and China, each read by its sign
    and its significance at ``alpha``."""
    fit = coefficients[coefficients["model"] == model].set_index("term")
    if fit.empty or "arxiv_sp_x_cb_sp" not in fit.index:
        return []
    if "rank" in fit and int(fit["rank"].iloc[0]) < int(fit["n_parameters"].iloc[0]):
        return [
            f"{model} is not identified on this data (n = {int(fit['n'].iloc[0])} "
            f"regions; rank {int(fit['rank'].iloc[0])} of "
            f"{int(fit['n_parameters'].iloc[0])} columns): its coefficients say nothing "
            f"about co-location or China here. Study: interaction 0.245***, China "
            f"1.584***, R² 0.166, n 451."
        ]
    interaction = _effect(
        fit.loc["arxiv_sp_x_cb_sp"],
        alpha,
        f"regions strong in both {tech.short}-related research and "
        f"{tech.short}-related industry show",
        f"more {tech.short} specialisation after the break",
        f"less {tech.short} specialisation after the break",
    )
    sentence = (
        f"In {model} (n = {int(fit['n'].iloc[0])} regions, "
        f"R² = {fit['r2'].iloc[0]:.3f}), {interaction}"
    )
    if "is_china" in fit.index:
        sentence += "; " + _effect(
            fit.loc["is_china"],
            alpha,
            "Chinese regions show",
            "more specialisation than others",
            "less specialisation than others",
        )
    return [sentence + ". Study: interaction 0.245***, China 1.584***, R² 0.166, n 451."]


def headline_sentences(datasets: dict, parameters: dict) -> list[str]:
    """The report's opening findings, from Table 2, Fig 8's data, the press-release
    statistics, country RCA and Model 4 of Table 3."""
    tech = technology(parameters["reporting"])
    break_year = parameters["geography"]["break_year"]
    model = parameters["drivers"]["subject_models"]["model"]
    alpha = float(parameters.get("reporting", {}).get("significance_level", 0.05))
    return [
        *_counts(datasets["table_2"], datasets["keyword_label_agreement"], tech),
        *_citations(datasets["table_2"], tech),
        *_growth(datasets["dl_share_by_year"], break_year, tech),
        *_press_release(datasets["headline_statistics"], tech),
        *_specialisation(datasets["rca_by_country"], tech),
        *drivers_sentence(datasets["table_3_coefficients"], model, alpha, tech),
    ]
