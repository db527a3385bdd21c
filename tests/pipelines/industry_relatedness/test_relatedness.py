"""Industry relatedness (section 2.2, Fig 7): subject x sector shares by hand."""

import matplotlib.figure
import pandas as pd
import pytest

from dl_geography.pipelines.industry_relatedness.relatedness import (
    plot_subject_sector_relatedness,
    subject_sector_relatedness,
)

INCIDENCE = pd.DataFrame(
    {
        "paper_id": ["p1", "p1", "p2", "p2", "p3", "p3", "p4"],
        "subject": ["cs.LG", "dl", "cs.LG", "cs.CV", "cs.CV", "dl", "cs.CR"],
    }
)
PREDICTIONS = pd.DataFrame(
    {
        "paper_id": ["p1", "p1", "p2", "p3"],
        "sector": ["ai", "software", "software", "ai"],
        "probability": [0.995, 0.991, 0.999, 0.99],
    }
)
SECTORS = ["ai", "health", "software"]


def test_shares_are_counted_by_hand():
    table = subject_sector_relatedness(INCIDENCE, PREDICTIONS, SECTORS)
    assert list(table.columns) == ["subject", "sector", "share", "n_papers", "n_subject_papers"]
    assert len(table) == 4 * 3  # every subject x every sector, zeros included
    got = table.set_index(["subject", "sector"])
    # dl = {p1, p3}: ai on both, software on p1 only, health on none.
    assert got.loc[("dl", "ai"), ["share", "n_papers", "n_subject_papers"]].tolist() == [1, 2, 2]
    assert got.loc[("dl", "software"), "share"] == 0.5
    assert got.loc[("dl", "health"), "share"] == 0.0
    # cs.LG = {p1, p2}: software on both, ai on p1.
    assert got.loc[("cs.LG", "software"), "share"] == 1.0
    assert got.loc[("cs.LG", "ai"), "share"] == 0.5
    # cs.CR's only paper has no sector above the threshold: zero everywhere.
    assert got.loc["cs.CR", "share"].tolist() == [0.0, 0.0, 0.0]


def test_a_sector_the_classifier_does_not_know_is_an_error():
    bad = pd.concat(
        [
            PREDICTIONS,
            pd.DataFrame({"paper_id": ["p4"], "sector": ["mining"], "probability": [1.0]}),
        ]
    )
    with pytest.raises(ValueError, match="mining"):
        subject_sector_relatedness(INCIDENCE, bad, SECTORS)


def test_fig7_puts_dl_first_and_sectors_by_dl_share():
    table = subject_sector_relatedness(INCIDENCE, PREDICTIONS, SECTORS)
    fig = plot_subject_sector_relatedness(
        table,
        {
            "fig7_max_subjects": 2,
            "fig7_max_sectors": 2,
            "technology": {"name": "deep learning", "short": "DL"},
        },
        {"probability_threshold": 0.99},
    )
    assert isinstance(fig, matplotlib.figure.Figure)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["ai", "software"]
    # subjects by size: cs.CV and cs.LG have 2 papers (name order), cs.CR 1 (cut).
    assert [t.get_text() for t in ax.get_yticklabels()] == ["dl", "cs.CV", "cs.LG"]
    assert "0.99" in ax.get_title()
    assert min(t.get_fontsize() for t in ax.get_yticklabels()) >= 10
