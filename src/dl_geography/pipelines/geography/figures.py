"""Helpers of the geography figures and tables beyond the shared style
(``dl_geography.figure_style``): paired share bars, a table copy for spreadsheets."""

import numpy as np
import pandas as pd

from dl_geography.figure_style import DL_COLOUR, OTHER_COLOUR


def paired_share_bars(
    ax, shares: pd.DataFrame, first: str, second: str, *, labels: tuple[str, str], xlabel: str
) -> None:
    """Horizontal paired bars of two share columns (in %), largest row at the top."""
    shares = shares.iloc[::-1]
    positions = np.arange(len(shares))
    height = 0.4
    ax.barh(positions + height / 2, shares[first] * 100, height, label=labels[0], color=DL_COLOUR)
    ax.barh(
        positions - height / 2, shares[second] * 100, height, label=labels[1], color=OTHER_COLOUR
    )
    ax.set_yticks(positions)
    ax.set_yticklabels(shares.index)
    ax.set_xlabel(xlabel)
    ax.set_ylim(-0.6, len(shares) - 0.4)
    ax.legend(loc="lower right")
    ax.grid(axis="x", alpha=0.3)


def copy_for_readers(table: pd.DataFrame) -> pd.DataFrame:
    """The same table, saved a second time (as CSV) for readers in a spreadsheet."""
    return table.copy()
