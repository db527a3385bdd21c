"""The ``topic_modelling_report``: every drop and count of the pipeline in one table."""

import pandas as pd

from dl_geography.pipelines.topic_modelling.corex import chosen_n_topics
from dl_geography.quality import StageReport, combine_reports


def summarise_topic_modelling(  # noqa: PLR0917 (a Kedro node: inputs are positional)
    features_report: pd.DataFrame,
    collocations: pd.DataFrame,
    tc_by_n_topics: pd.DataFrame,
    dl_topics: pd.DataFrame,
    weak_supervision_scores: pd.DataFrame,
    paper_labels: pd.DataFrame,
    params: dict,
) -> pd.DataFrame:
    """Node: ``topic_modelling_report``: drops, phrases, tuning pick, topics and labels.

    A share of labelled papers outside ``labelling.min_share`` .. ``max_share`` gets a
    ``flagged`` row: a rule set that labels nothing or nearly everything is never silent.
    """
    report = StageReport("topic_modelling")
    _count_collocations(report, collocations)
    _count_tuning(report, tc_by_n_topics, params)
    _count_dl_topics(report, dl_topics)
    _count_labels(report, weak_supervision_scores, paper_labels, params["labelling"])
    return combine_reports(features_report, report.to_frame())


def _count_collocations(report: StageReport, collocations: pd.DataFrame) -> None:
    """The phrases added to the vocabulary, by number of words (most frequent first)."""
    for n_words, group in collocations.groupby("n_words"):
        report.count(
            "collocations",
            "added",
            len(group),
            f"{n_words}-word phrases",
            group.sort_values("count", ascending=False)["phrase"],
        )


def _count_tuning(report: StageReport, tc_by_n_topics: pd.DataFrame, params: dict) -> None:
    """The elbow of the tuning curve and the number of topics the model uses, and why."""
    elbow = tc_by_n_topics.loc[tc_by_n_topics["is_elbow"], "n_topics"]
    used = chosen_n_topics(tc_by_n_topics, params)
    why = (
        "tuning.apply is set: the model takes the elbow"
        if params["tuning"]["apply"] and len(elbow)
        else "the study's number stands (tuning.apply is off): a few short tuning fits give "
        "a noisy curve, so the elbow is shown, not applied"
    )
    report.count(
        "tuning",
        "elbow" if len(elbow) else "no elbow",
        int(elbow.iloc[0]) if len(elbow) else 0,
        (
            "number of topics the elbow rule picks"
            if len(elbow)
            else "total correlation bends nowhere enough to pick a number of topics"
        )
        + f"; the model uses n = {used}: {why}",
    )


def _count_dl_topics(report: StageReport, dl_topics: pd.DataFrame) -> None:
    """The topics whose top words name the technology (a missing row when there is none)."""
    dl = dl_topics[dl_topics["is_dl"]]
    report.count(
        "dl topics",
        "found",
        len(dl),
        "top words contain a corex_keywords entry of the technology preset",
        [f"topic {t}: {w}" for t, w in zip(dl["topic"], dl["dl_words"], strict=True)],
    )
    if dl.empty:
        report.count(
            "dl topics",
            "missing",
            1,
            "no topic has a corex_keywords entry among its top words: study_corex labels no paper",
        )


def _count_labels(
    report: StageReport, weak_supervision_scores: pd.DataFrame, paper_labels: pd.DataFrame, p: dict
) -> None:
    """Weak-supervision cues, labelled papers (flagged when the labelled share falls outside
    ``p["min_share"]`` .. ``p["max_share"]``), DL and strict-DL labels."""
    report.count(
        "weak supervision",
        "rule positives",
        int(weak_supervision_scores["rule_positive"].sum()),
        "a preset pattern or acronym matches",
    )
    report.count(
        "weak supervision",
        "confident negatives",
        int(weak_supervision_scores["confident_negative"].sum()),
        "no preset cue matches",
    )
    method = paper_labels["method"].iloc[0] if len(paper_labels) else p["method"]
    report.count("labels", "in", len(paper_labels), f"method {method}")
    share = float(paper_labels["is_dl"].mean()) if len(paper_labels) else 0.0
    if not p["min_share"] <= share <= p["max_share"]:
        report.count(
            "labels",
            "flagged",
            int(paper_labels["is_dl"].sum()),
            f"{share:.1%} of papers labelled, outside labelling.min_share .. max_share "
            f"({p['min_share']:.1%} .. {p['max_share']:.1%}): check the method and the preset",
        )
    report.count(
        "labels",
        "is_dl",
        int(paper_labels["is_dl"].sum()),
        "labelled (study_corex: any technology topic assigned, Eq. 4)",
        paper_labels.loc[paper_labels["is_dl"], "paper_id"],
    )
    report.count(
        "labels",
        "is_dl_strict",
        int(paper_labels["is_dl_strict"].sum()),
        "strict (study_corex: every technology topic; weak_supervision: rule and score)",
        paper_labels.loc[paper_labels["is_dl_strict"], "paper_id"],
    )
