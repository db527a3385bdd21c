"""A polite HTTP session shared by every connector.

One connection, a minimum interval between requests, timeouts, retries with exponential
backoff on 429/5xx, dropped connections, truncated bodies and pages that fail a caller's
validation, ``Retry-After`` honoured (seconds or an HTTP date), the usual rate-limit headers
read, and an on-disk response cache keyed by the URL with its secrets removed, so a re-run
repeats no call. Secrets (an API key in the query string) are masked in every log line.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import logging
import os
import random
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import requests
from requests.adapters import HTTPAdapter

logger = logging.getLogger(__name__)

USER_AGENT = "dl-geography/0.1 (+https://github.com/; research harvest; polite)"
RETRY_STATUSES = (429, 500, 502, 503, 504)
# Statuses whose answer is final and worth remembering (a DOI OpenAlex does not know).
CACHE_STATUSES = (200, 404)


class HTTPFailure(RuntimeError):
    """A request that still failed after every retry."""


class FatalAnswer(HTTPFailure):
    """An answer no retry within the run can change (the caller's ``fatal`` said why)."""


@dataclass
class CachedResponse:
    """What a caller needs from a response, whether fresh or from the cache."""

    url: str
    status_code: int
    headers: dict[str, str]
    content: bytes
    from_cache: bool = False

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", errors="replace")

    def json(self):
        return json.loads(self.content)


def mask_url(url: str, secret_params: Iterable[str]) -> str:
    """The URL with the values of ``secret_params`` replaced by ``***`` (for logs)."""
    secrets = {s.lower() for s in secret_params}
    if not secrets:
        return url
    parts = urlsplit(url)
    query = [
        (k, "***" if k.lower() in secrets else v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
    ]
    return urlunsplit(parts._replace(query=urlencode(query, safe=":|,*/")))


def mask_text(text: str, secret_params: Iterable[str]) -> str:
    """``name=value`` of each secret parameter masked wherever it appears in ``text``."""
    for name in secret_params:
        text = re.sub(rf"(?i)({re.escape(name)}=)[^&\s\"')]+", r"\1***", text)
    return text


def secret_values(url: str, secret_params: Iterable[str]) -> list[str]:
    """The values the URL gives to ``secret_params`` (to mask them wherever they appear)."""
    secrets = {s.lower() for s in secret_params}
    return [
        v
        for k, v in parse_qsl(urlsplit(url).query, keep_blank_values=True)
        if k.lower() in secrets and v
    ]


def mask_secrets(text: str, url: str, secret_params: Iterable[str]) -> str:
    """``text`` with each secret of ``url`` masked, as ``name=value`` and as a bare value.

    An error body may quote the request (``api_key=...``) or echo the key alone (JSON
    ``"api_key": "..."``, a message ``invalid key ...``): both are replaced by ``***``.
    """
    text = mask_text(text, secret_params)
    for value in secret_values(url, secret_params):
        text = text.replace(value, "***")
    return text


def strip_params(url: str, params: Iterable[str]) -> str:
    """The URL without the query parameters ``params`` (the cache key drops secrets)."""
    drop = {p.lower() for p in params}
    parts = urlsplit(url)
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k.lower() not in drop
    ]
    return urlunsplit(parts._replace(query=urlencode(sorted(query), safe=":|,*/")))


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value: delta-seconds or an HTTP date."""
    if value is None or not str(value).strip():
        return None
    value = str(value).strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def rate_limit_wait(headers: dict[str, str], now: float | None = None) -> float | None:
    """Seconds until the rate-limit window resets, from ``X-RateLimit-Reset`` style headers.

    The header holds either seconds to wait or an epoch time; anything above 10^9 is read
    as an epoch.
    """
    lowered = {k.lower(): v for k, v in headers.items()}
    for name in ("x-ratelimit-reset", "ratelimit-reset", "x-rate-limit-reset"):
        if name in lowered:
            try:
                value = float(lowered[name])
            except ValueError:
                return None
            if value > 1e9:
                value -= time.time() if now is None else now
            return max(0.0, value)
    return None


class SecretFilter(logging.Filter):
    """Masks ``name=value`` of secret query parameters in any log record it sees.

    Installed on urllib3's connection-pool logger, whose DEBUG lines print request paths
    with their query strings.
    """

    def __init__(self, names: Iterable[str]):
        super().__init__()
        self.names = {n.lower() for n in names}

    def _mask(self, text: str) -> str:
        return mask_text(text, self.names)

    def filter(self, record: logging.LogRecord) -> bool:
        if self.names:
            record.msg = self._mask(str(record.msg))
            if record.args:
                args = record.args if isinstance(record.args, tuple) else (record.args,)
                record.args = tuple(self._mask(a) if isinstance(a, str) else a for a in args)
        return True


def install_secret_filter(names: Iterable[str]) -> None:
    """Mask ``names`` in urllib3's request log lines (once per parameter name)."""
    pool_logger = logging.getLogger("urllib3.connectionpool")
    known = set().union(*(f.names for f in pool_logger.filters if isinstance(f, SecretFilter)))
    fresh = {n.lower() for n in names} - known
    if fresh:
        pool_logger.addFilter(SecretFilter(fresh))


@dataclass
class PoliteSession:
    """A ``requests`` session that waits, retries and remembers.

    Args:
        min_interval: seconds between the starts of two requests (arXiv asks for 3).
        timeout: (connect, read) timeout in seconds for one attempt.
        max_retries: retries after the first attempt, for each request.
        backoff: first backoff in seconds; doubles each retry, capped at ``max_backoff``.
        max_backoff: the longest wait between attempts, whatever a server asks.
        cache_dir: where responses are kept (None: no cache).
        secret_params: query parameters masked in logs and dropped from cache keys.
        sleep: the sleep function (tests pass a recorder).
    """

    min_interval: float = 0.0
    timeout: float | tuple[float, float] = (10.0, 120.0)
    max_retries: int = 6
    backoff: float = 5.0
    max_backoff: float = 900.0
    cache_dir: Path | None = None
    secret_params: tuple[str, ...] = ()
    user_agent: str = USER_AGENT
    jitter: bool = True
    sleep: Callable[[float], None] = time.sleep
    stats: dict[str, int] = field(
        default_factory=lambda: {"requests": 0, "retries": 0, "cache_hits": 0, "bytes": 0}
    )
    last_headers: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        self._session = requests.Session()
        # One connection: a polite harvester never opens several at once.
        self._session.mount("http://", HTTPAdapter(pool_connections=1, pool_maxsize=1))
        self._session.mount("https://", HTTPAdapter(pool_connections=1, pool_maxsize=1))
        self._session.headers["User-Agent"] = self.user_agent
        self._last_start = float("-inf")
        install_secret_filter(self.secret_params)
        if self.cache_dir is not None:
            self.cache_dir = Path(self.cache_dir)

    # -- context manager ---------------------------------------------------------------
    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> PoliteSession:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- cache ------------------------------------------------------------------------
    def cache_key(self, url: str) -> str:
        return strip_params(url, self.secret_params)

    def _cache_paths(self, key: str) -> tuple[Path, Path]:
        digest = hashlib.sha256(key.encode()).hexdigest()
        folder = self.cache_dir / digest[:2]
        return folder / f"{digest}.json", folder / f"{digest}.body"

    def _cache_read(self, key: str) -> CachedResponse | None:
        if self.cache_dir is None:
            return None
        meta_path, body_path = self._cache_paths(key)
        if not (meta_path.exists() and body_path.exists()):
            return None
        meta = json.loads(meta_path.read_text())
        return CachedResponse(
            meta["url"],
            meta["status_code"],
            meta["headers"],
            body_path.read_bytes(),
            from_cache=True,
        )

    def _cache_write(self, key: str, response: CachedResponse) -> None:
        if self.cache_dir is None:
            return
        meta_path, body_path = self._cache_paths(key)
        meta_path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(body_path, response.content)
        meta = {
            "url": key,
            "status_code": response.status_code,
            "headers": {
                k: v for k, v in response.headers.items() if k.lower() in {"content-type", "date"}
            },
        }
        atomic_write(meta_path, json.dumps(meta).encode())

    # -- requests ---------------------------------------------------------------------
    def _wait_turn(self) -> None:
        wait = self._last_start + self.min_interval - time.monotonic()
        if wait > 0:
            self.sleep(wait)
        self._last_start = time.monotonic()

    def _backoff(self, attempt: int) -> float:
        wait = min(self.backoff * 2**attempt, self.max_backoff)
        return wait * random.uniform(0.75, 1.0) if self.jitter else wait

    def full_url(self, url: str, params: dict | None = None) -> str:
        return requests.Request("GET", url, params=params).prepare().url

    def get(
        self,
        url: str,
        params: dict | None = None,
        *,
        validate: Callable[[CachedResponse], None] | None = None,
        use_cache: bool = True,
        ok_statuses: Iterable[int] = CACHE_STATUSES,
        fatal: Callable[[CachedResponse], str | None] | None = None,
    ) -> CachedResponse:
        """GET ``url`` with ``params``; retry until an answer in ``ok_statuses`` validates.

        ``validate`` raises (ValueError, XML errors...) on a page that arrived whole by
        HTTP's account but is unusable (truncated or malformed): such a page is retried like
        a 5xx. Answers outside ``ok_statuses`` and ``RETRY_STATUSES`` fail at once, and so
        does an answer for which ``fatal`` returns a reason (e.g. a spent daily budget, which
        no wait within the run would refill).
        """
        full = self.full_url(url, params)
        key = self.cache_key(full)
        shown = mask_url(full, self.secret_params)
        if use_cache:
            cached = self._cache_read(key)
            if cached is not None:
                self.stats["cache_hits"] += 1
                logger.debug("cache hit %s", shown)
                return cached
        ok_statuses = tuple(ok_statuses)
        problem = ""
        for attempt in range(self.max_retries + 1):
            if attempt:
                self.stats["retries"] += 1
            self._wait_turn()
            self.stats["requests"] += 1
            wait = None
            try:
                raw = self._session.get(full, timeout=self.timeout)
                content = raw.content  # reads the body: a truncated one raises here
            except requests.RequestException as error:
                # Errors quote the request path with its query string: mask the secrets.
                problem = mask_secrets(f"{type(error).__name__}: {error}", full, self.secret_params)
            else:
                self.stats["bytes"] += len(content)
                headers = dict(raw.headers)
                self.last_headers = headers
                response = CachedResponse(shown, raw.status_code, headers, content)
                if raw.status_code in ok_statuses:
                    try:
                        if validate is not None and raw.status_code == 200:
                            validate(response)
                    except Exception as error:
                        problem = mask_secrets(
                            f"unusable page ({type(error).__name__}: {error})",
                            full,
                            self.secret_params,
                        )
                    else:
                        if use_cache and raw.status_code in CACHE_STATUSES:
                            self._cache_write(key, response)
                        return response
                elif fatal is not None and (reason := fatal(response)):
                    raise FatalAnswer(
                        f"HTTP {raw.status_code} for {shown}: "
                        f"{mask_secrets(reason, full, self.secret_params)}"
                    )
                elif raw.status_code in RETRY_STATUSES:
                    problem = f"HTTP {raw.status_code}"
                    wait = parse_retry_after(headers.get("Retry-After"))
                    if wait is None and raw.status_code == 429:
                        wait = rate_limit_wait(headers)
                else:
                    body = mask_secrets(response.text, full, self.secret_params)
                    raise HTTPFailure(f"HTTP {raw.status_code} for {shown}: {body[:300]}")
            if attempt == self.max_retries:
                break
            wait = self._backoff(attempt) if wait is None else min(wait, self.max_backoff)
            logger.warning(
                "%s for %s; retry %d/%d in %.1f s",
                problem,
                shown,
                attempt + 1,
                self.max_retries,
                wait,
            )
            self.sleep(wait)
        raise HTTPFailure(f"gave up on {shown} after {self.max_retries + 1} attempts: {problem}")

    def download(
        self,
        url: str,
        dest: Path,
        *,
        chunk_size: int = 1 << 20,
        progress: Callable[[int, int | None], None] | None = None,
    ) -> Path:
        """Stream ``url`` to ``dest`` (through ``dest.part``), retrying like :meth:`get`.

        An existing ``dest`` is kept (delete it to fetch again). A body shorter than its
        Content-Length is treated as a failed attempt; the check counts the bytes that
        crossed the wire, so a gzip- or deflate-encoded answer (whose Content-Length is the
        compressed size) is compared with what was received, not with the decoded body.
        """
        dest = Path(dest)
        if dest.exists():
            logger.info("%s exists; not downloading again", dest)
            return dest
        dest.parent.mkdir(parents=True, exist_ok=True)
        part = dest.with_name(dest.name + ".part")
        shown = mask_url(url, self.secret_params)
        problem = ""
        for attempt in range(self.max_retries + 1):
            self._wait_turn()
            self.stats["requests"] += 1
            wait = None
            try:
                with self._session.get(url, timeout=self.timeout, stream=True) as raw:
                    if raw.status_code in RETRY_STATUSES:
                        problem = f"HTTP {raw.status_code}"
                        wait = parse_retry_after(raw.headers.get("Retry-After"))
                    elif raw.status_code != 200:
                        raise HTTPFailure(f"HTTP {raw.status_code} for {shown}")
                    else:
                        total = raw.headers.get("Content-Length")
                        total = int(total) if total and total.isdigit() else None
                        done = 0
                        with open(part, "wb") as out:
                            for block in raw.iter_content(chunk_size):
                                out.write(block)
                                done += len(block)
                                if progress is not None:
                                    progress(done, total)
                        received = raw.raw.tell()  # bytes on the wire, before decoding
                        if total is not None and received != total:
                            raise requests.exceptions.ChunkedEncodingError(
                                f"got {received} of {total} bytes"
                            )
                        self.stats["bytes"] += done
                        os.replace(part, dest)
                        return dest
            except requests.RequestException as error:
                problem = mask_secrets(f"{type(error).__name__}: {error}", url, self.secret_params)
            if attempt == self.max_retries:
                break
            self.stats["retries"] += 1
            wait = self._backoff(attempt) if wait is None else min(wait, self.max_backoff)
            logger.warning(
                "%s for %s; retry %d/%d in %.1f s",
                problem,
                shown,
                attempt + 1,
                self.max_retries,
                wait,
            )
            self.sleep(wait)
        part.unlink(missing_ok=True)
        raise HTTPFailure(f"gave up downloading {shown}: {problem}")


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a crash leaves the old file or the new, never half."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
