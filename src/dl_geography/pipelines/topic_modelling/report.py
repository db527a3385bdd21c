"""The ``topic_modelling_report``: every drop and count of the pipeline in one table."""

import pandas as pd

from dl_geography.quality import StageReport, combine_reports


def summarise_topic_modelling(
    features_report: pd.DataFrame,
    collocations: pd.DataFrame,
    tc_by_n_topics: pd.DataFrame,
    dl_topics: pd.DataFrame,
    paper_labels: pd.DataFrame,
) -> pd.DataFrame:
    """Node: ``topic_modelling_report``: drops, phrases, tuning pick, DL topics and labels."""
    report = StageReport("topic_modelling")
    for n_words, group in collocations.groupby("n_words"):
        report.count(
            "collocations",
            "added",
            len(group),
            f"{n_words}-word phrases",
            group.sort_values("count", ascending=False)["phrase"],
        )
    elbow = tc_by_n_topics.loc[tc_by_n_topics["is_elbow"], "n_topics"]
    report.count(
        "tuning",
        "elbow",
        int(elbow.iloc[0]) if len(elbow) else 0,
        "number of topics the elbow rule picks (the model uses corex.n_topics)",
    )
    dl = dl_topics[dl_topics["is_dl"]]
    report.count(
        "dl topics",
        "found",
        len(dl),
        "top words contain a dl_keywords entry",
        [f"topic {t}: {w}" for t, w in zip(dl["topic"], dl["dl_words"], strict=True)],
    )
    if dl.empty:
        report.count(
            "dl topics",
            "missing",
            1,
            "no topic has a DL keyword among its top words: every paper is labelled non-DL",
        )
    report.count("labels", "in", len(paper_labels))
    report.count(
        "labels",
        "is_dl",
        int(paper_labels["is_dl"].sum()),
        "any DL topic assigned (Eq. 4)",
        paper_labels.loc[paper_labels["is_dl"], "paper_id"],
    )
    report.count(
        "labels",
        "is_dl_strict",
        int(paper_labels["is_dl_strict"].sum()),
        "every DL topic assigned",
        paper_labels.loc[paper_labels["is_dl_strict"], "paper_id"],
    )
    return combine_reports(features_report, report.to_frame())
