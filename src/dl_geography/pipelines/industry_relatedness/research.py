"""Research relatedness (section 2.1.5, Fig 4): which arXiv subjects sit close to DL.

A paper belongs to every ``cs.*`` / ``stat.ML`` subject it lists, and to the pseudo-subject
``dl`` when the topic model labels it deep learning. Two subjects are related when the
same papers list them: the cosine between their columns of the paper x subject incidence.
"""

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from scipy import sparse

from dl_geography.indicators import column_cosine_similarity
from dl_geography.membership import is_in
from dl_geography.quality import StageReport
from dl_geography.technology import technology

DL_SUBJECT = "dl"


def paper_subject_incidence(
    papers: pd.DataFrame, paper_labels: pd.DataFrame, params: dict
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Section 2.1.5: the paper x subject incidence in long form, DL added as a subject.

    One row per (paper, subject): every ``cs.*`` and ``stat.ML`` subject the paper lists
    (the ``subjects`` column of ``papers``), plus ``dl`` for papers whose
    ``paper_labels[params["dl_label_column"]]`` is true. Papers with no row in
    ``paper_labels`` (the topic model dropped them, e.g. fewer than 20 tokens) keep their
    subjects and count as not DL when ``keep_unlabelled_papers``, else leave; the report
    counts them either way.

    Returns ``(incidence, report)``; ``incidence`` has columns ``paper_id, subject``.
    """
    label_column = params["dl_label_column"]
    missing = {"paper_id", "subjects"} - set(papers.columns)
    if missing:
        raise ValueError(f"papers lacks the column(s) {sorted(missing)} (data_contracts.md)")
    if label_column not in paper_labels.columns:
        raise ValueError(f"paper_labels lacks the DL label column {label_column!r}")
    report = StageReport("industry_relatedness")
    report.count("paper_subject_incidence", "in", len(papers))
    listed = papers[["paper_id", "subjects"]].explode("subjects")
    listed = listed.rename(columns={"subjects": "subject"}).dropna(subset=["subject"])
    listed = listed.drop_duplicates()
    no_subject = papers.loc[~is_in(papers["paper_id"], listed["paper_id"].unique()), "paper_id"]
    report.count(
        "paper_subject_incidence",
        "dropped",
        len(no_subject),
        "no cs.*/stat.ML subject listed",
        no_subject,
    )

    labelled = is_in(papers["paper_id"], paper_labels["paper_id"])
    if params["keep_unlabelled_papers"]:
        report.count(
            "paper_subject_incidence",
            "counted",
            int((~labelled).sum()),
            "no paper_labels row: counted as not DL",
            papers.loc[~labelled, "paper_id"],
        )
    else:
        report.count(
            "paper_subject_incidence",
            "dropped",
            int((~labelled).sum()),
            "no paper_labels row (not modelled)",
            papers.loc[~labelled, "paper_id"],
        )
        listed = listed[is_in(listed["paper_id"], paper_labels["paper_id"])]
    is_dl = paper_labels[label_column].astype(bool)
    dl_ids = paper_labels.loc[is_dl, "paper_id"]
    dl_ids = dl_ids[is_in(dl_ids, listed["paper_id"].unique())]
    dl_rows = pd.DataFrame({"paper_id": dl_ids.to_numpy(), "subject": DL_SUBJECT})
    incidence = pd.concat([listed, dl_rows], ignore_index=True)
    incidence = incidence.sort_values(["paper_id", "subject"], ignore_index=True)
    report.count(
        "paper_subject_incidence",
        "out",
        incidence["paper_id"].nunique(),
        "papers with at least one subject",
    )
    report.count("paper_subject_incidence", "counted", len(dl_rows), f"labelled {DL_SUBJECT}")
    return incidence.astype({"paper_id": str, "subject": str}), report.to_frame()


def incidence_matrix(incidence: pd.DataFrame) -> tuple[sparse.csr_matrix, list[str], list[str]]:
    """The long ``paper_id, subject`` table as a binary scipy CSR matrix (papers x subjects)."""
    papers = pd.Categorical(incidence["paper_id"])
    subjects = pd.Categorical(incidence["subject"])
    matrix = sparse.csr_matrix(
        (np.ones(len(incidence)), (papers.codes, subjects.codes)),
        shape=(len(papers.categories), len(subjects.categories)),
    )
    matrix.data[:] = 1.0  # duplicates summed by the constructor stay binary
    return matrix, list(papers.categories), list(subjects.categories)


def subject_similarity(incidence: pd.DataFrame) -> pd.DataFrame:
    """Section 2.1.5: cosine similarity between the subject columns of the incidence.

    Wide output (data_contracts.md): column ``subject``, then one float column per
    subject, ``dl`` included; rows and columns in the same (sorted) order.
    """
    matrix, _, subjects = incidence_matrix(incidence)
    similarity = column_cosine_similarity(matrix, subjects)
    return similarity.rename_axis("subject").reset_index().rename_axis(columns=None)


# Heat maps (Figs 4 and 7): inches per cell and label size in points, in proportion.
HEATMAP_CELL_INCHES = 0.25
HEATMAP_LABEL_SIZE = 10


def plot_subject_similarity(subject_similarity: pd.DataFrame, params: dict) -> Figure:
    """Fig 4: heat map of subject proximities, subjects sorted by their cosine with DL.

    Shows DL and the ``fig4_max_subjects`` subjects closest to it. Deviation: the diagonal
    (always 1) is blanked so the colour scale spreads over the off-diagonal proximities.
    """
    wide = subject_similarity.set_index("subject")
    if DL_SUBJECT not in wide.index:
        raise ValueError(f"subject_similarity has no {DL_SUBJECT!r} row: no paper is labelled DL")
    order = wide[DL_SUBJECT].drop(DL_SUBJECT).sort_values(ascending=False, kind="stable")
    order = [DL_SUBJECT, *order.index[: params["fig4_max_subjects"]]]
    values = wide.loc[order, order].to_numpy(dtype=float).copy()
    np.fill_diagonal(values, np.nan)

    # Cells and labels sized together, so the labels stay readable at the report's width.
    size = max(6.0, HEATMAP_CELL_INCHES * len(order) + 3.0)
    fig = Figure(figsize=(size + 1.0, size), dpi=150)
    ax = fig.subplots()
    image = ax.imshow(values, cmap="viridis", vmin=0, aspect="equal")
    ax.set_xticks(range(len(order)), order, rotation=90, fontsize=HEATMAP_LABEL_SIZE)
    ax.set_yticks(range(len(order)), order, fontsize=HEATMAP_LABEL_SIZE)
    short = technology(params).short
    ax.set_xlabel(f"arXiv subject (sorted by cosine similarity with {short})")
    ax.set_ylabel(f"arXiv subject (sorted by cosine similarity with {short})")
    ax.set_title("Fig 4: research relatedness between subjects (cosine over papers)")
    fig.colorbar(image, ax=ax, shrink=0.8, label="cosine similarity (0-1)")
    fig.tight_layout()
    return fig
