"""Progress lines of long steps, on a fake clock (no timing is asserted)."""

import logging

from dl_geography.progress import Progress, format_duration, track


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_progress_logs_rate_and_time_left_at_most_every_interval(caplog):
    clock = FakeClock()
    logger = logging.getLogger("dl_geography.test_progress")
    with (
        caplog.at_level(logging.INFO, logger=logger.name),
        Progress(
            "fits", total=10, unit="fits", logger=logger, every_seconds=10, clock=clock
        ) as progress,
    ):
        for _ in range(10):
            clock.now += 4  # 4 s per unit: a line at 12 s, 24 s, 36 s
            progress.advance()
    lines = [r.getMessage() for r in caplog.records]
    assert lines[0] == "fits: 3/10 fits (30%), 0.25 fits/s, about 28 s left"
    assert len(lines) == 4  # three progress lines and the final one
    assert lines[-1] == "fits: 10 fits in 40 s"


def test_short_steps_stay_silent_and_unknown_totals_give_counts(caplog):
    clock = FakeClock()
    logger = logging.getLogger("dl_geography.test_progress")
    with caplog.at_level(logging.INFO, logger=logger.name):
        assert list(track(range(3), "quick", logger=logger, clock=clock)) == [0, 1, 2]
        assert not caplog.records
        progress = Progress("stream", logger=logger, every_seconds=1, clock=clock)
        clock.now = 2
        progress.advance(5)
    assert caplog.records[0].getMessage() == "stream: 5 items, 2.5 items/s"


def test_durations_read_as_time():
    assert format_duration(42) == "42 s"
    assert format_duration(185) == "3 min 05 s"
    assert format_duration(3720) == "1 h 02 min"
