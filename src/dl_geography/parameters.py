"""Parameters as contracts: one typed, validated model per pipeline.

The merged parameters (``conf/base`` overridden key by key by the run's environment and
``--params``) are checked once, by :class:`~dl_geography.hooks.ParameterContractHook`
when the run's context is created, before any node runs. Every key has a type and, where it
has one, a range; an unknown key is an error too (a typo must not silently fall back on the
YAML default). A bad value stops the run with one line naming the key, the value and what
is allowed, e.g.::

    ParameterError: topic_modelling.gamma='abc': Input should be a valid number (allowed:
    0 <= value <= 1)

The models hold no defaults: defaults live in ``conf/base/parameters_*.yml`` only, and a
key missing there is reported like a bad one. Nodes keep receiving plain dicts
(``params:<pipeline>``) and read keys with ``params[key]``: the contract guarantees they
are there and valid.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Annotated, Any, Literal

import annotated_types
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

# arXiv opened in 1991; a year after the current one is in the future.
FIRST_YEAR = 1991
LAST_YEAR = date.today().year


class ParameterError(ValueError):
    """A parameter outside its contract (one line: key, value, what is allowed)."""


@cache
def _country_codes() -> frozenset[str]:
    from dl_geography.country_codes import iso_table

    return frozenset(iso_table()["alpha2"])


def _known_country(code: str) -> str:
    if code not in _country_codes():
        raise ValueError("unknown country: not an ISO 3166-1 alpha-2 code")
    return code


class Contract(BaseModel):
    """Base of every parameter model: no unknown keys, immutable once built."""

    model_config = ConfigDict(extra="forbid", frozen=True)


Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]
Share = Annotated[float, Field(ge=0, le=1)]
OpenShare = Annotated[float, Field(gt=0, lt=1)]
Percentile = Annotated[float, Field(ge=0, le=100)]
Positive = Annotated[int, Field(ge=1)]
Count = Annotated[int, Field(ge=0)]
Country = Annotated[str, AfterValidator(_known_country)]
Words = list[str]


# -- demo world (parameters_demo_world.yml) ------------------------------------------------
class DemoShares(Contract):
    non_cs: Share
    unpublished: Share
    repository_only: Share
    arxiv_doi: Share
    journal_doi: Share
    title_changed: Share
    short_abstract: Share
    stray_dl_terms: Share
    ror_given: Share
    absent_from_registry: Share
    two_institute_strings: Share
    same_region_coauthor: Share
    same_country_coauthor: Share
    duplicate_titles: Share
    distractor_works: Share
    org_no_coordinates: Share
    org_empty_description: Share
    org_foreign_description: Share
    n_offshore_institutes: Count


class DemoDL(Contract):
    share_before: Share
    share_after: Share
    yearly_slope_after: float


class DemoEffects(Contract):
    interaction: float
    china: float
    research_before: float
    research_after: float
    industry_after: float
    region_noise: Annotated[float, Field(ge=0)]
    high_growth_countries: list[Country]
    high_growth_before: float
    research_tilt: float
    industry_tilt: float
    dl_citations: float
    research_industry_correlation: Annotated[float, Field(ge=-1, le=1)]


class DemoWorld(Contract):
    enabled: bool
    output_dir: str
    n_papers: Positive
    seed: int
    first_year: Year
    last_year: Year
    break_year: Year
    paper_growth: float
    n_institutes: Count
    n_organizations: Count
    shares: DemoShares
    dl: DemoDL
    effects: DemoEffects

    @model_validator(mode="after")
    def _years_in_order(self):
        if not self.first_year < self.break_year <= self.last_year:
            raise ValueError(
                f"need first_year < break_year <= last_year, got "
                f"{self.first_year}, {self.break_year}, {self.last_year}"
            )
        return self


# -- ingestion (parameters_ingestion.yml) ---------------------------------------------------
class Ingestion(Contract):
    subject_archives: Annotated[Words, Field(min_length=1)]
    extra_subjects: Words


# -- enrichment (parameters_enrichment.yml) -------------------------------------------------
class EnrichmentPublished(Contract):
    published_source_types: Annotated[Words, Field(min_length=1)]
    prefer_published: bool
    title_max_year_gap: Count | None


class EnrichmentAffiliations(Contract):
    fuzzy_threshold: Share
    shortlist_size: Positive
    shortlist_max_df: Annotated[float, Field(gt=0, le=1)]
    min_query_length: Positive
    workers: Annotated[int, Field(ge=-1)]
    distinctive_token_check: bool
    distinctive_max_share: Share
    distinctive_min_count: Count
    distinctive_token_ratio: Percentile
    name_coverage_check: bool
    query_coverage_check: bool
    exact_word_max_length: Count
    stop_words: Words
    segments: Literal["all", "first"]
    part_picks: bool
    canonical_match: bool
    bracket_acronyms: bool
    declared_acronym_min_length: Count
    unit_match: bool
    unit_parent_words: Words
    unit_words: Words
    max_stem_words: Positive
    main_campus_name_ratio: Annotated[float, Field(ge=1)]
    rollup: Literal["none", "parent", "top"]
    max_depth: Positive
    legal_suffixes: Words
    translations: dict[str, str]
    country_veto: bool
    fuzzy_context_veto: bool
    city_min_population: Count | None
    min_place_name_length: Positive
    long_country_name: Positive
    max_place_ngram: Positive
    abbreviations: dict[str, str]
    country_aliases: dict[str, Country]
    national_adjectives: dict[str, Country]
    exonyms: dict[str, str]
    canonical_synonyms: dict[str, str]
    city_stems: bool
    country_stems: bool
    implied_words: dict[str, list[str]]
    campus_stems: bool
    query_levels: list[Literal["headed", "led", "owner", "untailed"]]

    @model_validator(mode="after")
    def _workers_not_zero(self):
        if self.workers == 0:
            raise ValueError("workers must be -1 (all cores) or at least 1, got 0")
        return self


class Bootstrap(Contract):
    """Intervals of the scores against a hand-labelled set (labelled_sets/)."""

    bootstrap_samples: Positive
    confidence: OpenShare
    seed: int


class EnrichmentGeocoding(Contract):
    max_distance_km: Annotated[float, Field(gt=0)]
    exclude_multinationals: bool


class EnrichmentPaperInstitutes(Contract):
    require_published: bool


# -- geography (parameters_geography.yml) ---------------------------------------------------
class GeographyData(Contract):
    require_published: bool
    year_source: Literal["publication", "arxiv"]
    rca_citation_filter: Literal["above_median", "all"]


class TechnologyWords(Contract):
    """What readers see: filled from the chosen preset (``${technology:display_name}``)."""

    name: Annotated[str, Field(min_length=1)]
    short: Annotated[str, Field(min_length=1)]


class MostActive(Contract):
    country: Percentile
    region: Percentile


class Geography(Contract):
    data: GeographyData
    counting: Literal["full", "fractional"]
    highly_cited_quantile: OpenShare
    median_quantile: OpenShare
    citation_reference_year: Year | None
    break_year: Year
    most_active_percentile: MostActive
    top_subjects: Positive
    top_countries: Positive
    top_regions: Positive
    top_regions_organizations: Positive
    moving_average_window: Positive
    fig9_highlight_subjects: Positive
    top_subjects_periods: Positive
    impact_since_years: Annotated[list[Year], Field(min_length=1)]
    impact_min_highly_cited: Count
    rca_change_top: Positive
    dispersion_years: Annotated[list[Year], Field(min_length=1)]
    dispersion_top_countries: Positive
    concentration_top_k: Positive
    growth_periods: Annotated[list[tuple[Year, Year]], Field(min_length=1)]
    growth_pseudo_count: Annotated[float, Field(ge=0)]
    growth_min_first_period_papers: Count
    concentration_country: Country
    concentration_top_regions: Positive
    technology: TechnologyWords
    boundaries_source: str

    @model_validator(mode="after")
    def _periods_in_order(self):
        for start, end in self.growth_periods:
            if start > end:
                raise ValueError(f"growth_periods: [{start}, {end}] ends before it starts")
        return self


# -- drivers (parameters_drivers.yml) -------------------------------------------------------
class DriversSample(Contract):
    activity_quantile: Share
    activity_period: Literal["all", "before", "after"]


class Standardisation(Contract):
    interactions: Literal["product_of_standardised", "standardised_product"]
    dummies: bool


class Covariance(Contract):
    type: Literal["cluster", "HC0", "HC1", "HC2", "HC3", "nonrobust"]
    cluster_by: str
    use_t: bool


class SubjectModels(Contract):
    n_subjects: Positive
    model: str
    rca_citation_filter: Literal["above_median", "all"]


class DriversRobustness(Contract):
    activity_quantiles: Annotated[list[OpenShare], Field(min_length=1)]


class Drivers(Contract):
    break_year: Year
    target_subject: str
    china_country_codes: Annotated[list[Country], Field(min_length=1)]
    arxiv_sp_above_median_only: bool
    cb_sp_without_organisations: Literal["zero", "missing"]
    sample: DriversSample
    standardisation: Standardisation
    dependent: str
    models: Annotated[dict[str, Annotated[Words, Field(min_length=1)]], Field(min_length=1)]
    covariance: Covariance
    confidence_level: OpenShare
    significance_levels: Annotated[list[OpenShare], Field(min_length=1)]
    decimals: Count
    term_labels: dict[str, str]
    robustness: DriversRobustness
    subject_models: SubjectModels

    @model_validator(mode="after")
    def _subject_model_exists(self):
        if self.subject_models.model not in self.models:
            raise ValueError(
                f"subject_models.model {self.subject_models.model!r} is not one "
                f"of models: {sorted(self.models)}"
            )
        return self


# -- industry relatedness (parameters_industry_relatedness.yml) -----------------------------
class Research(Contract):
    dl_label_column: str
    keep_unlabelled_papers: bool


class TrainingData(Contract):
    label_column: str
    min_description_length: Count
    max_training_organizations: Positive
    min_sector_examples: Positive
    min_english_stop_word_share: Share
    min_ascii_letter_share: Share


class Tfidf(Contract):
    stop_words: str | None
    sublinear_tf: bool
    min_df: Annotated[float, Field(gt=0)]
    max_df: Annotated[float, Field(gt=0)]
    ngram_range: tuple[Positive, Positive]
    max_features: Positive | None


class Classifier(Contract):
    seed: int
    cv_folds: Annotated[int, Field(ge=2)]
    n_jobs: int
    grid_max_organizations: Positive
    metrics_max_organizations: Count
    fit_max_organizations: Count
    selection_metric: Literal["f1_macro", "f1_micro", "f1_samples"]
    tfidf: Tfidf
    grid: dict[str, dict[str, Annotated[list[Any], Field(min_length=1)]]]


class Prediction(Contract):
    probability_threshold: Share
    batch_size: Positive


class RelatednessFigures(Contract):
    technology: TechnologyWords
    fig4_max_subjects: Positive
    fig7_max_subjects: Positive
    fig7_max_sectors: Positive


class IndustryRelatedness(Contract):
    research: Research
    training_data: TrainingData
    classifier: Classifier
    prediction: Prediction
    figures: RelatednessFigures
    without_descriptions: Literal["error", "keyword_fallback"]


# -- topic modelling (parameters_topic_modelling.yml) ---------------------------------------
class Tokenise(Contract):
    min_token_length: Positive
    use_sklearn_stop_words: bool
    extra_stop_words: Words
    keep_words: Words


class Collocations(Contract):
    n_passes: Count
    max_words: Annotated[int, Field(ge=2)]
    min_count: Positive
    npmi_threshold: Annotated[float, Field(ge=-1, le=1)]


class Corex(Contract):
    n_topics: Positive
    max_iter: Positive
    seed: int
    anchors: list[list[str] | str] | None
    anchor_strength: Annotated[float, Field(gt=0)]
    negative_poles: bool
    max_documents: Count


class Tuning(Contract):
    n_topics_grid: Annotated[list[Positive], Field(min_length=1)]
    max_iter: Positive
    max_documents: Count
    min_elbow_distance: Share
    apply: bool


class LabelClassifier(Contract):
    C: Annotated[float, Field(gt=0)]
    min_df: Positive
    max_features: Positive


class LabelEvaluation(Bootstrap):
    technology: str


class Labelling(Contract):
    method: Literal["study_corex", "weak_supervision"]
    threshold: Share
    rule_min_score: Share
    min_class_size: Positive
    min_share: Share
    max_share: Share
    classifier: LabelClassifier
    evaluation: LabelEvaluation

    @model_validator(mode="after")
    def _shares_in_order(self):
        if self.min_share > self.max_share:
            raise ValueError(f"min_share {self.min_share} is above max_share {self.max_share}")
        return self


class TopicModelling(Contract):
    text_columns: Annotated[Words, Field(min_length=1)]
    tokenise: Tokenise
    collocations: Collocations
    min_document_frequency: Positive
    min_document_tokens: Count
    corex: Corex
    tuning: Tuning
    n_words_per_topic: Positive
    positive_words_only: bool
    gamma: Share
    labelling: Labelling


# -- reporting (parameters_reporting.yml) ---------------------------------------------------
class Reporting(Contract):
    title_suffix: str
    technology: TechnologyWords
    significance_level: OpenShare
    word_forms_max_papers: Positive
    data_mode: Literal["demo", "sample", "real"]
    banner: str
    sources: Annotated[Words, Field(min_length=1)]


# -- source connectors (conf/real/parameters_sources.yml; read by python -m ...sources) ----
class ArxivSource(Contract):
    endpoint: str
    sets: Annotated[Words, Field(min_length=1)]
    metadata_prefix: Literal["arXiv", "arXivRaw"]
    interval_seconds: Annotated[float, Field(ge=0)]
    api_url: str


class OpenAlexSource(Contract):
    api_url: str
    batch_size: Annotated[int, Field(ge=1, le=100)]
    interval_seconds: Annotated[float, Field(ge=0)]
    budget_usd: Annotated[float, Field(ge=0)]
    title_search: bool


class GeonamesSource(Contract):
    cities: str


class HTTPSettings(Contract):
    timeout_seconds: Annotated[float, Field(gt=0)]
    max_retries: Count
    downloads_interval_seconds: Annotated[float, Field(ge=0)]


class Sources(Contract):
    arxiv: ArxivSource
    openalex: OpenAlexSource
    geonames: GeonamesSource
    http: HTTPSettings


class Execution(Contract):
    """Where record-wise stages run (execution.py); the address only in conf/local."""

    engine: Literal["local", "dask"]
    scheduler_address: str | None
    n_workers: Positive
    threads_per_worker: Positive
    partition_rows: Positive


class Parameters(Contract):
    """Every top-level parameter key of the project; ``sources`` only in ``conf/real``."""

    demo_world: DemoWorld
    sample_max_papers: Count
    ingestion: Ingestion
    enrichment_published: EnrichmentPublished
    enrichment_affiliations: EnrichmentAffiliations
    enrichment_geocoding: EnrichmentGeocoding
    enrichment_paper_institutes: EnrichmentPaperInstitutes
    geography: Geography
    drivers: Drivers
    industry_relatedness: IndustryRelatedness
    topic_modelling: TopicModelling
    technology: str
    technologies: dict[str, dict[str, Any]]
    enrichment_evaluation: Bootstrap
    execution: Execution
    reporting: Reporting
    sources: Sources | None = None  # the connectors' settings, in conf/real only

    @model_validator(mode="after")
    def _technology_is_a_valid_preset(self):
        """The preset ``technology`` names exists and is well formed (technology.py)."""
        from dl_geography.technology import resolve_technology

        resolve_technology(self.technology, self.technologies)
        return self

    @model_validator(mode="after")
    def _drivers_follow_geography(self):
        """drivers repeats two geography choices (a YAML interpolation in conf/base).

        Interpolations resolve inside one environment's files, before environments and
        ``--params`` are merged, so an override of the geography key alone would leave the
        drivers' copy behind; the two must be overridden together.
        """
        pairs = [
            ("break_year", self.drivers.break_year, self.geography.break_year),
            (
                "subject_models.rca_citation_filter",
                self.drivers.subject_models.rca_citation_filter,
                self.geography.data.rca_citation_filter,
            ),
        ]
        for key, theirs, ours in pairs:
            if theirs != ours:
                source = "data.rca_citation_filter" if "rca" in key else key
                raise ValueError(
                    f"drivers.{key}={theirs!r} differs from geography.{source}="
                    f"{ours!r}; override both together"
                )
        return self


# -- errors in one line ------------------------------------------------------------------
_BOUNDS = (
    (annotated_types.Ge, "ge", ">="),
    (annotated_types.Gt, "gt", ">"),
    (annotated_types.Le, "le", "<="),
    (annotated_types.Lt, "lt", "<"),
    (annotated_types.MinLen, "min_length", "length >="),
    (annotated_types.MaxLen, "max_length", "length <="),
)


def _bounds(metadata) -> list[str]:
    """``value >= 0``-style texts of the range constraints in a field's metadata."""
    out = []
    for meta in metadata:
        for sub in getattr(meta, "metadata", [meta]):  # a FieldInfo inside Annotated
            out += [
                f"value {symbol} {getattr(sub, attr)}"
                for kind, attr, symbol in _BOUNDS
                if isinstance(sub, kind)
            ]
    return out


def _field_info(model: type[BaseModel], loc: tuple):
    """The FieldInfo the error location ``loc`` points at (None past a dict or list)."""
    info = None
    for part in loc:
        if not (isinstance(part, str) and isinstance(model, type) and issubclass(model, BaseModel)):
            break
        info = model.model_fields.get(part)
        if info is None:
            return None
        model = next(
            (
                a
                for a in (info.annotation, *getattr(info.annotation, "__args__", ()))
                if isinstance(a, type) and issubclass(a, BaseModel)
            ),
            None,
        )
    return info


def _allowed(model: type[BaseModel], loc: tuple) -> str:
    """`` (allowed: ...)``: the range, the choices or the inner ranges of the field."""
    info = _field_info(model, loc)
    if info is None:
        return ""
    parts = _bounds(info.metadata)
    args = getattr(info.annotation, "__args__", ())
    if getattr(info.annotation, "__origin__", None) is Literal:
        parts.append("one of " + ", ".join(map(repr, args)))
    for arg in args:  # list[Year], Year | None: the inner ranges
        parts += _bounds(getattr(arg, "__metadata__", ()))
    return f" (allowed: {', '.join(parts)})" if parts else ""


def _describe(error: dict) -> str:
    loc = tuple(error["loc"])
    key = ".".join(str(p) for p in loc) or "parameters"
    if error["type"] == "missing":
        return f"{key}: missing from conf/base/parameters_*.yml (no default outside the YAML)"
    if error["type"] == "extra_forbidden":
        return f"{key}={error['input']!r}: unknown parameter"
    message = error["msg"].removeprefix("Value error, ")
    if isinstance(error["input"], dict):  # a check across keys: the message names them
        return f"{key}: {message}"
    return f"{key}={error['input']!r}: {message}{_allowed(Parameters, loc)}"


def validate_parameters(params: dict) -> Parameters:
    """The run's merged parameters as a validated :class:`Parameters`; else ParameterError.

    The message is one line: every broken key with its value and what is allowed, joined
    by ``"; "``.
    """
    try:
        return Parameters.model_validate(params)
    except ValidationError as error:
        lines = [_describe(e) for e in error.errors(include_url=False)]
        raise ParameterError("; ".join(lines)) from None
