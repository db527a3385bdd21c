"""Keys, parts and place mentions of affiliation strings."""

import ast
import json
import re
import unicodedata

import pandas as pd
import pytest

from dl_geography.pipelines.enrichment.affiliations import stage_configs
from dl_geography.pipelines.enrichment.gazetteer import (
    build_gazetteer,
    find_mentions,
    normalise_names,
    split_parts,
)

from .world import affiliation_params, countries, institutes, places, regions


def test_normalise_names_folds_accents_and_expands_abbreviations():
    out = normalise_names(
        pd.Series(["The Technische Universität München", "Univ. of X-Y", None, "..."]),
        {"univ": "university"},
    )
    assert out.tolist()[:2] == ["technische universitat munchen", "university of x y"]
    assert out.isna().tolist()[2:] == [True, True]


def reference_keys(names: pd.Series, words: dict) -> pd.Series:
    """``normalise_names`` written in Python, one string at a time (the specification)."""

    def key(text):
        if not isinstance(text, str):
            return None
        text = re.sub(r"[\u0300-\u036f]", "", unicodedata.normalize("NFKD", text)).casefold()
        text = re.sub(r"^the\s+", "", re.sub(r"[\W_]+", " ", text).strip())
        text = " ".join(words.get(w, w) for w in text.split(" "))
        return text or None

    return pd.Series([key(t) for t in names], index=names.index, dtype="string")


EDGE_CASES = [
    "Straße",
    "ΣΊΣΥΦΟΣ",
    "İstanbul Üniversitesi",
    "Łódź University",
    "北京大学",
    "a_b__c",
    "  ",
    None,
    "",
    "The The Univ. of X",
    "École Normale Supérieure-PSL",
    "ﬁrst",
    "Ⅻ th",
    "x²",
]


def test_normalise_names_equals_the_python_reference():
    words = {"univ": "university", "munchen": "munich", "tu": "technical university"}
    names = pd.Series([*EDGE_CASES, "TU München", "Univ München"])
    got, want = normalise_names(names, words), reference_keys(names, words)
    assert got.fillna("<NA>").tolist() == want.fillna("<NA>").tolist()


@pytest.mark.shared_data
def test_normalise_names_equals_the_reference_on_real_names(shared_data):
    grid = shared_data / "grid" / "release_2016-02"
    names = pd.concat(
        [
            pd.read_csv(grid / "grid.csv", dtype=str)["Name"],
            pd.read_csv(grid / "full_tables" / "aliases.csv", dtype=str)["alias"],
        ]
    )
    with open(shared_data / "openalex" / "arxiv_with_openalex_affiliations_520.jsonl") as f:
        records = [json.loads(line) for line in f]
    rows = [r.get("author_affiliations") for r in records]
    rows = [ast.literal_eval(v) if isinstance(v, str) and v != "None" else v for v in rows]
    strings = [row.get("affiliation") for v in rows if isinstance(v, list) for row in v]
    assert len(strings) > 1000
    names = pd.concat([names, pd.Series(strings, dtype=object)], ignore_index=True)
    words = affiliation_params(translations={"universitat": "university"})["translations"]
    got, want = normalise_names(names, words), reference_keys(names, words)
    differ = got.fillna("<NA>") != want.fillna("<NA>")
    assert not differ.any(), pd.DataFrame({"name": names, "got": got, "want": want})[differ]


def test_split_parts_segments_and_parts():
    parts = split_parts(pd.Series(["Dept A, Uni B (Germany); Lab C / D"]))
    assert parts["key"].tolist() == ["dept a", "uni b", "germany", "lab c", "d"]
    assert parts["seg_no"].tolist() == [0, 0, 0, 1, 2]
    assert parts["part_no"].tolist() == [0, 1, 2, 3, 4]
    assert parts["bracketed"].tolist() == [False, False, True, False, False]
    dashed = split_parts(pd.Series(["Univ T III - Paul Sabatier, IRIT-SIG", "IIT@MIT"]))
    assert dashed["key"].tolist() == ["univ t iii", "paul sabatier", "irit sig", "iit", "mit"]
    assert dashed["after_dash"].tolist() == [False, True, False, False, False]
    assert dashed["seg_no"].tolist() == [0, 0, 0, 0, 1]


def rules():
    return stage_configs(affiliation_params()).places


def gazetteer():
    return build_gazetteer(countries(), regions(), places(), institutes(), rules())


def test_gazetteer_kinds_and_population():
    gaz = gazetteer()
    kinds = gaz.groupby("key")["kind"].agg(set)
    assert kinds["germany"] == {"country"} and kinds["usa"] == {"country"}
    assert kinds["de"] == {"code"}
    assert set(gaz.loc[gaz["key"] == "de", "country_code"]) == {"DE", "US"}  # and Delaware
    assert "bayern" in kinds.index and "munchen" in kinds.index
    assert "tiny" not in kinds.index  # population 10 < city_min_population


def test_find_mentions_edges_and_nesting():
    texts = pd.Series(
        [
            "Stanford University, Stanford, CA 94305, USA",
            "Central Lab, Boston Road",
            "Work in Germany, Munich",
        ]
    )
    m = find_mentions(texts, gazetteer(), rules())
    got = m.groupby("row")["key"].agg(lambda k: sorted(set(k)))
    assert got[0] == ["ca", "stanford", "usa"]  # "stanford" at the end of a part, CA whole
    assert 1 not in got.index  # "Boston" begins a part: not an edge
    assert got[2] == ["germany", "munich"]  # a long country name counts anywhere
