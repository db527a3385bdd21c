"""What the topic_modelling tests share: the project's parameters, a catalog around a paper
table, and the real arXiv sample's file."""

from pathlib import Path

import pandas as pd
from kedro.io import DataCatalog, MemoryDataset

from tests.helpers import KeptDataset
from tests.params import conf_parameters

ARXIV = "arxiv/daily_arxiv_cs_2025-03_2026-08_all.jsonl.gz"
ROOT = Path(__file__).resolve().parents[3]
LABELLED_SETS = ROOT / "labelled_sets"


def parameters(env: str = "base") -> dict:
    """The project's parameters of ``env`` as a run resolves them (presets included)."""
    return conf_parameters(env)


def catalog_for(pipeline, papers: pd.DataFrame, params: dict) -> DataCatalog:
    catalog = DataCatalog({name: KeptDataset() for name in pipeline.datasets()})
    catalog["papers"] = MemoryDataset(papers)
    labelled = LABELLED_SETS / "dl_papers"
    catalog["labelled_papers"] = MemoryDataset(
        pd.read_csv(labelled / "labels.csv", dtype={"paper_id": str})
    )
    catalog["labelled_papers_split"] = MemoryDataset(
        pd.read_csv(labelled / "sample.csv", dtype={"paper_id": str})
    )
    for key, value in params.items():
        catalog[f"params:{key}"] = MemoryDataset(value)
    return catalog
