"""Assemble the self-contained HTML report from the catalog's tables and figures."""

from datetime import UTC, datetime
from importlib import resources

import jinja2
import pandas as pd
import yaml

from dl_geography import __version__
from dl_geography.pipelines.reporting.arxiv_codes import glossary
from dl_geography.pipelines.reporting.headlines import headline_sentences
from dl_geography.pipelines.reporting.html import figure_html, table_html
from dl_geography.pipelines.reporting.sections import SECTIONS
from dl_geography.pipelines.reporting.word_forms import readable_topic_words
from dl_geography.technology import technology

# Where the report finds the arXiv subject codes its figures and tables show.
GLOSSARY_DATASET = "dl_share_by_subject_year"
# The written forms of the topic words.
WORD_FORMS_DATASET = "topic_word_forms"


def _shown_rows(item, table: pd.DataFrame) -> pd.DataFrame:
    """The rows and columns of ``table`` that the report prints for ``item``."""
    if item.hide_zero_counts:
        table = table[(table["count"] != 0) | table["outcome"].isin(["in", "out"])]
    if item.head_per_group:
        column, n = item.head_per_group
        table = table.groupby(column, sort=False).head(n)
    return table.drop(columns=list(item.drop_columns), errors="ignore")


def is_empty(item, datasets: dict) -> bool:
    """Whether ``item`` holds no result: its table (or the figure's source table) has no
    row, or its ``value_column`` no non-zero value."""
    if item.source is None and item.kind == "figure":
        return False
    frame = pd.DataFrame(datasets[item.source or item.dataset])
    if frame.empty:
        return True
    if item.value_column and item.value_column in frame.columns:
        values = pd.to_numeric(frame[item.value_column], errors="coerce").fillna(0)
        return not values.ne(0).any()
    return False


def empty_reasons(item, section, datasets: dict) -> list[str]:
    """Why ``item`` is empty: the ``empty`` rows of its section's stage reports, then what
    would fill it (``empty_hint``)."""
    reasons = []
    for name in section.reports:
        report = pd.DataFrame(datasets[name])
        if {"outcome", "reason"} <= set(report.columns):
            reasons += report.loc[report["outcome"] == "empty", "reason"].astype(str).tolist()
    if item.empty_hint:
        reasons.append(f"It needs {item.empty_hint}.")
    return list(dict.fromkeys(reasons)) or [
        "This run's data gave no rows here; the stage reports in the diagnostics say "
        "what was dropped."
    ]


def _note(item, datasets: dict) -> str:
    if not item.note_from:
        return ""
    lines = [line for line in str(datasets[item.note_from]).splitlines() if line.strip()]
    return lines[-1] if lines else ""


def _render_item(item, section, datasets: dict, tech) -> dict:
    entry = {
        "kind": item.kind,
        "title": item.title.format(name=tech.name, short=tech.short),
        "caption": item.caption.format(name=tech.name, short=tech.short),
        "note": _note(item, datasets),
        "empty": [],
    }
    if is_empty(item, datasets):
        entry.update(kind="empty", empty=empty_reasons(item, section, datasets), note="")
        return entry
    data = datasets[item.dataset]
    if item.kind == "figure":
        entry["html"] = figure_html(data, entry["title"])
    else:
        table = _shown_rows(item, pd.DataFrame(data))
        if item.dataset == "dl_topics":  # the DL topics first, in written words
            table = readable_topic_words(table, pd.DataFrame(datasets[WORD_FORMS_DATASET]))
            if "is_dl" in table.columns:
                table = table.sort_values("is_dl", ascending=False, kind="stable")
        entry["html"] = table_html(table, tech, item.max_rows)
    return entry


def assemble_report(reporting: dict, parameters: dict, **datasets) -> str:
    """Render report.html: every table and figure of the study, the headline numbers
    computed from the tables (never typed), the data mode (with a banner for the
    synthetic demo world), a glossary of the arXiv subject codes shown, the parameters of
    the run (collapsed), sources with attribution, the project version and the run time.

    An item without a result says why, and what would fill it, in its place.
    """
    tech = technology(reporting)
    sections = [
        {
            "title": section.title.format(name=tech.name, short=tech.short),
            "anchor": section.anchor,
            "intro": section.intro.format(name=tech.name, short=tech.short),
            "entries": [_render_item(item, section, datasets, tech) for item in section.items],
        }
        for section in SECTIONS
    ]
    subjects = pd.DataFrame(datasets[GLOSSARY_DATASET])
    template = jinja2.Template(
        resources.files(__package__).joinpath("templates/report.html.j2").read_text("utf-8"),
        autoescape=True,
    )
    return template.render(
        title=f"The geography of {tech.name} research{reporting['title_suffix']}",
        version=__version__,
        run_time=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        data_mode=reporting["data_mode"],
        banner=reporting["banner"],
        headlines=headline_sentences(datasets, parameters),
        sections=sections,
        glossary=glossary(subjects.get("subject", [])),
        parameters=yaml.safe_dump(parameters, sort_keys=True, allow_unicode=True),
        sources=reporting["sources"],
    )
