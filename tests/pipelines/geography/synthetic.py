"""A small synthetic set of the geography pipeline's inputs, built to the data contracts.

Countries are 1-degree-wide boxes along the equator, each split into two region boxes.
The DL share rises after 2012 and country "CN" grows fastest, so tests can check that
the pipeline recovers both.
"""

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import box

COUNTRIES = [("US", "United States"), ("CN", "China"), ("GB", "United Kingdom"),
             ("FR", "France"), ("DE", "Germany"), ("JP", "Japan")]
SUBJECTS = ["cs.LG", "cs.CV", "cs.CL", "cs.AI", "stat.ML", "cs.DS", "cs.IT", "cs.CR"]


def make_inputs(n_papers: int = 1500, seed: int = 7) -> dict:
    """The pipeline's inputs as a dict of DataFrames / GeoDataFrames."""
    rng = np.random.default_rng(seed)
    paper_ids = [f"{1000 + i:04d}.{i:05d}" for i in range(n_papers)]
    years = rng.integers(2007, 2019, n_papers)
    country_index = rng.choice(len(COUNTRIES), n_papers, p=[0.35, 0.2, 0.15, 0.1, 0.1, 0.1])
    codes = np.array([c for c, _ in COUNTRIES])[country_index]
    dl_probability = np.where(years >= 2012, 0.25, 0.04)
    dl_probability = np.where((codes == "CN") & (years >= 2012), 0.6, dl_probability)
    is_dl = rng.random(n_papers) < dl_probability
    subjects = [list(rng.choice(SUBJECTS, rng.integers(1, 4), replace=False)) for _ in
                range(n_papers)]
    papers = pd.DataFrame({
        "paper_id": paper_ids, "title": "t", "abstract": "a", "subjects": subjects,
        "created": pd.to_datetime([f"{y - 1}-06-01" for y in years]),
        "year": (years - 1).astype("int64"),
    })
    labels = pd.DataFrame({"paper_id": paper_ids, "is_dl": is_dl,
                           "is_dl_strict": is_dl & (rng.random(n_papers) < 0.2)})
    # 5% unpublished, 3% without labels, 3% without location: all must be reported.
    published = rng.random(n_papers) > 0.05
    citations = rng.negative_binomial(1, 0.08, n_papers) + np.where(is_dl, 5, 0)
    matches = pd.DataFrame({
        "paper_id": paper_ids, "work_id": [f"W{i}" for i in range(n_papers)],
        "method": np.where(published, "doi", "none"), "is_published": published,
        "publication_date": pd.to_datetime([f"{y}-03-01" for y in years]),
        "publication_year": pd.array(np.where(published, years, 0), dtype="Int64"),
        "cited_by_count": pd.array(citations, dtype="Int64"),
    })
    matches.loc[~published, ["publication_year", "cited_by_count"]] = pd.NA
    labels = labels[rng.random(n_papers) > 0.03]

    rows = []
    located = rng.random(n_papers) > 0.03
    for i in np.flatnonzero(located):
        code = codes[i]
        n_inst = int(rng.integers(1, 3))
        for j in range(n_inst):
            other = code if rng.random() > 0.2 else COUNTRIES[rng.integers(len(COUNTRIES))][0]
            half = int(rng.integers(2))
            rows.append({"paper_id": paper_ids[i], "institute_id": f"grid.{other}.{half}.{j}",
                         "country_code": other, "country": dict(COUNTRIES)[other],
                         "region_id": f"{other}-{half}", "region": f"Region {half}"})
    paper_institutes = pd.DataFrame(rows)
    paper_institutes["weight"] = 1.0 / paper_institutes.groupby("paper_id")[
        "institute_id"].transform("size")

    org_codes = rng.choice(codes, 300)
    organizations = pd.DataFrame({
        "org_id": [f"org{i}" for i in range(300)], "name": "o",
        "sectors": [["Software"]] * 300, "founded_year": pd.array([2010] * 300, dtype="Int64"),
        "country_code": org_codes, "country": [dict(COUNTRIES)[c] for c in org_codes],
        "region_id": [f"{c}-{rng.integers(2)}" for c in org_codes], "region": "r",
        "placement": "within",
    })
    countries = gpd.GeoDataFrame({
        "country_code": [c for c, _ in COUNTRIES], "adm0_a3": [c + "X" for c, _ in COUNTRIES],
        "country_name": [n for _, n in COUNTRIES],
        "geometry": [box(i * 10, 0, i * 10 + 9, 9) for i in range(len(COUNTRIES))],
    }, crs="EPSG:4326")
    regions = gpd.GeoDataFrame({
        "region_id": [f"{c}-{h}" for c, _ in COUNTRIES for h in range(2)],
        "region": [f"Region {h}" for _ in COUNTRIES for h in range(2)],
        "country_code": [c for c, _ in COUNTRIES for _ in range(2)],
        "adm0_a3": [c + "X" for c, _ in COUNTRIES for _ in range(2)],
        "country_name": [n for _, n in COUNTRIES for _ in range(2)],
        "geometry": [box(i * 10, h * 4.5, i * 10 + 9, h * 4.5 + 4.5)
                     for i in range(len(COUNTRIES)) for h in range(2)],
    }, crs="EPSG:4326")
    return {"papers": papers, "paper_labels": labels, "paper_work_matches": matches,
            "paper_institutes": paper_institutes, "organizations_geocoded": organizations,
            "countries": countries, "regions": regions}
