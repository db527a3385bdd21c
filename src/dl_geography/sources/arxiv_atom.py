"""arXiv Atom API reader (https://export.arxiv.org/api/query).

For small, targeted fetches (a list of ids, a search) rather than bulk harvests: the API
pages by ``start``/``max_results`` and asks for one call every 3 seconds. Entries are
converted to the bulk snapshot layout of :mod:`.arxiv_oai`, so the same ingestion reader
reads them. The Atom feed has no licence and no submitter; ``published`` is the first
version's date (the submission date), ``updated`` the latest version's.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable
from datetime import datetime

from lxml import etree

from .arxiv_oai import SNAPSHOT_KEYS, parse_author_string
from .http import PoliteSession
from .progress import Progress

API_URL = "https://export.arxiv.org/api/query"
ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"
_VERSION = re.compile(r"v(\d+)$")


class AtomAPIError(ValueError):
    """The API answered with an error entry (e.g. a malformed id)."""


def _rfc2822(iso: str) -> str:
    """``2016-05-26T17:59:46Z`` -> ``Thu, 26 May 2016 17:59:46 GMT`` (snapshot style)."""
    parsed = datetime.strptime(iso.strip()[:19], "%Y-%m-%dT%H:%M:%S")
    return f"{parsed:%a}, {parsed.day} {parsed:%b %Y %H:%M:%S} GMT"


def _clean(text: str | None) -> str | None:
    return " ".join(text.split()) if text is not None else None


def parse_feed(content: bytes) -> tuple[list[dict], int]:
    """Parse one Atom answer into snapshot-layout records; return them and totalResults.

    Raises ``ValueError`` for a truncated or malformed feed and :class:`AtomAPIError` for
    an API error entry.
    """
    try:
        root = etree.fromstring(content)
    except etree.XMLSyntaxError as error:
        raise ValueError(f"malformed or truncated Atom feed: {error}") from error
    if root.tag != f"{ATOM}feed":
        raise ValueError(f"not an Atom feed (root element {root.tag!r})")
    total = int(root.findtext(f"{OPENSEARCH}totalResults") or 0)
    records = []
    for entry in root.iterfind(f"{ATOM}entry"):
        entry_id = entry.findtext(f"{ATOM}id") or ""
        if "/api/errors" in entry_id:
            raise AtomAPIError(_clean(entry.findtext(f"{ATOM}summary")) or entry_id)
        versioned = entry_id.split("/abs/", 1)[-1]
        match = _VERSION.search(versioned)
        paper_id = _VERSION.sub("", versioned)
        latest = int(match.group(1)) if match else 1
        names = [_clean(a.findtext(f"{ATOM}name")) for a in entry.iterfind(f"{ATOM}author")]
        primary = entry.find(f"{ARXIV}primary_category")
        categories = [c.get("term") for c in entry.iterfind(f"{ATOM}category")]
        if primary is not None and primary.get("term") in categories:
            categories.remove(primary.get("term"))
            categories.insert(0, primary.get("term"))
        published = entry.findtext(f"{ATOM}published")
        updated = entry.findtext(f"{ATOM}updated")
        versions = [{"version": "v1", "created": _rfc2822(published)}] if published else []
        if latest > 1 and updated:
            versions.append({"version": f"v{latest}", "created": _rfc2822(updated)})
        record = {key: None for key in SNAPSHOT_KEYS}
        record.update(
            {
                "id": paper_id,
                "authors": ", ".join(n for n in names if n),
                "title": _clean(entry.findtext(f"{ATOM}title")),
                "comments": _clean(entry.findtext(f"{ARXIV}comment")),
                "journal-ref": _clean(entry.findtext(f"{ARXIV}journal_ref")),
                "doi": _clean(entry.findtext(f"{ARXIV}doi")),
                "categories": " ".join(c for c in categories if c),
                "abstract": _clean(entry.findtext(f"{ATOM}summary")),
                "versions": versions,
                "update_date": (updated or published or "")[:10] or None,
            }
        )
        record["authors_parsed"] = [p for n in names if n for p in parse_author_string(n)]
        records.append(record)
    return records, total


def validate_feed(response) -> None:
    """Session validator: retry a feed that does not parse (API error entries pass)."""
    with contextlib.suppress(AtomAPIError):
        parse_feed(response.content)


def query(
    session: PoliteSession,
    *,
    search_query: str = "",
    id_list: Iterable[str] = (),
    max_results: int = 100,
    page_size: int = 100,
    api_url: str = API_URL,
    sort_by: str = "relevance",
    sort_order: str = "descending",
    progress: Progress | None = None,
) -> list[dict]:
    """Fetch up to ``max_results`` records for a search and/or an id list, page by page.

    Records are returned once each (the API can repeat an entry across pages of a
    changing result set); the loop is bounded by ``max_results / page_size`` pages.
    """
    ids = ",".join(id_list)
    seen: dict[str, dict] = {}
    progress = progress or Progress("arXiv API")
    start, total = 0, None
    for _ in range(max(1, -(-max_results // page_size))):
        size = min(page_size, max_results - start)
        if size <= 0 or (total is not None and start >= total):
            break
        params = {
            "search_query": search_query,
            "id_list": ids,
            "sortBy": sort_by,
            "sortOrder": sort_order,
            "start": start,
            "max_results": size,
        }
        response = session.get(api_url, params, validate=validate_feed, ok_statuses=(200, 400))
        records, total = parse_feed(response.content)
        progress.total = min(total, max_results)
        fresh = [r for r in records if r["id"] not in seen]
        if len(fresh) < len(records):
            progress.skip("repeated", len(records) - len(fresh))
        seen.update((r["id"], r) for r in fresh)
        progress.step(len(fresh), note=f"start={start}")
        if not records:
            break
        start += size
    return list(seen.values())
