"""The ground truth of the demo world, as CSV files and ``effects.json``."""

import json

import numpy as np
import pandas as pd

from dl_geography.demo_world import text
from dl_geography.demo_world import vocabularies as voc
from dl_geography.demo_world.serialise import plain

DIR = "truth"


def write(world, out_dir, malformed: list[dict]) -> None:
    """Write the truth tables (papers, affiliations, institutes, regions, organisations,
    malformed records) as CSV and the planted effects as ``effects.json``."""
    d = out_dir / DIR
    d.mkdir(parents=True, exist_ok=True)
    tables = {
        "papers": _papers(world),
        "affiliations": _affiliations(world),
        "institutes": _institutes(world),
        "regions": _regions(world),
        "organizations": _organizations(world),
        "malformed": pd.DataFrame(malformed, columns=["source", "id", "problem"]),
    }
    for name, table in tables.items():
        table.to_csv(d / f"{name}.csv", index=False, lineterminator="\n")
    (d / "effects.json").write_text(
        json.dumps(world.effects, indent=2, sort_keys=True, default=plain) + "\n"
    )


def _papers(world) -> pd.DataFrame:
    """Each paper's truth: CS, DL, its work(s), link kind, lead region, countries and
    institutes (``;``-joined), years, study subjects, citations, planted quirks."""
    p, t, r = world.papers, world.institutes, world.regions
    pi = world.paper_institutes
    inst_id = t["institute_id"].to_numpy()
    inst_cc = t["country_code"].to_numpy()
    by_paper = pi.assign(iid=inst_id[pi["institute"]], cc=inst_cc[pi["institute"]])
    ids = by_paper.groupby("paper")["iid"].agg(";".join)
    ccs = by_paper.drop_duplicates(["paper", "cc"]).groupby("paper")["cc"].agg(";".join)
    n = len(p)
    names = np.array(world.subject_names, dtype=object)
    study = set(voc.SUBJECTS)
    subjects = text.join_codes(
        world.subjects, list(names), ";", keep=np.array([x in study for x in names])
    )
    return pd.DataFrame(
        {
            "paper_id": p["paper_id"],
            "is_cs": p["is_cs"],
            "is_dl": p["is_dl"],
            "work_id": p["work_id"].where(p["published"], ""),
            "published": p["published"],
            "repository_only_work_id": p["work_id"].where(p["repository_only"], ""),
            "link": p["link"],
            "lead_region_id": np.where(
                p["is_cs"], r["region_id"].to_numpy()[p["lead_region_idx"].to_numpy()], ""
            ),
            "country_codes": ccs.reindex(np.arange(n)).fillna("").to_numpy(),
            "institute_ids": ids.reindex(np.arange(n)).fillna("").to_numpy(),
            "year": p["year"],
            "publication_year": np.where(p["published"], p["pub_year"], -1),
            "subjects": subjects,
            "cited_by_count": p["cited_by_count"],
            "short_abstract": p["short_abstract"],
            "shares_title": p["shares_title"],
        }
    )


def _affiliations(world) -> pd.DataFrame:
    """Each distinct raw affiliation string's institute(s), as registry ids ("" when the
    institute is absent from the registry), and whether OpenAlex resolved it."""
    t = world.institutes
    inst_id = t["institute_id"].to_numpy()
    aff = world.affiliations.drop_duplicates("affiliation")
    second = aff["second_institute"].to_numpy()
    in_reg = t["in_registry"].to_numpy()
    return pd.DataFrame(
        {
            "affiliation": aff["affiliation"],
            "institute_id": np.where(in_reg[aff["institute"]], inst_id[aff["institute"]], ""),
            "second_institute_id": np.where(
                second >= 0,
                np.where(in_reg[np.maximum(second, 0)], inst_id[np.maximum(second, 0)], ""),
                "",
            ),
            "ror_given": aff["ror_given"],
        }
    )


def _institutes(world) -> pd.DataFrame:
    """Each institute's truth: registry presence, place (no single region when it has
    several locations), and number of papers."""
    t, r, pi = world.institutes, world.regions, world.paper_institutes
    inst_region = r["region_id"].to_numpy()[t["region_idx"].to_numpy()]
    return pd.DataFrame(
        {
            "institute_id": t["institute_id"].to_numpy(),
            "name": t["display"],
            "kind": t["kind"],
            "in_registry": t["in_registry"],
            "country_code": t["country_code"].to_numpy(),
            "region_id": np.where(t["n_locations"] > 1, "", inst_region),
            "hq_region_id": inst_region,
            "city": t["city"],
            "latitude": t["lat"],
            "longitude": t["lon"],
            "n_locations": t["n_locations"],
            "offshore": t["offshore"],
            "n_papers": np.bincount(pi["institute"], minlength=len(t)),
        }
    )


def _regions(world) -> pd.DataFrame:
    """Each region's planted strengths and shocks, activity, lead papers, organisations."""
    p, r = world.papers, world.regions
    lead = p.loc[p["is_cs"], "lead_region_idx"].to_numpy()
    o = world.organizations
    return pd.DataFrame(
        {
            "region_id": r["region_id"],
            "region": r["region"],
            "country_code": r["country_code"],
            "research_strength": r["research_strength"].round(6),
            "industry_strength": r["industry_strength"].round(6),
            "is_china": r["is_china"],
            "activity": r["activity"].round(8),
            "dl_noise_before": r["dl_noise"].round(6),
            "dl_noise_after": r["dl_noise_after"].round(6),
            "n_lead_papers": np.bincount(lead, minlength=len(r)),
            "n_organizations": np.bincount(o["region_idx"], minlength=len(r)),
        }
    )


def _organizations(world) -> pd.DataFrame:
    """Each organisation's sectors, region, founding year and description kind."""
    o, r = world.organizations, world.regions
    sector_names = np.array(list(voc.SECTORS), dtype=object)
    sec = np.stack(o["sectors"].to_numpy())
    return pd.DataFrame(
        {
            "org_id": o["uuid"],
            "sectors": text.join_codes(sec, list(sector_names), ";"),
            "region_id": r["region_id"].to_numpy()[o["region_idx"]],
            "country_code": r["country_code"].to_numpy()[o["region_idx"]],
            "founded_year": o["founded_year"],
            "has_coordinates": o["lat"].notna(),
            "description_kind": np.where(
                o["foreign_description"],
                "foreign",
                np.where(o["description"] == "", "empty", "english"),
            ),
        }
    )
