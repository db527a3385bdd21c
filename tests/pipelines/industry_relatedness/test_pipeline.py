"""The whole industry_relatedness pipeline through Kedro's runner, on hand-built inputs."""

import numpy as np
import pandas as pd
import pytest
from kedro.io import DataCatalog, MemoryDataset
from kedro.runner import SequentialRunner

from dl_geography.pipelines.industry_relatedness import create_pipeline
from dl_geography.quality import REPORT_COLUMNS
from tests.helpers import KeptDataset
from tests.params import conf_parameters
from tests.pipelines.industry_relatedness.synthetic import (
    WORDS,
    parameter_datasets,
    synthetic_organizations,
)


@pytest.fixture
def params():

    config = conf_parameters()["industry_relatedness"]
    config["training_data"].update(min_description_length=20, min_sector_examples=5)
    config["classifier"]["tfidf"].update(min_df=1)
    config["classifier"]["grid"] = {
        "logistic_l1": {"C": [100.0]},
        "complement_nb": {"alpha": [1.0]},
    }
    return config


def _papers():
    rng = np.random.default_rng(1)
    subjects = {"ai": ["cs.LG", "cs.CV"], "health": ["q-bio.QM", "cs.CY"], "energy": ["cs.SY"]}
    rows = []
    for i in range(30):
        sector = list(WORDS)[i % 3]
        text = " ".join(rng.choice(WORDS[sector].split(), 12))
        listed = [s for s in subjects[sector] if s.startswith("cs.")]
        rows.append({"paper_id": f"p{i}", "abstract": text, "subjects": np.array(listed)})
    return pd.DataFrame(rows)


def test_pipeline_runs_through_kedro(params):
    papers = _papers()
    labels = pd.DataFrame(
        {
            "paper_id": papers["paper_id"],
            "is_dl": papers["subjects"].map(lambda s: "cs.LG" in s),
            "is_dl_strict": False,
        }
    )
    organizations = synthetic_organizations(120)
    organizations.loc[0, "description"] = ""  # a bad case, reported
    catalog = DataCatalog(
        {
            "papers": MemoryDataset(papers),
            "paper_labels": MemoryDataset(labels),
            "organizations": MemoryDataset(organizations),
            **parameter_datasets(params),
        }
    )
    pipeline = create_pipeline()
    for name in pipeline.all_outputs():
        catalog[name] = KeptDataset()
    assert "industry_relatedness" in next(iter(pipeline.nodes)).tags
    SequentialRunner().run(pipeline, catalog)

    similarity = catalog.load("subject_similarity")
    assert "dl" in similarity.columns and similarity["subject"].tolist() == list(
        similarity.columns[1:]
    )
    metrics = catalog.load("sector_classifier_metrics").set_index("sector")
    assert metrics.loc["macro", "f1"] > 0.9
    # at p >= 0.99 fewer labels are given: precision holds, recall can only fall
    assert (metrics["recall_at_threshold"] <= metrics["recall"]).all()
    relatedness = catalog.load("subject_sector_relatedness").set_index(["subject", "sector"])
    # DL papers are the cs.LG papers, written in the AI vocabulary.
    dl = relatedness.loc["dl", "share"]
    assert dl.idxmax() == "ai" and dl["ai"] > 0.8
    assert relatedness.loc[("cs.SY", "energy"), "share"] > 0.8
    report = catalog.load("industry_relatedness_report")
    assert list(report.columns) == REPORT_COLUMNS
    assert report.set_index("reason").loc["empty description", "examples"] == "o0"
    assert catalog.load("fig_04").axes
    assert catalog.load("fig_07").axes
    assert catalog.load("sector_training_counts")["learnt"].all()
    assert catalog.load("sector_classifier_params")["model"] in {"logistic_l1", "complement_nb"}
