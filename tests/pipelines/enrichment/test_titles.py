"""Section 2.1.2 title normalisation on hand-written cases."""

import pandas as pd
import pytest

from dl_geography.titles import normalise_titles


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Deep  Learning:   a Review!", "deep learning a review"),
        ("$\\alpha$-Divergence for Deep Nets", "α divergence for deep nets"),
        ("α-divergence for deep nets", "α divergence for deep nets"),
        ("Sch\\\"olkopf and Caf\\'{e}: $\\mathcal{O}(n)$ bounds", "schölkopf and café o n bounds"),
        ("Schölkopf and Café: O(n) bounds", "schölkopf and café o n bounds"),
        ("\\c{C}a va, \\v{s}um", "ça va šum"),
        ("Über die Graphen", "über die graphen"),
        ("Нейронные сети", "нейронные сети"),
        ("深度学习 review", "深度学习 review"),
        ("ﬁne-tuning BERT_large on GPT-2", "fine tuning bert large on gpt 2"),
        ("$\\Sigma$-nets and $\\epsilon$-greedy", "σ nets and ε greedy"),
    ],
)
def test_normalise_titles_cases(raw, expected):
    assert normalise_titles(pd.Series([raw])).iloc[0] == expected


def test_normalise_titles_missing_and_empty_stay_missing():
    out = normalise_titles(pd.Series([None, "...", "ok"]))
    assert out.isna().tolist() == [True, True, False]


def test_latex_and_unicode_titles_get_the_same_key():
    arxiv = pd.Series(['On $\\beta$-VAE and Schr\\"odinger bridges'])
    published = pd.Series(["On β-VAE and Schrödinger Bridges."])
    assert normalise_titles(arxiv).iloc[0] == normalise_titles(published).iloc[0]


def test_script_l_matches_its_unicode_form():
    keys = normalise_titles(pd.Series(["$\\ell_1$-Sparse Codes", "ℓ1-sparse codes"]))
    assert keys.iloc[0] == keys.iloc[1] == "l1 sparse codes"
