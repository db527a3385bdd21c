"""Registry hierarchy -> ``institute_relationships`` (GRID ``relationships.csv``; ROR
``relationships``): which institute is the parent, child or relative of which.

Used by the enrichment's roll-up of matched units to their parent organisation
(``rollup`` in ``enrichment_affiliations``; section 2.1.3 matched units as they came).
"""

import pandas as pd

from dl_geography.pipelines.ingestion._common import absent_source, empty_frame, is_absent
from dl_geography.pipelines.ingestion.ror import ror_records
from dl_geography.quality import StageReport

RELATIONSHIP_COLUMNS = {"institute_id": "str", "related_id": "str", "relation": "str"}


def parse_relationships(
    ror_document, grid_release: dict | None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``institute_relationships``: ``institute_id, related_id, relation`` (lower case:
    ``parent`` = related_id is institute_id's parent, ``child``, ``related``, ...).

    ROR records list ``relationships`` (type, id); a GRID release has
    ``full_tables/relationships.csv`` (grid_id, relationship_type, related_grid_id).
    Rows without both ids are dropped and counted; absent sources give no rows.
    """
    report = StageReport("ingestion")
    step = "registry: relationships"
    frames = []
    if is_absent(ror_document):
        absent_source(report, "ror: relationships", ror_document)
    else:
        rows = [
            (r.get("id"), rel.get("id"), rel.get("type"))
            for r in ror_records(ror_document)
            if isinstance(r, dict)
            for rel in r.get("relationships") or []
            if isinstance(rel, dict)
        ]
        frames.append(pd.DataFrame(rows, columns=list(RELATIONSHIP_COLUMNS)))
    if is_absent(grid_release):
        absent_source(report, "grid: relationships", grid_release)
    else:
        tables = {key.rsplit("/", 1)[-1].lower(): load for key, load in grid_release.items()}
        if "relationships" in tables:
            grid = tables["relationships"]()
            frames.append(
                pd.DataFrame(
                    {
                        "institute_id": grid["grid_id"],
                        "related_id": grid["related_grid_id"],
                        "relation": grid["relationship_type"],
                    }
                )
            )
    if not frames:
        return empty_frame(RELATIONSHIP_COLUMNS), report.to_frame()
    rel = pd.concat(frames, ignore_index=True)
    rel = report.filter(
        step,
        rel,
        rel["institute_id"].notna() & rel["related_id"].notna(),
        "no id on one side",
        "institute_id",
    )
    rel["relation"] = rel["relation"].astype("string").str.strip().str.lower()
    rel = rel.drop_duplicates().astype(RELATIONSHIP_COLUMNS).reset_index(drop=True)
    report.count(step, "out", len(rel))
    return rel, report.to_frame()
