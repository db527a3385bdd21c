"""Section 3.4, Fig 13: is DL research spreading or concentrating? Dispersion of country
RCA per year, and concentration of highly cited papers (top-k share, Herfindahl) in DL
vs all CS papers, by country and by region.
"""

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from dl_geography.figure_style import DL_COLOUR, OTHER_COLOUR, empty_figure, year_axis
from dl_geography.indicators import herfindahl_index, revealed_comparative_advantage, top_k_share
from dl_geography.pipelines.geography.locations import PLURAL, location_keys, location_totals
from dl_geography.pipelines.geography.papers import citation_sample
from dl_geography.technology import technology

# the fields compared: DL papers and all CS papers (named for readers in the figure)
FIELDS = ("dl", "all_cs")


def country_rca_by_year(
    analysis_table: pd.DataFrame, params: dict, data_params: dict
) -> pd.DataFrame:
    """Fig 13a data, section 3.4: Eq. 5 by country for each year of ``dispersion_years``
    (papers above their year's citation median), every country kept; ``in_top`` flags the
    ``dispersion_top_countries`` countries with most papers over all years."""
    keys = location_keys("country")
    first, last = params["dispersion_years"]
    activity = location_totals(analysis_table, "country")
    top = activity.nlargest(params["dispersion_top_countries"], "n_papers")[keys]
    sample = citation_sample(analysis_table, data_params)
    sample = sample[(sample["year"] >= first) & (sample["year"] <= last)]
    counts = location_totals(sample, "country", by=["year"], flags={"n_dl": sample["is_dl"]})
    counts["rca"] = np.nan
    for _, rows in counts.groupby("year").groups.items():
        counts.loc[rows, "rca"] = revealed_comparative_advantage(
            counts.loc[rows, "n_dl"], counts.loc[rows, "n_papers"]
        )
    marked = top.assign(in_top=True)
    counts = counts.merge(marked, on=keys, how="left")
    counts["in_top"] = counts["in_top"].fillna(False).astype(bool)
    counts["year"] = counts["year"].astype("int64")
    return counts.sort_values(["year", "country_code"]).reset_index(drop=True)[
        [*keys, "year", "rca", "n_papers", "n_dl", "in_top"]
    ]


def _highly_cited_amounts(
    analysis_table: pd.DataFrame, level: str, field: str, by: list[str]
) -> pd.DataFrame:
    table = analysis_table if field == "all_cs" else analysis_table[analysis_table["is_dl"]]
    table = table[table["highly_cited"]]
    return location_totals(table, level, by=by)


def concentration_by_year(analysis_table: pd.DataFrame, params: dict) -> pd.DataFrame:
    """Fig 13b/c data, section 3.4: per year, level (country, region) and field (DL, all
    CS), the share of highly cited papers (top citation quartile of the year, weighted)
    held by the ``concentration_top_k`` leading locations of that year, and the
    Herfindahl index over all locations. Columns: ``level, field, year, n_highly_cited,
    n_locations, top_k_share, herfindahl``."""
    k = params["concentration_top_k"]
    rows = []
    for level in ["country", "region"]:
        for field in FIELDS:
            amounts = _highly_cited_amounts(analysis_table, level, field, ["year"])
            for year, group in amounts.groupby("year"):
                rows.append(
                    {
                        "level": level,
                        "field": field,
                        "year": int(year),
                        "n_highly_cited": float(group["n_papers"].sum()),
                        "n_locations": int((group["n_papers"] > 0).sum()),
                        "top_k_share": top_k_share(group["n_papers"], k),
                        "herfindahl": herfindahl_index(group["n_papers"]),
                    }
                )
    columns = [
        "level",
        "field",
        "year",
        "n_highly_cited",
        "n_locations",
        "top_k_share",
        "herfindahl",
    ]
    return pd.DataFrame(rows, columns=columns)


def concentration_summary(analysis_table: pd.DataFrame, params: dict) -> pd.DataFrame:
    """Section 3.4 ("DL more concentrated than CS overall"): the same indices over whole
    periods (all years, before and after the break) for DL vs all CS highly cited papers.
    """
    k = params["concentration_top_k"]
    break_year = params["break_year"]
    periods = {
        "all": analysis_table,
        "before": analysis_table[analysis_table["year"] < break_year],
        "after": analysis_table[analysis_table["year"] >= break_year],
    }
    rows = []
    for level in ["country", "region"]:
        for field in FIELDS:
            for period, subset in periods.items():
                amounts = _highly_cited_amounts(subset, level, field, [])["n_papers"]
                rows.append(
                    {
                        "level": level,
                        "field": field,
                        "period": period,
                        "n_highly_cited": float(amounts.sum()),
                        "n_locations": int((amounts > 0).sum()),
                        "top_k_share": top_k_share(amounts, k) if len(amounts) else np.nan,
                        "herfindahl": herfindahl_index(amounts),
                    }
                )
    return pd.DataFrame(rows)


def plot_concentration(
    country_rca_by_year: pd.DataFrame, concentration_by_year: pd.DataFrame, params: dict
):
    """Fig 13, section 3.4: (a) violin plots of the RCA of the top countries per year;
    (b) share of highly cited papers held by the top k countries and regions, DL vs all
    CS; (c) Herfindahl index of the same."""
    tech = technology(params)
    fields = {"dl": f"{tech.short} papers", "all_cs": "all CS papers"}
    title = f"Fig 13. Dispersion and concentration of {tech.short} research"
    rca = country_rca_by_year[country_rca_by_year["in_top"]].dropna(subset=["rca"])
    if rca.empty and concentration_by_year.empty:
        return empty_figure(title)
    fig = Figure(figsize=(13, 10))
    grid = fig.add_gridspec(2, 2)
    violin_ax = fig.add_subplot(grid[0, :])
    share_ax = fig.add_subplot(grid[1, 0])
    hhi_ax = fig.add_subplot(grid[1, 1])

    years = sorted(rca["year"].unique())
    data = [rca.loc[rca["year"] == y, "rca"].to_numpy() for y in years]
    usable = [(y, d) for y, d in zip(years, data, strict=True) if len(d) > 1]
    if usable:
        parts = violin_ax.violinplot(
            [d for _, d in usable], positions=[y for y, _ in usable], showmedians=True, widths=0.8
        )
        for body in parts["bodies"]:
            body.set_facecolor(DL_COLOUR)
            body.set_alpha(0.4)
        for lines in ("cbars", "cmins", "cmaxes", "cmedians"):
            parts[lines].set_color("darkred")
    violin_ax.axhline(1.0, color="black", lw=0.8, ls=":")
    year_axis(violin_ax)
    violin_ax.set_ylabel(f"RCA in {tech.short} (ratio; 1 = world average)")
    violin_ax.set_title(
        f"(a) RCA of the {params['dispersion_top_countries']} countries with "
        "most papers, per year (papers above the year's citation median)",
        fontsize=10,
    )
    violin_ax.grid(axis="y", alpha=0.3)

    k = params["concentration_top_k"]
    styles = {"country": "-", "region": "--"}
    colours = {"dl": DL_COLOUR, "all_cs": OTHER_COLOUR}
    first, last = params["dispersion_years"]
    series = concentration_by_year[
        (concentration_by_year["year"] >= first) & (concentration_by_year["year"] <= last)
    ]
    for (level, field), rows in series.groupby(["level", "field"]):
        label = f"{fields[field]}, top {k} {PLURAL[level]}"
        share_ax.plot(
            rows["year"],
            rows["top_k_share"] * 100,
            ls=styles[level],
            color=colours[field],
            marker="o",
            ms=3,
            label=label,
        )
        hhi_ax.plot(
            rows["year"],
            rows["herfindahl"],
            ls=styles[level],
            color=colours[field],
            marker="o",
            ms=3,
            label=f"{fields[field]}, {PLURAL[level]}",
        )
    if series.empty:
        for ax in (share_ax, hhi_ax):
            ax.text(
                0.5,
                0.5,
                "no highly cited paper (no citation counts?)",
                ha="center",
                va="center",
                transform=ax.transAxes,
            )
    year_axis(share_ax)
    share_ax.set_ylabel(f"share of highly cited papers in the top {k} (%)")
    share_ax.set_title(f"(b) share of highly cited papers held by the top {k}", fontsize=10)
    if not series.empty:
        share_ax.legend(fontsize=8)
        hhi_ax.legend(fontsize=8)
    share_ax.grid(alpha=0.3)
    year_axis(hhi_ax)
    hhi_ax.set_ylabel("Herfindahl index (sum of squared shares, 0-1)")
    hhi_ax.set_title("(c) Herfindahl index of highly cited papers", fontsize=10)
    hhi_ax.grid(alpha=0.3)
    fig.suptitle(f"{title}\n(highly cited = top citation quartile of each year)", fontsize=12)
    fig.tight_layout()
    return fig
