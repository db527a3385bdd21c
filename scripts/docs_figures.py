"""Regenerate every run-derived number quoted in docs/*.md from one demo run's outputs.

Usage (after `kedro run`, the default demo world):

    python scripts/docs_figures.py            # rewrite the marked blocks in docs/
    python scripts/docs_figures.py --check    # exit 1 when a block is out of date

Each block sits between ``<!-- docs_figures:NAME -->`` and ``<!-- /docs_figures:NAME -->``
in a doc, with this command written above it; only this script writes inside the markers.
``--data`` points at another demo run's data folder (default ``data``), ``--sample-data``
at the sample environment's (default ``data/sample``; the blocks named ``*_sample``).
"""

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
COMMAND = "`kedro run`, then `python scripts/docs_figures.py` (default demo world)"
SAMPLE_COMMAND = (
    "`kedro run --env sample --pipelines ingestion,enrichment`, then "
    "`python scripts/docs_figures.py` (the real samples)"
)


def _stars(p_value: float) -> str:
    return "*" * sum(p_value < level for level in (0.10, 0.05, 0.01))


def _p(p_value: float) -> str:
    return "p < 0.001" if p_value < 0.001 else f"p = {p_value:.3f}"


def drivers_demo(data: Path) -> str:
    """Table 3's Model 4 and its sample, from the drivers outputs."""
    coefficients = pd.read_parquet(data / "07_model_output" / "table_3_coefficients.parquet")
    report = pd.read_csv(data / "08_reporting" / "drivers_report.csv")
    vif = pd.read_csv(data / "08_reporting" / "drivers_vif.csv")
    regions = pd.read_parquet(data / "04_feature" / "region_features.parquet")
    model = coefficients[coefficients["model"] == "Model 4"].set_index("term")
    quartile = report[report["step"].str.startswith("top 25%")].set_index("outcome")["count"]
    complete = report[report["step"] == "regions with every model variable"]
    complete = complete.set_index("outcome")["count"]
    terms = []
    for term, label in (("arxiv_sp_x_cb_sp", "`arxiv_sp × cb_sp`"), ("is_china", "`is_china`")):
        row = model.loc[term]
        terms.append(
            f"{label} {row['coef']:.3f} ({row['se']:.3f}){_stars(row['p_value'])}, "
            f"{_p(row['p_value'])}"
        )
    return (
        f"{len(regions):,} regions, {int(quartile['out'])} in the top quartile of arXiv "
        f"activity, {int(complete['out'])} with every variable. Model 4: "
        f"{'; '.join(terms)}; R² {model['r2'].iloc[0]:.3f}, n {int(model['n'].iloc[0])}. "
        f"Largest VIF {vif['vif'].max():.1f}."
    )


def industry_relatedness_demo(data: Path) -> str:
    """The sector classifier's choice and scores, and DL's top sectors."""
    chosen = json.loads((data / "08_reporting" / "sector_classifier_params.json").read_text())
    metrics = pd.read_csv(data / "08_reporting" / "sector_classifier_metrics.csv")
    relatedness = pd.read_parquet(data / "07_model_output" / "subject_sector_relatedness.parquet")
    report = pd.read_csv(data / "08_reporting" / "industry_relatedness_report.csv")
    macro = metrics.set_index("sector").loc["macro"]
    sectors = metrics[metrics["sector"] != "macro"]
    weakest = sectors.loc[sectors["f1"].idxmin()]
    params = ", ".join(
        f"{k} = {v:g}" if isinstance(v, float) else f"{k} = {v}"
        for k, v in chosen["params"].items()
    )
    dl = relatedness[relatedness["subject"] == "dl"].nlargest(5, "share")
    top = ", ".join(f"{row['sector']} ({row['share']:.0%})" for _, row in dl.iterrows())
    unlabelled = report[report["reason"].astype(str).str.startswith("no sector with")]
    papers_in = report[
        (report["step"] == "paper_sector_predictions") & (report["outcome"] == "in")
    ]["count"].iloc[0]
    return (
        f"{chosen['n_training_organizations']:,} training organisations, "
        f"{chosen['n_sectors']} sectors; the grid picks `{chosen['model']}` ({params}), "
        f"grid macro F1 {chosen['best_score']:.2f}; cross-validated macro F1 "
        f"{macro['f1']:.2f} (precision {macro['precision']:.2f}, recall "
        f"{macro['recall']:.2f}) at p >= 0.5 and {macro['f1_at_threshold']:.2f} "
        f"(precision {macro['precision_at_threshold']:.2f}, recall "
        f"{macro['recall_at_threshold']:.2f}) at p >= {chosen['probability_threshold']}. "
        f"Weakest sector: {weakest['sector']} (F1 {weakest['f1']:.2f}, "
        f"{int(weakest['support']):,} organisations). DL's top sectors: {top}. "
        f"{int(unlabelled['count'].iloc[0]):,} of {int(papers_in):,} abstracts have no "
        f"sector at p >= {chosen['probability_threshold']}."
    )


def topic_modelling_demo(data: Path) -> str:
    """Papers modelled, the DL topics, recovery of the planted truth, agreement, TC."""
    report = pd.read_csv(data / "08_reporting" / "topic_modelling_report.csv")
    topics = pd.read_csv(data / "07_model_output" / "dl_topics.csv")
    agreement = pd.read_csv(data / "08_reporting" / "keyword_label_agreement.csv")
    curve = pd.read_csv(data / "08_reporting" / "tc_by_n_topics.csv")
    labels = pd.read_parquet(data / "07_model_output" / "paper_labels.parquet")
    truth = pd.read_csv(
        data / "01_raw" / "demo" / "truth" / "papers.csv",
        usecols=["paper_id", "is_dl"],
        dtype={"paper_id": str},
    )
    short = report[report["step"] == "short documents"].set_index("outcome")["count"]
    joined = labels.merge(truth, on="paper_id", suffixes=("", "_true"))
    hits = (joined["is_dl"] & joined["is_dl_true"]).sum()
    precision = hits / max(joined["is_dl"].sum(), 1)
    recall = hits / max(joined["is_dl_true"].sum(), 1)
    dl_topics = topics[topics["is_dl"]]
    words = "; ".join(f"*{row['top_words']}*" for _, row in dl_topics.head(2).iterrows())
    tc = ", ".join(f"{row['total_correlation']:.2f}" for _, row in curve.iterrows())
    sizes = ", ".join(str(n) for n in curve["n_topics"])
    return (
        f"{int(short['out']):,} of {int(short['in']):,} CS papers modelled, "
        f"{int(short['dropped']):,} dropped under the token floor. "
        f"{len(dl_topics)} DL topic{'s' if len(dl_topics) != 1 else ''}: {words}. "
        f"Against `truth/papers.csv`: precision {precision:.3f}, recall {recall:.3f}. "
        f"Keyword agreement {agreement['agreement'].iloc[0]:.3f}, "
        f"kappa {agreement['cohen_kappa'].iloc[0]:.3f}. Total correlation {tc} at "
        f"{sizes} topics."
    )


def _interval(row: pd.Series, measure: str) -> str:
    return f"{row[measure]:.3f} [{row[f'{measure}_low']:.3f}, {row[f'{measure}_high']:.3f}]"


def affiliations_sample(data: Path) -> str:
    """The matcher's precision and recall on the hand-labelled affiliation strings."""
    quality = pd.read_csv(data / "08_reporting" / "affiliation_quality.csv").set_index("part")
    lines = [
        "| part | strings | gold pairs | predicted pairs | precision | recall |",
        "|---|---:|---:|---:|---|---|",
    ]
    for part, label in (("dev", "dev (tuned on)"), ("test", "test (run once)")):
        row = quality.loc[part]
        lines.append(
            f"| {label} | {int(row['n_strings'])} | {int(row['n_gold_pairs'])} | "
            f"{int(row['n_predicted_pairs'])} | {_interval(row, 'precision')} | "
            f"{_interval(row, 'recall')} |"
        )
    return "\n".join(lines)


def affiliations_report_sample(data: Path) -> str:
    """What the matcher did with every distinct string of the real sample."""
    report = pd.read_csv(data / "08_reporting" / "enrichment_report.csv")
    step = report[(report["step"] == "affiliation_matches")].set_index(["outcome", "reason"])
    count = step["count"]
    n_in = int(count.loc[("in", "distinct affiliation strings")])
    matched = int(count.loc[("out", "matched strings")])
    methods = step.loc["matched", "count"]
    methods = ", ".join(f"{m} {int(n)}" for m, n in methods.sort_values(ascending=False).items())
    unmatched = count[step.index.get_level_values("outcome").str.startswith("unmatched: ")]
    reasons = ", ".join(
        f"{o.removeprefix('unmatched: ')} {int(n)}"
        for (o, _), n in unmatched.sort_values(ascending=False).items()
    )
    several = int(count.loc[("counted", "strings matched to several institutes (A / B)")])
    pairs = int(count.loc[("out_pairs", "string x institute pairs")])
    return (
        f"{matched} of {n_in} distinct strings matched ({matched / n_in:.3f}), {pairs} "
        f"(string, institute) rows, {several} strings matched to several institutes; by "
        f"method {methods}; unmatched by reason {reasons} (`enrichment_report`, with "
        "examples)."
    )


# name: (doc, compute, which run's data: demo or sample)
BLOCKS: dict[str, tuple[str, Callable[[Path], str], str]] = {
    "drivers_demo": ("docs/drivers.md", drivers_demo, "demo"),
    "industry_relatedness_demo": (
        "docs/industry_relatedness.md",
        industry_relatedness_demo,
        "demo",
    ),
    "topic_modelling_demo": ("docs/topic_modelling.md", topic_modelling_demo, "demo"),
    "affiliations_sample": ("docs/enrichment.md", affiliations_sample, "sample"),
    "affiliations_report_sample": ("docs/enrichment.md", affiliations_report_sample, "sample"),
}
COMMANDS = {"demo": COMMAND, "sample": SAMPLE_COMMAND}


def block_pattern(name: str) -> re.Pattern:
    return re.compile(
        rf"(<!-- docs_figures:{name} -->\n)(.*?)(<!-- /docs_figures:{name} -->)", re.DOTALL
    )


def render(text: str, name: str, body: str, command: str = COMMAND) -> str:
    """``text`` with the block ``name`` holding ``body`` (the command above it)."""
    pattern = block_pattern(name)
    if not pattern.search(text):
        raise ValueError(f"no <!-- docs_figures:{name} --> block")
    content = f"Command: {command}.\n\n{body}\n"
    return pattern.sub(lambda m: m.group(1) + content + m.group(3), text, count=1)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--sample-data", type=Path, default=ROOT / "data" / "sample")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    stale = []
    folders = {"demo": args.data, "sample": args.sample_data}
    for name, (doc, compute, run) in BLOCKS.items():
        path = ROOT / doc
        text = path.read_text("utf-8")
        new = render(text, name, compute(folders[run]), COMMANDS[run])
        if new != text:
            stale.append(doc)
            if not args.check:
                path.write_text(new, "utf-8")
    verb = "out of date" if args.check else "rewritten"
    print(f"{verb}: {', '.join(stale)}" if stale else "docs figures up to date")
    return 1 if (args.check and stale) else 0


if __name__ == "__main__":
    sys.exit(main())
