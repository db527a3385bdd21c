import io
import re

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from dl_geography.pipelines.reporting.headlines import drivers_sentence, headline_sentences
from dl_geography.pipelines.reporting.html import figure_html, format_value, table_html
from dl_geography.pipelines.reporting.report import (
    GLOSSARY_DATASET,
    WORD_FORMS_DATASET,
    assemble_report,
)
from dl_geography.pipelines.reporting.sections import SECTIONS, Item, Section, report_datasets
from dl_geography.pipelines.reporting.word_forms import readable_topic_words, topic_word_forms
from dl_geography.technology import Technology, technology

DL_WORDS = {"name": "deep learning", "short": "DL"}
REPORTING = {
    "title_suffix": " T",
    "data_mode": "demo",
    "banner": "DEMO DATA banner",
    "sources": ["S1"],
    "technology": DL_WORDS,
    "significance_level": 0.05,
}
PARAMETERS = {
    "geography": {"break_year": 2012},
    "drivers": {"subject_models": {"model": "M4"}},
    "reporting": REPORTING,
}
TECH = Technology("deep learning", "DL")


def _png() -> bytes:
    fig, ax = plt.subplots(figsize=(2, 1))
    ax.plot([0, 1])
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return buffer.getvalue()


def _headline_inputs() -> dict:
    return {
        "table_2": pd.DataFrame(
            {
                "statistic": ["n_papers", "mean_citations"],
                "dl": [100.0, 20.0],
                "non_dl": [300.0, 10.0],
                "study_dl": [0.0, 0.0],
                "study_non_dl": [0.0, 0.0],
            }
        ),
        "dl_share_by_year": pd.DataFrame(
            {
                "year": [2010, 2011, 2013],
                "n_papers": [50, 50, 100],
                "n_dl": [1, 2, 30],
                "period": ["before", "before", "after"],
            }
        ),
        "headline_statistics": pd.DataFrame(
            {
                "statistic": ["dl_growth_multiple", "dl_growth_multiple", "dl_paper_share"],
                "location": ["Singapore", "Chile", "United States"],
                "value": [77.0, 2.0, 0.33],
                "rank": [1.0, 2.0, 1.0],
            }
        ),
        "rca_by_country": pd.DataFrame(
            {
                "country": ["China", "France"],
                "period": ["after", "after"],
                "rca": [1.5, 0.5],
                "most_active": [True, True],
            }
        ),
        "table_3_coefficients": pd.DataFrame(
            {
                "model": ["M4", "M4"],
                "term": ["arxiv_sp_x_cb_sp", "is_china"],
                "coef": [0.245, 1.584],
                "p_value": [0.001, 0.0],
                "n": [451, 451],
                "r2": [0.166, 0.166],
            }
        ),
        "keyword_label_agreement": pd.DataFrame(
            {
                "label_is_dl": [True, True, False, False],
                "keyword_is_dl": [True, False] * 2,
                "n_papers": [110, 10, 5, 375],
            }
        ),
    }


def test_headlines_compute_every_number_from_the_tables():
    lines = headline_sentences(_headline_inputs(), PARAMETERS)
    text = " ".join(lines)
    assert "100 of 400 papers (25.0%)" in text
    assert "from 3.0% before 2012 to 30.0% from 2012 on" in text
    assert "Singapore (x77.0), Chile (x2.0)" in text
    assert "United States (33.0%)" in text
    assert "China (1.50), France (0.50)" in text
    assert "more DL specialisation after the break (+0.245 SD, p = 0.001)" in text
    assert "Chinese regions show more specialisation than others (+1.584 SD, p < 0.001)" in text
    assert "all 500 labelled papers, 120 of them DL" in text  # why the counts differ
    assert "DL papers are cited more often than other papers: 20.0" in text


def test_headlines_skip_empty_tables():
    inputs = {name: frame.iloc[0:0] for name, frame in _headline_inputs().items()}
    assert headline_sentences(inputs, PARAMETERS) == []


def _coefficients(coef: float, p_value: float) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "model": ["M4", "M4"],
            "term": ["arxiv_sp_x_cb_sp", "is_china"],
            "coef": [coef, 0.5],
            "p_value": [p_value, 0.5],
            "n": [40, 40],
            "r2": [0.2, 0.2],
        }
    )


@pytest.mark.parametrize(
    ("coef", "p_value", "expected", "absent"),
    [
        (
            0.3,
            0.001,
            "show more DL specialisation after the break (+0.300 SD, p = 0.001)",
            "no significant",
        ),
        (
            -0.3,
            0.0001,
            "show less DL specialisation after the break (-0.300 SD, p < 0.001)",
            "more DL",
        ),
        (
            0.3,
            0.4,
            "show no significant difference at the 0.05 level (+0.300 SD, p = 0.400)",
            "more DL",
        ),
    ],
)
def test_drivers_headline_follows_sign_and_significance(coef, p_value, expected, absent):
    sentence = drivers_sentence(_coefficients(coef, p_value), "M4", 0.05, TECH)[0]
    assert expected in sentence
    assert absent not in sentence.split(";")[0]  # the interaction clause
    assert "Chinese regions show no significant difference" in sentence


def test_drivers_headline_says_when_the_model_is_not_identified():
    coefficients = _coefficients(0.3, 0.001).assign(rank=6, n_parameters=8)
    sentence = drivers_sentence(coefficients, "M4", 0.05, TECH)[0]
    assert "M4 is not identified on this data (n = 40 regions; rank 6 of 8 columns)" in sentence
    assert "more DL" not in sentence
    identified = _coefficients(0.3, 0.001).assign(rank=8, n_parameters=8)
    assert "more DL specialisation" in drivers_sentence(identified, "M4", 0.05, TECH)[0]


def test_growth_and_citation_sentences_follow_the_data():
    inputs = _headline_inputs()
    inputs["dl_share_by_year"] = inputs["dl_share_by_year"].assign(n_dl=[20, 20, 5])
    inputs["table_2"] = inputs["table_2"].assign(dl=[100.0, 0.0], non_dl=[300.0, 0.0])
    text = " ".join(headline_sentences(inputs, PARAMETERS))
    assert "falls from 40.0% before 2012 to 5.0% from 2012 on" in text
    assert "No paper has a citation count" in text and "cited more" not in text


def test_technology_words_come_from_the_parameters():
    llm = {"name": "large language models", "short": "LLM"}
    params = {**PARAMETERS, "reporting": {**REPORTING, "technology": llm}}
    text = " ".join(headline_sentences(_headline_inputs(), params))
    assert "are LLM papers by their label" in text
    assert "LLM-related research" in text and " DL" not in text
    assert technology({"technology": DL_WORDS}) == TECH
    with pytest.raises(ValueError, match="must hold name and short"):
        technology({"technology": {"label": "x"}})


@pytest.mark.parametrize(
    ("value", "kind", "shown"),
    [
        (2016.0, "year", "2016"),
        (2015.94, "mean_year", "2015.9"),
        (56.0, "count", "56"),
        (1234567.0, "count", "1,234,567"),
        (0.0004, "p_value", "< 0.001"),
        (0.0123, "p_value", "0.012"),
        (pd.NA, "number", "–"),
        (np.nan, "count", "–"),
        (None, "number", "–"),
        (0.25, "share", "0.250"),
        (1.5e18, "number", "1.50e+18"),
        (True, "number", "yes"),
    ],
)
def test_numbers_are_formatted_by_kind(value, kind, shown):
    assert format_value(value, kind) == shown


def test_table_html_formats_columns_by_kind_and_truncates():
    table = pd.DataFrame(
        {
            "name": ["a", "b", "c"],
            "year": [2010, 2011, 2012],
            "n_papers": [56.0, 1234.0, 3.0],
            "mean": [0.5, 2.25, np.nan],
            "p_value": [0.0001, 0.2, 0.05],
            "items": [["x", "y"], [], ["z"]],
        }
    )
    fragment = table_html(table, TECH, max_rows=2)
    assert ">2010<" in fragment and "2,010" not in fragment
    assert ">56<" in fragment and ">1,234<" in fragment and "56.0" not in fragment
    assert ">0.500<" in fragment and ">2.250<" in fragment
    assert ">&lt; 0.001<" in fragment and "x, y" in fragment
    assert "number of papers" in fragment and ">p<" in fragment
    assert "First 2 of 3 rows" in fragment and ">c<" not in fragment
    assert "NA" not in table_html(table.astype({"mean": "Float64"}), TECH)


def test_long_tables_format_each_row_by_its_statistic():
    table_2 = pd.DataFrame(
        {
            "statistic": ["n_papers", "mean_year", "mean_citations", "mean_citations_per_year"],
            "dl": [1878.0, 2015.94, 25.6, 6.18],
            "non_dl": [13135.0, 2013.6, 18.0, 2.51],
        }
    )
    fragment = table_html(table_2, TECH)
    assert ">6.180<" in fragment and ">2.510<" in fragment
    assert ">1,878<" in fragment and ">2015.9<" in fragment and ">2013.6<" in fragment
    assert ">25.600<" in fragment and ">18.000<" in fragment
    assert ">DL<" in fragment and ">non-DL<" in fragment and "mean year" in fragment


def test_empty_item_says_why_and_what_fills_it():
    from dl_geography.pipelines.reporting.report import empty_reasons, is_empty

    item = Item("t", "T", value_column="n", empty_hint="citation counts")
    section = Section("S", "s", "", (item,), reports=("r",))
    report = pd.DataFrame({"outcome": ["in", "empty"], "reason": ["", "only 2 regions"]})
    datasets = {"t": pd.DataFrame({"n": [0, 0]}), "r": report}
    assert is_empty(item, datasets)
    assert empty_reasons(item, section, datasets) == ["only 2 regions", "It needs citation counts."]
    assert not is_empty(item, {"t": pd.DataFrame({"n": [0, 1]})})
    figure_item = Item("f", "F", kind="figure", source="t")
    assert is_empty(figure_item, {"t": pd.DataFrame()})


def test_topic_phrases_are_shown_in_their_written_form():
    papers = pd.DataFrame(
        {
            "abstract": [
                "A hidden layer and a lower bound. Hidden layers help.",
                "The lower bound of the hidden layer is tight; we hide the layer.",
                "Deep networks with one hidden layer.",
            ]
        }
    )
    topics = pd.DataFrame(
        {"topic": [0], "top_words": ["hide_layer, low_bound, network"], "dl_words": ["hide_layer"]}
    )
    forms = topic_word_forms(papers, topics, {"word_forms_max_papers": 10})
    assert dict(zip(forms["term"], forms["shown"], strict=True)) == {
        "hide_layer": "hidden layer",
        "low_bound": "lower bound",
    }
    shown = readable_topic_words(topics, forms)
    assert shown.loc[0, "top_words"] == "hidden layer, lower bound, network"
    unseen = readable_topic_words(topics.assign(top_words="state_art"), forms)
    assert unseen.loc[0, "top_words"] == "state art"


def test_report_embeds_every_item_with_demo_banner():
    png = _png()
    datasets = _headline_inputs()
    datasets[GLOSSARY_DATASET] = pd.DataFrame({"subject": ["cs.LG", "cs.XX"]})
    datasets[WORD_FORMS_DATASET] = pd.DataFrame({"term": ["a_b"], "shown": ["a b"]})
    datasets["table_3_markdown"] = "| | M4 |\n\nTable 3: note on stars and clusters.\n"
    for section in SECTIONS:
        for item in section.items:
            if item.kind == "figure":
                datasets[item.dataset] = png
            elif item.dataset not in datasets:
                datasets[item.dataset] = pd.DataFrame(
                    {"column": [item.dataset], "statistic": ["s"], "outcome": ["in"], "count": [1]}
                )
    for name in {s for section in SECTIONS for i in section.items for s in (i.source,) if s}:
        datasets.setdefault(name, pd.DataFrame({"x": [1]}))
    html = assemble_report(REPORTING, PARAMETERS, **datasets)
    n_figures = sum(item.kind == "figure" for s in SECTIONS for item in s.items)
    assert len(re.findall(r'<img src="data:image/png;base64,', html)) == n_figures
    for section in SECTIONS:
        for item in section.items:
            assert item.title.format(name="deep learning", short="DL") in html
    assert "DEMO DATA banner" in html and "S1" in html
    assert "<details><summary>" in html and "geography:" in html  # parameters, collapsed
    assert "cs.LG</td><td>Machine Learning" in html and "cs.XX" in html  # glossary
    assert "Table 3: note on stars and clusters." in html
    first_figure = next(i for s in SECTIONS for i in s.items if i.kind == "figure")
    assert figure_html(png, first_figure.title.format(name="deep learning", short="DL")) in html


@pytest.mark.e2e
def test_demo_report_holds_every_table_and_figure(demo_project):
    html = (demo_project.root / "data" / "08_reporting" / "report.html").read_text("utf-8")
    n_figures = sum(item.kind == "figure" for s in SECTIONS for item in s.items)
    assert len(re.findall(r'<img src="data:image/png;base64,', html)) == n_figures
    for section in SECTIONS:
        for item in section.items:
            title = item.title.format(name="deep learning", short="DL")
            assert title in html, title
    assert "DEMO DATA" in html and "&lt;NA&gt;" not in html and "nan<" not in html
    assert len(set(report_datasets())) == len(report_datasets())
    # the headline numbers are the run's own
    table_2 = demo_project.load("table_2").set_index("statistic")
    n_dl = table_2.loc["n_papers", "dl"]
    assert f"{n_dl:,.0f} of" in html


def test_report_tables_hide_empty_reasons_and_keep_top_rows_per_group():
    from dl_geography.pipelines.reporting.report import _shown_rows
    from dl_geography.pipelines.reporting.sections import Item

    report = pd.DataFrame(
        {
            "outcome": ["in", "dropped", "dropped", "out"],
            "count": [0, 0, 2, 0],
            "reason": ["", "a", "b", ""],
        }
    )
    shown = _shown_rows(Item("r", "R", hide_zero_counts=True), report)
    assert list(shown["reason"]) == ["", "b", ""]
    stats = pd.DataFrame({"statistic": ["x", "x", "x", "y"], "value": [1, 2, 3, 4]})
    top = _shown_rows(
        Item("s", "S", head_per_group=("statistic", 2), drop_columns=("value",)), stats
    )
    assert list(top.columns) == ["statistic"] and len(top) == 3
