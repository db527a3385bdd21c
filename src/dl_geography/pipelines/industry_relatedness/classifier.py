"""The sector classifier (section 2.2): organisation description -> CrunchBase sectors.

Multi-label, one-vs-rest, on TF-IDF features. A seeded, cross-validated grid search on a
fixed-size sample chooses between model families (logistic regression with an L1 penalty,
the study's pick, fitted by liblinear or by stochastic gradient descent; complement naive
Bayes; a linear SVM with calibrated probabilities) and their regularisation, by a stated
metric (macro F1 by default). The chosen model is cross-validated on a fixed-size sample,
fitted once on a fixed-size sample (or on every training organisation), and labels every
arXiv abstract with each sector of probability at least 0.99. See docs/performance.md for
the cost of each step and family.
"""

import logging

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.metrics import f1_score, make_scorer, precision_recall_fscore_support
from sklearn.model_selection import GridSearchCV, KFold, ParameterGrid
from sklearn.multiclass import OneVsRestClassifier
from sklearn.naive_bayes import ComplementNB
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MultiLabelBinarizer
from sklearn.svm import LinearSVC

from dl_geography.execution import map_partitions
from dl_geography.membership import is_in
from dl_geography.progress import Progress, track
from dl_geography.quality import StageReport

from .keyword_labels import KeywordSectorModel

logger = logging.getLogger(__name__)

SCORERS = {
    "f1_macro": make_scorer(f1_score, average="macro", zero_division=0),
    "f1_micro": make_scorer(f1_score, average="micro", zero_division=0),
    "f1_samples": make_scorer(f1_score, average="samples", zero_division=0),
}


class SGDLogisticL1(ClassifierMixin, BaseEstimator):
    """L1-penalised logistic regression fitted by stochastic gradient descent.

    The objective is liblinear's, ``||w||_1 + C * sum(log-loss)``, written as SGD's
    ``alpha * ||w||_1 + mean(log-loss)`` with ``alpha = 1 / (C * n_samples)``, so ``C``
    means the same in both families. ``epochs`` full passes (no early stop: the cost is
    ``epochs`` x the non-zeros of the features, linear in the organisations, where
    liblinear's grows faster); ``average`` averages the iterates (ASGD), which steadies
    the probabilities that the 0.99 threshold reads.
    """

    def __init__(
        self,
        C: float = 1.0,
        epochs: int = 15,
        average: bool = True,
        random_state: int | None = None,
    ):
        self.C = C
        self.epochs = epochs
        self.average = average
        self.random_state = random_state

    def fit(self, X, y):
        alpha = 1.0 / (float(self.C) * X.shape[0])
        self.model_ = SGDClassifier(
            loss="log_loss",
            penalty="l1",
            alpha=alpha,
            max_iter=int(self.epochs),
            tol=None,
            average=self.average,
            random_state=self.random_state,
        )
        self.model_.fit(X, y)
        self.classes_ = self.model_.classes_
        return self

    def decision_function(self, X):
        return self.model_.decision_function(X)

    def predict_proba(self, X):
        return self.model_.predict_proba(X)

    def predict(self, X):
        return self.model_.predict(X)


def _model_family(name: str, seed: int):
    """The binary estimator of one family; OneVsRest wraps it, one copy per sector."""
    if name == "logistic_l1_sgd":
        return SGDLogisticL1(random_state=seed)
    if name == "logistic_l1":
        # l1_ratio=1 is scikit-learn >= 1.8's spelling of penalty="l1".
        return LogisticRegression(
            l1_ratio=1.0, solver="liblinear", max_iter=1000, random_state=seed
        )
    if name == "linear_svc":
        return CalibratedClassifierCV(LinearSVC(random_state=seed), method="sigmoid", cv=3)
    if name == "complement_nb":
        return ComplementNB()
    raise ValueError(f"unknown model family {name!r}: use {', '.join(PARAMETER_PREFIX)}")


# Where each family's hyper-parameters sit inside the one-vs-rest wrapper.
PARAMETER_PREFIX = {
    "logistic_l1_sgd": "clf__estimator__",
    "logistic_l1": "clf__estimator__",
    "linear_svc": "clf__estimator__estimator__",
    "complement_nb": "clf__estimator__",
}


def _family_of(estimator) -> str:
    inner = estimator.estimator
    return {
        SGDLogisticL1: "logistic_l1_sgd",
        LogisticRegression: "logistic_l1",
        CalibratedClassifierCV: "linear_svc",
        ComplementNB: "complement_nb",
    }[type(inner)]


def train_sector_classifier(
    training: pd.DataFrame,
    sector_counts: pd.DataFrame,
    params: dict,
    without_descriptions: str = "error",
    probability_threshold: float = 0.99,
) -> tuple[dict, pd.DataFrame, dict]:
    """Section 2.2: grid-search, cross-validate and fit the description -> sector model.

    ``params``: ``seed``, ``cv_folds``, ``n_jobs``, ``selection_metric`` (a key of
    ``SCORERS``), ``grid_max_organizations``, ``metrics_max_organizations``,
    ``fit_max_organizations``, ``tfidf`` (TfidfVectorizer keyword arguments) and ``grid``
    (model family -> {hyper-parameter: [values]}).

    1. Grid search: every candidate is scored on the same seeded folds of a seeded random
       sample of at most ``grid_max_organizations`` training organisations (all when 0).
    2. Metrics: the chosen configuration's out-of-fold probabilities on seeded folds of a
       seeded random sample of at most ``metrics_max_organizations`` training organisations
       (all when 0) give per-sector and ``macro`` precision, recall, F1 and support at the
       decision p >= 0.5, and precision, recall and F1 at ``probability_threshold`` (the
       rule that labels abstracts) in ``*_at_threshold``.
    3. The chosen configuration is fitted once, on a seeded random sample of at most
       ``fit_max_organizations`` training organisations (all when 0).

    With the three limits set, the cost stays flat however large the registry. With
    ``fit_max_organizations`` 0 the fit grows linearly with the organisations for
    ``logistic_l1_sgd`` and ``complement_nb``, faster for liblinear's ``logistic_l1``
    (docs/performance.md).

    Returns ``(classifier, metrics, chosen)``: ``classifier`` is a dict with the fitted
    scikit-learn ``model`` and its ``sectors`` (column order of ``predict_proba``);
    ``chosen`` the selected family and hyper-parameters and every candidate's score.

    With no training organisation (an export without descriptions) it raises, unless
    ``without_descriptions`` is ``keyword_fallback``: then the model is a
    ``KeywordSectorModel`` over the sectors with enough organisations in ``sector_counts``,
    the metrics are empty (NaN) and ``chosen`` says why.
    Deviations: the study names neither folds nor metric nor solver, and searched and
    fitted on all its data (~200,000 organisations); samples keep the cost flat. The metrics are not
    nested-CV estimates (the sample that chose the model may overlap the one scored), so
    slightly optimistic.
    """
    if training.empty and without_descriptions == "keyword_fallback":
        return _keyword_fallback(sector_counts)
    _check_training(training, params, without_descriptions)
    seed = int(params["seed"])
    binarizer = MultiLabelBinarizer()
    labels = binarizer.fit_transform(training["sectors"])
    sectors = [str(s) for s in binarizer.classes_]
    if len(sectors) < 2:
        raise ValueError(f"the sector classifier needs at least two sectors, got {sectors}")
    texts = training["description"].astype(str).to_numpy()
    folds = int(params["cv_folds"])
    cv = KFold(n_splits=folds, shuffle=True, random_state=seed)
    metric = params["selection_metric"]

    base = Pipeline(
        [
            ("tfidf", TfidfVectorizer(**_tfidf_arguments(params["tfidf"]))),
            ("clf", OneVsRestClassifier(LogisticRegression())),
        ]
    )
    sample = _grid_sample(len(training), int(params["grid_max_organizations"]), seed)
    search = _grid_search(base, texts[sample], labels[sample], params, cv)
    best, family, best_params = _best_configuration(base, search)
    logger.info(
        "sector classifier: %s %s, grid CV %s %.3f on %d organisations",
        family,
        best_params,
        metric,
        search.best_score_,
        len(sample),
    )

    scored = _grid_sample(len(training), int(params["metrics_max_organizations"]), seed + 1)
    metrics = _out_of_fold_metrics(
        best,
        texts[scored],
        labels[scored],
        sectors=sectors,
        cv=cv,
        probability_threshold=probability_threshold,
    )
    fitted = _grid_sample(len(training), int(params["fit_max_organizations"]), seed + 2)
    logger.info("sector classifier: final fit on %d organisations", len(fitted))
    best.fit(texts[fitted], labels[fitted])
    chosen = {
        "model": family,
        "params": best_params,
        "selection_metric": metric,
        "best_score": float(search.best_score_),
        "cv_macro_f1": float(metrics["f1"].iloc[-1]),
        "probability_threshold": float(probability_threshold),
        "cv_folds": folds,
        "seed": seed,
        "n_grid_organizations": len(sample),
        "n_metrics_organizations": len(scored),
        "n_fit_organizations": len(fitted),
        "tfidf": dict(params["tfidf"]),
        "n_training_organizations": len(training),
        "n_sectors": len(sectors),
        "sectors": sectors,
        "candidates": _grid_candidates(search),
    }
    return {"model": best, "sectors": sectors}, metrics, chosen


def _check_training(training: pd.DataFrame, params: dict, without_descriptions: str) -> None:
    """Clear errors before any fit: an unknown ``without_descriptions`` or
    ``selection_metric``, no training organisation, too few for the folds."""
    if without_descriptions not in {"error", "keyword_fallback"}:
        raise ValueError(
            f"without_descriptions {without_descriptions!r}: use error or keyword_fallback"
        )
    if training.empty:
        raise ValueError(
            "no organisation is left to train the sector classifier: it needs descriptions "
            "(CrunchBase bulk export organization_descriptions.csv; the 2013 export has none). "
            "See industry_relatedness_report for why each organisation was excluded."
        )
    folds = int(params["cv_folds"])
    if len(training) < 2 * folds:
        raise ValueError(
            f"{len(training)} training organisations are too few for {folds}-fold cross-validation"
        )
    metric = params["selection_metric"]
    if metric not in SCORERS:
        raise ValueError(f"selection_metric {metric!r}: use one of {sorted(SCORERS)}")


def _grid_search(
    base: Pipeline, texts: np.ndarray, labels: np.ndarray, params: dict, cv: KFold
) -> GridSearchCV:
    """Step 1: score every candidate of ``params["grid"]`` (model family ->
    {hyper-parameter: [values]}) on the same seeded folds, logging progress."""
    seed = int(params["seed"])
    grid = []
    for family, values in params["grid"].items():
        entry = {"clf": [OneVsRestClassifier(_model_family(family, seed))]}
        entry.update({PARAMETER_PREFIX[family] + k: list(v) for k, v in values.items()})
        grid.append(entry)
    n_fits = len(ParameterGrid(grid)) * cv.get_n_splits()
    with Progress("sector classifier grid search", n_fits, unit="fits", logger=logger) as progress:
        # the scorer counts fits (in this process: with n_jobs > 1 only the end is logged)
        search = GridSearchCV(
            base,
            grid,
            scoring=CountingScorer(SCORERS[params["selection_metric"]], progress),
            cv=cv,
            n_jobs=params["n_jobs"],
            refit=False,
            error_score="raise",
        )
        search.fit(texts, labels)
    return search


def _best_configuration(base: Pipeline, search: GridSearchCV) -> tuple[Pipeline, str, dict]:
    """The unfitted pipeline of the best candidate, its family and its hyper-parameters."""
    best = clone(base).set_params(**search.best_params_)
    family = _family_of(best.named_steps["clf"])
    prefix = PARAMETER_PREFIX[family]
    best_params = {
        k.removeprefix(prefix): _plain(v) for k, v in search.best_params_.items() if k != "clf"
    }
    return best, family, best_params


def _grid_candidates(search: GridSearchCV) -> list[dict]:
    """Every grid candidate's family, hyper-parameters and mean and SD of its CV score."""
    return [
        {
            "model": _family_of(p["clf"]),
            "params": {
                k.removeprefix(PARAMETER_PREFIX[_family_of(p["clf"])]): _plain(v)
                for k, v in p.items()
                if k != "clf"
            },
            "mean_score": float(mean),
            "std_score": float(std),
        }
        for p, mean, std in zip(
            search.cv_results_["params"],
            search.cv_results_["mean_test_score"],
            search.cv_results_["std_test_score"],
            strict=True,
        )
    ]


def _out_of_fold_metrics(
    best: Pipeline,
    texts: np.ndarray,
    labels: np.ndarray,
    *,
    sectors: list[str],
    cv: KFold,
    probability_threshold: float,
) -> pd.DataFrame:
    """Step 2: per-sector and macro metrics of the chosen configuration's out-of-fold
    probabilities, at p >= 0.5 and (``*_at_threshold``) at ``probability_threshold``.

    Fold by fold (as cross_val_predict, in this process), so the step logs its progress.
    """
    out_of_fold = np.zeros(labels.shape, dtype=float)
    for train, test in track(
        list(cv.split(texts)),
        "sector classifier out-of-fold predictions",
        unit="folds",
        logger=logger,
    ):
        out_of_fold[test] = clone(best).fit(texts[train], labels[train]).predict_proba(texts[test])
    metrics = classification_metrics(labels, out_of_fold >= 0.5, sectors)
    strict = classification_metrics(labels, out_of_fold >= probability_threshold, sectors)
    for column in ("precision", "recall", "f1"):
        metrics[f"{column}_at_threshold"] = strict[column].to_numpy()
    return metrics


def _keyword_fallback(sector_counts: pd.DataFrame) -> tuple[dict, pd.DataFrame, dict]:
    sectors = sorted(sector_counts.loc[sector_counts["enough_organizations"], "sector"])
    if not sectors:
        raise ValueError("no sector has enough organisations, even for the keyword fallback")
    logger.warning(
        "sector classifier: no organisation has a usable description; labelling "
        "abstracts by the %d sector names they mention (keyword fallback)",
        len(sectors),
    )
    nan = np.full(len(sectors) + 1, np.nan)
    metrics = pd.DataFrame(
        {
            "sector": [*sectors, "macro"],
            "precision": nan,
            "recall": nan,
            "f1": nan,
            "support": np.zeros(len(sectors) + 1, dtype="int64"),
            "precision_at_threshold": nan,
            "recall_at_threshold": nan,
            "f1_at_threshold": nan,
        }
    )
    chosen = {
        "model": "keyword_fallback",
        "params": {},
        "reason": "no organisation with a usable description: abstracts are labelled "
        "with each sector whose name they mention (probability 1)",
        "n_training_organizations": 0,
        "n_sectors": len(sectors),
        "sectors": sectors,
        "candidates": [],
    }
    return {"model": KeywordSectorModel(sectors), "sectors": sectors}, metrics, chosen


class CountingScorer:
    """A scorer that advances a ``Progress`` by one fit each time it scores."""

    def __init__(self, scorer, progress: Progress):
        self.scorer = scorer
        self.progress = progress

    def __call__(self, estimator, features, labels):
        score = self.scorer(estimator, features, labels)
        self.progress.advance()
        return score


def _grid_sample(n: int, limit: int, seed: int) -> np.ndarray:
    """Row positions of a seeded random sample of at most ``limit`` rows (all when 0)."""
    if limit <= 0 or n <= limit:
        return np.arange(n)
    return np.sort(np.random.default_rng(seed).choice(n, size=limit, replace=False))


def classification_metrics(
    truth: np.ndarray, predicted: np.ndarray, sectors: list[str]
) -> pd.DataFrame:
    """Per-sector precision, recall, F1 and support, plus their unweighted ``macro`` row."""
    precision, recall, f1, support = precision_recall_fscore_support(
        truth, predicted, average=None, zero_division=0
    )
    metrics = pd.DataFrame(
        {
            "sector": sectors,
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "support": support.astype("int64"),
        }
    )
    macro = pd.DataFrame(
        {
            "sector": ["macro"],
            "precision": [precision.mean()],
            "recall": [recall.mean()],
            "f1": [f1.mean()],
            "support": [int(support.sum())],
        }
    )
    return pd.concat([metrics, macro], ignore_index=True)


def predict_paper_sectors(
    classifier: dict, papers: pd.DataFrame, params: dict, execution: dict | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Section 2.2: label every arXiv abstract with each sector of probability >= threshold.

    Probabilities are computed ``batch_size`` abstracts at a time (memory stays flat on
    the full corpus), over row partitions of the papers run in this process or on Dask as
    ``execution`` says (``dl_geography.execution``; identical results). Papers with an
    empty abstract and papers with no sector at or above ``probability_threshold`` (0.99
    in the study) are counted in the report.

    Returns ``(predictions, report)``; ``predictions``: ``paper_id, sector, probability``.
    """
    threshold = float(params["probability_threshold"])
    report = StageReport("industry_relatedness")
    step = "paper_sector_predictions"
    report.count(step, "in", len(papers))
    abstracts = papers["abstract"].fillna("").astype(str).str.strip()
    empty = abstracts.str.len() == 0
    report.count(
        step,
        "counted",
        int(empty.sum()),
        "empty abstract (no sector predicted)",
        papers.loc[empty, "paper_id"],
    )
    paper_ids = papers["paper_id"].astype(str).to_numpy()
    texts = pd.DataFrame({"paper_id": paper_ids, "abstract": abstracts.to_numpy()})
    predictions = map_partitions(
        _sector_labels,
        texts,
        execution or {},
        classifier=classifier,
        threshold=threshold,
        batch_size=int(params["batch_size"]),
    )
    predictions = predictions.astype({"paper_id": str, "sector": str, "probability": float})
    predictions = predictions.sort_values(["paper_id", "sector"], ignore_index=True)

    labelled = is_in(paper_ids, predictions["paper_id"].unique())
    report.count(
        step,
        "counted",
        int((~labelled).sum()),
        f"no sector with probability >= {threshold}",
        paper_ids[~labelled],
    )
    report.count(step, "out", int(labelled.sum()), "papers with at least one sector")
    report.count(step, "counted", len(predictions), "paper x sector labels")
    return predictions, report.to_frame()


def _sector_labels(
    texts: pd.DataFrame, classifier: dict, threshold: float, batch_size: int
) -> pd.DataFrame:
    """``paper_id, sector, probability`` of each abstract's sectors at p >= ``threshold``."""
    paper_ids = texts["paper_id"].to_numpy()
    abstracts = texts["abstract"].to_numpy()
    sectors = np.asarray(classifier["sectors"], dtype=object)
    parts = [
        pd.DataFrame(
            {
                "paper_id": pd.Series([], dtype=object),
                "sector": pd.Series([], dtype=object),
                "probability": pd.Series([], dtype=float),
            }
        )
    ]
    for start in range(0, len(texts), batch_size):
        probabilities = classifier["model"].predict_proba(abstracts[start : start + batch_size])
        rows, cols = np.nonzero(probabilities >= threshold)
        parts.append(
            pd.DataFrame(
                {
                    "paper_id": paper_ids[start + rows],
                    "sector": sectors[cols],
                    "probability": probabilities[rows, cols],
                }
            )
        )
    return pd.concat(parts, ignore_index=True)


def _tfidf_arguments(config: dict) -> dict:
    arguments = dict(config)
    if "ngram_range" in arguments:
        arguments["ngram_range"] = tuple(arguments["ngram_range"])
    return arguments


def _plain(value):
    """A JSON-friendly copy of a hyper-parameter value (numpy scalars to Python)."""
    return value.item() if isinstance(value, np.generic) else value
