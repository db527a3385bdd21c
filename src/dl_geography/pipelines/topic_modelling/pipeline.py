"""Wiring of the topic_modelling pipeline (docs/topic_modelling.md)."""

from kedro.pipeline import Node, Pipeline

from dl_geography.pipelines.topic_modelling.assign import (
    extract_topic_words,
    find_dl_topics,
    label_papers,
    score_papers,
)
from dl_geography.pipelines.topic_modelling.corex import (
    plot_tc_by_n_topics,
    train_corex_model,
    tune_n_topics,
)
from dl_geography.pipelines.topic_modelling.evaluation import score_against_labelled_set
from dl_geography.pipelines.topic_modelling.features import (
    build_doc_term_matrix,
    detect_collocations,
)
from dl_geography.pipelines.topic_modelling.labelling import (
    choose_paper_labels,
    resolve_technology_definition,
    score_by_weak_supervision,
)
from dl_geography.pipelines.topic_modelling.report import summarise_topic_modelling
from dl_geography.pipelines.topic_modelling.robustness import compare_with_keyword_search
from dl_geography.pipelines.topic_modelling.tokenise import tokenise_abstracts

P = "params:topic_modelling"


def create_pipeline(**kwargs) -> Pipeline:
    """The topic_modelling pipeline (section 2.1.4): document features, the CorEx model and
    its DL labels, then the chosen labels with their evaluation and report."""
    return Pipeline(
        [*_feature_nodes(), *_corex_nodes(), *_label_nodes()],
        tags=["topic_modelling"],
    )


def _feature_nodes() -> list[Node]:
    """The technology's definition, weak-supervision scores, tokens, phrases and the
    document-term matrix."""
    return [
        Node(
            resolve_technology_definition,
            ["params:technology", "params:technologies"],
            "technology_definition",
            name="resolve_technology_definition",
        ),
        Node(
            score_by_weak_supervision,
            ["papers", "technology_definition", P, "params:execution"],
            "weak_supervision_scores",
            name="score_by_weak_supervision",
        ),
        Node(
            tokenise_abstracts,
            ["papers", P, "params:execution"],
            "abstract_tokens",
            name="tokenise_abstracts",
        ),
        Node(
            detect_collocations,
            ["abstract_tokens", P],
            ["abstract_phrase_tokens", "collocations"],
            name="detect_collocations",
        ),
        Node(
            build_doc_term_matrix,
            ["abstract_phrase_tokens", P],
            ["doc_term_matrix", "vocabulary", "doc_term_rows", "topic_features_report"],
            name="build_doc_term_matrix",
        ),
    ]


def _corex_nodes() -> list[Node]:
    """Tuning curve and its figure, the CorEx fit, topic words, paper scores, DL topics and
    the CorEx labels (Eq. 4)."""
    return [
        Node(
            tune_n_topics,
            ["doc_term_matrix", "vocabulary", P],
            "tc_by_n_topics",
            name="tune_n_topics",
        ),
        Node(
            plot_tc_by_n_topics,
            ["tc_by_n_topics", P],
            "fig_tc_by_n_topics",
            name="plot_tc_by_n_topics",
        ),
        Node(
            train_corex_model,
            ["doc_term_matrix", "vocabulary", "tc_by_n_topics", P],
            "corex_model",
            name="train_corex_model",
        ),
        Node(
            extract_topic_words,
            ["corex_model", "vocabulary", P],
            "topic_words",
            name="extract_topic_words",
        ),
        Node(
            score_papers,
            ["doc_term_matrix", "doc_term_rows", "topic_words", "corex_model", P],
            "paper_topic_scores",
            name="score_papers",
        ),
        Node(
            find_dl_topics,
            ["topic_words", "technology_definition"],
            "dl_topics",
            name="find_dl_topics",
        ),
        Node(
            label_papers,
            ["paper_topic_scores", "dl_topics", "doc_term_rows"],
            "corex_paper_labels",
            name="label_papers",
        ),
    ]


def _label_nodes() -> list[Node]:
    """The labels the study uses (CorEx or weak supervision), scored against the labelled
    set and a keyword search, and the pipeline's report."""
    return [
        Node(
            choose_paper_labels,
            [
                "corex_paper_labels",
                "weak_supervision_scores",
                "technology_definition",
                P,
            ],
            "paper_labels",
            name="choose_paper_labels",
        ),
        Node(
            score_against_labelled_set,
            [
                "paper_labels",
                "corex_paper_labels",
                "papers",
                "labelled_papers",
                "labelled_papers_split",
                "technology_definition",
                P,
            ],
            "label_quality",
            name="score_against_labelled_set",
        ),
        Node(
            compare_with_keyword_search,
            ["papers", "paper_labels", "technology_definition"],
            "keyword_label_agreement",
            name="compare_with_keyword_search",
        ),
        Node(
            summarise_topic_modelling,
            [
                "topic_features_report",
                "collocations",
                "tc_by_n_topics",
                "dl_topics",
                "weak_supervision_scores",
                "paper_labels",
                P,
            ],
            "topic_modelling_report",
            name="summarise_topic_modelling",
        ),
    ]
