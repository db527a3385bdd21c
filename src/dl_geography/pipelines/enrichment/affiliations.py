"""Affiliation strings to institutes (section 2.1.3: GRID's role, now ROR or GRID releases).

Every distinct raw string is resolved once, in the study's order plus OpenAlex's own
link: ``ror_id`` (OpenAlex names the ROR id), ``exact`` (the string or one of its parts
equals an institute name, alias, label or acronym), ``memo`` (a string with the same
normalised key was matched already), ``fuzzy`` (Eq. 1 above a threshold), else ``none``.
Fuzzy matching shortlists candidates with sparse character n-gram TF-IDF cosine over
all names at once, then scores only the shortlist with Eq. 1 (rapidfuzz ``cpdist``).
A candidate whose country contradicts the places named in the string is vetoed.
"""

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process
from sklearn.feature_extraction.text import TfidfVectorizer

from dl_geography.quality import StageReport

from .gazetteer import build_gazetteer, find_mentions, ngrams, normalise_names, split_parts

MATCH_COLUMNS = ["affiliation", "institute_id", "score", "method", "vetoed_institute_id"]
# Strings use an institute's display name far more often than its other names.
_KIND_RANK = {"display": 0, "label": 1, "alias": 1, "acronym": 2}


# --------------------------------------------------------------------------- names
def build_name_table(institutes: pd.DataFrame, institute_names: pd.DataFrame,
                     abbreviations: dict | None = None) -> pd.DataFrame:
    """Every name of every institute with its key: ``institute_id, name, kind, key, acro``.

    ``acro`` is the acronym as written with dots and spaces removed: acronyms are matched
    case-sensitively and only as a whole part of a string (``MIT`` but not ``mit``), so
    that an acronym never fires on an ordinary word.
    """
    display = institutes[["institute_id", "name"]].assign(kind="display")
    names = pd.concat([display, institute_names[["institute_id", "name", "kind"]]],
                      ignore_index=True)
    names["name"] = names["name"].astype("string").str.strip()
    # GRID and ROR qualify names in brackets ("Amarin (United States)", "Karlsruhe
    # Institute of Technology (HZ)"); strings rarely do: match the bare name too
    bare = names["name"].str.replace(r"\s*\([^)]*\)\s*", " ", regex=True).str.strip()
    variants = names.assign(name=bare, kind=names["kind"].where(
        names["kind"] == "acronym", "alias"))[bare != names["name"]]
    names = pd.concat([names, variants], ignore_index=True)
    names = names.dropna(subset=["name"]).drop_duplicates(["institute_id", "name", "kind"])
    names["key"] = normalise_names(names["name"], abbreviations)
    names["acro"] = names["name"].str.replace(r"[\s.]", "", regex=True).where(
        names["kind"] == "acronym")
    return names.dropna(subset=["key"]).reset_index(drop=True)


def _pick_ror_ids(authorships: pd.DataFrame, institute_ids: pd.Index) -> pd.Series:
    """The ROR id OpenAlex gave each string most often (ties: smallest id), when known."""
    if "ror_id" not in authorships:
        return pd.Series(dtype="string")
    given = authorships[["affiliation", "ror_id"]].dropna()
    given = given[given["ror_id"].isin(institute_ids)]
    counts = given.value_counts().rename("n").reset_index()
    counts = counts.sort_values(["affiliation", "n", "ror_id"], ascending=[True, False, True])
    return counts.drop_duplicates("affiliation").set_index("affiliation")["ror_id"]


# --------------------------------------------------------------------------- fuzzy
def combined_score(queries, choices, workers: int = -1) -> np.ndarray:
    """Eq. 1 of section 2.1.3 on aligned pairs: ``S = (1/N) sum_n F_n^2``, N = 2.

    F_1 = token-sort ratio, F_2 = partial ratio (rapidfuzz, scaled to [0, 1]). Squaring
    makes one poor score sink a candidate.
    """
    ts = process.cpdist(queries, choices, scorer=fuzz.token_sort_ratio, workers=workers)
    pr = process.cpdist(queries, choices, scorer=fuzz.partial_ratio, workers=workers)
    return ((ts / 100.0) ** 2 + (pr / 100.0) ** 2) / 2.0


def shortlist(queries: pd.Series, name_keys: pd.Series, k: int,
              chunk_size: int = 256, max_df: float = 0.01) -> pd.DataFrame:
    """Top-``k`` names per query by character 3-gram TF-IDF cosine: ``q, n, cosine``.

    A cheap, vectorised first pass over all names (sparse products, chunked so memory
    stays bounded; the top ``k`` of every sparse row taken at once by a lexicographic
    sort); Eq. 1 then runs on these pairs only. Ties go to the smaller name index.
    """
    if len(queries) == 0 or len(name_keys) == 0:
        return pd.DataFrame({"q": [], "n": [], "cosine": []})
    # 3-grams common to most names ("uni", "ver", "ity") barely rank candidates but make
    # the product dense: drop those in more than ``max_df`` of the names
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 3), dtype=np.float32,
                          sublinear_tf=True, max_df=max_df if len(name_keys) >= 1000 else 1.0)
    names_m = vec.fit_transform(name_keys.to_numpy()).T.tocsr()
    queries_m = vec.transform(queries.to_numpy())
    k = min(k, len(name_keys))
    out_q, out_n, out_s = [], [], []
    for lo in range(0, queries_m.shape[0], chunk_size):  # loop over chunks of queries
        sims = (queries_m[lo:lo + chunk_size] @ names_m).tocsr()
        rows = np.repeat(np.arange(sims.shape[0]), np.diff(sims.indptr))
        # top-k of each sparse row at once: sort entries by (row, -cosine), rank in row
        order = np.lexsort((sims.indices, -sims.data, rows))
        rank = np.arange(len(order)) - sims.indptr[rows[order]]
        keep = order[rank < k]
        out_q.append(rows[keep] + lo)
        out_n.append(sims.indices[keep])
        out_s.append(sims.data[keep])
    res = pd.DataFrame({"q": np.concatenate(out_q), "n": np.concatenate(out_n),
                        "cosine": np.concatenate(out_s)})
    return res[res["cosine"] > 0].reset_index(drop=True)


def shares_distinctive_token(queries: pd.Series, choices: pd.Series, vocabulary: pd.Series,
                             *, max_share: float, min_count: int, min_ratio: float,
                             none_passes: bool = False, rarest_only: bool = False
                             ) -> pd.Series:
    """True where the choice holds (near enough) one of the query's distinctive words.

    A guard the study lacked: Eq. 1 rewards long shared boilerplate, so "Zhejiang
    University of Science and Technology" scores 0.90 against "Korea University of
    Science and Technology". A query's distinctive words are those found in at most
    ``max_share`` of the registry's names, or ``min_count`` names if more (unknown words,
    often typos, included); one of them must match a word of the choice with a rapidfuzz
    ratio of at least ``min_ratio`` (so typos still pass). A query made only of common
    words ("Department of Computer Science") has none and cannot match fuzzily, unless
    ``none_passes``. With ``rarest_only`` only the query's rarest distinctive word(s) count.
    """
    pairs = pd.DataFrame({"q": queries.to_numpy(), "c": choices.to_numpy()})
    if pairs.empty:
        return pd.Series(dtype=bool)
    tokens = vocabulary.str.split(" ").explode()
    df = tokens.groupby(tokens).size()  # distinct keys are unique: one count per name
    cutoff = max(max_share * len(vocabulary), min_count)
    qt = pd.Series(pairs["q"].unique())
    qtok = qt.str.split(" ").explode().to_frame("tok").rename_axis("qi").reset_index()
    qtok["q"] = qt.to_numpy()[qtok["qi"]]
    qtok["df"] = df.reindex(qtok["tok"]).fillna(0).to_numpy()
    qtok = qtok[qtok["tok"].str.len() > 1]
    rare = qtok[qtok["df"] <= cutoff]
    if rarest_only:
        rare = rare[rare["df"] == rare.groupby("q")["df"].transform("min")]
    rare = rare[["q", "tok"]].drop_duplicates()
    ctok = pairs[["c"]].drop_duplicates()
    ctok = ctok.assign(ctok=ctok["c"].str.split(" ")).explode("ctok")
    pairs = pairs.reset_index(names="pair")
    cand = pairs.merge(rare, on="q").merge(ctok, on="c")
    cand["ratio"] = process.cpdist(cand["tok"].tolist(), cand["ctok"].tolist(),
                                   scorer=fuzz.ratio, workers=1) if len(cand) else []
    hit = cand.loc[cand["ratio"] >= min_ratio, "pair"].unique()
    ok = pairs["pair"].isin(hit)
    if none_passes:
        ok |= ~pairs["q"].isin(rare["q"])
    return pd.Series(ok.to_numpy())


def name_words_covered(queries: pd.Series, choices: pd.Series, min_ratio: float,
                       stop_words: list[str]) -> pd.Series:
    """True where every word of the choice (stop words aside) is, near enough, in the query.

    A guard the study lacked: partial ratio scores "Houston University" 1.0 against
    "Houston University of Technology", a different institute. A name word counts as
    present when some query word matches it with a rapidfuzz ratio of at least
    ``min_ratio`` (typos, ``universitat``/``university`` pass).
    """
    pairs = pd.DataFrame({"q": queries.to_numpy(), "c": choices.to_numpy()})
    if pairs.empty:
        return pd.Series(dtype=bool)
    pairs = pairs.reset_index(names="pair")
    stop = {w.casefold() for w in stop_words}
    ctok = pairs.assign(ctok=pairs["c"].str.split(" ")).explode("ctok")
    ctok = ctok[~ctok["ctok"].isin(stop) & (ctok["ctok"].str.len() > 0)]
    qtok = pairs.assign(qtok=pairs["q"].str.split(" ")).explode("qtok")[["pair", "qtok"]]
    cross = ctok[["pair", "ctok"]].drop_duplicates().merge(qtok.drop_duplicates(), on="pair")
    cross["ratio"] = process.cpdist(cross["ctok"].tolist(), cross["qtok"].tolist(),
                                    scorer=fuzz.ratio, workers=1) if len(cross) else []
    best = cross.groupby(["pair", "ctok"])["ratio"].max()
    missing = best[best < min_ratio].index.get_level_values("pair").unique()
    return pd.Series(~pairs["pair"].isin(missing).to_numpy())


# --------------------------------------------------------------------------- veto
def veto_candidates(pairs: pd.DataFrame, *, strings: pd.DataFrame, names: pd.DataFrame,
                    institutes: pd.DataFrame, gazetteer: pd.DataFrame,
                    params: dict) -> pd.Series:
    """True for (string, institute) pairs whose place contradicts the string (improvement).

    The study matched names with no place check, so "Technische Universität München" met
    "Technische Universität Chemnitz". Two rules, on place names the gazetteer knows,
    read in the segment of the string the candidate was found in (``seg_no``; -1: the
    whole string), since ``A / B`` names two institutes in two places:

    - country: the segment names countries (a country name or alias anywhere, a region
      or city as a whole part or at its end, a two-letter code as a whole part; when a
      country is named outright, cities and regions are not consulted) and the
      candidate's country is not among them;
    - city: one of the candidate's names holds its own city, the segment does not, and
      the segment names another city.

    Place names that also occur in one of the candidate's own names do not count as
    evidence against it (``Georgia Institute of Technology`` is not in Georgia the
    country; ``Nanyang`` is a Chinese city and a Singapore university).
    """
    pairs = pairs[["sid", "institute_id", "seg_no"]]
    if pairs.empty:
        return pd.Series(False, index=pairs.index)
    max_n = int(params["max_place_ngram"])
    inst = institutes.set_index("institute_id")
    # n-grams of every name of the candidate institutes (any position counts)
    cand_names = names[names["institute_id"].isin(pairs["institute_id"].unique())]
    cand_names = cand_names.reset_index(drop=True)
    name_grams = ngrams(cand_names["key"], max_n, False)
    name_grams["institute_id"] = cand_names["institute_id"].to_numpy()[name_grams["row"]]
    name_grams = name_grams[["institute_id", "gram"]].drop_duplicates()

    def in_segment(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[(frame["seg_no"] == -1) | (frame["seg_no"] == frame["m_seg"])]

    mentions = find_mentions(strings.set_index("sid")["affiliation"], gazetteer, params)
    mentions = mentions.rename(columns={"row": "sid", "seg_no": "m_seg"})
    pm = in_segment(pairs.merge(mentions, on="sid"))
    in_name = pm.merge(name_grams, left_on=["institute_id", "key"],
                       right_on=["institute_id", "gram"], how="left")["gram"].notna()
    pm = pm[~in_name.to_numpy()]
    pm = pm.assign(cand_cc=inst["country_code"].reindex(pm["institute_id"]).to_numpy())
    pm = pm.assign(agrees=pm["country_code"] == pm["cand_cc"])
    evidence = pm[((pm["kind"] == "country") | pm["edge"]) & pm["cand_cc"].notna()]
    # a country named outright outweighs cities and regions ("London, UK" is not Ontario)
    explicit = evidence["kind"].isin(["country", "code"])
    has_explicit = explicit.groupby([evidence["sid"], evidence["institute_id"],
                                     evidence["seg_no"]]).transform("any")
    evidence = evidence[explicit | ~has_explicit]
    by_pair = evidence.groupby(["sid", "institute_id", "seg_no"])["agrees"].any()
    country_veto = by_pair[~by_pair].index.to_frame(index=False)

    # city rule: the candidate's city, written in its name, is missing from the segment
    city_key = normalise_names(inst["city"]).rename("city_key").reset_index()
    own = name_grams.merge(city_key, left_on=["institute_id", "gram"],
                           right_on=["institute_id", "city_key"])
    pc = pairs.merge(own[["institute_id", "city_key"]].drop_duplicates(), on="institute_id")
    seg_text = split_parts(strings.set_index("sid")["affiliation"])
    seg_grams = ngrams(seg_text["key"].reset_index(drop=True), max_n, False)
    seg_grams["sid"] = seg_text.index.to_numpy()[seg_grams["row"]]
    seg_grams["m_seg"] = seg_text["seg_no"].to_numpy()[seg_grams["row"]]
    seg_grams = seg_grams[["sid", "m_seg", "gram"]].drop_duplicates()
    said = in_segment(pc.merge(seg_grams, left_on=["sid", "city_key"],
                               right_on=["sid", "gram"]))
    said = said[["sid", "institute_id", "seg_no"]].drop_duplicates().assign(_said=True)
    pc = pc.merge(said, on=["sid", "institute_id", "seg_no"], how="left")
    pc = pc[pc["_said"].isna()]
    other_city = pm[(pm["kind"] == "city") & pm["edge"]][["sid", "institute_id", "seg_no"]]
    city_veto = pc.merge(other_city.drop_duplicates(), on=["sid", "institute_id", "seg_no"])

    vetoed = pd.concat([country_veto, city_veto[["sid", "institute_id", "seg_no"]]])
    vetoed = vetoed.drop_duplicates().assign(_veto=True)
    flags = pairs.merge(vetoed, on=["sid", "institute_id", "seg_no"], how="left")["_veto"]
    return pd.Series(flags.notna().to_numpy(), index=pairs.index)


def string_queries(strings: pd.DataFrame, gazetteer: pd.DataFrame,
                   abbreviations: dict | None = None) -> pd.DataFrame:
    """What each string offers for matching: ``sid, seg_no, part_no, level, raw, key, place``.

    Levels: the ``whole`` string; each ``segment`` (one institute of ``A / B``); its
    ``core`` (the segment without the parts that only name a place: ``Amazon (United
    States)`` -> ``Amazon``); each ``window`` of two consecutive parts of a segment
    (names that hold a comma: ``National Laboratory for X, Germany``); each ``part``.
    ``place`` marks a part that only names a place (or a postcode).
    """
    parts = split_parts(strings.set_index("sid")["affiliation"]).rename_axis("sid").reset_index()
    parts["key"] = normalise_names(parts["raw"], abbreviations)
    parts = parts.dropna(subset=["key"])
    bare = parts["key"].str.replace(r"\b\w*\d\w*\b", " ", regex=True)
    bare = bare.str.replace(r"\s+", " ", regex=True).str.strip()
    parts["place"] = (bare == "") | bare.isin(gazetteer["key"])
    nxt = parts.assign(part_no=parts["part_no"] - 1)
    win = parts.merge(nxt, on=["sid", "seg_no", "part_no"], suffixes=("", "_2"))
    windows = pd.DataFrame({"sid": win["sid"], "seg_no": win["seg_no"],
                            "part_no": win["part_no"], "level": "window",
                            "raw": win["raw"] + ", " + win["raw_2"],
                            "key": win["key"] + " " + win["key_2"],
                            "place": win["place"] | win["place_2"]})
    grouped = parts.groupby(["sid", "seg_no"], sort=False)
    segments = grouped.agg(part_no=("part_no", "min"), raw=("raw", ", ".join),
                           key=("key", " ".join)).reset_index()
    segments = segments.assign(level="segment", place=False)
    cores = parts[~parts["place"]].groupby(["sid", "seg_no"], sort=False).agg(
        part_no=("part_no", "min"), raw=("raw", ", ".join), key=("key", " ".join)
    ).reset_index().assign(level="core", place=False)
    whole = strings[["sid", "key", "affiliation"]].rename(columns={"affiliation": "raw"})
    whole = whole.assign(seg_no=-1, part_no=-1, level="whole", place=False)
    out = pd.concat([whole, segments, cores, windows, parts.assign(level="part")],
                    ignore_index=True)
    return out.drop_duplicates(["sid", "seg_no", "level", "key", "raw"]).reset_index(drop=True)


# --------------------------------------------------------------------------- main node
def match_affiliations(*, authorships: pd.DataFrame, institutes: pd.DataFrame,
                       institute_names: pd.DataFrame, countries: pd.DataFrame,
                       regions: pd.DataFrame, places: pd.DataFrame,
                       params: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Match every distinct affiliation string to an institute (section 2.1.3, Eq. 1).

    Order: ``ror_id`` -> ``exact`` (whole string or a part; names, aliases, labels by key;
    acronyms case-sensitively as a whole part) -> ``memo`` (same key as a string matched
    before) -> ``fuzzy`` (best Eq. 1 score over the TF-IDF shortlist of the string and of
    each of its parts, accepted when ``S >= fuzzy_threshold``; the study's 0.85 on the
    root is 0.7225). The country veto (``country_veto``) applies to exact and fuzzy
    candidates; a vetoed candidate gives way to the next best that passes and is kept in
    ``vetoed_institute_id``. Between institutes sharing the best name, the one with more
    names wins; a remaining tie leaves the string unmatched (counted as ambiguous).
    Returns ``affiliation_matches`` and the step's report rows.
    """
    report = StageReport("enrichment")
    step = "affiliation_matches"
    raw = authorships["affiliation"].astype("string").str.strip()
    strings = pd.DataFrame({"affiliation": raw[raw.str.len() > 0].dropna().unique()})
    strings = strings.sort_values("affiliation", ignore_index=True)
    strings["sid"] = np.arange(len(strings))
    abbreviations = params["abbreviations"]
    strings["key"] = normalise_names(strings["affiliation"], abbreviations)
    strings = strings.dropna(subset=["key"])
    report.count(step, "in", len(strings), "distinct affiliation strings")

    institutes = institutes.drop_duplicates("institute_id")
    names = build_name_table(institutes, institute_names, abbreviations)
    gazetteer = build_gazetteer(countries, regions, places, institutes, params)
    tiebreak = institutes.set_index("institute_id")["n_locations"].fillna(1)
    n_names = names.groupby("institute_id")["key"].nunique()
    use_veto = bool(params["country_veto"])

    res = strings.assign(institute_id=pd.NA, score=np.nan, method="none",
                         vetoed_institute_id=pd.NA, matched_text=pd.NA).set_index("sid")

    # 1. OpenAlex's ROR id
    ror = _pick_ror_ids(authorships.assign(affiliation=raw), pd.Index(institutes["institute_id"]))
    has_ror = res["affiliation"].isin(ror.index)
    res.loc[has_ror, "institute_id"] = ror.reindex(res.loc[has_ror, "affiliation"]).to_numpy()
    res.loc[has_ror, ["score", "method"]] = [1.0, "ror_id"]

    # 2. exact: the whole string, a segment, its core, a window or a part
    queries = string_queries(strings, gazetteer, abbreviations)
    queries["acro"] = queries["raw"].str.replace(r"[\s.]", "", regex=True)
    todo = queries[~queries["sid"].isin(res.index[has_ror])]
    by_key = todo.merge(names[names["kind"] != "acronym"][["institute_id", "key", "kind"]],
                        on="key")
    # an acronym is a whole part that is not a place or a country code ("ES", "CA")
    by_acro = todo[(todo["level"] == "part") & ~todo["place"]].merge(
        names.dropna(subset=["acro"])[["institute_id", "acro", "kind"]], on="acro")
    exact = pd.concat([by_key, by_acro], ignore_index=True)
    exact["kind_rank"] = exact["kind"].map(_KIND_RANK).fillna(1)
    exact["whole_rank"] = (exact["level"] != "whole").astype(int)
    exact["len_rank"] = -exact["key"].str.len()
    exact["score"] = 1.0
    # institutes sharing a name (a university's campuses): the one the registry knows by
    # more names is the main one; a shared acronym stays a tie
    exact["neg_names"] = np.where(exact["kind"] == "acronym", 0,
                                  -n_names.reindex(exact["institute_id"]).to_numpy())
    # the first institute named wins (a department or a second institute may follow)
    exact_sort = ["whole_rank", "part_no", "kind_rank", "len_rank", "neg_names"]

    ambiguous: list[pd.Series] = []

    def choose(cands: pd.DataFrame, order: list[str], method: str) -> pd.DataFrame:
        """Best non-vetoed candidate per string; the better vetoed one is remembered.

        When several institutes tie on every criterion in ``order`` (two institutes
        named alike, an acronym shared in one country) the string is ambiguous: left
        unmatched and counted, rather than given to the smaller id.
        """
        cands = cands.assign(tie=tiebreak.reindex(cands["institute_id"]).to_numpy())
        cands = cands.sort_values(["sid", *order, "tie", "institute_id"], kind="mergesort")
        cands = cands.drop_duplicates(["sid", "institute_id"])
        if use_veto:
            cands["vetoed"] = veto_candidates(cands, strings=strings, names=names,
                                              institutes=institutes, gazetteer=gazetteer,
                                              params=params).to_numpy()
        else:
            cands["vetoed"] = False
        kept = cands[~cands["vetoed"]]
        top = kept.drop_duplicates("sid")[["sid", *order]]
        n_top = kept.merge(top, on=["sid", *order]).groupby("sid")["institute_id"].nunique()
        tied = n_top.index[n_top > 1]
        ambiguous.append(pd.Series(tied))
        best = kept[~kept["sid"].isin(tied)].drop_duplicates("sid")
        first = cands.drop_duplicates("sid")
        lost = first[first["vetoed"]].set_index("sid")["institute_id"]
        best = best.set_index("sid")
        best["vetoed_institute_id"] = lost.reindex(best.index)
        best["method"] = method
        only_vetoed = lost.index.difference(best.index)
        return best, lost.loc[only_vetoed]

    later = bool(params["match_later_segments"])
    if not later:
        exact = exact[exact["seg_no"] <= 0]
    ex_best, ex_lost = choose(exact, exact_sort, "exact")
    res.loc[ex_best.index, ["institute_id", "score", "method", "vetoed_institute_id",
                            "matched_text"]] = ex_best[["institute_id", "score", "method",
                                                        "vetoed_institute_id", "key"]].to_numpy()

    # 3./4. memo and fuzzy: one representative string per key
    def fill_memo() -> pd.Series:
        done = res[res["method"] != "none"].sort_index().drop_duplicates("key")
        done = done.set_index("key")
        memo = (res["method"] == "none") & res["key"].isin(done.index)
        src = done.reindex(res.loc[memo, "key"])
        res.loc[memo, ["institute_id", "score", "matched_text"]] = (
            src[["institute_id", "score", "matched_text"]].to_numpy())
        res.loc[memo, "method"] = "memo"
        return memo

    fill_memo()
    open_ = res[res["method"] == "none"]
    reps = open_.reset_index().drop_duplicates("key").assign(max_seg=np.inf)
    # the first institute named wins: an exact match in a later segment ("A; B") gives
    # way to a fuzzy match of an earlier one
    late = ex_best[ex_best["seg_no"] > 0]
    late = late[res.loc[late.index, "method"] == "exact"]
    reps = pd.concat([reps, pd.DataFrame({"sid": late.index,
                                          "max_seg": late["seg_no"].to_numpy() - 1})])
    if not later:
        reps["max_seg"] = 0
    fz_best, fz_lost = _fuzzy(reps, queries, names=names, gazetteer=gazetteer,
                               params=params, choose=choose, n_names=n_names)
    fz_best = fz_best[fz_best["score"] >= params["fuzzy_threshold"]]
    res.loc[fz_best.index, ["institute_id", "score", "method", "vetoed_institute_id",
                            "matched_text"]] = fz_best[["institute_id", "score", "method",
                                                        "vetoed_institute_id",
                                                        "key"]].to_numpy()
    fill_memo()
    lost = pd.concat([ex_lost, fz_lost])
    lost = lost[~lost.index.duplicated()]
    unmatched_lost = lost.index.intersection(res.index[res["method"] == "none"])
    res.loc[unmatched_lost, "vetoed_institute_id"] = lost.loc[unmatched_lost].to_numpy()

    out = res.reset_index()[[*MATCH_COLUMNS, "matched_text"]]
    out["institute_id"] = out["institute_id"].astype("string")
    out["vetoed_institute_id"] = out["vetoed_institute_id"].astype("string")
    out["matched_text"] = out["matched_text"].astype("string")
    out["score"] = out["score"].astype(float)

    for method in ["ror_id", "exact", "memo", "fuzzy"]:
        hit = out["method"] == method
        report.count(step, "matched", hit.sum(), method, out.loc[hit, "affiliation"])
    vet = out["vetoed_institute_id"].notna()
    report.count(step, "vetoed", vet.sum(), "candidate's country or city contradicts the string",
                 (out.loc[vet, "affiliation"] + " -x- " + out.loc[vet, "vetoed_institute_id"]))
    none = out["method"] == "none"
    tied = pd.Index(pd.concat(ambiguous)).unique() if ambiguous else pd.Index([])
    tied = tied.intersection(res.index[res["method"] == "none"])
    report.count(step, "ambiguous", len(tied), "best candidates tie (left unmatched)",
                 res.loc[tied, "affiliation"])
    rest = none & ~out["affiliation"].isin(res.loc[tied, "affiliation"])
    report.count(step, "unmatched", rest.sum(),
                 f"no exact match and no Eq. 1 score >= {params['fuzzy_threshold']} "
                 "(after the veto and guards)", out.loc[rest, "affiliation"])
    report.count(step, "out", (~none).sum(), "matched strings")
    return out, report.to_frame()


def _fuzzy(reps: pd.DataFrame, queries: pd.DataFrame, *, names: pd.DataFrame,
           gazetteer: pd.DataFrame, params: dict, choose,
           n_names: pd.Series) -> tuple[pd.DataFrame, pd.Series]:
    """Eq. 1 over the TF-IDF shortlist for each representative string and its parts."""
    empty = pd.DataFrame(columns=["institute_id", "score", "method", "vetoed_institute_id",
                                  "key"]), pd.Series(dtype="string")
    if reps.empty:
        return empty
    q = queries[queries["level"].isin(["core", "window", "part"])]
    q = q.merge(reps[["sid", "max_seg"]], on="sid")
    q = q[q["seg_no"] <= q["max_seg"]]
    q = q[q["key"].str.len() >= params["min_query_length"]]
    # parts that only name a place (city, region, country, postcode) are not institutes
    q = q[~q["place"]]
    qkeys = pd.Series(q["key"].unique())
    fuzzy_names = names[names["kind"] != "acronym"]
    nkeys = pd.Series(fuzzy_names["key"].unique())
    sl = shortlist(qkeys, nkeys, int(params["shortlist_size"]),
                   max_df=float(params["shortlist_max_df"]))
    if sl.empty:
        return empty
    sl["qkey"] = qkeys.to_numpy()[sl["q"]]
    sl["nkey"] = nkeys.to_numpy()[sl["n"]]
    sl["score"] = combined_score(sl["qkey"].tolist(), sl["nkey"].tolist(),
                                 workers=int(params["workers"]))
    threshold = params["fuzzy_threshold"]
    sl = sl[sl["score"] >= threshold]
    if params["distinctive_token_check"]:
        rarity = {"max_share": float(params["distinctive_max_share"]),
                  "min_count": int(params["distinctive_min_count"]),
                  "min_ratio": float(params["distinctive_token_ratio"])}
        # both ways: one of the string's distinctive words must be in the name, and the
        # name's rarest word (its city, its founder) in the string, when it has one
        ok = shares_distinctive_token(sl["qkey"], sl["nkey"], nkeys, **rarity).to_numpy().copy()
        ok &= shares_distinctive_token(sl["nkey"], sl["qkey"], nkeys, none_passes=True,
                                       rarest_only=True, **rarity).to_numpy()
        sl = sl[ok]
    if params["name_coverage_check"]:
        ok = name_words_covered(sl["qkey"], sl["nkey"],
                                float(params["distinctive_token_ratio"]),
                                params["stop_words"])
        sl = sl[ok.to_numpy()]
    cands = (q[["sid", "seg_no", "key", "part_no"]].merge(sl[["qkey", "nkey", "score"]],
                                                left_on="key", right_on="qkey")
             .merge(fuzzy_names[["institute_id", "key"]].rename(columns={"key": "nkey"}),
                    on="nkey"))
    cands["neg_score"] = -cands["score"]
    cands["neg_names"] = -n_names.reindex(cands["institute_id"]).to_numpy()
    return choose(cands, ["neg_score", "part_no", "neg_names"], "fuzzy")
