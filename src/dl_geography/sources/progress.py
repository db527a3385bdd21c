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
    stream: TextIO = sys.stderr
    records: int = 0
    pages: int = 0
    skipped: Counter = field(default_factory=Counter)
    started: float = field(default_factory=time.monotonic)

    def step(self, records: int = 0, pages: int = 1, note: str = "") -> None:
        self.records += records
        self.pages += pages
        print(self.line(note), file=self.stream, flush=True)

    def skip(self, reason: str, count: int = 1) -> None:
        self.skipped[reason] += count

    def rate(self) -> float:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        return self.records / elapsed

    def eta_seconds(self) -> float | None:
        if not self.total or self.records == 0:
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
        return (f"{self.label}: {self.records:,}{total} records, {self.pages:,} pages, "
                f"{self.rate():,.1f} records/s{eta_text}{skipped}{extra}")

    def summary(self) -> str:
        elapsed = format_seconds(time.monotonic() - self.started)
        return f"{self.line()} -- done in {elapsed}"


def format_seconds(seconds: float) -> str:
    seconds = round(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{secs:02d}s"
