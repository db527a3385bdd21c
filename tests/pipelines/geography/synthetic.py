"""A small synthetic set of the geography pipeline's inputs, built to the data contracts.

Countries are 1-degree-wide boxes along the equator, each split into two region boxes.
The DL share rises after 2012 and country "CN" grows fastest, so tests can check that
the pipeline recovers both.
"""

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import box

COUNTRIES = [
    ("US", "United States"),
    ("CN", "China"),
    ("GB", "United Kingdom"),
    ("FR", "France"),
    ("DE", "Germany"),
    ("JP", "Japan"),
]
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
    subjects = [
        list(rng.choice(SUBJECTS, rng.integers(1, 4), replace=False)) for _ in range(n_papers)
    ]
    papers = pd.DataFrame(
        {
            "paper_id": paper_ids,
            "title": "t",
            "abstract": "a",
            "subjects": subjects,
            "created": pd.to_datetime([f"{y - 1}-06-01" for y in years]),
            "year": (years - 1).astype("int64"),
        }
    )
    labels = pd.DataFrame(
        {
            "paper_id": paper_ids,
            "is_dl": is_dl,
            "is_dl_strict": is_dl & (rng.random(n_papers) < 0.2),
        }
    )
    # 5% unpublished, 3% without labels, 3% without location: all must be reported.
    published = rng.random(n_papers) > 0.05
    citations = rng.negative_binomial(1, 0.08, n_papers) + np.where(is_dl, 5, 0)
    matches = pd.DataFrame(
        {
            "paper_id": paper_ids,
            "work_id": [f"W{i}" for i in range(n_papers)],
            "method": np.where(published, "doi", "none"),
            "is_published": published,
            "publication_date": pd.to_datetime([f"{y}-03-01" for y in years]),
            "publication_year": pd.array(np.where(published, years, 0), dtype="Int64"),
            "cited_by_count": pd.array(citations, dtype="Int64"),
        }
    )
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
            rows.append(
                {
                    "paper_id": paper_ids[i],
                    "institute_id": f"grid.{other}.{half}.{j}",
                    "country_code": other,
                    "country": dict(COUNTRIES)[other],
                    "region_id": f"{other}-{half}",
                    "region": f"Region {half}",
                }
            )
    paper_institutes = pd.DataFrame(rows)
    paper_institutes["weight"] = 1.0 / paper_institutes.groupby("paper_id")[
        "institute_id"
    ].transform("size")

    org_codes = rng.choice(codes, 300)
    organizations = pd.DataFrame(
        {
            "org_id": [f"org{i}" for i in range(300)],
            "name": "o",
            "sectors": [["Software"]] * 300,
            "founded_year": pd.array([2010] * 300, dtype="Int64"),
            "country_code": org_codes,
            "country": [dict(COUNTRIES)[c] for c in org_codes],
            "region_id": [f"{c}-{rng.integers(2)}" for c in org_codes],
            "region": "r",
            "placement": "within",
        }
    )
    countries = gpd.GeoDataFrame(
        {
            "country_code": [c for c, _ in COUNTRIES],
            "adm0_a3": [c + "X" for c, _ in COUNTRIES],
            "country_name": [n for _, n in COUNTRIES],
            "geometry": [box(i * 10, 0, i * 10 + 9, 9) for i in range(len(COUNTRIES))],
        },
        crs="EPSG:4326",
    )
    regions = gpd.GeoDataFrame(
        {
            "region_id": [f"{c}-{h}" for c, _ in COUNTRIES for h in range(2)],
            "region": [f"Region {h}" for _ in COUNTRIES for h in range(2)],
            "country_code": [c for c, _ in COUNTRIES for _ in range(2)],
            "adm0_a3": [c + "X" for c, _ in COUNTRIES for _ in range(2)],
            "country_name": [n for _, n in COUNTRIES for _ in range(2)],
            "geometry": [
                box(i * 10, h * 4.5, i * 10 + 9, h * 4.5 + 4.5)
                for i in range(len(COUNTRIES))
                for h in range(2)
            ],
        },
        crs="EPSG:4326",
    )
    return {
        "papers": papers,
        "paper_labels": labels,
        "paper_work_matches": matches,
        "paper_institutes": paper_institutes,
        "organizations_geocoded": organizations,
        "countries": countries,
        "regions": regions,
    }


def inputs_from_demo_truth(raw_dir) -> dict:
    """The pipeline's inputs built from a demo world's ground truth (``truth/*.csv`` and
    its Natural Earth files): upstream as if every stage were perfect."""
    from pathlib import Path

    raw_dir = Path(raw_dir)
    truth = raw_dir / "truth"
    papers = pd.read_csv(truth / "papers.csv", keep_default_na=False)
    papers = papers[papers["is_cs"].astype(str) == "True"]
    institutes = pd.read_csv(truth / "institutes.csv", keep_default_na=False)
    regions = gpd.read_file(raw_dir / "natural_earth" / "ne_10m_admin_1_states_provinces.geojson")
    regions = regions.rename(
        columns={
            "adm1_code": "region_id",
            "name": "region",
            "iso_a2": "country_code",
            "admin": "country_name",
        }
    )
    countries = gpd.read_file(raw_dir / "natural_earth" / "ne_10m_admin_0_countries.geojson")
    countries = countries.rename(
        columns={"ISO_A2": "country_code", "ADM0_A3": "adm0_a3", "NAME": "country_name"}
    )
    region_names = regions.set_index("region_id")["region"]
    country_names = countries.set_index("country_code")["country_name"]
    published = papers["published"].astype(str) == "True"
    pairs = (
        papers[["paper_id"]]
        .assign(institute_id=papers["institute_ids"].str.split(";"))
        .explode("institute_id")
    )
    pairs = pairs[pairs["institute_id"] != ""].merge(
        institutes[["institute_id", "country_code", "region_id"]], on="institute_id"
    )
    pairs = pairs[pairs["region_id"] != ""]
    pairs = pairs.assign(
        region=pairs["region_id"].map(region_names),
        country=pairs["country_code"].map(country_names),
        weight=1 / pairs.groupby("paper_id")["institute_id"].transform("size"),
    )
    organizations = pd.read_csv(truth / "organizations.csv", keep_default_na=False)
    organizations = organizations.assign(
        region=organizations["region_id"].map(region_names),
        country=organizations["country_code"].map(country_names),
    )
    return {
        "papers": pd.DataFrame(
            {
                "paper_id": papers["paper_id"],
                "subjects": papers["subjects"].str.split(";"),
                "year": papers["year"].astype("int64"),
            }
        ),
        "paper_labels": pd.DataFrame(
            {
                "paper_id": papers["paper_id"],
                "is_dl": papers["is_dl"].astype(str) == "True",
                "is_dl_strict": False,
            }
        ),
        "paper_work_matches": pd.DataFrame(
            {
                "paper_id": papers["paper_id"],
                "is_published": published,
                "publication_year": pd.array(
                    np.where(published, papers["publication_year"].astype(int), pd.NA),
                    dtype="Int64",
                ),
                "cited_by_count": pd.array(papers["cited_by_count"].astype(int), dtype="Int64"),
            }
        ),
        "paper_institutes": pairs[
            ["paper_id", "institute_id", "country_code", "country", "region_id", "region", "weight"]
        ],
        "organizations_geocoded": organizations,
        "countries": countries,
        "regions": regions,
    }
