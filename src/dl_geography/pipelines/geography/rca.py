"""Section 3.4: revealed comparative advantage in DL by country and by region (Eq. 5),
before and after the break year, and Figs 11-12.

Every location is kept in ``rca_by_country`` / ``rca_by_region`` (the drivers pipeline
reads all regions); "most active" is a boolean flag that restricts the figures.
"""

import numpy as np
import pandas as pd
from matplotlib.cm import ScalarMappable
from matplotlib.colors import TwoSlopeNorm
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from dl_geography.figure_style import DL_COLOUR, OTHER_COLOUR, empty_figure
from dl_geography.indicators import revealed_comparative_advantage
from dl_geography.pipelines.geography.locations import (
    PLURAL,
    location_keys,
    location_label,
    location_totals,
)
from dl_geography.pipelines.geography.papers import citation_sample, period_of
from dl_geography.technology import technology

PERIODS = ["before", "after"]


def most_active_flags(activity: pd.Series, percentile: float) -> pd.Series:
    """True for locations whose activity is at or above the ``percentile`` (0-100) of all
    locations' activity (e.g. 75: the top quartile, the regions of section 3.5)."""
    if activity.empty:
        return activity.astype(bool)
    return activity >= np.percentile(activity.to_numpy(dtype=float), percentile)


def rca_by_period(
    analysis_table: pd.DataFrame, params: dict, data_params: dict, level: str
) -> pd.DataFrame:
    """Eq. 5, section 3.4: ``RCA_i = (A_dl,i / A_all,i) / (A_dl,world / A_all,world)``.

    A counts weighted papers (analysis-table weights) above their year's citation
    median, in each period (``before`` the break year, ``after`` from it on). The world
    is every location of the level, so RCA keeps its meaning whatever the figures show.
    One row per location x period for EVERY location with any paper (RCA NaN in a
    period with no paper there); ``most_active`` flags locations whose papers (all of
    them, any citation count) reach the level's activity percentile; ``activity`` holds
    that count. ``n_papers`` / ``n_dl`` are the weighted counts behind the RCA.
    """
    keys = location_keys(level)
    activity = location_totals(analysis_table, level).rename(columns={"n_papers": "activity"})
    activity["most_active"] = most_active_flags(
        activity["activity"], params["most_active_percentile"][level]
    )

    sample = citation_sample(analysis_table, data_params)
    sample = sample.assign(period=period_of(sample["year"], params["break_year"]))
    counts = location_totals(sample, level, by=["period"], flags={"n_dl": sample["is_dl"]})

    grid = activity.merge(pd.DataFrame({"period": PERIODS}), how="cross")
    table = grid.merge(counts, on=[*keys, "period"], how="left")
    table[["n_papers", "n_dl"]] = table[["n_papers", "n_dl"]].fillna(0.0)
    table["rca"] = np.nan
    for period in PERIODS:
        rows = table["period"] == period
        if table.loc[rows, "n_papers"].sum() > 0:
            table.loc[rows, "rca"] = revealed_comparative_advantage(
                table.loc[rows, "n_dl"], table.loc[rows, "n_papers"]
            )
    columns = [*keys, "period", "rca", "n_papers", "n_dl", "most_active", "activity"]
    table["period"] = pd.Categorical(table["period"], categories=PERIODS)
    table = table.sort_values([*keys[:1], "period"]).reset_index(drop=True)
    table["period"] = table["period"].astype(str)
    return table[columns]


def rca_by_country(analysis_table: pd.DataFrame, params: dict, data_params: dict) -> pd.DataFrame:
    """``rca_by_country``: Eq. 5 by country before and after the break (section 3.4)."""
    return rca_by_period(analysis_table, params, data_params, "country")


def rca_by_region(analysis_table: pd.DataFrame, params: dict, data_params: dict) -> pd.DataFrame:
    """``rca_by_region``: Eq. 5 by region before and after the break (section 3.4)."""
    return rca_by_period(analysis_table, params, data_params, "region")


def _rca_wide(rca: pd.DataFrame, level: str) -> pd.DataFrame:
    """One row per location: RCA ``before`` and ``after``, ``most_active``, ``activity``."""
    keys = location_keys(level)
    wide = rca[rca["period"] == "before"][[*keys, "most_active", "activity", "rca"]].rename(
        columns={"rca": "before"}
    )
    after = rca[rca["period"] == "after"][[*keys, "rca"]].rename(columns={"rca": "after"})
    # merge on the location id only: NaN names would not match each other
    key = keys[0] if level == "region" else "location_key"
    if level == "country":
        wide = wide.assign(location_key=wide["country_code"].fillna(wide["country"]))
        after = after.assign(location_key=after["country_code"].fillna(after["country"]))
    wide = wide.merge(after[[key, "after"]], on=key, how="outer")
    return wide.drop(columns=["location_key"], errors="ignore")


def _join_geometries(geometries, wide: pd.DataFrame, level: str):
    """Attach each location's RCA to its polygon: regions by ``region_id``; countries by
    ISO code, else by name (Natural Earth leaves some ISO codes empty)."""
    if level == "region":
        return geometries.merge(
            wide[["region_id", "after", "most_active"]], on="region_id", how="left"
        )
    by_code = (
        wide.dropna(subset=["country_code"])
        .drop_duplicates("country_code")
        .set_index("country_code")
    )
    by_name = wide.dropna(subset=["country"]).drop_duplicates("country").set_index("country")
    joined = geometries.copy()
    for column in ["after", "most_active"]:
        from_code = joined["country_code"].map(by_code[column])
        from_name = joined["country_name"].map(by_name[column])
        joined[column] = from_code.where(from_code.notna(), from_name)
    return joined


def plot_rca_map_and_change(rca: pd.DataFrame, geometries, params: dict, level: str):
    """Figs 11 (countries) and 12 (regions), section 3.4: (a) map of RCA after the break
    year for the most active locations (others grey); (b) RCA before and after the break
    for the ``top`` most active locations (largest activity)."""
    number, noun = (11, "country") if level == "country" else (12, "region")
    break_year = params["break_year"]
    tech = technology(params)
    title = f"Fig {number}. Revealed comparative advantage in {tech.short} by {noun}"
    wide = _rca_wide(rca, level)
    active = wide[wide["most_active"].astype(bool)]
    if active.empty:
        return empty_figure(title)
    fig = Figure(figsize=(11, 12))
    map_ax, change_ax = fig.subplots(2, 1, gridspec_kw={"height_ratios": [1.15, 1]})
    joined = _join_geometries(geometries, wide, level)
    shown = joined[joined["most_active"].fillna(False).astype(bool) & joined["after"].notna()]
    joined.plot(ax=map_ax, color="#e0e0e0", edgecolor="#999999", linewidth=0.2)
    if not shown.empty:
        vmax = max(2.0, float(shown["after"].quantile(0.98)))
        norm = TwoSlopeNorm(vmin=0.0, vcenter=1.0, vmax=vmax)
        shown.plot(
            ax=map_ax, column="after", cmap="RdBu_r", norm=norm, edgecolor="#666666", linewidth=0.2
        )
        scalar = ScalarMappable(norm=norm, cmap="RdBu_r")
        colourbar = fig.colorbar(
            scalar, ax=map_ax, orientation="vertical", fraction=0.03, shrink=0.7, pad=0.02
        )
        colourbar.set_label(f"RCA in {tech.short}, {break_year} and after (1 = world average)")
    map_ax.set_axis_off()  # a map: borders, not degrees
    map_ax.legend(
        handles=[
            Patch(
                facecolor="#e0e0e0",
                edgecolor="#999999",
                label=f"not among the most active {PLURAL[level]} or no data",
            )
        ],
        loc="lower left",
        fontsize=8,
        frameon=False,
    )
    map_ax.set_title(
        f"(a) RCA from {break_year} on, the most active {PLURAL[level]} (at or "
        f"above the {params['most_active_percentile'][level]}th percentile "
        "of papers)",
        fontsize=10,
    )
    map_ax.annotate(
        f"Boundaries: {params.get('boundaries_source', 'the run’s boundary files')}",
        xy=(0, 0),
        xycoords="axes fraction",
        xytext=(0, -6),
        textcoords="offset points",
        va="top",
        fontsize=7,
        color="#555555",
    )

    top = active.nlargest(params["rca_change_top"], "activity")
    top = top.assign(label=location_label(top, level).to_numpy()).sort_values(
        "after", na_position="first"
    )
    positions = np.arange(len(top))
    change_ax.hlines(positions, top["before"], top["after"], color="grey", lw=1)
    change_ax.scatter(
        top["before"], positions, color=OTHER_COLOUR, zorder=3, label=f"before {break_year}"
    )
    change_ax.scatter(
        top["after"], positions, color=DL_COLOUR, zorder=3, label=f"{break_year} and after"
    )
    change_ax.axvline(1.0, color="black", lw=0.8, ls=":")
    change_ax.set_yticks(positions)
    change_ax.set_yticklabels(top["label"], fontsize=8)
    change_ax.set_xlabel(f"RCA in {tech.short} (ratio; 1 = world average)")
    change_ax.set_ylabel(noun)
    change_ax.set_title(
        f"(b) RCA before and after the break, the {len(top)} most active {PLURAL[level]}",
        fontsize=10,
    )
    change_ax.legend(loc="best", fontsize=8)
    change_ax.grid(axis="x", alpha=0.3)
    papers = (
        "papers above their year's citation median"
        if params["data"]["rca_citation_filter"] == "above_median"
        else "all papers"
    )
    fig.suptitle(f"{title}\n({papers}, Eq. 5)", fontsize=12)
    fig.tight_layout()
    return fig


def plot_country_rca(rca_by_country: pd.DataFrame, countries, params: dict):
    """Fig 11, section 3.4: country RCA map after the break and before/after change."""
    return plot_rca_map_and_change(rca_by_country, countries, params, "country")


def plot_region_rca(rca_by_region: pd.DataFrame, regions, params: dict):
    """Fig 12, section 3.4: region RCA map after the break and before/after change."""
    return plot_rca_map_and_change(rca_by_region, regions, params, "region")
