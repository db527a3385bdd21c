"""An approximate Table 3 (Model 4) computed from a demo world's files and truth.

It mimics the drivers pipeline (issue 7) with the truth's DL labels and institute
placement instead of the pipelines' own, to check that the planted effects are strong
enough to be recovered.
"""

from pathlib import Path

import numpy as np
import pandas as pd
import statsmodels.api as sm

from dl_geography.demo_world import vocabularies as voc
from dl_geography.indicators import location_quotients

from .records import abstracts

MODEL_4 = [
    "rca_t0",
    "arxiv_sp",
    "cb_sp",
    "arxiv_sp_x_cb_sp",
    "arxiv_sp_x_cb_tot",
    "arxiv_tot",
    "is_china",
]


def region_features(world: Path, break_year: int = 2012, year_column: str = "year") -> pd.DataFrame:
    truth = world / "truth"
    papers = pd.read_csv(truth / "papers.csv", dtype={"paper_id": str}, keep_default_na=False)
    inst = pd.read_csv(truth / "institutes.csv", keep_default_na=False)
    regions = pd.read_csv(truth / "regions.csv", keep_default_na=False)
    orgs = pd.read_csv(truth / "organizations.csv", keep_default_na=False)
    for c in ["is_cs", "is_dl", "published"]:
        papers[c] = papers[c].astype(str) == "True"
    papers = papers[papers["is_cs"] & papers["published"]].copy()
    papers["year"] = papers[year_column].astype(int)
    # Paper x region, fractional, single-location institutes only.
    pi = (
        papers[["paper_id", "institute_ids"]]
        .assign(institute_id=papers["institute_ids"].str.split(";"))
        .explode("institute_id")
    )
    pi = pi.merge(inst[["institute_id", "region_id"]], on="institute_id")
    pi = pi[pi["region_id"] != ""]
    pi["weight"] = 1 / pi.groupby("paper_id")["paper_id"].transform("size")
    table = pi.merge(
        papers[["paper_id", "year", "is_dl", "cited_by_count", "subjects"]], on="paper_id"
    )
    median = table.groupby("year")["cited_by_count"].transform("median")
    top = table[table["cited_by_count"] > median]
    post = top["year"] >= break_year

    def rca(part):
        dl = part.assign(dlw=part["weight"] * part["is_dl"]).groupby("region_id")["dlw"].sum()
        tot = part.groupby("region_id")["weight"].sum()
        return (dl / tot) / ((part["weight"] * part["is_dl"]).sum() / part["weight"].sum())

    feats = pd.DataFrame({"rca_t0": rca(top[~post]), "rca_t1": rca(top[post])})

    # Subject similarity to DL (cosine over all papers) and pre-break subject LQs.
    subj = (
        papers[["paper_id", "subjects", "is_dl"]]
        .assign(subject=papers["subjects"].str.split(";"))
        .explode("subject")
    )
    inc = pd.crosstab(subj["paper_id"], subj["subject"]).clip(upper=1)
    dl = papers.set_index("paper_id")["is_dl"].reindex(inc.index).astype(float)
    sim = (inc.T @ dl) / np.sqrt(inc.sum(axis=0) * dl.sum())
    pre = table[table["year"] < break_year]
    pre_subj = pre.assign(subject=pre["subjects"].str.split(";")).explode("subject")
    counts = pre_subj.pivot_table(
        index="region_id", columns="subject", values="weight", aggfunc="sum", fill_value=0
    )
    lq = location_quotients(counts).fillna(0)
    feats["arxiv_sp"] = (lq * sim.reindex(lq.columns).fillna(0)).sum(axis=1)
    feats["arxiv_tot"] = np.log(table.groupby("region_id")["weight"].sum())

    # Sector relatedness: share of DL abstracts using the sector's words (a stand-in for
    # the sector classifier), and pre-break sector LQs.
    texts = abstracts(world)
    dl_abs = texts.reindex(papers.loc[papers["is_dl"], "paper_id"]).dropna().str.lower()
    related = {}
    for sector, (_, _, _, words) in voc.SECTORS.items():
        pattern = "|".join(w.replace("_", " ") for w in words.split())
        related[sector] = dl_abs.str.contains(pattern, regex=True).mean()
    related = pd.Series(related)
    o = orgs[orgs["founded_year"].astype(int) < break_year]
    o = o.assign(sector=o["sectors"].str.split(";")).explode("sector")
    o = o[o["sector"] != ""]
    cb = pd.crosstab(o["region_id"], o["sector"])
    cb_lq = location_quotients(cb).fillna(0)
    feats["cb_sp"] = (cb_lq * related.reindex(cb_lq.columns).fillna(0)).sum(axis=1)
    feats["cb_tot"] = np.log(orgs.groupby("region_id").size())
    feats = feats.join(
        regions.set_index("region_id")[["country_code", "research_strength", "industry_strength"]]
    )
    feats["is_china"] = (feats["country_code"] == "CN").astype(float)
    return feats


def model_4(feats: pd.DataFrame, top_quartile: float = 0.75):
    """OLS of standardised RCA_t1 on Model 4's terms, SEs clustered by country."""
    f = feats.dropna(subset=["rca_t0", "rca_t1", "arxiv_sp", "cb_sp", "cb_tot"]).copy()
    f = f[f["arxiv_tot"] >= f["arxiv_tot"].quantile(top_quartile)]
    z = lambda x: (x - x.mean()) / x.std()  # noqa: E731
    for c in ["rca_t0", "rca_t1", "arxiv_sp", "cb_sp", "arxiv_tot", "cb_tot"]:
        f[c] = z(f[c])
    f["arxiv_sp_x_cb_sp"] = z(f["arxiv_sp"] * f["cb_sp"])
    f["arxiv_sp_x_cb_tot"] = z(f["arxiv_sp"] * f["cb_tot"])
    f["is_china"] = z(f["is_china"])
    groups = pd.factorize(f["country_code"])[0]
    fit = sm.OLS(f["rca_t1"], sm.add_constant(f[MODEL_4])).fit(
        cov_type="cluster", cov_kwds={"groups": groups}
    )
    return fit, f
