"""CrunchBase exports -> ``organizations`` (the study's industry data, section 2.1.5).

Two layouts, detected by their columns: the bulk export (``organizations.csv`` with
``uuid``, ``category_list``, ``founded_on``, ``latitude``... plus
``organization_descriptions.csv``) and the open October 2013 export
(``crunchbase-companies.csv``: ``permalink``, ``category_code``, ``founded_year``, no
descriptions, no coordinates).
"""

import re

import pandas as pd

from dl_geography.country_codes import alpha3_to_alpha2
from dl_geography.datasets import AbsentSource
from dl_geography.pipelines.ingestion._common import (
    absent_source,
    check_coordinates,
    collapse_whitespace,
    empty_frame,
    filter_checks,
    in_the_future,
    is_absent,
    require_rows,
)
from dl_geography.quality import StageReport

ORGANIZATION_COLUMNS = {
    "org_id": "str",
    "name": "str",
    "description": "str",
    "sectors": "object",
    "sector_groups": "object",
    "founded_year": "Int64",
    "country_code": "str",
    "region": "str",
    "city": "str",
    "latitude": "float64",
    "longitude": "float64",
}


def _split_list(values: pd.Series) -> list[list[str]]:
    """CrunchBase's comma-separated category lists as lists (empty when absent)."""
    return [
        [p.strip() for p in v.split(",") if p.strip()] if isinstance(v, str) else []
        for v in values.astype("object").where(values.notna(), None)
    ]


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    return frame[name] if name in frame else pd.Series(pd.NA, index=frame.index, dtype="str")


# Free-text columns, where a line break is legitimate; anywhere else it betrays a field
# that swallowed the following lines of the file.
TEXT_COLUMNS = ("short_description", "description", "overview")


def swallowed_rows(frame: pd.DataFrame, id_column: str) -> tuple[pd.Series, list[str], int]:
    """Rows where an unbalanced quote made one field swallow the following lines.

    A CSV reader that meets a stray ``"`` reads on, across line ends, to the next quote:
    the field holds the rest of its row and whole rows after it, which vanish from the
    table. Such a field contains a line break in a column that never has one (an id, a
    name, a code). Returns the mask of those rows, for the report each one's id with the
    first field of every line it swallowed (the lost organisations' ids), and how many
    lines were swallowed in all.
    """
    columns = [c for c in frame.columns if c not in TEXT_COLUMNS]
    text = frame[columns].astype("str")
    broken = pd.Series(False, index=frame.index)
    for column in columns:
        broken |= text[column].str.contains(r"[\r\n]", regex=True).fillna(False)
    examples, n_lost = [], 0
    for index in broken[broken].index:
        cells = text.loc[index].dropna()
        lines = [line for cell in cells for line in re.split(r"\r\n?|\n", cell)[1:] if line.strip()]
        lost = [line.split(",")[0].strip().strip('"') for line in lines]
        n_lost += len(lost)
        examples.append(
            f"{frame.at[index, id_column]} swallowed {len(lost)} lines ({', '.join(lost[:5])})"
        )
    return broken, examples, n_lost


def clean_organizations(
    organizations: pd.DataFrame, descriptions: pd.DataFrame | AbsentSource
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Clean a CrunchBase export into ``organizations`` with descriptions joined.

    Description: the long one from ``descriptions`` when given, else ``short_description``.
    Country: CrunchBase's alpha-3 mapped to alpha-2 (unknown codes counted, kept NA).
    Rows without an id or a name, and duplicate ids, are dropped and counted; so are rows
    broken by an unbalanced quote (:func:`swallowed_rows`, with the ids of the lines they
    swallowed). Coordinates out of range and founding years in the future are set to NA
    and counted. A file with a header but no rows is an error.
    ``descriptions`` may be absent (``AbsentSourceDataset``: the 2013 export has none).
    """
    report = StageReport("ingestion")
    require_rows(organizations, "CrunchBase organizations")
    frame = organizations.rename(columns=lambda c: str(c).strip().lower())
    if "uuid" in frame:
        org_id = frame["uuid"]
        sectors = _split_list(_column(frame, "category_list"))
        groups = _split_list(_column(frame, "category_groups_list"))
        founded_on = _column(frame, "founded_on")
        founded = pd.to_datetime(founded_on, errors="coerce", format="mixed").dt.year
        bad_date = founded_on.notna() & founded.isna()
        report.count(
            "crunchbase: organizations",
            "counted",
            int(bad_date.sum()),
            "unparseable founded_on: founded_year NA",
            org_id[bad_date],
        )
    elif "permalink" in frame:
        org_id = frame["permalink"]
        sectors = _split_list(_column(frame, "category_code"))
        groups = [[] for _ in range(len(frame))]
        founded = _column(frame, "founded_year")
    else:
        raise ValueError(
            "CrunchBase table has neither `uuid` (bulk export) nor `permalink` "
            f"(2013 export); columns: {list(organizations.columns)[:12]}"
        )
    clean = pd.DataFrame(
        {
            "org_id": org_id.astype("str").str.strip(),
            "name": collapse_whitespace(frame["name"]),
            "description": collapse_whitespace(_column(frame, "short_description")),
            "sectors": sectors,
            "sector_groups": groups,
            "founded_year": pd.to_numeric(founded, errors="coerce").round().astype("Int64"),
            "country_raw": _column(frame, "country_code").astype("str").str.strip(),
            "region": _column(frame, "region"),
            "city": _column(frame, "city"),
            "latitude": pd.to_numeric(_column(frame, "latitude"), errors="coerce"),
            "longitude": pd.to_numeric(_column(frame, "longitude"), errors="coerce"),
        },
        index=frame.index,
    )
    if is_absent(descriptions):
        absent_source(report, "crunchbase: descriptions", descriptions)
    elif len(descriptions):
        long = descriptions.rename(columns=lambda c: str(c).strip().lower())
        long = long.dropna(subset=["uuid"]).drop_duplicates("uuid").set_index("uuid")
        text = collapse_whitespace(clean["org_id"].map(long["description"]))
        clean["description"] = text.where(text.str.len() > 0).fillna(clean["description"])
        report.count(
            "crunchbase: descriptions",
            "matched",
            int(text.notna().sum()),
            "long description joined",
        )
    step = "crunchbase: organizations"
    clean["example"] = clean["org_id"].fillna(clean["name"]).fillna("?")
    broken, swallowed, n_lost = swallowed_rows(frame.assign(_id=clean["example"]), "_id")
    clean = filter_checks(
        report,
        step,
        clean,
        [
            (
                lambda f: f["org_id"].notna() & (f["org_id"] != "") & f["name"].notna(),
                "no id or name",
                "example",
            ),
            (
                lambda f: ~broken.reindex(f.index),
                "unbalanced quote: the row swallowed the lines after it",
                "example",
            ),
            (lambda f: ~f["org_id"].duplicated(), "duplicate id", "org_id"),
        ],
    )
    report.count(
        step,
        "lost",
        n_lost,
        "lines swallowed by an unbalanced quote (their first field: the lost organisations' ids)",
        swallowed,
    )
    clean = check_coordinates(report, step, clean, "org_id")
    future = in_the_future(clean["founded_year"])
    report.count(
        step,
        "counted",
        int(future.sum()),
        "founded year in the future: set to NA",
        clean.loc[future, "org_id"] + ": " + clean.loc[future, "founded_year"].astype("str"),
    )
    clean["founded_year"] = clean["founded_year"].mask(future)
    clean["country_code"] = alpha3_to_alpha2(clean["country_raw"])
    unknown = clean["country_raw"].notna() & clean["country_code"].isna()
    report.count(
        step,
        "counted",
        int(unknown.sum()),
        "unknown country code (kept, NA)",
        clean.loc[unknown, "org_id"] + ": " + clean.loc[unknown, "country_raw"],
    )
    out = clean[list(ORGANIZATION_COLUMNS)]
    if out.empty:
        return empty_frame(ORGANIZATION_COLUMNS), report.to_frame()
    out = out.astype(ORGANIZATION_COLUMNS)
    return out.reset_index(drop=True), report.to_frame()
