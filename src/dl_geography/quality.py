"""Counted, reported drops: the ``*_report`` pattern every filtering stage follows.

Each report is a long table, one row per (stage, step, outcome): how many rows went in,
how many came out, and how many left or were counted for each reason, with example ids so
a reader can look the failures up. Nothing is dropped without a row here.
"""

from collections.abc import Iterable
from itertools import islice

import pandas as pd

REPORT_COLUMNS = ["stage", "step", "outcome", "reason", "count", "examples"]


class StageReport:
    """Collects the rows of one pipeline's report while its nodes filter and match.

    Example:
        >>> report = StageReport("ingestion")
        >>> kept = report.filter("papers", df, df["abstract"].notna(), "no abstract", "paper_id")
        >>> report.to_frame()
    """

    def __init__(self, stage: str, max_examples: int = 10):
        self.stage = stage
        self.max_examples = max_examples
        self._rows: list[dict] = []

    def count(
        self, step: str, outcome: str, count: int, reason: str = "", examples: Iterable = ()
    ) -> None:
        """Record ``count`` rows of ``step`` with ``outcome`` (in, out, dropped, matched...)."""
        shown = [str(e) for e in islice(examples, self.max_examples)]
        self._rows.append(
            {
                "stage": self.stage,
                "step": step,
                "outcome": outcome,
                "reason": reason,
                "count": int(count),
                "examples": "; ".join(shown),
            }
        )

    def filter(
        self,
        step: str,
        frame: pd.DataFrame,
        keep: pd.Series,
        reason: str,
        id_column: str | None = None,
    ) -> pd.DataFrame:
        """Keep the rows where ``keep`` is true; record what went in, what left and why."""
        keep = pd.Series(keep, index=frame.index).fillna(False).astype(bool)
        dropped = frame.loc[~keep]
        ids = dropped[id_column] if id_column else dropped.index
        self.count(step, "in", len(frame))
        self.count(step, "dropped", len(dropped), reason, ids)
        kept = frame.loc[keep]
        self.count(step, "out", len(kept))
        return kept

    def extend(self, other: pd.DataFrame) -> None:
        """Append the rows of an existing report table (e.g. from a helper function)."""
        self._rows.extend(other[REPORT_COLUMNS].to_dict("records"))

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(self._rows, columns=REPORT_COLUMNS).astype({"count": "int64"})


def combine_reports(*reports: pd.DataFrame) -> pd.DataFrame:
    """Concatenate report tables in order (for a pipeline whose nodes each report)."""
    frames = [r[REPORT_COLUMNS] for r in reports if r is not None and len(r)]
    if not frames:
        return pd.DataFrame(columns=REPORT_COLUMNS)
    return pd.concat(frames, ignore_index=True)
