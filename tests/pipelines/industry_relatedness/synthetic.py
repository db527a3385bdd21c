"""Hand-built inputs the industry_relatedness tests share: organisations whose
descriptions draw on their sectors' words, and the pipeline's ``params:`` datasets."""

import numpy as np
import pandas as pd
from kedro.io import MemoryDataset

WORDS = {
    "ai": "neural learning model training inference vision language",
    "health": "patient clinic hospital doctor care medical therapy",
    "energy": "solar battery grid power wind turbine electricity",
}
FILLER = ["we", "the", "company", "offers", "for", "with", "and", "our"]


def synthetic_organizations(n=90, seed=0):
    """Organisations whose descriptions draw words from their sectors' vocabularies."""
    rng = np.random.default_rng(seed)
    sectors = list(WORDS)
    rows = []
    for i in range(n):
        own = [sectors[i % 3]] + ([sectors[(i + 1) % 3]] if i % 5 == 0 else [])
        words = [w for s in own for w in rng.choice(WORDS[s].split(), 6)]
        words += list(rng.choice(FILLER, 6))
        rows.append({"org_id": f"o{i}", "description": " ".join(words), "sectors": own})
    return pd.DataFrame(rows)


def parameter_datasets(params: dict, without_descriptions: str = "error") -> dict:
    """The ``params:`` inputs of the pipeline, as Kedro would resolve them."""
    datasets = {f"params:industry_relatedness.{k}": MemoryDataset(v) for k, v in params.items()}
    datasets["params:industry_relatedness.prediction.probability_threshold"] = MemoryDataset(
        params["prediction"]["probability_threshold"]
    )
    datasets["params:industry_relatedness.without_descriptions"] = MemoryDataset(
        without_descriptions
    )
    datasets["params:execution"] = MemoryDataset({"engine": "local", "partition_rows": 7})
    return datasets
