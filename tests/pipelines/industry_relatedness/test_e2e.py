"""End to end on the demo world: the classifier against the true sectors, and the planted
relation (DL closest to the AI / data / software sectors) recovered."""

import json

import pandas as pd
import pytest

pytestmark = pytest.mark.e2e


def _truth(project, name):
    return project.root / "data" / "01_raw" / "demo" / "truth" / name


@pytest.fixture(scope="module")
def truth_organizations(demo_project):
    table = pd.read_csv(_truth(demo_project, "organizations.csv"), dtype={"org_id": str})
    table["sectors"] = (
        table["sectors"].fillna("").str.split(";").map(lambda s: sorted(x for x in s if x))
    )
    return table.set_index("org_id")


@pytest.fixture(scope="module")
def effects(demo_project):
    return json.loads(_truth(demo_project, "effects.json").read_text())


def test_exclusions_match_the_planted_bad_descriptions(demo_project, truth_organizations):
    report = demo_project.load("industry_relatedness_report").set_index("reason")
    kinds = truth_organizations["description_kind"].value_counts()
    assert report.loc["empty description", "count"] == kinds["empty"]
    heuristic = report.loc["description not English (stop-word/ASCII heuristic)"]
    assert heuristic["count"] == kinds["foreign"]
    shown = heuristic["examples"].split("; ")
    assert (truth_organizations.loc[shown, "description_kind"] == "foreign").all()


def test_classifier_trains_on_true_sectors_and_scores_well(demo_project, truth_organizations):
    training = demo_project.load("sector_training_organizations").set_index("org_id")
    truth = truth_organizations.loc[training.index, "sectors"]
    assert [sorted(s) for s in training["sectors"]] == list(truth)
    assert (truth_organizations.loc[training.index, "description_kind"] == "english").all()

    metrics = demo_project.load("sector_classifier_metrics").set_index("sector")
    true_support = truth.explode().value_counts()
    assert metrics.drop("macro")["support"].sort_index().to_dict() == (
        true_support.sort_index().to_dict()
    )
    macro_f1 = metrics.loc["macro", "f1"]
    print(
        f"sector classifier: cross-validated macro F1 {macro_f1:.3f} over "
        f"{len(metrics) - 1} sectors"
    )
    assert macro_f1 >= 0.8
    chosen = demo_project.load("sector_classifier_params")
    assert chosen["cv_macro_f1"] == pytest.approx(macro_f1)
    assert {c["model"] for c in chosen["candidates"]} >= {"logistic_l1", "complement_nb"}


def test_fitted_classifier_reads_true_sectors_from_descriptions(demo_project, truth_organizations):
    # In-sample: checks that the saved model is the fitted one and reads the true labels;
    # the generalisation estimate is the cross-validated F1 above.
    classifier = demo_project.load("sector_classifier")
    training = demo_project.load("sector_training_organizations")
    sample = training.sample(500, random_state=0)
    probabilities = classifier["model"].predict_proba(sample["description"].tolist())
    top = [classifier["sectors"][i] for i in probabilities.argmax(axis=1)]
    truth = truth_organizations.loc[sample["org_id"], "sectors"]
    hits = sum(t in s for t, s in zip(top, truth, strict=True))
    assert hits / len(sample) >= 0.9  # the most probable sector is a true one


def test_dl_is_closest_to_the_ai_data_software_sectors(demo_project, effects):
    ai_sectors = set(effects["ai_sectors"])
    table = demo_project.load("subject_sector_relatedness")
    dl = table[table["subject"] == "dl"].set_index("sector")["share"]
    top3 = dl.sort_values(ascending=False).index[:3]
    print("DL's top sectors:", dict(dl.sort_values(ascending=False).head(5).round(3)))
    assert set(top3) <= ai_sectors
    predictions = demo_project.load("paper_sector_predictions")
    incidence = demo_project.load("paper_subject_incidence")
    in_ai = set(predictions.loc[predictions["sector"].isin(ai_sectors), "paper_id"])
    ai_share = incidence.assign(ai=incidence["paper_id"].isin(in_ai)).groupby("subject")["ai"]
    ranking = ai_share.mean().sort_values(ascending=False)
    assert ranking.index[0] == "dl"  # no subject's papers read more like AI/data/software


def test_dl_subjects_are_closest_to_dl_in_research(demo_project, effects):
    similarity = demo_project.load("subject_similarity").set_index("subject")
    closest = similarity["dl"].drop("dl").sort_values(ascending=False).index[:5]
    assert set(closest) <= set(effects["dl_subjects"])


def test_papers_without_a_sector_are_counted(demo_project):
    report = demo_project.load("industry_relatedness_report").set_index("reason")
    predictions = demo_project.load("paper_sector_predictions")
    papers = demo_project.load("papers")
    unlabelled = report.loc["no sector with probability >= 0.99", "count"]
    assert unlabelled == len(papers) - predictions["paper_id"].nunique()
    assert (predictions["probability"] >= 0.99).all()
