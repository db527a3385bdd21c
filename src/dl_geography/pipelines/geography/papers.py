"""Which papers a geography statistic counts: one row per paper, the citation sample RCA is
measured on, the period (before or after the break year) of a publication year."""

import numpy as np
import pandas as pd


def unique_papers(analysis_table: pd.DataFrame) -> pd.DataFrame:
    """One row per paper (the paper-level columns of the analysis table)."""
    return analysis_table.drop_duplicates("paper_id").reset_index(drop=True)


def citation_sample(analysis_table: pd.DataFrame, data_params: dict) -> pd.DataFrame:
    """The papers RCA is measured on: above their year's citation median (section 3.4),
    or all papers when ``rca_citation_filter`` is ``all`` (e.g. data without citations)."""
    choice = data_params["rca_citation_filter"]
    if choice == "above_median":
        return analysis_table[analysis_table["above_median"]]
    if choice == "all":
        return analysis_table
    raise ValueError(
        f"geography.data.rca_citation_filter must be 'above_median' or 'all', got {choice!r}"
    )


def period_of(years: pd.Series, break_year: int) -> pd.Series:
    """'before' for years before the break year, 'after' from it on (2012-2018 is 'after')."""
    return pd.Series(np.where(years < break_year, "before", "after"), index=years.index)
