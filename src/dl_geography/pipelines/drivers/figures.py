"""Figures 15 and 16 of section 3.5 (matplotlib Figures; the catalog saves the PNGs)."""

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from dl_geography.figure_style import empty_figure

from .features import MODEL_VARIABLES


def plot_correlation_matrix(model_input_table: pd.DataFrame, params: dict) -> Figure:
    """Fig 15 (section 3.5): Pearson correlations between the variables of Eq. 6 on the
    model sample (standardised, so the interactions are those the models use)."""
    if model_input_table.empty:
        return empty_figure(
            "Fig 15: correlations of the drivers variables",
            "not estimated: too few regions (see drivers_report)",
        )
    labels = params["term_labels"]
    variables = [v for v in MODEL_VARIABLES if v in model_input_table.columns]
    corr = model_input_table[variables].astype(float).corr()
    names = [labels.get(v, v) for v in variables]
    fig = Figure(figsize=(8, 6.5), dpi=150)
    ax = fig.subplots()
    image = ax.imshow(corr.to_numpy(), cmap="RdBu_r", vmin=-1, vmax=1)
    ax.set_xticks(range(len(names)), names, rotation=45, ha="right")
    ax.set_yticks(range(len(names)), names)
    for (i, j), value in np.ndenumerate(corr.to_numpy()):
        if np.isfinite(value):
            ax.text(
                j,
                i,
                f"{value:.2f}",
                ha="center",
                va="center",
                fontsize=8,
                color="white" if abs(value) > 0.6 else "black",
            )
    fig.colorbar(image, ax=ax, label="Pearson correlation (-1 to 1)")
    ax.set_xlabel("variable")
    ax.set_ylabel("variable")
    ax.set_title(
        f"Fig 15: correlations of the drivers variables ({len(model_input_table)} regions)"
    )
    fig.tight_layout()
    return fig


def plot_subject_coefficients(subject_coefficients: pd.DataFrame, params: dict) -> Figure:
    """Fig 16 (section 3.5): Model 4's coefficients, with their confidence intervals, for
    DL and each of the largest subjects, one panel per term, DL highlighted."""
    model = params["subject_models"]["model"]
    labels = params["term_labels"]
    target = params["target_subject"]
    level = float(params["confidence_level"])
    if subject_coefficients.empty:
        return empty_figure(
            f"Fig 16: {model} by subject", "not estimated: too few regions (see drivers_report)"
        )
    frame = subject_coefficients.loc[subject_coefficients["term"] != "const"]
    terms = list(params["models"][model])
    subjects = list(dict.fromkeys(frame["subject"]))  # DL first, then by size
    columns = 4
    rows = int(np.ceil(len(terms) / columns))
    fig = Figure(figsize=(14, 3.2 + 0.28 * len(subjects) * rows), dpi=150)
    axes = fig.subplots(rows, columns, sharey=True, squeeze=False)
    positions = np.arange(len(subjects))[::-1]
    for ax, term in zip(axes.flat, terms, strict=False):
        rows_term = frame.loc[frame["term"] == term].set_index("subject").reindex(subjects)
        coef = rows_term["coef"].to_numpy(dtype=float)
        low = coef - rows_term["ci_low"].to_numpy(dtype=float)
        high = rows_term["ci_high"].to_numpy(dtype=float) - coef
        colours = ["tab:red" if s == target else "tab:blue" for s in subjects]
        for y, c, lo, hi, colour in zip(positions, coef, low, high, colours, strict=True):
            ax.errorbar(c, y, xerr=[[lo], [hi]], fmt="o", color=colour, ms=4, capsize=2)
        ax.axvline(0, color="grey", lw=0.8, ls="--")
        ax.set_title(labels.get(term, term), fontsize=10)
        ax.set_xlabel(
            "coefficient (SD of RCA t1, China vs not)"
            if term == "is_china"
            else "coefficient (SD of RCA t1 per SD)"
        )
        ax.set_yticks(positions, subjects)
    sizes = frame.drop_duplicates("subject").set_index("subject")["n"]
    spare = list(axes.flat[len(terms) :])
    for ax in spare:
        ax.axis("off")
    if spare:
        note = "\n".join(f"{s}: n = {int(sizes[s])} regions" for s in subjects)
        spare[0].text(
            0.0,
            1.0,
            f"{model} refitted per subject with its own RCA and\n"
            f"relatedness weights (docs/drivers.md).\n\n{note}",
            va="top",
            fontsize=8,
            transform=spare[0].transAxes,
        )
    for ax in axes[:, 0]:
        ax.set_ylabel("subject")
    fig.suptitle(
        f"Fig 16: {model} by subject, coefficients with {level:.0%} intervals ({target} in red)"
    )
    fig.tight_layout()
    return fig
