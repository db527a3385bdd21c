"""OpenAlex client: the published records (citations, affiliations) of arXiv papers.

The study used Microsoft Academic Graph (retired 2021); OpenAlex is its successor. Lookups,
cheapest first (OpenAlex prices: singleton free, list/filter $0.10 per 1,000 calls, search
$1 per 1,000 calls; a free key gives $1 a day):

1. batches of up to 100 DOIs with the OR filter ``filter=doi:A|B|...`` (``per_page=100``,
   cursor paging), asking for each paper's arXiv DOI (``10.48550/arxiv.<id>``) and its
   journal DOI when arXiv lists one;
2. papers still missing are asked one by one as ``/works/doi:10.48550/arXiv.<id>``: OpenAlex
   merges a preprint into its published version, whose ``doi`` is the journal's, so the
   filter misses it while the singleton resolves it;
3. the rest by title search (``search=``), kept only when the normalised titles are equal.

Every call goes through the polite session: ``api_key`` sent as a query parameter (as
OpenAlex documents), masked in logs, left out of the on-disk cache key, so a re-run repeats
no call; ``select`` asks only for the fields the ingestion reader uses. Works are written as
JSON lines in the API's own schema.
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from dl_geography.titles import normalise_titles

from .http import FatalAnswer, HTTPFailure, PoliteSession, install_secret_filter
from .progress import Progress

logger = logging.getLogger(__name__)

API_URL = "https://api.openalex.org"
WORK_FIELDS = (
    "id",
    "doi",
    "title",
    "display_name",
    "publication_date",
    "publication_year",
    "cited_by_count",
    "primary_location",
    "locations",
    "ids",
    "authorships",
)
ARXIV_DOI_PREFIX = "10.48550/arxiv."
# OpenAlex list prices (developers.openalex.org, "Authentication & Pricing").
COST_USD = {"list": 0.10 / 1000, "search": 1.00 / 1000, "singleton": 0.0}
FREE_DAILY_BUDGET_USD = 1.0
BUDGET_HEADERS = ("X-RateLimit-Remaining-USD", "X-RateLimit-Remaining")


class MissingAPIKey(RuntimeError):
    """No OpenAlex key in conf/local/credentials.yml."""


def load_api_key(credentials: Path = Path("conf/local/credentials.yml")) -> str:
    """The key under ``openalex: {api_key: ...}`` in the (never committed) credentials file."""
    credentials = Path(credentials)
    hint = (
        f"put your free OpenAlex key (openalex.org/settings/api) in {credentials} as\n"
        "openalex:\n  api_key: <your key>"
    )
    if not credentials.exists():
        raise MissingAPIKey(f"{credentials} not found; {hint}")
    data = yaml.safe_load(credentials.read_text()) or {}
    key = (data.get("openalex") or {}).get("api_key")
    if not key or not str(key).strip():
        raise MissingAPIKey(f"no openalex.api_key in {credentials}; {hint}")
    return str(key).strip()


def normalise_doi(doi: str | None) -> str | None:
    """Lower case, without ``https://doi.org/`` or ``doi:`` (the contracts' DOI form)."""
    if doi is None or not str(doi).strip():
        return None
    doi = str(doi).strip().lower()
    doi = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:)", "", doi)
    return doi or None


def arxiv_doi(paper_id: str) -> str:
    """arXiv's DataCite DOI for a paper (``10.48550/arxiv.1706.03762``)."""
    return ARXIV_DOI_PREFIX + paper_id.lower()


def normalise_title(title: str | None) -> str:
    """Section 2.1.2's title key, exactly as the enrichment pipeline computes it (letters of
    any alphabet and digits, symbols to spaces, case folded), or "" when there is none."""
    key = normalise_titles(pd.Series([title], dtype="string")).iloc[0]
    return "" if pd.isna(key) else str(key)


@dataclass
class Paper:
    """What a lookup needs of an arXiv paper."""

    paper_id: str
    title: str = ""
    doi: str | None = None

    def dois(self) -> list[str]:
        """The arXiv DOI, then each DOI arXiv lists (the field may hold several)."""
        own = [normalise_doi(d) for d in (self.doi or "").replace(",", " ").split()]
        mine = arxiv_doi(self.paper_id)
        return [mine] + [d for d in dict.fromkeys(own) if d and d != mine]


@dataclass
class CostEstimate:
    list_calls: int
    singleton_calls_max: int
    search_calls_max: int

    @property
    def usd_min(self) -> float:
        return self.list_calls * COST_USD["list"]

    @property
    def usd_max(self) -> float:
        return self.usd_min + self.search_calls_max * COST_USD["search"]

    def describe(self) -> str:
        return (
            f"OpenAlex cost estimate: {self.list_calls:,} DOI-batch calls "
            f"(${self.usd_min:.2f}), up to {self.singleton_calls_max:,} singleton calls "
            f"(free), up to {self.search_calls_max:,} title searches "
            f"(${self.search_calls_max * COST_USD['search']:.2f}); total "
            f"${self.usd_min:.2f}-${self.usd_max:.2f} before cached calls "
            f"(free key: ${FREE_DAILY_BUDGET_USD:.2f}/day)"
        )


def estimate_cost(
    papers: list[Paper], batch_size: int = 100, title_search: bool = True
) -> CostEstimate:
    n_dois = sum(len(p.dois()) for p in papers)
    return CostEstimate(
        list_calls=math.ceil(n_dois / batch_size),
        singleton_calls_max=len(papers),
        search_calls_max=len(papers) if title_search else 0,
    )


@dataclass
class OpenAlexClient:
    session: PoliteSession
    api_key: str
    api_url: str = API_URL
    per_page: int = 100
    select: tuple[str, ...] = WORK_FIELDS
    max_pages_per_query: int = 50
    calls: dict = field(default_factory=lambda: {"list": 0, "singleton": 0, "search": 0})
    budget_remaining: float | None = None

    def __post_init__(self):
        if "api_key" not in self.session.secret_params:
            self.session.secret_params = (*self.session.secret_params, "api_key")
        install_secret_filter(["api_key"])
        if not 1 <= self.per_page <= 100:
            raise ValueError("OpenAlex allows per_page between 1 and 100")

    def _get(self, path: str, params: dict, kind: str):
        params = {**params, "select": ",".join(self.select), "api_key": self.api_key}
        response = self.session.get(
            f"{self.api_url}{path}", params, validate=lambda r: r.json(), fatal=budget_spent
        )
        if not response.from_cache:
            self.calls[kind] += 1
            self._log_budget(response.headers)
        return response

    def _log_budget(self, headers: dict) -> None:
        remaining = remaining_budget(headers)
        if remaining is not None:
            self.budget_remaining = remaining
            logger.debug("OpenAlex budget remaining: %s", remaining)

    def list_works(self, params: dict, kind: str = "list") -> Iterator[dict]:
        """Every work of a list query, following ``meta.next_cursor`` (bounded)."""
        cursor = "*"
        for _ in range(self.max_pages_per_query):
            page = self._get(
                "/works", {**params, "per_page": self.per_page, "cursor": cursor}, kind
            ).json()
            results = page.get("results") or []
            yield from results
            cursor = (page.get("meta") or {}).get("next_cursor")
            if not cursor or len(results) < self.per_page:
                return
        logger.warning("stopped paging %s after %d pages", params, self.max_pages_per_query)

    def works_by_dois(self, dois: Iterable[str]) -> list[dict]:
        """Works whose DOI is one of ``dois`` (one OR-filter query, at most 100 values)."""
        dois = sorted({d for d in (normalise_doi(x) for x in dois) if d})
        if len(dois) > 100:
            raise ValueError("OpenAlex's OR filter takes at most 100 values")
        if not dois:
            return []
        return list(self.list_works({"filter": "doi:" + "|".join(dois)}))

    def work_by_doi(self, doi: str) -> dict | None:
        """The work a DOI resolves to (singleton, free), or None when OpenAlex has none."""
        response = self._get(f"/works/doi:{normalise_doi(doi)}", {}, "singleton")
        return response.json() if response.status_code == 200 else None

    def search_title(self, title: str, candidates: int = 10) -> dict | None:
        """The first search hit whose normalised title equals ``title``'s, else None."""
        wanted = normalise_title(title)
        if not wanted:
            return None
        # Commas and colons have a meaning in OpenAlex query values; the exact check follows.
        query = re.sub(r"[,:|]+", " ", title)
        page = self._get("/works", {"search": query, "per_page": candidates}, "search").json()
        for work in page.get("results") or []:
            if normalise_title(work.get("display_name") or work.get("title")) == wanted:
                return work
        return None


def remaining_budget(headers: dict) -> float | None:
    """The day's remaining budget from OpenAlex's rate-limit headers (USD or credits)."""
    lowered = {k.lower(): v for k, v in headers.items()}
    for name in BUDGET_HEADERS:
        if name.lower() in lowered:
            try:
                return float(lowered[name.lower()])
            except ValueError:
                return None
    return None


def budget_spent(response) -> str | None:
    """A 429 with no budget left: waiting minutes will not help, so stop with the reason."""
    remaining = remaining_budget(response.headers)
    if response.status_code == 429 and remaining is not None and remaining <= 0:
        return (
            "the daily OpenAlex budget is spent; run again tomorrow: calls already "
            "answered come from the cache for free"
        )
    return None


def _work_dois(work: dict) -> set[str]:
    found = {normalise_doi(work.get("doi"))}
    found.add(normalise_doi((work.get("ids") or {}).get("doi")))
    for location in work.get("locations") or []:
        url = (location or {}).get("landing_page_url") or ""
        if "doi.org/" in url:
            found.add(normalise_doi(url))
    return {d for d in found if d}


def fetch_works(
    client: OpenAlexClient,
    papers: list[Paper],
    *,
    batch_size: int = 100,
    title_search: bool = True,
    progress: Progress | None = None,
) -> tuple[list[dict], list[dict]]:
    """Look every paper up (DOI batches, arXiv-DOI singletons, title search).

    Returns the works found (each once, in the API schema) and one lookup row per paper
    (``paper_id, work_id, method``; method ``doi``, ``arxiv_doi``, ``title`` or ``none``).
    """
    if not 1 <= batch_size <= 100:
        raise ValueError("batch_size must be between 1 and 100 (OpenAlex's OR filter)")
    papers = sorted(papers, key=lambda p: p.paper_id)  # stable batches: cache hits on re-run
    progress = progress or Progress("OpenAlex", total=len(papers))
    works: dict[str, dict] = {}
    found: dict[str, tuple[str, str]] = {}
    by_doi: dict[str, list[Paper]] = {}
    for paper in papers:
        for doi in paper.dois():
            by_doi.setdefault(doi, []).append(paper)
    dois = sorted(by_doi)
    for start in range(0, len(dois), batch_size):
        batch = dois[start : start + batch_size]
        hits = 0
        for work in client.works_by_dois(batch):
            works[work["id"]] = work
            for doi in _work_dois(work) & set(batch):
                for paper in by_doi[doi]:
                    if paper.paper_id not in found:
                        found[paper.paper_id] = (work["id"], "doi")
                        hits += 1
        progress.step(hits, note=f"DOI batch {start // batch_size + 1}")

    missing = [p for p in papers if p.paper_id not in found]
    for paper in missing:
        work = client.work_by_doi(arxiv_doi(paper.paper_id))
        if work is not None:
            works[work["id"]] = work
            found[paper.paper_id] = (work["id"], "arxiv_doi")
    if missing:
        progress.step(
            sum(1 for p in missing if p.paper_id in found),
            pages=len(missing),
            note="arXiv DOI singletons",
        )

    missing = [p for p in papers if p.paper_id not in found]
    if title_search:
        for paper in missing:
            try:
                work = client.search_title(paper.title)
            except FatalAnswer:
                raise
            except HTTPFailure as error:
                logger.warning("title search failed for %s: %s", paper.paper_id, error)
                progress.skip("search failed")
                continue
            if work is not None:
                works[work["id"]] = work
                found[paper.paper_id] = (work["id"], "title")
        if missing:
            progress.step(
                sum(1 for p in missing if p.paper_id in found),
                pages=len(missing),
                note="title searches",
            )
    unfound = [p.paper_id for p in papers if p.paper_id not in found]
    if unfound:
        progress.skip("not in OpenAlex", len(unfound))
    progress.finish()
    lookups = [
        {
            "paper_id": p.paper_id,
            "work_id": found.get(p.paper_id, (None,))[0],
            "method": found.get(p.paper_id, (None, "none"))[1],
        }
        for p in papers
    ]
    return [works[k] for k in sorted(works)], lookups


def write_works(works: Iterable[dict], path: Path) -> int:
    """Works as JSON lines (the API schema), gzip when ``path`` ends in .gz; return count."""
    import gzip

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    count = 0
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(tmp, "wt", encoding="utf-8") as out:
        for work in works:
            out.write(json.dumps(work, ensure_ascii=False) + "\n")
            count += 1
    tmp.replace(path)
    return count


def papers_from_snapshot(path: Path, limit: int = 0) -> list[Paper]:
    """Papers to look up, read from an arXiv snapshot-layout JSON lines file (.gz allowed)."""
    import gzip

    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    papers = []
    with opener(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            record = json.loads(line)
            papers.append(Paper(str(record["id"]), record.get("title") or "", record.get("doi")))
            if limit and len(papers) >= limit:
                break
    return papers
