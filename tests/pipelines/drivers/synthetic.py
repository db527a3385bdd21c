"""Small synthetic inputs of the drivers pipeline, in the data contracts' shapes, with a
planted interaction effect so the models have something to find."""

import numpy as np
import pandas as pd

from dl_geography.pipelines.drivers.features import period_rca

SUBJECTS = ["cs.CV", "cs.LG", "cs.CL", "cs.DS", "cs.NI", "cs.IT"]
SECTORS = ["Artificial Intelligence", "Software", "Data Analytics", "Retail", "Mining"]
COUNTRIES = ["US", "GB", "CN", "DE", "FR", "JP", "CA", "IN", "BR", "KR"]


def synthetic_inputs(
    n_regions: int = 120, papers_per_region: int = 40, seed: int = 7, interaction: float = 1.0
) -> dict[str, pd.DataFrame]:
    """analysis_table, rca_by_region, subject_similarity, subject_sector_relatedness and
    organizations_geocoded for ``n_regions`` regions in ten countries (one is China).

    Each region has a related-research strength r and a related-industry strength c;
    after 2012 its DL probability rises with ``interaction * r * c`` and in China.
    """
    rng = np.random.default_rng(seed)
    regions = pd.DataFrame(
        {
            "region_id": [f"R{i:03d}" for i in range(n_regions)],
            "region": [f"Region {i}" for i in range(n_regions)],
            "country_code": [COUNTRIES[i % len(COUNTRIES)] for i in range(n_regions)],
        }
    )
    regions["country"] = "Country " + regions["country_code"]
    research = rng.normal(size=n_regions)
    industry = rng.normal(size=n_regions)
    size = rng.integers(papers_per_region // 2, papers_per_region * 2, size=n_regions)

    rows = []
    paper = 0
    for i in range(n_regions):  # a loop over regions (small), papers drawn in bulk
        n = int(size[i])
        years = rng.integers(2007, 2019, size=n)
        after = years >= 2012
        logit = -2.0 + after * (
            0.8
            + interaction * research[i] * industry[i]
            + 1.5 * (regions.loc[i, "country_code"] == "CN")
        )
        is_dl = rng.random(n) < 1 / (1 + np.exp(-logit))
        # research strength tilts subjects towards the DL-similar ones (cs.CV, cs.LG)
        tilt = np.clip(0.5 + 0.15 * research[i], 0.05, 0.95)
        first = np.where(
            rng.random(n) < tilt, rng.choice(SUBJECTS[:2], n), rng.choice(SUBJECTS[2:], n)
        )
        second = rng.choice(SUBJECTS, n)
        for j in range(n):
            subjects = [first[j]] if first[j] == second[j] else [first[j], second[j]]
            rows.append((f"p{paper}", i, int(years[j]), bool(is_dl[j]), subjects))
            paper += 1
    frame = pd.DataFrame(rows, columns=["paper_id", "row", "year", "is_dl", "subjects"])
    table = pd.concat(
        [regions.loc[frame["row"]].reset_index(drop=True), frame.drop(columns="row")], axis=1
    )
    table["citations"] = rng.poisson(5, len(table))
    median = table.groupby("year")["citations"].transform("median")
    table["above_median"] = table["citations"] > median
    table["highly_cited"] = table["citations"] > table.groupby("year")["citations"].transform(
        lambda c: c.quantile(0.75)
    )
    table["weight"] = 1.0

    rca = period_rca(table, table["is_dl"], 2012, above_median_only=True)
    rca_by_region = (
        rca.rename(columns={"rca_t0": "before", "rca_t1": "after"})
        .reset_index()
        .melt(id_vars="region_id", var_name="period", value_name="rca")
    )
    rca_by_region = rca_by_region.merge(regions, on="region_id")
    rca_by_region["n_papers"] = 10
    rca_by_region["n_dl"] = 2
    rca_by_region["most_active"] = True

    labels = [*SUBJECTS, "dl"]
    # DL close to cs.CV and cs.LG, far from the rest (as on real data, Fig 4)
    cosine = rng.uniform(0.0, 0.2, size=(len(labels), len(labels)))
    cosine = (cosine + cosine.T) / 2
    cosine[-1, :2] = cosine[:2, -1] = 0.8
    np.fill_diagonal(cosine, 1.0)
    subject_similarity = pd.DataFrame(cosine, columns=labels)
    subject_similarity.insert(0, "subject", labels)

    relatedness = pd.DataFrame(
        [(s, k, float(rng.uniform(0.0, 0.1)), 10) for s in labels for k in SECTORS],
        columns=["subject", "sector", "share", "n_papers"],
    )
    relatedness.loc[
        (relatedness["subject"] == "dl") & relatedness["sector"].isin(SECTORS[:3]), "share"
    ] += 0.5

    orgs = []
    org = 0
    for i in range(n_regions):
        n = int(rng.integers(0, 25))
        tilt = np.clip(0.5 + 0.15 * industry[i], 0.05, 0.95)
        for _ in range(n):
            sector = rng.choice(SECTORS[:3]) if rng.random() < tilt else rng.choice(SECTORS[3:])
            founded = None if rng.random() < 0.05 else int(rng.integers(1990, 2017))
            orgs.append((f"o{org}", [str(sector)], founded, i))
            org += 1
    orgs = pd.DataFrame(orgs, columns=["org_id", "sectors", "founded_year", "row"])
    organizations = pd.concat(
        [regions.loc[orgs["row"]].reset_index(drop=True), orgs.drop(columns="row")], axis=1
    )
    organizations["founded_year"] = organizations["founded_year"].astype("Int64")
    organizations["placement"] = "within"
    return {
        "analysis_table": table,
        "rca_by_region": rca_by_region,
        "subject_similarity": subject_similarity,
        "subject_sector_relatedness": relatedness,
        "organizations_geocoded": organizations,
    }
