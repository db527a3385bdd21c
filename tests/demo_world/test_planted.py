"""The planted properties are visible in the files."""

import json
import re

import numpy as np
import pandas as pd
import shapely

from dl_geography.demo_world import vocabularies as voc

from .records import abstracts, json_records


def _truth(world, name, **kw):
    return pd.read_csv(world / "truth" / f"{name}.csv", keep_default_na=False, **kw)


def test_dl_share_rises_after_the_break(small_world):
    p = _truth(small_world, "papers", dtype={"paper_id": str})
    cs = p[p["is_cs"]]
    before = cs.loc[cs["year"] < 2012, "is_dl"].mean()
    after = cs.loc[cs["year"] >= 2012, "is_dl"].mean()
    assert 0.015 < before < 0.05
    assert 0.12 < after < 0.19


def test_high_growth_countries_grow_faster(small_world):
    p = _truth(small_world, "papers", dtype={"paper_id": str})
    cs = p[p["is_cs"]].copy()
    cs["country"] = cs["lead_region_id"].str[:3]
    cs["post"] = cs["year"] >= 2012
    high = cs["country"].isin(["SGP", "CHN", "JPN"])
    share = cs.groupby([high, "post"])["is_dl"].mean()
    growth_high = share[(True, True)] / share[(True, False)]
    growth_rest = share[(False, True)] / share[(False, False)]
    assert growth_high > 1.5 * growth_rest


def test_unpublished_share(small_world):
    p = _truth(small_world, "papers", dtype={"paper_id": str})
    cs = p[p["is_cs"]]
    assert 0.07 < 1 - cs["published"].mean() < 0.13
    assert (cs.loc[~cs["published"], "work_id"] == "").all()


def test_dl_abstracts_use_the_dl_vocabulary(small_world):
    p = _truth(small_world, "papers", dtype={"paper_id": str}).set_index("paper_id")
    terms = [t.replace("_", " ") for t in voc.DL_TERMS]
    pattern = re.compile("|".join(sorted(map(re.escape, terms), key=len, reverse=True)))
    texts = abstracts(small_world)
    texts = texts[texts.index.isin(p.index) & ~texts.index.duplicated(keep="last")]
    counts = texts.map(lambda text: len(pattern.findall(text)))
    is_dl = p.loc[counts.index, "is_dl"]
    long = ~p.loc[counts.index, "short_abstract"]
    assert (counts[is_dl & long] >= 3).mean() > 0.95
    assert (counts[~is_dl] > 0).mean() < 0.05


def test_dl_papers_cite_more(small_world):
    # Table 2: DL papers are younger yet cited more (25.6 vs 18.0).
    p = _truth(small_world, "papers", dtype={"paper_id": str})
    cs = p[p["is_cs"]]
    mean = cs.groupby("is_dl")["cited_by_count"].mean()
    assert mean[True] > 1.1 * mean[False]
    assert cs.groupby("is_dl")["year"].mean()[True] > cs.groupby("is_dl")["year"].mean()[False]


def test_institutes_inside_their_region_except_offshore(small_world):
    inst = _truth(small_world, "institutes")
    regions = json.loads(
        (small_world / "natural_earth" / "ne_10m_admin_1_states_provinces.geojson").read_text()
    )
    shapes = {
        f["properties"]["adm1_code"]: shapely.geometry.shape(f["geometry"])
        for f in regions["features"]
        if f["properties"]["adm1_code"] != "IMN-9001"
    }
    placed = inst[inst["region_id"] != ""]
    points = shapely.points(placed["longitude"], placed["latitude"])
    own = np.array([shapes[r] for r in placed["region_id"]], dtype=object)
    inside = shapely.contains(own, points)
    offshore = placed["offshore"].to_numpy()
    assert inside[~offshore].all()
    assert offshore.sum() >= 3
    everything = shapely.union_all(list(shapes.values()))
    assert not shapely.intersects(everything, points[offshore]).any()
    # Their nearest polygon is their own region.
    codes = list(shapes)
    tree = shapely.STRtree([shapes[c] for c in codes])
    nearest = [codes[i] for i in tree.nearest(points[offshore])]
    assert nearest == placed.loc[offshore, "region_id"].tolist()


def test_affiliation_truth_covers_openalex_strings(small_world):
    aff = _truth(small_world, "affiliations")
    strings = {
        s
        for w in json_records(small_world / "openalex" / "works.jsonl")
        for a in w["authorships"]
        for s in a["raw_affiliation_strings"]
    }
    assert strings <= set(aff["affiliation"])
    assert 0.01 < (aff["institute_id"] == "").mean() < 0.15  # absent from the registry


def test_regional_strengths_tilt_subjects_and_sectors(small_world):
    regions = _truth(small_world, "regions").set_index("region_id")
    orgs = _truth(small_world, "organizations")
    ai = set(json.loads((small_world / "truth" / "effects.json").read_text())["ai_sectors"])
    orgs["ai"] = orgs["sectors"].str.split(";").map(lambda s: s[0] in ai)
    share = orgs.groupby("region_id")["ai"].mean()
    big = orgs["region_id"].value_counts()
    big = big[big >= 40].index
    corr = np.corrcoef(share[big], regions.loc[big, "industry_strength"])[0, 1]
    assert corr > 0.5
