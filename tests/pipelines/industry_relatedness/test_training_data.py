"""Choosing the sector classifier's training organisations (section 2.2) and its bad cases."""

import numpy as np
import pandas as pd
import pytest

from dl_geography.pipelines.industry_relatedness.training_data import (
    ascii_letter_share,
    english_stop_word_share,
    looks_english,
    select_training_organizations,
)

PARAMS = {
    "label_column": "sectors",
    "min_description_length": 40,
    "max_training_organizations": 3,
    "min_sector_examples": 2,
    "min_english_stop_word_share": 0.15,
    "min_ascii_letter_share": 0.9,
}

ENGLISH = "We build the software that helps a hospital plan its staff and beds."
SPANISH = "Empresa española que desarrolla programas de gestión para hospitales y clínicas."
GERMAN = "Wir entwickeln Software für Krankenhäuser, Kliniken und Arztpraxen in ganz Europa."
CHINESE = "我们为医院开发排班和床位管理软件，服务全国三百多家医院和诊所。"


def test_stop_word_share_is_counted_by_hand():
    # the cat is on the mat: 6 words, of which the, is, on, the are stop words.
    shares = english_stop_word_share(pd.Series(["the cat is on the mat", "", None]))
    assert shares.tolist() == pytest.approx([4 / 6, 0.0, 0.0])


def test_ascii_letter_share_is_counted_by_hand():
    shares = ascii_letter_share(pd.Series(["café", "abc 123", "日本"]))
    assert shares.tolist() == pytest.approx([3 / 4, 1.0, 0.0])


def test_language_heuristic_keeps_english_only():
    verdict = looks_english(pd.Series([ENGLISH, SPANISH, GERMAN, CHINESE]), 0.15, 0.9)
    assert verdict.tolist() == [True, False, False, False]


def _organizations():
    long_text = ENGLISH + " It is used by the largest clinics in the country."
    return pd.DataFrame(
        {
            "org_id": ["empty", "none", "spanish", "short", "nosector", "a", "b", "c", "d", "e"],
            "description": [
                "   ",
                None,
                SPANISH,
                "We sell shoes.",
                ENGLISH,
                long_text,
                ENGLISH + " Longer.",
                ENGLISH,
                ENGLISH + " And more.",
                ENGLISH,
            ],
            "sectors": [
                ["health"],
                ["health"],
                ["health"],
                ["retail"],
                np.array([]),
                np.array(["health", "software"]),
                ["health", "rare"],
                ["software"],
                ["health", "software"],
                None,
            ],
        }
    )


def test_selection_counts_every_exclusion():
    training, counts, report = select_training_organizations(_organizations(), PARAMS)
    dropped = report[report["outcome"] == "dropped"].set_index("reason")
    assert dropped.loc["empty description", "count"] == 2
    assert set(dropped.loc["empty description", "examples"].split("; ")) == {"empty", "none"}
    heuristic = dropped.loc["description not English (stop-word/ASCII heuristic)"]
    assert (heuristic["count"], heuristic["examples"]) == (1, "spanish")
    assert dropped.loc["no sector in sectors", "count"] == 2  # nosector, e
    assert dropped.loc["description shorter than 40 characters", "examples"] == "short"
    # a, d, b are the three longest of a, b, c, d; c is cut by the maximum count.
    assert dropped.loc["beyond the 3 longest descriptions", "examples"] == "c"
    rare = dropped.loc[
        "sectors with fewer than 2 examples (count of sectors; examples are sector names)"
    ]
    assert (rare["count"], rare["examples"]) == (1, "rare")
    assert list(training["org_id"]) == ["a", "d", "b"]
    assert [list(s) for s in training["sectors"]] == [
        ["health", "software"],
        ["health", "software"],
        ["health"],
    ]
    # health: none, empty, spanish, a, b, d; software: a, c, d; retail: short; rare: b.
    assert counts.to_dict("records") == [
        {
            "sector": "health",
            "n_organizations": 6,
            "n_training": 3,
            "learnt": True,
            "enough_organizations": True,
        },
        {
            "sector": "rare",
            "n_organizations": 1,
            "n_training": 0,
            "learnt": False,
            "enough_organizations": False,
        },
        {
            "sector": "retail",
            "n_organizations": 1,
            "n_training": 0,
            "learnt": False,
            "enough_organizations": False,
        },
        {
            "sector": "software",
            "n_organizations": 3,
            "n_training": 2,
            "learnt": True,
            "enough_organizations": True,
        },
    ]
    ins = report[report["outcome"] == "in"]["count"].tolist()
    outs = report[report["outcome"] == "out"]["count"].tolist()
    assert (ins, outs) == ([10], [3])


def test_an_organisation_with_only_rare_sectors_leaves():
    orgs = pd.DataFrame(
        {
            "org_id": ["a", "b", "c"],
            "description": [ENGLISH] * 3,
            "sectors": [["health"], ["health"], ["rare"]],
        }
    )
    params = {**PARAMS, "max_training_organizations": 10}
    training, _, report = select_training_organizations(orgs, params)
    assert list(training["org_id"]) == ["a", "b"]
    gone = report[report["reason"] == "every sector of the organisation too rare to learn"]
    assert (gone["count"].item(), gone["examples"].item()) == (1, "c")


def test_sector_groups_can_be_the_labels():
    orgs = pd.DataFrame(
        {
            "org_id": ["a", "b"],
            "description": [ENGLISH] * 2,
            "sectors": [["x"], ["y"]],
            "sector_groups": [["G"], ["G"]],
        }
    )
    params = {**PARAMS, "label_column": "sector_groups"}
    training, _, _ = select_training_organizations(orgs, params)
    assert [list(s) for s in training["sectors"]] == [["G"], ["G"]]


def test_missing_column_is_named():
    with pytest.raises(ValueError, match="description"):
        select_training_organizations(pd.DataFrame({"org_id": [], "sectors": []}), PARAMS)


def _python_re_shares(texts: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """The two shares by the definitions of the docstrings, with Python's ``re``."""
    import re

    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    stop, ascii_ = [], []
    for text in texts.fillna(""):
        words = re.findall(r"\b[^\W\d_]+\b", text)
        stop.append(
            sum(w.lower() in ENGLISH_STOP_WORDS for w in words) / len(words) if words else 0.0
        )
        letters = re.findall(r"[^\W\d_]", text)
        ascii_.append(len(re.findall(r"[A-Za-z]", text)) / len(letters) if letters else 0.0)
    return np.array(stop), np.array(ascii_)


@pytest.mark.shared_data
def test_shares_equal_pythons_re_on_real_multilingual_text(shared_data):
    """Arrow's RE2 classes count what Python's ``re`` counts, on real affiliation strings in
    many scripts and languages, real abstracts, and hand-made edge cases."""
    import json

    lines = shared_data / "openalex" / "arxiv_with_openalex_affiliations_520.jsonl"
    records = [json.loads(line) for line in lines.read_text(encoding="utf-8").splitlines()]
    affiliations = [
        str(a.get("affiliation") or "")
        for r in records
        for a in (r.get("author_affiliations") or [])
    ]
    texts = pd.Series(
        [
            *affiliations,
            *(r["abstract"] for r in records[:200]),
            "abc1 def_g h²i ½x",
            "x\u0301y naïve",
            "Ⅻ roman",
            "a-b c'd",
            "",
            None,
        ]
    )
    stop, ascii_ = _python_re_shares(texts)
    np.testing.assert_allclose(english_stop_word_share(texts).to_numpy(), stop)
    np.testing.assert_allclose(ascii_letter_share(texts).to_numpy(), ascii_)
