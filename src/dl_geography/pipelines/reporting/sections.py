"""What the report shows, in order: every table and figure of the study, and the
diagnostics a reader needs to trust them. The reporting pipeline's inputs are derived
from this list, so adding an item here is all it takes to add it to the report."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Item:
    """One table or figure of the report. Titles and captions may hold ``{name}`` and
    ``{short}``: the technology's words (``dl_geography.technology``)."""

    dataset: str
    title: str
    caption: str = ""
    kind: str = "table"  # "table" or "figure"
    max_rows: int | None = 25
    drop_columns: tuple[str, ...] = ()
    hide_zero_counts: bool = False  # report tables: leave out the reasons that dropped nothing
    head_per_group: tuple[str, int] | None = None  # e.g. ("statistic", 10): top rows of each
    # The table a figure is drawn from: when it is empty, the figure is too.
    source: str | None = None
    # A column that must hold a non-zero value for the item to hold a result.
    value_column: str | None = None
    # What would fill the item when it is empty (the parameter or data it needs).
    empty_hint: str = ""
    # A text dataset whose last line is printed beneath the item as its note.
    note_from: str | None = None


@dataclass(frozen=True)
class Section:
    title: str
    anchor: str
    intro: str
    items: tuple[Item, ...]
    # Stage reports whose ``empty`` rows say why an item of the section is empty.
    reports: tuple[str, ...] = ()


def figure(dataset: str, title: str, caption: str = "", **kwargs) -> Item:
    return Item(dataset, title, caption, kind="figure", **kwargs)


CITATIONS = (
    "citation counts: papers matched to published records (OpenAlex works; the "
    "sample environment has none)"
)
BOTH_PERIODS = "papers on both sides of the break year (years.break_year in conf/<env>/globals.yml)"
ORGANISATIONS = "organisations placed in a region (CrunchBase)"


SECTIONS: tuple[Section, ...] = (
    Section(
        "Finding {name}: labels and the topic model",
        "topic-model",
        "Each paper is labelled by the method topic_modelling.labelling.method names: the "
        "study's CorEx topic model (study_corex: a paper is {short} when a topic holding "
        "{short} vocabulary is assigned by Eq. 4, section 2.1.4) or weak supervision "
        "(weak_supervision, the default on real data: high-precision rules train a "
        "classifier that scores every paper; docs/topic_modelling.md). The topic model "
        "always runs, so both are scored on the hand-labelled set of real abstracts. This "
        "section counts every labelled paper; the sections after it count the papers of the "
        "analysis (published where the data require it, and placed at an institute).",
        (
            Item(
                "label_quality",
                "Label quality on hand-labelled real abstracts",
                "Precision, recall and F1 [bootstrap 95% interval] of the chosen method and "
                "of the study's CorEx label against 440 real 2025-26 arXiv abstracts "
                "labelled by reading (labelled_sets/dl_papers): development part (used to "
                "choose the thresholds) and test part (scored once); all cases and clear "
                "ones; inside the core categories (ml), outside (other), and weighted to "
                "the corpus.",
                max_rows=None,
                drop_columns=("technology",),
                empty_hint="the hand-labelled papers in the corpus (labelled_sets/dl_papers "
                "holds real 2025-26 arXiv papers: --env sample or a real "
                "harvest of those years) and technology: deep_learning, the only "
                "preset with a labelled set",
            ),
            Item(
                "dl_topics",
                "The topics and their top words",
                "Words are lemmas shown in their commonest written form.",
            ),
            figure(
                "fig_tc_by_n_topics",
                "Total correlation by number of topics",
                "The tuning curve and the number of topics the model uses.",
            ),
            Item(
                "keyword_label_agreement",
                "The label against a keyword search",
                "Confusion table of the two labels (robustness, the study's ref. [18]).",
            ),
            Item("topic_modelling_report", "Documents modelled and dropped", hide_zero_counts=True),
        ),
        reports=("topic_modelling_report",),
    ),
    Section(
        "{short} and non-{short} papers",
        "descriptives",
        "Table 2 and the distribution of papers by subject and place (section 3.1).",
        (
            Item("table_2", "Table 2: {short} vs non-{short} papers"),
            figure("fig_01", "Fig 1: shares of {short} and non-{short} papers by subject"),
            figure("fig_02", "Fig 2: shares of {short} and non-{short} papers by country (top 20)"),
            figure("fig_03", "Fig 3: shares of {short} and non-{short} papers by region (top 35)"),
        ),
        reports=("geography_report",),
    ),
    Section(
        "Related research and related industry",
        "relatedness",
        "How close each subject is to {short} in research, and which industry sectors "
        "{short} is related to (sections 2.1.5 and 2.2).",
        (
            figure("fig_04", "Fig 4: proximity between research subjects (cosine)"),
            figure(
                "fig_05",
                "Fig 5: organisations by region",
                source="arxiv_crunchbase_by_region",
                empty_hint=ORGANISATIONS,
            ),
            figure(
                "fig_06",
                "Fig 6: arXiv and CrunchBase activity by region",
                source="arxiv_crunchbase_by_region",
                empty_hint=ORGANISATIONS,
            ),
            figure("fig_07", "Fig 7: subject x sector relatedness"),
            Item(
                "sector_classifier_metrics",
                "Sector classifier: cross-validated metrics",
                max_rows=60,
                value_column="support",
                empty_hint="organisation descriptions to train the sector classifier "
                "(a CrunchBase export with descriptions); without them "
                "(industry_relatedness.without_descriptions: keyword_fallback) "
                "abstracts are labelled by the sector names they mention and "
                "no classifier is trained",
            ),
        ),
        reports=("industry_relatedness_report",),
    ),
    Section(
        "Is {name} a general-purpose technology?",
        "gpt",
        "Growth, generality and impact (section 3.2).",
        (
            figure(
                "fig_08",
                "Fig 8: {short} share of papers per year",
                source="dl_share_by_year",
                empty_hint=BOTH_PERIODS,
            ),
            figure("fig_09", "Fig 9: {short} share by subject"),
            figure(
                "fig_10",
                "Fig 10: {short} share of all and of highly cited papers by subject",
                source="dl_impact_by_subject",
                value_column="n_highly_cited",
                empty_hint=CITATIONS,
            ),
            Item(
                "dl_growth_robustness",
                "Robustness: the {short} share by label, and among highly cited papers",
                "The growth test with the strict label (every {short} topic assigned) "
                "beside the main one, and among highly cited papers only (top citation "
                "quartile of each year; the study's footnote 15). Change = share after / "
                "share before.",
                max_rows=None,
            ),
        ),
        reports=("geography_report",),
    ),
    Section(
        "Where {short} is specialised",
        "rca",
        "Revealed comparative advantage (Eq. 5) before and after the break year (section "
        "3.4), on papers above their year's citation median where citations exist.",
        (
            figure("fig_11", "Fig 11: country RCA after the break, and its change"),
            figure("fig_12", "Fig 12: region RCA after the break, and its change"),
            figure(
                "fig_13",
                "Fig 13: dispersion and concentration over time",
                source="concentration_by_year",
                empty_hint=f"{CITATIONS}, in the years of years.dispersion_years",
            ),
            Item(
                "concentration_summary",
                "Concentration of {short} vs all CS papers",
                value_column="n_highly_cited",
                empty_hint=CITATIONS,
            ),
        ),
        reports=("geography_report",),
    ),
    Section(
        "What predicts regional {short} specialisation",
        "drivers",
        "OLS of regional RCA after the break on related research, related industry and "
        "their co-location, regions in the top quartile of arXiv activity, every variable "
        "standardised, standard errors clustered by country (section 3.5).",
        (
            Item(
                "table_3",
                "Table 3: Models 1-4",
                max_rows=None,
                drop_columns=("statistic",),
                note_from="table_3_markdown",
            ),
            Item(
                "table_3_thresholds",
                "Robustness: Model 4 at other thresholds of arXiv activity",
                "The study's footnote 19: its results hold at other thresholds than the "
                "top quartile (drivers.robustness.activity_quantiles).",
                max_rows=None,
                drop_columns=("statistic",),
                note_from="table_3_markdown",
                empty_hint="more regions with every model variable",
            ),
            Item("drivers_vif", "Variance inflation factors", max_rows=None),
            figure(
                "fig_15", "Fig 15: correlation matrix of the variables", source="model_input_table"
            ),
            figure("fig_16", "Fig 16: Model 4 by subject", source="subject_model_coefficients"),
        ),
        reports=("drivers_report",),
    ),
    Section(
        "The press release's numbers",
        "headlines",
        "Growth multiples, shares and concentration, computed for every location.",
        (
            Item(
                "headline_statistics",
                "Headline statistics (the ten first of each)",
                max_rows=None,
                head_per_group=("statistic", 10),
            ),
        ),
        reports=("geography_report",),
    ),
    Section(
        "Diagnostics: sources, published records, institutes and places",
        "data",
        "How many records each source gave, how papers met their published records "
        "(OpenAlex, in place of MAG) and affiliations their institutes (ROR or GRID), and "
        "every drop with its reason (sections 2.1.1-2.1.3).",
        (
            Item(
                "ingestion_report",
                "Ingestion: records read, kept and dropped",
                max_rows=None,
                hide_zero_counts=True,
            ),
            Item(
                "affiliation_quality",
                "Affiliation matching on hand-labelled real strings",
                "Pair-level precision and recall [bootstrap 95% interval] of the matches "
                "against the distinct OpenAlex affiliation strings of the 520 real papers, "
                "labelled with their GRID 2016 institutes by hand "
                "(labelled_sets/affiliations): development part (used to tune the "
                "matcher) and test part (the honest figure).",
                max_rows=None,
                empty_hint="the labelled strings in the run (--env sample: the 520 real "
                "papers' OpenAlex affiliations, matched against GRID 2016)",
            ),
            Item(
                "enrichment_report",
                "Enrichment: matches by method, vetoes, placement",
                max_rows=None,
                hide_zero_counts=True,
            ),
        ),
    ),
)


def report_datasets() -> list[str]:
    """Every dataset the report reads: items, their sources and notes, stage reports."""
    names = []
    for section in SECTIONS:
        for item in section.items:
            names += [item.dataset, item.source, item.note_from]
        names += section.reports
    return [name for name in dict.fromkeys(names) if name]
