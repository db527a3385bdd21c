"""Plotting helpers shared by the geography figures (matplotlib ``Figure`` objects, built
without pyplot so no global figure registry or backend is touched)."""

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

DL_COLOUR = "#d62728"
OTHER_COLOUR = "#1f77b4"
FONT_SIZE = 10
PLURAL = {"country": "countries", "region": "regions"}


def new_figure(figsize=(8, 5), **kwargs):
    """A figure and axes with the report's font size."""
    with matplotlib.rc_context({"font.size": FONT_SIZE}):
        fig = Figure(figsize=figsize)
        axes = fig.subplots(**kwargs)
    return fig, axes


def empty_figure(title: str, message: str = "no data for this figure"):
    """A titled placeholder, so a run on a tiny input still writes every figure."""
    fig, ax = new_figure()
    ax.set_title(title)
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()
    return fig


def paired_share_bars(ax, shares: pd.DataFrame, first: str, second: str, *,
                      labels: tuple[str, str], xlabel: str) -> None:
    """Horizontal paired bars of two share columns (in %), largest row at the top."""
    shares = shares.iloc[::-1]
    positions = np.arange(len(shares))
    height = 0.4
    ax.barh(positions + height / 2, shares[first] * 100, height, label=labels[0],
            color=DL_COLOUR)
    ax.barh(positions - height / 2, shares[second] * 100, height, label=labels[1],
            color=OTHER_COLOUR)
    ax.set_yticks(positions)
    ax.set_yticklabels(shares.index)
    ax.set_xlabel(xlabel)
    ax.set_ylim(-0.6, len(shares) - 0.4)
    ax.legend(loc="lower right")
    ax.grid(axis="x", alpha=0.3)


def location_label(frame: pd.DataFrame, level: str) -> pd.Series:
    """Readable labels: the country name, or 'region (country code)' for regions."""
    if level == "country":
        return frame["country"].fillna(frame["country_code"]).astype(str)
    code = frame["country_code"].fillna(frame["country"]).astype(str)
    return frame["region"].fillna(frame["region_id"]).astype(str) + " (" + code + ")"


def year_axis(ax) -> None:
    """Label the x axis in whole publication years (no 2025.25 between two years)."""
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("publication year")


def copy_for_readers(table: pd.DataFrame) -> pd.DataFrame:
    """The same table, saved a second time (as CSV) for readers in a spreadsheet."""
    return table.copy()
