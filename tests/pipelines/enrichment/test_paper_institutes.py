"""Paper x institute links and their fractional weights."""

import pandas as pd
import pytest

from dl_geography.pipelines.enrichment.paper_institutes import link_papers_to_institutes


def frames():
    papers = pd.DataFrame({"paper_id": ["p1", "p2", "p3", "p4", "p5", "p6"]})
    matches = pd.DataFrame(
        {
            "paper_id": ["p1", "p2", "p3", "p4", "p5", "p6"],
            "work_id": ["W1", "W2", "W3", "W4", None, "W6"],
            "is_published": [True, True, True, True, False, True],
        }
    )
    auth = pd.DataFrame(
        {
            "work_id": ["W1", "W1", "W1", "W1", "W2", "W3", "W4", "W6"],
            "affiliation": [
                "Uni A",
                "Uni B",
                "Uni A",
                "Globex",
                "Nowhere U",
                "Globex",
                "Far Lab",
                None,
            ],
        }
    )
    aff = pd.DataFrame(
        {
            "affiliation": ["Uni A", "Uni B", "Globex", "Nowhere U", "Far Lab"],
            "institute_id": ["A", "B", "G", None, "F"],
        }
    )
    geo = pd.DataFrame(
        {
            "institute_id": ["A", "B", "G", "F"],
            "country_code": ["DE", "US", "US", "GB"],
            "placed_country_code": ["DE", "US", None, None],
            "country": ["Germany", "USA", None, None],
            "region_id": ["DEU-1", "USA-1", None, None],
            "region": ["Bayern", "Mass", None, None],
            "placement": ["within", "nearest", "excluded_multinational", "unplaced"],
        }
    )
    return papers, matches, auth, aff, geo


def run(**params):
    papers, matches, auth, aff, geo = frames()
    return link_papers_to_institutes(
        papers=papers,
        paper_work_matches=matches,
        authorships=auth,
        affiliation_matches=aff,
        institutes_geocoded=geo,
        params={"require_published": True, **params},
    )


def test_weights_are_one_over_placed_institutes():
    out, _ = run()
    assert out[["paper_id", "institute_id"]].values.tolist() == [["p1", "A"], ["p1", "B"]]
    assert out["weight"].tolist() == pytest.approx([0.5, 0.5])
    assert out.groupby("paper_id")["weight"].sum().tolist() == pytest.approx([1.0])
    assert out.loc[out["institute_id"] == "B", ["region_id", "country_code"]].values.tolist() == [
        ["USA-1", "US"]
    ]


def test_every_lost_paper_is_counted_once_with_its_reason():
    _, report = run()
    dropped = report[report["outcome"] == "dropped"].set_index("reason")
    assert dropped.loc["no published work (section 2.1.2)", "examples"] == "p5"
    assert dropped.loc["no affiliation string", "examples"] == "p6"
    assert dropped.loc["no affiliation matched an institute", "examples"] == "p2"
    assert dropped.loc["only multinational institutes", "examples"] == "p3"
    assert dropped.loc["no institute placed on the map", "examples"] == "p4"
    assert dropped["count"].sum() == 5


def test_authorships_with_paper_id_and_no_published_filter():
    papers, matches, auth, aff, geo = frames()
    direct = pd.DataFrame(
        {"paper_id": ["p5", "p5"], "work_id": [None, None], "affiliation": ["Uni B", "Uni A"]}
    )
    out, _ = link_papers_to_institutes(
        papers=papers,
        paper_work_matches=matches,
        authorships=pd.concat([auth, direct]),
        affiliation_matches=aff,
        institutes_geocoded=geo,
        params={"require_published": False},
    )
    assert sorted(out.loc[out["paper_id"] == "p5", "institute_id"]) == ["A", "B"]
