"""Raw JSON lines, one text line per row, so a reader can count the malformed ones."""

from typing import Any

import pandas as pd
from kedro.io import AbstractDataset, DatasetError

from dl_geography.datasets._files import read_bytes, resolve


class JSONLinesDataset(AbstractDataset[None, pd.DataFrame]):
    """Loads a JSON-lines file (``.jsonl`` or ``.jsonl.gz``) as its raw, undecoded lines.

    ``pandas.read_json(lines=True)`` fails on the first malformed line and loses the rest;
    returning the text lets the ingestion node decode each line and report the bad ones by
    line number. Blank lines are skipped. Read-only: the raw layer is never written.

    Returns a DataFrame with ``line_number`` (1-based, int64) and ``line`` (str).
    """

    def __init__(
        self, *, filepath: str, encoding: str = "utf-8", metadata: dict[str, Any] | None = None
    ):
        self._filepath = str(filepath)
        self._encoding = encoding
        self.metadata = metadata

    def load(self) -> pd.DataFrame:
        data = read_bytes(self._filepath)
        try:
            text = data.decode(self._encoding)
        except LookupError as exc:
            raise DatasetError(f"unknown encoding {self._encoding!r} for {self._filepath}") from exc
        except UnicodeDecodeError as exc:
            # Keep the file: the bad bytes become U+FFFD, and the log says where it began.
            self._logger.warning(
                "%s is not valid %s (first bad byte at %d): undecodable bytes replaced",
                self._filepath,
                self._encoding,
                exc.start,
            )
            text = data.decode(self._encoding, errors="replace")
        # Each copy is released as soon as the next exists (the peak is about two copies
        # of the file, not five: docs/performance.md).
        del data
        lines = text.splitlines()
        del text
        numbers = [number for number, line in enumerate(lines, 1) if line.strip()]
        lines = [lines[number - 1] for number in numbers] if len(numbers) < len(lines) else lines
        return pd.DataFrame({"line_number": pd.array(numbers, dtype="int64"), "line": lines})

    def save(self, data: pd.DataFrame) -> None:
        raise DatasetError(f"{self._filepath} is a raw source: read-only")

    def _exists(self) -> bool:
        fs, path = resolve(self._filepath)
        return fs.exists(path)

    def _describe(self) -> dict[str, Any]:
        return {"filepath": self._filepath, "encoding": self._encoding}
