"""Assemble the self-contained HTML report from the catalog's tables and figures."""

from datetime import UTC, datetime
from importlib import resources

import jinja2
import pandas as pd
import yaml

from dl_geography import __version__
from dl_geography.pipelines.reporting.headlines import headline_sentences
from dl_geography.pipelines.reporting.html import figure_html, table_html
from dl_geography.pipelines.reporting.sections import SECTIONS


def _shown_rows(item, table: pd.DataFrame) -> pd.DataFrame:
    """The rows and columns of ``table`` that the report prints for ``item``."""
    if item.hide_zero_counts:
        table = table[(table["count"] != 0) | table["outcome"].isin(["in", "out"])]
    if item.head_per_group:
        column, n = item.head_per_group
        table = table.groupby(column, sort=False).head(n)
    return table.drop(columns=list(item.drop_columns))


def _render_item(item, data) -> dict:
    if item.kind == "figure":
        body = figure_html(data, item.title)
    else:
        body = table_html(_shown_rows(item, pd.DataFrame(data)), item.max_rows)
    return {"kind": item.kind, "title": item.title, "caption": item.caption, "html": body}


def assemble_report(reporting: dict, parameters: dict, **datasets) -> str:
    """Render report.html: every table and figure of the study, the headline numbers
    computed from the tables (never typed), the data mode (with a banner for the
    synthetic demo world), the parameters of the run, sources with attribution, the
    project version and the run time.
    """
    sections = [
        {
            "title": section.title,
            "anchor": section.anchor,
            "intro": section.intro,
            "entries": [_render_item(item, datasets[item.dataset]) for item in section.items],
        }
        for section in SECTIONS
    ]
    template = jinja2.Template(
        resources.files(__package__).joinpath("templates/report.html.j2").read_text("utf-8"),
        autoescape=True,
    )
    return template.render(
        title=reporting["title"],
        version=__version__,
        run_time=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        data_mode=reporting["data_mode"],
        banner=reporting["banner"],
        headlines=headline_sentences(datasets, parameters),
        sections=sections,
        parameters=yaml.safe_dump(parameters, sort_keys=True, allow_unicode=True),
        sources=reporting["sources"],
    )
