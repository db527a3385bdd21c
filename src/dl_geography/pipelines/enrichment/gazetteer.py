"""Text keys and place names found in affiliation strings (for matching and the country veto).

Everything here works on whole columns: strings are split into parts and tokens with
pandas string methods, n-grams are built by aligning token positions, and place names
are found by merging the n-grams with a gazetteer table. No loop over strings.
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

# Two-letter US state codes: "Stanford, CA" names California, not (only) Canada.
US_STATE_CODES = (
    "AL",
    "AK",
    "AZ",
    "AR",
    "CA",
    "CO",
    "CT",
    "DE",
    "DC",
    "FL",
    "GA",
    "HI",
    "ID",
    "IL",
    "IN",
    "IA",
    "KS",
    "KY",
    "LA",
    "ME",
    "MD",
    "MA",
    "MI",
    "MN",
    "MS",
    "MO",
    "MT",
    "NE",
    "NV",
    "NH",
    "NJ",
    "NM",
    "NY",
    "NC",
    "ND",
    "OH",
    "OK",
    "OR",
    "PA",
    "RI",
    "SC",
    "SD",
    "TN",
    "TX",
    "UT",
    "VT",
    "VA",
    "WA",
    "WV",
    "WI",
    "WY",
)
# Strings naming several institutes separate them with these (segments: "A / B", "A; B",
# "IIT@MIT") ...
SEGMENT_SEPARATORS = r"[;|/@]"
# ... and list each one's units and places with these (parts).
PART_SEPARATORS = r"[,()\[\]]|\s[-–—]\s"
_DASH = r"^\s[-–—]\s$"
_BRACKETED = r"\(([^()]*)\)"
# For Arrow's RE2, with Python's Unicode classes spelled out: combining accents
# (U+0300-U+036F); a run of what Python's ``[\W_]`` matches (not a letter or number).
_COMBINING_RE2 = r"[\x{0300}-\x{036f}]"
_NON_WORD_RE2 = r"[^\p{L}\p{N}]+"


@dataclass(frozen=True)
class PlaceRules:
    """What counts as a place name in a string (the gazetteer's own settings).

    ``country_aliases``: other names of countries (name -> ISO alpha-2);
    ``city_min_population``: smaller gazetteer places are not evidence (when known);
    ``min_place_name_length``: shorter names ignored except two-letter codes;
    ``long_country_name``: country names at least this long count anywhere in a part;
    ``max_place_ngram``: longest place name looked up, in words.
    """

    country_aliases: dict = field(default_factory=dict)
    city_min_population: float = 15000
    min_place_name_length: int = 3
    long_country_name: int = 4
    max_place_ngram: int = 3


def normalise_names(names: pd.Series, abbreviations: dict | None = None) -> pd.Series:
    r"""Matching key of an affiliation or institute name.

    Section 2.1.3 matches names exactly and by Levenshtein scores; to make both robust to
    spelling variants we fold accents (``Universität`` = ``Universitat``; GRID and
    GeoNames names are ASCII-folded already), turn every symbol into a space, collapse
    spaces and case-fold. ``abbreviations`` (word -> word, e.g. ``univ`` -> ``university``)
    are expanded as whole words. Missing or empty names give missing keys.

    Runs in Arrow's C++ kernels (RE2 with Python's Unicode classes spelled out): equal
    to ``unicodedata`` NFKD, accents dropped, ``str.casefold`` and ``re``'s ``[\W_]+``
    (tested against that reference on the real registry and affiliation strings).
    """
    values = names.astype("string").astype(object).where(names.notna(), None)
    s = pa.array(values.tolist(), type=pa.large_string())
    s = pc.replace_substring_regex(pc.utf8_normalize(s, "NFKD"), _COMBINING_RE2, "")
    s = pc.replace_substring(pc.utf8_lower(s), "ß", "ss")  # str.casefold's one difference
    s = pc.utf8_trim(pc.replace_substring_regex(s, _NON_WORD_RE2, " "), " ")
    s = pc.replace_substring_regex(s, r"^the ", "")  # "The University of X" = "University of X"
    if abbreviations:
        table = {str(k).casefold(): str(v).casefold() for k, v in abbreviations.items()}
        words = pc.split_pattern(s, " ")
        flat = pc.list_flatten(words)
        at = pc.index_in(flat, value_set=pa.array(list(table), type=pa.large_string()))
        mapped = pc.if_else(
            pc.is_null(at),
            flat,
            pc.take(pa.array(list(table.values()), type=pa.large_string()), at),
        )
        rebuilt = pa.LargeListArray.from_arrays(_offsets(words), mapped, mask=pc.is_null(words))
        s = pc.binary_join(rebuilt, pa.scalar(" ", pa.large_string()))
    out = s.to_pandas().astype("string").set_axis(names.index)
    return out.where(out.str.len() > 0, pd.NA)


def _offsets(lists: pa.Array) -> pa.Array:
    """Offsets of a list array's values, nulls counted as empty lists."""
    lengths = pc.list_value_length(lists).fill_null(0).to_numpy(zero_copy_only=False)
    return pa.array(np.concatenate([[0], np.cumsum(lengths)]), type=pa.int64())


def split_parts(texts: pd.Series) -> pd.DataFrame:
    """One row per (index of ``texts``, part): ``seg_no, part_no, raw, key, bracketed,
    after_dash``.

    Segments (``A / B``, ``A; B``) name different institutes; parts (``Dept, A, City``)
    are the units and places of one. ``part_no`` counts parts over the whole text.
    ``bracketed`` marks a part written in brackets (``... (KAIST)``), ``after_dash`` one
    that follows `` - `` (``Université Toulouse III - Paul Sabatier``).
    """
    segs = texts.astype("string").str.split(SEGMENT_SEPARATORS, regex=True).explode()
    segs = segs.to_frame("seg")
    segs["seg_no"] = segs.groupby(level=0).cumcount()
    inner = segs.reset_index(names="_row").set_index(["_row", "seg_no"])["seg"]
    inner = inner.str.extractall(_BRACKETED)[0].str.strip().rename("raw")
    inner = inner.reset_index(level=["_row", "seg_no"]).drop_duplicates()
    # split keeping the separators (odd positions) to know which part follows a dash
    parts = segs["seg"].str.split(f"({PART_SEPARATORS})", regex=True)
    out = segs.assign(raw=parts).explode("raw").drop(columns="seg")
    out["raw"] = out["raw"].astype("string")
    by = [out.index, out["seg_no"]]
    pos = out.groupby(by).cumcount()
    out["after_dash"] = out.groupby(by)["raw"].shift(1).str.match(_DASH).fillna(False)
    out = out[(pos % 2 == 0).to_numpy()]
    out["raw"] = out["raw"].str.strip()
    out["key"] = normalise_names(out["raw"])
    out = out.dropna(subset=["key"])
    out["part_no"] = out.groupby(level=0).cumcount()
    flagged = (
        out.rename_axis("_row")
        .reset_index()
        .merge(inner.assign(bracketed=True), on=["_row", "seg_no", "raw"], how="left")
    )
    out["bracketed"] = flagged["bracketed"].notna().to_numpy()
    return out[["seg_no", "part_no", "raw", "key", "bracketed", "after_dash"]]


def ngrams(keys: pd.Series, max_n: int, drop_digit_tokens: bool = True) -> pd.DataFrame:
    """All word n-grams (n <= max_n) of each key: rows ``(index, gram, start, end, n_tokens)``.

    Tokens holding digits (postcodes, street numbers) are dropped first when asked, so
    ``beijing 100084`` yields ``beijing`` as a whole-part gram.
    """
    tok = keys.astype("string").str.split(" ").explode().dropna().to_frame("token")
    if drop_digit_tokens:
        tok = tok[~tok["token"].str.contains(r"\d", regex=True)]
    tok = tok[tok["token"].str.len() > 0]
    tok["pos"] = tok.groupby(level=0).cumcount()
    tok["n_tokens"] = tok.groupby(level=0)["pos"].transform("size")
    tok = tok.rename_axis("row").reset_index()
    grams = []
    current = tok[["row", "pos", "n_tokens", "token"]].rename(columns={"token": "gram"})
    current["start"] = current["pos"]
    for n in range(1, max_n + 1):
        if n > 1:
            nxt = tok[["row", "pos", "token"]].assign(pos=tok["pos"] - (n - 1))
            current = current.merge(nxt, on=["row", "pos"])
            current["gram"] = current["gram"] + " " + current["token"]
            current = current.drop(columns="token")
        grams.append(current.assign(end=current["start"] + n))
    out = pd.concat(grams, ignore_index=True)
    return out[["row", "gram", "start", "end", "n_tokens"]]


def country_names(gazetteer: pd.DataFrame) -> pd.DataFrame:
    """``country_code, key``: the gazetteer's names of countries (names and aliases)."""
    names = gazetteer.loc[gazetteer["kind"] == "country", ["country_code", "key"]]
    return names.dropna().drop_duplicates().reset_index(drop=True)


def build_gazetteer(
    countries: pd.DataFrame,
    regions: pd.DataFrame,
    places: pd.DataFrame,
    institutes: pd.DataFrame,
    rules: PlaceRules,
) -> pd.DataFrame:
    """Place names that reveal a country: ``key, country_code, kind`` (country/region/city).

    Countries: the polygons' country names, plus ``country_aliases`` (USA, UK, PR China,
    native names; a parameter so users can extend it). Two-letter codes (kind ``code``,
    counted only as a whole part): each country's ISO code, and each US state code for
    the US, so ``Stanford, CA`` names California or Canada, never against the US.
    Regions: admin-1 names.
    Cities: the registry's own institute cities, and ``places`` with a known population of
    at least ``city_min_population``.
    """
    frames = []
    for table in (countries, regions):
        if "country_name" in table and "country_code" in table:
            frames.append(
                pd.DataFrame(
                    {
                        "name": table["country_name"],
                        "country_code": table["country_code"],
                        "kind": "country",
                    }
                )
            )
    aliases = rules.country_aliases or {}
    # "UK", "U.S." count like codes
    short = (
        normalise_names(pd.Series(list(aliases), dtype="string")).str.len().fillna(0)
        < rules.min_place_name_length
    ).to_numpy()
    frames.append(
        pd.DataFrame(
            {
                "name": list(aliases),
                "country_code": list(aliases.values()),
                "kind": np.where(short, "code", "country"),
            }
        )
    )
    codes = (
        pd.concat([t["country_code"] for t in (countries, regions) if "country_code" in t])
        .dropna()
        .astype("string")
        .unique()
    )
    frames.append(pd.DataFrame({"name": list(codes), "country_code": list(codes), "kind": "code"}))
    frames.append(pd.DataFrame({"name": US_STATE_CODES, "country_code": "US", "kind": "code"}))
    if {"region", "country_code"} <= set(regions.columns):
        frames.append(
            pd.DataFrame(
                {
                    "name": regions["region"],
                    "country_code": regions["country_code"],
                    "kind": "region",
                }
            )
        )
    if places is not None and len(places):
        # a place of unknown population is not evidence: small towns share words with
        # institute names (``Mission``, ``Normal``); the registry's own cities still count
        min_pop = rules.city_min_population or 0
        population = (
            pd.to_numeric(places["population"], errors="coerce")
            if ("population" in places)
            else pd.Series(np.nan, index=places.index)
        )
        keep = (
            (population >= min_pop).fillna(False)
            if min_pop
            else pd.Series(True, index=places.index)
        )
        frames.append(
            pd.DataFrame(
                {
                    "name": places.loc[keep, "name"],
                    "country_code": places.loc[keep, "country_code"],
                    "kind": "city",
                }
            )
        )
    frames.append(
        pd.DataFrame(
            {"name": institutes["city"], "country_code": institutes["country_code"], "kind": "city"}
        )
    )
    gaz = pd.concat(frames, ignore_index=True)
    gaz["key"] = normalise_names(gaz["name"])
    gaz["country_code"] = gaz["country_code"].astype("string").str.upper()
    gaz = gaz.dropna(subset=["key", "country_code"])
    gaz = gaz[(gaz["key"].str.len() >= rules.min_place_name_length) | (gaz["kind"] == "code")]
    return (
        gaz[["key", "country_code", "kind"]]
        .drop_duplicates()
        .sort_values(["key", "country_code", "kind"], ignore_index=True)
    )


def find_mentions(texts: pd.Series, gazetteer: pd.DataFrame, rules: PlaceRules) -> pd.DataFrame:
    """Places named in each text: ``row, seg_no, key, country_code, kind, edge``.

    A text is split into parts; n-grams of each part are looked up in the gazetteer.
    ``edge`` marks a name that is a whole part or ends one (``Atlanta, GA``,
    ``Beijing 100084 China``, ``Technische Universität München``): country names of at
    least ``long_country_name`` letters count anywhere, two-letter codes only as a whole
    part, every other place only at an edge (a prefix such as ``Paul`` in ``Paul G. Allen
    School`` is a Cape Verdean region, not a place named), which keeps words such as
    ``Central`` (a region name) inside an institute name from counting. A name inside a
    longer one (``jersey`` in ``new jersey``) is dropped.
    """
    max_n = int(rules.max_place_ngram)
    parts = split_parts(texts)
    grams = ngrams(parts["key"].reset_index(drop=True), max_n)
    grams = grams.merge(gazetteer, left_on="gram", right_on="key")
    grams["edge"] = grams["end"] == grams["n_tokens"]
    long_country = (grams["kind"] == "country") & (
        grams["key"].str.len() >= rules.long_country_name
    )
    whole = (grams["start"] == 0) & (grams["end"] == grams["n_tokens"])
    grams = grams[(grams["edge"] | long_country) & ((grams["kind"] != "code") | whole)]
    # drop spans strictly inside another mention of the same part
    spans = grams[["row", "start", "end"]].drop_duplicates()
    pairs = spans.merge(spans, on="row", suffixes=("", "_o"))
    inside = pairs[
        (pairs["start_o"] <= pairs["start"])
        & (pairs["end_o"] >= pairs["end"])
        & ((pairs["end_o"] - pairs["start_o"]) > (pairs["end"] - pairs["start"]))
    ]
    inside = inside[["row", "start", "end"]].drop_duplicates().assign(_inside=True)
    grams = grams.merge(inside, on=["row", "start", "end"], how="left")
    grams = grams[grams["_inside"].isna()]
    uid = grams["row"].to_numpy()
    grams["row"] = parts.index.to_numpy()[uid]
    grams["seg_no"] = parts["seg_no"].to_numpy()[uid]
    return (
        grams[["row", "seg_no", "key", "country_code", "kind", "edge"]]
        .drop_duplicates()
        .reset_index(drop=True)
    )
