"""Section 3.2, is DL a general purpose technology? Growth (Fig 8), generality (Fig 9)
and impact (Fig 10). Counts are of distinct papers (a paper is one vote, wherever it is).
"""

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from dl_geography.figure_style import DL_COLOUR, OTHER_COLOUR, empty_figure, new_figure, year_axis
from dl_geography.pipelines.geography.papers import period_of, unique_papers
from dl_geography.technology import technology


def moving_average(values: pd.Series, window: int) -> pd.Series:
    """Centred moving average over consecutive years (index: year).

    Missing years count as gaps, not zeros; the first and last years average the years
    available inside the window (e.g. a 3-year window at the edge averages 2 years).
    """
    if values.empty:
        return values.astype(float)
    years = pd.RangeIndex(int(values.index.min()), int(values.index.max()) + 1)
    full = values.astype(float).reindex(years)
    smoothed = full.rolling(window, center=True, min_periods=1).mean()
    return smoothed.reindex(values.index)


def dl_share_by_year(analysis_table: pd.DataFrame, params: dict) -> pd.DataFrame:
    """Fig 8 data, section 3.2: papers, DL papers and DL share per year, with the period."""
    papers = unique_papers(analysis_table)
    by_year = (
        papers.groupby("year")["is_dl"]
        .agg(n_papers="size", n_dl="sum")
        .reset_index()
        .astype({"n_dl": "int64"})
    )
    by_year["dl_share"] = by_year["n_dl"] / by_year["n_papers"]
    by_year["period"] = period_of(by_year["year"], params["break_year"])
    return by_year


def plot_dl_share_by_year(dl_share_by_year: pd.DataFrame, params: dict):
    """Fig 8, section 3.2 (growth): DL share of papers per year, and its pooled level
    before and after the break year (the study: 3% before 2012, 15% after)."""
    tech = technology(params)
    title = f"Fig 8. Share of {tech.name} papers per year"
    if dl_share_by_year.empty:
        return empty_figure(title)
    data = dl_share_by_year
    fig, ax = new_figure()
    ax.bar(
        data["year"],
        data["dl_share"] * 100,
        color=DL_COLOUR,
        alpha=0.8,
        label=f"{tech.short} share in the year",
    )
    labels = []
    period_names = {
        "before": f"before {params['break_year']}",
        "after": f"{params['break_year']} and after",
    }
    for period, style in [("before", ":"), ("after", "--")]:
        subset = data[data["period"] == period]
        if subset.empty:
            continue
        pooled = subset["n_dl"].sum() / subset["n_papers"].sum() * 100
        ax.hlines(
            pooled,
            subset["year"].min() - 0.4,
            subset["year"].max() + 0.4,
            colors="black",
            linestyles=style,
            label=f"{period_names[period]}: {pooled:.1f}%",
        )
        labels.append(f"{period}: {pooled:.1f}%")
    ax.axvline(params["break_year"] - 0.5, color="grey", lw=1)
    year_axis(ax)
    ax.set_ylabel(f"{tech.short} papers / all CS papers (%)")
    ax.set_title(f"{title}\n(break year {params['break_year']}; " + ", ".join(labels) + ")")
    ax.legend(loc="upper left")
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    return fig


def _exploded_subjects(analysis_table: pd.DataFrame) -> pd.DataFrame:
    papers = unique_papers(analysis_table)
    exploded = (
        papers[["paper_id", "year", "is_dl", "highly_cited", "subjects"]]
        .explode("subjects")
        .rename(columns={"subjects": "subject"})
    )
    return exploded.dropna(subset=["subject"])


def dl_share_by_subject_year(analysis_table: pd.DataFrame, params: dict) -> pd.DataFrame:
    """Fig 9 data, section 3.2 (generality): DL share of each subject's papers per year,
    with its centred moving average (``moving_average_window`` years, the study: 3)."""
    exploded = _exploded_subjects(analysis_table)
    table = (
        exploded.groupby(["subject", "year"])["is_dl"]
        .agg(n_papers="size", n_dl="sum")
        .reset_index()
        .astype({"n_dl": "int64"})
    )
    table["dl_share"] = table["n_dl"] / table["n_papers"]
    window = params["moving_average_window"]
    table["dl_share_moving_average"] = np.nan
    for rows in table.groupby("subject").groups.values():
        series = table.loc[rows].set_index("year")["dl_share"]
        table.loc[rows, "dl_share_moving_average"] = moving_average(series, window).to_numpy()
    table["period"] = period_of(table["year"], params["break_year"])
    return table


def dl_share_by_subject_period(dl_share_by_subject_year: pd.DataFrame) -> pd.DataFrame:
    """Fig 9b data: each subject's pooled DL share before and after the break year."""
    table = (
        dl_share_by_subject_year.groupby(["subject", "period"])[["n_papers", "n_dl"]]
        .sum()
        .reset_index()
    )
    table["dl_share"] = table["n_dl"] / table["n_papers"]
    return table


def plot_dl_share_by_subject(dl_share_by_subject_year: pd.DataFrame, params: dict):
    """Fig 9, section 3.2 (generality): (a) the moving-average DL share per year of the
    largest subjects; (b) DL share before vs after the break for the top subjects."""
    title = "Fig 9. Deep learning across arXiv subjects"
    data = dl_share_by_subject_year
    if data.empty:
        return empty_figure(title)
    sizes = data.groupby("subject")["n_papers"].sum().sort_values(ascending=False)
    fig = Figure(figsize=(14, 8))
    left, right = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.3, 1]})
    highlighted = list(sizes.index[: params["fig9_highlight_subjects"]])
    for subject, rows in data.groupby("subject"):
        if subject in highlighted:
            continue
        left.plot(rows["year"], rows["dl_share_moving_average"] * 100, color="lightgrey", lw=0.8)
    colours = matplotlib.colormaps["tab10"]
    for i, subject in enumerate(highlighted):
        rows = data[data["subject"] == subject]
        left.plot(
            rows["year"],
            rows["dl_share_moving_average"] * 100,
            lw=2,
            color=colours(i % 10),
            label=subject,
        )
    left.axvline(params["break_year"], color="grey", ls="--", lw=1)
    year_axis(left)
    left.set_ylabel(
        f"{technology(params).short} share of the subject's papers "
        f"(%, {params['moving_average_window']}-year moving average)"
    )
    left.set_title(f"(a) per year; the {len(highlighted)} largest subjects in colour")
    left.legend(fontsize=8, loc="upper left")
    left.grid(alpha=0.3)

    periods = dl_share_by_subject_period(data).pivot(
        index="subject", columns="period", values="dl_share"
    )
    periods = periods.reindex(columns=["before", "after"])
    top = periods.loc[
        [s for s in sizes.index[: params["top_subjects_periods"]] if s in periods.index]
    ]
    top = top.sort_values("after", na_position="first")
    positions = np.arange(len(top))
    right.hlines(positions, top["before"] * 100, top["after"] * 100, color="grey", lw=1)
    right.scatter(
        top["before"] * 100,
        positions,
        color=OTHER_COLOUR,
        zorder=3,
        label=f"before {params['break_year']}",
    )
    right.scatter(
        top["after"] * 100,
        positions,
        color=DL_COLOUR,
        zorder=3,
        label=f"{params['break_year']} and after",
    )
    right.set_yticks(positions)
    right.set_yticklabels(top.index, fontsize=8)
    right.set_xlabel(f"{technology(params).short} share of the subject's papers (%)")
    right.set_ylabel("arXiv subject")
    right.set_title(f"(b) before vs after the break, top {len(top)} subjects")
    right.legend(loc="lower right")
    right.grid(axis="x", alpha=0.3)
    fig.suptitle(title, fontsize=13)
    fig.tight_layout()
    return fig


def dl_impact_by_subject(analysis_table: pd.DataFrame, params: dict) -> pd.DataFrame:
    """Fig 10 data, section 3.2 (impact): per subject and start year (papers published in
    or after it), DL share of all papers and DL share of highly cited papers (top
    citation quartile of each year)."""
    exploded = _exploded_subjects(analysis_table)
    frames = []
    for since in params["impact_since_years"]:
        subset = exploded[exploded["year"] >= since]
        grouped = subset.assign(dl_highly_cited=subset["is_dl"] & subset["highly_cited"])
        table = (
            grouped.groupby("subject")
            .agg(
                n_papers=("paper_id", "size"),
                n_dl=("is_dl", "sum"),
                n_highly_cited=("highly_cited", "sum"),
                n_dl_highly_cited=("dl_highly_cited", "sum"),
            )
            .reset_index()
        )
        table.insert(0, "since_year", since)
        frames.append(table)
    table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if table.empty:
        return pd.DataFrame(
            columns=[
                "since_year",
                "subject",
                "n_papers",
                "n_dl",
                "n_highly_cited",
                "n_dl_highly_cited",
                "dl_share",
                "dl_share_highly_cited",
            ]
        )
    table = table.astype({c: "int64" for c in ["n_dl", "n_highly_cited", "n_dl_highly_cited"]})
    table["dl_share"] = table["n_dl"] / table["n_papers"]
    table["dl_share_highly_cited"] = table["n_dl_highly_cited"] / table["n_highly_cited"].where(
        table["n_highly_cited"] > 0
    )
    return table


def plot_dl_impact(dl_impact_by_subject: pd.DataFrame, params: dict):
    """Fig 10, section 3.2 (impact): per subject, DL share of papers (x) vs DL share of
    highly cited papers (y), one panel per start year; above the diagonal, DL papers are
    over-represented among the highly cited."""
    tech = technology(params)
    title = f"Fig 10. {tech.short} share of all papers vs of highly cited papers, by subject"
    data = dl_impact_by_subject[
        dl_impact_by_subject["n_highly_cited"] >= params["impact_min_highly_cited"]
    ]
    if data.empty:
        return empty_figure(title)
    since_years = list(params["impact_since_years"])
    fig = Figure(figsize=(5 * len(since_years), 5.2))
    axes = fig.subplots(1, len(since_years), sharex=True, sharey=True, squeeze=False)
    top = float(max(data["dl_share"].max(), data["dl_share_highly_cited"].max()) * 100 * 1.05)
    for ax, since in zip(axes[0], since_years, strict=True):
        subset = data[data["since_year"] == since]
        above = subset["dl_share_highly_cited"] > subset["dl_share"]
        ax.plot([0, top], [0, top], color="grey", ls="--", lw=1, label="equal shares")
        ax.scatter(
            subset["dl_share"] * 100,
            subset["dl_share_highly_cited"] * 100,
            s=18,
            color=DL_COLOUR,
            alpha=0.7,
        )
        ax.set_title(
            f"papers from {since} on ({int(above.sum())} of {len(subset)} subjects above)",
            fontsize=10,
        )
        ax.set_xlabel(f"{tech.short} share of all papers (%)")
        ax.grid(alpha=0.3)
    axes[0][0].set_ylabel(
        f"{tech.short} share of highly cited papers (%)\n(top citation quartile of each year)"
    )
    axes[0][0].legend(loc="upper left")
    fig.suptitle(
        f"{title}\n(subjects with at least {params['impact_min_highly_cited']} "
        "highly cited papers)",
        fontsize=12,
    )
    fig.tight_layout()
    return fig


def dl_growth_robustness(analysis_table: pd.DataFrame, params: dict) -> pd.DataFrame:
    """Robustness of the growth test (section 3.2): the DL share of papers before and
    after the break year, by the main label (``is_dl``) and the strict one
    (``is_dl_strict``: every DL topic assigned), among all papers and among highly cited
    papers only (footnote 15: DL's growth holds among the top citation quartile).

    One row per label x papers: papers and share before and after, and the change of
    the share (after / before; missing when nothing was DL before).
    """
    papers = unique_papers(analysis_table)
    period = period_of(papers["year"], params["break_year"])
    samples = {
        "all papers": pd.Series(True, index=papers.index),
        "highly cited papers": papers["highly_cited"].astype(bool),
    }
    rows = []
    tech = technology(params)
    for label, column in (
        (f"main (any {tech.short} topic)", "is_dl"),
        (f"strict (every {tech.short} topic)", "is_dl_strict"),
    ):
        for sample, keep in samples.items():
            row = {"label": label, "papers": sample}
            for name in ("before", "after"):
                chosen = keep & (period == name)
                row[f"n_papers_{name}"] = int(chosen.sum())
                row[f"share_{name}"] = (
                    float(papers.loc[chosen, column].astype(bool).mean())
                    if chosen.any()
                    else np.nan
                )
            before = row["share_before"]
            row["share_change"] = (
                row["share_after"] / before if np.isfinite(before) and before > 0 else np.nan
            )
            rows.append(row)
    return pd.DataFrame(
        rows,
        columns=[
            "label",
            "papers",
            "n_papers_before",
            "share_before",
            "n_papers_after",
            "share_after",
            "share_change",
        ],
    )
