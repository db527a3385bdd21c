"""OpenAlex works (API / snapshot JSON lines) -> ``works`` and ``authorships``; and the
real sample's arXiv records with OpenAlex affiliation strings -> ``authorships``.

OpenAlex is the successor of the Microsoft Academic Graph the study used (section 2.1.2).
"""

import re
from collections.abc import Iterator

import numpy as np
import pandas as pd
from rapidfuzz import fuzz

from dl_geography.country_codes import ascii_fold
from dl_geography.pipelines.ingestion._common import (
    absent_source,
    clean_doi,
    collapse_whitespace,
    decode_json_lines,
    empty_frame,
    filter_checks,
    in_the_future,
    is_absent,
    require_records,
)
from dl_geography.pipelines.ingestion.arxiv_ids import ARXIV_ID
from dl_geography.quality import StageReport

WORK_COLUMNS = {
    "work_id": "str",
    "doi": "str",
    "arxiv_id": "str",
    "title": "str",
    "publication_date": "datetime64[ns]",
    "publication_year": "int64",
    "cited_by_count": "Int64",
    "source_type": "str",
    "location_source_types": "object",
}
AUTHORSHIP_COLUMNS = {
    "work_id": "str",
    "paper_id": "str",
    "author_position": "int64",
    "author_name": "str",
    "affiliation": "str",
    "institution_id": "str",
    "ror_id": "str",
}
_ARXIV_IN_TEXT = re.compile(
    r"(?:arxiv\.org/(?:abs|pdf)/|10\.48550/arxiv\.|arxiv:)"
    r"(\d{4}\.\d{4,5}|[a-z]+(?:-[a-z]+)?(?:\.[a-z]{2})?/\d{7})",
    re.IGNORECASE,
)


def _short_id(value) -> str | None:
    """``https://openalex.org/W123`` -> ``W123``."""
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip().rstrip("/").rsplit("/", 1)[-1]


def _arxiv_id(work: dict) -> str | None:
    """An arXiv id among the work's DOI, ids and location URLs (first found)."""
    texts = [work.get("doi")]
    ids = work.get("ids")
    if isinstance(ids, dict):
        texts += [v for v in ids.values() if isinstance(v, str)]
    for location in work.get("locations") or []:
        if isinstance(location, dict):
            texts += [location.get("landing_page_url"), location.get("pdf_url")]
    for text in texts:
        if isinstance(text, str):
            found = _ARXIV_IN_TEXT.search(text)
            if found:
                old_style = "/" in found.group(1)
                ident = found.group(1)
                if old_style:  # the archive is lower case, the subject class upper case
                    archive, number = ident.split("/")
                    head, _, cls = archive.partition(".")
                    ident = f"{head.lower()}{'.' + cls.upper() if cls else ''}/{number}"
                return ident
    return None


def _source_type(location) -> str | None:
    if isinstance(location, dict) and isinstance(location.get("source"), dict):
        return location["source"].get("type")
    return None


def _authorship_rows(work_id: str, authorships, stats: dict) -> list[tuple]:
    """One row per author x raw affiliation string, with the institution OpenAlex names
    for that string: from ``affiliations`` when given, else when the authorship has exactly
    one string and one institution."""
    rows = []
    for position, authorship in enumerate(authorships or []):
        if not isinstance(authorship, dict):
            continue
        author = authorship.get("author") or {}
        name = author.get("display_name") if isinstance(author, dict) else None
        institutions = [i for i in authorship.get("institutions") or [] if isinstance(i, dict)]
        ror_of = {_short_id(i.get("id")): i.get("ror") for i in institutions}
        strings = [
            s
            for s in authorship.get("raw_affiliation_strings") or []
            if isinstance(s, str) and s.strip()
        ]
        linked: dict[str, list[str]] = {}
        for affiliation in authorship.get("affiliations") or []:
            if isinstance(affiliation, dict) and affiliation.get("raw_affiliation_string"):
                text = affiliation["raw_affiliation_string"]
                linked[text] = [_short_id(i) for i in affiliation.get("institution_ids") or []]
                if text not in strings:
                    strings.append(text)
        if not strings:
            stats["no_string"].append(f"{work_id}#{position}")
            continue
        for text in strings:
            ids = linked.get(text)
            if ids is None and len(strings) == 1 and len(institutions) == 1:
                ids = [_short_id(institutions[0].get("id"))]
            ids = [i for i in ids or [] if i]
            if len(ids) > 1:
                stats["several"].append(f"{work_id}#{position}")
            institution = ids[0] if ids else None
            rows.append(
                (work_id, None, position, name, text.strip(), institution, ror_of.get(institution))
            )
    return rows


def _publication_dates(frame: pd.DataFrame, report: StageReport, step: str) -> pd.Series:
    """Each work's publication date (NaT when unparseable); a work with a year but no date
    gets 1 January of that year (MAG gave years only), counted."""
    dates = pd.to_datetime(frame["date_raw"].astype("str"), format="ISO8601", errors="coerce")
    year_only = (
        dates.isna()
        & pd.to_numeric(frame["year_raw"], errors="coerce").notna()
        & frame["date_raw"].isna()
    )
    dates = dates.fillna(
        pd.to_datetime(
            pd.to_numeric(frame["year_raw"], errors="coerce")
            .where(year_only)
            .astype("Int64")
            .astype("str")
            + "-01-01",
            format="%Y-%m-%d",
            errors="coerce",
        )
    )
    report.count(
        step,
        "filled",
        int(year_only.sum()),
        "no publication_date: 1 January of publication_year",
        frame.loc[year_only, "work_id"],
    )
    return dates.astype("datetime64[ns]")


def _citation_counts(frame: pd.DataFrame, report: StageReport, step: str) -> pd.Series:
    """``cited_by_count`` as nullable integers; a missing or non-count value (null, "n/a",
    negative, fractional) stays NA and is counted: it is not a count of 0."""
    counts = pd.to_numeric(frame["cited_by_count"], errors="coerce")
    bad_count = counts.isna() | (counts < 0) | (counts % 1 != 0)
    report.count(
        step,
        "counted",
        int(bad_count.sum()),
        "cited_by_count missing or not a count (kept, NA)",
        [
            f"{w}: {c}"
            for w, c in zip(
                frame.loc[bad_count, "work_id"], frame.loc[bad_count, "cited_by_count"], strict=True
            )
        ],
    )
    return counts.mask(bad_count).astype("Int64")


def parse_openalex_works(
    openalex_lines: pd.DataFrame | dict | None, chunk_lines: int = 5_000
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Clean OpenAlex works into ``works`` and their ``authorships`` (section 2.1.2's
    published records, OpenAlex standing in for MAG).

    A work without an id, or with an unparseable publication date or one in the future, is
    dropped and counted; a ``cited_by_count`` that is missing or not a count (null,
    ``"n/a"``) stays NA and is counted (never 0). A file with no record is an error.
    Authorships keep one row per author x raw affiliation string; authors with no string
    are counted (nothing to match). When OpenAlex names several institutions for one string
    the first is kept and the case counted. ``None`` (``AbsentSourceDataset``): empty tables.
    A dict (``PartitionedDataset`` over snapshot ``part_*.gz`` files) is read part by part.
    Lines are decoded ``chunk_lines`` at a time and each chunk reduced to the fields kept,
    so the decoded records of one chunk only are in memory at once (no effect on results).
    """
    report = StageReport("ingestion")
    if is_absent(openalex_lines):
        absent_source(report, "openalex: works", openalex_lines)
        return empty_frame(WORK_COLUMNS), empty_frame(AUTHORSHIP_COLUMNS), report.to_frame()
    fields, rows, stats = [], [], {"no_string": [], "several": []}
    for records in _decoded_chunks(openalex_lines, report, "openalex: decode", chunk_lines):
        for r in records:
            sequence = len(fields)
            work_id = _short_id(r.get("id"))
            fields.append(
                (
                    work_id,
                    r.get("doi"),
                    r.get("display_name") or r.get("title"),
                    r.get("publication_date"),
                    r.get("publication_year"),
                    r.get("cited_by_count"),
                    _arxiv_id(r),
                    _source_type(r.get("primary_location")),
                    [t for t in (_source_type(loc) for loc in r.get("locations") or []) if t],
                )
            )
            work_stats: dict[str, list] = {"no_string": [], "several": []}
            rows += [
                (sequence, row)
                for row in _authorship_rows(work_id, r.get("authorships"), work_stats)
            ]
            for key, found in work_stats.items():
                stats[key] += [(sequence, item) for item in found]
    frame = pd.DataFrame(
        fields,
        columns=[
            "work_id",
            "doi",
            "title",
            "date_raw",
            "year_raw",
            "cited_by_count",
            "arxiv_id",
            "source_type",
            "location_source_types",
        ],
    )
    n_records = len(fields)
    del fields
    require_records(range(n_records), report, "openalex: decode", "OpenAlex works")
    step = "openalex: works"
    frame["example"] = frame["work_id"].fillna(frame["title"].astype("str"))
    frame["publication_date"] = _publication_dates(frame, report, step)
    frame = filter_checks(
        report,
        step,
        frame,
        [
            (lambda f: f["work_id"].notna(), "no id", "example"),
            (lambda f: ~f["work_id"].duplicated(), "duplicate id", "work_id"),
            (lambda f: f["publication_date"].notna(), "unparseable date", "work_id"),
            (
                lambda f: ~in_the_future(f["publication_date"].dt.year),
                "publication date in the future",
                "work_id",
            ),
        ],
    )
    frame["doi"] = clean_doi(frame["doi"])
    frame["title"] = collapse_whitespace(frame["title"]).fillna("")
    frame["publication_year"] = frame["publication_date"].dt.year.astype("int64")
    frame["cited_by_count"] = _citation_counts(frame, report, step)
    works = frame[list(WORK_COLUMNS)].astype(WORK_COLUMNS).reset_index(drop=True)

    # authorships of the works kept (the frame's index is each work's sequence number)
    kept = np.zeros(n_records, dtype=bool)
    kept[frame.index.to_numpy()] = True
    authorships = _authorship_frame([row for sequence, row in rows if kept[sequence]])
    no_string = [item for sequence, item in stats["no_string"] if kept[sequence]]
    several = [item for sequence, item in stats["several"] if kept[sequence]]
    report.count(
        "openalex: authorships",
        "dropped",
        len(no_string),
        "author without raw affiliation string",
        no_string,
    )
    report.count(
        "openalex: authorships",
        "counted",
        len(several),
        "string names several institutions: first kept",
        several,
    )
    report.count("openalex: authorships", "out", len(authorships))
    return works, authorships, report.to_frame()


def _decoded_chunks(
    raw: pd.DataFrame | dict, report: StageReport, step: str, chunk_lines: int
) -> Iterator[list[dict]]:
    """The records of ``raw`` (``decode_json_lines``' input), ``chunk_lines`` lines at a
    time, part by part for a ``PartitionedDataset``; the lines read and the malformed ones
    are counted once for the whole input, as ``decode_json_lines`` counts them."""
    if chunk_lines < 1:
        raise ValueError(f"chunk_lines must be at least 1, got {chunk_lines}")
    parts = (raw[key]().assign(part=key) for key in sorted(raw)) if isinstance(raw, dict) else [raw]
    scratch = StageReport(report.stage)
    for lines in parts:
        for start in range(0, len(lines), chunk_lines):
            records, _ = decode_json_lines(lines.iloc[start : start + chunk_lines], scratch, step)
            yield records
    counted = scratch.to_frame()
    bad = counted[counted["outcome"] == "dropped"]
    examples = [e for text in bad["examples"] if text for e in text.split("; ")]
    report.count(step, "in", int(counted.loc[counted["outcome"] == "in", "count"].sum()), "lines")
    report.count(step, "dropped", int(bad["count"].sum()), "malformed JSON line", examples)


def _authorship_frame(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(AUTHORSHIP_COLUMNS))
    if frame.empty:
        return empty_frame(AUTHORSHIP_COLUMNS)
    return frame.astype(AUTHORSHIP_COLUMNS)


def _name_key(name) -> str:
    return re.sub(r"[^a-z]", "", name.lower()) if isinstance(name, str) else ""


def _name_tokens(name: str) -> list[str]:
    if not isinstance(name, str):
        return []
    spaced = re.sub(r"[\W_]+", " ", name)  # before folding: U+2010 hyphens, apostrophes
    folded = ascii_fold(pd.Series([spaced])).iloc[0]
    return [t for t in re.split(r"[^a-z]+", folded.lower()) if t]


def author_position(name, authors: list[str]) -> int:
    """Index of ``name`` in a record's author list, or -1.

    Exact, then letters only, then (one candidate only) the same surname and first
    initial (``Y. Kwon`` = ``Youngchae Kwon``, ``Luis Saavedra`` = ``Luis M.
    Moreno-Saavedra``), then the same tokens in any order or a near-identical spelling
    (token-sort ratio >= 90: ``Li Wen`` = ``Wen Li``, ``Banglei Guan`` = ``Banglei Guana``).
    Authors lists are short: a loop per author is cheap.
    """
    if name in authors:
        return authors.index(name)
    keys = [_name_key(a) for a in authors]
    if _name_key(name) in keys:
        return keys.index(_name_key(name))
    tokens = _name_tokens(name)
    if not tokens:
        return -1
    candidates = [
        i
        for i, a in enumerate(authors)
        if (other := _name_tokens(a)) and tokens[-1] in other and tokens[0][0] == other[0][0]
    ]
    if len(candidates) == 1:
        return candidates[0]
    scores = [fuzz.token_sort_ratio(" ".join(tokens), " ".join(_name_tokens(a))) for a in authors]
    best = max(range(len(scores)), key=scores.__getitem__, default=-1)
    if best >= 0 and scores[best] >= 90 and scores.count(scores[best]) == 1:
        return best
    return -1


def parse_paper_affiliations(
    affiliation_lines: pd.DataFrame | None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Authorships from arXiv records that carry ``author_affiliations``
    ([{author, affiliation}], strings taken from OpenAlex): the real sample's 520 papers.

    ``paper_id`` is set, ``work_id`` and the institution ids are empty (the file has none).
    ``author_position`` is the author's index in the record's ``authors`` list
    (``author_position``); an author not found there gets -1 (counted). Records
    without a valid id, and empty strings, are dropped and counted.
    ``None`` (``AbsentSourceDataset``): an empty table.
    """
    report = StageReport("ingestion")
    if is_absent(affiliation_lines):
        absent_source(report, "paper affiliations", affiliation_lines)
        return empty_frame(AUTHORSHIP_COLUMNS), report.to_frame()
    records, _ = decode_json_lines(affiliation_lines, report, "paper affiliations: decode")
    rows, unplaced, empty, bad_ids = [], [], [], []
    for record in records:
        found = ARXIV_ID.match(str(record.get("id") or "").strip())
        if not found:
            bad_ids.append(str(record.get("id")))
            continue
        paper_id = found.group(1)
        authors = [a for a in record.get("authors") or [] if isinstance(a, str)]
        for item in record.get("author_affiliations") or []:
            if not isinstance(item, dict):
                continue
            text = item.get("affiliation")
            name = item.get("author")
            if not isinstance(text, str) or not text.strip():
                empty.append(paper_id)
                continue
            position = author_position(name, authors)
            if position < 0:
                unplaced.append(f"{paper_id}: {name}")
            rows.append((None, paper_id, position, name, text.strip(), None, None))
    step = "paper affiliations"
    report.count(step, "dropped", len(bad_ids), "not an arXiv id", bad_ids)
    report.count(step, "dropped", len(empty), "empty affiliation string", empty)
    report.count(
        step,
        "counted",
        len(unplaced),
        "author not in the author list: author_position -1",
        unplaced,
    )
    authorships = _authorship_frame(rows)
    report.count(step, "out", len(authorships))
    return authorships, report.to_frame()


def combine_authorships(
    openalex_authorships: pd.DataFrame, paper_authorships: pd.DataFrame
) -> pd.DataFrame:
    """``authorships``: the OpenAlex works' rows then the paper-linked rows, one schema."""
    frames = [f for f in (openalex_authorships, paper_authorships) if len(f)]
    if not frames:
        return empty_frame(AUTHORSHIP_COLUMNS)
    return pd.concat(frames, ignore_index=True)[list(AUTHORSHIP_COLUMNS)].astype(AUTHORSHIP_COLUMNS)
