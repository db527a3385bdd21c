"""docs/*.md quote run figures only inside blocks that scripts/docs_figures.py writes."""

import importlib.util

import pytest

from tests.conftest import PROJECT_ROOT

SPEC = importlib.util.spec_from_file_location(
    "docs_figures", PROJECT_ROOT / "scripts" / "docs_figures.py"
)
docs_figures = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(docs_figures)


def test_every_block_has_its_markers_and_its_command():
    for name, (doc, _, run) in docs_figures.BLOCKS.items():
        text = (PROJECT_ROOT / doc).read_text("utf-8")
        match = docs_figures.block_pattern(name).search(text)
        assert match, f"{doc} lacks the {name} block"
        assert match.group(2).startswith(f"Command: {docs_figures.COMMANDS[run]}.")


def test_render_replaces_only_the_block():
    text = "before\n<!-- docs_figures:x -->\nold 1.23\n<!-- /docs_figures:x -->\nafter 4.56\n"
    new = docs_figures.render(text, "x", "new 7.89")
    assert "old 1.23" not in new and "new 7.89" in new and "after 4.56" in new
    assert docs_figures.render(new, "x", "new 7.89") == new
    with pytest.raises(ValueError, match="no <!-- docs_figures:y -->"):
        docs_figures.render(text, "y", "z")


@pytest.mark.e2e
def test_blocks_are_computed_from_the_run(demo_project):
    data = demo_project.root / "data"
    coefficients = demo_project.load("table_3_coefficients")
    model = coefficients[coefficients["model"] == "Model 4"]
    assert f"n {int(model['n'].iloc[0])}." in docs_figures.drivers_demo(data)
    agreement = demo_project.load("keyword_label_agreement")
    text = docs_figures.topic_modelling_demo(data)
    assert f"Keyword agreement {agreement['agreement'].iloc[0]:.3f}" in text
    params = demo_project.load("sector_classifier_params")
    assert (
        f"{params['n_training_organizations']:,} training"
        in docs_figures.industry_relatedness_demo(data)
    )


@pytest.mark.shared_data
def test_sample_blocks_are_computed_from_the_run(sample_project):
    data = sample_project.root / "data" / "sample"
    quality = sample_project.load("affiliation_quality").set_index("part")
    assert f"| {int(quality.loc['test', 'n_strings'])} |" in docs_figures.affiliations_sample(data)
    report = sample_project.load("enrichment_report")
    matched = report[(report["step"] == "affiliation_matches") & (report["outcome"] == "out")]
    text = docs_figures.affiliations_report_sample(data)
    assert text.startswith(f"{int(matched['count'].iloc[0])} of ")
