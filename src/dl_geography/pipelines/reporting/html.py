"""Turn catalog tables and figures into self-contained HTML fragments."""

import base64
import html

import numpy as np
import pandas as pd


def figure_html(png: bytes, alt: str) -> str:
    """An <img> with the PNG embedded as a data URI, so the report is one file."""
    encoded = base64.b64encode(png).decode("ascii")
    return f'<img src="data:image/png;base64,{encoded}" alt="{html.escape(alt)}">'


def _format_cell(value) -> str:
    if isinstance(value, (list, tuple, np.ndarray)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, (float, np.floating)):
        if np.isnan(value):
            return ""
        return f"{value:,.3f}" if abs(value) < 1000 else f"{value:,.0f}"
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def table_html(table: pd.DataFrame, max_rows: int | None = None) -> str:
    """An HTML table with readable number formats; long tables cut with a note."""
    shown = table if max_rows is None else table.head(max_rows)
    body = shown.map(_format_cell) if len(shown) else shown
    fragment = body.to_html(index=False, escape=True, border=0, classes="data")
    if max_rows is not None and len(table) > max_rows:
        fragment += f'<p class="note">First {max_rows} of {len(table):,} rows.</p>'
    return fragment
