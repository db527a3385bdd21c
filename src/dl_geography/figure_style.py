"""The report's figure style, shared by every pipeline that draws.

Colours, font size, a new figure, a titled placeholder and a whole-year axis. Figures are
matplotlib ``Figure`` objects built without pyplot, so no global figure registry or backend
is touched (a notebook importing a pipeline keeps its own backend); the catalog's
``FigureDataset`` (``dl_geography.datasets``) saves them with ``Figure.savefig``.
"""

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

DL_COLOUR = "#d62728"
OTHER_COLOUR = "#1f77b4"
FONT_SIZE = 10


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


def year_axis(ax) -> None:
    """Label the x axis in whole publication years (no 2025.25 between two years)."""
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("publication year")
