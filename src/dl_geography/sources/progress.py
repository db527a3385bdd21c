"""Progress lines for long fetches: records, pages, rate, ETA and what was skipped."""

from __future__ import annotations

import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import TextIO


@dataclass
class Progress:
    """Counts a fetch and prints one line per step (a page, a batch, a file)."""

    label: str
    total: int | None = None
    stream: TextIO | None = None  # None: sys.stderr at the time of printing
    records: int = 0
    pages: int = 0
    baseline: int = 0  # records already done before this run (a resumed harvest)
    skipped: Counter = field(default_factory=Counter)
    started: float = field(default_factory=time.monotonic)

    def step(self, records: int = 0, pages: int = 1, note: str = "") -> None:
        self.records += records
        self.pages += pages
        print(self.line(note), file=self.stream or sys.stderr, flush=True)

    def skip(self, reason: str, count: int = 1) -> None:
        self.skipped[reason] += count

    def rate(self) -> float:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        return (self.records - self.baseline) / elapsed

    def eta_seconds(self) -> float | None:
        if not self.total or self.records <= self.baseline:
            return None
        return max(self.total - self.records, 0) / max(self.rate(), 1e-9)

    def line(self, note: str = "") -> str:
        total = f"/{self.total:,}" if self.total else ""
        eta = self.eta_seconds()
        eta_text = f", ETA {format_seconds(eta)}" if eta is not None else ""
        skipped = ""
        if self.skipped:
            skipped = ", skipped " + ", ".join(f"{n:,} {why}" for why, n in self.skipped.items())
        extra = f" [{note}]" if note else ""
        return (
            f"{self.label}: {self.records:,}{total} records, {self.pages:,} pages, "
            f"{self.rate():,.1f} records/s{eta_text}{skipped}{extra}"
        )

    def finish(self) -> None:
        print(self.summary(), file=self.stream or sys.stderr, flush=True)

    def summary(self) -> str:
        elapsed = format_seconds(time.monotonic() - self.started)
        return f"{self.line()} -- done in {elapsed}"


def format_seconds(seconds: float) -> str:
    seconds = round(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{secs:02d}s"


def download_progress(label: str, stream: TextIO | None = None, step: float = 0.1):
    """A ``(done, total)`` callback printing a line at every ``step`` of a download."""
    started = time.monotonic()
    shown = [-1.0]

    def report(done: int, total: int | None) -> None:
        fraction = done / total if total else 0.0
        mark = int(fraction / step) if total else done // (50 << 20)
        if mark == shown[0]:
            return
        shown[0] = mark
        rate = done / max(time.monotonic() - started, 1e-9)
        eta = f", ETA {format_seconds((total - done) / max(rate, 1e-9))}" if total else ""
        size = f"/{total / 1e6:,.1f}" if total else ""
        print(
            f"{label}: {done / 1e6:,.1f}{size} MB, {rate / 1e6:,.2f} MB/s{eta}",
            file=stream or sys.stderr,
            flush=True,
        )

    return report
