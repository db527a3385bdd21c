import io
import re

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from dl_geography.pipelines.reporting.headlines import headline_sentences
from dl_geography.pipelines.reporting.html import figure_html, table_html
from dl_geography.pipelines.reporting.report import assemble_report
from dl_geography.pipelines.reporting.sections import SECTIONS, report_datasets

PARAMETERS = {"geography": {"break_year": 2012}, "drivers": {"subject_models": {"model": "M4"}}}
REPORTING = {"title": "T", "data_mode": "demo", "banner": "DEMO DATA banner", "sources": ["S1"]}


def _png() -> bytes:
    fig, ax = plt.subplots(figsize=(2, 1))
    ax.plot([0, 1])
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return buffer.getvalue()


def _headline_inputs() -> dict:
    return {
        "table_2": pd.DataFrame({
            "statistic": ["n_papers", "mean_citations"], "dl": [100.0, 20.0],
            "non_dl": [300.0, 10.0], "study_dl": [0.0, 0.0], "study_non_dl": [0.0, 0.0]}),
        "dl_share_by_year": pd.DataFrame({
            "year": [2010, 2011, 2013], "n_papers": [50, 50, 100], "n_dl": [1, 2, 30],
            "period": ["before", "before", "after"]}),
        "headline_statistics": pd.DataFrame({
            "statistic": ["dl_growth_multiple", "dl_growth_multiple", "dl_paper_share"],
            "location": ["Singapore", "Chile", "United States"],
            "value": [77.0, 2.0, 0.33], "rank": [1.0, 2.0, 1.0]}),
        "rca_by_country": pd.DataFrame({
            "country": ["China", "France"], "period": ["after", "after"],
            "rca": [1.5, 0.5], "most_active": [True, True]}),
        "table_3_coefficients": pd.DataFrame({
            "model": ["M4", "M4"], "term": ["arxiv_sp_x_cb_sp", "is_china"],
            "coef": [0.245, 1.584], "p_value": [0.001, 0.0], "n": [451, 451],
            "r2": [0.166, 0.166]}),
    }


def test_headlines_compute_every_number_from_the_tables():
    lines = headline_sentences(_headline_inputs(), PARAMETERS)
    text = " ".join(lines)
    assert "100 of 400 papers (25.0%)" in text
    assert "from 3.0% before 2012 to 30.0% from 2012 on" in text
    assert "Singapore (x77.0), Chile (x2.0)" in text
    assert "United States (33.0%)" in text
    assert "China (1.50), France (0.50)" in text
    assert "interaction 0.245 (p = 0.001)" in text


def test_headlines_skip_empty_tables():
    inputs = {name: frame.iloc[0:0] for name, frame in _headline_inputs().items()}
    assert headline_sentences(inputs, PARAMETERS) == []


def test_table_html_formats_and_truncates():
    table = pd.DataFrame({"name": ["a", "b", "c"], "value": [1234567.0, 0.5, np.nan],
                          "items": [["x", "y"], [], ["z"]]})
    fragment = table_html(table, max_rows=2)
    assert "1,234,567" in fragment and "0.500" in fragment and "x, y" in fragment
    assert "First 2 of 3 rows" in fragment
    assert "<td>c</td>" not in fragment


def test_report_embeds_every_item_with_demo_banner():
    png = _png()
    datasets = _headline_inputs()
    for section in SECTIONS:
        for item in section.items:
            if item.kind == "figure":
                datasets[item.dataset] = png
            elif item.dataset not in datasets:
                datasets[item.dataset] = pd.DataFrame({
                    "column": [item.dataset], "statistic": ["s"], "outcome": ["in"],
                    "count": [1]})
    html = assemble_report(REPORTING, PARAMETERS, **datasets)
    n_figures = sum(item.kind == "figure" for s in SECTIONS for item in s.items)
    assert len(re.findall(r'<img src="data:image/png;base64,', html)) == n_figures
    for section in SECTIONS:
        for item in section.items:
            assert item.title in html
    assert "DEMO DATA banner" in html and "S1" in html
    assert "geography:" in html  # parameters of the run
    first_figure = next(i for s in SECTIONS for i in s.items if i.kind == "figure")
    assert figure_html(png, first_figure.title) in html


@pytest.mark.e2e
def test_demo_report_holds_every_table_and_figure(demo_project):
    html = (demo_project.root / "data" / "08_reporting" / "report.html").read_text("utf-8")
    n_figures = sum(item.kind == "figure" for s in SECTIONS for item in s.items)
    assert len(re.findall(r'<img src="data:image/png;base64,', html)) == n_figures
    for section in SECTIONS:
        for item in section.items:
            assert item.title in html, item.title
    assert "DEMO DATA" in html
    assert len(set(report_datasets())) == len(report_datasets())
    # the headline numbers are the run's own
    table_2 = demo_project.load("table_2").set_index("statistic")
    n_dl = table_2.loc["n_papers", "dl"]
    assert f"{n_dl:,.0f} of" in html


def test_report_tables_hide_empty_reasons_and_keep_top_rows_per_group():
    from dl_geography.pipelines.reporting.report import _shown_rows
    from dl_geography.pipelines.reporting.sections import Item

    report = pd.DataFrame({"outcome": ["in", "dropped", "dropped", "out"],
                           "count": [0, 0, 2, 0], "reason": ["", "a", "b", ""]})
    shown = _shown_rows(Item("r", "R", hide_zero_counts=True), report)
    assert list(shown["reason"]) == ["", "b", ""]
    stats = pd.DataFrame({"statistic": ["x", "x", "x", "y"], "value": [1, 2, 3, 4]})
    top = _shown_rows(Item("s", "S", head_per_group=("statistic", 2),
                           drop_columns=("value",)), stats)
    assert list(top.columns) == ["statistic"] and len(top) == 3
