"""Progress of long steps as periodic log lines: done/total, rate and time left.

A step that runs for more than a few seconds says how far it is, at most every
``every_seconds`` (10 s by default), and how long it took when done:

    with Progress("grid search", total=36, unit="fits", logger=logger) as progress:
        for ...:
            ...
            progress.advance()

or ``for batch in track(batches, "predicting", unit="batches", logger=logger): ...``.
Log lines, not a bar, so piped logs and Kedro's runners read the same.
"""

import logging
import time
from collections.abc import Callable, Iterable, Iterator

DEFAULT_EVERY_SECONDS = 10.0


def format_duration(seconds: float) -> str:
    """``42 s``, ``3 min 05 s``, ``1 h 02 min``."""
    seconds = max(0.0, float(seconds))
    if seconds < 60:
        return f"{seconds:.0f} s"
    minutes, secs = divmod(round(seconds), 60)
    if minutes < 60:
        return f"{minutes} min {secs:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


class Progress:
    """Counts units of work done and logs ``label: done/total unit (share), rate, time
    left`` at most every ``every_seconds``, then one line when finished.

    ``total`` may be None (unknown): the line then gives the count and rate only.
    ``clock`` is ``time.monotonic`` (injectable for tests).
    """

    def __init__(
        self,
        label: str,
        total: int | None = None,
        *,
        unit: str = "items",
        logger: logging.Logger | None = None,
        every_seconds: float = DEFAULT_EVERY_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.label = label
        self.total = total
        self.unit = unit
        self.logger = logger or logging.getLogger(__name__)
        self.every_seconds = float(every_seconds)
        self.clock = clock
        self.done = 0
        self.started = clock()
        self.last_logged = self.started

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, exc_type, exc, traceback) -> None:
        if exc_type is None:
            self.finish()

    def line(self) -> str:
        """The progress line as it stands."""
        elapsed = self.clock() - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        text = f"{self.label}: {self.done:,}"
        if self.total:
            text += f"/{self.total:,} {self.unit} ({self.done / self.total:.0%})"
        else:
            text += f" {self.unit}"
        text += f", {rate:.3g} {self.unit}/s"
        if self.total and rate > 0 and self.done < self.total:
            text += f", about {format_duration((self.total - self.done) / rate)} left"
        return text

    def advance(self, n: int = 1) -> None:
        """Count ``n`` more units; log when ``every_seconds`` have passed since the last."""
        self.done += n
        now = self.clock()
        if now - self.last_logged >= self.every_seconds:
            self.last_logged = now
            self.logger.info(self.line())

    def finish(self) -> None:
        """Log the total and the time taken, when the step ran long enough to be shown."""
        elapsed = self.clock() - self.started
        if elapsed >= self.every_seconds:
            self.logger.info(
                "%s: %s %s in %s", self.label, f"{self.done:,}", self.unit, format_duration(elapsed)
            )


def track(
    items: Iterable,
    label: str,
    *,
    total: int | None = None,
    unit: str = "items",
    logger: logging.Logger | None = None,
    every_seconds: float = DEFAULT_EVERY_SECONDS,
    clock: Callable[[], float] = time.monotonic,
) -> Iterator:
    """Yield ``items``, logging progress as ``Progress`` does (``total`` from ``len``)."""
    if total is None and hasattr(items, "__len__"):
        total = len(items)
    with Progress(
        label, total, unit=unit, logger=logger, every_seconds=every_seconds, clock=clock
    ) as progress:
        for item in items:
            yield item
            progress.advance()
