"""What the report shows, in order: every table and figure of the study, and the
diagnostics a reader needs to trust them. The reporting pipeline's inputs are derived
from this list, so adding an item here is all it takes to add it to the report."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Item:
    dataset: str
    title: str
    caption: str = ""
    kind: str = "table"  # "table" or "figure"
    max_rows: int | None = 25
    drop_columns: tuple[str, ...] = ()
    hide_zero_counts: bool = False  # report tables: leave out the reasons that dropped nothing
    head_per_group: tuple[str, int] | None = None  # e.g. ("statistic", 10): top rows of each


@dataclass(frozen=True)
class Section:
    title: str
    anchor: str
    intro: str
    items: tuple[Item, ...]


def figure(dataset: str, title: str, caption: str = "") -> Item:
    return Item(dataset, title, caption, kind="figure")


SECTIONS: tuple[Section, ...] = (
    Section(
        "Finding deep learning: the topic model", "topic-model",
        "CorEx on a binary bag of words of the abstracts; a paper is DL when a topic "
        "holding DL vocabulary is assigned by Eq. 4 (section 2.1.4).",
        (
            Item("dl_topics", "The DL topics and their top words"),
            figure("fig_tc_by_n_topics", "Total correlation by number of topics",
                   "The tuning curve; the elbow rule's pick is marked."),
            Item("keyword_label_agreement", "CorEx label against a keyword search",
                 "Confusion table of the two labels (robustness, the study's ref. [18])."),
            Item("topic_modelling_report", "Documents modelled and dropped",
                 hide_zero_counts=True),
        ),
    ),
    Section(
        "DL and non-DL papers", "descriptives",
        "Table 2 and the distribution of papers by subject and place (section 3.1).",
        (
            Item("table_2", "Table 2: DL vs non-DL papers"),
            figure("fig_01", "Fig 1: shares of DL and non-DL papers by subject"),
            figure("fig_02", "Fig 2: shares of DL and non-DL papers by country (top 20)"),
            figure("fig_03", "Fig 3: shares of DL and non-DL papers by region (top 35)"),
        ),
    ),
    Section(
        "Related research and related industry", "relatedness",
        "How close each subject is to DL in research, and which industry sectors DL is "
        "related to (sections 2.1.5 and 2.2).",
        (
            figure("fig_04", "Fig 4: proximity between research subjects (cosine)"),
            figure("fig_05", "Fig 5: organisations by region"),
            figure("fig_06", "Fig 6: arXiv and CrunchBase activity by region"),
            figure("fig_07", "Fig 7: subject x sector relatedness"),
            Item("sector_classifier_metrics", "Sector classifier: cross-validated metrics",
                 max_rows=60),
        ),
    ),
    Section(
        "Is DL a general-purpose technology?", "gpt",
        "Growth, generality and impact (section 3.2).",
        (
            figure("fig_08", "Fig 8: DL share of papers per year"),
            figure("fig_09", "Fig 9: DL share by subject"),
            figure("fig_10", "Fig 10: DL share of all and of highly cited papers by subject"),
        ),
    ),
    Section(
        "Where DL is specialised", "rca",
        "Revealed comparative advantage (Eq. 5) on papers above their year's citation "
        "median, before and after the break year (section 3.4).",
        (
            figure("fig_11", "Fig 11: country RCA after the break, and its change"),
            figure("fig_12", "Fig 12: region RCA after the break, and its change"),
            figure("fig_13", "Fig 13: dispersion and concentration over time"),
            Item("concentration_summary", "Concentration of DL vs all CS papers"),
        ),
    ),
    Section(
        "What predicts regional DL specialisation", "drivers",
        "OLS of regional RCA after the break on related research, related industry and "
        "their co-location, regions in the top quartile of arXiv activity, every variable "
        "standardised, standard errors clustered by country (section 3.5).",
        (
            Item("table_3", "Table 3: Models 1-4", max_rows=None, drop_columns=("statistic",)),
            Item("drivers_vif", "Variance inflation factors", max_rows=None),
            figure("fig_15", "Fig 15: correlation matrix of the variables"),
            figure("fig_16", "Fig 16: Model 4 by subject"),
        ),
    ),
    Section(
        "The press release's numbers", "headlines",
        "Growth multiples, shares and concentration, computed for every location.",
        (Item("headline_statistics", "Headline statistics (the ten first of each)",
              max_rows=None, head_per_group=("statistic", 10)),),
    ),
    Section(
        "Diagnostics: sources, published records, institutes and places", "data",
        "How many records each source gave, how papers met their published records "
        "(OpenAlex, in place of MAG) and affiliations their institutes (ROR or GRID), and "
        "every drop with its reason (sections 2.1.1-2.1.3).",
        (
            Item("ingestion_report", "Ingestion: records read, kept and dropped", max_rows=None,
                 hide_zero_counts=True),
            Item("enrichment_report", "Enrichment: matches by method, vetoes, placement",
                 max_rows=None, hide_zero_counts=True),
        ),
    ),
)


def report_datasets() -> list[str]:
    """Every dataset the report reads, in order of appearance."""
    return [item.dataset for section in SECTIONS for item in section.items]
