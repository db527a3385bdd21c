"""What readers see in the geography figures: maps without degree axes but with a legend
and a source line, whole years on year axes, the technology's words; and the growth
robustness table."""

import matplotlib.pyplot as plt
import pytest

from dl_geography.pipelines.geography.analysis_table import build_analysis_table
from dl_geography.pipelines.geography.gpt_tests import (
    dl_growth_robustness,
    dl_share_by_year,
    plot_dl_share_by_year,
)
from dl_geography.pipelines.geography.rca import plot_country_rca, rca_by_country
from tests.params import conf_parameters
from tests.pipelines.geography.synthetic import make_inputs


@pytest.fixture(scope="module")
def setting():
    parameters = conf_parameters()
    inputs = make_inputs()
    table, _ = build_analysis_table(
        inputs["paper_institutes"],
        inputs["paper_labels"],
        inputs["papers"],
        inputs["paper_work_matches"],
        params=parameters["geography"],
        data_params=parameters["geography"]["data"],
    )
    return parameters, inputs, table


def test_country_map_is_a_choropleth_with_legend_and_source(setting):
    parameters, inputs, table = setting
    params = {**parameters["geography"], "boundaries_source": "Natural Earth (test)"}
    rca = rca_by_country(table, params, parameters["geography"]["data"])
    fig = plot_country_rca(rca, inputs["countries"], params)
    map_ax = fig.axes[0]
    assert not map_ax.axison  # no longitude/latitude axes
    assert map_ax.get_legend() is not None
    texts = [t.get_text() for t in map_ax.texts]
    assert "Boundaries: Natural Earth (test)" in texts
    assert map_ax.collections, "no polygons drawn"
    plt.close(fig)


def test_year_axes_and_technology_words(setting):
    parameters, _, table = setting
    params = {
        **parameters["geography"],
        "technology": {"name": "large language models", "short": "LLM"},
    }
    fig = plot_dl_share_by_year(dl_share_by_year(table, params), params)
    ax = fig.axes[0]
    fig.canvas.draw()
    ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert ticks and all("." not in t for t in ticks)  # whole years
    assert "large language models" in ax.get_title() and "LLM" in ax.get_ylabel()
    plt.close(fig)


def test_growth_robustness_by_label_and_citations(setting):
    parameters, _, table = setting
    robustness = dl_growth_robustness(table, parameters["geography"])
    assert (
        list(robustness["label"]) == ["main (any DL topic)"] * 2 + ["strict (every DL topic)"] * 2
    )
    assert list(robustness["papers"]) == ["all papers", "highly cited papers"] * 2
    papers = table.drop_duplicates("paper_id")
    after = papers[papers["year"] >= parameters["geography"]["break_year"]]
    assert robustness.loc[0, "n_papers_after"] == len(after)
    assert robustness.loc[0, "share_after"] == pytest.approx(after["is_dl"].mean())
    cited = after[after["highly_cited"]]
    assert robustness.loc[1, "share_after"] == pytest.approx(cited["is_dl"].mean())
    assert robustness.loc[2, "share_after"] == pytest.approx(after["is_dl_strict"].mean())
