"""Which CrunchBase organisations teach the sector classifier (section 2.2).

The study trained on the ~200,000 longest of 257,000 descriptions. Here every exclusion
is a counted row of the report: organisations with no description, descriptions that do
not look English, no sector, too short a description; and sectors with too few examples
to learn, which leave the label set (an organisation left with no sector leaves too).
"""

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from dl_geography.quality import StageReport

STEP = "sector_training_data"
# Python's Unicode classes written for RE2 (Arrow's regex engine), so the counts run in C++
# and equal those of ``re``: a run of non-word characters (``\W``; a word character is
# str.isalnum() or "_"), a letter (``[^\W\d_]``: alphabetic, or a numeric that is not a
# decimal digit) and a run of non-letters.
NON_WORD = r"[^\p{L}\p{N}_]+"
LETTER = r"[\p{L}\p{Nl}\p{No}]"
NON_LETTERS = r"[^\p{L}\p{Nl}\p{No}]+"
STOP_WORDS = pa.array(sorted(ENGLISH_STOP_WORDS), type=pa.large_string())


def english_stop_word_share(texts: pd.Series) -> pd.Series:
    r"""Share of a text's words that are English stop words (scikit-learn's 318-word list).

    A word is a whole run of word characters made of letters only (any alphabet), what
    ``re.findall(r"\b[^\W\d_]+\b", text)`` finds; "abc1" and "a_b" are not words. A text
    with no word gets 0.
    """
    runs = pc.split_pattern_regex(_arrow_strings(texts), NON_WORD)
    flat, row = pc.list_flatten(runs), pc.list_parent_indices(runs).to_numpy()
    is_word = pc.match_substring_regex(flat, f"^{LETTER}+$").to_numpy(zero_copy_only=False)
    is_stop = pc.is_in(pc.utf8_lower(flat), value_set=STOP_WORDS).to_numpy(zero_copy_only=False)
    words = np.bincount(row[is_word], minlength=len(texts))
    stop_words = np.bincount(row[is_word & is_stop], minlength=len(texts))
    share = np.where(words > 0, stop_words / np.maximum(words, 1), 0.0)
    return pd.Series(share, index=texts.index)


def ascii_letter_share(texts: pd.Series) -> pd.Series:
    """Share of a text's letters (any alphabet) that are the unaccented ASCII letters a-z."""
    strings = _arrow_strings(texts)
    letters = pc.utf8_length(pc.replace_substring_regex(strings, NON_LETTERS, "")).to_numpy()
    ascii_letters = pc.binary_length(
        pc.replace_substring_regex(strings, "[^A-Za-z]+", "")
    ).to_numpy()
    share = np.where(letters > 0, ascii_letters / np.maximum(letters, 1), 0.0)
    return pd.Series(share, index=texts.index)


def looks_english(
    texts: pd.Series, min_stop_word_share: float, min_ascii_letter_share: float
) -> pd.Series:
    """A download-free language check: enough English stop words and mostly ASCII letters.

    English prose is about 40% stop words; a Spanish, German or French description shares
    only a few ("a", "de", "con", "die") and a Chinese or Russian one is mostly non-ASCII.
    """
    return (english_stop_word_share(texts) >= min_stop_word_share) & (
        ascii_letter_share(texts) >= min_ascii_letter_share
    )


def select_training_organizations(
    organizations: pd.DataFrame, params: dict
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Section 2.2: the organisations with the longest English descriptions, and their sectors.

    Steps, each counted in the report: drop organisations with an empty description, a
    non-English one (``looks_english``), no sector in ``params["label_column"]``, or fewer
    than ``min_description_length`` characters; keep the ``max_training_organizations``
    longest (ties by ``org_id``); drop sectors with fewer than ``min_sector_examples``
    organisations from every label list, then organisations left with no sector.

    Returns ``(training, sector_counts, report)``; ``training`` has ``org_id,
    description, sectors`` (``sectors`` always the label column used, whichever it was);
    ``sector_counts`` one row per sector of any organisation: ``n_organizations`` (all
    organisations listing it), ``n_training`` (training examples), ``learnt`` and
    ``enough_organizations`` (``n_organizations >= min_sector_examples``, whatever the
    descriptions: the sectors of the keyword fallback).
    """
    label_column = params["label_column"]
    missing = {"org_id", "description", label_column} - set(organizations.columns)
    if missing:
        raise ValueError(f"organizations lacks the column(s) {sorted(missing)}")
    report = StageReport("industry_relatedness")
    frame = organizations[["org_id", "description", label_column]].rename(
        columns={label_column: "sectors"}
    )
    frame = frame.assign(
        description=frame["description"].fillna("").astype(str).str.strip(),
        sectors=frame["sectors"].map(_clean_labels),
    )
    report.count(STEP, "in", len(frame))
    listed = frame["sectors"].explode().dropna().value_counts().rename("n_organizations")
    frame = _drop(report, frame, frame["description"].str.len() > 0, "empty description")
    english = looks_english(
        frame["description"],
        params["min_english_stop_word_share"],
        params["min_ascii_letter_share"],
    )
    frame = _drop(report, frame, english, "description not English (stop-word/ASCII heuristic)")
    frame = _drop(report, frame, frame["sectors"].map(len) > 0, f"no sector in {label_column}")
    length = frame["description"].str.len()
    frame = _drop(
        report,
        frame,
        length >= params["min_description_length"],
        f"description shorter than {params['min_description_length']} characters",
    )

    frame = frame.assign(length=frame["description"].str.len())
    frame = frame.sort_values(["length", "org_id"], ascending=[False, True], kind="stable")
    limit = params["max_training_organizations"]
    rank = np.arange(len(frame))
    frame = _drop(report, frame, rank < limit, f"beyond the {limit} longest descriptions").drop(
        columns="length"
    )

    counts = frame["sectors"].explode().value_counts()
    rare = counts[counts < params["min_sector_examples"]].sort_values(kind="stable")
    report.count(
        STEP,
        "dropped",
        len(rare),
        f"sectors with fewer than {params['min_sector_examples']} examples "
        "(count of sectors; examples are sector names)",
        rare.index,
    )
    rare_set = set(rare.index)
    frame = frame.assign(
        sectors=frame["sectors"].map(lambda labels: [s for s in labels if s not in rare_set])
    )
    frame = _drop(
        report,
        frame,
        frame["sectors"].map(len) > 0,
        "every sector of the organisation too rare to learn",
    )
    report.count(STEP, "out", len(frame))
    report.count(STEP, "counted", frame["sectors"].explode().nunique(), "sectors learnt")
    learnt = frame["sectors"].explode().dropna().value_counts().rename("n_training")
    sector_counts = pd.concat([listed, learnt], axis=1).fillna(0).astype("int64")
    sector_counts = sector_counts.rename_axis("sector").reset_index()
    sector_counts["learnt"] = sector_counts["n_training"] > 0
    sector_counts["enough_organizations"] = (
        sector_counts["n_organizations"] >= params["min_sector_examples"]
    )
    sector_counts = sector_counts.astype({"sector": str}).sort_values("sector", ignore_index=True)
    return frame.reset_index(drop=True), sector_counts, report.to_frame()


def _arrow_strings(texts: pd.Series) -> pa.Array:
    """The texts as an Arrow string array, missing texts empty."""
    values = texts.fillna("").astype(str).to_numpy(dtype=object)
    return pa.array(values, type=pa.large_string())


def _clean_labels(labels) -> list[str]:
    """A label list (list, numpy array or None) as sorted unique non-empty strings."""
    if labels is None or (isinstance(labels, float) and np.isnan(labels)):
        return []
    if isinstance(labels, str):
        labels = [labels]
    return sorted({str(s).strip() for s in labels if s is not None and str(s).strip()})


def _drop(report: StageReport, frame: pd.DataFrame, keep: pd.Series, reason: str) -> pd.DataFrame:
    keep = pd.Series(keep, index=frame.index).fillna(False).astype(bool)
    report.count(STEP, "dropped", int((~keep).sum()), reason, frame.loc[~keep, "org_id"])
    return frame.loc[keep]
