"""End to end on the demo world: enrichment recovers the planted truth."""

import pandas as pd
import pytest

pytestmark = pytest.mark.e2e


def truth(project, name: str) -> pd.DataFrame:
    return pd.read_csv(
        project.root / "data/01_raw/demo/truth" / name,
        dtype=str,
        keep_default_na=False,
        na_values=[""],
    )


def precision_recall(pred: pd.Series, true: pd.Series) -> tuple[float, float]:
    """Precision over predicted links, recall over links the truth holds."""
    got, known = pred.notna(), true.notna()
    right = got & known & (pred == true)
    return right.sum() / got.sum(), right.sum() / known.sum()


def test_papers_meet_their_published_works(demo_project):
    matches = demo_project.load("paper_work_matches")
    papers = truth(demo_project, "papers.csv")
    j = papers.merge(matches, on="paper_id", suffixes=("_true", ""))
    assert len(j) == len(matches)  # every ingested paper is in the truth
    pred = j["work_id"].where(j["is_published"])
    true = j["work_id_true"].where(j["published"] == "True")
    precision, recall = precision_recall(pred, true)
    print(f"paper -> published work: precision {precision:.4f}, recall {recall:.4f}")
    assert precision >= 0.98 and recall >= 0.90
    assert set(matches["method"]) >= {"doi", "arxiv_doi", "title"}


def test_affiliations_meet_their_institutes(demo_project):
    matches = demo_project.load("affiliation_matches")
    strings = truth(demo_project, "affiliations.csv")
    j = strings.merge(matches, on="affiliation", suffixes=("_true", ""))
    assert len(j) == len(matches)
    # "A; B" names two institutes (segments: all): a row is right when it is either
    got = j["institute_id"].notna()
    first = (j["institute_id"] == j["institute_id_true"]).fillna(False)
    second = (j["institute_id"] == j["second_institute_id"]).fillna(False)
    precision = (got & (first | second)).sum() / got.sum()
    found = first.groupby(j["affiliation"]).any()
    known = j.drop_duplicates("affiliation").set_index("affiliation")["institute_id_true"].notna()
    recall = found[known.index[known]].mean()
    print(
        f"affiliation -> institute: precision {precision:.4f} (pairs), recall {recall:.4f} "
        f"(first institute) on {j['affiliation'].nunique()} distinct strings, "
        f"{second.sum()} second institutes of {j['second_institute_id'].notna().sum()}"
    )
    assert precision >= 0.98 and recall >= 0.90


def test_every_placed_institute_is_in_its_true_country_and_region(demo_project):
    placed = demo_project.load("institutes_geocoded")
    inst = truth(demo_project, "institutes.csv")
    j = inst.merge(placed, on="institute_id", suffixes=("_true", ""))
    on_map = j[j["placement"].isin(["within", "nearest"])]
    assert len(on_map) > 0.9 * len(j)
    assert (on_map["region_id"] == on_map["region_id_true"]).all()
    assert (on_map["placed_country_code"] == on_map["country_code_true"]).all()
    # the offshore institutes are placed by the nearest polygon; multinationals are excluded
    assert set(j.loc[j["offshore"] == "True", "placement"]) == {"nearest"}
    assert set(j.loc[j["n_locations_true"].astype(int) > 1, "placement"]) == {
        "excluded_multinational"
    }


def test_paper_institutes_weights_and_report(demo_project):
    links = demo_project.load("paper_institutes")
    assert links.groupby("paper_id")["weight"].sum().round(9).eq(1).all()
    assert not links.duplicated(["paper_id", "institute_id"]).any()
    published = demo_project.load("paper_work_matches").query("is_published")["paper_id"]
    assert links["paper_id"].isin(published).all()
    report = demo_project.load("enrichment_report")
    steps = set(report["step"])
    assert {
        "paper_work_matches",
        "affiliation_matches",
        "institutes_geocoded",
        "organizations_geocoded",
        "paper_institutes",
    } <= steps
    dropped = report[(report["step"] == "paper_institutes") & (report["outcome"] == "dropped")]
    papers_in = report.query("step == 'paper_institutes' and outcome == 'in'")["count"].iloc[0]
    papers_out = report.query("step == 'paper_institutes' and outcome == 'out'")["count"].iloc[0]
    assert papers_in == papers_out + dropped["count"].sum()  # every lost paper counted once
    assert papers_out == links["paper_id"].nunique()
