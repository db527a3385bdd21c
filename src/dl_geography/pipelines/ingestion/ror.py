"""ROR schema-v2 records -> ``institutes`` and ``institute_names``.

ROR is the successor of GRID, the study's institute registry (section 2.1.3). Accepts the
data dump (a JSON list of records), an Elasticsearch response (``hits.hits[]._source``,
as the ROR API's search and retrieve test data), an API page (``items``) or one record.
"""

import pandas as pd

from dl_geography.datasets import AbsentSource
from dl_geography.pipelines.ingestion._common import (
    absent_source,
    check_coordinates,
    empty_frame,
    filter_checks,
)
from dl_geography.pipelines.ingestion.institute_columns import INSTITUTE_COLUMNS, NAME_COLUMNS
from dl_geography.quality import StageReport

# A name with several ROR types gets the first of these it has (display wins).
NAME_KINDS = (
    ("ror_display", "display"),
    ("acronym", "acronym"),
    ("alias", "alias"),
    ("label", "label"),
)


def ror_records(document) -> list:
    """The list of records inside any of the accepted JSON shapes."""
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        hits = document.get("hits")
        if isinstance(hits, dict) and isinstance(hits.get("hits"), list):
            return [h.get("_source", h) if isinstance(h, dict) else h for h in hits["hits"]]
        if isinstance(document.get("items"), list):
            return document["items"]
        if "id" in document:
            return [document]
    raise ValueError(
        "ROR input is neither a list of records, an Elasticsearch response, "
        "an API page nor a single record"
    )


def _grid_id(external_ids) -> str | None:
    for ext in external_ids or []:
        if isinstance(ext, dict) and str(ext.get("type", "")).lower() == "grid":
            return ext.get("preferred") or next(iter(ext.get("all") or []), None)
    return None


def _kind(types) -> str:
    types = types or []
    for ror_type, kind in NAME_KINDS:
        if ror_type in types:
            return kind
    return "alias"


def parse_ror_dump(ror_document) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Clean ROR v2 records into ``institutes`` (first location's place and coordinates;
    ``n_locations`` distinct locations, > 1 marking the multinationals section 2.1.3
    excludes) and ``institute_names`` (every name with its kind: display, acronym, alias,
    label). Records without an id or any name are dropped and counted; records without a
    location, or with coordinates out of range, are kept with NaN coordinates and counted.
    An ``AbsentSource`` (no ROR in this environment): empty tables. A file holding JSON
    ``null`` or no records is an error.
    """
    report = StageReport("ingestion")
    if isinstance(ror_document, AbsentSource):
        absent_source(report, "ror: records", ror_document)
        return empty_frame(INSTITUTE_COLUMNS), empty_frame(NAME_COLUMNS), report.to_frame()
    if ror_document is None:
        raise ValueError("ROR file holds JSON null, not records: check the download")
    records = ror_records(ror_document)
    not_records = [i for i, r in enumerate(records) if not isinstance(r, dict)]
    report.count(
        "ror: records", "dropped", len(not_records), "not a JSON object (position)", not_records
    )
    records = [r for r in records if isinstance(r, dict)]
    if not records:
        raise ValueError("ROR file holds no records (an empty list): check the download")
    institutes, names = [], []
    for record in records:
        locations = [loc for loc in record.get("locations") or [] if isinstance(loc, dict)]
        first = (locations[0].get("geonames_details") or {}) if locations else {}
        distinct = {loc.get("geonames_id") or id(loc) for loc in locations}
        record_names = [
            n
            for n in record.get("names") or []
            if isinstance(n, dict) and isinstance(n.get("value"), str)
        ]
        display = next(
            (n["value"] for n in record_names if "ror_display" in (n.get("types") or [])),
            record_names[0]["value"] if record_names else None,
        )
        institutes.append(
            {
                "institute_id": record.get("id"),
                "name": display,
                "types": [str(t) for t in record.get("types") or []],
                "country_code": first.get("country_code"),
                "country_name": first.get("country_name"),
                "city": first.get("name"),
                "subdivision": first.get("country_subdivision_name"),
                "latitude": first.get("lat"),
                "longitude": first.get("lng"),
                "n_locations": len(distinct),
                "grid_id": _grid_id(record.get("external_ids")),
                "status": record.get("status") or "active",
            }
        )
        names += [
            {
                "institute_id": record.get("id"),
                "name": n["value"].strip(),
                "kind": _kind(n.get("types")),
                "lang": n.get("lang"),
            }
            for n in record_names
        ]
    frame = pd.DataFrame(institutes, columns=list(INSTITUTE_COLUMNS))
    step = "ror: records"
    frame = filter_checks(
        report,
        step,
        frame,
        [
            (lambda f: f["institute_id"].notna(), "no id", None),
            (lambda f: f["name"].notna(), "no name", "institute_id"),
            (lambda f: ~f["institute_id"].duplicated(), "duplicate id", "institute_id"),
        ],
    )
    frame = check_coordinates(report, step, frame, "institute_id")
    no_place = frame["latitude"].isna() | frame["longitude"].isna()
    report.count(
        step,
        "counted",
        int(no_place.sum()),
        "no coordinates (kept, NaN)",
        frame.loc[no_place, "institute_id"],
    )
    institutes = frame.astype(INSTITUTE_COLUMNS)
    names = pd.DataFrame(names, columns=list(NAME_COLUMNS))
    names = names.loc[
        names["institute_id"].isin(institutes["institute_id"]) & (names["name"] != "")
    ]
    names = names.drop_duplicates().astype(NAME_COLUMNS).reset_index(drop=True)
    report.count("ror: names", "out", len(names))
    return institutes.reset_index(drop=True), names, report.to_frame()
