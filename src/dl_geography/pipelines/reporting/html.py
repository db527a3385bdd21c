"""Turn catalog tables and figures into self-contained HTML fragments.

Numbers are formatted by what they are, read from the column's name (or, in a long table
with a ``statistic`` column, from the row's statistic): years without a thousands
separator, whole counts as integers, p-values as ``p < 0.001``, means and ratios with
decimals. A missing value shows as an en dash, never as ``<NA>`` or ``nan``.
"""

import base64
import html
import re

import numpy as np
import pandas as pd

from dl_geography.technology import Technology

MISSING = "–"
PRINTED_NUMBER = r"\(?[-+]?[\d,]*\.?\d+(e[-+]?\d+)?\)?\**"


def figure_html(png: bytes, alt: str) -> str:
    """An <img> with the PNG embedded as a data URI, so the report is one file."""
    encoded = base64.b64encode(png).decode("ascii")
    return f'<img src="data:image/png;base64,{encoded}" alt="{html.escape(alt)}">'


def number_kind(name: str) -> str:
    """What a column (or statistic) named ``name`` holds: year, mean_year, count, p_value,
    share or number."""
    name = str(name).lower()
    if name in ("p_value", "p", "pvalue") or name.startswith("p_value"):
        return "p_value"
    if name == "mean_year":
        return "mean_year"
    if (
        name in ("year", "founded_year")
        or name.endswith("_year")
        or name.startswith(("year_", "first_year", "last_year"))
    ) and not name.endswith("per_year"):  # citations per year is a rate
        return "year"
    if (
        name in ("n", "count", "support", "n_clusters", "rank", "numerator", "denominator")
        or name.startswith("n_")
        or name.endswith(("_count", "_papers", "_organisations", "_regions"))
    ):
        return "count"
    if "share" in name or name in ("agreement", "precision", "recall", "f1"):
        return "share"
    return "number"


FIXED_DECIMALS = {"year": 0, "mean_year": 1, "share": 3}


def _format_number(number: float, kind: str) -> str:
    """A finite number by its kind; a ``decimal`` column or row keeps decimals on whole
    values too, a ``count`` or ``number`` prints whole values as integers."""
    if kind == "p_value":
        return "< 0.001" if number < 0.001 else f"{number:.3f}"
    if kind in FIXED_DECIMALS:
        return f"{number:.{FIXED_DECIMALS[kind]}f}"
    if abs(number) >= 1e9:  # e.g. the VIF of perfectly collinear terms
        return f"{number:.2e}"
    if number == round(number) and kind != "decimal":
        return f"{number:,.0f}"
    if kind == "count":
        return f"{number:,.1f}"
    return f"{number:.3f}" if abs(number) < 100 else f"{number:,.1f}"


def format_value(value, kind: str = "number") -> str:
    """One cell as a reader should see it, by the ``kind`` of ``number_kind``."""
    if isinstance(value, (list, tuple, np.ndarray)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if value is None or value is pd.NA or value is pd.NaT:
        return MISSING
    if isinstance(value, (int, np.integer, float, np.floating)):
        number = float(value)
        return _format_number(number, kind) if np.isfinite(number) else MISSING
    return str(value)


def readable(name: str, tech: Technology) -> str:
    """A column header or statistic name in words: ``n_papers`` -> papers, ``dl`` ->
    the technology's short name."""
    words = {
        "dl": tech.short,
        "non_dl": f"non-{tech.short}",
        "study_dl": f"study: {tech.short}",
        "study_non_dl": f"study: non-{tech.short}",
        "is_dl": f"{tech.short} topic",
        "dl_words": f"{tech.short} words",
        "p_value": "p",
        "cohen_kappa": "Cohen's kappa",
        "r2": "R²",
        "label_is_dl": f"label: {tech.short}",
        "keyword_is_dl": f"keywords: {tech.short}",
        "rca": "RCA",
    }
    if str(name) in words:
        return words[str(name)]
    text = re.sub(r"^n_", "number of ", str(name)).replace("_", " ")
    return re.sub(r"\bdl\b", tech.short, text)


def _whole(values) -> bool:
    """Whether the numeric ``values`` given are all whole numbers (and some are given)."""
    numbers = pd.to_numeric(pd.Series(list(values), dtype=object), errors="coerce").dropna()
    return bool(len(numbers)) and bool((numbers % 1 == 0).all())


def _printed_numbers(values: pd.Series) -> bool:
    """Whether a text column holds numbers already printed (Table 3: ``0.245***``,
    ``(0.081)``), to be aligned as numbers."""
    text = values.dropna().astype(str)
    text = text[text != ""]
    return bool(len(text)) and bool(text.str.fullmatch(PRINTED_NUMBER).all())


def _kinds(table: pd.DataFrame) -> pd.DataFrame:
    """The kind of every cell: in a long table by the row's statistic (the rows of one
    statistic share a format per column), else by column; whole numbers only print as
    integers."""
    kinds = pd.DataFrame(
        {c: [number_kind(c)] * len(table) for c in table.columns}, index=table.index
    )
    numeric = [
        c
        for c in table.columns
        if pd.api.types.is_numeric_dtype(table[c]) and not pd.api.types.is_bool_dtype(table[c])
    ]
    if "statistic" in table.columns:
        free = [c for c in numeric if number_kind(c) == "number"]
        for statistic, rows in table.groupby("statistic", sort=False).groups.items():
            kind = number_kind(statistic)
            if kind == "number":  # one format for the rows of one statistic
                kind = "count" if _whole(table.loc[rows, free].to_numpy().ravel()) else "decimal"
            kinds.loc[rows, free] = kind
        return kinds
    for column in numeric:
        if kinds[column].eq("number").all():
            kinds[column] = "count" if _whole(table[column]) else "decimal"
    return kinds


def table_html(table: pd.DataFrame, tech: Technology, max_rows: int | None = None) -> str:
    """An HTML table with numbers formatted by kind (right-aligned), text left-aligned,
    readable headers; long tables cut with a note."""
    shown = table if max_rows is None else table.head(max_rows)
    kinds = _kinds(shown)
    numeric = {
        c
        for c in shown.columns
        if pd.api.types.is_numeric_dtype(shown[c]) or _printed_numbers(shown[c])
    }
    header = "".join(
        f'<th class="{"num" if c in numeric else "text"}">{html.escape(readable(c, tech))}</th>'
        for c in shown.columns
    )
    rows = []
    for index, row in shown.iterrows():
        cells = []
        for column in shown.columns:
            value = row[column]
            text = (
                readable(value, tech)
                if column == "statistic" and isinstance(value, str)
                else format_value(value, kinds.loc[index, column])
            )
            css = "num" if column in numeric else "text"
            cells.append(f'<td class="{css}">{html.escape(text)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    fragment = (
        f'<table class="data"><thead><tr>{header}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    if max_rows is not None and len(table) > max_rows:
        fragment += f'<p class="note">First {max_rows} of {len(table):,} rows.</p>'
    return fragment
