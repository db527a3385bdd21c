"""Affiliation matches scored against hand-labelled strings: pair-level, by part."""

import pandas as pd
import pytest

from dl_geography.pipelines.enrichment.evaluation import (
    score_affiliations_against_labelled_set,
)

PARAMS = {"bootstrap_samples": 200, "confidence": 0.95, "seed": 1}
LABELS = pd.DataFrame(
    {
        "affiliation": ["MIT", "TUM / LMU", "Nowhere Lab", "Inria  Sophia", "Unseen"],
        "grid_ids": ["g.mit", "g.tum;g.lmu", "NONE", "g.sophia", "g.x"],
        "also_ok": ["", "", "", "g.inria", ""],
        "clarity": "clear",
        "note": "",
    }
)
SPLIT = pd.DataFrame(
    {"affiliation": LABELS["affiliation"], "split": ["dev", "dev", "dev", "test", "test"]}
)


def test_pairs_also_ok_and_parts():
    matches = pd.DataFrame(
        {
            "affiliation": ["MIT", "TUM / LMU", "Nowhere Lab", "Inria Sophia"],
            "institute_id": ["g.mit", "g.tum", "g.wrong", "g.inria"],
        }
    )
    table = score_affiliations_against_labelled_set(matches, LABELS, SPLIT, PARAMS)
    dev = table.set_index("part").loc["dev"]
    # predicted pairs: mit (right), tum (right), wrong (wrong) -> 2/3; gold pairs mit, tum, lmu
    assert dev["precision"] == pytest.approx(2 / 3) and dev["recall"] == pytest.approx(2 / 3)
    assert dev["n_strings"] == 3 and dev["precision_low"] <= dev["precision"]
    test = table.set_index("part").loc["test"]
    # "Unseen" was not matched by the run: not scored; whitespace is collapsed for the join
    assert test["n_strings"] == 1 and test["precision"] == 1.0 and test["recall"] == 0.0


def test_empty_when_the_run_holds_no_labelled_string():
    matches = pd.DataFrame({"affiliation": ["Demo University"], "institute_id": ["d.1"]})
    assert score_affiliations_against_labelled_set(matches, LABELS, SPLIT, PARAMS).empty
