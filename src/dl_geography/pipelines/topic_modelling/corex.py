"""CorEx topic model on the binary bag of words, and its tuning on total correlation (2.1.4).

``corextopic`` 1.1 works unchanged with numpy 2 and scipy 1.17 when it is given a
``scipy.sparse.csr_matrix`` (its anchor code calls ``.A1`` on ``matrix.mean``, which the
newer ``csr_array`` type lacks). Two side effects of the library are contained here rather
than patched: its constructor reseeds numpy's *global* generator and sets numpy's
*global* error state to "ignore", and it prints warnings to stdout. :func:`fit_corex`
restores both global states after fitting and sends the prints to the log.
"""

import contextlib
import io
import logging

import numpy as np
import pandas as pd
import scipy.sparse as sp
from corextopic import corextopic as ct
from matplotlib.figure import Figure

logger = logging.getLogger(__name__)


class FastCorex(ct.Corex):
    """``corextopic.Corex`` with two hot spots vectorised; results are bit-identical.

    1. ``calculate_alpha`` breaks ties in mutual information with a Python loop that adds
       ``1e-10 * np.random.random(n_hidden)`` to every word's column, one word at a time
       (every column qualifies: a column's maximum always equals itself). Drawing the
       same numbers as one ``(n_words, n_hidden)`` array consumes the global generator
       in the same order, so the sums are identical. This loop was about 60 % of a fit.
    2. ``sign`` is recomputed from ``theta`` on every access (n_hidden times per
       iteration); it is cached per ``theta`` array.
    """

    def calculate_alpha(self, X, p_y_given_x, theta, log_p_y, tcs):
        if self.n_hidden == 1 or not self.tree:
            return super().calculate_alpha(X, p_y_given_x, theta, log_p_y, tcs)
        mis = self.calculate_mis(theta, log_p_y)
        tc_oom = 1.0 / self.n_samples
        sa = np.sum(self.alpha[tcs > tc_oom], axis=0)
        self.t = np.where(sa > 1.1, 1.3 * self.t, self.t)
        t = 1 + self.t * np.abs(tcs).reshape((self.n_hidden, 1))
        maxmis = np.max(mis, axis=0)
        tied = np.where((mis == maxmis).sum(axis=0))[0]
        noise = np.random.random((len(tied), self.n_hidden))  # noqa: NPY002 (as the library)
        mis[:, tied] += 1e-10 * noise.T
        maxmis[tied] = np.max(mis[:, tied], axis=0)
        with np.errstate(under="ignore"):
            alphaopt = np.exp(t * (mis - maxmis) / self.h_x)
        self.mis = mis
        return alphaopt

    @property
    def sign(self):
        cached = self.__dict__.get("_sign_cache")
        if cached is None or cached[0] is not self.theta:
            cached = (self.theta, np.sign(self.theta[3] - self.theta[2]).T)
            self.__dict__["_sign_cache"] = cached
        return cached[1]


def fit_corex(
    matrix,
    words: list[str],
    *,
    n_topics: int,
    max_iter: int,
    seed: int,
    anchors: list | None = None,
    anchor_strength: float = 1.0,
) -> ct.Corex:
    """Fit CorEx (Gallagher et al. 2017) with ``n_topics`` latent topics on a binary matrix.

    ``anchors`` (anchored CorEx, off by default): a list of word lists, one per anchored
    topic; words absent from the vocabulary are skipped with a warning.
    """
    matrix = sp.csr_matrix(matrix)
    if matrix.shape[0] < 2 or matrix.shape[1] < 2:
        raise ValueError(
            f"CorEx needs at least 2 documents and 2 terms, the matrix is {matrix.shape}: "
            "every paper fell under min_document_tokens or every term under "
            "min_document_frequency (see topic_modelling_report)"
        )
    # corextopic seeds and draws from numpy's legacy global generator: save it, then restore
    rng_state, err_state = np.random.get_state(), np.geterr()  # noqa: NPY002
    stdout = io.StringIO()
    try:
        with contextlib.redirect_stdout(stdout):
            model = FastCorex(n_hidden=int(n_topics), max_iter=int(max_iter), seed=int(seed))
            fit_kwargs = {"words": list(words)}
            if anchors:
                fit_kwargs.update(
                    anchors=[list(a) for a in anchors], anchor_strength=anchor_strength
                )
            model.fit(matrix, **fit_kwargs)
    finally:
        np.random.set_state(rng_state)  # noqa: NPY002
        np.seterr(**err_state)
    for line in stdout.getvalue().splitlines():
        logger.warning("corextopic: %s", line)
    return model


def chosen_n_topics(tc_by_n_topics: pd.DataFrame, params: dict) -> int:
    """The number of topics the final model uses: the tuning's elbow when ``tuning.apply``
    and the curve has one, else ``corex.n_topics`` (the study's 28, section 2.1.4)."""
    elbow = tc_by_n_topics.loc[tc_by_n_topics["is_elbow"], "n_topics"]
    if params["tuning"]["apply"] and len(elbow):
        return int(elbow.iloc[0])
    return int(params["corex"]["n_topics"])


def sample_documents(matrix, max_documents: int, seed: int) -> sp.csr_matrix:
    """The rows of ``matrix`` (CSR), or a seeded random sample of ``max_documents`` of them
    in their original order when there are more (``max_documents`` 0: all rows)."""
    matrix = sp.csr_matrix(matrix)
    if 0 < max_documents < matrix.shape[0]:
        rng = np.random.default_rng(seed)
        matrix = matrix[np.sort(rng.choice(matrix.shape[0], max_documents, replace=False))]
    return matrix


def train_corex_model(
    doc_term_matrix, vocabulary: pd.DataFrame, tc_by_n_topics: pd.DataFrame, params: dict
) -> ct.Corex:
    """Node: the topic model of section 2.1.4 (CorEx; n from :func:`chosen_n_topics`).

    Deviation (not in the study, which fitted every abstract): with more documents than
    ``corex.max_documents`` (0: no limit) the model is fitted on a seeded random sample of
    that many. The model only supplies the topic words (Eq. 2 then scores *every* paper
    from its own words), its cost grows with the documents fitted, and the words a
    sample of 100,000 abstracts yields agree with the whole corpus's (docs/performance.md).
    """
    p = params["corex"]
    return fit_corex(
        sample_documents(doc_term_matrix, p["max_documents"], p["seed"]),
        vocabulary["token"].tolist(),
        n_topics=chosen_n_topics(tc_by_n_topics, params),
        max_iter=p["max_iter"],
        seed=p["seed"],
        anchors=p["anchors"],
        anchor_strength=p["anchor_strength"],
    )


def elbow_point(x, y, min_distance: float = 0.0) -> int | None:
    """Index of the elbow of an increasing, flattening curve (the "kneedle" rule), or None.

    Both axes are scaled to [0, 1]; the elbow is the point farthest above the straight
    line from the first point to the last, i.e. where adding topics stops paying off
    as much as it did. A curve whose farthest point lies less than ``min_distance`` above
    that line (a straight or concave-up curve) has no elbow; nor has one of fewer than
    three points.
    """
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if len(x) < 3 or np.ptp(x) == 0 or np.ptp(y) == 0:
        return None
    xs, ys = (x - x.min()) / np.ptp(x), (y - y.min()) / np.ptp(y)
    chord = ys[0] + (ys[-1] - ys[0]) * (xs - xs[0]) / (xs[-1] - xs[0])
    distance = ys - chord
    best = int(np.argmax(distance))
    return best if distance[best] >= min_distance and 0 < best < len(x) - 1 else None


def tune_n_topics(doc_term_matrix, vocabulary: pd.DataFrame, params: dict) -> pd.DataFrame:
    """Node: total correlation of CorEx for each topic count of ``tuning.n_topics_grid``.

    The study tuned n on total correlation (2.1.4) and chose 28. Each count is fitted
    with the same seed and ``tuning.max_iter`` iterations (fewer than the final fit, to
    keep the run short). ``is_elbow`` marks the count :func:`elbow_point` picks, when the
    curve bends by at least ``tuning.min_elbow_distance``; :func:`chosen_n_topics` says
    whether the final model takes it (``tuning.apply``) or keeps the study's n.

    With more documents than ``tuning.max_documents`` (0: no limit) the curve is fitted on
    a seeded random sample of that many rows (not in the study): its cost then stays flat
    as the corpus grows, and total correlation, a per-document average, is comparable
    across counts on the same sample.
    """
    p, grid = params["tuning"], sorted(set(params["tuning"]["n_topics_grid"]))
    words = vocabulary["token"].tolist()
    matrix = sample_documents(doc_term_matrix, p["max_documents"], params["corex"]["seed"])
    rows = []
    for n in grid:
        model = fit_corex(
            matrix, words, n_topics=n, max_iter=p["max_iter"], seed=params["corex"]["seed"]
        )
        rows.append(
            {
                "n_topics": int(n),
                "total_correlation": float(model.tc),
                "n_iterations": len(model.tc_history),
            }
        )
    table = pd.DataFrame(rows, columns=["n_topics", "total_correlation", "n_iterations"])
    table["is_elbow"] = False
    elbow = elbow_point(table["n_topics"], table["total_correlation"], p["min_elbow_distance"])
    if elbow is not None:
        table.loc[elbow, "is_elbow"] = True
    return table


def plot_tc_by_n_topics(tc_by_n_topics: pd.DataFrame, params: dict):
    """Node: total correlation against the number of topics, the elbow and the chosen n."""
    fig = Figure(figsize=(8, 5), dpi=150)  # no pyplot: no global figure state, Agg on save
    ax = fig.subplots()
    ax.plot(
        tc_by_n_topics["n_topics"],
        tc_by_n_topics["total_correlation"],
        "o-",
        color="tab:blue",
        label="total correlation",
    )
    elbow = tc_by_n_topics[tc_by_n_topics["is_elbow"]]
    if len(elbow):
        ax.plot(
            elbow["n_topics"],
            elbow["total_correlation"],
            "s",
            ms=12,
            mfc="none",
            color="tab:red",
            label=f"elbow pick (n = {int(elbow['n_topics'].iloc[0])})",
        )
    used = chosen_n_topics(tc_by_n_topics, params)
    ax.axvline(used, color="grey", ls="--", label=f"model used (n = {used})")
    ax.set_title(
        "CorEx total correlation by number of topics"
        + ("" if len(elbow) else " (no elbow: the curve does not bend enough)")
    )
    ax.set_xlabel("number of topics")
    ax.set_ylabel("total correlation (nats)")
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    return fig
