"""Affiliation matching (section 2.1.3) on a hand-built registry."""

import numpy as np
import pandas as pd
import pytest

from dl_geography.pipelines.enrichment.affiliations import combined_score, shortlist

from .world import ROR, match


def test_combined_score_is_eq1():
    from rapidfuzz import fuzz

    a, b = "technische universitat munchen", "technische universitat chemnitz"
    ts, pr = fuzz.token_sort_ratio(a, b) / 100, fuzz.partial_ratio(a, b) / 100
    expected = (ts**2 + pr**2) / 2
    assert combined_score([a, "abc"], [b, "abc"], workers=1) == pytest.approx([expected, 1.0])


def test_shortlist_finds_the_nearest_names():
    names = pd.Series(["stanford university", "university of cambridge", "sorbonne universite"])
    sl = shortlist(pd.Series(["stanfrod university", "cambridge univ"]), names, k=1)
    assert sl.sort_values("q")["n"].tolist() == [0, 1]


def test_exact_whole_string_part_and_acronym():
    out = match(
        [
            "Stanford University",
            "Dept of Physics, University of Cambridge, UK",
            "CSAIL, MIT, Cambridge, MA, USA",
            "mit, somewhere",
        ]
    )
    assert out.loc["Stanford University", ["institute_id", "method", "score"]].tolist() == [
        ROR + "stan",
        "exact",
        1.0,
    ]
    assert out.loc["Dept of Physics, University of Cambridge, UK", "institute_id"] == ROR + "cam"
    assert out.loc["CSAIL, MIT, Cambridge, MA, USA", "institute_id"] == ROR + "mit"
    # acronyms are case-sensitive: "mit" is not MIT
    assert out.loc["mit, somewhere", "method"] == "none"


def test_ror_id_first_then_memo_then_fuzzy():
    out = match(
        ["Some lab string", "STANFORD UNIVERSTY", "Stanford Universty"],
        ror_ids=[ROR + "sorb", None, None],
    )
    assert out.loc["Some lab string", ["institute_id", "method"]].tolist() == [
        ROR + "sorb",
        "ror_id",
    ]
    fuzzy = out.loc["STANFORD UNIVERSTY"]
    assert (fuzzy["institute_id"], fuzzy["method"]) == (ROR + "stan", "fuzzy")
    assert 0.7225 <= fuzzy["score"] < 1
    memo = out.loc["Stanford Universty"]
    assert (memo["institute_id"], memo["method"], memo["score"]) == (
        ROR + "stan",
        "memo",
        fuzzy["score"],
    )


def test_ror_id_not_in_registry_falls_through():
    out = match(["Stanford University"], ror_ids=[ROR + "unknown"])
    assert out.loc["Stanford University", "method"] == "exact"


def test_fuzzy_below_threshold_is_unmatched():
    out = match(["Institute of Something Else Entirely"])
    assert out.loc["Institute of Something Else Entirely", "method"] == "none"
    assert np.isnan(out.loc["Institute of Something Else Entirely", "score"])


def test_munchen_does_not_meet_chemnitz():
    """The study's own failure: "Technische Universität München" met TU Chemnitz at 0.87."""
    s = "Technische Universität München"
    # the exonym map (munchen -> munich) now finds TUM by its canonical name; without it
    # the string goes to Eq. 1, as in the study
    assert tuple(match([s]).loc[s, ["institute_id", "method"]]) == (ROR + "tum", "canonical")
    study = {
        "distinctive_token_check": False,
        "name_coverage_check": False,
        "query_coverage_check": False,
        "exonyms": {},
    }
    off = match([s], country_veto=False, **study)
    assert (off.loc[s, "institute_id"], off.loc[s, "method"]) == (ROR + "tuc", "fuzzy")
    assert off.loc[s, "score"] > 0.7225
    on = match([s], **study)
    assert pd.isna(on.loc[s, "institute_id"]) and on.loc[s, "method"] == "none"
    assert on.loc[s, "vetoed_institute_id"] == ROR + "tuc"


def test_shares_distinctive_token_both_ways():
    from dl_geography.pipelines.enrichment.affiliations import shares_distinctive_token

    common = [f"university of science and technology {i}" for i in range(10)]
    common += [f"institute of computer science {i}" for i in range(3)]
    vocab = pd.Series(
        [
            *common,
            "korea university of science and technology",
            "zhejiang university",
            "tucson institute of computer science",
        ]
    )
    q = pd.Series(
        [
            "zhejiang university of science and technology",
            "korea universty of science and tecnology",
            "institute of computer science",
            "stanfrod university",
        ]
    )
    c = pd.Series(
        [
            "korea university of science and technology",
            "korea university of science and technology",
            "tucson institute of computer science",
            "stanford university",
        ]
    )
    rarity = {"max_share": 0.0, "min_count": 1, "min_ratio": 80}
    # "zhejiang" is not in the name; "korea" is; a department has no rare word; a typo passes
    assert shares_distinctive_token(q, c, vocab, **rarity).tolist() == [False, True, False, True]
    # the name's rarest word must be in the string: "tucson" is not
    back = shares_distinctive_token(c, q, vocab, none_passes=True, rarest_only=True, **rarity)
    assert back.tolist() == [False, True, False, True]


def test_distinctive_word_guard_keeps_typos():
    out = match(["Stanfrod University"])
    assert out.iloc[0]["institute_id"] == ROR + "stan"


def test_country_veto_chooses_between_same_named_institutes():
    out = match(
        [
            "National Laboratory for Optics, Paris, France",
            "Optics group, National Laboratory for Optics, Germany",
            "National Laboratory for Optics, Boston, USA",
        ]
    )
    assert out.loc["National Laboratory for Optics, Paris, France", "institute_id"] == ROR + "optfr"
    assert (
        out.loc["Optics group, National Laboratory for Optics, Germany", "institute_id"]
        == ROR + "optde"
    )
    # both candidates contradict the USA: no match, the vetoed one recorded
    us = out.loc["National Laboratory for Optics, Boston, USA"]
    assert us["method"] == "none" and pd.notna(us["vetoed_institute_id"])


def test_state_code_does_not_veto_the_us():
    out = match(["Dept of CS, Stanford Universit, Stanford, CA 94305"])
    assert out.iloc[0]["institute_id"] == ROR + "stan"


def test_place_name_inside_the_institute_name_is_not_evidence():
    # "Germany" is in the candidate's own name: it names the institute, not a contradiction
    out = match(["National Laboratory for Optics, Germany"])
    assert out.iloc[0]["institute_id"] == ROR + "optde"


def test_segments_are_vetoed_apart():
    # the second institute's place does not veto the first
    out = match(["Sorbonne Université / Stanford University, Stanford, CA, USA"])
    assert out.iloc[0]["institute_id"] == ROR + "sorb"


def test_bracketed_qualifier_and_leading_article():
    out = match(["The Globex Corporation", "Globex Corporation (Boston)"])
    assert out["institute_id"].tolist() == [ROR + "globex"] * 2


def test_each_distinct_string_once():
    out = match(["Stanford University", "Stanford University", "  Stanford University "])
    assert len(out) == 1


def test_name_words_covered():
    from dl_geography.pipelines.enrichment.affiliations import name_words_covered

    q = pd.Series(["houston university", "technical university of munich", "universitat linz"])
    c = pd.Series(
        ["houston university of technology", "technical university munich", "university of linz"]
    )
    assert name_words_covered(q, c, 80, ["of"]).tolist() == [False, True, True]


def test_every_segment_matches_or_only_the_first():
    s = "Unknown Institute of Nothing; Stanford University / Sorbonne Université"
    both = match([s])
    assert both["institute_id"].tolist() == [ROR + "stan", ROR + "sorb"]
    first = match([s], segments="first")
    assert first["institute_id"].tolist() == [ROR + "stan"]


def hierarchy_match(strings, rollup):
    """A registry with a top organisation, a parent university and its two labs."""
    from dl_geography.pipelines.enrichment.affiliations import match_affiliations

    from .world import affiliation_params, countries, places, regions

    rows = [
        ("top", "Federal University System", "Berlin"),
        ("uni", "University of Tiergarten", "Berlin"),
        ("laba", "Tiergarten Robotics Laboratory", "Berlin"),
        ("labb", "Tiergarten Vision Laboratory", "Berlin"),
    ]
    inst = pd.DataFrame(rows, columns=["institute_id", "name", "city"])
    inst = inst.assign(country_code="DE", n_locations=1, latitude=52.5, longitude=13.4)
    # GRID and ROR write both directions; one of each is enough here
    rel = pd.DataFrame(
        {
            "institute_id": ["laba", "uni", "uni"],
            "related_id": ["uni", "labb", "top"],
            "relation": ["Parent", "Child", "parent"],
        }
    )
    names = pd.DataFrame({"institute_id": [], "name": [], "kind": []}, dtype="string")
    out, report = match_affiliations(
        authorships=pd.DataFrame({"affiliation": strings}),
        institutes=inst,
        institute_names=names,
        institute_relationships=rel,
        countries=countries(),
        regions=regions(),
        places=places(),
        params=affiliation_params(rollup=rollup),
    )
    return out, report


@pytest.mark.parametrize(
    "rollup, expected",
    [
        ("none", ["laba", "labb", "uni"]),
        ("parent", ["uni", "uni", "top"]),
        ("top", ["top", "top", "top"]),
    ],
)
def test_rollup_of_two_children_and_their_parent(rollup, expected):
    strings = [
        "Tiergarten Robotics Laboratory",
        "Tiergarten Vision Laboratory",
        "University of Tiergarten",
    ]
    out, report = hierarchy_match(strings, rollup)
    got = out.set_index("affiliation").loc[strings]
    assert got["institute_id"].tolist() == expected
    assert got["matched_institute_id"].tolist() == ["laba", "labb", "uni"]
    counted = report.set_index("reason")["count"]
    assert counted["distinct institutes matched (before roll-up)"] == 3
    assert counted[f"distinct institutes after roll-up ({rollup})"] == len(set(expected))


def test_rollup_keeps_what_was_matched_when_two_children_meet():
    out, _ = hierarchy_match(
        ["Tiergarten Robotics Laboratory / Tiergarten Vision Laboratory"], "parent"
    )
    assert out["institute_id"].tolist() == ["uni", "uni"]
    assert out["matched_institute_id"].tolist() == ["laba", "labb"]


def test_unmatched_strings_say_why():
    s = {
        "none": "Qxzq Vwjk",
        "veto": "National Laboratory for Optics, Boston, USA",
        "below": "Stanford Instituut Vorschung Gruppe",
    }
    out = match(list(s.values()))
    assert out.loc[s["none"], "unmatched_reason"] == "no_candidate"
    assert out.loc[s["veto"], "unmatched_reason"] in ("vetoed", "ambiguous")
    assert out.loc[s["below"], "unmatched_reason"] in ("below_threshold", "name_checks")
    assert out["method"].eq("none").all()


def test_multilingual_word_order_and_legal_suffix():
    params = {
        "translations": {"universitat": "university", "universidad": "university"},
        "legal_suffixes": ["gmbh", "corporation"],
        "stop_words": ["of", "de"],
    }
    strings = ["Universität Cambridge, UK", "Universidad de Stanford", "Globex GmbH"]
    out = match(strings, **params).loc[strings]
    assert out["institute_id"].tolist() == [ROR + "cam", ROR + "stan", ROR + "globex"]
    assert out["method"].tolist() == ["canonical", "canonical", "canonical"]


def test_acronyms_from_brackets_and_before_a_place():
    strings = ["Some Institute of Munich (tum)", "MIT Cambridge"]
    out = match(strings).loc[strings]
    assert out["institute_id"].tolist() == [ROR + "tum", ROR + "mit"]
    assert out["method"].eq("acronym").all()


def test_a_unit_counts_for_its_parent():
    out = match(
        [
            "Sorbonne Graduate School of Physics, Paris",
            "Sorbonne Physics Club",
            "Stanford School of Law",
        ],
        unit_parent_words=["university"],
        unit_words=["school"],
    )
    unit = out.loc["Sorbonne Graduate School of Physics, Paris"]
    assert (unit["institute_id"], unit["method"]) == (ROR + "sorb", "unit")
    # no unit word after the stem; a stem that is a place name (Stanford, CA)
    assert out.loc[["Sorbonne Physics Club", "Stanford School of Law"], "method"].eq("none").all()


def small_registry_match(strings, rows, names, params) -> pd.DataFrame:
    """``match_affiliations`` on a registry of ``rows`` (id, name, city, country) and
    ``names`` (id, name, kind), with this world's places."""
    from dl_geography.pipelines.enrichment.affiliations import match_affiliations

    from .world import countries, places, regions

    inst = pd.DataFrame(rows, columns=["institute_id", "name", "city", "country_code"])
    inst = inst.assign(n_locations=1, latitude=45.0, longitude=5.0)
    out, _ = match_affiliations(
        authorships=pd.DataFrame({"affiliation": strings}),
        institutes=inst,
        institute_names=names,
        institute_relationships=relationships_none(),
        countries=countries(),
        regions=regions(),
        places=places(),
        params=params,
    )
    return out


def multilingual_match(strings, **overrides):
    """A registry with a national research centre named in English and a namesake abroad,
    an acronym shared by two countries, a declared acronym, a university named after a
    person and a Swedish institute known by its acronym."""
    from .world import affiliation_params

    rows = [
        ("cnrs", "French National Centre for Scientific Research (CNRS)", "Paris", "FR"),
        ("cnrsma", "Centre National de la Recherche Scientifique", "Rabat", "MA"),
        ("inserm", "French Institute of Health and Medical Research (INSERM)", "Paris", "FR"),
        ("uga", "Université Grenoble Alpes", "Grenoble", "FR"),
        ("ugeo", "University of Georgia", "Athens", "US"),
        ("ups", "Paul Sabatier University", "Toulouse", "FR"),
        ("kth", "Royal Institute of Technology", "Stockholm", "SE"),
        ("kthx", "Royal Institute of Technology Foundation", "Stockholm", "SE"),
        ("ilm", "Ilmenau University of Technology", "Ilmenau", "DE"),
    ]
    names = pd.DataFrame(
        {
            "institute_id": ["cnrs", "inserm", "uga", "ugeo", "kth"],
            "name": ["CNRS", "INSERM", "UGA", "UGA", "KTH"],
            "kind": "acronym",
        }
    )
    params = affiliation_params(
        **{
            "translations": {
                "universite": "university",
                "universitat": "university",
                "centre": "center",
                "recherche": "research",
                "scientifique": "scientific",
                "technische": "technical",
            },
            "national_adjectives": {"french": "FR"},
            "canonical_synonyms": {"technical": "technology"},
            "stop_words": ["of", "the", "and", "for", "de", "la"],
            **overrides,
        }
    )
    return small_registry_match(strings, rows, names, params)


def relationships_none() -> pd.DataFrame:
    from .world import relationships

    return relationships()


def test_native_name_of_a_national_centre_and_context_from_the_string():
    strings = ["Centre National de la Recherche Scientifique / Inserm", "VERIMAG, CNRS, UGA", "UGA"]
    got = (
        multilingual_match(strings)
        .groupby("affiliation")["institute_id"]
        .agg(lambda s: sorted(s.dropna()))
    )
    # the French name is the French CNRS (more names than its Moroccan namesake), the
    # declared acronym INSERM matches "Inserm"; UGA is Grenoble's beside CNRS; alone, UGA
    # names two countries' institutes and stays unmatched
    assert got[strings[0]] == ["cnrs", "inserm"]
    assert got[strings[1]] == ["cnrs", "uga"]
    assert got[strings[2]] == []
    off = multilingual_match(
        strings[:2], part_picks=False, national_adjectives={}, declared_acronym_min_length=0
    )
    off = off.groupby("affiliation")["institute_id"].agg(lambda s: sorted(s.dropna()))
    assert off[strings[0]] == ["cnrsma"]
    assert off[strings[1]] == ["cnrs"]


def test_dash_names_acronym_with_name_and_technical_university():
    strings = [
        "Université Toulouse III - Paul Sabatier",
        "KTH Royal Institute of Technology",
        "Technische Universität Ilmenau",
    ]
    out = multilingual_match(strings).set_index("affiliation").loc[strings]
    assert out["institute_id"].tolist() == ["ups", "kth", "ilm"]
    # KTH: the name after the acronym is the institute's display name (level "led")
    assert out["method"].tolist() == ["canonical", "exact", "canonical"]
    off = multilingual_match(strings, canonical_synonyms={}).set_index("affiliation")
    assert pd.isna(off.loc[strings[2], "institute_id"])


def renamed_world_match(strings, **overrides):
    """A registry for the rules learnt on the labelled set's development part: a name
    inside a longer one, short acronyms, a ministry named with its country, an Italian
    polytechnic, a flagship campus, an acronym of two countries, an acronym GRID lacks,
    a parent named after "of the", and a society's institutes."""
    from .world import affiliation_params

    rows = [
        ("agh", "AGH University of Science and Technology", "Krakow", "PL"),
        ("jag", "Jagiellonian University", "Krakow", "PL"),
        ("sil", "University of Silesia", "Katowice", "PL"),
        ("iitd", "Indian Institute of Technology Delhi", "Delhi", "IN"),
        ("moecn", "Ministry of Education of the People's Republic of China", "Beijing", "CN"),
        ("moesg", "Ministry of Education (Singapore)", "Singapore", "SG"),
        ("pku", "Peking University", "Beijing", "CN"),
        ("polimi", "Polytechnic University of Milan", "Milan", "IT"),
        ("umich", "University of Michigan–Ann Arbor", "Ann Arbor", "US"),
        ("umflint", "University of Michigan–Flint", "Flint", "US"),
        ("ucla", "University of California Los Angeles", "Los Angeles", "US"),
        ("uclave", "Universidad Centroccidental Lisandro Alvarado", "Barquisimeto", "VE"),
        ("zfh", "Zurich University of Applied Sciences", "Winterthur", "CH"),
        ("ras", "Russian Academy of Sciences", "Moscow", "RU"),
        ("fhg", "Fraunhofer Society", "Munich", "DE"),
        ("ims", "Institute of Mathematical Statistics", "Beachwood", "US"),
        ("sok", "Graduate University for Advanced Studies", "Hayama", "JP"),
        ("udelar", "University of the Republic", "Montevideo", "UY"),
    ]
    names = pd.DataFrame(
        [
            ("jag", "University of Krakow", "alias"),
            ("iitd", "IIT Delhi", "alias"),
            ("umich", "UM", "acronym"),
            ("umich", "UMich", "alias"),
            ("ucla", "UCLA", "acronym"),
            ("ucla", "University of California at Los Angeles", "alias"),
            ("ucla", "UC Los Angeles", "alias"),
            ("uclave", "UCLA", "acronym"),
        ],
        columns=["institute_id", "name", "kind"],
    )
    params = affiliation_params(
        **{
            "translations": {
                "politecnico": "polytechnic",
                "ecole": "school",
                "universidad": "university",
                "republica": "republic",
            },
            "exonyms": {"milano": "milan"},
            "stop_words": ["of", "the", "and", "for", "in", "di", "de", "la"],
            "country_aliases": {"China": "CN", "People's Republic of China": "CN", "Uruguay": "UY"},
            "unit_parent_words": ["university", "society"],
            "unit_words": ["institute", "school"],
            **overrides,
        }
    )
    out = small_registry_match(strings, rows, names, params)
    return out.groupby("affiliation")["institute_id"].agg(lambda s: sorted(s.dropna()))


def test_a_name_inside_a_longer_one_is_not_that_institute():
    strings = ["AGH University of Krakow", "University of Silesia in Katowice", "IIIT Delhi"]
    got = renamed_world_match(strings)
    # the Jagiellonian alias "University of Krakow" scores 1.0 by partial ratio; the
    # string's own word AGH is not in it. Katowice is the University of Silesia's city.
    # IIIT is not IIT (short words must be equal).
    assert got.loc[strings].tolist() == [[], ["sil"], []]
    off = renamed_world_match(strings, query_coverage_check=False, exact_word_max_length=0)
    assert off.loc[strings].tolist() == [["jag"], ["sil"], ["iitd"]]


def test_a_ministry_named_with_its_country_needs_context():
    strings = ["Peking University / Ministry of Education", "Ministry of Education"]
    got = renamed_world_match(strings)
    assert got.loc[strings].tolist() == [["moecn", "pku"], ["moesg"]]
    off = renamed_world_match(strings, country_stems=False)
    assert off.loc[strings[0]] == ["moesg", "pku"]


def test_implied_words_flagship_campus_and_acronym_abroad():
    strings = ["Politecnico di Milano", "University of Michigan", "UCLA"]
    assert renamed_world_match(strings).loc[strings].tolist() == [["polimi"], ["umich"], ["ucla"]]
    off = renamed_world_match(strings, implied_words={}, campus_stems=False)
    assert off.loc[strings[:2]].tolist() == [[], []]
    # two countries' UCLA, known alike: no main one
    assert renamed_world_match(strings, main_campus_name_ratio=10).loc["UCLA"] == []


def test_unknown_acronym_before_a_name_parent_after_of_the_and_a_society():
    strings = [
        "ZHAW Zurich University of Applied Sciences",
        "St. Petersburg Federal Research Center of the Russian Academy of Sciences",
        "Fraunhofer Institute for Open Communication Systems",
        "Universidad de la República de Uruguay",
    ]
    got = renamed_world_match(strings)
    assert got.loc[strings].tolist() == [["zfh"], ["ras"], ["fhg"], ["udelar"]]
    off = renamed_world_match(strings[2:], unit_parent_words=["university"])
    assert off.loc[strings[2]] == []
    off = renamed_world_match(strings, query_levels=["headed"])
    assert off.loc[[strings[0], strings[1], strings[3]]].tolist() == [[], [], []]


def test_eq1_candidate_abroad_from_the_strings_other_institutes():
    s = "Graduate University for Advanced Studies / The Institute of Statistical Mathematics"
    assert renamed_world_match([s]).loc[s] == ["sok"]
    assert renamed_world_match([s], fuzzy_context_veto=False).loc[s] == ["ims", "sok"]
