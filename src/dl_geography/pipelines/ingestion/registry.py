"""One institute registry from whichever sources an environment has (ROR, GRID)."""

import pandas as pd

from dl_geography.pipelines.ingestion._common import empty_frame
from dl_geography.pipelines.ingestion.institute_columns import INSTITUTE_COLUMNS, NAME_COLUMNS
from dl_geography.quality import StageReport, combine_reports


def combine_registries(
    ror_institutes: pd.DataFrame,
    ror_names: pd.DataFrame,
    grid_institutes: pd.DataFrame,
    grid_names: pd.DataFrame,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """``institutes`` and ``institute_names``: ROR records then GRID records.

    The ids cannot collide (ROR URLs vs ``grid.*``); an environment normally has one of
    the two (the other an ``AbsentSourceDataset``). Running both keeps both, so a GRID
    institute that ROR also lists (``grid_id``) would appear twice: those GRID rows are
    dropped and counted, ROR being the living registry.
    """
    report = StageReport("ingestion")
    known = set(ror_institutes["grid_id"].dropna())
    grid_keep = ~grid_institutes["institute_id"].isin(known)
    grid_institutes = report.filter(
        "registry: merge", grid_institutes, grid_keep, "GRID institute also in ROR", "institute_id"
    )
    grid_names = grid_names.loc[grid_names["institute_id"].isin(grid_institutes["institute_id"])]
    institutes = [f for f in (ror_institutes, grid_institutes) if len(f)]
    names = [f for f in (ror_names, grid_names) if len(f)]
    institutes = (
        pd.concat(institutes, ignore_index=True) if institutes else empty_frame(INSTITUTE_COLUMNS)
    )
    names = pd.concat(names, ignore_index=True) if names else empty_frame(NAME_COLUMNS)
    report.count("registry: institutes", "out", len(institutes))
    report.count("registry: names", "out", len(names))
    return institutes[list(INSTITUTE_COLUMNS)], names[list(NAME_COLUMNS)], report.to_frame()


def build_ingestion_report(*reports: pd.DataFrame) -> pd.DataFrame:
    """``ingestion_report``: every reader's counted drops, in pipeline order."""
    return combine_reports(*reports)
