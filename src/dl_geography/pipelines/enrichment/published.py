"""Papers to published works (section 2.1.2: MAG's role, now OpenAlex's)."""

import numpy as np
import pandas as pd

from dl_geography.quality import StageReport
from dl_geography.titles import normalise_titles

# Lower rank wins when a paper meets works by several methods.
METHOD_RANK = {"doi": 0, "arxiv_doi": 1, "arxiv_id": 2, "title": 3, "title_year": 3}
_ARXIV_DOI = r"^10\.48550/arxiv\.(.+)$"
_DOI_PREFIX = r"^(?:https?://(?:dx\.)?doi\.org/|doi:)"


def _clean_doi(doi: pd.Series) -> pd.Series:
    s = doi.astype("string").str.strip().str.lower().str.replace(_DOI_PREFIX, "", regex=True)
    return s.where(s.str.len() > 0, pd.NA)


def _clean_arxiv_id(ids: pd.Series) -> pd.Series:
    s = ids.astype("string").str.strip().str.lower()
    s = s.str.replace(r"^(?:arxiv:|https?://arxiv\.org/abs/)", "", regex=True)
    return s.str.replace(r"v\d+$", "", regex=True)


def is_published_work(works: pd.DataFrame, published_source_types: list[str]) -> pd.Series:
    """True for works with any location whose source type counts as published (2.1.2).

    The study kept papers MAG knew as journal or conference publications; here a work
    is published when its primary source type, or that of any of its locations, is in
    ``published_source_types``. Vectorised by exploding the location list.
    """
    wanted = {t.lower() for t in published_source_types}
    locations = works["location_source_types"].explode()
    hit = locations.astype("string").str.lower().isin(wanted).groupby(level=0).any()
    primary = works["source_type"].astype("string").str.lower().isin(wanted)
    return (hit.reindex(works.index, fill_value=False) | primary).astype(bool)


def _candidates(papers: pd.DataFrame, works: pd.DataFrame) -> pd.DataFrame:
    """Every (paper, work) pair met by an identifier or by the normalised title."""
    p = papers[["paper_id", "doi", "year", "title"]].copy()
    p["pid"] = _clean_arxiv_id(p["paper_id"])
    p["doi"] = _clean_doi(p["doi"])
    w = works[["work_id", "doi", "arxiv_id", "title", "publication_year"]].copy()
    w["doi"] = _clean_doi(w["doi"])
    w["arxiv_from_doi"] = _clean_arxiv_id(w["doi"].str.extract(_ARXIV_DOI, expand=False))
    w["arxiv_id"] = _clean_arxiv_id(w["arxiv_id"])

    frames = []

    def pairs(left: str, right: str, method: str) -> None:
        lhs = p.dropna(subset=[left])[["paper_id", left]]
        rhs = w.dropna(subset=[right])[["work_id", right]]
        m = lhs.merge(rhs, left_on=left, right_on=right)[["paper_id", "work_id"]]
        frames.append(m.assign(method=method))

    pairs("doi", "doi", "doi")
    pairs("pid", "arxiv_from_doi", "arxiv_doi")
    pairs("pid", "arxiv_id", "arxiv_id")
    p["title_key"] = normalise_titles(p["title"])
    w["title_key"] = normalise_titles(w["title"])
    t = p.dropna(subset=["title_key"])[["paper_id", "title_key"]].merge(
        w.dropna(subset=["title_key"])[["work_id", "title_key"]], on="title_key"
    )
    # a work an identifier ties to one paper is not another paper's title match
    claimed = pd.concat(frames)[["paper_id", "work_id"]].drop_duplicates()
    t = t.merge(claimed.rename(columns={"paper_id": "owner"}), on="work_id", how="left")
    t = t[t["owner"].isna() | (t["owner"] == t["paper_id"])].drop(columns="owner")
    t = t.drop_duplicates(["paper_id", "work_id"])
    n_same_title = t.groupby("paper_id")["work_id"].transform("nunique")
    frames.append(
        t.assign(method=np.where(n_same_title > 1, "title_year", "title"))[
            ["paper_id", "work_id", "method"]
        ]
    )
    return pd.concat(frames, ignore_index=True)


def match_papers_to_works(
    papers: pd.DataFrame, works: pd.DataFrame, params: dict
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Match each arXiv paper to one OpenAlex work and say whether it is published (2.1.2).

    Methods, best first: the paper's DOI equals the work's DOI (``doi``); the work's DOI
    is the paper's arXiv DOI ``10.48550/arxiv.<id>`` (``arxiv_doi``); the paper's arXiv
    id is among the work's ids (``arxiv_id``); the study's exact match of normalised
    titles (``title``), with the work whose publication year is closest to the paper's
    arXiv year when several works share the title (``title_year``); a work an identifier
    already ties to another paper is not a title candidate. When
    ``prefer_published`` is set, a published candidate beats an unpublished one whatever
    the method (OpenAlex, unlike MAG, often keeps the arXiv preprint and the journal
    version as two works; the study counted the published record). Title matches further
    than ``title_max_year_gap`` years from the arXiv year are refused (null: no limit, as
    in the study). Publication date and citations come from the chosen work.

    Returns ``paper_work_matches`` (one row per paper; ``method`` ``none`` when unmatched)
    and the step's report rows.
    """
    report = StageReport("enrichment")
    published_types = params["published_source_types"]
    works = works.copy()
    works["is_published"] = is_published_work(works, published_types)

    cand = _candidates(papers, works)
    cand = cand.merge(papers[["paper_id", "year"]], on="paper_id").merge(
        works[["work_id", "publication_year", "is_published"]], on="work_id"
    )
    cand["year_gap"] = (cand["publication_year"] - cand["year"]).abs()
    is_title = cand["method"].isin(["title", "title_year"])
    max_gap = params["title_max_year_gap"]
    if max_gap is not None:
        too_far = is_title & (cand["year_gap"] > max_gap)
        report.count(
            "paper_work_matches",
            "dropped",
            too_far.sum(),
            f"title match more than {max_gap} years from the arXiv year",
            cand.loc[too_far, "paper_id"],
        )
        cand = cand.loc[~too_far]
    cand["rank"] = cand["method"].map(METHOD_RANK)
    cand["unpublished"] = ~cand["is_published"] if params["prefer_published"] else False
    # Ties after the year go to the earlier-published work, then to the smaller id.
    cand = cand.sort_values(
        ["paper_id", "unpublished", "rank", "year_gap", "publication_year", "work_id"],
        kind="mergesort",
    )
    best = cand.drop_duplicates("paper_id")[["paper_id", "work_id", "method"]]

    out = papers[["paper_id"]].merge(best, on="paper_id", how="left")
    out["method"] = out["method"].fillna("none")
    chosen = works[
        ["work_id", "is_published", "publication_date", "publication_year", "cited_by_count"]
    ]
    out = out.merge(chosen, on="work_id", how="left")
    out["is_published"] = out["is_published"].fillna(False).astype(bool)
    out["publication_date"] = pd.to_datetime(out["publication_date"])
    out["publication_year"] = out["publication_year"].astype("Int64")
    out["cited_by_count"] = out["cited_by_count"].astype("Int64")
    out["work_id"] = out["work_id"].astype("string")

    report.count("paper_work_matches", "in", len(papers))
    for method in ["doi", "arxiv_doi", "arxiv_id", "title", "title_year"]:
        hit = out["method"] == method
        report.count("paper_work_matches", "matched", hit.sum(), method, out.loc[hit, "paper_id"])
    none = out["method"] == "none"
    report.count(
        "paper_work_matches",
        "unmatched",
        none.sum(),
        "no identifier or title match",
        out.loc[none, "paper_id"],
    )
    unpub = ~none & ~out["is_published"]
    report.count(
        "paper_work_matches",
        "unpublished",
        unpub.sum(),
        f"work has no location of type {', '.join(published_types)}",
        out.loc[unpub, "paper_id"],
    )
    report.count("paper_work_matches", "out", int(out["is_published"].sum()), "published")
    return out, report.to_frame()
