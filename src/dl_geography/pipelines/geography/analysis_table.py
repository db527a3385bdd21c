"""The analysis table: one row per paper x location, with year, DL label and citation ranks.

Every later node of the geography pipeline (and the drivers pipeline) reads this table.
Papers that cannot enter it (no label, not published, no placed institute) are counted
in ``geography_report`` with example ids, never silently lost.
"""

import numpy as np
import pandas as pd

from dl_geography.quality import StageReport

LOCATION_COLUMNS = ["country_code", "country", "region_id", "region"]

ANALYSIS_COLUMNS = [
    "paper_id",
    "country_code",
    "country",
    "region_id",
    "region",
    "year",
    "is_dl",
    "is_dl_strict",
    "subjects",
    "n_subjects",
    "n_institutes",
    "n_locations",
    "citations",
    "citations_per_year",
    "highly_cited",
    "above_median",
    "weight",
]


def per_year_quantile_flags(
    citations: pd.Series, years: pd.Series, quantile: float, strict: bool
) -> pd.Series:
    """Flag each paper whose citations pass the ``quantile`` of ITS OWN year's citations.

    ``strict`` true means "above" the quantile (the median test); false means "at or
    above" it (the top-quartile test), where a paper with no citation never counts, so a
    year in which most papers are uncited does not call uncited papers highly cited.
    The study's code took the quantiles over all years at once (PAPER.md, known
    defects), which favours old papers; here each year is ranked against itself.
    """
    citations = citations.astype(float)
    thresholds = citations.groupby(years).transform(lambda c: c.quantile(quantile))
    if strict:
        return citations > thresholds
    return (citations >= thresholds) & (citations > 0)


def counting_weights(paper_ids: pd.Series, counting: str) -> pd.Series:
    """Each paper x location row's weight: 1 (full) or 1 / locations of the paper (fractional).

    Fractional counting makes every paper count once in any total over locations; the
    study counted full (one per paper x institute pair, PAPER.md, known defects).
    """
    if counting == "full":
        return pd.Series(1.0, index=paper_ids.index)
    if counting == "fractional":
        return 1.0 / paper_ids.map(paper_ids.value_counts()).astype(float)
    raise ValueError(f"geography.counting must be 'full' or 'fractional', got {counting!r}")


def _paper_locations(paper_institutes: pd.DataFrame) -> pd.DataFrame:
    """Distinct paper x location rows, with each paper's number of distinct institutes."""
    missing = [
        c
        for c in ["paper_id", "institute_id", *LOCATION_COLUMNS]
        if c not in paper_institutes.columns
    ]
    if missing:
        raise ValueError(f"paper_institutes lacks columns {missing} (docs/data_contracts.md)")
    n_institutes = paper_institutes.groupby("paper_id")["institute_id"].nunique()
    locations = (
        paper_institutes[["paper_id", *LOCATION_COLUMNS]]
        .drop_duplicates(subset=["paper_id", "country_code", "region_id"])
        .reset_index(drop=True)
    )
    locations["n_institutes"] = locations["paper_id"].map(n_institutes).astype("int64")
    return locations


def _analysis_year(papers: pd.DataFrame, year_source: str, report: StageReport) -> pd.Series:
    """Each paper's analysis year: its publication year (``year_source`` ``publication``;
    the arXiv year when it has none, counted) or its arXiv year (``arxiv``)."""
    publication_year = pd.to_numeric(papers["publication_year"], errors="coerce")
    if year_source == "arxiv":
        year = papers["arxiv_year"]
    elif year_source == "publication":
        no_pub_year = publication_year.isna()
        report.count(
            "year",
            "arxiv_year_used",
            int(no_pub_year.sum()),
            "no publication year",
            papers.loc[no_pub_year, "paper_id"],
        )
        year = publication_year.fillna(papers["arxiv_year"])
    else:
        raise ValueError(
            f"geography.data.year_source must be 'publication' or 'arxiv', got {year_source!r}"
        )
    return year.astype("int64")


def _add_citation_columns(papers: pd.DataFrame, params: dict, report: StageReport) -> pd.DataFrame:
    """``citations`` (missing counts set to 0, counted), ``citations_per_year`` and the
    per-year ``highly_cited`` and ``above_median`` flags (one vote per paper)."""
    papers = papers.copy()
    citations = pd.to_numeric(papers["cited_by_count"], errors="coerce")
    report.count(
        "citations",
        "set_to_zero",
        int(citations.isna().sum()),
        "no citation count",
        papers.loc[citations.isna(), "paper_id"],
    )
    papers["citations"] = citations.fillna(0).astype("int64")
    reference_year = params["citation_reference_year"] or (
        int(papers["year"].max()) if len(papers) else 0
    )
    years_since = np.maximum(reference_year - papers["year"], 1)
    papers["citations_per_year"] = papers["citations"] / years_since
    papers["highly_cited"] = per_year_quantile_flags(
        papers["citations"], papers["year"], params["highly_cited_quantile"], strict=False
    )
    papers["above_median"] = per_year_quantile_flags(
        papers["citations"], papers["year"], params["median_quantile"], strict=True
    )
    return papers


def build_analysis_table(
    paper_institutes: pd.DataFrame,
    paper_labels: pd.DataFrame,
    papers: pd.DataFrame,
    paper_work_matches: pd.DataFrame,
    *,
    params: dict,
    data_params: dict,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One row per paper x location (country, region) of the papers the study analyses.

    Sections 2.1 and 3: a paper counts when it has a DL label (2.1.4), a published record
    (2.1.2, unless ``data_params.require_published`` is false) and at least one placed institute
    (2.1.3). ``year`` is the publication year of the published work (the study used the
    MAG date instead of arXiv's), or the arXiv year when ``year_source`` is ``arxiv``
    or when a kept paper has no publication year (counted in the report).
    ``highly_cited`` = top citation quartile of its year, ``above_median`` = above the
    citation median of its year (ranked among the analysed papers, one vote per paper).
    ``citations_per_year`` = citations / max(reference year - year, 1).
    ``weight`` = 1 (full counting) or 1 / number of the paper's locations (fractional).

    Returns the table and the geography report rows of this step.
    """
    report = StageReport("geography")
    papers = papers[["paper_id", "subjects", "year"]].rename(columns={"year": "arxiv_year"})
    report.count("papers", "in", len(papers))

    labels = paper_labels[["paper_id", "is_dl", "is_dl_strict"]].drop_duplicates("paper_id")
    papers = report.filter(
        "labels",
        papers,
        papers["paper_id"].isin(labels["paper_id"]),
        "no DL label (not topic-modelled)",
        "paper_id",
    )
    papers = papers.merge(labels, on="paper_id", how="left")

    matches = paper_work_matches[
        ["paper_id", "is_published", "publication_year", "cited_by_count"]
    ].drop_duplicates("paper_id")
    papers = papers.merge(matches, on="paper_id", how="left")
    published = papers["is_published"].fillna(False).astype(bool)
    if data_params["require_published"]:
        papers = report.filter(
            "published", papers, published, "no published record (section 2.1.2)", "paper_id"
        )
    else:
        report.count(
            "published",
            "kept_unpublished",
            int((~published).sum()),
            "require_published is false",
            papers.loc[~published, "paper_id"],
        )

    locations = _paper_locations(paper_institutes)
    has_location = papers["paper_id"].isin(locations["paper_id"])
    papers = report.filter(
        "located", papers, has_location, "no placed institute (section 2.1.3)", "paper_id"
    )

    papers["year"] = _analysis_year(papers, data_params["year_source"], report)
    papers = _add_citation_columns(papers, params, report)
    papers["subjects"] = papers["subjects"].map(list)
    papers["n_subjects"] = papers["subjects"].map(len).astype("int64")

    table = locations.merge(papers, on="paper_id", how="inner")
    table = table.sort_values(
        ["paper_id", "country_code", "region_id"], na_position="last"
    ).reset_index(drop=True)
    table["n_locations"] = table["paper_id"].map(table["paper_id"].value_counts()).astype("int64")
    table["weight"] = counting_weights(table["paper_id"], params["counting"])
    table["is_dl"] = table["is_dl"].astype(bool)
    table["is_dl_strict"] = table["is_dl_strict"].astype(bool)
    no_region = table["region_id"].isna()
    report.count(
        "analysis_table",
        "no_region",
        int(no_region.sum()),
        "country known, region unknown (kept; out of region statistics)",
        table.loc[no_region, "paper_id"],
    )
    report.count("analysis_table", "papers_out", table["paper_id"].nunique())
    report.count("analysis_table", "rows_out", len(table))
    return table[ANALYSIS_COLUMNS], report.to_frame()
