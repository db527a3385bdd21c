"""Papers to placed institutes with fractional weights (section 2.1.3, improved counting)."""

import pandas as pd

from dl_geography.quality import StageReport, combine_reports

PAPER_INSTITUTE_COLUMNS = [
    "paper_id",
    "institute_id",
    "country_code",
    "country",
    "region_id",
    "region",
    "weight",
]
PLACED = ("within", "nearest")


def link_papers_to_institutes(
    *,
    papers: pd.DataFrame,
    paper_work_matches: pd.DataFrame,
    authorships: pd.DataFrame,
    affiliation_matches: pd.DataFrame,
    institutes_geocoded: pd.DataFrame,
    params: dict,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One row per (paper, placed institute) with weight 1 / number of placed institutes.

    Authorships reach a paper through their work (``paper_work_matches``) or directly by
    ``paper_id`` (sources that link authors to papers, such as the 520-paper sample).
    The study counted each paper x institute pair once; the weight lets geography split
    a paper among its institutes instead (deviation, documented). With
    ``require_published`` only published papers are kept, as in the study. Every paper
    lost is counted once, at the first step that loses it: unpublished, no affiliation
    string, no matched institute, only multinational institutes, only unplaced ones.
    """
    report = StageReport("enrichment")
    step = "paper_institutes"
    all_ids = pd.Index(papers["paper_id"].unique())
    report.count(step, "in", len(all_ids), "papers")
    keep_ids = all_ids
    if params["require_published"]:
        pub = paper_work_matches.loc[paper_work_matches["is_published"], "paper_id"]
        lost = all_ids.difference(pub)
        report.count(step, "dropped", len(lost), "no published work (section 2.1.2)", lost)
        keep_ids = all_ids.intersection(pub)

    auth = authorships.copy()
    if "paper_id" not in auth:
        auth["paper_id"] = pd.NA
    if "work_id" in auth:
        by_work = paper_work_matches.dropna(subset=["work_id"])[["work_id", "paper_id"]]
        via_work = auth.drop(columns="paper_id").merge(by_work, on="work_id")
        direct = auth.dropna(subset=["paper_id"])
        auth = pd.concat([direct, via_work[direct.columns]], ignore_index=True)
    auth = auth.dropna(subset=["paper_id", "affiliation"])
    auth["affiliation"] = auth["affiliation"].astype("string").str.strip()
    auth = auth[auth["paper_id"].isin(keep_ids) & (auth["affiliation"].str.len() > 0)]
    lost = keep_ids.difference(auth["paper_id"])
    report.count(step, "dropped", len(lost), "no affiliation string", lost)

    matched = auth.merge(
        affiliation_matches.dropna(subset=["institute_id"])[["affiliation", "institute_id"]],
        on="affiliation",
    )
    lost = pd.Index(auth["paper_id"].unique()).difference(matched["paper_id"])
    report.count(step, "dropped", len(lost), "no affiliation matched an institute", lost)

    geo = institutes_geocoded[
        [
            "institute_id",
            "country_code",
            "country",
            "region_id",
            "region",
            "placement",
            "placed_country_code",
        ]
    ]
    pairs = (
        matched[["paper_id", "institute_id"]]
        .drop_duplicates()
        .merge(geo, on="institute_id", how="left")
    )
    pairs["placement"] = pairs["placement"].fillna("unknown_institute")
    placed = pairs["placement"].isin(PLACED)
    have = pd.Index(pairs["paper_id"].unique())
    kept_papers = pd.Index(pairs.loc[placed, "paper_id"].unique())
    lost = have.difference(kept_papers)
    only_multi = pd.Index(
        pairs.loc[pairs["placement"] == "excluded_multinational", "paper_id"].unique()
    ).intersection(lost)
    report.count(step, "dropped", len(only_multi), "only multinational institutes", only_multi)
    rest = lost.difference(only_multi)
    report.count(step, "dropped", len(rest), "no institute placed on the map", rest)
    for reason, mask in [
        (
            "pair with multinational institute dropped",
            pairs["placement"] == "excluded_multinational",
        ),
        (
            "pair with unplaced institute dropped",
            ~placed & (pairs["placement"] != "excluded_multinational"),
        ),
    ]:
        report.count(
            step,
            "dropped_pairs",
            mask.sum(),
            reason,
            pairs.loc[mask, "paper_id"] + " x " + pairs.loc[mask, "institute_id"],
        )

    out = pairs[placed].copy()
    # the polygon's country code, falling back to the registry's for admin-0-only places
    out["country_code"] = out["placed_country_code"].fillna(out["country_code"])
    out["weight"] = 1.0 / out.groupby("paper_id")["institute_id"].transform("size")
    out = out.sort_values(["paper_id", "institute_id"], ignore_index=True)
    out = out[PAPER_INSTITUTE_COLUMNS]
    for col in PAPER_INSTITUTE_COLUMNS[:-1]:
        out[col] = out[col].astype("string")
    report.count(step, "out", out["paper_id"].nunique(), "papers with a placed institute")
    report.count(step, "out_pairs", len(out), "paper x institute pairs")
    return out, report.to_frame()


def enrichment_report(*reports: pd.DataFrame) -> pd.DataFrame:
    """The enrichment pipeline's report: every step's rows, in pipeline order."""
    return combine_reports(*reports)
