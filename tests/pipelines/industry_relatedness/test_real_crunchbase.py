"""Real data: the October 2013 CrunchBase export and real arXiv abstracts (../shared/data).

The 2013 export has sectors (``category_code``, 42 of them) but no description text, so
the classifier cannot be trained on it: that is checked. Its sectors still test the
sector-share side: real abstracts get 2013 sectors from a transparent keyword rule (a
stand-in for the classifier, here only) and ``subject_sector_relatedness`` is compared
with shares counted independently.
"""

import re

import numpy as np
import pandas as pd
import pytest

from dl_geography.pipelines.industry_relatedness.classifier import train_sector_classifier
from dl_geography.pipelines.industry_relatedness.relatedness import subject_sector_relatedness
from dl_geography.pipelines.industry_relatedness.research import paper_subject_incidence
from dl_geography.pipelines.industry_relatedness.training_data import (
    select_training_organizations,
)
from tests.helpers import KeptDataset
from tests.params import conf_parameters
from tests.pipelines.industry_relatedness.synthetic import parameter_datasets

pytestmark = pytest.mark.shared_data

COMPANIES = "crunchbase/crunchbase-october-2013/crunchbase-companies.csv"
ARXIV = "arxiv/daily_arxiv_cs_2025-03_2026-08_all.jsonl.gz"
TRAINING = {
    "label_column": "sectors",
    "min_description_length": 100,
    "max_training_organizations": 200000,
    "min_sector_examples": 10,
    "min_english_stop_word_share": 0.15,
    "min_ascii_letter_share": 0.9,
}
# Keyword stand-in for the classifier: a 2013 category when the abstract names its field.
KEYWORDS = {
    "security": r"\b(?:security|malware|adversar\w*|attack\w*|privacy|intrusion)\b",
    "medical": r"\b(?:clinical|medical|patients?|disease|diagnos\w*)\b",
    "games_video": r"\b(?:video games?|games?)\b",
    "education": r"\b(?:students?|education\w*|teach\w*|learners)\b",
    "hardware": r"\b(?:hardware|fpga|chips?|accelerators?)\b",
    "analytics": r"\b(?:data analytics|analytics|data mining|big data)\b",
}


def read_2013_organizations(shared) -> pd.DataFrame:
    """The 2013 export as ``organizations``: through the ingestion pipeline's cleaner when
    it is there, else a minimal reading of the same columns."""
    raw = pd.read_csv(
        shared / COMPANIES,
        lineterminator="\r",
        encoding="latin-1",
        dtype=str,
        keep_default_na=False,
        na_values=[""],
    )
    try:
        from dl_geography.pipelines.ingestion.crunchbase import clean_organizations
    except ImportError:
        return pd.DataFrame(
            {
                "org_id": raw["permalink"].str.strip(),
                "name": raw["name"],
                "description": None,
                "sectors": raw["category_code"].map(lambda c: [c] if isinstance(c, str) else []),
                "sector_groups": [[] for _ in range(len(raw))],
                "region": raw["region"],
            }
        )
    organizations, _ = clean_organizations(raw, None)
    return organizations


@pytest.fixture(scope="module")
def organizations(shared_data):
    return read_2013_organizations(shared_data)


@pytest.fixture(scope="module")
def papers(shared_data):
    raw = pd.read_json(shared_data / ARXIV, lines=True, nrows=3000, dtype={"id": str})
    subjects = raw["categories"].map(
        lambda cats: np.array([c for c in cats if c.startswith("cs.") or c == "stat.ML"])
    )
    return pd.DataFrame(
        {"paper_id": raw["id"].astype(str), "abstract": raw["abstract"], "subjects": subjects}
    )


def test_2013_export_cannot_train_the_classifier(organizations):
    assert len(organizations) == 17727
    assert organizations["description"].isna().all()
    training, counts, report = select_training_organizations(organizations, TRAINING)
    assert training.empty and not counts["learnt"].any()
    empty = report.set_index("reason").loc["empty description"]
    assert empty["count"] == len(organizations)
    with pytest.raises(ValueError, match="needs descriptions"):
        train_sector_classifier(training, counts, {"seed": 1, "cv_folds": 3})


def test_2013_sector_counts_and_the_minimum_count_rule(organizations):
    counts = organizations["sectors"].explode().value_counts()
    assert len(counts) == 42 and counts.idxmax() == "software"
    # Give each firm a stand-in English description to exercise the sector rules at scale.
    text = (
        "This company was founded to build a product for the customers of the market "
        "it serves, and it is based in the United States of America."
    )
    described = organizations.assign(description=text)
    training, _, report = select_training_organizations(described, TRAINING)
    rare = report[report["reason"].str.startswith("sectors with fewer than 10")]
    assert rare["count"].item() == int((counts < 10).sum()) == 1
    assert rare["examples"].item() == "government"
    no_sector = report.set_index("reason").loc["no sector in sectors", "count"]
    assert no_sector == int((organizations["sectors"].map(len) == 0).sum()) == 399
    assert len(training) == 17727 - 399 - 6


def test_sector_shares_on_real_papers(organizations, papers):
    sectors = sorted(organizations["sectors"].explode().dropna().unique())
    assert set(KEYWORDS) <= set(sectors)
    labels = pd.DataFrame(
        {
            "paper_id": papers["paper_id"],
            "is_dl": papers["abstract"].str.contains(
                r"\b(?:deep learning|neural networks?|transformers?)\b", case=False, regex=True
            ),
        }
    )
    incidence, _ = paper_subject_incidence(
        papers, labels, {"dl_label_column": "is_dl", "keep_unlabelled_papers": True}
    )
    predictions = pd.concat(
        [
            pd.DataFrame(
                {
                    "paper_id": papers.loc[
                        papers["abstract"].str.contains(pattern, flags=re.IGNORECASE, regex=True),
                        "paper_id",
                    ],
                    "sector": sector,
                    "probability": 1.0,
                }
            )
            for sector, pattern in KEYWORDS.items()
        ],
        ignore_index=True,
    )
    table = subject_sector_relatedness(incidence, predictions, sectors)

    n_subjects = incidence["subject"].nunique()
    assert len(table) == n_subjects * 42
    assert table["share"].between(0, 1).all()
    # Independent count with Python sets, for three subjects and every keyword sector.
    by_sector = predictions.groupby("sector")["paper_id"].agg(set)
    for subject in ["cs.CR", "cs.CV", "dl"]:
        members = set(incidence.loc[incidence["subject"] == subject, "paper_id"])
        for sector in KEYWORDS:
            row = table[(table["subject"] == subject) & (table["sector"] == sector)].iloc[0]
            hits = len(members & by_sector.get(sector, set()))
            assert (row["n_papers"], row["n_subject_papers"]) == (hits, len(members))
            assert row["share"] == pytest.approx(hits / len(members))
    wide = table.pivot(index="subject", columns="sector", values="share")
    # Cryptography and security papers are the ones that speak of security.
    assert wide["security"].idxmax() == "cs.CR"
    assert wide.loc["cs.CR"].idxmax() == "security"
    assert wide.loc["dl", "software"] == 0.0  # no rule for it: a zero row, not a missing one


def test_whole_pipeline_on_real_data_with_the_keyword_fallback(organizations, papers):
    """Real abstracts, real 2013 sectors, through Kedro's runner (the sample environment's
    setting): the fallback labels abstracts by the 2013 sector names they mention."""
    from kedro.io import DataCatalog, MemoryDataset
    from kedro.runner import SequentialRunner

    from dl_geography.pipelines.industry_relatedness import create_pipeline

    params = conf_parameters()["industry_relatedness"]
    labels = pd.DataFrame(
        {
            "paper_id": papers["paper_id"],
            "is_dl": papers["abstract"].str.contains(
                r"\b(?:deep learning|neural networks?)\b", case=False, regex=True
            ),
        }
    )
    catalog = DataCatalog(
        {
            "papers": MemoryDataset(papers),
            "paper_labels": MemoryDataset(labels),
            "organizations": MemoryDataset(organizations),
            **parameter_datasets(params, "keyword_fallback"),
        }
    )
    pipeline = create_pipeline()
    for name in pipeline.all_outputs():
        catalog[name] = KeptDataset()
    SequentialRunner().run(pipeline, catalog)

    assert catalog.load("sector_classifier_params")["model"] == "keyword_fallback"
    report = catalog.load("industry_relatedness_report").set_index("reason")
    assert report.loc["empty description", "count"] == len(organizations)
    table = catalog.load("subject_sector_relatedness")
    assert table["sector"].nunique() == 41  # 42 categories less government (6 firms < 10)
    assert "government" not in set(table["sector"])
    wide = table.pivot(index="subject", columns="sector", values="share")
    assert wide.loc["cs.CR"].idxmax() == "security"
    assert wide["security"].idxmax() == "cs.CR"
    predictions = catalog.load("paper_sector_predictions")
    assert (predictions["probability"] == 1.0).all()
    unlabelled = report.loc["no sector with probability >= 0.99", "count"]
    assert unlabelled == len(papers) - predictions["paper_id"].nunique()
    assert "dl" in catalog.load("subject_similarity")["subject"].tolist()
