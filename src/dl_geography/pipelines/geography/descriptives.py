"""Section 3.1 descriptives: Table 2 and Figs 1-3, 5 and 6."""

import numpy as np
import pandas as pd

from dl_geography.figure_style import DL_COLOUR, empty_figure, new_figure
from dl_geography.pipelines.geography.figures import paired_share_bars
from dl_geography.pipelines.geography.locations import PLURAL, location_label, location_totals
from dl_geography.pipelines.geography.papers import unique_papers
from dl_geography.technology import technology

# Table 2 as the study prints it (PAPER.md), for a side-by-side reading.
STUDY_TABLE_2 = {
    "n_papers": (15602, 115587),
    "mean_year": (2015.9, 2013.6),
    "subjects_per_paper": (2.80, 2.93),
    "institutes_per_paper": (1.75, 1.71),
    "mean_citations": (25.6, 18.0),
    "mean_citations_per_year": (6.18, 2.51),
}


def make_table_2(analysis_table: pd.DataFrame) -> pd.DataFrame:
    """Table 2, section 3.1: DL vs non-DL papers, one vote per paper.

    Count, mean (publication) year, subjects per paper, institutes per paper, mean
    citations, mean citations per year since publication. Long: ``statistic, dl,
    non_dl, study_dl, study_non_dl`` (the last two: the study's printed values).
    """
    papers = unique_papers(analysis_table)
    rows = []
    for statistic, column in [
        ("n_papers", None),
        ("mean_year", "year"),
        ("subjects_per_paper", "n_subjects"),
        ("institutes_per_paper", "n_institutes"),
        ("mean_citations", "citations"),
        ("mean_citations_per_year", "citations_per_year"),
    ]:
        values = {}
        for group, subset in [
            ("dl", papers[papers["is_dl"]]),
            ("non_dl", papers[~papers["is_dl"]]),
        ]:
            values[group] = (
                float(len(subset))
                if column is None
                else float(subset[column].mean())
                if len(subset)
                else np.nan
            )
        study = STUDY_TABLE_2[statistic]
        rows.append(
            {
                "statistic": statistic,
                **values,
                "study_dl": float(study[0]),
                "study_non_dl": float(study[1]),
            }
        )
    return pd.DataFrame(rows)


def _dl_and_other_shares(analysis_table: pd.DataFrame, level: str, top_n: int) -> pd.DataFrame:
    """Each location's share of DL papers and of non-DL papers (weighted counts / papers).

    The denominators are the numbers of distinct DL and non-DL papers, so fractional
    shares sum to 1 and full-counting shares read as "share of papers with an author
    there". The ``top_n`` locations by all papers, largest first.
    """
    table = analysis_table
    totals = location_totals(table, level, flags={"n_dl": table["is_dl"]})
    totals["n_other"] = totals["n_papers"] - totals["n_dl"]
    papers = unique_papers(table)
    n_dl, n_other = int(papers["is_dl"].sum()), int((~papers["is_dl"]).sum())
    totals["dl_share"] = totals["n_dl"] / n_dl if n_dl else np.nan
    totals["other_share"] = totals["n_other"] / n_other if n_other else np.nan
    totals = totals.nlargest(top_n, "n_papers")
    totals.index = location_label(totals, level)
    return totals


def plot_subject_shares(analysis_table: pd.DataFrame, params: dict):
    """Fig 1, section 3.1: share of DL and of non-DL papers listing each subject.

    A paper belongs to every subject it lists (section 2.1), so shares sum above 100%.
    The ``top_subjects`` subjects by number of papers.
    """
    tech = technology(params)
    title = f"Fig 1. Share of {tech.short} and non-{tech.short} papers by arXiv subject"
    papers = unique_papers(analysis_table)
    exploded = (
        papers[["paper_id", "is_dl", "subjects"]].explode("subjects").dropna(subset=["subjects"])
    )
    if exploded.empty:
        return empty_figure(title)
    counts = pd.crosstab(exploded["subjects"], exploded["is_dl"]).reindex(
        columns=[True, False], fill_value=0
    )
    n_dl, n_other = int(papers["is_dl"].sum()), int((~papers["is_dl"]).sum())
    shares = pd.DataFrame(
        {
            "dl_share": counts[True] / max(n_dl, 1),
            "other_share": counts[False] / max(n_other, 1),
            "total": counts.sum(axis=1),
        }
    )
    shares = shares.nlargest(params["top_subjects"], "total")
    fig, ax = new_figure(figsize=(8, max(5, 0.28 * len(shares) + 1.5)))
    paired_share_bars(
        ax,
        shares,
        "dl_share",
        "other_share",
        labels=(f"{tech.short} papers", f"non-{tech.short} papers"),
        xlabel="share of papers listing the subject (%)",
    )
    ax.set_ylabel("arXiv subject")
    ax.set_title(
        f"{title}\n(top {len(shares)} subjects; n = {n_dl:,} {tech.short}, "
        f"{n_other:,} non-{tech.short})"
    )
    fig.tight_layout()
    return fig


def plot_location_shares(analysis_table: pd.DataFrame, params: dict, level: str):
    """Figs 2 (countries, top 20) and 3 (regions, top 35), section 3.1.

    Each location's share of all DL papers and of all non-DL papers, weighted by the
    counting weight of the analysis table.
    """
    number, top_n, noun = (
        (2, params["top_countries"], "country")
        if level == "country"
        else (3, params["top_regions"], "region")
    )
    tech = technology(params)
    title = f"Fig {number}. Share of {tech.short} and non-{tech.short} papers by {noun}"
    shares = _dl_and_other_shares(analysis_table, level, top_n)
    if shares.empty:
        return empty_figure(title)
    fig, ax = new_figure(figsize=(8, max(5, 0.26 * len(shares) + 1.5)))
    paired_share_bars(
        ax,
        shares,
        "dl_share",
        "other_share",
        labels=(f"{tech.short} papers", f"non-{tech.short} papers"),
        xlabel="share of papers (%)",
    )
    ax.set_ylabel(noun)
    ax.set_title(f"{title}\n(top {len(shares)} {PLURAL[level]} by number of papers)")
    fig.tight_layout()
    return fig


def plot_country_shares(analysis_table: pd.DataFrame, params: dict):
    """Fig 2, section 3.1: DL and non-DL shares of the top countries."""
    return plot_location_shares(analysis_table, params, "country")


def plot_region_shares(analysis_table: pd.DataFrame, params: dict):
    """Fig 3, section 3.1: DL and non-DL shares of the top regions."""
    return plot_location_shares(analysis_table, params, "region")


def arxiv_and_crunchbase_by_region(
    analysis_table: pd.DataFrame, organizations_geocoded: pd.DataFrame
) -> pd.DataFrame:
    """Section 2.2 / 3.1: arXiv papers and CrunchBase organisations per region.

    ``n_papers`` (weighted, all CS papers), ``n_organizations`` (organisations placed in
    the region) and each one's share of its total. Regions with either kind of activity;
    organisations without a region are outside every region (enrichment reports them).
    """
    papers = location_totals(analysis_table, "region")
    orgs = organizations_geocoded[organizations_geocoded["region_id"].notna()]
    orgs = (
        orgs.groupby("region_id")
        .agg(
            n_organizations=("org_id", "size"),
            org_region=("region", "first"),
            org_country_code=("country_code", "first"),
            org_country=("country", "first"),
        )
        .reset_index()
    )
    table = papers.merge(orgs, on="region_id", how="outer")
    for column in ["region", "country_code", "country"]:
        table[column] = table[column].fillna(table[f"org_{column}"])
    table = table.drop(columns=[c for c in table.columns if c.startswith("org_")])
    table["n_papers"] = table["n_papers"].fillna(0.0)
    table["n_organizations"] = table["n_organizations"].fillna(0).astype("int64")
    table["paper_share"] = table["n_papers"] / max(table["n_papers"].sum(), 1e-12)
    table["organization_share"] = table["n_organizations"] / max(table["n_organizations"].sum(), 1)
    return table.sort_values("n_organizations", ascending=False).reset_index(drop=True)


def plot_organizations_by_region(region_activity: pd.DataFrame, params: dict):
    """Fig 5, section 3.1: share of CrunchBase organisations vs share of arXiv papers,
    for the regions with most organisations."""
    title = "Fig 5. CrunchBase organisations and arXiv papers by region"
    top = region_activity[region_activity["n_organizations"] > 0].nlargest(
        params["top_regions_organizations"], "n_organizations"
    )
    if top.empty:
        return empty_figure(title)
    top = top.set_index(location_label(top, "region"))
    fig, ax = new_figure(figsize=(8, max(5, 0.28 * len(top) + 1.5)))
    paired_share_bars(
        ax,
        top,
        "organization_share",
        "paper_share",
        labels=("CrunchBase organisations", "arXiv CS papers"),
        xlabel="share of total (%)",
    )
    ax.set_ylabel("region")
    ax.set_title(f"{title}\n(top {len(top)} regions by number of organisations)")
    fig.tight_layout()
    return fig


def activity_correlation(region_activity: pd.DataFrame) -> dict:
    """Pearson correlations between arXiv papers and CrunchBase organisations by region,
    on the counts and on log10 counts (regions with both > 0 for the latter)."""
    both = region_activity[
        (region_activity["n_papers"] > 0) & (region_activity["n_organizations"] > 0)
    ]
    counts_r = (
        region_activity["n_papers"].corr(region_activity["n_organizations"])
        if len(region_activity) > 2
        else np.nan
    )
    log_r = (
        np.log10(both["n_papers"]).corr(np.log10(both["n_organizations"]))
        if len(both) > 2
        else np.nan
    )
    return {
        "pearson_counts": float(counts_r),
        "pearson_log": float(log_r),
        "n_regions": len(region_activity),
        "n_regions_both": len(both),
    }


def plot_activity_scatter(region_activity: pd.DataFrame):
    """Fig 6, section 3.1: arXiv vs CrunchBase activity by region (log-log), with the
    correlation (the study: 0.67)."""
    title = "Fig 6. arXiv vs CrunchBase activity by region"
    both = region_activity[
        (region_activity["n_papers"] > 0) & (region_activity["n_organizations"] > 0)
    ]
    if len(both) < 2:
        return empty_figure(title)
    corr = activity_correlation(region_activity)
    fig, ax = new_figure()
    ax.scatter(
        both["n_organizations"],
        both["n_papers"],
        s=14,
        alpha=0.6,
        color=DL_COLOUR,
        edgecolor="none",
    )
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("CrunchBase organisations in the region (count, log scale)")
    ax.set_ylabel("arXiv CS papers in the region (count, log scale)")
    ax.set_title(
        f"{title}\nPearson r = {corr['pearson_counts']:.2f} on counts "
        f"({corr['n_regions']} regions), {corr['pearson_log']:.2f} on log counts "
        f"({corr['n_regions_both']} regions)"
    )
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig
