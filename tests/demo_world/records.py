"""Reading the demo world's JSON-lines files in tests, past its deliberately broken lines."""

import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd


def json_records(path: Path) -> Iterator[dict]:
    """Every parseable record of a JSON-lines file; the planted malformed lines
    (truth/malformed.csv) are skipped, as ingestion drops and reports them."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            try:
                yield json.loads(line)
            except json.JSONDecodeError:
                continue


def abstracts(world: Path) -> pd.Series:
    """Abstract (line breaks folded) by paper_id, for every arXiv record that has both."""
    rows = [
        (r["id"], r["abstract"].replace("\n", " "))
        for r in json_records(world / "arxiv" / "arxiv-metadata-oai-snapshot.json")
        if r.get("id") and r.get("abstract")
    ]
    ids, texts = zip(*rows, strict=True) if rows else ((), ())
    return pd.Series(texts, index=pd.Index(ids, name="paper_id"), name="abstract", dtype=object)
