"""Affiliation strings to institutes (section 2.1.3: GRID's role, now ROR or GRID releases).

Every distinct raw string is resolved once, by a sequence of named stages that take and
return tables (``match_affiliations`` runs them in order):

1. ``prepare_strings``: distinct strings and their keys; one representative per key.
2. ``ror_stage``: OpenAlex names the ROR id.
3. ``exact_stage``: a string, segment, core, window or part equals an institute name,
   alias or label (``exact``), or does so up to word order, language of the generic
   words and legal suffixes (``canonical``), or a part is an acronym (``acronym``).
4. ``fuzzy_stage``: Eq. 1 over a TF-IDF shortlist, for segments the exact stage left
   open; the only place ``fuzzy_threshold`` is applied. ``unit_stage``: a part naming
   a unit of a registry parent (``Johns Hopkins Bloomberg School``), for segments
   still open.
5. ``veto_stage``: place evidence; a candidate whose country or city contradicts the
   segment is vetoed, one whose country or city the segment names is supported.
6. ``choose_stage``: the best candidate per segment; ties are refused (ambiguous).
7. ``memo_stage``: strings sharing a representative's key take its matches (``memo``).
8. ``rollup_stage``: a matched unit rolled up to its parent or top organisation.
9. ``failure_reasons``: why each unmatched string failed.

Each stage has its own small configuration (the dataclasses below), built once from
the parameters by ``stage_configs``.
"""

import re
from dataclasses import dataclass, field, fields

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process
from sklearn.feature_extraction.text import TfidfVectorizer

from dl_geography.execution import map_partitions
from dl_geography.quality import StageReport

from .gazetteer import (
    PlaceRules,
    build_gazetteer,
    country_names,
    find_mentions,
    ngrams,
    normalise_names,
    split_parts,
)

MATCH_COLUMNS = [
    "affiliation",
    "institute_id",
    "score",
    "method",
    "vetoed_institute_id",
    "matched_text",
    "matched_institute_id",
    "unmatched_reason",
]
# Strings use an institute's display name far more often than its other names.
_KIND_RANK = {
    "display": 0,
    "label": 1,
    "alias": 1,
    "city_stem": 1,
    "country_stem": 1,
    "acronym": 2,
}
# Names a string may use only with place or context evidence (``match_representatives``).
STEM_KINDS = ["city_stem", "country_stem"]
# Within a segment: the name as written beats the canonical form beats an acronym
# beats Eq. 1.
_METHOD_RANK = {"exact": 0, "canonical": 1, "acronym": 2, "fuzzy": 3, "unit": 4}
ROLLUP_MODES = ("none", "parent", "top")
# The exact stage's extra queries (``string_queries``), each switched by ``query_levels``.
QUERY_LEVELS = ("headed", "led", "owner", "untailed")
REASONS = {
    "no_candidate": "no exact name and nothing on the fuzzy shortlist",
    "below_threshold": "best Eq. 1 score below fuzzy_threshold",
    "name_checks": "Eq. 1 candidates failed the distinctive-word or name- or query-coverage check",
    "vetoed": "every candidate's country or city contradicts the string",
    "ambiguous": "best candidates tie (left unmatched)",
}


# --------------------------------------------------------------------------- configuration
def _from_params(cls, params: dict):
    """A stage's configuration from the parameters it names (others ignored)."""
    known = {f.name for f in fields(cls)}
    values = {k: v for k, v in params.items() if k in known}
    for key in ("stop_words", "legal_suffixes", "unit_parent_words", "unit_words", "query_levels"):
        if key in values:
            values[key] = tuple(values[key] or ())
    return cls(**values)


@dataclass(frozen=True)
class KeyConfig:
    """How names become keys: ``abbreviations``, ``translations`` and ``exonyms`` are
    word -> word maps applied to both sides (``univ`` -> university, ``universidad`` ->
    university, ``munchen`` -> munich); the first two give the generic words
    (``generic_words``); the canonical key (a word set) also drops ``stop_words`` and
    ``legal_suffixes`` and reads words by ``canonical_synonyms`` (``technical`` ->
    technology).
    ``national_adjectives`` (adjective -> country code): a registry name that puts its
    own country's adjective before "National" is also known without it (``French
    National Centre for Scientific Research`` = ``Centre National de la Recherche
    Scientifique``). ``city_stems``: see ``_city_stems``; ``country_stems``: see
    ``_country_stems``. ``implied_words`` (word -> words it implies): a registry name
    holding both is also known without the implied one (``Polytechnic University of
    Milan`` is also ``Polytechnic of Milan``, which ``Politecnico di Milano`` is).
    ``campus_stems``: see ``_campus_stems``. ``query_levels``: the exact stage's extra
    queries offered (``string_queries``)."""

    abbreviations: dict = field(default_factory=dict)
    translations: dict = field(default_factory=dict)
    stop_words: tuple = ()
    legal_suffixes: tuple = ()
    national_adjectives: dict = field(default_factory=dict)
    exonyms: dict = field(default_factory=dict)
    city_stems: bool = True
    country_stems: bool = True
    implied_words: dict = field(default_factory=dict)
    query_levels: tuple = QUERY_LEVELS
    campus_stems: bool = True
    main_campus_name_ratio: float = 2.0
    canonical_synonyms: dict = field(default_factory=dict)

    @property
    def word_map(self) -> dict:
        return {**(self.exonyms or {}), **(self.translations or {}), **(self.abbreviations or {})}

    @property
    def generic_words(self) -> set:
        return {
            str(v).casefold()
            for v in (*(self.translations or {}).values(), *(self.abbreviations or {}).values())
        }


@dataclass(frozen=True)
class ExactConfig:
    """``canonical_match``: word-order / language / legal-suffix-insensitive names;
    ``bracket_acronyms``: a bracketed part matches an acronym whatever its case;
    ``declared_acronym_min_length``: an acronym the registry writes in brackets in the
    institute's own name (``... Research (INSERM)``), at least this long, matches a part
    whatever its case (``Inserm``); 0 turns this off."""

    canonical_match: bool = True
    bracket_acronyms: bool = True
    declared_acronym_min_length: int = 4


@dataclass(frozen=True)
class FuzzyConfig:
    """Eq. 1 acceptance and the shortlist and name checks in front of it
    (``name_checks``, ``query_words_covered``)."""

    fuzzy_threshold: float = 0.7225
    shortlist_size: int = 10
    shortlist_max_df: float = 0.01
    min_query_length: int = 4
    workers: int = -1
    distinctive_token_check: bool = True
    distinctive_max_share: float = 0.002
    distinctive_min_count: int = 50
    distinctive_token_ratio: float = 80
    name_coverage_check: bool = True
    query_coverage_check: bool = True
    exact_word_max_length: int = 4
    stop_words: tuple = ()


@dataclass(frozen=True)
class UnitConfig:
    """``unit_match``: a part that begins with a parent's stem and names a unit
    (``Johns Hopkins Bloomberg School of Public Health`` -> Johns Hopkins University).
    ``unit_parent_words``: the word a parent's name adds to its stem; ``unit_words``:
    one of these must follow the stem."""

    unit_match: bool = True
    unit_parent_words: tuple = ("university",)
    unit_words: tuple = ("school", "faculty", "department", "hospital", "laboratory")
    stop_words: tuple = ()
    max_stem_words: int = 4


@dataclass(frozen=True)
class VetoConfig:
    """``country_veto``: reject candidates the string's places contradict;
    ``fuzzy_context_veto``: see ``context_veto``."""

    country_veto: bool = True
    fuzzy_context_veto: bool = True


@dataclass(frozen=True)
class ChooseConfig:
    """``segments``: ``all`` (every institute of ``A / B``) or ``first`` (the first
    segment that matches, one institute per string as in the study); ``part_picks``
    (with ``all``): also every part of a segment that is by itself an institute's name
    or acronym (``VERIMAG, CNRS, UGA``);
    ``main_campus_name_ratio``: see ``choose_stage``."""

    segments: str = "all"
    part_picks: bool = True
    main_campus_name_ratio: float = 2.0

    def __post_init__(self):
        if self.segments not in ("all", "first"):
            raise ValueError(f"segments must be 'all' or 'first', not {self.segments!r}")


@dataclass(frozen=True)
class RollupConfig:
    """``rollup``: ``none``, ``parent`` (a unit to its parent(s)) or ``top`` (to the
    top of the registry's hierarchy)."""

    rollup: str = "none"
    max_depth: int = 10

    def __post_init__(self):
        if self.rollup not in ROLLUP_MODES:
            raise ValueError(f"rollup must be one of {ROLLUP_MODES}, not {self.rollup!r}")


@dataclass(frozen=True)
class StageConfigs:
    keys: KeyConfig
    places: PlaceRules
    exact: ExactConfig
    fuzzy: FuzzyConfig
    unit: UnitConfig
    veto: VetoConfig
    choose: ChooseConfig
    rollup: RollupConfig


def stage_configs(params: dict) -> StageConfigs:
    """Split ``enrichment_affiliations`` into each stage's configuration."""
    return StageConfigs(
        *(
            _from_params(cls, params)
            for cls in (
                KeyConfig,
                PlaceRules,
                ExactConfig,
                FuzzyConfig,
                UnitConfig,
                VetoConfig,
                ChooseConfig,
                RollupConfig,
            )
        )
    )


# --------------------------------------------------------------------------- keys
def join_groups(frame: pd.DataFrame, by: list[str], column: str, sep: str) -> pd.Series:
    """``column`` joined with ``sep`` within each group of ``by``, in row order.

    Column-wise: rows are spread into one column per position in their group and the
    columns concatenated (a pandas ``agg(sep.join)`` calls Python once per group).
    """
    if frame.empty:
        return pd.Series(dtype="string")
    pos = frame.groupby(by, sort=False).cumcount().rename("_pos")
    wide = frame.set_index([*by, pos])[column].astype(object).unstack("_pos")
    out = wide[0].astype("string")
    for col in wide.columns[1:]:  # one pass per position in a group (a few), not per group
        nxt = wide[col]
        out = out.where(nxt.isna(), out + sep + nxt.astype("string"))
    return out


def canonical_keys(keys: pd.Series, cfg: KeyConfig) -> pd.Series:
    """Word-order- and suffix-free key: the set of words of ``keys`` (already translated
    and abbreviated) without stop words, legal suffixes and one-letter words, as one
    integer (the sum of 48-bit word hashes, exact in int64; two different sets collide
    with negligible probability).

    ``universidad de la laguna`` and ``university of la laguna`` both give the set
    {laguna, university}; ``vrvis gmbh`` gives {vrvis}; ``canonical_synonyms`` make
    ``technical university of x`` and ``x university of technology`` one set. Empty sets
    give missing keys.
    """
    drop = {w.casefold() for w in (*cfg.stop_words, *cfg.legal_suffixes)}
    words = keys.astype("string").str.split(" ").explode().dropna()
    synonyms = {
        str(k).casefold(): str(v).casefold() for k, v in (cfg.canonical_synonyms or {}).items()
    }
    if synonyms:
        words = words.replace(synonyms)
    words = words[(words.str.len() > 1) & ~words.isin(drop)].rename("word")
    words = words.rename_axis("_row").reset_index().drop_duplicates()
    hashes = pd.util.hash_pandas_object(words["word"], index=False).to_numpy() >> np.uint64(16)
    canon = pd.Series(hashes.astype(np.int64)).groupby(words["_row"].to_numpy()).sum()
    return canon.reindex(keys.index).astype("Int64")


def city_keys(institutes: pd.DataFrame, cfg: KeyConfig) -> pd.Series:
    """Each institute's city as a key (native names read by ``exonyms``), by id."""
    return normalise_names(institutes.set_index("institute_id")["city"], cfg.exonyms)


def build_name_table(
    institutes: pd.DataFrame,
    institute_names: pd.DataFrame,
    cfg: KeyConfig,
    cities: pd.Series | None = None,
    country_keys: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every name of every institute: ``institute_id, name, kind, key, canon, acro``.

    With ``country_keys`` (``country_code, key``: the gazetteer's country names) and
    ``country_stems``, names ending "of <the institute's country>" are also known
    without it (``_country_stems``).

    ``acro`` is the acronym as written with dots and spaces removed: acronyms are matched
    case-sensitively and only as a whole part of a string (``MIT`` but not ``mit``), so
    that an acronym never fires on an ordinary word.
    """
    display = institutes[["institute_id", "name"]].assign(kind="display")
    names = pd.concat(
        [display, institute_names[["institute_id", "name", "kind"]]], ignore_index=True
    )
    names["name"] = names["name"].astype("string").str.strip()
    # GRID and ROR qualify names in brackets ("Amarin (United States)", "Karlsruhe
    # Institute of Technology (HZ)"); strings rarely do: match the bare name too
    bare = names["name"].str.replace(r"\s*\([^)]*\)\s*", " ", regex=True).str.strip()
    has_bracket = (bare != names["name"]).fillna(False)
    variants = names.assign(
        name=bare, kind=names["kind"].where(names["kind"] == "acronym", "alias")
    )[has_bracket]
    # an acronym the registry also writes in brackets in one of the institute's names
    declared = names.loc[has_bracket, "name"].str.extract(r"\(([^()]*)\)\s*$")[0]
    declared = pd.DataFrame(
        {
            "institute_id": names.loc[has_bracket, "institute_id"],
            "acro": declared.str.replace(r"[\s.]", "", regex=True),
        }
    )
    names = pd.concat(
        [names, variants, _national_variants(names, institutes, cfg)], ignore_index=True
    )
    names = names.dropna(subset=["name"]).drop_duplicates(["institute_id", "name", "kind"])
    names["key"] = normalise_names(names["name"], cfg.word_map)
    names = pd.concat([names, _implied_variants(names, cfg)], ignore_index=True)
    names["canon"] = canonical_keys(names["key"], cfg)
    names["acro"] = (
        names["name"].str.replace(r"[\s.]", "", regex=True).where(names["kind"] == "acronym")
    )
    names["declared"] = (
        pd.Series(
            pd.MultiIndex.from_frame(names[["institute_id", "acro"]]).isin(
                pd.MultiIndex.from_frame(declared.dropna())
            ),
            index=names.index,
        )
        & names["acro"].notna()
    )
    names = names.dropna(subset=["key"])
    frames = [names]
    cities = city_keys(institutes, cfg) if cities is None else cities
    if cfg.campus_stems:
        frames.append(_campus_stems(names, cities, cfg))
    if cfg.country_stems and country_keys is not None:
        frames.append(_country_stems(names, institutes, country_keys, cfg))
    if cfg.city_stems:
        frames.append(_city_stems(names, cities, cfg))
    return pd.concat(frames, ignore_index=True).reset_index(drop=True)


def _country_stems(
    names: pd.DataFrame,
    institutes: pd.DataFrame,
    country_keys: pd.DataFrame,
    cfg: KeyConfig,
    max_country_words: int = 6,
) -> pd.DataFrame:
    """Names without their ending "of [the] <the institute's country>" (kind
    ``country_stem``): ``Ministry of Education of the People's Republic of China`` ->
    ``ministry of education``, when the stem holds a word that is neither generic nor a
    stop word (so ``National University of Singapore`` gives none). Many countries'
    ministries share such a stem: ``match_representatives`` accepts one only where the
    string names its country or another institute of it (``Peking University /
    Ministry of Education``)."""
    full = names[(names["kind"] != "acronym") & names["key"].str.contains(" of ", regex=False)]
    # a cheap cut first: the name's last word ends some country's name
    last = country_keys["key"].dropna().str.rpartition(" ")[2]
    full = full[full["key"].str.rpartition(" ")[2].isin(set(last)).to_numpy()]
    own = institutes.set_index("institute_id")["country_code"].astype("string").str.upper()
    full = full.assign(_cc=own.reindex(full["institute_id"]).to_numpy()).dropna(subset=["_cc"])
    known = pd.MultiIndex.from_frame(
        country_keys.assign(country_code=country_keys["country_code"].astype("string").str.upper())[
            ["country_code", "key"]
        ].dropna()
    )
    words = full["key"].str.split(" ")
    frames = []
    for n in range(1, max_country_words + 1):  # one pass per length of a country name
        tail = words.str[-n:].str.join(" ")
        hit = pd.MultiIndex.from_arrays([full["_cc"], tail]).isin(known) & (words.str.len() > n + 1)
        stem = words[hit].str[:-n].map(lambda w: w[:-1] if w[-1] == "the" else w)
        stem = stem[stem.str[-1] == "of"].str[:-1]
        frames.append(full.loc[stem.index].assign(key=stem.str.join(" ")))
    return _stem_rows(pd.concat(frames).drop(columns="_cc"), "country_stem", cfg)


def _city_stems(
    names: pd.DataFrame, cities: pd.Series, cfg: KeyConfig, max_city_words: int = 3
) -> pd.DataFrame:
    """Names without their ending "of <the institute's city>" (kind ``city_stem``):
    ``Hebrew University of Jerusalem`` -> ``hebrew university``, when the stem holds a
    word that is neither generic nor a stop word. ``match_affiliations`` accepts a stem
    only in a segment that names the institute's city (``names_own_city``: ``The Hebrew
    University, School of ..., Jerusalem, Israel``)."""
    full = names[names["kind"] != "acronym"]
    city = cities.reindex(full["institute_id"]).fillna("").to_numpy(dtype=object)
    # cheap first cut: the name's last word is its city's last word
    last = full["key"].str.rpartition(" ")[2].to_numpy(dtype=object)
    city_last = cities.dropna().str.rpartition(" ")[2]
    city_last = city_last.reindex(full["institute_id"]).fillna("").to_numpy(dtype=object)
    near = (last == city_last) & (city != "")
    full, city = full[near], city[near]
    words = full["key"].str.split(" ")
    frames = []
    for n in range(1, max_city_words + 1):  # one pass per length of a city name
        tail = words.str[-n:].str.join(" ")
        hit = (tail == city).fillna(False) & (words.str.len() > n + 1)
        stem = words[hit].str[:-n]
        frames.append(full[hit].assign(key=stem.str.join(" ")))
    stems = pd.concat(frames)
    stop = {w.casefold() for w in cfg.stop_words}
    stems["key"] = (
        stems["key"].str.replace(
            r"(?:\s+(?:" + "|".join(re.escape(w) for w in sorted(stop)) + r"))+$", "", regex=True
        )
        if stop
        else stems["key"]
    )
    return _stem_rows(stems, "city_stem", cfg)


def _stem_rows(stems: pd.DataFrame, kind: str, cfg: KeyConfig) -> pd.DataFrame:
    """Stems of ``kind`` that hold a word neither generic nor a stop word, once per
    institute, with their canonical keys."""
    stop = {w.casefold() for w in cfg.stop_words}
    plain = stems["key"].str.split(" ").explode()
    own = ~plain.isin(cfg.generic_words | stop)
    stems = stems[own.groupby(level=0).any().reindex(stems.index).fillna(False).to_numpy()]
    stems = stems.assign(kind=kind, acro=pd.NA, declared=False)
    stems["canon"] = canonical_keys(stems["key"], cfg)
    return stems.drop_duplicates(["institute_id", "key"])


def _campus_stems(names: pd.DataFrame, cities: pd.Series, cfg: KeyConfig) -> pd.DataFrame:
    """The flagship's name without its campus (kind ``alias``): ``University of
    Michigan–Ann Arbor`` is also ``University of Michigan``.

    A campus is a name's last part after a comma or dash that is the institute's own
    city (``cities``: ``city_keys``). A stem shared by several campuses goes to the one
    with ``main_campus_name_ratio`` times the names of every other (Ann Arbor against
    Flint and Dearborn), so the campuses of ``University of California, ...`` or
    ``University of Maryland, ...``, known alike, give none, and neither does a name of
    one institute only (``Regional Cancer Center, Trivandrum``).
    """
    full = names[names["kind"] != "acronym"]
    # a cheap substring cut first: few names hold a comma or a dash
    cut = np.zeros(len(full), dtype=bool)
    for sep in (",", "–", "—", " - "):
        cut |= full["name"].str.contains(sep, regex=False).fillna(False).to_numpy()
    full = full[cut]
    split = full["name"].str.extract(r"^(.+?)\s*(?:,|–|—|\s-\s)\s*([^,–—]+)$").dropna()
    city = cities.reindex(full.loc[split.index, "institute_id"])
    own = normalise_names(split[1], cfg.word_map).to_numpy() == city.to_numpy()
    stems = full.loc[split.index[own]].assign(name=split.loc[own, 0].to_numpy())
    stems = stems.assign(key=normalise_names(stems["name"], cfg.word_map))
    stems = stems.drop_duplicates(["institute_id", "key"])
    n = names.groupby("institute_id")["key"].nunique()
    stems = stems.assign(_n=n.reindex(stems["institute_id"]).to_numpy())
    stems = stems.sort_values(["key", "_n"], ascending=[True, False], kind="mergesort")
    lead = stems.drop_duplicates("key")
    rival = stems[stems.duplicated("key")].drop_duplicates("key").set_index("key")["_n"]
    rival = rival.reindex(lead["key"]).to_numpy()  # NaN: a stem of one institute only
    lead = lead[lead["_n"] >= cfg.main_campus_name_ratio * rival]
    lead = lead.assign(canon=canonical_keys(lead["key"], cfg))
    return lead.drop(columns="_n").assign(kind="alias")


def _implied_variants(names: pd.DataFrame, cfg: KeyConfig) -> pd.DataFrame:
    """Names without a word another of their words implies (``implied_words``: word ->
    implied words), read on keys so native names count (``Ecole Polytechnique de
    Montréal`` -> ``polytechnic de montreal``), of kind ``alias``: ``Polytechnic
    University of Milan`` -> ``polytechnic of milan``. The variant's name is its key."""
    full = names[names["kind"] != "acronym"]
    frames = [full.iloc[:0]]
    for word, implied in (cfg.implied_words or {}).items():  # one pass per pair (a few)
        # a cheap substring cut first: few names hold the word
        words = " " + full.loc[full["key"].str.contains(word, regex=False), "key"] + " "
        for other in implied:
            both = words.str.contains(f" {word} ", regex=False) & words.str.contains(
                f" {other} ", regex=False
            )
            rest = words[both].str.replace(f" {other} ", " ", regex=False).str.strip()
            frames.append(full.loc[rest.index].assign(name=rest, key=rest, kind="alias"))
    return pd.concat(frames)


def _national_variants(
    names: pd.DataFrame, institutes: pd.DataFrame, cfg: KeyConfig
) -> pd.DataFrame:
    """Names without the leading adjective of the institute's own country, when "National"
    follows it (``French National Centre ... (CNRS)`` -> ``National Centre ...``, brackets
    dropped), of the same kind as the name they come from."""
    adjectives = {
        str(k).casefold(): str(v).upper() for k, v in (cfg.national_adjectives or {}).items()
    }
    full = names[names["kind"] != "acronym"]
    full = full[full["name"].str.match(r"\w+\s+[Nn]ational\b").fillna(False).to_numpy()]
    split = full["name"].str.extract(r"^(\w+)\s+([Nn]ational\b.*)$")
    own = institutes.set_index("institute_id")["country_code"].astype("string").str.upper()
    said = split[0].str.casefold().map(adjectives)
    keep = said.notna() & (said == own.reindex(full["institute_id"]).to_numpy())
    rest = split.loc[keep, 1].str.replace(r"\s*\([^)]*\)\s*", " ", regex=True).str.strip()
    return full[keep].assign(name=rest)


def string_queries(strings: pd.DataFrame, gazetteer: pd.DataFrame, cfg: KeyConfig) -> pd.DataFrame:
    """What each string offers: ``sid, seg_no, part_no, level, raw, key, place, bracketed``.

    Levels: the ``whole`` string; each ``segment`` (one institute of ``A / B``); its
    ``core`` (the segment without the parts that only name a place: ``Amazon (United
    States)`` -> ``Amazon``); each ``window`` of two consecutive parts of a segment
    (names that hold a comma: ``National Laboratory for X, Germany``); each ``part``;
    ``headed`` (``Université Toulouse III - Paul Sabatier`` -> ``university paul
    sabatier``), ``led`` (``ZHAW Zurich University of ...`` -> ``zurich university
    of ...``), ``owner`` (``Federal Research Center of the Russian Academy of
    Sciences`` -> ``russian academy of sciences``) and ``untailed`` (``Universidad de
    la República de Uruguay`` -> ``university de la republic``), for the exact stage
    only.
    ``place`` marks a part that only names a place (or a postcode).
    """
    parts = split_parts(strings.set_index("sid")["affiliation"]).rename_axis("sid").reset_index()
    parts["key"] = normalise_names(parts["raw"], cfg.word_map)
    parts = parts.dropna(subset=["key"])
    bare = parts["key"].str.replace(r"\b\w*\d\w*\b", " ", regex=True)
    bare = bare.str.replace(r"\s+", " ", regex=True).str.strip()
    parts["place"] = (bare == "") | bare.isin(gazetteer["key"])
    nxt = parts.assign(part_no=parts["part_no"] - 1)
    win = parts.merge(nxt, on=["sid", "seg_no", "part_no"], suffixes=("", "_2"))
    windows = pd.DataFrame(
        {
            "sid": win["sid"],
            "seg_no": win["seg_no"],
            "part_no": win["part_no"],
            "level": "window",
            "raw": win["raw"] + ", " + win["raw_2"],
            "key": win["key"] + " " + win["key_2"],
            "place": win["place"] | win["place_2"],
            "bracketed": False,
        }
    )
    # "Université Toulouse III - Paul Sabatier": the generic words before the dash with
    # the name after it ("university paul sabatier"), offered to the exact stage only
    generic = cfg.generic_words
    prev = parts.assign(part_no=parts["part_no"] + 1)
    head = parts[parts["after_dash"] & ~parts["place"]].merge(
        prev[["sid", "seg_no", "part_no", "key"]],
        on=["sid", "seg_no", "part_no"],
        suffixes=("", "_prev"),
    )
    head_words = (
        head["key_prev"]
        .str.split(" ")
        .map(lambda words: " ".join(w for w in words if w in generic))
    )
    head = head.assign(
        key=head_words + " " + head["key"], level="headed", place=False, bracketed=False
    )[head_words != ""].drop(columns="key_prev")
    # "ZHAW Zurich University of Applied Sciences": an acronym the registry may lack,
    # then an institute's name, offered to the exact stage for display names only
    rest = parts["raw"].str.extract(r"^[A-Z][A-Z0-9&]{1,9}\s+(\S+\s+\S.*)$")[0].dropna()
    led = parts.loc[rest.index].assign(
        key=normalise_names(rest, cfg.word_map), level="led", place=False, bracketed=False
    )
    led = led[~led["key"].isin(gazetteer["key"])]
    # "Universidad de la República de Uruguay": the name without its country, offered
    # to the exact stage (the country named still supports and vetoes candidates)
    nations = country_names(gazetteer)["key"].unique()
    tail = r"\s+(?:of|de|del|di|do|da|du|des)\s+(?:(?:the|la|el)\s+)?(?:{})$".format(
        "|".join(re.escape(n) for n in sorted(nations, key=len, reverse=True))
    )
    ends = parts["key"].str.rpartition(" ")[2].isin({n.rpartition(" ")[2] for n in nations})
    keys = parts.loc[ends.to_numpy(), "key"]  # a cheap cut first: few end with a country
    stem = keys.str.replace(tail, "", regex=True)
    stem = stem[(stem != keys) & stem.str.contains(" ", regex=False)]
    untailed = parts.loc[stem.index].assign(
        key=stem, level="untailed", place=False, bracketed=False
    )
    # "Federal Research Center of the Russian Academy of Sciences": the parent after
    # "of the", offered to the exact stage
    tails = parts["key"].str.split(" of the ").str[1:].explode().dropna()
    tails = tails[tails.str.contains(" ", regex=False)]
    owned = parts.loc[tails.index].assign(
        key=tails.to_numpy(), level="owner", place=False, bracketed=False
    )
    segments = _joined_parts(parts).assign(level="segment", place=False, bracketed=False)
    cores = _joined_parts(parts[~parts["place"]]).assign(level="core", place=False, bracketed=False)
    whole = strings[["sid", "key", "affiliation"]].rename(columns={"affiliation": "raw"})
    whole = whole.assign(seg_no=-1, part_no=-1, level="whole", place=False, bracketed=False)
    out = pd.concat(
        [
            whole,
            segments,
            cores,
            windows,
            parts.assign(level="part"),
            head,
            led,
            owned,
            untailed,
        ],
        ignore_index=True,
    ).drop(columns="after_dash")
    extra = out["level"].isin(QUERY_LEVELS) & ~out["level"].isin(cfg.query_levels)
    out = out[~extra].drop_duplicates(["sid", "seg_no", "level", "key", "raw"])
    out = out.reset_index(drop=True)
    out["canon"] = canonical_keys(out["key"], cfg)
    return out


def _joined_parts(parts: pd.DataFrame) -> pd.DataFrame:
    """One row per (sid, seg_no): first ``part_no``, parts joined (raw by ", ", keys by " ")."""
    by = ["sid", "seg_no"]
    first = parts.groupby(by, sort=False)["part_no"].min()
    return pd.DataFrame(
        {
            "part_no": first,
            "raw": join_groups(parts, by, "raw", ", "),
            "key": join_groups(parts, by, "key", " "),
        }
    ).reset_index()


def _pick_ror_ids(authorships: pd.DataFrame, institute_ids: pd.Index) -> pd.Series:
    """The ROR id OpenAlex gave each string most often (ties: smallest id), when known."""
    if "ror_id" not in authorships:
        return pd.Series(dtype="string")
    given = authorships[["affiliation", "ror_id"]].dropna()
    given = given[given["ror_id"].isin(institute_ids)]
    counts = given.value_counts().rename("n").reset_index()
    counts = counts.sort_values(["affiliation", "n", "ror_id"], ascending=[True, False, True])
    return counts.drop_duplicates("affiliation").set_index("affiliation")["ror_id"]


# --------------------------------------------------------------------------- stages
def prepare_strings(authorships: pd.DataFrame, cfg: KeyConfig) -> pd.DataFrame:
    """Distinct non-empty strings: ``sid, affiliation, key, rep`` (sorted, so deterministic).

    ``rep`` is the string that stands for all strings of its key (the first that OpenAlex
    gave a ROR id, else the first): only representatives are matched, the others take
    their matches in ``memo_stage``.
    """
    raw = authorships["affiliation"].astype("string").str.strip()
    strings = pd.DataFrame({"affiliation": raw[raw.str.len() > 0].dropna().unique()})
    strings = strings.sort_values("affiliation", ignore_index=True)
    strings["sid"] = np.arange(len(strings))
    strings["key"] = normalise_names(strings["affiliation"], cfg.word_map)
    return strings.dropna(subset=["key"]).reset_index(drop=True)


def assign_representatives(strings: pd.DataFrame, ror: pd.DataFrame) -> pd.DataFrame:
    """``rep`` per string: the first string of its key with a ROR id, else the first."""
    order = strings.assign(_no_ror=~strings["sid"].isin(ror["sid"]))
    order = order.sort_values(["key", "_no_ror", "sid"], kind="mergesort")
    first = order.drop_duplicates("key").set_index("key")["sid"]
    return strings.assign(rep=first.reindex(strings["key"]).to_numpy())


def ror_stage(
    authorships: pd.DataFrame, strings: pd.DataFrame, institutes: pd.DataFrame
) -> pd.DataFrame:
    """Picks from OpenAlex's ROR ids (``ror_id``), when the registry has them."""
    raw = authorships["affiliation"].astype("string").str.strip()
    ror = _pick_ror_ids(authorships.assign(affiliation=raw), pd.Index(institutes["institute_id"]))
    ror = pd.DataFrame({"affiliation": ror.index.astype("string"), "institute_id": ror.to_numpy()})
    picks = strings[["sid", "affiliation"]].merge(ror, on="affiliation")
    return picks[["sid", "institute_id"]].assign(
        seg_no=-1, part_no=-1, score=1.0, method="ror_id", text=pd.NA
    )


def exact_stage(
    queries: pd.DataFrame,
    names: pd.DataFrame,
    places: pd.Series,
    key_cfg: KeyConfig,
    cfg: ExactConfig,
) -> pd.DataFrame:
    """Exact candidates: ``sid, seg_no, part_no, institute_id, kind, method, text, score``.

    ``exact``: an offered key equals a name, alias or label key. ``canonical``: the same
    up to word order, generic words' language and legal suffixes (``Universidad de
    Alcalá`` = ``University of Alcalá``; ``VRVis GmbH`` = ``VRVis``). ``acronym``: a part
    as written (dots and spaces removed, case-sensitive, not a place or a country code)
    equals an acronym, or starts with one followed by a place, postcode or one generic
    word (``UNSW Sydney``, ``HSE University``); a bracketed part (``... (Unesp)``)
    whatever its case. ``places``: the gazetteer's place keys; ``key_cfg``: how keys
    were made (the English targets of its word map are the generic words).
    """
    cols = ["sid", "seg_no", "part_no", "level", "institute_id", "kind", "method", "text"]
    full = names[names["kind"] != "acronym"]
    frames = [
        queries.merge(full[["institute_id", "key", "kind"]], on="key").assign(
            method="exact", text=lambda f: f["key"]
        )[cols]
    ]
    if cfg.canonical_match:
        # not the whole string ("A University / University of A" is two institutes), not
        # a place, and not a name whose canonical form is only a place ("AT&T
        # (Netherlands)" -> "netherlands")
        offered = queries[(queries["level"] != "whole") & ~queries["place"]]
        canon = full[["institute_id", "canon", "kind"]].dropna()
        canon = canon[~canon["canon"].isin(canonical_keys(places, key_cfg).dropna())]
        frames.append(
            offered.dropna(subset=["canon"])
            .merge(canon, on="canon")
            .assign(method="canonical", text=lambda f: f["key"])[cols]
        )
    parts = queries[(queries["level"] == "part") & ~queries["place"]]
    parts = parts.assign(acro=parts["raw"].str.replace(r"[\s.]", "", regex=True))
    acronyms = names.dropna(subset=["acro"])[["institute_id", "acro", "kind"]]
    frames.append(
        parts.merge(acronyms, on="acro").assign(method="acronym", text=lambda f: f["acro"])[cols]
    )
    # an acronym followed by a place, postcode or one generic word: "UNSW Sydney", "HSE
    # University", "DRT F-38000 Grenoble"
    lead = parts["raw"].str.extract(r"^([A-Z][A-Z0-9&]{1,9})\s+(.+)$")
    word_map = key_cfg.word_map
    # a postcode is any run of non-spaces holding a digit ("F-38000", "CH-8092")
    rest = (
        normalise_names(lead[1].dropna().str.replace(r"\S*\d\S*", " ", regex=True), word_map)
        .fillna("")
        .str.split()
        .str.join(" ")
    )
    ok = rest.isin(places) | rest.isin(key_cfg.generic_words) | (rest == "")
    led = parts.loc[ok[ok].index].assign(acro=lead.loc[ok[ok].index, 0])
    frames.append(
        led.merge(acronyms, on="acro").assign(method="acronym", text=lambda f: f["acro"])[cols]
    )
    # an acronym followed by a name of the same institute: "KTH Royal Institute of
    # Technology"
    named = parts.loc[rest.index].assign(
        acro=lead.loc[rest.index, 0], canon=canonical_keys(rest, key_cfg)
    )
    named = named.dropna(subset=["canon"]).merge(acronyms[["institute_id", "acro"]], on="acro")
    frames.append(
        named.merge(
            full[["institute_id", "canon", "kind"]].dropna(), on=["institute_id", "canon"]
        ).assign(method="acronym", text=lambda f: f["acro"])[cols]
    )
    folded = acronyms.assign(fold=acronyms["acro"].str.casefold()).drop(columns="acro")
    parts = parts.assign(fold=parts["acro"].str.casefold())
    if cfg.bracket_acronyms:
        frames.append(
            parts[parts["bracketed"]]
            .merge(folded, on="fold")
            .assign(method="acronym", text=lambda f: f["acro"])[cols]
        )
    if cfg.declared_acronym_min_length:
        declared = names["declared"] & (names["acro"].str.len() >= cfg.declared_acronym_min_length)
        frames.append(
            parts.merge(folded[declared[names["acro"].notna()].to_numpy()], on="fold").assign(
                method="acronym", text=lambda f: f["acro"]
            )[cols]
        )
    out = pd.concat(frames, ignore_index=True).assign(score=1.0)
    # a led part's unknown acronym vouches only for an institute's main name
    return out[(out["level"] != "led") | (out["kind"] == "display")].reset_index(drop=True)


def fuzzy_stage(
    queries: pd.DataFrame,
    names: pd.DataFrame,
    cfg: FuzzyConfig,
    own_places: tuple[pd.Series, pd.Series, pd.DataFrame],
) -> pd.DataFrame:
    """Eq. 1 candidates for the given queries, each with its ``status``.

    The TF-IDF shortlist of every core, window and part (at least ``min_query_length``
    letters, not a place), scored by Eq. 1; ``status`` is ``below_threshold`` (S <
    ``fuzzy_threshold``: the one place the threshold is applied), ``name_checks``
    (failed the distinctive-word, name-coverage or query-coverage check) or
    ``accepted``. ``own_places`` (``cities``, ``country``, ``country_keys``): each
    institute's city and country, whose words a string may add to its name
    (``query_words_covered``).
    """
    cols = ["sid", "seg_no", "part_no", "institute_id", "kind", "method", "text", "score", "status"]
    q = queries[queries["level"].isin(["core", "window", "part"])]
    q = q[(q["key"].str.len() >= cfg.min_query_length) & ~q["place"]]
    fuzzy_names = names[~names["kind"].isin(["acronym", *STEM_KINDS])]
    qkeys = pd.Series(q["key"].unique())
    nkeys = pd.Series(fuzzy_names["key"].unique())
    sl = shortlist(qkeys, nkeys, cfg.shortlist_size, max_df=cfg.shortlist_max_df)
    if sl.empty:
        return pd.DataFrame(columns=cols)
    sl["qkey"] = qkeys.to_numpy()[sl["q"]]
    sl["nkey"] = nkeys.to_numpy()[sl["n"]]
    sl["score"] = combined_score(sl["qkey"].tolist(), sl["nkey"].tolist(), workers=cfg.workers)
    sl["status"] = np.where(sl["score"] >= cfg.fuzzy_threshold, "accepted", "below_threshold")
    above = sl["status"] == "accepted"
    ok = name_checks(sl.loc[above, "qkey"], sl.loc[above, "nkey"], nkeys, cfg)
    sl.loc[above[above].index[~ok], "status"] = "name_checks"
    cands = (
        q[["sid", "seg_no", "part_no", "key"]]
        .merge(sl[["qkey", "nkey", "score", "status"]], left_on="key", right_on="qkey")
        .merge(
            fuzzy_names[["institute_id", "key", "kind"]].rename(columns={"key": "nkey"}), on="nkey"
        )
    )
    if cfg.query_coverage_check:
        above = cands["status"] == "accepted"
        own = own_place_words(cands.loc[above, "institute_id"], *own_places)
        ok = query_words_covered(cands[above], own, cfg)
        cands.loc[above[above].index[~ok], "status"] = "name_checks"
    return cands.assign(method="fuzzy", text=cands["nkey"])[cols]


def own_place_words(
    ids: pd.Series, cities: pd.Series, country: pd.Series, country_keys: pd.DataFrame
) -> pd.DataFrame:
    """``institute_id, word``: the words of each institute's city (``cities``: id -> city
    key) and of the names of its country (``country``: id -> code; ``country_keys``:
    ``country_code, key``, see ``gazetteer.country_names``), for the institutes ``ids``."""
    ids = pd.Index(ids.unique())
    words = cities.reindex(ids).dropna().str.split(" ").explode()
    city_words = pd.DataFrame({"institute_id": words.index, "word": words.to_numpy()})
    country_words = country_keys.assign(word=country_keys["key"].str.split(" ")).explode("word")
    cc = country.reindex(ids).dropna().rename("country_code").rename_axis("institute_id")
    named = cc.reset_index().merge(country_words, on="country_code")[["institute_id", "word"]]
    return pd.concat([city_words, named], ignore_index=True).drop_duplicates()


def query_words_covered(cands: pd.DataFrame, own: pd.DataFrame, cfg: FuzzyConfig) -> np.ndarray:
    """True where every word of the string's query (``key``; stop words aside) is, near
    enough, a word of the candidate's name (``nkey``), or of its own city or country
    (``own``: ``own_place_words``).

    A guard the study lacked, the mirror of ``name_words_covered``: partial ratio scores
    a name 1.0 inside any longer string, so "AGH University of Krakow" met the
    Jagiellonian University's alias "University of Krakow", "Shandong Institute of
    Automation" the Institute of Automation in Beijing, and "Zhejiang University of
    Technology" Zhejiang University. "University of Silesia in Katowice" still meets
    the University of Silesia, in Katowice.
    """
    if cands.empty:
        return np.ones(0, dtype=bool)
    pairs = cands[["key", "nkey", "institute_id"]].reset_index(drop=True)
    missing = missing_words(
        pairs["nkey"],
        pairs["key"],
        cfg.distinctive_token_ratio,
        list(cfg.stop_words),
        cfg.exact_word_max_length,
    )
    missing = missing.assign(institute_id=pairs["institute_id"].to_numpy()[missing["pair"]])
    excused = missing.merge(own, on=["institute_id", "word"], how="left", indicator=True)
    failed = excused.loc[excused["_merge"] == "left_only", "pair"].unique()
    return ~np.isin(np.arange(len(pairs)), failed)


def unit_stage(
    queries: pd.DataFrame, names: pd.DataFrame, places: pd.Series, cfg: UnitConfig
) -> pd.DataFrame:
    """Parent candidates for parts naming a unit the registry lacks (method ``unit``).

    A parent's stem is one of its names without stop words and one
    ``unit_parent_words`` word (``johns hopkins`` of Johns Hopkins University), at most
    ``max_stem_words`` long and not a place (``Toronto`` General Hospital is not the
    University of Toronto). A part whose key begins with a stem, followed by a word of
    ``unit_words`` (``johns hopkins bloomberg school of public health``), is a unit of
    that parent. The labelling guide's rule: a unit absent from the registry counts as
    its parent.
    """
    cols = ["sid", "seg_no", "part_no", "institute_id", "kind", "method", "text", "score"]
    if not cfg.unit_match or queries.empty:
        return pd.DataFrame(columns=cols)
    stop = {w.casefold() for w in cfg.stop_words}
    parent_re = r"\b(?:" + "|".join(re.escape(w) for w in cfg.unit_parent_words) + r")\b"
    keys = names.loc[~names["kind"].isin(["acronym", *STEM_KINDS]), "key"]
    words = keys[keys.str.contains(parent_re, regex=True)].str.split(" ").explode()
    words = words[~words.isin(stop)].rename("word").rename_axis("row").reset_index()
    parent_word = words["word"].isin(set(cfg.unit_parent_words))
    n_parent = parent_word.groupby(words["row"]).transform("sum")
    words = words[~parent_word & (n_parent == 1)]
    words = words[words.groupby("row")["word"].transform("size") <= cfg.max_stem_words]
    stems = join_groups(words, ["row"], "word", " ")
    stems = stems[~stems.isin(places)]
    stems = names.loc[stems.index, ["institute_id", "kind"]].assign(stem=stems.to_numpy())
    q = queries[queries["level"].isin(["part", "core"]) & ~queries["place"]]
    q = q.reset_index(drop=True)
    grams = ngrams(q["key"], cfg.max_stem_words, False)
    grams = grams[(grams["start"] == 0) & (grams["end"] < grams["n_tokens"])]
    # the last unit word of each part must come after the stem
    tokens = q["key"].str.split(" ").explode().to_frame("word")
    tokens["pos"] = tokens.groupby(level=0).cumcount()
    last_unit = tokens[tokens["word"].isin(set(cfg.unit_words))].groupby(level=0)["pos"].max()
    grams = grams[last_unit.reindex(grams["row"]).to_numpy() >= grams["end"].to_numpy()]
    hits = grams.merge(stems, left_on="gram", right_on="stem")
    hits = pd.concat(
        [
            q.loc[hits["row"], ["sid", "seg_no", "part_no"]].reset_index(drop=True),
            hits[["institute_id", "kind", "stem"]].reset_index(drop=True),
        ],
        axis=1,
    )
    return hits.assign(method="unit", text=hits["stem"], score=1.0)[cols]


def name_checks(
    qkeys: pd.Series, nkeys: pd.Series, vocabulary: pd.Series, cfg: FuzzyConfig
) -> np.ndarray:
    """True where an Eq. 1 pair passes the guards the study lacked (each a parameter).

    Distinctive words both ways (one of the string's rare words in the name, the name's
    rarest word in the string) and name coverage (every word of the name in the string).
    """
    ok = np.ones(len(qkeys), dtype=bool)
    if cfg.distinctive_token_check:
        rarity = {
            "max_share": cfg.distinctive_max_share,
            "min_count": cfg.distinctive_min_count,
            "min_ratio": cfg.distinctive_token_ratio,
            "exact_max_length": cfg.exact_word_max_length,
        }
        ok &= shares_distinctive_token(qkeys, nkeys, vocabulary, **rarity).to_numpy(bool)
        ok &= shares_distinctive_token(
            nkeys, qkeys, vocabulary, none_passes=True, rarest_only=True, **rarity
        ).to_numpy(bool)
    if cfg.name_coverage_check:
        ok &= name_words_covered(
            qkeys,
            nkeys,
            cfg.distinctive_token_ratio,
            list(cfg.stop_words),
            cfg.exact_word_max_length,
        ).to_numpy(bool)
    return ok


def choose_stage(
    cands: pd.DataFrame,
    order: list[str],
    tiebreak: pd.Series,
    country: pd.Series,
    cfg: "ChooseConfig",
    *,
    per_part: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The best non-vetoed candidate per (string, segment), or per (string, segment, part)
    with ``per_part``, and the segments (parts) left open.

    Candidates are ranked by ``order`` (then ``tiebreak``, the registry's number of
    locations, and the id, only to make the order total). Candidates in several
    countries that the place evidence cannot tell apart go to the country of the
    institute known by ``main_campus_name_ratio`` times the names of every rival abroad
    (``country_of_choice``; ``country``: institute -> country code). When no country
    is, or several institutes of one country tie on every criterion of ``order`` (two
    institutes named alike, an acronym shared in one country), the segment is
    ``ambiguous``: left unmatched rather than given to the smaller id. A vetoed
    candidate ranked above the pick is kept in ``vetoed_institute_id``. Returns
    ``picks`` and ``failed`` (``sid, seg_no, reason, vetoed_institute_id``; reason
    ``vetoed`` or ``ambiguous``).
    """
    group = ["sid", "seg_no", "part_no"] if per_part else ["sid", "seg_no"]
    order = [c for c in order if c not in group]
    cands = cands.assign(
        tie=tiebreak.reindex(cands["institute_id"]).to_numpy(),
        neg_support=-cands["supported"],
        neg_context=-context_support(cands, country),
    )
    cands = cands.sort_values([*group, *order, "tie", "institute_id"], kind="mergesort")
    cands = cands.drop_duplicates([*group, "institute_id"])
    kept = cands[~cands["vetoed"]]
    kept = kept.assign(cc=country.reindex(kept["institute_id"]).fillna("").to_numpy())
    # the same name in two countries with no place to tell them apart: the country whose
    # institute is known by main_campus_name_ratio times the names of every rival
    # abroad, else a tie
    choice = country_of_choice(kept, group, order, cfg.main_campus_name_ratio)
    kept = kept.merge(choice.rename(columns={"cc": "_cc"}), on=group, how="left")
    kept = kept[kept["_cc"].isna() | (kept["cc"] == kept["_cc"])].drop(columns="_cc")
    top = kept.drop_duplicates(group)[[*group, *order]]
    n_top = kept.merge(top, on=[*group, *order]).groupby(group)["institute_id"].nunique()
    abroad = choice.loc[choice["cc"] == "", group].set_index(group).index
    tied = n_top[n_top > 1].index.union(abroad).to_frame(index=False).assign(_tied=True)
    best = kept.drop_duplicates(group).merge(tied, on=group, how="left")
    best = best[best["_tied"].isna()].drop(columns=["_tied", "cc"])
    first = cands.drop_duplicates(group)
    lost = first[first["vetoed"]][[*group, "institute_id"]].rename(
        columns={"institute_id": "vetoed_institute_id"}
    )
    best = best.merge(lost, on=group, how="left")
    failed = (
        cands[group].drop_duplicates().merge(best[group].assign(_ok=True), on=group, how="left")
    )
    failed = failed[failed["_ok"].isna()].drop(columns="_ok").merge(tied, on=group, how="left")
    failed["reason"] = np.where(failed["_tied"].notna(), "ambiguous", "vetoed")
    failed = failed.drop(columns="_tied").merge(lost, on=group, how="left")
    return best.reset_index(drop=True), failed.reset_index(drop=True)


def country_of_choice(
    kept: pd.DataFrame, group: list[str], order: list[str], ratio: float
) -> pd.DataFrame:
    """``group..., cc`` for the groups whose best candidates lie in several countries.

    The best candidates are those equal to the group's first on ``order`` but for how
    the name matched (``method_rank``: exact, canonical, acronym), its length and the
    number of names: ``Centre National de la Recherche Scientifique`` is the exact name
    of a Moroccan centre and the canonical name of the French CNRS, ``UCLA`` the acronym
    of Los Angeles and of Barquisimeto. ``cc`` is the country whose institute has at
    least ``ratio`` times (and more than) the names of each rival abroad (``n_names``),
    or ``""`` when none has (the group is then ambiguous).
    """
    loose = [c for c in order if c not in ("method_rank", "len_rank", "neg_names")]
    top = kept.drop_duplicates(group)[[*group, *loose]]
    spread = kept.merge(top, on=[*group, *loose])
    per_cc = spread.groupby([*group, "cc"], sort=False)["n_names"].max().reset_index()
    per_cc = per_cc[per_cc.groupby(group)["cc"].transform("size") > 1]
    per_cc = per_cc.sort_values(
        [*group, "n_names"], ascending=[*([True] * len(group)), False], kind="mergesort"
    )
    lead = per_cc.drop_duplicates(group)
    rival = per_cc[per_cc.duplicated(group)].drop_duplicates(group)
    both = lead.merge(rival, on=group, suffixes=("", "_rival"))
    ok = (both["n_names"] >= ratio * both["n_names_rival"]) & (
        both["n_names"] > both["n_names_rival"]
    )
    return both.assign(cc=both["cc"].where(ok, ""))[[*group, "cc"]]


def context_support(cands: pd.DataFrame, country: pd.Series) -> pd.Series:
    """1 where another institute named elsewhere in the string (another segment or part,
    not vetoed) lies in the candidate's country, else 0 (aligned with ``cands``).

    The institutes of one author's affiliation are nearly always in one country, so
    ``CNRS, UGA`` is Grenoble's UGA and France's CNRS, and ``Peking University / Ministry
    of Education`` is China's ministry.
    """
    if cands.empty:
        return pd.Series(0, index=cands.index, dtype=int)
    pos = cands.assign(cc=country.reindex(cands["institute_id"]).to_numpy())
    here = pos[["sid", "seg_no", "part_no", "institute_id", "cc"]].dropna(subset=["cc"])
    there = here[~pos.loc[here.index, "vetoed"].to_numpy(bool)].drop_duplicates()
    pairs = here.reset_index(names="_row").merge(there, on=["sid", "cc"], suffixes=("", "_o"))
    other = ((pairs["seg_no"] != pairs["seg_no_o"]) | (pairs["part_no"] != pairs["part_no_o"])) & (
        pairs["institute_id"] != pairs["institute_id_o"]
    )
    hit = pairs.loc[other, "_row"].unique()
    return pd.Series(cands.index.isin(hit).astype(int), index=cands.index)


def names_own_city(cands: pd.DataFrame, seg_grams: pd.DataFrame, city: pd.Series) -> np.ndarray:
    """True where the candidate's segment names the candidate's own city (``city``:
    ``city_keys``; a ``city_stem`` counts only there: ``The Hebrew University, ...,
    Jerusalem``)."""
    pairs = (
        cands[["sid", "seg_no"]]
        .assign(gram=city.reindex(cands["institute_id"]).to_numpy())
        .reset_index(names="_row")
    )
    hit = _in_segment(pairs.dropna(subset=["gram"]).merge(seg_grams, on=["sid", "gram"]))
    return cands.index.isin(hit["_row"].unique())


def _in_segment(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows whose mention (``m_seg``) lies in the candidate's segment (-1: anywhere)."""
    return frame[(frame["seg_no"] == -1) | (frame["seg_no"] == frame["m_seg"])]


def places_in_strings(
    strings: pd.DataFrame, gazetteer: pd.DataFrame, rules: PlaceRules, exonyms: dict
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What ``veto_stage`` reads in the strings, found once: the place ``mentions``
    (``sid, m_seg, key, country_code, kind, edge``) and every word n-gram of every
    segment (``sid, m_seg, gram``), native city names read by ``exonyms``."""
    affiliation = strings.set_index("sid")["affiliation"]
    mentions = find_mentions(affiliation, gazetteer, rules)
    mentions = mentions.rename(columns={"row": "sid", "seg_no": "m_seg"})
    seg_text = split_parts(affiliation)
    seg_keys = normalise_names(seg_text["raw"], exonyms).reset_index(drop=True)
    seg_grams = ngrams(seg_keys, rules.max_place_ngram, False)
    seg_grams["sid"] = seg_text.index.to_numpy()[seg_grams["row"]]
    seg_grams["m_seg"] = seg_text["seg_no"].to_numpy()[seg_grams["row"]]
    return mentions, seg_grams[["sid", "m_seg", "gram"]].drop_duplicates()


def _city_vetoes(
    pairs: pd.DataFrame,
    name_grams: pd.DataFrame,
    cities: pd.Series,
    seg_grams: pd.DataFrame,
    other_cities: pd.DataFrame,
) -> pd.DataFrame:
    """The city rule: the candidate's city (``cities``: ``city_keys``, so ``München`` is
    Munich), written in its name, is missing from the segment, which names another city
    (``other_cities``: city mentions at an edge)."""
    keys = ["sid", "institute_id", "seg_no"]
    city_key = cities.rename("city_key").rename_axis("institute_id").reset_index()
    own = name_grams.merge(
        city_key, left_on=["institute_id", "gram"], right_on=["institute_id", "city_key"]
    )
    pc = pairs.merge(own[["institute_id", "city_key"]].drop_duplicates(), on="institute_id")
    said = _in_segment(pc.merge(seg_grams, left_on=["sid", "city_key"], right_on=["sid", "gram"]))
    said = said[keys].drop_duplicates().assign(_said=True)
    pc = pc.merge(said, on=keys, how="left")
    pc = pc[pc["_said"].isna()]
    return pc.merge(other_cities[keys].drop_duplicates(), on=keys)[keys]


def veto_stage(
    cands: pd.DataFrame,
    *,
    string_places: tuple,
    names: pd.DataFrame,
    institutes: pd.DataFrame,
    cities: pd.Series,
    rules: PlaceRules,
    cfg: VetoConfig,
) -> pd.DataFrame:
    """``cands`` with ``vetoed`` (the place contradicts) and ``supported`` (it agrees:
    2 in the candidate's segment, 1 elsewhere in the string, 0 not named).

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
    country; ``Nanyang`` is a Chinese city and a Singapore university), but any place of
    the candidate's country named in the segment supports it: ``University College
    London`` is the London one, not its Doha campus; a place named in another segment
    supports it less (``Northwest University / ... (China)``). With ``country_veto``
    off nothing is vetoed; support still ranks candidates.
    """
    keys = ["sid", "institute_id", "seg_no"]
    out = cands.assign(vetoed=False, supported=0)
    if out.empty:
        return out
    pairs = out[keys].drop_duplicates()
    inst = institutes.set_index("institute_id")
    # n-grams of every name of the candidate institutes (any position counts)
    cand_names = names[names["institute_id"].isin(pairs["institute_id"].unique())]
    cand_names = cand_names.reset_index(drop=True)
    name_grams = ngrams(cand_names["key"], rules.max_place_ngram, False)
    name_grams["institute_id"] = cand_names["institute_id"].to_numpy()[name_grams["row"]]
    name_grams = name_grams[["institute_id", "gram"]].drop_duplicates()

    mentions, seg_grams = string_places
    pm = pairs.merge(mentions, on="sid")
    pm = pm.assign(cand_cc=inst["country_code"].reindex(pm["institute_id"]).to_numpy())
    pm = pm.assign(agrees=pm["country_code"] == pm["cand_cc"])
    agree = pm[pm["agrees"] & ((pm["kind"] == "country") | pm["edge"])]
    # support: 2 when the candidate's segment names its place, 1 another segment
    support = (
        agree[keys]
        .assign(supported=1)
        .merge(_in_segment(agree)[keys].assign(supported=2), on=keys, how="outer")
    )
    support = support.assign(supported=support[["supported_x", "supported_y"]].max(axis=1))
    support = support.groupby(keys, as_index=False)["supported"].max()
    pm = _in_segment(pm)
    in_name = pm.merge(
        name_grams, left_on=["institute_id", "key"], right_on=["institute_id", "gram"], how="left"
    )["gram"].notna()
    pm = pm[~in_name.to_numpy()]
    evidence = pm[((pm["kind"] == "country") | pm["edge"]) & pm["cand_cc"].notna()]
    # a country named outright outweighs cities and regions ("London, UK" is not Ontario)
    explicit = evidence["kind"].isin(["country", "code"])
    has_explicit = explicit.groupby([evidence[k] for k in keys]).transform("any")
    evidence = evidence[explicit | ~has_explicit]
    by_pair = evidence.groupby(keys)["agrees"].any()
    country_veto = by_pair[~by_pair].index.to_frame(index=False)

    city_veto = _city_vetoes(
        pairs, name_grams, cities, seg_grams, pm[(pm["kind"] == "city") & pm["edge"]]
    )

    flags = pairs
    if cfg.country_veto:
        vetoed = pd.concat([country_veto, city_veto]).drop_duplicates()
        flags = flags.merge(vetoed.assign(vetoed=True), on=keys, how="left")
    flags = flags.merge(support, on=keys, how="left")
    flags = flags.reindex(columns=[*keys, "vetoed", "supported"])
    flags["vetoed"] = flags["vetoed"].notna()
    flags["supported"] = flags["supported"].fillna(0).astype(int)
    return cands.merge(flags, on=keys, how="left")


def context_veto(cands: pd.DataFrame, picks: pd.DataFrame, country: pd.Series) -> pd.DataFrame:
    """``cands`` with ``vetoed`` also set where the string's other institutes (``picks``,
    found by name) all lie in other countries than the candidate and no place of its
    country is named (``supported`` 0).

    For Eq. 1 candidates, the weakest evidence: "SOKENDAI / The Institute of
    Statistical Mathematics" (Japan) is not the Institute of Mathematical Statistics in
    the US, which Eq. 1 scores near 1.
    """
    if cands.empty or picks.empty:
        return cands
    named = picks[["sid", "institute_id"]].assign(
        cc=country.reindex(picks["institute_id"]).to_numpy()
    )
    named = named.dropna(subset=["cc"])
    cc = country.reindex(cands["institute_id"]).to_numpy()
    same = pd.MultiIndex.from_arrays([cands["sid"], cc]).isin(
        pd.MultiIndex.from_frame(named[["sid", "cc"]])
    )
    alone = (
        cands["sid"].isin(named["sid"]).to_numpy() & ~same & (cands["supported"] == 0).to_numpy()
    )
    return cands.assign(vetoed=cands["vetoed"] | alone)


def combine_segments(picks: pd.DataFrame, cfg: ChooseConfig) -> pd.DataFrame:
    """Each string's institutes from its segments' picks.

    A match of the whole string stands alone; otherwise every segment's pick
    (``segments: all``: ``A / B`` names two institutes) or only the first segment's
    that matched (``first``: one institute per string, as in the study). An institute
    picked in two segments is kept once, at its first.
    """
    picks = picks.sort_values(["sid", "seg_no"], kind="mergesort")
    whole = picks.loc[picks["seg_no"] == -1, "sid"]
    picks = picks[(picks["seg_no"] == -1) | ~picks["sid"].isin(whole)]
    if cfg.segments == "first":
        picks = picks[picks["seg_no"] == picks.groupby("sid")["seg_no"].transform("min")]
    return picks.drop_duplicates(["sid", "institute_id"]).reset_index(drop=True)


def memo_stage(picks: pd.DataFrame, strings: pd.DataFrame) -> pd.DataFrame:
    """Copy each representative's picks to the strings of its key (method ``memo``).

    Strings matched on their own (their ROR id) keep their own picks.
    """
    own = picks["sid"].unique()
    copies = strings.loc[
        (strings["sid"] != strings["rep"]) & ~strings["sid"].isin(own), ["sid", "rep"]
    ]
    copies = copies.merge(picks.rename(columns={"sid": "rep"}), on="rep")
    copies = copies.drop(columns="rep").assign(method="memo")
    return pd.concat([picks, copies], ignore_index=True)


def parent_table(relationships: pd.DataFrame, institutes: pd.DataFrame) -> pd.DataFrame:
    """``institute_id, parent_id`` from the registry's relationships, both ends known.

    ``relationships``: ``institute_id, related_id, relation``; a ``parent`` row names
    the institute's parent, a ``child`` row its child (GRID and ROR write both).
    """
    rel = relationships.dropna(subset=["institute_id", "related_id"])
    relation = rel["relation"].astype("string").str.lower()
    up = rel.loc[relation == "parent", ["institute_id", "related_id"]].set_axis(
        ["institute_id", "parent_id"], axis=1
    )
    down = rel.loc[relation == "child", ["related_id", "institute_id"]].set_axis(
        ["institute_id", "parent_id"], axis=1
    )
    parents = pd.concat([up, down], ignore_index=True).drop_duplicates()
    known = set(institutes["institute_id"])
    parents = parents[parents["institute_id"].isin(known) & parents["parent_id"].isin(known)]
    return parents[parents["institute_id"] != parents["parent_id"]].reset_index(drop=True)


def rollup_stage(picks: pd.DataFrame, parents: pd.DataFrame, cfg: RollupConfig) -> pd.DataFrame:
    """Matched units rolled up the registry's hierarchy (``rollup``).

    ``matched_institute_id`` keeps what was matched; ``institute_id`` becomes its
    parent(s) (``parent``: one step; ``top``: followed until an institute without parent,
    at most ``max_depth`` steps, so a cycle ends) or stays (``none``). A unit with two
    parents (a joint unit of a university and CNRS) gives both; two units of one parent
    in one string keep a row each (their ``matched_institute_id`` differ).
    """
    picks = picks.assign(matched_institute_id=picks["institute_id"])
    if cfg.rollup == "none" or picks.empty or parents.empty:
        return picks
    steps = 1 if cfg.rollup == "parent" else cfg.max_depth
    for _ in range(steps):  # one merge per level of the hierarchy, not per string
        up = picks.merge(parents, on="institute_id", how="left")
        if up["parent_id"].isna().all():
            break
        up["institute_id"] = up["parent_id"].fillna(up["institute_id"])
        picks = up.drop(columns="parent_id")
    return picks.drop_duplicates(["sid", "matched_institute_id", "institute_id"]).reset_index(
        drop=True
    )


def failure_reasons(
    strings: pd.DataFrame,
    matched: pd.Index,
    exact: pd.DataFrame,
    fuzzy: pd.DataFrame,
    failed: pd.DataFrame,
) -> pd.Series:
    """Why each unmatched representative failed (keys of ``REASONS``), by ``sid``.

    The furthest a string got decides: ``ambiguous`` (best candidates tie), ``vetoed``
    (every candidate contradicted by the string's places), ``name_checks`` (Eq. 1
    candidates failed the guards), ``below_threshold`` (only Eq. 1 scores below the
    threshold), else ``no_candidate``.
    """
    sids = strings.loc[strings["sid"] == strings["rep"], "sid"]
    sids = pd.Index(sids).difference(matched)
    reason = pd.Series("no_candidate", index=sids, dtype=object)
    for status, sid_set in [
        ("below_threshold", fuzzy.loc[fuzzy["status"] == "below_threshold", "sid"]),
        ("name_checks", fuzzy.loc[fuzzy["status"] == "name_checks", "sid"]),
        ("vetoed", failed.loc[failed["reason"] == "vetoed", "sid"]),
        ("ambiguous", failed.loc[failed["reason"] == "ambiguous", "sid"]),
    ]:
        reason[reason.index.isin(sid_set)] = status  # later rules outrank earlier ones
    return reason


# --------------------------------------------------------------------------- the node
def match_affiliations(
    *,
    authorships: pd.DataFrame,
    institutes: pd.DataFrame,
    institute_names: pd.DataFrame,
    institute_relationships: pd.DataFrame,
    countries: pd.DataFrame,
    regions: pd.DataFrame,
    places: pd.DataFrame,
    params: dict,
    execution: dict | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Match every distinct affiliation string to its institute(s) (section 2.1.3, Eq. 1).

    Runs the stages of this module in order (see the module docstring): ROR id, exact
    (name, canonical name, acronym), then Eq. 1 for the segments still open, then units
    of a parent for those still open, each
    candidate checked against the places the string names and the best one per segment
    chosen; strings sharing a key share the result; matched units are rolled up
    (``rollup``). Returns ``affiliation_matches`` (one row per string and matched institute; an
    unmatched string has one row with ``unmatched_reason``) and the step's report rows.
    The representatives are matched over row partitions (``match_representatives``), in
    this process or on Dask as ``execution`` says (``dl_geography.execution``).
    """
    cfg = stage_configs(params)
    report = StageReport("enrichment")
    step = "affiliation_matches"
    strings = prepare_strings(authorships, cfg.keys)
    report.count(step, "in", len(strings), "distinct affiliation strings")

    institutes = institutes.drop_duplicates("institute_id")
    cities = city_keys(institutes, cfg.keys)
    gazetteer = build_gazetteer(countries, regions, places, institutes, cfg.places)
    names = build_name_table(
        institutes, institute_names, cfg.keys, cities, country_names(gazetteer)
    )
    tiebreak = institutes.set_index("institute_id")["n_locations"].fillna(1)
    country = institutes.set_index("institute_id")["country_code"]
    n_names = names[~names["kind"].isin(STEM_KINDS)].groupby("institute_id")["key"].nunique()
    ror = ror_stage(authorships, strings, institutes)
    strings = assign_representatives(strings, ror)
    todo = strings[(strings["sid"] == strings["rep"]) & ~strings["sid"].isin(ror["sid"])]
    picks, failed, exact, fuzzy = map_partitions(
        match_representatives,
        todo,
        execution or {},
        names=names,
        gazetteer=gazetteer,
        institutes=institutes,
        cities=cities,
        tiebreak=tiebreak,
        country=country,
        n_names=n_names,
        cfg=cfg,
    )
    picks = pd.concat([ror.assign(vetoed_institute_id=pd.NA), picks], ignore_index=True)
    picks = combine_segments(picks, cfg.choose)
    failed = failed.reset_index(drop=True)
    reasons = failure_reasons(strings, pd.Index(picks["sid"].unique()), exact, fuzzy, failed)
    picks = memo_stage(picks, strings)
    if cfg.rollup.rollup != "none":
        picks = rollup_stage(picks, parent_table(institute_relationships, institutes), cfg.rollup)
    else:
        picks = picks.assign(matched_institute_id=picks["institute_id"])

    out = assemble_matches(strings, picks, reasons, failed)
    report_matches(report, step, out, cfg)
    return out, report.to_frame()


def match_representatives(
    todo: pd.DataFrame,
    *,
    names: pd.DataFrame,
    gazetteer: pd.DataFrame,
    institutes: pd.DataFrame,
    cities: pd.Series,
    tiebreak: pd.Series,
    country: pd.Series,
    n_names: pd.Series,
    cfg: StageConfigs,
) -> tuple[pd.DataFrame, ...]:
    """The exact, fuzzy and unit stages, each checked and chosen, for the strings ``todo``.

    Each string's result depends on the string and the registry alone (the shortlist,
    word rarity and stems come from the institutes' names), so ``match_affiliations``
    runs this over partitions of its representatives (``execution``); the corpus-wide
    steps (ROR ids, representatives, memo) stay there. Returns ``picks`` and ``failed``
    of the three stages in that order, and the ``exact`` and ``fuzzy`` candidates.
    """
    queries = string_queries(todo, gazetteer, cfg.keys)
    place_args = {
        "string_places": places_in_strings(todo, gazetteer, cfg.places, cfg.keys.exonyms),
        "names": names,
        "institutes": institutes,
        "cities": cities,
        "rules": cfg.places,
        "cfg": cfg.veto,
    }

    exact = exact_stage(queries, names, gazetteer["key"], cfg.keys, cfg.exact)
    exact = veto_stage(rank_columns(exact, n_names), **place_args)
    exact = exact[
        (exact["kind"] != "city_stem")
        | names_own_city(exact, place_args["string_places"][1], cities)
    ]
    exact = exact[
        (exact["kind"] != "country_stem")
        | (exact["supported"] > 0)
        | (context_support(exact, country) > 0)
    ]
    exact_picks, exact_failed = choose_stage(exact, EXACT_ORDER, tiebreak, country, cfg.choose)
    if cfg.choose.part_picks and cfg.choose.segments == "all":
        # "VERIMAG, CNRS, UGA": every part that is an institute's name or acronym
        part_picks, _ = choose_stage(
            exact[exact["level"] == "part"],
            EXACT_ORDER,
            tiebreak,
            country,
            cfg.choose,
            per_part=True,
        )
        exact_picks = pd.concat([exact_picks, part_picks], ignore_index=True)
    open_q = open_segments(queries, exact_picks)
    fuzzy = fuzzy_stage(open_q, names, cfg.fuzzy, (cities, country, country_names(gazetteer)))
    accepted = veto_stage(rank_columns(fuzzy[fuzzy["status"] == "accepted"], n_names), **place_args)
    if cfg.veto.fuzzy_context_veto:
        accepted = context_veto(accepted, exact_picks, country)
    fuzzy_picks, fuzzy_failed = choose_stage(accepted, FUZZY_ORDER, tiebreak, country, cfg.choose)

    picks = pd.concat([exact_picks, fuzzy_picks], ignore_index=True)
    units = veto_stage(
        rank_columns(
            unit_stage(open_segments(open_q, picks), names, gazetteer["key"], cfg.unit), n_names
        ),
        **place_args,
    )
    unit_picks, unit_failed = choose_stage(units, UNIT_ORDER, tiebreak, country, cfg.choose)

    picks = pd.concat([picks, unit_picks], ignore_index=True)
    failed = pd.concat([exact_failed, fuzzy_failed, unit_failed], ignore_index=True)
    return picks, failed, exact, fuzzy


EXACT_ORDER = [
    "part_no",
    "neg_support",
    "neg_context",
    "method_rank",
    "kind_rank",
    "len_rank",
    "neg_names",
]
FUZZY_ORDER = ["neg_score", "part_no", "neg_support", "neg_context", "neg_names"]
UNIT_ORDER = ["part_no", "neg_support", "neg_context", "len_rank", "neg_names"]


def open_segments(queries: pd.DataFrame, picks: pd.DataFrame) -> pd.DataFrame:
    """The queries of segments without a pick (none at all once the whole string has one)."""
    whole = picks.loc[picks["seg_no"] == -1, "sid"]
    out = queries[~queries["sid"].isin(whole)].merge(
        picks[["sid", "seg_no"]].drop_duplicates().assign(_done=True),
        on=["sid", "seg_no"],
        how="left",
    )
    return out[out["_done"].isna()].drop(columns="_done")


def rank_columns(cands: pd.DataFrame, n_names: pd.Series) -> pd.DataFrame:
    """The ranking criteria of ``EXACT_ORDER`` / ``FUZZY_ORDER`` as sortable columns
    (``neg_support`` comes from ``veto_stage``).

    Institutes sharing a name (a university's campuses): the one the registry knows by
    more names is the main one (``neg_names``); a shared acronym stays a tie. The first
    institute named in a segment wins (``part_no``: departments come before).
    """
    out = cands.assign(
        method_rank=cands["method"].map(_METHOD_RANK),
        kind_rank=cands["kind"].map(_KIND_RANK).fillna(1),
        len_rank=-cands["text"].astype("string").str.len().fillna(0),
        neg_score=-cands["score"].astype(float),
        n_names=n_names.reindex(cands["institute_id"]).fillna(0).to_numpy(),
    )
    out["neg_names"] = np.where(cands["method"] == "acronym", 0, -out["n_names"])
    return out


def assemble_matches(
    strings: pd.DataFrame, picks: pd.DataFrame, reasons: pd.Series, failed: pd.DataFrame
) -> pd.DataFrame:
    """``affiliation_matches``: picks per string; unmatched strings once, with a reason.

    A memo string that failed takes its representative's reason; the vetoed candidate
    of a failed string is the first one its segments lost.
    """
    matched = strings.merge(picks, on="sid")
    rest = strings[~strings["sid"].isin(matched["sid"])]
    lost = (
        failed.dropna(subset=["vetoed_institute_id"])
        .sort_values(["sid", "seg_no"])
        .drop_duplicates("sid")
        .set_index("sid")["vetoed_institute_id"]
    )
    rest = rest.assign(
        method="none",
        score=np.nan,
        unmatched_reason=reasons.reindex(rest["rep"]).to_numpy(),
        vetoed_institute_id=lost.reindex(rest["rep"]).to_numpy(),
    )
    out = pd.concat([matched, rest], ignore_index=True)
    out = out.sort_values(["sid", "seg_no"], kind="mergesort", na_position="first")
    out = out.rename(columns={"text": "matched_text"}).reindex(columns=MATCH_COLUMNS)
    for col in [
        "institute_id",
        "vetoed_institute_id",
        "matched_text",
        "matched_institute_id",
        "unmatched_reason",
        "method",
        "affiliation",
    ]:
        out[col] = out[col].astype("string")
    out["score"] = out["score"].astype(float)
    return out.reset_index(drop=True)


def report_matches(report: StageReport, step: str, out: pd.DataFrame, cfg: StageConfigs) -> None:
    """Counts by method, by failure reason (with examples), vetoes and both levels of
    the hierarchy."""
    first = out.drop_duplicates("affiliation")
    for method in ["ror_id", "exact", "canonical", "acronym", "memo", "fuzzy", "unit"]:
        hit = first["method"] == method
        report.count(step, "matched", hit.sum(), method, first.loc[hit, "affiliation"])
    several = out.loc[out["institute_id"].notna(), "affiliation"].value_counts()
    report.count(
        step,
        "counted",
        (several > 1).sum(),
        "strings matched to several institutes (A / B)",
        several[several > 1].index,
    )
    vet = first["vetoed_institute_id"].notna()
    report.count(
        step,
        "vetoed",
        vet.sum(),
        "candidate's country or city contradicts the string",
        first.loc[vet, "affiliation"] + " -x- " + first.loc[vet, "vetoed_institute_id"],
    )
    for reason, text in REASONS.items():
        hit = first["unmatched_reason"] == reason
        report.count(
            step,
            f"unmatched: {reason}",
            hit.sum(),
            text.replace("fuzzy_threshold", f"{cfg.fuzzy.fuzzy_threshold}"),
            first.loc[hit, "affiliation"],
        )
    done = out.dropna(subset=["institute_id"])
    report.count(
        step,
        "counted",
        done["matched_institute_id"].nunique(),
        "distinct institutes matched (before roll-up)",
    )
    rolled = done["institute_id"] != done["matched_institute_id"]
    report.count(
        step,
        "counted",
        done["institute_id"].nunique(),
        f"distinct institutes after roll-up ({cfg.rollup.rollup})",
        (done.loc[rolled, "matched_institute_id"] + " -> " + done.loc[rolled, "institute_id"]),
    )
    report.count(step, "out", first["institute_id"].notna().sum(), "matched strings")
    report.count(step, "out_pairs", len(done), "string x institute pairs")


# --------------------------------------------------------------------------- Eq. 1 and its guards
def combined_score(queries, choices, workers: int = -1) -> np.ndarray:
    """Eq. 1 of section 2.1.3 on aligned pairs: ``S = (1/N) sum_n F_n^2``, N = 2.

    F_1 = token-sort ratio, F_2 = partial ratio (rapidfuzz, scaled to [0, 1]). Squaring
    makes one poor score sink a candidate.
    """
    ts = process.cpdist(queries, choices, scorer=fuzz.token_sort_ratio, workers=workers)
    pr = process.cpdist(queries, choices, scorer=fuzz.partial_ratio, workers=workers)
    return ((ts / 100.0) ** 2 + (pr / 100.0) ** 2) / 2.0


def shortlist(
    queries: pd.Series, name_keys: pd.Series, k: int, chunk_size: int = 256, max_df: float = 0.01
) -> pd.DataFrame:
    """Top-``k`` names per query by character 3-gram TF-IDF cosine: ``q, n, cosine``.

    A cheap, vectorised first pass over all names (sparse products, chunked so memory
    stays bounded; the top ``k`` of every sparse row taken at once by a lexicographic
    sort); Eq. 1 then runs on these pairs only. Ties go to the smaller name index.
    """
    if len(queries) == 0 or len(name_keys) == 0:
        return pd.DataFrame({"q": [], "n": [], "cosine": []})
    # 3-grams common to most names ("uni", "ver", "ity") barely rank candidates but make
    # the product dense: drop those in more than ``max_df`` of the names
    vec = TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=(3, 3),
        dtype=np.float32,
        sublinear_tf=True,
        max_df=max_df if len(name_keys) >= 1000 else 1.0,
    )
    names_m = vec.fit_transform(name_keys.to_numpy()).T.tocsr()
    queries_m = vec.transform(queries.to_numpy())
    k = min(k, len(name_keys))
    out_q, out_n, out_s = [], [], []
    for lo in range(0, queries_m.shape[0], chunk_size):  # loop over chunks of queries
        sims = (queries_m[lo : lo + chunk_size] @ names_m).tocsr()
        rows = np.repeat(np.arange(sims.shape[0]), np.diff(sims.indptr))
        # top-k of each sparse row at once: sort entries by (row, -cosine), rank in row
        order = np.lexsort((sims.indices, -sims.data, rows))
        rank = np.arange(len(order)) - sims.indptr[rows[order]]
        keep = order[rank < k]
        out_q.append(rows[keep] + lo)
        out_n.append(sims.indices[keep])
        out_s.append(sims.data[keep])
    res = pd.DataFrame(
        {"q": np.concatenate(out_q), "n": np.concatenate(out_n), "cosine": np.concatenate(out_s)}
    )
    return res[res["cosine"] > 0].reset_index(drop=True)


def shares_distinctive_token(
    queries: pd.Series,
    choices: pd.Series,
    vocabulary: pd.Series,
    *,
    max_share: float,
    min_count: int,
    min_ratio: float,
    none_passes: bool = False,
    rarest_only: bool = False,
    exact_max_length: int = 0,
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
    Words of at most ``exact_max_length`` letters must be equal (``word_ratios``).
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
    cand["ratio"] = word_ratios(cand["tok"], cand["ctok"], exact_max_length)
    hit = cand.loc[cand["ratio"] >= min_ratio, "pair"].unique()
    ok = pairs["pair"].isin(hit)
    if none_passes:
        ok |= ~pairs["q"].isin(rare["q"])
    return pd.Series(ok.to_numpy())


def name_words_covered(
    queries: pd.Series,
    choices: pd.Series,
    min_ratio: float,
    stop_words: list[str],
    exact_max_length: int = 0,
) -> pd.Series:
    """True where every word of the choice (stop words aside) is, near enough, in the query.

    A guard the study lacked: partial ratio scores "Houston University" 1.0 against
    "Houston University of Technology", a different institute. A name word counts as
    present when some query word matches it with a rapidfuzz ratio of at least
    ``min_ratio`` (typos, ``universitat``/``university`` pass), or equals it when either
    is at most ``exact_max_length`` letters (``IIIT`` is not ``IIT``).
    """
    missing = missing_words(queries, choices, min_ratio, stop_words, exact_max_length)
    return pd.Series(~np.isin(np.arange(len(queries)), missing["pair"].unique()))


def missing_words(
    queries: pd.Series,
    choices: pd.Series,
    min_ratio: float,
    stop_words: list[str],
    exact_max_length: int = 0,
) -> pd.DataFrame:
    """``pair, word``: the words of each choice (stop words aside) that no word of its
    query matches (``word_ratios``), by position of the pair."""
    pairs = pd.DataFrame({"q": queries.to_numpy(), "c": choices.to_numpy()})
    pairs = pairs.reset_index(names="pair")
    stop = {w.casefold() for w in stop_words}
    ctok = pairs.assign(ctok=pairs["c"].str.split(" ")).explode("ctok")
    ctok = ctok[~ctok["ctok"].isin(stop) & (ctok["ctok"].str.len() > 0)]
    qtok = pairs.assign(qtok=pairs["q"].str.split(" ")).explode("qtok")[["pair", "qtok"]]
    cross = ctok[["pair", "ctok"]].drop_duplicates().merge(qtok.drop_duplicates(), on="pair")
    cross["ratio"] = word_ratios(cross["ctok"], cross["qtok"], exact_max_length)
    best = cross.groupby(["pair", "ctok"])["ratio"].max()
    # a choice word with no query word at all (an empty query) is missing too
    words = ctok[["pair", "ctok"]].drop_duplicates()
    words = words.assign(ratio=best.reindex(pd.MultiIndex.from_frame(words)).fillna(0).to_numpy())
    gone = words[words["ratio"] < min_ratio]
    return pd.DataFrame({"pair": gone["pair"].to_numpy(), "word": gone["ctok"].to_numpy()})


def word_ratios(a: pd.Series, b: pd.Series, exact_max_length: int = 0) -> np.ndarray:
    """rapidfuzz ratio (0-100) of aligned words; 0 for words that differ by more than a
    plural ``s`` when either is at most ``exact_max_length`` letters (short words are
    acronyms, not typos: ``iiit`` is not ``iit``, ``post`` is ``posts``)."""
    if len(a) == 0:
        return np.zeros(0)
    ratio = process.cpdist(a.tolist(), b.tolist(), scorer=fuzz.ratio, workers=1)
    short = (a.str.len().to_numpy() <= exact_max_length) | (
        b.str.len().to_numpy() <= exact_max_length
    )
    same = (a.str.removesuffix("s") == b.str.removesuffix("s")).to_numpy()
    return np.where(short & ~same, 0.0, ratio)
