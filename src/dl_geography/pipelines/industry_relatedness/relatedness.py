"""Industry relatedness (section 2.2, Fig 7): how often a subject's papers read like a sector.

The relatedness of subject s to sector k is the share of subject-s papers whose abstract
the sector classifier labels k (probability >= 0.99). DL is a subject like any other.
"""

import pandas as pd
from matplotlib.figure import Figure

from dl_geography.technology import technology

from .research import DL_SUBJECT, HEATMAP_CELL_INCHES, HEATMAP_LABEL_SIZE


def subject_sector_relatedness(
    incidence: pd.DataFrame, predictions: pd.DataFrame, sectors: list[str]
) -> pd.DataFrame:
    """Section 2.2: share of each subject's papers labelled with each sector.

    ``incidence``: ``paper_id, subject`` (DL included); ``predictions``: ``paper_id,
    sector, probability``; ``sectors``: every sector the classifier knows, so a sector no
    paper reached still gets its zero row. Long output, every subject x sector:
    ``subject, sector, share, n_papers`` (the subject's papers labelled with the sector)
    and ``n_subject_papers`` (all the subject's papers, the share's denominator).
    """
    totals = incidence.groupby("subject")["paper_id"].nunique().rename("n_subject_papers")
    labelled = incidence.merge(predictions[["paper_id", "sector"]].drop_duplicates(), on="paper_id")
    counts = labelled.groupby(["subject", "sector"])["paper_id"].nunique()
    unknown = set(counts.index.get_level_values("sector")) - set(sectors)
    if unknown:
        raise ValueError(
            f"paper_sector_predictions holds sectors the classifier does not "
            f"know: {sorted(unknown)[:10]}"
        )
    full = pd.MultiIndex.from_product([totals.index, sorted(sectors)], names=["subject", "sector"])
    table = counts.reindex(full, fill_value=0).rename("n_papers").reset_index()
    table = table.merge(totals.reset_index(), on="subject")
    table["share"] = table["n_papers"] / table["n_subject_papers"]
    table = table.astype(
        {
            "subject": str,
            "sector": str,
            "n_papers": "int64",
            "n_subject_papers": "int64",
            "share": float,
        }
    )
    return table[["subject", "sector", "share", "n_papers", "n_subject_papers"]]


def sectors_of(classifier: dict) -> list[str]:
    """The sectors a fitted sector classifier predicts, in its column order."""
    return list(classifier["sectors"])


def plot_subject_sector_relatedness(
    relatedness: pd.DataFrame, params: dict, prediction_params: dict
) -> Figure:
    """Fig 7: subject x sector heat map of shares (percent of the subject's papers).

    Rows: DL, then the ``fig7_max_subjects`` subjects with most papers, in that order;
    columns: the ``fig7_max_sectors`` sectors with the largest DL share, largest first.
    """
    wide = relatedness.pivot(index="subject", columns="sector", values="share")
    if DL_SUBJECT not in wide.index:
        raise ValueError(f"subject_sector_relatedness has no {DL_SUBJECT!r} row")
    sizes = relatedness.drop_duplicates("subject").set_index("subject")["n_subject_papers"]
    subjects = sizes.drop(DL_SUBJECT).sort_values(ascending=False, kind="stable")
    rows = [DL_SUBJECT, *subjects.index[: params["fig7_max_subjects"]]]
    columns = wide.loc[DL_SUBJECT].sort_values(ascending=False, kind="stable")
    columns = list(columns.index[: params["fig7_max_sectors"]])
    values = 100 * wide.loc[rows, columns].to_numpy(dtype=float)

    fig = Figure(
        figsize=(
            max(8.0, 1.3 * HEATMAP_CELL_INCHES * len(columns) + 4),
            max(5.0, HEATMAP_CELL_INCHES * len(rows) + 4),
        ),
        dpi=150,
    )
    ax = fig.subplots()
    image = ax.imshow(values, cmap="magma_r", vmin=0, aspect="auto")
    ax.set_xticks(
        range(len(columns)), columns, rotation=60, ha="right", fontsize=HEATMAP_LABEL_SIZE
    )
    ax.set_yticks(range(len(rows)), rows, fontsize=HEATMAP_LABEL_SIZE)
    short = technology(params).short
    ax.set_xlabel(f"CrunchBase sector (sorted by share of {short} papers)")
    ax.set_ylabel(f"arXiv subject ({short} first, then by number of papers)")
    ax.set_title(
        "Fig 7: industry relatedness: papers labelled with each sector (p >= "
        f"{prediction_params['probability_threshold']})"
    )
    fig.colorbar(image, ax=ax, shrink=0.8, label="share of the subject's papers (%)")
    fig.tight_layout()
    return fig
