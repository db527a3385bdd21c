"""The stamp of a recorded benchmark run: the project's commit, the time and the load."""

import datetime
import os
import subprocess
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def commit() -> str:
    """The project's git commit, with ``+dirty`` when src or conf has uncommitted changes."""

    def git(*args):
        return subprocess.run(
            ["git", *args], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()

    return git("rev-parse", "--short", "HEAD") + (
        "+dirty" if git("status", "--porcelain", "src", "conf") else ""
    )


def run_stamp() -> dict:
    """``commit, date, load_average_at_start`` for a result row."""
    return {
        "commit": commit(),
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load_average_at_start": round(os.getloadavg()[0], 1),
    }
