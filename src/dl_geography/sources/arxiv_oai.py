"""arXiv OAI-PMH harvester and the reader of its saved pages.

Harvest: ``ListRecords`` on https://oaipmh.arxiv.org/oai, one set at a time, following
resumption tokens, through a :class:`~dl_geography.sources.http.PoliteSession` (one request
every 3 s, one connection, 503 ``Retry-After`` honoured). Each page is written to disk as it
arrives, then a small state file records the page number, the resumption token and the
latest datestamp seen, so:

- a harvest killed at any point resumes at the next page (a page written but not yet in the
  state is simply fetched again and overwritten, never duplicated);
- an expired token (``badResumptionToken``; arXiv's expire daily) restarts that run's window,
  removing the partial run's pages first;
- a server that repeats a resumption token, or cycles between tokens, stops the harvest with
  :class:`HarvestLoopError` (every token followed in a run is kept in the state, so the
  check survives a resume);
- a list that ends with fewer records than its ``completeListSize`` is recorded in the
  state as an incomplete run (``short_by``) and stops with :class:`IncompleteHarvestError`:
  it is never counted as a finished harvest;
- a later run with no ``from`` is incremental: it starts from the last harvest's maximum
  datestamp (inclusive, so records modified on that day are fetched again; the reader keeps
  one copy of each record, the one with the latest datestamp).

``from``/``until`` filter the record's *datestamp*: the day its metadata last changed, not
its submission day. A harvest bounded by dates therefore holds old papers whose metadata
changed in the window, and misses papers of the window revised since; the reader takes the
submission date from the first version instead.

Read: :func:`read_harvest` parses every saved page into records in the layout of arXiv's
bulk metadata snapshot (``arxiv-metadata-oai-snapshot.json``), so the ingestion pipeline's
snapshot reader reads them unchanged.
"""

from __future__ import annotations

import gzip
import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from .http import PoliteSession, atomic_write
from .progress import Progress

logger = logging.getLogger(__name__)

DEFAULT_ENDPOINT = "https://oaipmh.arxiv.org/oai"
# Computer science (the whole archive) and statistics' machine-learning category. The
# new interface names sets group:archive[:category]; check them with verb=ListSets.
DEFAULT_SETS = ("cs:cs", "stat:stat:ML")
# The study's subjects: every cs.* category and stat.ML (PAPER.md, section 2.1.1).
DEFAULT_KEEP_CATEGORIES = ("cs.", "stat.ML")
OAI_NS = "http://www.openarchives.org/OAI/2.0/"
SNAPSHOT_KEYS = (
    "id",
    "submitter",
    "authors",
    "title",
    "comments",
    "journal-ref",
    "doi",
    "report-no",
    "categories",
    "license",
    "abstract",
    "versions",
    "update_date",
    "authors_parsed",
)
MAX_TOKEN_RESTARTS = 3


class OAIError(RuntimeError):
    """An OAI-PMH ``<error>`` answer other than the ones the harvester handles."""

    def __init__(self, code: str, message: str):
        super().__init__(f"OAI-PMH error {code}: {message}")
        self.code = code


class HarvestLoopError(RuntimeError):
    """The server handed back a resumption token already followed in this run."""


class IncompleteHarvestError(RuntimeError):
    """The list ended (no resumption token) with fewer records than its completeListSize."""


@dataclass
class Page:
    """One parsed ListRecords answer."""

    records: list
    token: str | None
    cursor: int | None
    complete_list_size: int | None
    error_code: str | None = None
    error_message: str = ""

    @property
    def datestamps(self) -> list[str]:
        return [_text(_child(_child(r, "header"), "datestamp")) or "" for r in self.records]


def _local(el) -> str:
    """The tag without its namespace (``{ns}name`` -> ``name``); "" for comments."""
    tag = el.tag
    return tag[tag.rfind("}") + 1 :] if isinstance(tag, str) else ""


def _child(el, name: str):
    if el is None:
        return None
    for child in el:
        if _local(child) == name:
            return child
    return None


def _children(el, name: str) -> list:
    return [] if el is None else [c for c in el if _local(c) == name]


def _text(el) -> str | None:
    if el is None or el.text is None:
        return None
    return el.text


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def parse_page(content: bytes) -> Page:
    """Parse an OAI-PMH answer; raise ``ValueError`` when it is not a whole OAI-PMH page."""
    try:
        root = etree.fromstring(
            content, parser=etree.XMLParser(resolve_entities=False, huge_tree=True)
        )
    except etree.XMLSyntaxError as error:
        raise ValueError(f"malformed or truncated XML: {error}") from error
    if _local(root) != "OAI-PMH":
        raise ValueError(f"not an OAI-PMH answer (root element {_local(root)!r})")
    error = _child(root, "error")
    if error is not None:
        return Page([], None, None, None, error.get("code", "unknown"), (error.text or "").strip())
    listing = _child(root, "ListRecords")
    if listing is None:
        raise ValueError("OAI-PMH answer without ListRecords or error")
    token_el = _child(listing, "resumptionToken")
    token = (token_el.text or "").strip() or None if token_el is not None else None
    return Page(
        records=_children(listing, "record"),
        token=token,
        cursor=_int_or_none(token_el.get("cursor")) if token_el is not None else None,
        complete_list_size=(
            _int_or_none(token_el.get("completeListSize")) if token_el is not None else None
        ),
    )


def validate_page(response) -> None:
    """Session validator: a page that does not parse is retried like a server error."""
    parse_page(response.content)


def set_folder(set_spec: str) -> str:
    """A folder name for a set (``cs:cs`` -> ``cs_cs``)."""
    return re.sub(r"[^A-Za-z0-9.-]+", "_", set_spec) or "all"


def run_prefix(from_: str | None) -> str:
    return from_ or "all"


def page_path(root: Path, set_spec: str, from_: str | None, number: int) -> Path:
    return Path(root) / "pages" / set_folder(set_spec) / f"{run_prefix(from_)}_{number:05d}.xml"


def state_path(root: Path, set_spec: str) -> Path:
    return Path(root) / "state" / f"{set_folder(set_spec)}.json"


def load_state(root: Path, set_spec: str) -> dict:
    path = state_path(root, set_spec)
    if path.exists():
        return json.loads(path.read_text())
    return {"set": set_spec, "max_datestamp": None, "runs": [], "current": None}


def save_state(root: Path, set_spec: str, state: dict) -> None:
    atomic_write(state_path(root, set_spec), json.dumps(state, indent=2).encode())


def _remove_run_pages(root: Path, set_spec: str, from_: str | None) -> int:
    folder = Path(root) / "pages" / set_folder(set_spec)
    removed = 0
    for path in folder.glob(f"{run_prefix(from_)}_*.xml"):
        path.unlink()
        removed += 1
    return removed


def harvest_set(
    session: PoliteSession,
    root: Path,
    set_spec: str,
    *,
    metadata_prefix: str = "arXivRaw",
    from_: str | None = None,
    until: str | None = None,
    endpoint: str = DEFAULT_ENDPOINT,
    max_pages: int | None = None,
    on_page: Callable[[int, Page], None] | None = None,
    progress: Progress | None = None,
) -> dict:
    """Harvest one set into ``root`` (resuming or continuing incrementally); return a summary.

    Args:
        from_: first datestamp (YYYY-MM-DD, inclusive). None: resume the unfinished run, or
            start from the last completed run's maximum datestamp (incremental), or, on the
            first run, harvest everything.
        until: last datestamp (inclusive), None for no bound.
        max_pages: stop after this many pages (the state stays resumable).
        on_page: called with (page number, page) after each page is saved.
    """
    root = Path(root)
    state = load_state(root, set_spec)
    current = _current_run(
        root, set_spec, state, metadata_prefix=metadata_prefix, from_=from_, until=until
    )
    progress = progress or Progress(f"arXiv OAI {set_spec}")
    progress.records = progress.baseline = current["records"]
    pages_this_call = 0
    restarts = 0
    while max_pages is None or pages_this_call < max_pages:
        params = _list_records_params(current, set_spec, metadata_prefix)
        response = session.get(endpoint, params, validate=validate_page, use_cache=False)
        page = parse_page(response.content)
        if page.error_code == "badResumptionToken" and restarts < MAX_TOKEN_RESTARTS:
            restarts += 1
            removed = _remove_run_pages(root, set_spec, current["from"])
            logger.warning(
                "resumption token expired (%s); restarting the run from %s "
                "(%d partial pages removed)",
                page.error_message,
                current["from"],
                removed,
            )
            current.update(
                next_page=1, token=None, records=0, deleted=0, max_datestamp=None, tokens=[]
            )
            progress.records = progress.baseline = 0
            save_state(root, set_spec, state)
            continue
        if page.error_code == "noRecordsMatch":
            progress.step(0, note="no records match")
            return _finish(root, set_spec, state, progress)
        if page.error_code:
            raise OAIError(page.error_code, page.error_message)

        number, deleted = _save_page(root, set_spec, state, page, response.content)
        pages_this_call += 1
        progress.total = current["complete_list_size"]
        if deleted:
            progress.skip("deleted", deleted)
        progress.step(len(page.records), note=f"page {number}")
        if on_page is not None:
            on_page(number, page)
        if not page.token:
            expected = current["complete_list_size"]
            if expected is not None and current["records"] < expected:
                return _finish_short(root, set_spec, state, progress, expected)
            return _finish(root, set_spec, state, progress)
    logger.info("stopped after %d pages; run again to continue", pages_this_call)
    return {"set": set_spec, "complete": False, **current}


def _current_run(
    root: Path,
    set_spec: str,
    state: dict,
    *,
    metadata_prefix: str,
    from_: str | None,
    until: str | None,
) -> dict:
    """The run to continue: the unfinished one (same metadata format, else an error), or a
    new one from ``from_`` or the last completed run's maximum datestamp, saved in the
    state after removing stale pages of an earlier run from the same start."""
    current = state.get("current")
    if current is not None and current["metadata_prefix"] != metadata_prefix:
        raise ValueError(
            f"{root} holds an unfinished {current['metadata_prefix']} harvest of {set_spec}; "
            f"finish it or harvest {metadata_prefix} into another folder"
        )
    if current is not None and from_ is not None and from_ != current["from"]:
        logger.warning(
            "an unfinished run from %s exists; resuming it (ignoring from=%s)",
            current["from"],
            from_,
        )
    if current is None:
        start = from_ if from_ is not None else state.get("max_datestamp")
        current = {
            "from": start,
            "until": until,
            "metadata_prefix": metadata_prefix,
            "next_page": 1,
            "token": None,
            "records": 0,
            "deleted": 0,
            "complete_list_size": None,
            "max_datestamp": None,
            "tokens": [],
            "started": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        stale = _remove_run_pages(root, set_spec, start)
        if stale:
            logger.info("removed %d pages of an earlier run from %s", stale, start)
        state["current"] = current
        save_state(root, set_spec, state)
    else:
        logger.info("resuming %s at page %d", set_spec, current["next_page"])
    return current


def _list_records_params(current: dict, set_spec: str, metadata_prefix: str) -> dict:
    """The ListRecords query of the run's next page: its resumption token, or the set,
    format and date range for the first page."""
    if current["token"]:
        return {"verb": "ListRecords", "resumptionToken": current["token"]}
    params = {
        "verb": "ListRecords",
        "metadataPrefix": metadata_prefix,
        "set": set_spec,
        "from": current["from"],
        "until": current["until"],
    }
    return {k: v for k, v in params.items() if v is not None}


def _save_page(
    root: Path, set_spec: str, state: dict, page: Page, content: bytes
) -> tuple[int, int]:
    """Write a page and advance the run in the saved state (records, deleted records,
    maximum datestamp, next token); a token seen before means the list loops: stop.

    Returns the page's number and its number of deleted records.
    """
    current = state["current"]
    seen = current.setdefault("tokens", [])
    if page.token and page.token in seen:
        raise HarvestLoopError(
            f"{set_spec}: the server returned resumption token {page.token!r} again "
            f"(first followed after page {seen.index(page.token) + 1}, now after page "
            f"{current['next_page']}); the list loops, stopping. Saved pages and the "
            f"state are kept; the harvest resumes at page {current['next_page']}."
        )
    number = current["next_page"]
    atomic_write(page_path(root, set_spec, current["from"], number), content)
    deleted = sum(
        1
        for r in page.records
        if (_child(r, "header") is not None and _child(r, "header").get("status") == "deleted")
    )
    stamps = [d for d in page.datestamps if d]
    if stamps:
        current["max_datestamp"] = max([current["max_datestamp"] or "", *stamps])
    if page.token:
        seen.append(page.token)
    current.update(
        next_page=number + 1,
        token=page.token,
        records=current["records"] + len(page.records),
        deleted=current["deleted"] + deleted,
        complete_list_size=page.complete_list_size or current["complete_list_size"],
    )
    save_state(root, set_spec, state)
    return number, deleted


def _finish(root: Path, set_spec: str, state: dict, progress: Progress) -> dict:
    current = state["current"]
    current["finished"] = datetime.now(UTC).isoformat(timespec="seconds")
    current["token"] = None
    if current["max_datestamp"] and "short_by" not in current:  # a short run: no increment
        state["max_datestamp"] = max(state.get("max_datestamp") or "", current["max_datestamp"])
    state["runs"].append(current)
    state["current"] = None
    save_state(root, set_spec, state)
    progress.finish()
    return {"set": set_spec, "complete": "short_by" not in current, **current}


def _finish_short(
    root: Path, set_spec: str, state: dict, progress: Progress, expected: int
) -> dict:
    """Record a list that ended short of ``completeListSize`` as incomplete, then stop."""
    current = state["current"]
    current["short_by"] = expected - current["records"]
    summary = _finish(root, set_spec, state, progress)
    raise IncompleteHarvestError(
        f"{set_spec}: the list ended after {current['records']} records but announced "
        f"completeListSize={expected} ({current['short_by']} missing); the run is recorded "
        f"as incomplete (short_by) in {state_path(root, set_spec)}. Harvest the window "
        f"from={summary['from']} again."
    )


def harvest(
    session: PoliteSession, root: Path, sets: Iterable[str] = DEFAULT_SETS, **kwargs
) -> list[dict]:
    """Harvest each set in turn (see :func:`harvest_set`)."""
    return [harvest_set(session, root, s, **kwargs) for s in sets]


def list_sets(session: PoliteSession, endpoint: str = DEFAULT_ENDPOINT) -> list[tuple[str, str]]:
    """``(setSpec, setName)`` of every set the endpoint offers (``verb=ListSets``)."""
    out, token = [], None
    for _ in range(100):  # ListSets is one or two pages; bounded all the same
        params = {"verb": "ListSets", **({"resumptionToken": token} if token else {})}
        root = etree.fromstring(session.get(endpoint, params, use_cache=False).content)
        listing = _child(root, "ListSets")
        for item in _children(listing, "set"):
            out.append((_text(_child(item, "setSpec")), _text(_child(item, "setName"))))
        token_el = _child(listing, "resumptionToken")
        token = (token_el.text or "").strip() if token_el is not None else ""
        if not token:
            break
    return out


# -- reader ----------------------------------------------------------------------------
def _format_day(day: str) -> str:
    """``2007-03-30`` -> ``Fri, 30 Mar 2007 00:00:00 GMT`` (the snapshot's version dates)."""
    parsed = datetime.strptime(day.strip()[:10], "%Y-%m-%d")
    return f"{parsed:%a}, {parsed.day} {parsed:%b %Y} 00:00:00 GMT"


_AUTHOR_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
# A parenthesised group, one level of nesting deep: "(MIT)", "(1)", "((1) Dept..., (2) ...)".
_PARENTHESES = re.compile(r"\((?:[^()]|\([^()]*\))*\)")


def parse_author_string(authors: str) -> list[list[str]]:
    """``"A. Smith, B. Jones and C. de Vries"`` -> ``[[keyname, forenames, suffix], ...]``.

    A simple split (arXivRaw carries only the string): affiliations in parentheses
    (``A. Smith (1), B. Jones (2) ((1) MIT, (2) CMU)``) are dropped, the last word of a
    name is the surname, a trailing ``Jr``/``II``-style word the suffix.
    """
    parsed = []
    text = " ".join((authors or "").split())
    for _ in range(3):  # nested groups go from the inside out; bounded
        text = _PARENTHESES.sub(" ", text)
    for name in _AUTHOR_SPLIT.split(text):
        words = name.strip().split()
        if not words:
            continue
        suffix = ""
        if len(words) > 1 and words[-1].rstrip(".") in {"Jr", "Sr", "II", "III", "IV"}:
            suffix = words.pop()
        parsed.append([words[-1], " ".join(words[:-1]), suffix])
    return parsed


def record_to_snapshot(record) -> dict | None:
    """One OAI-PMH ``<record>`` (arXiv or arXivRaw format) -> a snapshot-layout dict.

    Returns None for a deleted record. The extra key ``_datestamp`` (the OAI datestamp)
    is dropped when written.
    """
    header = _child(record, "header")
    datestamp = _text(_child(header, "datestamp")) or ""
    if header is not None and header.get("status") == "deleted":
        return None
    metadata = _child(record, "metadata")
    meta = metadata[0] if metadata is not None and len(metadata) else None
    if meta is None:
        raise ValueError(f"record without metadata: {_text(_child(header, 'identifier'))}")
    fmt = _local(meta)
    fields, version_els = {}, []
    for child in meta:  # one pass over the metadata's children: records are many
        name = _local(child)
        if name == "version":
            version_els.append(child)
        else:
            fields.setdefault(name, child)

    def get(name):
        return _text(fields.get(name))

    out = {key: None for key in SNAPSHOT_KEYS}
    for key in (
        "id",
        "title",
        "comments",
        "journal-ref",
        "doi",
        "report-no",
        "categories",
        "license",
        "abstract",
    ):
        out[key] = get(key)
    if fmt == "arXivRaw":
        out["submitter"] = get("submitter")
        out["authors"] = " ".join((get("authors") or "").split())
        out["authors_parsed"] = parse_author_string(out["authors"])
        out["versions"] = [
            {"version": v.get("version"), "created": _text(_child(v, "date"))} for v in version_els
        ]
    elif fmt == "arXiv":
        authors = []
        for author in _children(fields.get("authors"), "author"):
            keyname = _text(_child(author, "keyname")) or ""
            forenames = _text(_child(author, "forenames")) or ""
            suffix = _text(_child(author, "suffix")) or ""
            authors.append([keyname.strip(), forenames.strip(), suffix.strip()])
        out["authors_parsed"] = authors
        out["authors"] = ", ".join(" ".join(p for p in (f, k, s) if p) for k, f, s in authors)
        created = get("created")
        # No version history in this format: its `created` stands for the first version
        # (it can be later than v1 for old papers revised since: arXivRaw is the default).
        out["versions"] = [{"version": "v1", "created": _format_day(created)}] if created else []
    else:
        raise ValueError(f"unsupported metadata format {fmt!r}")
    if out["categories"]:
        out["categories"] = " ".join(out["categories"].split())
    out["update_date"] = datestamp[:10] or None
    out["_datestamp"] = datestamp
    return out


def page_files(root: Path, sets: Iterable[str] | None = None) -> list[Path]:
    """Saved pages in harvest order: by set, then run (``all`` first, then by date), then page."""
    folders = (
        [Path(root) / "pages" / set_folder(s) for s in sets]
        if sets is not None
        else sorted(p for p in (Path(root) / "pages").glob("*") if p.is_dir())
    )

    def order(path: Path):
        prefix, _, number = path.stem.rpartition("_")
        return ("" if prefix == "all" else prefix, int(number))

    return [p for folder in folders for p in sorted(folder.glob("*.xml"), key=order)]


def iter_page_records(files: Iterable[Path]) -> Iterator[tuple[dict | None, str, str]]:
    """``(record or None if deleted, arXiv id, datestamp)`` for every record of ``files``."""
    for path in files:
        page = parse_page(path.read_bytes())
        for record in page.records:
            header = _child(record, "header")
            identifier = _text(_child(header, "identifier")) or ""
            datestamp = _text(_child(header, "datestamp")) or ""
            snap = record_to_snapshot(record)
            paper_id = snap["id"] if snap else identifier.removeprefix("oai:arXiv.org:")
            yield snap, paper_id, datestamp


def read_harvest(
    root: Path,
    sets: Iterable[str] | None = None,
    keep_categories: Iterable[str] | None = DEFAULT_KEEP_CATEGORIES,
) -> tuple[list[dict], dict]:
    """Every harvested record once (the latest datestamp wins; deletions remove).

    ``keep_categories``: keep a record when one of its categories starts with one of these
    (``cs.`` and ``stat.ML``: a ``stat`` set harvest is filtered to stat.ML here); None keeps
    all. Returns the records (sorted by id) and the counts of what was read and skipped.
    """
    best: dict[str, tuple[str, int, dict | None]] = {}
    counts = {"pages": 0, "records_read": 0, "duplicates": 0, "deleted": 0, "outside_categories": 0}
    files = page_files(root, sets)
    counts["pages"] = len(files)
    for order, (snap, paper_id, datestamp) in enumerate(iter_page_records(files)):
        counts["records_read"] += 1
        if paper_id in best:
            counts["duplicates"] += 1
            if best[paper_id][0] > datestamp:
                continue
        best[paper_id] = (datestamp, order, snap)
    records = []
    prefixes = tuple(keep_categories) if keep_categories is not None else None
    for paper_id in sorted(best):
        snap = best[paper_id][2]
        if snap is None:
            counts["deleted"] += 1
            continue
        if prefixes is not None and not any(
            c.startswith(prefixes) for c in (snap["categories"] or "").split()
        ):
            counts["outside_categories"] += 1
            continue
        records.append(snap)
    counts["records"] = len(records)
    return records, counts


def write_snapshot(records: Iterable[dict], path: Path) -> int:
    """Write records as snapshot JSON lines (gzip when ``path`` ends in .gz); return count."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    opener = gzip.open if path.suffix == ".gz" else open
    count = 0
    with opener(tmp, "wt", encoding="utf-8") as out:
        for record in records:
            row = {k: record.get(k) for k in SNAPSHOT_KEYS}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    tmp.replace(path)
    return count
