"""Table 3 (section 3.5) as the study prints it: coefficients with stars, standard errors
in parentheses beneath, R² and n; as a table (CSV), Markdown and LaTeX."""

import pandas as pd

SE_NOTES = {
    "cluster": "Standard errors in parentheses, clustered by country ({clusters} clusters).",
    "HC3": "Standard errors in parentheses, heteroskedasticity-robust (HC3).",
    "nonrobust": "Standard errors in parentheses, assuming homoskedastic errors.",
}


def significance_stars(p_value: float, levels: list[float]) -> str:
    """One star per level the p-value is below, levels such as 0.10, 0.05, 0.01."""
    if pd.isna(p_value):
        return ""
    return "*" * sum(p_value < level for level in levels)


def _caption(coefficients: pd.DataFrame, params: dict) -> str:
    levels = sorted(params["significance_levels"], reverse=True)
    kind = str(coefficients["cov_type"].iloc[0])
    stars = ", ".join(
        f"{'*' * (i + 1)} p<{level:g}" for i, level in reversed(list(enumerate(levels)))
    )
    dependent = params["term_labels"].get(params["dependent"], params["dependent"])
    clusters = coefficients["n_clusters"].dropna()
    se_note = SE_NOTES.get(kind, f"Standard errors ({kind}) in parentheses.").format(
        clusters=", ".join(str(int(c)) for c in clusters.unique()) or "no"
    )
    dummy = "" if params["standardisation"]["dummies"] else "; is_china a 0/1 dummy"
    return (
        f"Table 3: Dependent variable is {dependent}. Coefficients of standardised "
        f"variables (per standard deviation{dummy}). {se_note} {stars}."
        f"{_identification_note(coefficients)}"
    )


def _identification_note(coefficients: pd.DataFrame) -> str:
    """A sentence naming the models whose terms are collinear on this sample (if any)."""
    if "rank" not in coefficients:
        return ""
    fits = coefficients.drop_duplicates("model")
    short = fits[fits["rank"] < fits["n_parameters"]]
    if short.empty:
        return ""
    names = ", ".join(
        f"{row['model']} (rank {int(row['rank'])} of {int(row['n_parameters'])} columns)"
        for _, row in short.iterrows()
    )
    return (
        f" Not identified on this sample: {names}; some of their terms are exact "
        f"combinations of others over these {int(short['n'].iloc[0])} regions, so their "
        f"coefficients and standard errors are not estimates (minimum-norm solution)."
    )


def table_3_frame(coefficients: pd.DataFrame, params: dict) -> pd.DataFrame:
    """Table 3 laid out as printed: per term a coefficient row (with stars) and a
    standard-error row in parentheses, then R² and n; one column per model.

    ``statistic`` says what each row holds (coef, se, r2, n) so the CSV stays readable
    by machines; the constant is left out, as in the study.
    """
    decimals = int(params["decimals"])
    levels = sorted(params["significance_levels"], reverse=True)
    labels = params["term_labels"]
    models = list(params["models"])
    terms = [t for t in labels if t != params["dependent"] and t in set(coefficients["term"])]
    terms += [t for t in dict.fromkeys(coefficients["term"]) if t not in terms and t != "const"]
    rows = []
    for term in terms:
        coef_row = {"variable": labels.get(term, term), "statistic": "coef"}
        se_row = {"variable": "", "statistic": "se"}
        for model in models:
            match = coefficients.loc[
                (coefficients["model"] == model) & (coefficients["term"] == term)
            ]
            if match.empty:
                coef_row[model] = se_row[model] = ""
                continue
            estimate = match.iloc[0]
            coef_row[model] = (
                f"{estimate['coef']:.{decimals}f}{significance_stars(estimate['p_value'], levels)}"
            )
            se_row[model] = f"({estimate['se']:.{decimals}f})"
        rows += [coef_row, se_row]
    fits = coefficients.drop_duplicates("model").set_index("model")
    rows.append(
        {
            "variable": "R²",
            "statistic": "r2",
            **{m: f"{fits.loc[m, 'r2']:.{decimals}f}" for m in models},
        }
    )
    rows.append(
        {"variable": "n", "statistic": "n", **{m: str(int(fits.loc[m, "n"])) for m in models}}
    )
    return pd.DataFrame(rows, columns=["variable", "statistic", *models])


def table_3_markdown(table: pd.DataFrame, caption: str) -> str:
    """Markdown pipe table of ``table_3_frame`` with the caption beneath."""
    models = [c for c in table.columns if c not in ("variable", "statistic")]
    lines = ["| | " + " | ".join(models) + " |", "|---|" + "---:|" * len(models)]
    for _, row in table.iterrows():
        cells = [str(row[m]).replace("*", r"\*") for m in models]
        lines.append(f"| {row['variable']} | " + " | ".join(cells) + " |")
    return "\n".join([*lines, "", caption, ""])


def _latex_escape(text: str) -> str:
    return (
        text.replace("\\", r"\textbackslash{}")
        .replace("_", r"\_")
        .replace("&", r"\&")
        .replace("%", r"\%")
        .replace("#", r"\#")
    )


def table_3_latex(table: pd.DataFrame, caption: str) -> str:
    """LaTeX (booktabs) of ``table_3_frame``, stars as superscripts, the caption above."""
    models = [c for c in table.columns if c not in ("variable", "statistic")]
    lines = [
        r"\begin{table}[ht]",
        r"\centering",
        rf"\caption{{{_latex_escape(caption)}}}",
        r"\label{tab:table-3}",
        r"\begin{tabular}{l" + "r" * len(models) + "}",
        r"\toprule",
        " & " + " & ".join(_latex_escape(m) for m in models) + r" \\",
        r"\midrule",
    ]
    for _, row in table.iterrows():
        if row["statistic"] == "r2":
            lines.append(r"\midrule")
        cells = []
        for model in models:
            value = str(row[model])
            stars = len(value) - len(value.rstrip("*"))
            value = value.rstrip("*")
            cells.append(value + (rf"$^{{{'*' * stars}}}$" if stars else ""))
        variable = "$R^2$" if row["statistic"] == "r2" else _latex_escape(row["variable"])
        lines.append(variable + " & " + " & ".join(cells) + r" \\")
    lines += [r"\bottomrule", r"\end{tabular}", r"\end{table}", ""]
    return "\n".join(lines)


def format_table_3(coefficients: pd.DataFrame, params: dict) -> tuple[pd.DataFrame, str, str]:
    """Table 3 of section 3.5 from the fitted models: the table (CSV), Markdown, LaTeX."""
    if coefficients.empty:  # too few regions: drivers_report says why
        table = pd.DataFrame(columns=["variable", "statistic", *params["models"]])
        caption = "Table 3: not estimated on this run's data (see drivers_report)."
        return table, caption + "\n", caption + "\n"
    table = table_3_frame(coefficients, params)
    caption = _caption(coefficients, params)
    return table, table_3_markdown(table, caption), table_3_latex(table, caption)
